import type { Diagnostic, DiagnosticMessage, RuleArea } from '../diagnostics/diagnostic';
import type { RuleDefinition } from '../diagnostics/rule-definition';
import type { ObjectRef, Severity } from '../model/org';
import type { RuleContext } from './context';

/** One org rule of the catalogue: judged over one snapshot's context, shown on the Checks screen in its area. */
export interface OrgRuleDefinition extends RuleDefinition<RuleContext> {
  readonly family: 'org';
  readonly area: RuleArea;
}

/**
 * An org rule's diagnostic. `variant` names which of the rule's conditions fired: the message is
 * `rule.<id>.msg.<variant>` of the i18n tables (shared/i18n/en.ts).
 */
export function makeDiagnostic(
  rule: Pick<OrgRuleDefinition, 'id' | 'severity' | 'area' | 'sources'>,
  variant: string,
  objects: readonly ObjectRef[],
  params: DiagnosticMessage['params'],
  fix: readonly string[],
  severity: Severity = rule.severity,
): Diagnostic {
  return { rule: rule.id, severity, area: rule.area, objects, message: { key: `rule.${rule.id}.msg.${variant}`, params }, fix, sources: rule.sources };
}

export const ref = (kind: ObjectRef['kind'], id: string): ObjectRef => ({ kind, id });

export const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
