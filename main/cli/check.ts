/**
 * `umc check [--lab | --snapshot FILE] [--since FILE] [--trusted-roots FILE] [--json] [--out report.html|report.csv] [--lang en|fr]`:
 * the rule catalogue over the lab (the user's copy once written) or a snapshot. For people: the
 * source, the summary first, then the errors ranked by what they break, the warnings, the
 * information (shared/checks/checks-report.ts decides the order, for the Checks screen's export too),
 * each with its fix; then the certificates in use that break a certificate rule and the rules not
 * judged. `--out` also writes the findings as the Checks screen's export does.
 *
 * Exit codes: 0 no error-severity finding, 1 at least one, 2 bad input (one line on stderr).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checksReport, fixLines, reportFormatOf, reportOrder, severityCounts } from '../../shared/checks/checks-report';
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import { findingKey } from '../../shared/fixes/fix-model';
import { commandText } from '../../shared/fixes/command-text';
import { formatDateTime, type Language, type Params, renderDiagnostic, renderMessage, translate, translateDynamic } from '../../shared/i18n/translate';
import type { MessageKey } from '../../shared/i18n/en';
import { notJudged } from '../../shared/rules/engine';
import { inventoryOf } from '../services/certificate-service';
import { readTrustedRoots, withTrustedRoots } from '../services/certificates/trusted-roots';
import { checksReportInput, withMonitorFindings } from '../services/checks-service';
import { orgFixesOf } from '../services/fixes/org-fixes';
import { writeExportFile } from '../services/live/connections-service';
import { analyseOrg, labelOf, type LoadedOrg } from '../services/org-service';
import { labSnapshotPath, loadSnapshotFile } from '../services/snapshot-loader';
import { userDataDir, userLabPath } from '../services/user-data';
import { cliError, languageOption, scanArgs } from './cli-args';
import { sinceReport } from './check-since';
import { monitorEvidence } from './monitor-evidence';

export interface CheckIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly root: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface CheckOptions {
  source: { kind: 'lab' } | { kind: 'snapshot'; path: string };
  json: boolean;
  lang: Language | null;
  /** A PEM bundle of the roots the servers trust, to judge the UM certificate's root (R-X-01). */
  trustedRoots: string | null;
  /** Also write the findings report here (.html or .csv). */
  out: string | null;
  /** The gateway monitor's history to judge R-G-10 / R-G-08 / address changed with (default: the user-data one, when there is one). */
  monitorHistory: string | null;
  /** An earlier capture: print only the findings that appeared since it (check-since.ts, docs/changes.md). */
  since: string | null;
}

export function parseCheck(args: readonly string[]): CheckOptions {
  const o: CheckOptions = { source: { kind: 'lab' }, json: false, lang: null, trustedRoots: null, out: null, monitorHistory: null, since: null };
  let sawLab = false;
  let sawSnapshot = false;
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--lab') sawLab = a.flag();
      else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--snapshot') {
        sawSnapshot = true;
        o.source = { kind: 'snapshot', path: a.value() };
      } else if (a.name === '--trusted-roots') o.trustedRoots = a.value();
      else if (a.name === '--out') o.out = a.value();
      else if (a.name === '--since') o.since = a.value();
      else if (a.name === '--monitor-history') o.monitorHistory = a.value();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else return false;
      return true;
    },
  });
  if (sawLab && sawSnapshot) throw cliError('cli.conflict');
  if (o.out !== null) {
    if (reportFormatOf(o.out) === null) throw cliError('cli.check.outFormat', { file: o.out });
    const dir = dirname(resolve(o.out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw cliError('cli.check.outDirectory', { file: o.out, dir });
    if (existsSync(o.out) && statSync(o.out).isDirectory()) throw cliError('cli.capture.outIsDirectory', { file: o.out });
  }
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
function fixOf(l: LoadedOrg, language: Language, f: Diagnostic) {
  const fixes = orgFixesOf(l);
  const p = fixes.plans.get(findingKey(f));
  const cmdlet = !!p && p.kind === 'cmdlet' && p.commands.length > 0;
  return {
    kind: cmdlet ? 'cmdlet' : 'manual',
    commands: cmdlet ? p.commands.map(commandText) : [],
    impact: fixes.impacts.get(findingKey(f)) ?? { users: 0, numbers: 0, callsDropped: false },
    // A manual fix says why the console cannot run it.
    whyManual: !cmdlet && p?.whyManual ? renderMessage(language, p.whyManual) : null,
  };
}

function jsonReport(l: LoadedOrg, language: Language, now: Date) {
  const impacts = Object.fromEntries(orgFixesOf(l).impacts);
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
    // In report order: errors first, each severity by impact.
    findings: reportOrder(l.findings, impacts).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      area: f.area,
      objects: f.objects.map((o) => ({ kind: o.kind, id: o.id, label: labelOf(l, o) })),
      message: renderDiagnostic(language, f).message,
      fix: fixOf(l, language, f),
    })),
  };
}

const INDENT = ''.padEnd(22);

function textReport(l: LoadedOrg, language: Language, now: Date): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const fixes = orgFixesOf(l);
  const impacts = Object.fromEntries(fixes.impacts);
  const lines: string[] = [];
  lines.push(t('cli.source', { label: l.org.source.label, kind: translateDynamic(language, `status.source.${l.org.source.kind}`), time: formatDateTime(language, l.org.source.readAt) }));
  // The summary first: a scheduled task's log or a narrow terminal shows the verdict without scrolling.
  lines.push(t('cli.check.summary', { ...severityCounts(l.findings) }), '');
  const ordered = reportOrder(l.findings, impacts);
  for (const severity of ['error', 'warning', 'info'] as const) {
    const of = ordered.filter((f) => f.severity === severity);
    if (of.length === 0) continue;
    lines.push(`== ${translateDynamic(language, `cli.check.section.${severity}`, { count: of.length })} ==`, '');
    for (const f of of) {
      const text = renderDiagnostic(language, f);
      lines.push(`${translateDynamic(language, `severity.${f.severity}`).toUpperCase().padEnd(13)} ${f.rule.padEnd(8)} ${text.title}`);
      lines.push(`${INDENT}${text.message}`);
      // Impact first (docs/fixes.md): what it breaks, and whether `umc fix` can run its fix.
      const impact = fixes.impacts.get(findingKey(f));
      if (impact && impact.users > 0) lines.push(`${INDENT}${t('cli.check.users', { count: impact.users })}`);
      if (impact && impact.numbers > 0) lines.push(`${INDENT}${t('cli.check.numbers', { count: impact.numbers })}`);
      if (impact?.callsDropped) lines.push(`${INDENT}${t('cli.check.calls')}`);
      const plan = fixes.plans.get(findingKey(f));
      if (plan && plan.kind === 'cmdlet' && plan.commands.length > 0) lines.push(`${INDENT}${t('cli.check.fixWith', { rule: f.rule })}`);
      const fix = fixLines(f, language);
      if (fix.length) {
        lines.push(`${INDENT}${t('cli.check.fixLabel')}`);
        for (const c of fix) lines.push(`${INDENT}  ${c}`);
      }
      lines.push('');
    }
  }
  const certs = certificateFindings(l, now);
  if (certs.length > 0) {
    lines.push(t('cli.check.certificatesHeading', { count: certs.length }), '');
    for (const { item, certificate } of certs) {
      lines.push(`${item.server} · ${item.usage.join(', ')} · ${certificate.subject} · ${certificate.thumbprint}`);
      for (const f of certificate.findings)
        lines.push(`  ${translateDynamic(language, `severity.${f.severity}`).toUpperCase().padEnd(13)} ${f.rule.padEnd(28)} ${renderDiagnostic(language, f).message}`);
    }
    lines.push('');
  }
  const notRead = notJudged(l.org);
  if (notRead.length > 0) {
    lines.push(t('cli.check.notJudgedHeading', { count: notRead.length }), '');
    for (const n of notRead) lines.push(t('cli.check.notJudgedRule', { rule: n.id, sections: n.sections.join(', ') }));
    lines.push('');
  }
  return lines.join('\n');
}

export async function runCheck(args: readonly string[], io: CheckIo, systemLanguage: Language): Promise<number> {
  const o = parseCheck(args);
  const lang = o.lang ?? systemLanguage;
  // The lab: the user's copy once the console or `umc fix` / `umc contacts` wrote to it (so a fix is seen by the next check), else the shipped one.
  const userLab = userLabPath(userDataDir(io.env ?? process.env));
  const labFile = existsSync(userLab) ? userLab : labSnapshotPath(io.root);
  const org = o.source.kind === 'lab' ? await loadSnapshotFile(labFile, 'lab') : await loadSnapshotFile(o.source.path, 'snapshot');
  const roots = o.trustedRoots === null ? [] : await readTrustedRoots(o.trustedRoots, lang);
  const now = new Date();
  // What the gateway monitor judged, when its evidence is fresh (main/cli/monitor-evidence.ts).
  const analysed = analyseOrg(withTrustedRoots(org, roots));
  const monitor = await monitorEvidence(analysed, o.monitorHistory, io.env ?? process.env, lang, now.getTime());
  const l = withMonitorFindings(analysed, monitor.findings);
  if (monitor.note !== null && !o.json) io.err(monitor.note + '\n');
  // What the snapshot could not give whole (sections not read, objects skipped): warnings on stderr, as umc capture does.
  for (const [section, state] of Object.entries(l.org.readState ?? {})) {
    if (state.status === 'read') continue;
    const status = translateDynamic(lang, `capture.status.${state.status}`);
    for (const n of state.notes) io.err(translate(lang, 'cli.capture.section', { section, status, text: n.message ? renderMessage(lang, n.message) : n.text }) + '\n');
  }
  if (o.trustedRoots !== null && !o.json) io.err(translate(lang, 'cli.check.trustedRoots', { count: roots.length, file: o.trustedRoots }) + '\n');
  // --since: only what is new since that capture, and its own verdict (docs/changes.md).
  const since =
    o.since === null
      ? null
      : await sinceReport({ since: o.since, current: o.source.kind === 'lab' ? labFile : o.source.path, trustedRoots: roots, json: o.json, lang: o.json ? (o.lang ?? 'en') : lang });
  if (since) io.out(since.text);
  else if (o.json) io.out(JSON.stringify(jsonReport(l, o.lang ?? 'en', now), null, 2) + '\n');
  else io.out(textReport(l, lang, now));
  if (o.out !== null) {
    const format = reportFormatOf(o.out)!;
    await writeExportFile(resolve(o.out), checksReport(checksReportInput(l, now.toISOString()), format, lang));
    io.err(translate(lang, 'cli.check.written', { file: o.out, count: l.findings.length }) + '\n');
  }
  if (since) return since.code;
  const certErrors = certificateFindings(l, now).some((c) => c.certificate.findings.some((f) => f.severity === 'error'));
  return l.counts.error > 0 || certErrors ? 1 : 0;
}
