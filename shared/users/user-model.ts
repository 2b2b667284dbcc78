/**
 * "Will this user's voice mail work?": one user's two halves (Skype for Business and
 * Exchange UM), the path a call to voice mail takes, the verdict with its reasons (rules R-U-…,
 * docs/user-rules.md), and the check of everyone. Pure types: no Node, no DOM.
 *
 * Functions over these types live beside this file:
 * - user-index.ts   buildUserIndex(org) / searchUsers(index, query, limit): prefix search over
 *                   display name, SIP address, e-mail address, extension and phone number;
 *                   joinUser(org-or-index, sipAddress) → the Skype user and the UM mailbox;
 * - user-rules.ts   evaluateUser(...) → the reasons (diagnostics), blocking first (the R-U rules);
 * - call-path.ts    callPath(...) → the hops pool → gateway → hunt group → dial plan → UM servers;
 * - verdict.ts      userVerdict(org-or-index, sipAddress) → UserVerdict;
 * - check-all.ts    checkUsers(...) → the summary, counts per reason, the failing users.
 */
import type { Diagnostic, DiagnosticMessage } from '../diagnostics/diagnostic';
import type { ObjectRef, SkypeUser, UmMailbox } from '../model/org';

export type HopKind = 'pool' | 'gateway' | 'huntGroup' | 'dialPlan' | 'umServer';

/** An org finding (R-D, R-G, R-X…) naming an object of a hop; `affects`: it is about this user's calls (else shown neutral, linked to the Checks screen). */
export interface HopFinding {
  readonly finding: Diagnostic;
  readonly affects: boolean;
}

/** One hop of a call to voice mail: red only for a reason that affects this user's calls. */
export interface CallHop {
  readonly kind: HopKind;
  /** What the hop is (a pool FQDN, a gateway name…); null when missing. */
  readonly label: string | null;
  readonly ref: ObjectRef | null;
  readonly ok: boolean;
  /** Why it is red, null when green. */
  readonly problem: DiagnosticMessage | null;
  /** The org findings naming the hop's objects: those that affect this user first. */
  readonly findings: readonly HopFinding[];
}

/** The helpdesk's three answers (docs/user-rules.md, "The verdict"). */
export type VerdictOutcome = 'works' | 'at-risk' | 'fails';
export const VERDICT_OUTCOMES: readonly VerdictOutcome[] = ['works', 'at-risk', 'fails'];

/**
 * Something broken on this user's path that no user rule gives as a reason: an org finding that
 * affects the user (`finding`), or a hop that cannot carry the call for its own state (`finding` null:
 * a disabled gateway the org rules do not name, no UM server for the dial plan…).
 */
export interface PathRisk {
  readonly hop: HopKind;
  readonly message: DiagnosticMessage;
  readonly finding: Diagnostic | null;
}

export interface UserVerdict {
  readonly sipAddress: string;
  readonly displayName: string;
  /** `works`: no blocking reason and every hop green; `fails`: a user rule error; `at-risk`: none, but the path has a risk. */
  readonly verdict: VerdictOutcome;
  /** verdict === 'works'. */
  readonly works: boolean;
  /** The user rules that fire (R-U-…, with their `role`), blocking (error) first, in the order a fix must follow. */
  readonly reasons: readonly Diagnostic[];
  readonly skype: SkypeUser | null;
  readonly exchange: UmMailbox | null;
  readonly path: readonly CallHop[];
  /** What on the path puts this user's calls at risk, in path order (empty when the path is green). */
  readonly risks: readonly PathRisk[];
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
  /** The user's verdict, judged in main before the user is opened; null for a user the loaded org does not hold (found on a live server since the capture). */
  readonly verdict: VerdictOutcome | null;
}

export interface UserSearchResult {
  readonly query: string;
  readonly matches: readonly UserMatch[];
  /** More users match than were returned. */
  readonly truncated: boolean;
}

/** A user whose voice mail will not work or is at risk. */
export interface FailingUser {
  readonly sipAddress: string;
  readonly displayName: string;
  readonly verdict: Exclude<VerdictOutcome, 'works'>;
  /** Rule IDs, blocking first: the user rules, then the org rules putting the path at risk. */
  readonly rules: readonly string[];
}

export interface UsersCheckSummary {
  readonly checked: number;
  readonly working: number;
  /** Users with a blocking reason. */
  readonly failing: number;
  /** Users without one whose path has a risk. */
  readonly atRisk: number;
  /** Users per rule (a user with several reasons counts once per rule); org rules count the users they put at risk. */
  readonly byRule: Readonly<Record<string, number>>;
  /** Query strings of a CSV that matched no user. */
  readonly notFound: readonly string[];
  /** Query strings of a CSV that name several users: not checked (which one was meant is the author's to say). */
  readonly ambiguous: readonly AmbiguousQuery[];
}

/** A CSV line naming several users (`matchUsers`): how many, and the first few of them. */
export interface AmbiguousQuery {
  readonly query: string;
  readonly count: number;
  /** The first users named (display name, else SIP address), at most AMBIGUOUS_SHOWN. */
  readonly candidates: readonly string[];
}

/** Users named beside an ambiguous CSV line. */
export const AMBIGUOUS_SHOWN = 3;

/** Search results at most (a prefix over 100,000 users can match thousands). */
export const MAX_SEARCH_RESULTS = 50;
/** Failing users kept in a check's answer (the CSV export has them all). */
export const MAX_FAILING_SHOWN = 1000;
