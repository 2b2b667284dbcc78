/** The Checks screen's service: the loaded org's findings, filtered, with what each rule is and what was not judged. */
import type { ChecksList, RuleInfo, TrustedRootsState } from '../../shared/checks/check-channels';
import type { WriteAccess } from '../../shared/contacts/contact-channels';
import { type Diagnostic, type RuleArea, SEVERITY_RANK } from '../../shared/diagnostics/diagnostic';
import { type FindingImpact, type FixKind, findingKey } from '../../shared/fixes/fix-model';
import { refKey, type Severity } from '../../shared/model/org';
import { NOT_EVALUATED, notJudged, RULES } from '../../shared/rules/engine';
import type { Language } from '../../shared/i18n/translate';
import type { TrustedRootsSource } from './certificates/trusted-roots';
import type { FileDialogs } from './live/connections-service';
import { labelOf, type LoadedOrg, type OrgService } from './org-service';
import { orgFixesOf } from './fixes/org-fixes';
import { type ChecksReportInput, checksReport } from '../../shared/checks/checks-report';
import type { ReportFormat } from '../../shared/checks/check-channels';
import { writeExportFile } from './live/connections-service';
import { monitorFindings, NO_MONITOR_JUDGEMENT } from '../../shared/sip/monitor-findings';
import type { TargetHistory } from '../../shared/sip/monitor-model';

const NO_IMPACT: FindingImpact = { users: 0, numbers: 0, callsDropped: false };

/** Each finding's impact and fix kind, once per loaded org (the user index is built once for all findings). */
const ranked = new WeakMap<LoadedOrg, { readonly impacts: Record<string, FindingImpact>; readonly fixKinds: Record<string, FixKind>; readonly order: ReadonlyMap<Diagnostic, number> }>();

function rankingOf(l: LoadedOrg) {
  const known = ranked.get(l);
  if (known) return known;
  const fixes = orgFixesOf(l);
  const impacts: Record<string, FindingImpact> = Object.fromEntries(fixes.impacts);
  const fixKinds: Record<string, FixKind> = {};
  for (const [k, p] of fixes.plans) fixKinds[k] = p.kind === 'cmdlet' && p.commands.length > 0 ? 'cmdlet' : 'manual';
  // Impact first (docs/fixes.md): users without voice mail, then numbers unreachable, then severity; the rules' order breaks ties.
  const impact = (f: Diagnostic) => impacts[findingKey(f)] ?? NO_IMPACT;
  const sorted = l.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const x = impact(a.f);
      const y = impact(b.f);
      return y.users - x.users || y.numbers - x.numbers || SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.i - b.i;
    });
  const value = { impacts, fixKinds, order: new Map(sorted.map((x, rank) => [x.f, rank])) };
  ranked.set(l, value);
  return value;
}

const RULE_INFO: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  RULES.map((r) => [r.id, { id: r.id, severity: r.severity, area: r.area, sources: r.sources, basis: r.basis, seeds: r.seeds ?? [] }]),
);

export interface ChecksFilter {
  /** Absent: every severity (every area). */
  readonly severities?: readonly Severity[];
  readonly areas?: readonly RuleArea[];
}

export interface ChecksService {
  list(filter: ChecksFilter): Promise<ChecksList>;
  /** The roots file R-X-01 judges with beside the org's certificates (docs/rule-catalogue.md, R-X-01). */
  trustedRoots(): Promise<TrustedRootsState>;
  /** Asks for a roots file (the open dialog), reads it in the worker, keeps it and judges the org again; null when dismissed. */
  chooseTrustedRoots(): Promise<TrustedRootsState | null>;
  clearTrustedRoots(): Promise<TrustedRootsState>;
  /** Writes every finding as `umc check --out` does (shared/checks/checks-report.ts) where the save dialog says; null path when dismissed. */
  export(format: ReportFormat): Promise<{ readonly path: string | null; readonly findings: number }>;
}

/** What the findings report of a loaded org holds: every finding, with its impact, fix kind and labels (the CLI and the screen's export). */
export function checksReportInput(l: LoadedOrg, generatedAt: string): ChecksReportInput {
  const r = rankingOf(l);
  const labels: Record<string, string> = {};
  for (const f of l.findings) for (const o of f.objects) labels[refKey(o)] = labelOf(l, o);
  return { findings: l.findings, labels, impacts: r.impacts, fixKinds: r.fixKinds, notJudged: notJudged(l.org), source: l.org.source, generatedAt };
}

/** The loaded org with the monitor's findings added to its findings and counts (the report and the exit code see them). */
export function withMonitorFindings(l: LoadedOrg, findings: readonly Diagnostic[]): LoadedOrg {
  if (findings.length === 0) return l;
  const counts = { ...l.counts };
  for (const f of findings) counts[f.severity]++;
  return { ...l, findings: [...l.findings, ...findings], counts };
}

export interface ChecksDeps {
  readonly org: OrgService;
  readonly trustedRoots?: TrustedRootsSource;
  readonly dialogs?: Partial<Pick<FileDialogs, 'chooseOpenPath' | 'chooseSavePath'>>;
  readonly language?: () => Promise<Language>;
  /** Whether fixes may be applied (the fix service's access): the screen shows Fix… only when they may. */
  readonly access?: () => Promise<WriteAccess>;
  /** The report's "generated" time (default: now); also the "now" the monitor's evidence is aged against. */
  readonly now?: () => Date;
  /**
   * The gateway monitor's history (the running monitor and what it kept across restarts): with fresh
   * evidence R-G-10, R-G-08 on FQDNs and an address changed since first seen become findings instead
   * of "needs a probe" (shared/sip/monitor-findings.ts).
   */
  readonly monitorHistories?: () => Promise<ReadonlyMap<string, TargetHistory>>;
}

/**
 * Where a monitor finding goes in the ranked list: it breaks no counted user or number (its impact is
 * unknown to the snapshot), so after every finding with an impact, then by severity.
 */
function mergeMonitorFindings(ranked: readonly Diagnostic[], monitor: readonly Diagnostic[], hasImpact: (f: Diagnostic) => boolean): Diagnostic[] {
  const out = [...ranked];
  for (const m of monitor) {
    const at = out.findIndex((f) => !monitor.includes(f) && !hasImpact(f) && SEVERITY_RANK[f.severity] < SEVERITY_RANK[m.severity]);
    out.splice(at < 0 ? out.length : at, 0, m);
  }
  return out;
}

export function createChecksService(deps: ChecksDeps): ChecksService {
  const none: TrustedRootsState = { file: null, count: 0 };
  /** What the gateway monitor judges on the org at `at` (the list and the export read the same). */
  const monitorOf = async (l: LoadedOrg, at: Date) => (deps.monitorHistories ? monitorFindings(l.org, await deps.monitorHistories(), at.getTime()) : NO_MONITOR_JUDGEMENT);
  return {
    async trustedRoots() {
      await deps.org.current();
      return deps.trustedRoots?.state() ?? none;
    },
    async chooseTrustedRoots() {
      if (!deps.trustedRoots || !deps.dialogs?.chooseOpenPath) return null;
      const path = await deps.dialogs.chooseOpenPath();
      if (!path) return null;
      const state = await deps.trustedRoots.use(path, deps.language ? await deps.language() : 'en');
      await deps.org.reanalyse();
      return state;
    },
    async clearTrustedRoots() {
      if (!deps.trustedRoots) return none;
      const state = await deps.trustedRoots.clear();
      await deps.org.reanalyse();
      return state;
    },
    async export(format) {
      const l = await deps.org.current();
      const path = deps.dialogs?.chooseSavePath ? await deps.dialogs.chooseSavePath(format === 'csv' ? 'umc-findings.csv' : 'umc-findings.html') : null;
      if (!path) return { path: null, findings: 0 };
      const at = deps.now ? deps.now() : new Date();
      // The report holds what the screen lists: the monitor's findings with fresh evidence too.
      const reported = withMonitorFindings(l, (await monitorOf(l, at)).findings);
      await writeExportFile(path, checksReport(checksReportInput(reported, at.toISOString()), format, deps.language ? await deps.language() : 'en'));
      return { path, findings: reported.findings.length };
    },
    async list(filter) {
      const l = await deps.org.current();
      const severities = filter.severities ? new Set(filter.severities) : null;
      const areas = filter.areas ? new Set<string>(filter.areas) : null;
      const r = rankingOf(l);
      const wanted = (f: Diagnostic) => (!severities || severities.has(f.severity)) && (!areas || (f.area !== undefined && areas.has(f.area)));
      const monitor = await monitorOf(l, deps.now ? deps.now() : new Date());
      const hasImpact = (f: Diagnostic) => {
        const i = r.impacts[findingKey(f)];
        return !!i && (i.users > 0 || i.numbers > 0 || i.callsDropped);
      };
      const findings = mergeMonitorFindings(
        l.findings.filter(wanted).sort((a, b) => r.order.get(a)! - r.order.get(b)!),
        monitor.findings.filter(wanted),
        hasImpact,
      );
      const labels: Record<string, string> = {};
      for (const f of findings) for (const o of f.objects) labels[refKey(o)] = labelOf(l, o);
      const notRead = notJudged(l.org).map((n) => ({ id: n.id, needs: 'notRead', sections: n.sections }));
      const impacts: Record<string, FindingImpact> = {};
      const fixKinds: Record<string, FixKind> = {};
      for (const f of findings) {
        const k = findingKey(f);
        impacts[k] = r.impacts[k] ?? NO_IMPACT;
        // A monitor finding has no fix plan (the peer is not an object the console changes): no Fix… and no manual badge.
        if (!monitor.findings.includes(f)) fixKinds[k] = r.fixKinds[k] ?? 'manual';
      }
      const access = deps.access ? await deps.access() : undefined;
      // Judged by the monitor when it has fresh evidence on at least one of the org's SIP peers; else still "needs a probe".
      const notEvaluated = monitor.fresh > 0 ? NOT_EVALUATED.filter((n) => n.id !== 'R-G-10') : NOT_EVALUATED;
      return {
        findings,
        total: l.findings.length + monitor.findings.length,
        rules: RULE_INFO,
        notEvaluated: [...notRead, ...notEvaluated],
        labels,
        impacts,
        fixKinds,
        ...(access ? { access } : {}),
      };
    },
  };
}
