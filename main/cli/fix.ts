/**
 * `umc fix RULE-ID|--all [--dry-run] [--yes] [--exchange X --skype Y [--user DOMAIN\user]] [--json]
 * [--lang en|fr]`: the console's fix actions on the command line (docs/fixes.md, "umc fix") — the same
 * services, plans, preview, stale check, audit log and verification as the Fix… dialog. On the lab org
 * (the user's copy, shared with the desktop console) by default, so the next `umc check` sees the fixes;
 * a snapshot file is read-only and refused.
 *
 * `--all` repeats rounds — plan, apply, read again — while the org read again still has findings a
 * cmdlet fixes and the last round removed at least one (a fix can reveal another: a new gateway needs
 * its hunt groups), at most MAX_ROUNDS; then prints what is left, each manual finding with why the
 * console cannot fix it. Exit 0 when no finding a cmdlet fixes remains (of the rule, or at all), 1 when
 * some remain or a step did not apply, 2 bad input.
 */
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import type { FixPreview, FixProgress } from '../../shared/fixes/fix-channels';
import { findingKey, type FixPlan } from '../../shared/fixes/fix-model';
import { planFixes } from '../../shared/fixes/fix-planner';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, renderDiagnostic, renderMessage, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import type { MainServices } from '../compose';
import { INTERRUPTED, oneLine, requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';
import { type CliWriteIo, failLine, openCliServices } from './cli-services';

/** Rounds of `--all` at most: each must remove a finding, so this only bounds a fix that reveals ever more. */
export const MAX_ROUNDS = 5;

export interface FixIo extends CliWriteIo {
  /** Ctrl+C: the run stops between two steps (the step under way finishes), no further round; exit 130. */
  readonly signal?: AbortSignal;
}

interface FixOptions extends OrgSourceArgs {
  rule: string | null;
  all: boolean;
  dryRun: boolean;
  yes: boolean;
  json: boolean;
}

export function parseFix(args: readonly string[]): FixOptions {
  const o: FixOptions = { rule: null, all: false, dryRun: false, yes: false, json: false, exchange: null, skype: null, user: null, lang: null };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--all') o.all = a.flag();
      else if (a.name === '--dry-run') o.dryRun = a.flag();
      else if (a.name === '--yes') o.yes = a.flag();
      else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--snapshot') {
        a.value();
        throw cliError('cli.fix.snapshot');
      } else return orgSourceOption(a, o);
      return true;
    },
    positional: (p) => {
      if (o.rule !== null || !/^[A-Za-z]+(-[A-Za-z0-9]+)+$/.test(p)) throw cliError('cli.unknownOption', { option: p });
      o.rule = p.toUpperCase();
    },
  });
  if ((o.rule === null) === !o.all) throw cliError('cli.fix.needsRule');
  checkServerOptions(o);
  return o;
}

const isCmdletPlan = (p: FixPlan) => p.kind === 'cmdlet' && p.commands.length > 0;

function previewText(p: FixPreview, language: Language): string {
  const t = (k: MessageKey, params?: Params) => translate(language, k, params);
  const lines: string[] = [];
  p.plans.forEach((plan, i) => {
    lines.push(`${plan.rule}  ${oneLine(plan.message)}`);
    lines.push(`  ${t('cli.fix.impact', { users: plan.impact.users, numbers: plan.impact.numbers, dropped: plan.impact.callsDropped ? t('cli.fix.dropped') : '' })}`);
    if (plan.kind === 'cmdlet' && plan.commands.length) {
      lines.push(`  ${t('cli.fix.commands')}`);
      for (const c of plan.commandText) lines.push(`    ${c}`);
      const changes = plan.commands.flatMap((c) => c.changes.map((ch) => ({ object: c.target ? c.target.id : c.cmdlet, ch })));
      if (changes.length) {
        lines.push(`  ${t('cli.fix.changes')}`);
        for (const { object, ch } of changes) lines.push(`    ${t('cli.fix.change', { object, property: ch.property, before: ch.before ?? '∅', after: ch.after ?? '∅' })}`);
      }
      for (const w of p.whatIf.filter((x) => x.plan === i))
        lines.push(`    ${t('cli.fix.whatIf', { command: plan.commands[w.command]?.cmdlet ?? '?', message: `${t(w.ok ? 'cli.fix.whatIfOk' : 'cli.fix.whatIfRefused')} — ${oneLine(w.message)}` })}`);
    } else if (plan.whyManual) lines.push(`  ${t('cli.fix.whyManual', { why: renderMessage(language, plan.whyManual) })}`);
    if (plan.meanwhile.length) {
      lines.push(`  ${t('cli.fix.meanwhile')}`);
      for (const m of plan.meanwhile) lines.push(`    ${renderMessage(language, m)}`);
    }
    if (plan.manual.length) {
      lines.push(`  ${t('cli.fix.manual')}`);
      for (const m of plan.manual) {
        lines.push(`    - ${renderMessage(language, m.message)}`);
        if (m.check) lines.push(`      ${t('cli.fix.check', { check: m.check })}`);
      }
    }
    lines.push('');
  });
  if (!p.access.writable && p.access.reason) lines.push(t('cli.fix.readonly', { reason: renderMessage(language, p.access.reason) }));
  return lines.join('\n') + '\n';
}

function progressText(progress: FixProgress, language: Language): string {
  // English keeps the contract's word (APPLIED, REFUSED…) scripts and logs know; French says it (the Fix… dialog's words). The command is PowerShell.
  const lines = progress.steps.map((s, i) => {
    const outcome = language === 'en' ? s.outcome : translateDynamic(language, `fixes.ui.outcome.${s.outcome}`);
    const head = `[${i + 1}/${progress.steps.length}] ${outcome.toUpperCase()}  ${s.text}`;
    return s.outcome === 'applied' ? head : `${head}\n        ${oneLine(s.message)}`;
  });
  if (progress.verification) {
    for (const g of progress.verification.gone) lines.push(translate(language, 'cli.fix.gone', { finding: g }));
    for (const r of progress.verification.remaining) lines.push(translate(language, 'cli.fix.remaining', { finding: r.finding, message: oneLine(r.message) }));
  }
  if (progress.message) lines.push(oneLine(progress.message));
  return lines.join('\n') + '\n';
}

interface Left {
  readonly finding: Diagnostic;
  readonly plan: FixPlan;
}

async function leftOver(services: MainServices, rule: string | null): Promise<Left[]> {
  const l = await services.org.current();
  const findings = rule === null ? l.findings : l.findings.filter((f) => f.rule === rule);
  const plans = planFixes(findings, l.org);
  return findings.map((finding, i) => ({ finding, plan: plans[i]! }));
}

export async function runFix(args: readonly string[], io: FixIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = failLine(io.err, () => language);
  let o: FixOptions;
  try {
    o = parseFix(args);
    language = o.lang ?? language;
  } catch (e) {
    return fail(e);
  }
  let services: MainServices | null = null;
  const t = (k: MessageKey, params?: Params) => translate(language, k, params);
  try {
    services = await openCliServices(o, io, language);
    const fixes = services.fixes;
    const onAbort = () => void fixes.stop();
    io.signal?.addEventListener('abort', onAbort);
    const rounds: { preview: FixPreview; progress: FixProgress | null }[] = [];
    let applied = 0;
    let failed = false;
    for (let round = 1; round <= (o.all ? MAX_ROUNDS : 1) && !io.signal?.aborted; round++) {
      let preview: FixPreview;
      try {
        preview = await fixes.preview(o.all ? { all: true } : { rule: o.rule! }, language);
      } catch (e) {
        // --all on an org with no finding left, or a rule with no finding: nothing to do.
        if (e instanceof UserError && e.detail.key === 'fixes.error.noFinding') break;
        throw e;
      }
      const entry: { preview: FixPreview; progress: FixProgress | null } = { preview, progress: null };
      rounds.push(entry);
      if (!o.json) {
        if (o.all) io.out(t('cli.fix.round', { round, plans: preview.plans.length, commands: preview.commandCount }) + '\n\n');
        io.out(previewText(preview, language));
      }
      if (preview.commandCount === 0) {
        if (!o.json) io.out(t('cli.fix.nothing') + '\n');
        break;
      }
      if (o.dryRun || !preview.token) {
        failed = failed || !preview.token;
        break;
      }
      const question = t('cli.fix.confirm', { commands: preview.commandCount, target: preview.access.target ?? '' });
      const go = o.yes || (io.confirm ? await io.confirm(question) : false);
      if (!go || io.signal?.aborted) {
        io.err(`umc: ${t(io.confirm ? 'cli.fix.notConfirmed' : 'cli.fix.needsYes')}\n`);
        failed = true;
        break;
      }
      await fixes.apply(preview.token, language);
      const progress = await fixes.settled();
      entry.progress = progress;
      applied += progress.steps.filter((s) => s.outcome === 'applied').length;
      if (!o.json) io.out(progressText(progress, language) + '\n');
      if (progress.stopped || progress.steps.some((s) => s.outcome !== 'applied')) {
        failed = true;
        break;
      }
      // Another round only when this one removed a finding and findings a cmdlet fixes remain.
      if ((progress.verification?.gone.length ?? 0) === 0) break;
      if (!(await leftOver(services, null)).some((x) => isCmdletPlan(x.plan))) break;
    }

    const left = await leftOver(services, o.all ? null : o.rule);
    const cmdletLeft = left.filter((x) => isCmdletPlan(x.plan));
    if (o.json) {
      io.out(
        JSON.stringify(
          {
            rounds: rounds.map((r) => ({
              plans: r.preview.plans.map((p) => ({ finding: p.finding, rule: p.rule, kind: p.kind, commands: p.commandText, impact: p.impact })),
              whatIf: r.preview.whatIf,
              access: r.preview.access,
              steps: r.progress?.steps ?? [],
              verification: r.progress?.verification ?? null,
              message: r.progress?.message ?? null,
            })),
            applied,
            left: left.map((x) => ({
              finding: findingKey(x.finding),
              rule: x.finding.rule,
              kind: isCmdletPlan(x.plan) ? 'cmdlet' : 'manual',
              message: renderDiagnostic(language, x.finding).message,
              whyManual: x.plan.whyManual ? renderMessage(language, x.plan.whyManual) : null,
            })),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      io.out(t('cli.fix.left', { count: left.length }) + '\n');
      for (const x of left) {
        const message = oneLine(renderDiagnostic(language, x.finding).message);
        if (isCmdletPlan(x.plan)) io.out(`  ${t('cli.fix.leftCmdlet', { rule: x.finding.rule, message })}\n`);
        else
          io.out(`  ${t('cli.fix.leftManual', { rule: x.finding.rule, message, why: x.plan.whyManual ? renderMessage(language, x.plan.whyManual) : translateDynamic(language, 'fixes.run.none') })}\n`);
      }
      io.out(t('cli.fix.summary', { rounds: rounds.length, applied, left: cmdletLeft.length }) + '\n');
    }
    io.signal?.removeEventListener('abort', onAbort);
    if (io.signal?.aborted) return INTERRUPTED;
    return failed || cmdletLeft.length > 0 ? 1 : 0;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}
