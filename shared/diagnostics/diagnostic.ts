/**
 * The one shape of "a rule fired", whatever judged it: the org rules over a snapshot (R-D, R-G, R-X,
 * R-O, R-C, R-T), the per-certificate rules (`cert.*`), the user rules (R-U) and the contact form's
 * checks. Its text is never stored: `message` is an i18n key with its parameters, rendered in the
 * reader's language where it is shown (renderer, CLI, report writers) by `renderDiagnostic`
 * (shared/i18n/translate.ts). Pure data: no Node, no DOM.
 */
import type { Params } from '../i18n/translate';
import type { ObjectRef, Severity } from '../model/org';

/** Areas the Checks screen filters the org rules by. */
export type RuleArea = 'dialPlans' | 'gateways' | 'certificates' | 'oauth' | 'topology' | 'contacts';

export const RULE_AREAS: readonly RuleArea[] = ['dialPlans', 'gateways', 'certificates', 'oauth', 'topology', 'contacts'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Who must apply a fix (the roles of the deployment table of seed 000, docs/sources.md). */
export type FixRole = 'RTCUniversalUserAdmins' | 'RTCUniversalServerAdmins' | 'ExchangeRecipientAdministrator' | 'ExchangeOrganizationAdministrator' | 'DomainAccountAdministrator';

export const FIX_ROLES: readonly FixRole[] = [
  'RTCUniversalUserAdmins',
  'RTCUniversalServerAdmins',
  'ExchangeRecipientAdministrator',
  'ExchangeOrganizationAdministrator',
  'DomainAccountAdministrator',
];

/**
 * A message of the i18n layer (a `Message` of shared/i18n/translate.ts) whose parameters are plain
 * values, shown as they are: object names, numbers, settings.
 */
export interface DiagnosticMessage {
  readonly key: string;
  readonly params: Params;
}

export interface Diagnostic {
  /** The rule ID (R-D-01, cert.expired, R-U-03…); the contact form's own input checks are `form.*`. */
  readonly rule: string;
  readonly severity: Severity;
  /** The org objects it is about, first the one it is "on" (where the map badge goes); empty when the subject is no org object (a certificate file, a form draft, a user's two halves). */
  readonly objects: readonly ObjectRef[];
  /** What is wrong, with the values that show it; which of a rule's conditions fired is in the key. */
  readonly message: DiagnosticMessage;
  /** The exact cmdlet(s) that fix it, shown and copyable, never run from where they are shown; empty when there is none. */
  readonly fix: readonly string[];
  /** The rule's source keys (docs/sources.md). */
  readonly sources: readonly string[];
  /** Org rules: the Checks screen's area (its filter, and the areas a call to voice mail crosses). */
  readonly area?: RuleArea;
  /** Contact form: the field of the draft it is about (a ContactDraft key); null for the whole contact or operation. */
  readonly field?: string | null;
  /** Who must apply the fix (user rules, docs/user-rules.md). */
  readonly role?: FixRole;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities) if (worst === null || SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}
