import type { Finding, FindingParams, RuleArea } from '../model/finding';
import type { ObjectRef, Severity } from '../model/org';
import type { RuleContext } from './context';

/**
 * One rule of the catalogue. `sources` are source keys, resolved in docs/sources.md; `basis` says how
 * sure the condition is.
 */
export interface RuleDefinition {
  readonly id: string;
  readonly severity: Severity;
  readonly area: RuleArea;
  readonly sources: readonly string[];
  /** DOC: documented; DERIVED: inferred by the catalogue from documented facts; UNCONFIRMED: not verified. */
  readonly basis: 'DOC' | 'DERIVED' | 'UNCONFIRMED';
  /** The source documents (seed 000–004, docs/sources.md) that state the fact, when one does. */
  readonly seeds?: readonly string[];
  readonly evaluate: (ctx: RuleContext) => readonly Finding[];
}

export function makeFinding(
  rule: Pick<RuleDefinition, 'id' | 'severity' | 'area'>,
  variant: string,
  objects: readonly ObjectRef[],
  params: FindingParams,
  fix: readonly string[],
  severity: Severity = rule.severity,
): Finding {
  return { rule: rule.id, severity, area: rule.area, objects, variant, params, fix };
}

export const ref = (kind: ObjectRef['kind'], id: string): ObjectRef => ({ kind, id });

export const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
