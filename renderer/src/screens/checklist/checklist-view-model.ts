/**
 * The pure parts of the Checklist screen (docs/checklist.md, docs/fixes.md "On screen"): each status's
 * look (colour and glyph, never colour alone), the progress line, the first step still to do, what a
 * step's action button is, and who does a step. No React, no DOM.
 */
import type { Checklist, ChecklistStep, StepRole, StepStatus } from '../../../../shared/checklist/checklist-model';
import { FIX_ROLES, type FixRole } from '../../../../shared/diagnostics/diagnostic';

export interface StatusLook {
  readonly color: 'success' | 'error' | 'warning' | 'default';
  /** A glyph beside the word: the status reads in grey scale and to a screen reader (the word is the label). */
  readonly glyph: string;
}

export const STATUS_LOOK: Readonly<Record<StepStatus, StatusLook>> = {
  done: { color: 'success', glyph: '✓' },
  'not-done': { color: 'error', glyph: '✕' },
  partly: { color: 'warning', glyph: '◐' },
  'not-judged': { color: 'default', glyph: '?' },
};

/** 0–100 for the bar; an empty list counts as done (nothing to do). */
export function progressPercent(c: Pick<Checklist, 'done' | 'total'>): number {
  if (c.total <= 0) return 100;
  return Math.round((Math.min(c.done, c.total) / c.total) * 100);
}

/** The first step not done, in order (partly and not-judged count as not done): where the admin starts. */
export function firstUndone(steps: readonly ChecklistStep[]): ChecklistStep | null {
  return [...steps].sort((a, b) => a.order - b.order).find((s) => s.status !== 'done') ?? null;
}

/**
 * The step's button: "Fix…" when the console can run its findings' fixes and the session may write;
 * "Show manual steps" when it is done by hand (a manual step, or a manual action); none when done or
 * nothing is known to do. A cmdlet step on a read-only session still opens the dialog, which says why
 * nothing can be applied.
 */
export function stepAction(step: Pick<ChecklistStep, 'status' | 'manual' | 'action' | 'instructions'>): 'fix' | 'manual' | null {
  if (step.status === 'done') return null;
  if (step.action?.kind === 'cmdlet' && step.action.findings.length > 0) return 'fix';
  if (step.manual || step.action?.kind === 'manual' || step.instructions !== null) return 'manual';
  return null;
}

/** Missing items shown before "Show N more": a step with a hundred users not enabled stays one screen tall. */
export const MISSING_SHOWN = 8;

/** The missing items to show, and how many more there are. */
export function visibleMissing<T>(missing: readonly T[], expanded: boolean): { readonly shown: readonly T[]; readonly more: number } {
  if (expanded || missing.length <= MISSING_SHOWN) return { shown: missing, more: 0 };
  return { shown: missing.slice(0, MISSING_SHOWN), more: missing.length - MISSING_SHOWN };
}

/** The i18n key of a role: seed 000's roles are the users screen's labels; the groups seeds 001 and 004 add are ours. */
export function roleKey(role: StepRole): string {
  return (FIX_ROLES as readonly string[]).includes(role) ? `users.role.${role as FixRole}` : `checklist.ui.roleName.${role}`;
}
