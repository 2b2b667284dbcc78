/**
 * One user's verdict — works, at risk, or fails — with its reasons (the user rules, blocking first),
 * the call path and what on the path puts the calls at risk. The verdict never contradicts its path:
 * it is "works" only when no reason is an error and every hop is green (docs/user-rules.md,
 * "The verdict"). Pure.
 */
import type { Diagnostic, DiagnosticMessage } from '../diagnostics/diagnostic';
import { callPath, type DiagnosticsByObject, HOP_PROBLEMS_OF_USER_RULES } from './call-path';
import type { SkypeUser, UmMailbox } from '../model/org';
import { describeUser, type IndexedUser, type UserIndex, userByEmail, userBySip } from './user-index';
import type { CallHop, PathRisk, UserMatch, UserVerdict, VerdictOutcome } from './user-model';
import { evaluateUser, USER_RULE_BY_ID, type UserRuleContext, userRuleIds } from './user-rules';

/** Two halves of a user, as the index joins them or as a live read returns them (`exchange` = the UM mailbox). */
export type UserHalves = { readonly skype: SkypeUser | null } & ({ readonly mailbox: UmMailbox | null } | { readonly exchange: UmMailbox | null });

/**
 * What on the path puts the calls at risk, in path order: every org finding that affects this user
 * (once, though it may name two hops), and the red hops no such finding explains. A hop problem a user
 * rule already gives (HOP_PROBLEMS_OF_USER_RULES) is left to that rule while the user has a blocking reason.
 */
export function pathRisks(path: readonly CallHop[], blocked: boolean): PathRisk[] {
  const out: PathRisk[] = [];
  const seen = new Set<Diagnostic>();
  for (const h of path) {
    if (h.ok) continue;
    const affecting = h.findings.filter((f) => f.affects);
    for (const { finding } of affecting) {
      if (seen.has(finding)) continue;
      seen.add(finding);
      out.push({ hop: h.kind, message: finding.message, finding });
    }
    if (affecting.length === 0 && h.problem && !(blocked && HOP_PROBLEMS_OF_USER_RULES.has(h.problem.key))) out.push({ hop: h.kind, message: h.problem, finding: null });
  }
  return out;
}

/** works / at-risk / fails from the reasons and the risks. */
export function outcomeOf(reasons: readonly Diagnostic[], risks: readonly PathRisk[]): VerdictOutcome {
  if (reasons.some((r) => r.severity === 'error')) return 'fails';
  return risks.length > 0 ? 'at-risk' : 'works';
}

/** The headline: the outcome, its first cause (a blocking reason, else a risk) and how many more causes there are ("+N more"). */
export interface VerdictHeadline {
  readonly verdict: VerdictOutcome;
  readonly cause: DiagnosticMessage | null;
  /** The rule of the first cause (R-U-…, or the org rule of a risk); null for a hop's own state. */
  readonly rule: string | null;
  readonly more: number;
}

export function verdictHeadline(v: Pick<UserVerdict, 'verdict' | 'reasons' | 'risks'>): VerdictHeadline {
  const causes: { message: DiagnosticMessage; rule: string | null }[] = [
    ...v.reasons.filter((r) => r.severity === 'error').map((r) => ({ message: r.message, rule: r.rule })),
    ...v.risks.map((r) => ({ message: r.message, rule: r.finding?.rule ?? null })),
  ];
  if (v.verdict === 'works' || causes.length === 0) return { verdict: v.verdict, cause: null, rule: null, more: 0 };
  return { verdict: v.verdict, cause: causes[0].message, rule: causes[0].rule, more: causes.length - 1 };
}

/** The verdict of one user: an indexed user, or two halves read live. `findings`: the org rules' diagnostics (evaluateRules). */
export function verdictOf(halves: IndexedUser | UserHalves, ctx: UserRuleContext, findings?: readonly Diagnostic[] | DiagnosticsByObject): UserVerdict {
  const user = 'sipAddress' in halves ? halves : describeUser(halves.skype, 'mailbox' in halves ? halves.mailbox : halves.exchange);
  const joined = { skype: user.skype, mailbox: user.mailbox };
  const reasons = evaluateUser(joined, ctx);
  const path = callPath(joined, ctx, findings);
  const risks = pathRisks(
    path,
    reasons.some((r) => r.severity === 'error'),
  );
  const verdict = outcomeOf(reasons, risks);
  return {
    sipAddress: user.sipAddress,
    displayName: user.displayName,
    verdict,
    works: verdict === 'works',
    reasons,
    skype: user.skype,
    exchange: user.mailbox,
    path,
    risks,
  };
}

/**
 * The verdict of the user with this SIP address (with or without `sip:`, any case). A user that
 * exists only as a mailbox may be named by its primary SMTP address instead. Null when unknown.
 */
export function userVerdict(index: UserIndex, ctx: UserRuleContext, sipAddress: string, findings?: readonly Diagnostic[] | DiagnosticsByObject): UserVerdict | null {
  const user = userBySip(index, sipAddress) ?? userByEmail(index, sipAddress);
  return user ? verdictOf(user, ctx, findings) : null;
}

/** The verdict of a user known by its mailbox only (no Skype user joins it): R-U-01 is among its reasons. */
export function mailboxVerdict(index: UserIndex, ctx: UserRuleContext, primarySmtpAddress: string, findings?: readonly Diagnostic[] | DiagnosticsByObject): UserVerdict | null {
  const user = userByEmail(index, primarySmtpAddress);
  return user ? verdictOf(user, ctx, findings) : null;
}

/**
 * Search results with each user's verdict, so the list says ✓ / ✗ / at risk before a user is
 * opened: judged here as when the user is opened (`verdictOf`), from the loaded org. A result the
 * index does not hold (found on a live server since the capture) keeps `verdict: null`.
 */
export function withVerdicts(index: UserIndex, ctx: UserRuleContext, matches: readonly UserMatch[], findings?: readonly Diagnostic[] | DiagnosticsByObject): UserMatch[] {
  return matches.map((m) => {
    const user = (m.sipAddress ? userBySip(index, m.sipAddress) : null) ?? (m.email ? userByEmail(index, m.email) : null);
    return user ? { ...m, verdict: outcomeOfUser(user, ctx, findings) } : m;
  });
}

/**
 * The outcome alone, as `verdictOf` gives it, without building messages and fixes: a blocking rule
 * (severity error) fails the user, else the risks on the call path. 0.6 ms for a page of 50 results
 * on a 100,000-user org, against 11 ms through `verdictOf` (docs/user-rules.md, "Search results").
 */
export function outcomeOfUser(user: IndexedUser, ctx: UserRuleContext, findings?: readonly Diagnostic[] | DiagnosticsByObject): VerdictOutcome {
  const joined = { skype: user.skype, mailbox: user.mailbox };
  if (userRuleIds(joined, ctx).some((r) => USER_RULE_BY_ID.get(r)?.severity === 'error')) return 'fails';
  return pathRisks(callPath(joined, ctx, findings), false).length > 0 ? 'at-risk' : 'works';
}
