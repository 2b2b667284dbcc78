/**
 * `umc`: the console's services on the command line, for jump hosts without a desktop and for
 * scheduled checks.
 *   `umc check [--lab | --snapshot FILE] [--trusted-roots FILE] [--json] [--lang en|fr]` (the lab: the user's copy once written)
 *   `umc fix RULE-ID|--all [--dry-run] [--yes] [--exchange X --skype Y [--user DOMAIN\user]] [--json]` (fix.ts)
 *   `umc capture (--endpoint lab | --exchange X --skype Y [--user DOMAIN\user] [--ssh-key FILE]) --out FILE` (capture.ts)
 *   `umc cert inspect FILE... [--password-file F] [--fqdn NAME] [--purpose P] [--json] [--lang en|fr]` (cert.ts)
 *   `umc contacts list|export FILE|import FILE [--dry-run] [--yes]` (contacts.ts)
 *   `umc user QUERY [--json]`, `umc users check [--csv FILE] [--json] [--out report.html]` (users.ts)
 *   `umc known-hosts list [--json] | approve HOST:PORT --fingerprint SHA256:… | remove HOST:PORT` (known-hosts.ts)
 *   `umc probe TARGET... [--timeout MS] [--concurrency N] [--ca FILE] [--client-cert F --client-key F] [--json] [--lang en|fr]` (probe.ts)
 *
 * Exit codes: 0 no error-severity finding (check) / snapshot written (capture), 1 at least one error
 * finding, 2 bad input or a failed capture (one line on stderr, no stack), 130 interrupted.
 */
import { join } from 'node:path';
import { type CapturePhase, INTERRUPTED, runCapture } from './capture';
import { runCert } from './cert';
import { runConnectTest } from './connect-test';
import { runKnownHosts } from './known-hosts';
import { runProbe } from './probe';
import { confirmOnTerminal, type ContactsIo, runContacts } from './contacts';
import { runUsers } from './users';
import { runFix } from './fix';
import { runChecklist } from './checklist';
import { promptPassword } from './password-prompt';
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import { formatDateTime, type Language, languageFromLocale, renderDiagnostic, renderMessage, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { inventoryOf } from '../services/certificate-service';
import { analyseOrg, labelOf, type LoadedOrg } from '../services/org-service';
import { notJudged } from '../../shared/rules/engine';
import { labSnapshotPath, loadSnapshotFile, SnapshotLoadError } from '../services/snapshot-loader';
import { environmentLocale } from '../services/system-locale';
import { readTrustedRoots, withTrustedRoots } from '../services/certificates/trusted-roots';
import { existsSync } from 'node:fs';
import { findingKey } from '../../shared/fixes/fix-model';
import { planFixes } from '../../shared/fixes/fix-planner';
import { findingImpacts } from '../../shared/fixes/impact';
import { commandText } from '../../shared/fixes/command-text';
import { userDataDir, userLabPath } from '../services/user-data';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly root: string;
  readonly locale: string;
  /** capture: the environment (default process.env: UMC_PWSH, UMC_LAB_DATA, UMC_LAB_MODULE, UMC_PASSWORD). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** capture: aborted on SIGINT (the sessions are closed, exit 130). */
  readonly signal?: AbortSignal;
  /** capture --user: asks for the password without echo (only where stdin is a terminal). */
  readonly readPassword?: (prompt: string) => Promise<string | null>;
  /** capture: where it is (tests). */
  readonly onPhase?: (phase: CapturePhase) => void;
  /** contacts import: asks before applying (only where stdin is a terminal). */
  readonly confirm?: ContactsIo['confirm'];
}

class UsageError extends Error {}

interface CheckOptions {
  source: { kind: 'lab' } | { kind: 'snapshot'; path: string };
  json: boolean;
  lang: Language | null;
  /** A PEM bundle of the roots the servers trust, to judge the UM certificate's root (R-X-01). */
  trustedRoots: string | null;
}

function parseCheck(args: readonly string[], lang: Language): CheckOptions {
  const o: CheckOptions = { source: { kind: 'lab' }, json: false, lang: null, trustedRoots: null };
  let sawLab = false;
  let sawSnapshot = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(translate(lang, 'cli.missingValue', { option: a }));
      return v;
    };
    if (a === '--lab') sawLab = true;
    else if (a === '--json') o.json = true;
    else if (a === '--snapshot') {
      sawSnapshot = true;
      o.source = { kind: 'snapshot', path: value() };
    } else if (a.startsWith('--snapshot=')) {
      sawSnapshot = true;
      o.source = { kind: 'snapshot', path: a.slice('--snapshot='.length) };
    } else if (a === '--trusted-roots') o.trustedRoots = value();
    else if (a.startsWith('--trusted-roots=')) o.trustedRoots = a.slice('--trusted-roots='.length);
    else if (a === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'fr') throw new UsageError(translate(lang, 'cli.unknownOption', { option: `--lang ${v}` }));
      o.lang = v;
    } else throw new UsageError(translate(lang, 'cli.unknownOption', { option: a }));
  }
  if (sawLab && sawSnapshot) throw new UsageError(translate(lang, 'cli.conflict'));
  return o;
}

/** The certificates in use that break a per-certificate rule, judged today. */
function certificateFindings(l: LoadedOrg, now: Date) {
  return inventoryOf(l, now)
    .groups.flatMap((g) => g.certificates)
    .filter((c) => c.certificate && c.certificate.findings.length > 0)
    .map((c) => ({ item: c, certificate: c.certificate! }));
}

/** Each finding's fix as `umc fix` would run it: cmdlet (its commands) or manual, and what it breaks (docs/fixes.md). */
function fixesOf(l: LoadedOrg, language: Language): (f: Diagnostic, i: number) => unknown {
  const plans = planFixes(l.findings, l.org);
  const impacts = findingImpacts(l.org, l.findings);
  return (f, i) => {
    const p = plans[i]!;
    const cmdlet = p.kind === 'cmdlet' && p.commands.length > 0;
    return {
      kind: cmdlet ? 'cmdlet' : 'manual',
      commands: cmdlet ? p.commands.map(commandText) : [],
      impact: impacts.get(findingKey(f)) ?? { users: 0, numbers: 0, callsDropped: false },
      // A manual fix says why the console cannot run it.
      whyManual: !cmdlet && p.whyManual ? renderMessage(language, p.whyManual) : null,
    };
  };
}

function jsonReport(l: LoadedOrg, language: Language, now: Date) {
  const fixOf = fixesOf(l, language);
  return {
    source: l.org.source,
    counts: l.counts,
    certificates: certificateFindings(l, now).map(({ item, certificate }) => ({
      product: item.product,
      server: item.server,
      usage: item.usage,
      subject: certificate.subject,
      thumbprint: certificate.thumbprint,
      notAfter: certificate.notAfter,
      findings: certificate.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: renderDiagnostic(language, f).message })),
    })),
    notJudged: notJudged(l.org).map((n) => ({ rule: n.id, sections: n.sections })),
    findings: l.findings.map((f: Diagnostic, i) => ({
      rule: f.rule,
      severity: f.severity,
      area: f.area,
      objects: f.objects.map((o) => ({ kind: o.kind, id: o.id, label: labelOf(l, o) })),
      message: renderDiagnostic(language, f).message,
      fix: fixOf(f, i),
    })),
  };
}

function textReport(l: LoadedOrg, language: Language, now: Date): string {
  const t = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate(language, k, p);
  const lines: string[] = [];
  lines.push(t('cli.source', { label: l.org.source.label, kind: t(`status.source.${l.org.source.kind}`), time: formatDateTime(language, l.org.source.readAt) }), '');
  if (l.findings.length === 0) lines.push(t('cli.noFindings'));
  const impacts = findingImpacts(l.org, l.findings);
  const plans = planFixes(l.findings, l.org);
  l.findings.forEach((f, i) => {
    const text = renderDiagnostic(language, f);
    lines.push(`${t(`severity.${f.severity}`).toUpperCase().padEnd(13)} ${f.rule.padEnd(8)} ${text.title}`);
    lines.push(`${''.padEnd(22)}${text.message}`);
    // Impact first (docs/fixes.md): what it breaks, and whether `umc fix` can run its fix.
    const impact = impacts.get(findingKey(f));
    if (impact && impact.users > 0) lines.push(`${''.padEnd(22)}${t('cli.check.impactUsers', { count: impact.users })}`);
    const plan = plans[i];
    if (plan && plan.kind === 'cmdlet' && plan.commands.length > 0) lines.push(`${''.padEnd(22)}${t('cli.check.fixable', { rule: f.rule })}`);
    if (f.fix.length) {
      lines.push(`${''.padEnd(22)}${t('cli.fix')}`);
      for (const c of f.fix) lines.push(`${''.padEnd(24)}${c}`);
    }
    lines.push('');
  });
  const certs = certificateFindings(l, now);
  if (certs.length > 0) {
    lines.push(t('cli.check.certificates', { count: certs.length }), '');
    for (const { item, certificate } of certs) {
      lines.push(`${item.server} · ${item.usage.join(', ')} · ${certificate.subject} · ${certificate.thumbprint}`);
      for (const f of certificate.findings) lines.push(`  ${t(`severity.${f.severity}`).toUpperCase().padEnd(11)} ${f.rule.padEnd(28)} ${renderDiagnostic(language, f).message}`);
    }
    lines.push('');
  }
  const notRead = notJudged(l.org);
  if (notRead.length > 0) {
    lines.push(t('cli.check.notJudged', { count: notRead.length }), '');
    for (const n of notRead) lines.push(t('cli.check.notJudgedRule', { rule: n.id, sections: n.sections.join(', ') }));
    lines.push('');
  }
  lines.push(t('cli.summary', { count: l.findings.length, errors: l.counts.error, warnings: l.counts.warning, infos: l.counts.info }));
  return lines.join('\n') + '\n';
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const systemLanguage = languageFromLocale(io.locale);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(translate(systemLanguage, 'cli.usage') + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === 'capture') return await runCapture(rest, io, systemLanguage);
    if (command === 'connect-test') return await runConnectTest(rest, io, systemLanguage);
    if (command === 'known-hosts') return await runKnownHosts(rest, io, systemLanguage);
    if (command === 'cert') return await runCert(rest, io, systemLanguage);
    if (command === 'probe') return await runProbe(rest, io, systemLanguage);
    if (command === 'contacts') return await runContacts(rest, io, systemLanguage);
    if (command === 'user' || command === 'users') return await runUsers(command, rest, io, systemLanguage);
    if (command === 'fix') return await runFix(rest, io, systemLanguage);
    if (command === 'checklist') return await runChecklist(rest, io, systemLanguage);
    if (command !== 'check') throw new UsageError(translate(systemLanguage, 'cli.unknownCommand', { command }));
    const o = parseCheck(rest, systemLanguage);
    // The lab: the user's copy once the console or `umc fix` / `umc contacts` wrote to it (so a fix is seen by the next check), else the shipped one.
    const userLab = userLabPath(userDataDir(io.env ?? process.env));
    const labFile = existsSync(userLab) ? userLab : labSnapshotPath(io.root);
    const org = o.source.kind === 'lab' ? await loadSnapshotFile(labFile, 'lab') : await loadSnapshotFile(o.source.path, 'snapshot');
    const roots = o.trustedRoots === null ? [] : await readTrustedRoots(o.trustedRoots, o.lang ?? systemLanguage);
    const l = analyseOrg(withTrustedRoots(org, roots));
    const now = new Date();
    // What the snapshot could not give whole (sections not read, objects skipped): warnings on stderr, as umc capture does.
    const lang = o.lang ?? systemLanguage;
    for (const [section, state] of Object.entries(l.org.readState ?? {})) {
      if (state.status === 'read') continue;
      const status = translateDynamic(lang, `capture.status.${state.status}`);
      for (const n of state.notes) io.err(translate(lang, 'cli.capture.section', { section, status, text: n.message ? renderMessage(lang, n.message) : n.text }) + '\n');
    }
    if (o.trustedRoots !== null && !o.json) io.err(translate(lang, 'cli.check.trustedRoots', { count: roots.length, file: o.trustedRoots }) + '\n');
    if (o.json) io.out(JSON.stringify(jsonReport(l, o.lang ?? 'en', now), null, 2) + '\n');
    else io.out(textReport(l, o.lang ?? systemLanguage, now));
    const certErrors = certificateFindings(l, now).some((c) => c.certificate.findings.some((f) => f.severity === 'error'));
    return l.counts.error > 0 || certErrors ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`umc: ${e.message}\n`);
      return 2;
    }
    if (e instanceof SnapshotLoadError || e instanceof UserError) {
      io.err(`umc: ${e.render(systemLanguage)}\n`);
      return 2;
    }
    io.err(`umc: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

/** Entry point of the bundled CLI (out/cli/umc.cjs). */
export function main(): void {
  const root = join(__dirname, '..', '..');
  // Ctrl+C: the first one closes the sessions (capture) and ends with 130; a second one ends at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(INTERRUPTED);
    interrupt.abort();
  };
  const capturing = process.argv[2] === 'capture' || process.argv[2] === 'cert' || process.argv[2] === 'fix'; // cert: Ctrl+C stops the inspection worker; fix: the run stops between two steps
  if (capturing) process.on('SIGINT', onSigint);
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    root,
    locale: environmentLocale(),
    env: process.env,
    signal: capturing ? interrupt.signal : undefined,
    readPassword: (capturing || ['contacts', 'user', 'users', 'connect-test', 'fix'].includes(process.argv[2] ?? '')) && process.stdin.isTTY ? (prompt) => promptPassword(prompt) : undefined,
    confirm: (process.argv[2] === 'contacts' || process.argv[2] === 'fix') && process.stdin.isTTY ? confirmOnTerminal : undefined,
  }).then(
    (code) => {
      process.off('SIGINT', onSigint);
      process.exitCode = code;
    },
    (e) => {
      process.off('SIGINT', onSigint);
      process.stderr.write(`umc: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
