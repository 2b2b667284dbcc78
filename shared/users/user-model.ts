/**
 * "Will this user's voice mail work?": one user's two halves (Skype for Business and
 * Exchange UM), the path a call to voice mail takes, the verdict with its reasons (rules R-U-…,
 * docs/user-rules.md), and the check of everyone. Pure types: no Node, no DOM.
 *
 * Functions over these types live beside this file:
 * - user-index.ts   buildUserIndex(org) / searchUsers(index, query, limit): prefix search over
 *                   display name, SIP address, e-mail address, extension and phone number;
 *                   joinUser(org-or-index, sipAddress) → the Skype user and the UM mailbox;
 * - user-rules.ts   evaluateUser(...) → the reasons, blocking first (the R-U rules);
 * - call-path.ts    callPath(...) → the hops pool → gateway → hunt group → dial plan → UM servers;
 * - verdict.ts      userVerdict(org-or-index, sipAddress) → UserVerdict;
 * - check-all.ts    checkUsers(...) → the summary, counts per reason, the failing users.
 */
import type { ObjectRef, Severity, SkypeUser, UmMailbox } from '../model/org';

/** Who must apply a fix (the roles of the deployment table of seed 000, docs/sources.md). */
export type FixRole =
  | 'RTCUniversalUserAdmins'
  | 'RTCUniversalServerAdmins'
  | 'ExchangeRecipientAdministrator'
  | 'ExchangeOrganizationAdministrator'
  | 'DomainAccountAdministrator';

export const FIX_ROLES: readonly FixRole[] = ['RTCUniversalUserAdmins', 'RTCUniversalServerAdmins', 'ExchangeRecipientAdministrator', 'ExchangeOrganizationAdministrator', 'DomainAccountAdministrator'];

export interface UserReason {
  /** R-U-01 … (docs/user-rules.md). */
  readonly rule: string;
  readonly severity: Severity;
  /** English (CLI JSON, reports); the UI renders `key` with `params`. */
  readonly message: string;
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The exact cmdlet to run (shown, never run from the Users screen); null when there is none. */
  readonly fix: string | null;
  readonly role: FixRole;
}

export type HopKind = 'pool' | 'gateway' | 'huntGroup' | 'dialPlan' | 'umServer';

/** One hop of a call to voice mail: green when it is there and no error finding names it. */
export interface CallHop {
  readonly kind: HopKind;
  /** What the hop is (a pool FQDN, a gateway name…); null when missing. */
  readonly label: string | null;
  readonly ref: ObjectRef | null;
  readonly ok: boolean;
  /** Why it is red (i18n key + params + English), null when green. */
  readonly problem: { readonly key: string; readonly params: Readonly<Record<string, string | number>>; readonly message: string } | null;
}

export interface UserVerdict {
  readonly sipAddress: string;
  readonly displayName: string;
  /** True when no reason is an error. */
  readonly works: boolean;
  /** Blocking (error) first, in the order a fix must follow. */
  readonly reasons: readonly UserReason[];
  readonly skype: SkypeUser | null;
  readonly exchange: UmMailbox | null;
  readonly path: readonly CallHop[];
}

/** One search result. */
export interface UserMatch {
  readonly sipAddress: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly extension: string | null;
  readonly phone: string | null;
  /** Which field matched the query. */
  readonly matchedOn: 'name' | 'sip' | 'email' | 'extension' | 'phone';
}

export interface UserSearchResult {
  readonly query: string;
  readonly matches: readonly UserMatch[];
  /** More users match than were returned. */
  readonly truncated: boolean;
}

export interface FailingUser {
  readonly sipAddress: string;
  readonly displayName: string;
  /** Rule IDs, blocking first. */
  readonly rules: readonly string[];
}

export interface UsersCheckSummary {
  readonly checked: number;
  readonly working: number;
  readonly failing: number;
  /** Users per rule (a user with several reasons counts once per rule). */
  readonly byRule: Readonly<Record<string, number>>;
  /** Query strings of a CSV that matched no user. */
  readonly notFound: readonly string[];
}

/** Search results at most (a prefix over 100,000 users can match thousands). */
export const MAX_SEARCH_RESULTS = 50;
/** Failing users kept in a check's answer (the CSV export has them all). */
export const MAX_FAILING_SHOWN = 1000;
