/**
 * The org rule engine: every rule the org model can judge (the org family of the registry,
 * shared/diagnostics/registry.ts), as pure functions over one context.
 */
import { type Diagnostic, SEVERITY_RANK } from '../diagnostics/diagnostic';
import { ORG_RULES } from '../diagnostics/registry';
import type { OrgModel, SectionKey } from '../model/org';
import { buildRuleContext } from './context';
import type { OrgRuleDefinition } from './rule';
import { RULE_NEEDS, sectionApplies } from './rule-needs';

/** The org rules, in the registry's order. */
export const RULES: readonly OrgRuleDefinition[] = ORG_RULES;

/**
 * Catalogue rules this engine does not judge from an org snapshot, and what they need instead
 * (shown on the Checks screen so nobody mistakes silence for health).
 */
export const NOT_EVALUATED: readonly { readonly id: string; readonly needs: 'probe' | 'serviceRestart' | 'dns' | 'testCmdlet' | 'forestTrust' | 'editor' | 'hosted' }[] = [
  { id: 'R-D-08', needs: 'serviceRestart' },
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

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule, 'en', { numeric: true }) || 0;
}

/**
 * The sections a rule needs that were not read (shared/rules/rule-needs.ts). Sections the org's
 * product versions cannot have do not count; `exchange.certificates` counts for the rules on UM
 * certificates when the UM binding of one of its certificates could not be read (ExchangeCertificate
 * `umBindingKnown`; the section's notes say why).
 */
function sectionsNotRead(org: OrgModel, ruleId: string): SectionKey[] {
  const needs = RULE_NEEDS[ruleId];
  if (!needs) return [];
  const state = org.readState;
  const missing = state ? needs.sections.filter((k) => (state[k]?.status === 'not-read' || (state[k]?.status === 'partial' && needs.whole?.includes(k))) && sectionApplies(org, k)) : [];
  if (needs.umBindings && !missing.includes('exchange.certificates') && org.exchange.certificates.some((c) => !c.umBindingKnown)) missing.push('exchange.certificates');
  return missing;
}

/**
 * Rules not judged on this org because a section they need was not read (a cmdlet not available to
 * the account or the version, a call that failed): shown as "not judged: <section> not read", never
 * as a diagnostic or as silence. Rules over `partial` sections are judged on what was read, except those
 * that compare a section across every server (`RuleNeeds.whole`).
 */
export function notJudged(org: OrgModel, rules: readonly OrgRuleDefinition[] = RULES): { readonly id: string; readonly sections: readonly SectionKey[] }[] {
  const out: { id: string; sections: SectionKey[] }[] = [];
  for (const rule of rules) {
    const sections = sectionsNotRead(org, rule.id);
    if (sections.length > 0) out.push({ id: rule.id, sections });
  }
  return out;
}

export function evaluateRules(org: OrgModel, rules: readonly OrgRuleDefinition[] = RULES): Diagnostic[] {
  const ctx = buildRuleContext(org);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (sectionsNotRead(org, rule.id).length > 0) continue;
    for (const f of rule.evaluate(ctx)) out.push(f);
  }
  return out.sort(compareDiagnostics);
}
