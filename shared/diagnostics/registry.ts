/**
 * The one rule registry: every rule of every family, with its ID, severity, sources and basis
 * (docs/sources.md) and its evaluate over its family's context. Each family's engine takes its rules
 * from here: the org rules (shared/rules/engine.ts: evaluateRules, notJudged), the per-certificate
 * rules (shared/certificates/cert-rules.ts: evaluateCertificate), the user rules
 * (shared/users/user-rules.ts: evaluateUser) and the contact editor's own rules
 * (shared/contacts/contact-validation.ts; the form also judges the org R-C rules' conditions on a draft).
 *
 * A new rule goes in its family's file and in that family's list below; its messages in the i18n
 * tables (both languages).
 */
import { PER_CERTIFICATE_RULES } from '../certificates/cert-rules';
import { CONTACT_EDITOR_RULES } from '../contacts/contact-validation';
import { CERTIFICATE_RULES, OAUTH_RULES } from '../rules/certificate-oauth-rules';
import { CONTACT_RULES, TOPOLOGY_RULES } from '../rules/contact-topology-rules';
import { DIAL_PLAN_RULES } from '../rules/dial-plan-rules';
import { GATEWAY_RULES } from '../rules/gateway-rules';
import type { OrgRuleDefinition } from '../rules/rule';
import { USER_RULES } from '../users/user-rules';
import type { RuleFamily, RuleInfo } from './rule-definition';

/** The org rules, judged over a snapshot, in the order of the catalogue's areas. */
export const ORG_RULES: readonly OrgRuleDefinition[] = [...DIAL_PLAN_RULES, ...GATEWAY_RULES, ...CERTIFICATE_RULES, ...OAUTH_RULES, ...TOPOLOGY_RULES, ...CONTACT_RULES];

export const ORG_RULE_BY_ID: ReadonlyMap<string, OrgRuleDefinition> = new Map(ORG_RULES.map((r) => [r.id, r]));

/** Every rule of every family. */
export const ALL_RULES: readonly RuleInfo[] = [...ORG_RULES, ...PER_CERTIFICATE_RULES, ...USER_RULES, ...CONTACT_EDITOR_RULES];

/** Any rule by its ID (R-D-01, cert.expired, R-U-03, R-C-09…). */
export const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(ALL_RULES.map((r) => [r.id, r]));

export function rulesOfFamily(family: RuleFamily): RuleInfo[] {
  return ALL_RULES.filter((r) => r.family === family);
}
