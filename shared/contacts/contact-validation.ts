/**
 * The R-C rules of docs/sources.md as the contact form (and each CSV row) types them: errors block the
 * operation, warnings must be acknowledged, infos are shown. The org-level rules judge the contacts
 * that exist (shared/rules/contact-topology-rules.ts); these judge a change *before* it is made,
 * against the same conditions, plus the editor-time rules (R-C-09 OU, R-C-10 groups, R-C-15 confirm).
 *
 * Pure: no Node, no DOM. One index of the org (`ContactIndex`) answers every look-up in O(1), so a
 * keystroke or a 1,000-row import never walks the 5,000 contacts or the 100,000 users per check.
 */
import type { Diagnostic, DiagnosticMessage } from '../diagnostics/diagnostic';
import type { RuleDefinition } from '../diagnostics/rule-definition';
import type { ExUmContact, OrgModel, Severity, SkypePool } from '../model/org';
import { phoneDigits } from '../model/phone';
import { psQuote } from '../powershell/quote';
import { CONTACT_NUMBER, CONTACT_RULES, homePoolsOf, nonSipDialPlanOf } from '../rules/contact-topology-rules';
import { type ContactDraft, type ContactKind, type ContactOperation, MAX_CONTACT_FIELD, type ServedNumber } from './contact-model';

export interface ValidationContext {
  /** The contact as read now: required for edit, move and remove (null for a creation). */
  readonly original: ExUmContact | null;
  /** Test-CsOUPermission -ObjectType Contact on the target OU (null/undefined: not checked yet). */
  readonly ouPermission?: boolean | null;
  /** The operator's membership of the RTC groups (null: unknown). */
  readonly operatorGroups?: { readonly serverAdmins: boolean | null; readonly userAdmins: boolean | null } | null;
  /** OUs that exist in the directory (null/undefined: not known, R-C-09's "OU missing" is not judged). */
  readonly knownOus?: readonly string[] | null;
}

// ------------------------------------------------------------------ diagnostics

/**
 * What a form judgement's editor-only rules see (R-C-09 OU, R-C-10 groups, R-C-15 confirm): the
 * operation, the org's index and what the editor checked.
 */
export interface ContactFormJudgement {
  readonly operation: ContactOperation;
  readonly index: ContactIndex;
  readonly ctx: ValidationContext;
}

export interface ContactRuleDefinition extends RuleDefinition<ContactFormJudgement> {
  readonly family: 'contact';
}

/** R-C-09: the target OU exists, and the operator may create contacts in it (docs/contact-objects.md §1.4: Test-CsOUPermission). */
export const R_C_09: ContactRuleDefinition = {
  id: 'R-C-09',
  family: 'contact',
  severity: 'error',
  sources: ['LYNC13-OCSUMUTIL', 'PS-New-CsExUmContact'],
  basis: 'DOC',
  evaluate: ({ operation: op, ctx }) => {
    if (op.op !== 'create' && op.op !== 'edit') return [];
    const original = op.op === 'edit' ? ctx.original : null;
    if (op.op === 'edit' && !original) return [];
    return ouIssues(op.draft.ou.trim(), fieldChecked(op.draft, 'ou'), ctx, original);
  },
};

/** R-C-10: the operator's RTC groups (docs/contact-objects.md §1.4, §2). */
export const R_C_10: ContactRuleDefinition = {
  id: 'R-C-10',
  family: 'contact',
  severity: 'error',
  sources: ['LYNC13-OCSUMUTIL', 'PS-New-CsExUmContact'],
  basis: 'DOC',
  evaluate: ({ ctx }) => operatorIssues(ctx),
};

/** R-C-15: an edit of the number rewrites LineURI, of the SIP address OtherIpPhone (docs/contact-objects.md §2.2): shown before it is made. */
export const R_C_15: ContactRuleDefinition = {
  id: 'R-C-15',
  family: 'contact',
  severity: 'info',
  sources: ['PS-Set-CsExUmContact'],
  basis: 'DOC',
  evaluate: ({ operation: op, ctx }) => {
    const original = ctx.original;
    if (op.op !== 'edit' || !original) return [];
    const sip = op.draft.sipAddress.trim();
    const number = op.draft.displayNumber.trim();
    return [
      ...(fieldChecked(op.draft, 'sipAddress') && SIP_URI.test(sip) ? changeIssues('sipAddress', sip, original) : []),
      ...(fieldChecked(op.draft, 'displayNumber') && CONTACT_NUMBER.test(number) ? changeIssues('displayNumber', number, original) : []),
    ];
  },
};

/** The rules only the contact editor judges (the contact family of shared/diagnostics/registry.ts); the others are the org R-C rules. */
export const CONTACT_EDITOR_RULES: readonly ContactRuleDefinition[] = [R_C_09, R_C_10, R_C_15];

/** Source keys by rule ID: the org R-C rules the form judges again, and the editor-only ones. */
const SOURCES_BY_ID: ReadonlyMap<string, readonly string[]> = new Map([...CONTACT_RULES, ...CONTACT_EDITOR_RULES].map((r) => [r.id, r.sources]));
const NO_SOURCES: readonly string[] = [];

/**
 * One diagnostic of the form (or of a CSV row, or of a contact in the list). `rule` is a catalogue
 * rule (R-C-…), whose sources it carries, or one of the form's own input checks (`form.*`, `csv.*`,
 * no sources). Contacts are judged as drafts, so `objects` is empty.
 */
export function contactDiagnostic(rule: string, severity: Severity, field: keyof ContactDraft | null, key: string, params: DiagnosticMessage['params'] = {}, fix: readonly string[] = []): Diagnostic {
  return { rule, severity, objects: [], message: { key, params }, fix, sources: SOURCES_BY_ID.get(rule) ?? NO_SOURCES, field };
}

/** A SIP address as the directory compares them: without `sip:`, case-insensitive. */
export const sipKey = (sip: string): string => sip.trim().replace(/^sip:/i, '').toLowerCase();
/** OU distinguished names compare case-insensitively and ignore blanks around the commas. */
export const ouKey = (dn: string): string =>
  dn
    .trim()
    .replace(/\s*,\s*/g, ',')
    .toLowerCase();
export const contactLabel = (c: ExUmContact): string => c.displayName || c.sipAddress || c.identity;
export const kindOf = (c: ExUmContact): ContactKind => (c.autoAttendant ? 'autoAttendant' : 'subscriberAccess');

/**
 * The draft that leaves a contact as it is: the form an edit starts from (its type from the
 * AutoAttendant flag, as kindOf), with its enabled state.
 */
export function draftFromContact(c: ExUmContact): Required<ContactDraft> {
  return {
    ou: c.ou,
    name: c.displayName,
    sipAddress: c.sipAddress,
    registrarPool: c.registrarPool,
    displayNumber: c.displayNumber,
    kind: kindOf(c),
    description: c.description,
    enabled: c.enabled,
    enterpriseVoiceEnabled: c.enterpriseVoiceEnabled,
  };
}

const lower = (s: string) => s.toLowerCase();

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function removeFrom<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (!list) return;
  const rest = list.filter((x) => x !== v);
  if (rest.length) m.set(k, rest);
  else m.delete(k);
}

// ------------------------------------------------------------------ the index

/** What the rules look up that depends on the org only (users, pools, Exchange numbers): built once per org model. */
interface OrgFacts {
  readonly userSips: ReadonlySet<string>;
  /** Exchange numbers of the SIP URI dial plans, by phoneDigits. */
  readonly served: ReadonlyMap<string, readonly ServedNumber[]>;
  readonly poolByFqdn: ReadonlyMap<string, SkypePool>;
  /** Lower-case dial plan name → pool homing most of its EV/UM users (OcsUmUtil step 6). */
  readonly homePool: ReadonlyMap<string, string>;
  /** Every served number in dial plan order (the view's pilotNumbers). */
  readonly servedList: readonly ServedNumber[];
}

/**
 * The org model is immutable, so its facts are computed once and shared by the view, every
 * keystroke's validation and the import plan (100,000 users are walked once, not per keystroke).
 */
const FACTS = new WeakMap<OrgModel, OrgFacts>();

function orgFacts(org: OrgModel): OrgFacts {
  const cached = FACTS.get(org);
  if (cached) return cached;
  const userSips = new Set<string>();
  for (const u of org.users) if (u.sipAddress) userSips.add(sipKey(u.sipAddress));
  const aasByDialPlan = new Map<string, (typeof org.exchange.autoAttendants)[number][]>();
  for (const a of org.exchange.autoAttendants) pushTo(aasByDialPlan, lower(a.dialPlan), a);
  const servedList: ServedNumber[] = [];
  // The integration's contacts serve SIP URI dial plans only (docs/contact-objects.md §1.5 step 2: "SIP Dial Plans").
  for (const d of org.exchange.dialPlans) {
    if (d.uriType !== 'SipName') continue;
    for (const n of d.accessTelephoneNumbers) servedList.push({ kind: 'subscriberAccess', number: n, dialPlan: d.name, autoAttendant: null });
    for (const a of aasByDialPlan.get(lower(d.name)) ?? []) for (const n of a.pilotIdentifierList) servedList.push({ kind: 'autoAttendant', number: n, dialPlan: d.name, autoAttendant: a.name });
  }
  const served = new Map<string, ServedNumber[]>();
  for (const s of servedList) {
    const k = phoneDigits(s.number);
    if (k) pushTo(served, k, s);
  }
  const facts: OrgFacts = {
    userSips,
    served,
    poolByFqdn: new Map(org.skype.pools.map((p) => [lower(p.fqdn), p])),
    homePool: homePoolsOf(org),
    servedList,
  };
  FACTS.set(org, facts);
  return facts;
}

/**
 * Everything the rules look up, keyed once. The contact maps are the index's own and mutable on
 * purpose for the import plan, which adds each accepted row so the next row sees it (two rows with
 * one number: the second is refused, R-C-04).
 */
export class ContactIndex {
  readonly byIdentity = new Map<string, ExUmContact>();
  readonly byDigits = new Map<string, ExUmContact[]>();
  readonly bySip = new Map<string, ExUmContact[]>();
  readonly userSips: ReadonlySet<string>;
  readonly served: ReadonlyMap<string, readonly ServedNumber[]>;
  readonly poolByFqdn: ReadonlyMap<string, SkypePool>;
  readonly homePool: ReadonlyMap<string, string>;
  readonly servedList: readonly ServedNumber[];

  constructor(readonly org: OrgModel) {
    const f = orgFacts(org);
    this.userSips = f.userSips;
    this.served = f.served;
    this.poolByFqdn = f.poolByFqdn;
    this.homePool = f.homePool;
    this.servedList = f.servedList;
    for (const c of org.skype.exUmContacts) this.add(c);
  }

  add(c: ExUmContact): void {
    this.byIdentity.set(lower(c.identity), c);
    const d = phoneDigits(c.displayNumber);
    if (d) pushTo(this.byDigits, d, c);
    const s = sipKey(c.sipAddress);
    if (s) pushTo(this.bySip, s, c);
  }

  remove(c: ExUmContact): void {
    this.byIdentity.delete(lower(c.identity));
    removeFrom(this.byDigits, phoneDigits(c.displayNumber), c);
    removeFrom(this.bySip, sipKey(c.sipAddress), c);
  }

  contact(identity: string): ExUmContact | null {
    return this.byIdentity.get(lower(identity.trim())) ?? null;
  }

  /** The Exchange number `number` is, preferring one of `kind` (a number both OVA and AA pilot is an Exchange fault). */
  servedBy(number: string, kind: ContactKind): ServedNumber | null {
    const all = this.served.get(phoneDigits(number));
    if (!all) return null;
    return all.find((s) => s.kind === kind) ?? all[0];
  }

  /** The pool homing the users of the dial plan, or null. */
  homeOf(dialPlan: string): string | null {
    return this.homePool.get(lower(dialPlan)) ?? null;
  }
}

/** A fresh index (its contact maps are its own: the import plan changes them). */
export function buildContactIndex(org: OrgModel): ContactIndex {
  return new ContactIndex(org);
}

// ------------------------------------------------------------------ the rules

/** Fields by the cmdlet parameter they become (the same words in every language: admins type them). */
const FIELD_NAME: Readonly<Record<keyof ContactDraft, string>> = {
  ou: 'OU',
  name: 'Name',
  sipAddress: 'SipAddress',
  registrarPool: 'RegistrarPool',
  displayNumber: 'DisplayNumber',
  kind: 'AutoAttendant',
  description: 'Description',
  enabled: 'Enabled',
  enterpriseVoiceEnabled: 'EnterpriseVoiceEnabled',
};
const REQUIRED: readonly (keyof ContactDraft)[] = ['ou', 'sipAddress', 'registrarPool', 'displayNumber'];
const TEXT_FIELDS: readonly (keyof ContactDraft)[] = ['ou', 'name', 'sipAddress', 'registrarPool', 'displayNumber', 'description'];
/** R-C-01: `sip:` then user@domain, no blanks or control characters (they never resolve). */
export const SIP_URI = /^sip:[^@\s\u0000-\u001f\u007f]+@[^@\s\u0000-\u001f\u007f]+$/i;

/** The R-C rules on one operation, in form order. */
export function validateOperation(op: ContactOperation, org: OrgModel, ctx: ValidationContext): Diagnostic[] {
  return validateWithIndex(op, buildContactIndex(org), ctx);
}

/** validateOperation over a prebuilt index (the import plan reuses one for all its rows). */
export function validateWithIndex(op: ContactOperation, index: ContactIndex, ctx: ValidationContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (op.op !== 'create' && !ctx.original) out.push(contactDiagnostic('form.notFound', 'error', null, 'contacts.issue.notFound', { identity: op.identity }));
  out.push(...R_C_10.evaluate({ operation: op, index, ctx }));
  switch (op.op) {
    case 'create':
      out.push(...draftIssues(op.draft, index, ctx, null));
      break;
    case 'edit':
      if (ctx.original) out.push(...draftIssues(op.draft, index, ctx, ctx.original));
      break;
    case 'move':
      out.push(...moveIssues(op.targetPool, index, ctx.original));
      break;
    case 'remove':
      // Nothing to validate on the object: what stops working is removalConsequences' job.
      break;
  }
  return out;
}

/** R-C-10: the operator's groups (docs/contact-objects.md §1.4, §2). */
function operatorIssues(ctx: ValidationContext): Diagnostic[] {
  const g = ctx.operatorGroups;
  if (!g) return [];
  const out: Diagnostic[] = [];
  if (g.userAdmins === false) out.push(contactDiagnostic('R-C-10', 'error', null, 'contacts.issue.R-C-10.userAdmins', {}));
  // OcsUmUtil wants both groups; the *-CsExUmContact cmdlets only RTCUniversalUserAdmins (docs/contact-objects.md §2): parity, not a blocker.
  if (g.serverAdmins === false) out.push(contactDiagnostic('R-C-10', 'warning', null, 'contacts.issue.R-C-10.serverAdmins', {}));
  return out;
}

function draftIssues(draft: ContactDraft, index: ContactIndex, ctx: ValidationContext, original: ExUmContact | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const v = {
    ou: draft.ou.trim(),
    sipAddress: draft.sipAddress.trim(),
    registrarPool: draft.registrarPool.trim(),
    displayNumber: draft.displayNumber.trim(),
  };
  const tooLong = new Set<keyof ContactDraft>();
  for (const f of TEXT_FIELDS) {
    const value = draft[f];
    if (typeof value === 'string' && value.length > MAX_CONTACT_FIELD) {
      tooLong.add(f);
      out.push(contactDiagnostic('form.tooLong', 'error', f, 'contacts.issue.tooLong', { field: FIELD_NAME[f], length: value.length, max: MAX_CONTACT_FIELD }));
    }
  }
  const empty = new Set<keyof ContactDraft>();
  for (const f of REQUIRED) {
    if (v[f as keyof typeof v] === '') {
      empty.add(f);
      out.push(contactDiagnostic('form.required', 'error', f, 'contacts.issue.required', { field: FIELD_NAME[f] }));
    }
  }
  const checks = (f: keyof ContactDraft) => !empty.has(f) && !tooLong.has(f);

  // OU: the *-CsExUmContact cmdlets have no way to move a contact to another OU (docs/contact-objects.md §2.2: no -OU on Set).
  if (original && checks('ou') && ouKey(v.ou) !== ouKey(original.ou)) out.push(contactDiagnostic('form.ouChange', 'error', 'ou', 'contacts.issue.ouChange', { from: original.ou, to: v.ou }));
  out.push(...ouIssues(v.ou, checks('ou'), ctx, original));

  // SIP address.
  if (checks('sipAddress')) {
    if (!SIP_URI.test(v.sipAddress)) out.push(contactDiagnostic('R-C-01', 'error', 'sipAddress', 'contacts.issue.R-C-01', { sip: v.sipAddress }));
    else {
      const key = sipKey(v.sipAddress);
      const other = (index.bySip.get(key) ?? []).find((c) => !original || lower(c.identity) !== lower(original.identity));
      if (index.userSips.has(key)) out.push(contactDiagnostic('R-C-02', 'error', 'sipAddress', 'contacts.issue.R-C-02.user', { sip: v.sipAddress }));
      else if (other) out.push(contactDiagnostic('R-C-02', 'error', 'sipAddress', 'contacts.issue.R-C-02.contact', { sip: v.sipAddress, other: contactLabel(other) }));
      if (original) out.push(...changeIssues('sipAddress', v.sipAddress, original));
    }
  }

  // Number.
  let served: ServedNumber | null = null;
  if (checks('displayNumber')) {
    if (!CONTACT_NUMBER.test(v.displayNumber)) out.push(contactDiagnostic('R-C-03', 'error', 'displayNumber', 'contacts.issue.R-C-03', { number: v.displayNumber }));
    else {
      const digits = phoneDigits(v.displayNumber);
      const other = (index.byDigits.get(digits) ?? []).find((c) => !original || lower(c.identity) !== lower(original.identity));
      if (other) out.push(contactDiagnostic('R-C-04', 'error', 'displayNumber', 'contacts.issue.R-C-04', { number: v.displayNumber, other: contactLabel(other) }));
      if (!v.displayNumber.startsWith('+')) out.push(contactDiagnostic('R-C-05', 'warning', 'displayNumber', 'contacts.issue.R-C-05', { number: v.displayNumber }));
      served = index.servedBy(v.displayNumber, draft.kind);
      // One rule decides (R-C-06 in shared/rules/contact-topology-rules.ts): a number of a telephone-extension or E.164 dial plan is named as such.
      const nonSip = served ? null : nonSipDialPlanOf(index.org, v.displayNumber);
      if (nonSip) out.push(contactDiagnostic('R-C-06', 'warning', 'displayNumber', 'contacts.issue.R-C-06.nonSipDialPlan', { number: v.displayNumber, dialPlan: nonSip }));
      else if (!served) out.push(contactDiagnostic('R-C-06', 'warning', 'displayNumber', `contacts.issue.R-C-06.${draft.kind}`, { number: v.displayNumber }));
      else if (served.kind !== draft.kind) out.push(kindMismatch(served, v.displayNumber, 'kind'));
      if (original) out.push(...changeIssues('displayNumber', v.displayNumber, original));
    }
  }

  // Pool.
  if (checks('registrarPool')) out.push(...poolIssues(v.registrarPool, index, served));

  // R-C-14: disabling stops the AA / SA answering (docs/contact-objects.md §2.2 -Enabled).
  if (original && draft.enabled === false && original.enabled)
    out.push(contactDiagnostic('R-C-14', 'warning', 'enabled', `contacts.issue.R-C-14.${kindOf(original)}`, { contact: contactLabel(original) }));
  // R-C-14 again: without Enterprise Voice the number no longer answers (Set-CsExUmContact -EnterpriseVoiceEnabled, its reference page).
  if (original && draft.enterpriseVoiceEnabled === false && original.enterpriseVoiceEnabled)
    out.push(contactDiagnostic('R-C-14', 'warning', 'enterpriseVoiceEnabled', `contactEditor.issue.R-C-14.voiceOff.${kindOf(original)}`, { contact: contactLabel(original) }));
  // Left off as the contact is: the row's own warning, under the control that fixes it.
  else if (original && draft.enabled !== false && draft.enterpriseVoiceEnabled === false)
    out.push(contactDiagnostic('R-C-14', 'warning', 'enterpriseVoiceEnabled', 'contacts.issue.R-C-14.voice', { contact: contactLabel(original) }));
  return out;
}

/** R-C-09 on a create or an edit: `ou` trimmed, `checked` when it is neither empty nor too long. */
function ouIssues(ou: string, checked: boolean, ctx: ValidationContext, original: ExUmContact | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!original && checked && ctx.knownOus && !ctx.knownOus.some((o) => ouKey(o) === ouKey(ou))) out.push(contactDiagnostic('R-C-09', 'error', 'ou', 'contacts.issue.R-C-09.missing', { ou }));
  if (ctx.ouPermission === false) {
    const target = original ? original.ou : ou;
    const fix = `Grant-CsOUPermission -OU ${psQuote(target)} -ObjectType Contact`;
    out.push(contactDiagnostic('R-C-09', 'error', 'ou', 'contacts.issue.R-C-09.permission', { ou: target, fix }, [fix]));
  }
  return out;
}

/** R-C-15 for one valid field (`value` trimmed) of an edit. */
function changeIssues(field: 'sipAddress' | 'displayNumber', value: string, original: ExUmContact): Diagnostic[] {
  if (value === original[field]) return [];
  return [contactDiagnostic('R-C-15', 'info', field, field === 'sipAddress' ? 'contacts.issue.R-C-15.sip' : 'contacts.issue.R-C-15.number', { from: original[field], to: value })];
}

/** A field the form judges further: neither empty (required fields) nor too long. */
function fieldChecked(draft: ContactDraft, f: keyof ContactDraft): boolean {
  const value = draft[f];
  if (typeof value === 'string' && value.length > MAX_CONTACT_FIELD) return false;
  return !(REQUIRED.includes(f) && typeof value === 'string' && value.trim() === '');
}

/** R-C-06, type variant: the number is the other kind's (an AA contact on an OVA number…). */
export function kindMismatch(served: ServedNumber, number: string, field: keyof ContactDraft | null): Diagnostic {
  return served.kind === 'autoAttendant'
    ? contactDiagnostic('R-C-06', 'warning', field, 'contacts.issue.R-C-06.isAutoAttendant', { number, autoAttendant: served.autoAttendant ?? '', dialPlan: served.dialPlan })
    : contactDiagnostic('R-C-06', 'warning', field, 'contacts.issue.R-C-06.isSubscriberAccess', { number, dialPlan: served.dialPlan });
}

/** R-C-07 (unknown or OCS 2007 R2 pool) and R-C-08 (not the pool homing the dial plan's users). */
function poolIssues(pool: string, index: ContactIndex, served: ServedNumber | null): Diagnostic[] {
  const p = index.poolByFqdn.get(lower(pool));
  if (!p) return [contactDiagnostic('R-C-07', 'error', 'registrarPool', 'contacts.issue.R-C-07.unknown', { pool })];
  if (p.product === 'OCS2007R2') return [contactDiagnostic('R-C-07', 'error', 'registrarPool', 'contacts.issue.R-C-07.legacy', { pool: p.fqdn })];
  const home = served ? index.homeOf(served.dialPlan) : null;
  if (served && home && lower(home) !== lower(p.fqdn)) return [contactDiagnostic('R-C-08', 'info', 'registrarPool', 'contacts.issue.R-C-08', { pool: p.fqdn, home, dialPlan: served.dialPlan })];
  return [];
}

function moveIssues(targetPool: string, index: ContactIndex, original: ExUmContact | null): Diagnostic[] {
  const target = targetPool.trim();
  if (!target) return [contactDiagnostic('form.required', 'error', 'registrarPool', 'contacts.issue.required', { field: 'Target' })];
  if (original && lower(target) === lower(original.registrarPool)) return [contactDiagnostic('form.samePool', 'error', 'registrarPool', 'contacts.issue.samePool', { pool: original.registrarPool })];
  const served = original ? index.servedBy(original.displayNumber, kindOf(original)) : null;
  return poolIssues(target, index, served);
}

// ------------------------------------------------------------------ what a removal breaks

/**
 * What stops working when `contact` goes (or is disabled): the Exchange number it carried stops
 * being reachable from Skype for Business, unless another contact carries the same number (an
 * auto attendant: another of its pilots).
 */
export function removalConsequences(contact: ExUmContact, org: OrgModel): DiagnosticMessage[] {
  return consequencesWithIndex(contact, buildContactIndex(org));
}

export function consequencesWithIndex(contact: ExUmContact, index: ContactIndex): DiagnosticMessage[] {
  const out: DiagnosticMessage[] = [];
  const say = (key: string, params: DiagnosticMessage['params']) => out.push({ key, params });
  const others = (number: string) => (index.byDigits.get(phoneDigits(number)) ?? []).filter((c) => lower(c.identity) !== lower(contact.identity) && c.enabled);
  const served = contact.displayNumber ? index.servedBy(contact.displayNumber, kindOf(contact)) : null;
  if (!served) say('contacts.consequence.nothing', { number: contact.displayNumber || '—' });
  else if (served.kind === 'autoAttendant') {
    const pilots = index.servedList.filter((s) => s.kind === 'autoAttendant' && s.autoAttendant === served.autoAttendant && s.dialPlan === served.dialPlan);
    const still = pilots.flatMap((s) => others(s.number));
    if (still.length) say('contacts.consequence.stillServed', { number: served.number, other: contactLabel(still[0]) });
    else say('contacts.consequence.autoAttendant', { autoAttendant: served.autoAttendant ?? '', number: served.number, dialPlan: served.dialPlan });
  } else {
    const still = others(served.number);
    if (still.length) say('contacts.consequence.stillServed', { number: served.number, other: contactLabel(still[0]) });
    else say('contacts.consequence.subscriberAccess', { number: served.number, dialPlan: served.dialPlan });
  }
  if (contact.sipAddress) say('contacts.consequence.sip', { sip: contact.sipAddress });
  return out;
}
