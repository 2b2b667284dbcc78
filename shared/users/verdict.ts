/**
 * One user's verdict: "Voice mail will work", or the reasons it will not, blocking first,
 * with the call path. Pure.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { callPath, type DiagnosticsByObject } from './call-path';
import type { SkypeUser, UmMailbox } from '../model/org';
import { describeUser, type IndexedUser, type UserIndex, userByEmail, userBySip } from './user-index';
import type { UserVerdict } from './user-model';
import { evaluateUser, type UserRuleContext } from './user-rules';

/** Two halves of a user, as the index joins them or as a live read returns them (`exchange` = the UM mailbox). */
export type UserHalves = { readonly skype: SkypeUser | null } & ({ readonly mailbox: UmMailbox | null } | { readonly exchange: UmMailbox | null });

/** The verdict of one user: an indexed user, or two halves read live. */
export function verdictOf(halves: IndexedUser | UserHalves, ctx: UserRuleContext, findings?: readonly Diagnostic[] | DiagnosticsByObject): UserVerdict {
  const user = 'sipAddress' in halves ? halves : describeUser(halves.skype, 'mailbox' in halves ? halves.mailbox : halves.exchange);
  const joined = { skype: user.skype, mailbox: user.mailbox };
  const reasons = evaluateUser(joined, ctx);
  return {
    sipAddress: user.sipAddress,
    displayName: user.displayName,
    works: !reasons.some((r) => r.severity === 'error'),
    reasons,
    skype: user.skype,
    exchange: user.mailbox,
    path: callPath(joined, ctx, findings),
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
