/**
 * One previewed fix run, in the background: the org read again through the target and every plan
 * planned again (refused — nothing written — when a plan's commands or the values they change differ
 * from the preview, or its finding is gone); then each command audited before it is sent and after,
 * the first refused, failed or unanswered one stopping the rest; then the org read again, put where
 * every screen reads it, and each finding shown gone or still there (docs/fixes.md, "Safety rules").
 */
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import type { FixProgress, FixStepOutcome, FixStepResult, FixVerification } from '../../../shared/fixes/fix-channels';
import { type FixCommand, type FixPlan, findingKey } from '../../../shared/fixes/fix-model';
import { commandText } from '../../../shared/fixes/command-text';
import { type Language, renderDiagnostic, translateDynamic, UserError } from '../../../shared/i18n/translate';
import type { OrgModel } from '../../../shared/model/org';
import { psQuote } from '../../../shared/powershell/quote';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import type { AuditEntryHandle, AuditLog } from '../audit/audit-log';
import { answerNeverCame } from '../contacts/contact-writer';
import type { WriteTarget } from '../contacts/write-target';
import type { LoadedOrg } from '../org-service';

/** What a preview stored for its token: the plans exactly as shown, and how to plan them again. */
export interface StoredFixPreview {
  readonly targetKind: 'lab' | 'live';
  readonly profile: string;
  /** Every plan shown (manual ones too: their indexes are the preview's). A user's reason's plan has a user key (`userFindingKey`): it is planned again for that user. */
  readonly plans: readonly FixPlan[];
}

/** The findings of an org as read again, and the plans they give now (the fix service binds the planner). */
export interface Replanner {
  /** The org read again through the target and made the org every screen shows. */
  readAgain(): Promise<LoadedOrg>;
  /** The findings the preview's plans are for, as judged on `l`, by key (findingKey; userFindingKey for a user's reasons). */
  findings(l: LoadedOrg, stored: StoredFixPreview): ReadonlyMap<string, Diagnostic>;
  /** The plans the findings give now, by key, planned together as the preview planned them (planFixes merges their list writes). */
  plan(found: readonly { readonly key: string; readonly finding: Diagnostic }[], org: OrgModel): ReadonlyMap<string, FixPlan>;
}

export interface FixRunDeps {
  readonly target: WriteTarget;
  readonly audit: AuditLog;
  readonly replanner: Replanner;
  readonly language: Language;
  /** Asked between two steps: true stops the run. */
  readonly stopRequested: () => boolean;
  /** The run moved (publish the progress event). */
  readonly changed: () => void;
}

/** The run's state as it moves; `snapshot()` is the contract's FixProgress. */
export class FixRun {
  phase: FixProgress['phase'] = 'rechecking';
  running = true;
  done = 0;
  stopped = false;
  readonly steps: FixStepResult[] = [];
  verification: FixVerification | null = null;
  message: string | null = null;
  readonly total: number;

  constructor(readonly stored: StoredFixPreview) {
    this.total = stored.plans.reduce((n, p) => n + (p.kind === 'cmdlet' ? p.commands.length : 0), 0);
  }

  snapshot(): FixProgress {
    return {
      phase: this.phase,
      running: this.running,
      done: this.done,
      total: this.total,
      stopped: this.stopped,
      steps: [...this.steps],
      verification: this.verification,
      message: this.message,
    };
  }
}

/** A parameter list as the host binds it: typed values, never script text. */
export function toParameters(cmd: Pick<FixCommand, 'parameters'>): Parameters {
  const p: Record<string, Parameters[string]> = {};
  for (const { name, value } of cmd.parameters) p[name] = value;
  return p;
}

/** The audit log keeps strings and booleans (shared/audit/audit-model.ts): a number as its digits, a list as PowerShell's list text. */
export function auditParameters(cmd: Pick<FixCommand, 'parameters'>): { name: string; value: string | boolean }[] {
  return cmd.parameters.map(({ name, value }) => ({
    name,
    value: typeof value === 'boolean' || typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value.length === 0 ? '@()' : value.map(psQuote).join(','),
  }));
}

/** The object a command changes as the preview showed it, and as the command leaves it. */
export function objectState(cmd: FixCommand, side: 'before' | 'after'): unknown {
  if (side === 'before' && cmd.target === null) return null;
  return { target: cmd.target, properties: Object.fromEntries(cmd.changes.map((c) => [c.property, c[side]])) };
}

/** What a command does, for comparing a plan made again with the one shown. */
function commandShape(c: FixCommand): string {
  return JSON.stringify([c.shell, c.cmdlet, c.parameters, c.target, c.changes]);
}

/** The properties whose value now differs from the preview's (names for the message); empty: the plan is the same. */
export function planDifferences(shown: FixPlan, now: FixPlan): string[] {
  if (shown.kind !== now.kind || shown.commands.length !== now.commands.length) return ['commands'];
  const names = new Set<string>();
  shown.commands.forEach((c, i) => {
    const n = now.commands[i]!;
    if (commandShape(c) === commandShape(n)) return;
    const before = new Map(n.changes.map((x) => [x.property, x]));
    let named = false;
    for (const ch of c.changes) {
      const other = before.get(ch.property);
      if (!other || other.before !== ch.before || other.after !== ch.after) {
        names.add(ch.property);
        named = true;
      }
    }
    if (!named) names.add(`${c.cmdlet} parameters`);
  });
  return [...names];
}

function errorText(e: unknown, language: Language): string {
  if (e instanceof UserError) return e.render(language);
  if (e instanceof PowerShellError) return e.info.message;
  return e instanceof Error ? e.message : String(e);
}

const objectsText = (p: FixPlan) => p.finding.slice(p.finding.indexOf('|') + 1) || '-';

/** Runs a previewed fix; resolves when it ended (whatever the outcome: it never throws). */
export async function runFix(run: FixRun, deps: FixRunDeps): Promise<void> {
  const { stored } = run;
  const language = deps.language;
  const lang = deps.language;
  const t = deps.target;
  const plans = stored.plans;
  const cmdletPlans = plans.map((p, i) => ({ p, i })).filter((x) => x.p.kind === 'cmdlet' && x.p.commands.length > 0);
  const pushRest = (from: { plan: number; command: number } | null, outcome: FixStepOutcome, key: string) => {
    let after = from === null;
    for (const { p, i } of cmdletPlans)
      p.commands.forEach((c, j) => {
        if (!after) {
          if (from && i === from.plan && j === from.command) after = true;
          return;
        }
        run.steps.push({ plan: i, command: j, text: commandText(c), outcome, message: translateDynamic(lang, key), auditId: null });
      });
  };
  try {
    const operator = await t.operator().catch(() => 'unknown');
    // 1. Rechecking: the org as the servers hold it now, planned again.
    const l = await deps.replanner.readAgain();
    const now = deps.replanner.findings(l, stored);
    const stale: { p: FixPlan; i: number; details: string; replanned: FixPlan | null }[] = [];
    const replanned = deps.replanner.plan(
      cmdletPlans.flatMap(({ p }) => {
        const f = now.get(p.finding);
        return f ? [{ key: p.finding, finding: f }] : [];
      }),
      l.org,
    );
    for (const { p, i } of cmdletPlans) {
      const again = replanned.get(p.finding);
      if (!again) {
        stale.push({ p, i, details: translateDynamic(lang, 'fixes.stale.gone', { rule: p.rule, objects: objectsText(p) }), replanned: null });
        continue;
      }
      const diff = planDifferences(p, again);
      if (diff.length) stale.push({ p, i, details: translateDynamic(lang, 'fixes.stale.changed', { rule: p.rule, objects: objectsText(p), properties: diff.join(', ') }), replanned: again });
    }
    if (stale.length) {
      // Nothing is written when any plan is stale; each stale one is audited as refused-because-changed.
      for (const s of stale) {
        const first = s.p.commands[0]!;
        const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: first.cmdlet, parameters: auditParameters(first), before: objectState(first, 'before') });
        const enDetails = s.replanned
          ? translateDynamic('en', 'fixes.stale.changed', { rule: s.p.rule, objects: objectsText(s.p), properties: planDifferences(s.p, s.replanned).join(', ') })
          : translateDynamic('en', 'fixes.stale.gone', { rule: s.p.rule, objects: objectsText(s.p) });
        await entry.finish({ outcome: 'stale', message: enDetails, after: s.replanned?.commands[0] ? objectState(s.replanned.commands[0], 'before') : null });
        s.p.commands.forEach((c, j) =>
          run.steps.push({
            plan: s.i,
            command: j,
            text: commandText(c),
            outcome: 'stale',
            message: j === 0 ? s.details : translateDynamic(lang, 'fixes.step.stale'),
            auditId: j === 0 ? entry.id : null,
          }),
        );
      }
      const staleIdx = new Set(stale.map((s) => s.i));
      for (const { p, i } of cmdletPlans)
        if (!staleIdx.has(i))
          p.commands.forEach((c, j) => run.steps.push({ plan: i, command: j, text: commandText(c), outcome: 'not-run', message: translateDynamic(lang, 'fixes.step.notRun'), auditId: null }));
      run.stopped = true;
      run.message = translateDynamic(lang, 'fixes.run.stale', { details: stale.map((s) => s.details).join(' ') });
      return;
    }

    // 2. Applying: each command audited before (intent) and after (outcome); the first that does not apply stops the rest.
    run.phase = 'applying';
    deps.changed();
    const unknown: { entry: AuditEntryHandle; plan: FixPlan; cmd: FixCommand; step: FixStepResult }[] = [];
    let applied = 0;
    let halted = false;
    outer: for (const { p, i } of cmdletPlans) {
      for (let j = 0; j < p.commands.length; j++) {
        const cmd = p.commands[j]!;
        if (deps.stopRequested()) {
          run.stopped = true;
          pushRest(j === 0 ? previousStep(cmdletPlans, i) : { plan: i, command: j - 1 }, 'not-run', 'fixes.step.notRun');
          run.message = translateDynamic(lang, 'fixes.run.stopped', { applied, notRun: run.total - applied });
          halted = true;
          break outer;
        }
        const text = commandText(cmd);
        const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: cmd.cmdlet, parameters: auditParameters(cmd), before: objectState(cmd, 'before') });
        let outcome: FixStepOutcome = 'applied';
        let message = translateDynamic(lang, 'fixes.step.applied');
        try {
          const call = cmd.shell === 'exchange' ? t.exchange : t.skype;
          const r = await call(cmd.cmdlet, toParameters(cmd), 'write');
          await entry.finish({ outcome: 'applied', message: r.warnings.length ? `${cmd.cmdlet}: ${r.warnings.join(' ')}` : cmd.cmdlet, after: objectState(cmd, 'after') });
          applied++;
        } catch (e) {
          const detailEn = errorText(e, 'en');
          if (answerNeverCame(e)) {
            outcome = 'unknown';
            message = translateDynamic(lang, 'fixes.noAnswer', { cmdlet: cmd.cmdlet, detail: errorText(e, lang) });
            await entry.finish({ outcome: 'unknown', message: translateDynamic('en', 'fixes.noAnswer', { cmdlet: cmd.cmdlet, detail: detailEn }), after: null });
          } else {
            outcome = e instanceof PowerShellError ? 'refused' : 'failed';
            message = errorText(e, lang);
            await entry.finish({ outcome, message: detailEn, after: null });
          }
        }
        const step: FixStepResult = { plan: i, command: j, text, outcome, message, auditId: entry.id };
        run.steps.push(step);
        run.done++;
        deps.changed();
        if (outcome !== 'applied') {
          if (outcome === 'unknown') unknown.push({ entry, plan: p, cmd, step });
          pushRest({ plan: i, command: j }, 'not-run', 'fixes.step.notRun');
          run.stopped = true;
          const appliedTexts = run.steps.filter((s) => s.outcome === 'applied').map((s) => s.text);
          const notRun = run.steps.filter((s) => s.outcome === 'not-run').map((s) => s.text);
          run.message = translateDynamic(lang, 'fixes.run.failed', {
            step: run.done,
            cmdlet: cmd.cmdlet,
            outcome: translateDynamic(lang, `fixes.outcome.${outcome}`),
            detail: message,
            applied: appliedTexts.length ? appliedTexts.join('; ') : translateDynamic(lang, 'fixes.run.none'),
            notRun: notRun.length ? notRun.join('; ') : translateDynamic(lang, 'fixes.run.none'),
          });
          halted = true;
          break outer;
        }
      }
    }
    if (!halted) run.message = translateDynamic(lang, 'fixes.run.applied', { count: applied });

    // 3. Reading: the org read again, every screen and the rules see it; each finding gone or still there.
    run.phase = 'reading';
    deps.changed();
    let after: LoadedOrg;
    try {
      after = await deps.replanner.readAgain();
    } catch (e) {
      for (const u of unknown) await u.entry.settle({ outcome: 'unknown', message: translateDynamic('en', 'fixes.settled.readFailed'), read: null });
      run.message = `${run.message ?? ''} ${translateDynamic(lang, 'fixes.run.readFailed', { detail: errorText(e, lang) })}`.trim();
      return;
    }
    const found = deps.replanner.findings(after, stored);
    const gone: string[] = [];
    const remaining: { finding: string; message: string }[] = [];
    for (const { p } of cmdletPlans) {
      const f = found.get(p.finding);
      if (f) remaining.push({ finding: p.finding, message: renderDiagnostic(language, f).message });
      else gone.push(p.finding);
    }
    run.verification = { gone, remaining };
    // A command whose answer never came: what the org now holds settles it.
    const stillThere = deps.replanner.plan(
      unknown.flatMap((u) => {
        const f = found.get(u.plan.finding);
        return f ? [{ key: u.plan.finding, finding: f }] : [];
      }),
      after.org,
    );
    for (const u of unknown) {
      const f = found.get(u.plan.finding);
      const again = stillThere.get(u.plan.finding) ?? null;
      const settled = !f ? 'applied' : again && planDifferences(u.plan, again).length === 0 ? 'failed' : 'unknown';
      await u.entry.settle({ outcome: settled, message: translateDynamic('en', `fixes.settled.${settled}`), read: again?.commands[0] ? objectState(again.commands[0], 'before') : null });
      const at = run.steps.indexOf(u.step);
      if (at >= 0) run.steps[at] = { ...u.step, message: `${u.step.message} ${translateDynamic(lang, `fixes.settled.${settled}`)}` };
    }
  } catch (e) {
    // The read before writing failed, or the audit log could not be written: the rest is not run.
    run.stopped = true;
    const last = run.steps.at(-1);
    pushRest(last ? { plan: last.plan, command: last.command } : null, 'not-run', 'fixes.step.notRun');
    run.message = errorText(e, lang);
  } finally {
    run.phase = 'done';
    run.running = false;
    deps.changed();
  }
}

/** The step just before plan `i`'s first command (null: none), for listing what was not run. */
function previousStep(plans: readonly { p: FixPlan; i: number }[], i: number): { plan: number; command: number } | null {
  const at = plans.findIndex((x) => x.i === i);
  for (let k = at - 1; k >= 0; k--) {
    const q = plans[k]!;
    if (q.p.commands.length) return { plan: q.i, command: q.p.commands.length - 1 };
  }
  return null;
}

/** The findings by key, in order; of findings sharing a key (they name the same objects), the first. */
export function byKey(findings: readonly Diagnostic[]): Map<string, Diagnostic> {
  const out = new Map<string, Diagnostic>();
  for (const f of findings) {
    const k = findingKey(f);
    if (!out.has(k)) out.set(k, f);
  }
  return out;
}
