/**
 * What every rule of every family declares: its ID, how sure its condition is, the sources that
 * state it, and `evaluate` over its family's context. The families are registered in one place,
 * shared/diagnostics/registry.ts; each family's engine (shared/rules/engine.ts for the org,
 * shared/certificates/cert-rules.ts, shared/users/user-rules.ts, shared/contacts/contact-validation.ts)
 * takes its rules from there.
 */
import type { Severity } from '../model/org';
import type { Diagnostic, FixRole, RuleArea } from './diagnostic';

/** org: judged over a snapshot; certificate: over one X.509 certificate; user: over one user's two halves; contact: over a contact form draft. */
export type RuleFamily = 'org' | 'certificate' | 'user' | 'contact';

/** DOC: documented; DERIVED: inferred by the catalogue from documented facts; UNCONFIRMED: not verified. */
export type RuleBasis = 'DOC' | 'DERIVED' | 'UNCONFIRMED';

export interface RuleInfo {
  readonly id: string;
  readonly family: RuleFamily;
  /** The rule's severity; a diagnostic says otherwise only where the rule documents it (one condition of several is a warning). */
  readonly severity: Severity;
  /** Source keys, resolved in docs/sources.md. */
  readonly sources: readonly string[];
  readonly basis: RuleBasis;
  /** The source documents (seed 000–004, docs/sources.md) that state the fact, when one does. */
  readonly seeds?: readonly string[];
  /** Org rules: the Checks screen's area. */
  readonly area?: RuleArea;
  /** Who must apply the fix, when the rule always names one (user rules). */
  readonly role?: FixRole;
}

export interface RuleDefinition<Context> extends RuleInfo {
  readonly evaluate: (ctx: Context) => readonly Diagnostic[];
}
