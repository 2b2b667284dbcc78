/** The rule engine: every rule the org model can judge, as pure functions over one context. */
import { type Finding, SEVERITY_RANK } from '../model/finding';
import type { OrgModel } from '../model/org';
import { CERTIFICATE_RULES, OAUTH_RULES } from './certificate-oauth-rules';
import { CONTACT_RULES, TOPOLOGY_RULES } from './contact-topology-rules';
import { buildRuleContext } from './context';
import { DIAL_PLAN_RULES } from './dial-plan-rules';
import { GATEWAY_RULES } from './gateway-rules';
import type { RuleDefinition } from './rule';

export const RULES: readonly RuleDefinition[] = [
  ...DIAL_PLAN_RULES,
  ...GATEWAY_RULES,
  ...CERTIFICATE_RULES,
  ...OAUTH_RULES,
  ...TOPOLOGY_RULES,
  ...CONTACT_RULES,
];

export const RULE_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((r) => [r.id, r]));

/**
 * Catalogue rules this engine does not judge from an org snapshot, and what they need instead
 * (shown on the Checks screen so nobody mistakes silence for health).
 */
export const NOT_EVALUATED: readonly { readonly id: string; readonly needs: 'probe' | 'serviceRestart' | 'dns' | 'testCmdlet' | 'forestTrust' | 'editor' | 'hosted' }[] = [
  { id: 'R-D-08', needs: 'serviceRestart' },
  { id: 'R-G-08', needs: 'dns' },
  { id: 'R-G-10', needs: 'probe' },
  { id: 'R-G-11', needs: 'serviceRestart' },
  { id: 'R-G-12', needs: 'serviceRestart' },
  { id: 'R-O-03', needs: 'dns' },
  { id: 'R-O-10', needs: 'testCmdlet' },
  { id: 'R-O-11', needs: 'testCmdlet' },
  { id: 'R-T-01', needs: 'forestTrust' },
  { id: 'R-C-09', needs: 'editor' },
  { id: 'R-C-10', needs: 'editor' },
  { id: 'R-C-13', needs: 'hosted' },
  { id: 'R-C-15', needs: 'editor' },
  { id: 'R-C-16', needs: 'hosted' },
];

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule, 'en', { numeric: true }) || 0;
}

export function evaluateRules(org: OrgModel, rules: readonly RuleDefinition[] = RULES): Finding[] {
  const ctx = buildRuleContext(org);
  const out: Finding[] = [];
  for (const rule of rules) for (const f of rule.evaluate(ctx)) out.push(f);
  return out.sort(compareFindings);
}
