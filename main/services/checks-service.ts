/** The Checks screen's service: the loaded org's findings, filtered, with what each rule is and what was not judged. */
import type { ChecksList, RuleInfo } from '../../shared/checks/check-channels';
import type { RuleArea } from '../../shared/diagnostics/diagnostic';
import { refKey, type Severity } from '../../shared/model/org';
import { NOT_EVALUATED, notJudged, RULES } from '../../shared/rules/engine';
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
}

export function createChecksService(deps: { readonly org: OrgService }): ChecksService {
  return {
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
