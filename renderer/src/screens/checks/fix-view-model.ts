/**
 * The pure parts of the Fix… flow on screen (docs/fixes.md, "On screen"): what a finding breaks as
 * sentences, which rules get "Fix all of this kind", the preview's rows (what changes, -WhatIf per
 * command) and how a run reads (each step's outcome, what was and was not applied, the verification).
 * No React, no DOM: unit-tested in test/unit/renderer/screens/checks/fix-view-model.test.ts.
 */
import type { FindingImpact, FixKind } from '../../../../shared/fixes/fix-model';
import type { FixObjectNow, FixPreview, FixPreviewPlan, FixProgress, FixStepOutcome, FixStepResult, WhatIfResult } from '../../../../shared/fixes/fix-channels';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { findingKey } from '../../../../shared/fixes/fix-model';
import type { MessageKey } from '../../../../shared/i18n/en';

export interface UiMessage {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * The `fixes.preview` request for a set of findings: a user's voice-mail reasons (keys `R-U-xx|user:<sip>`,
 * userFindingKey) are planned from that user's verdict, so the keys of one user go as `{ user }`;
 * anything else as `{ findings }`.
 */
export function previewRequest(request: { readonly findings: readonly string[] } | { readonly rule: string }): { findings: string[] } | { rule: string } | { user: string } {
  if ('rule' in request) return { rule: request.rule };
  const users = new Set(request.findings.map((k) => /^R-U-[^|]*\|user:(.+)$/.exec(k)?.[1] ?? null));
  if (users.size === 1 && !users.has(null)) return { user: [...users][0]! };
  return { findings: [...request.findings] };
}

/** One key per count: the i18n layer has no plural rules, and "1 users" reads wrong in both languages. */
function counted(count: number, one: MessageKey, other: MessageKey): UiMessage {
  return count === 1 ? { key: one } : { key: other, params: { count } };
}

/** What a finding breaks, worst first: users without voice mail, numbers unreachable, calls dropped. Empty: nothing known. */
export function impactLines(impact: FindingImpact | undefined): UiMessage[] {
  if (!impact) return [];
  const lines: UiMessage[] = [];
  if (impact.users > 0) lines.push(counted(impact.users, 'fixes.ui.impact.users.one', 'fixes.ui.impact.users.other'));
  if (impact.numbers > 0) lines.push(counted(impact.numbers, 'fixes.ui.impact.numbers.one', 'fixes.ui.impact.numbers.other'));
  if (impact.callsDropped) lines.push({ key: 'fixes.ui.impact.calls' });
  return lines;
}

/** The rules with at least two findings the console can fix by cmdlet, among those shown: each gets "Fix all of this kind (N)". */
export function fixAllCounts(findings: readonly Diagnostic[], fixKinds: Readonly<Record<string, FixKind>>): ReadonlyMap<string, number> {
  const perRule = new Map<string, number>();
  for (const f of findings) if (fixKinds[findingKey(f)] === 'cmdlet') perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of [...perRule]) if (n < 2) perRule.delete(rule);
  return perRule;
}

/** What the finding card offers: Fix… (a cmdlet fix and a writable session), the Manual badge, or nothing (read-only: the dialog would only say why). */
export function cardAction(kind: FixKind | undefined): 'fix' | 'manual' | null {
  if (kind === 'cmdlet') return 'fix';
  if (kind === 'manual') return 'manual';
  return null;
}

/** One row of the "what changes" table: the object (label, or "new object" for a creation), the property, now → after. */
export interface ChangeRow {
  readonly command: number;
  readonly object: string | null;
  readonly property: string;
  readonly before: string | null;
  readonly after: string | null;
}

export function changeRows(plan: Pick<FixPreviewPlan, 'commands'>, objects: readonly FixObjectNow[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  plan.commands.forEach((cmd, i) => {
    const target = cmd.target;
    const object = target ? (objects.find((o) => o.kind === target.kind && o.id === target.id)?.label ?? target.id) : null;
    for (const c of cmd.changes) rows.push({ command: i, object, property: c.property, before: c.before, after: c.after });
  });
  return rows;
}

/** The -WhatIf answer for one command of one plan; null: the cmdlet takes no -WhatIf (or it was not run). */
export function whatIfFor(results: readonly WhatIfResult[], plan: number, command: number): WhatIfResult | null {
  return results.find((w) => w.plan === plan && w.command === command) ?? null;
}

/** Apply is offered only for a token the main process gave: a writable session and something to run (a -WhatIf refusal is shown; main decides). */
export function canApply(preview: FixPreview): boolean {
  return preview.access.writable && preview.token !== null && preview.commandCount > 0;
}

/** The dialog's title: the one finding's rule title, or how many findings. */
export function dialogTitle(preview: Pick<FixPreview, 'plans'> | null, requested: number): UiMessage {
  const count = preview ? preview.plans.length : requested;
  return count === 1 ? { key: 'fixes.ui.dialog.title.one' } : { key: 'fixes.ui.dialog.title.many', params: { count } };
}

/** Each outcome's look: Alert/Chip colour and a glyph, so the state never rests on colour alone. */
export const OUTCOME_LOOK: Readonly<Record<FixStepOutcome | 'pending', { readonly color: 'success' | 'error' | 'warning' | 'default'; readonly glyph: string }>> = {
  applied: { color: 'success', glyph: '✓' },
  refused: { color: 'error', glyph: '✕' },
  failed: { color: 'error', glyph: '✕' },
  unknown: { color: 'warning', glyph: '?' },
  stale: { color: 'warning', glyph: '!' },
  'not-run': { color: 'default', glyph: '–' },
  pending: { color: 'default', glyph: '…' },
};

/** The run's headline. */
export function phaseLine(p: Pick<FixProgress, 'phase' | 'done' | 'total'>): UiMessage {
  if (p.phase === 'applying') return { key: 'fixes.ui.phase.applying', params: { done: Math.min(p.done + 1, p.total), total: p.total } };
  if (p.phase === 'done') return { key: 'fixes.ui.phase.done', params: { done: p.done, total: p.total } };
  return { key: `fixes.ui.phase.${p.phase}` as const };
}

/** The run's steps as a list to show: the outcomes so far, and the preview's commands still to come as "waiting". */
export interface RunRow {
  readonly plan: number;
  readonly command: number;
  readonly text: string;
  readonly outcome: FixStepOutcome | 'pending';
  readonly message: string;
  readonly auditId: string | null;
}

export function runRows(preview: Pick<FixPreview, 'plans'>, progress: Pick<FixProgress, 'steps'>): RunRow[] {
  const seen = new Map<string, FixStepResult>();
  for (const s of progress.steps) seen.set(`${s.plan}:${s.command}`, s);
  const rows: RunRow[] = [];
  preview.plans.forEach((plan, p) => {
    plan.commandText.forEach((text, c) => {
      const s = seen.get(`${p}:${c}`);
      rows.push(s ? { ...s } : { plan: p, command: c, text, outcome: 'pending', message: '', auditId: null });
      seen.delete(`${p}:${c}`);
    });
  });
  // Steps the preview did not list (never expected; shown rather than hidden).
  for (const s of seen.values()) rows.push({ ...s });
  return rows;
}

/** Whether the run wrote anything (the screens behind must read the org again). */
export function wroteSomething(progress: Pick<FixProgress, 'steps'>): boolean {
  return progress.steps.some((s) => s.outcome === 'applied' || s.outcome === 'unknown');
}

/** The run refused at the re-read: some objects changed since the preview, nothing written. */
export function isStale(progress: Pick<FixProgress, 'steps'>): boolean {
  return progress.steps.some((s) => s.outcome === 'stale') && !wroteSomething(progress);
}
