import type { ObjectRef, Severity } from './org';

/** Areas the Checks screen filters by. */
export type RuleArea = 'dialPlans' | 'gateways' | 'certificates' | 'oauth' | 'topology' | 'contacts';

export const RULE_AREAS: readonly RuleArea[] = ['dialPlans', 'gateways', 'certificates', 'oauth', 'topology', 'contacts'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Message parameters: every value is shown as is (object names, numbers, settings). */
export type FindingParams = Readonly<Record<string, string | number>>;

/**
 * One rule firing on some objects. The text is not stored here: `formatFinding`
 * renders it in the user's language from the rule ID and the params (one i18n layer).
 */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly area: RuleArea;
  /** The objects the finding is about, first the one it is "on" (where the map badge goes). */
  readonly objects: readonly ObjectRef[];
  /** Which message variant of the rule applies (some rules have several conditions). */
  readonly variant: string;
  readonly params: FindingParams;
  /** Exact cmdlet(s) that fix it, shown and copyable, never run from the Checks screen. */
  readonly fix: readonly string[];
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities) if (worst === null || SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}
