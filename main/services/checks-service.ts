/** The Checks screen's service: the loaded org's findings, filtered, with what each rule is and what was not judged. */
import type { ChecksList, RuleInfo, TrustedRootsState } from '../../shared/checks/check-channels';
import type { RuleArea } from '../../shared/diagnostics/diagnostic';
import { refKey, type Severity } from '../../shared/model/org';
import { NOT_EVALUATED, notJudged, RULES } from '../../shared/rules/engine';
import type { Language } from '../../shared/i18n/translate';
import type { TrustedRootsSource } from './certificates/trusted-roots';
import type { FileDialogs } from './live/connections-service';
import { labelOf, type OrgService } from './org-service';

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
}

export interface ChecksDeps {
  readonly org: OrgService;
  readonly trustedRoots?: TrustedRootsSource;
  readonly dialogs?: Pick<FileDialogs, 'chooseOpenPath'>;
  readonly language?: () => Promise<Language>;
}

export function createChecksService(deps: ChecksDeps): ChecksService {
  const none: TrustedRootsState = { file: null, count: 0 };
  return {
    async trustedRoots() {
      await deps.org.current();
      return deps.trustedRoots?.state() ?? none;
    },
    async chooseTrustedRoots() {
      if (!deps.trustedRoots || !deps.dialogs) return null;
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
    async list(filter) {
      const l = await deps.org.current();
      const severities = filter.severities ? new Set(filter.severities) : null;
      const areas = filter.areas ? new Set<string>(filter.areas) : null;
      const findings = l.findings.filter((f) => (!severities || severities.has(f.severity)) && (!areas || (f.area !== undefined && areas.has(f.area))));
      const labels: Record<string, string> = {};
      for (const f of findings) for (const o of f.objects) labels[refKey(o)] = labelOf(l, o);
      const notRead = notJudged(l.org).map((n) => ({ id: n.id, needs: 'notRead', sections: n.sections }));
      return { findings, total: l.findings.length, rules: RULE_INFO, notEvaluated: [...notRead, ...NOT_EVALUATED], labels };
    },
  };
}
