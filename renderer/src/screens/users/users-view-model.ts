/**
 * The Users screen's pure logic: keyboard moves in the result list, the verdict sentence
 * and the texts of a reason (rendered in the language on screen), the two halves of a user as label/value facts, the report's counts per reason sorted,
 * and when the renderer keeps polling a check.
 */
import type { UsersCheckProgress } from '../../../../shared/users/user-channels';
import type { SkypeUser, UmMailbox } from '../../../../shared/model/org';
import type { Diagnostic, FixRole } from '../../../../shared/diagnostics/diagnostic';
import { type Language, renderDiagnostic, renderMessage, ruleTitleKey, translateDynamic } from '../../../../shared/i18n/translate';
import type { UsersCheckSummary, UserVerdict } from '../../../../shared/users/user-model';
import { verdictHeadline } from '../../../../shared/users/verdict';

/** Failing users drawn at once in the report (up to MAX_FAILING_SHOWN arrive; more on demand). */
export const FAILING_PAGE = 100;

/** A translator for keys built at run time and the test whether a key exists (i18n td / hasMessage). */
export type Td = (key: string, params?: Readonly<Record<string, string | number>>) => string;
export type Has = (key: string) => boolean;

// ------------------------------------------------------------------ the result list

/** What a key press in the search box does to the highlighted result: -1 = none highlighted. */
export interface KeyOutcome {
  readonly active: number;
  /** The index to open, or null. */
  readonly select: number | null;
  /** The key was ours: the box must not also act on it (the caret would jump on ↑/↓). */
  readonly handled: boolean;
}

export function resultKey(key: string, active: number, count: number): KeyOutcome {
  const current = count === 0 ? -1 : Math.min(active, count - 1);
  switch (key) {
    case 'ArrowDown':
      return { active: count === 0 ? -1 : Math.min(current + 1, count - 1), select: null, handled: count > 0 };
    case 'ArrowUp':
      return { active: count === 0 ? -1 : Math.max(current - 1, 0), select: null, handled: count > 0 };
    case 'Home':
      return count > 0 && current >= 0 ? { active: 0, select: null, handled: true } : { active: current, select: null, handled: false };
    case 'End':
      return count > 0 && current >= 0 ? { active: count - 1, select: null, handled: true } : { active: current, select: null, handled: false };
    case 'Enter': {
      // Enter with nothing highlighted opens the first result: type a name, press Enter.
      if (count === 0) return { active: -1, select: null, handled: false };
      const pick = current < 0 ? 0 : current;
      return { active: pick, select: pick, handled: true };
    }
    case 'Escape':
      return { active: -1, select: null, handled: current >= 0 };
    default:
      return { active: current, select: null, handled: false };
  }
}

// ------------------------------------------------------------------ texts of a verdict

/** The reason in the language on screen. */
export function reasonText(reason: Diagnostic, language: Language): string {
  return renderDiagnostic(language, reason).message;
}

export function roleText(role: FixRole, td: Td, has: Has): string {
  const key = `users.role.${role}`;
  return has(key) ? td(key) : role;
}

/** A rule's title, or its ID alone when the catalogue has no title for it. */
export function ruleTitle(rule: string, td: Td, has: Has): string {
  const key = ruleTitleKey(rule);
  return has(key) ? td(key) : rule;
}

/** The first blocking reason (the service lists errors first, in the order a fix must follow). */
export function blockingReason(verdict: UserVerdict): Diagnostic | null {
  return verdict.reasons.find((r) => r.severity === 'error') ?? null;
}

/**
 * "Voice mail will work" / "Voice mail will not work: <the first blocking reason>" / "Voice mail is at
 * risk: <the first risk on the call path>", with "(+N more)" when there are several causes.
 */
export function verdictSentence(verdict: UserVerdict, language: Language): string {
  const h = verdictHeadline(verdict);
  if (h.verdict === 'works' || !h.cause) return translateDynamic(language, 'users.verdict.works');
  const sentence = translateDynamic(language, h.verdict === 'fails' ? 'users.verdict.fails' : 'users.verdict.atRisk', { reason: renderMessage(language, h.cause) });
  return h.more > 0 ? `${sentence} ${translateDynamic(language, 'users.verdict.more', { count: h.more })}` : sentence;
}

/** Errors first, then warnings, then the rest; the service's order kept within each (stable sort). */
export function orderedReasons(reasons: readonly Diagnostic[]): Diagnostic[] {
  const rank = (r: Diagnostic) => (r.severity === 'error' ? 0 : r.severity === 'warning' ? 1 : 2);
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}

// ------------------------------------------------------------------ the two halves

/** A value as the screen shows it: text (monospace when an identifier), yes/no, or not set. */
export type FactValue =
  | { readonly kind: 'text'; readonly text: string; readonly mono: boolean }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'none' };

export interface Fact {
  /** i18n key of the label: users.field.<field>. */
  readonly field: string;
  readonly value: FactValue;
  /** The value is one a reason names as wrong (drawn red). */
  readonly bad: boolean;
}

const text = (s: string, mono = true): FactValue => (s.trim() === '' ? { kind: 'none' } : { kind: 'text', text: s, mono });
const bool = (value: boolean | null): FactValue => (value === null ? { kind: 'none' } : { kind: 'bool', value });
const list = (items: readonly string[]): FactValue => (items.length === 0 ? { kind: 'none' } : { kind: 'list', items });

/** The mailbox's EUM proxy addresses (`EUM:…`, how Exchange UM finds a user by extension or SIP). */
export function eumAddresses(mailbox: UmMailbox): string[] {
  return mailbox.emailAddresses.filter((a) => /^eum:/i.test(a));
}

/** Which fields each rule names (R-U rules, the catalogue): drawn red on the halves. */
const RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'R-U-01': ['enabled'],
  'R-U-02': ['enterpriseVoiceEnabled'],
  'R-U-03': ['umEnabled'],
  'R-U-04': ['sipResourceIdentifier', 'eumAddresses'],
  'R-U-05': ['umDialPlan'],
  'R-U-06': ['registrarPool'],
  'R-U-08': ['extensions'],
  'R-U-09': ['extensions'],
  'R-U-10': ['lineUri', 'extensions'],
  'R-U-11': ['serverName'],
  'R-U-12': ['hostedVoicemailPolicy'],
  'R-U-13': ['accountDisabled'],
};

function badFields(reasons: readonly Diagnostic[]): Set<string> {
  return new Set(reasons.flatMap((r) => RULE_FIELDS[r.rule] ?? []));
}

/** The Skype half: what Get-CsUser says of the user. */
export function skypeFacts(user: SkypeUser, reasons: readonly Diagnostic[] = []): Fact[] {
  const bad = badFields(reasons);
  const facts: [string, FactValue][] = [
    ['sipAddress', text(user.sipAddress)],
    ['enabled', bool(user.enabled)],
    ['registrarPool', text(user.registrarPool)],
    ['enterpriseVoiceEnabled', bool(user.enterpriseVoiceEnabled)],
    ['lineUri', text(user.lineUri)],
    ['dialPlan', text(user.dialPlan)],
    ['voicePolicy', text(user.voicePolicy)],
    ['hostedVoiceMail', bool(user.hostedVoiceMail)],
    ['hostedVoicemailPolicy', text(user.hostedVoicemailPolicy)],
    ['exUmEnabled', bool(user.exUmEnabled)],
  ];
  return facts.map(([field, value]) => ({ field, value, bad: bad.has(field) }));
}

/** The Exchange half: what Get-UMMailbox says of the user's mailbox. */
export function exchangeFacts(mailbox: UmMailbox, reasons: readonly Diagnostic[] = []): Fact[] {
  const bad = badFields(reasons);
  const facts: [string, FactValue][] = [
    ['mailbox', text(mailbox.primarySmtpAddress)],
    ['umEnabled', bool(mailbox.umEnabled)],
    ['umDialPlan', text(mailbox.umDialPlan)],
    ['extensions', list(mailbox.extensions)],
    ['umMailboxPolicy', text(mailbox.umMailboxPolicy)],
    ['sipResourceIdentifier', text(mailbox.sipResourceIdentifier)],
    ['eumAddresses', list(eumAddresses(mailbox))],
    ['serverName', text(mailbox.serverName)],
    // The account's state, said the positive way round: "enabled" is the good value.
    ['accountDisabled', bool(!mailbox.accountDisabled)],
  ];
  return facts.map(([field, value]) => ({ field, value, bad: bad.has(field) }));
}

// ------------------------------------------------------------------ the report

/**
 * The order a fix must follow (THE RULES' blocking order: R-U-13, 01, 02, 03, 11, 05, 04, 06, 07,
 * 08, 09, 12, then the warning 10): ties in the counts are listed in it.
 */
export const RULE_ORDER: readonly string[] = ['R-U-13', 'R-U-01', 'R-U-02', 'R-U-03', 'R-U-11', 'R-U-05', 'R-U-04', 'R-U-06', 'R-U-07', 'R-U-08', 'R-U-09', 'R-U-12', 'R-U-10'];

/**
 * Who applies each rule's fix (the roles of docs/user-rules.md): the
 * report's table names it next to the count; the report carries rule IDs only.
 */
export const RULE_ROLE: Readonly<Record<string, FixRole>> = {
  'R-U-01': 'RTCUniversalUserAdmins',
  'R-U-02': 'RTCUniversalUserAdmins',
  'R-U-03': 'ExchangeRecipientAdministrator',
  'R-U-04': 'ExchangeRecipientAdministrator',
  'R-U-05': 'ExchangeRecipientAdministrator',
  'R-U-06': 'ExchangeOrganizationAdministrator',
  'R-U-07': 'ExchangeOrganizationAdministrator',
  'R-U-08': 'ExchangeRecipientAdministrator',
  'R-U-09': 'ExchangeRecipientAdministrator',
  'R-U-10': 'ExchangeRecipientAdministrator',
  'R-U-11': 'ExchangeOrganizationAdministrator',
  'R-U-12': 'RTCUniversalUserAdmins',
  'R-U-13': 'DomainAccountAdministrator',
};

export interface RuleCount {
  readonly rule: string;
  readonly count: number;
  /** Null for a rule this screen does not know (a newer service): shown without a role. */
  readonly role: FixRole | null;
}

/** Users per reason, most users first; equal counts in blocking order, then unknown IDs by name. */
export function ruleCounts(byRule: UsersCheckSummary['byRule']): RuleCount[] {
  const position = (rule: string) => {
    const i = RULE_ORDER.indexOf(rule);
    return i < 0 ? RULE_ORDER.length : i;
  };
  return Object.entries(byRule)
    .filter(([, count]) => count > 0)
    .map(([rule, count]) => ({ rule, count, role: RULE_ROLE[rule] ?? null }))
    .sort((a, b) => b.count - a.count || position(a.rule) - position(b.rule) || a.rule.localeCompare(b.rule));
}

export function checkPercent(progress: Pick<UsersCheckProgress, 'done' | 'total'> | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

/** A report exists to show: a check ran (or is running). */
export function hasReport(progress: Pick<UsersCheckProgress, 'running' | 'finishedAt' | 'total'> | null): boolean {
  return progress !== null && (progress.running || progress.finishedAt !== null);
}
