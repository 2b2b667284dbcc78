/**
 * The user index: every user of an org once, its Skype half joined to its Exchange UM
 * half, and sorted prefix keys for the search box. Built once per org in O(n log n); a search is a
 * binary search plus the matching keys (O(log n + k)), so a 100,000-user org answers while typing.
 *
 * The join is the one of THE RULES (docs/user-rules.md §Join): the UM mailbox M belongs to the
 * Skype user S when M.SIPResourceIdentifier equals S's SIP address without `sip:`, or one of
 * M.EmailAddresses is `EUM:<that>` (optionally `;phone-context=…`) or `sip:<that>`; failing that,
 * when M.PrimarySmtpAddress equals S.UserPrincipalName (then R-U-04 fires: the SIP halves differ).
 * A mailbox no Skype user joins is a user of its own (mailbox only: R-U-01).
 */
import type { OrgModel, SkypeUser, UmMailbox } from '../model/org';
import { phoneDigits } from '../model/phone';
import type { UserMatch, UserSearchResult } from './user-model';

export type MatchField = UserMatch['matchedOn'];

/** Field codes in the order a match is reported when a user matches on several (name first). */
const FIELDS: readonly MatchField[] = ['name', 'sip', 'email', 'extension', 'phone'];

export interface IndexedUser {
  readonly skype: SkypeUser | null;
  readonly mailbox: UmMailbox | null;
  /** S.SipAddress; for a mailbox-only user `sip:<SIPResourceIdentifier>`, or '' when it has none. */
  readonly sipAddress: string;
  readonly displayName: string;
  /** Primary SMTP address of the mailbox, else the UPN; null when neither exists. */
  readonly email: string | null;
  /** The numeric UM extensions (`numericExtensions`). */
  readonly extensions: readonly string[];
  /** First numeric UM extension, else the LineURI `;ext=` value. */
  readonly extension: string | null;
  /** The LineURI's number (digits and +). */
  readonly phone: string | null;
}

/** The search keys and the address maps are built on first read of `keys`/`keyUser`/`keyField` and of `bySip`/`byEmail`. */
export interface UserIndex {
  readonly org: OrgModel;
  /** How many users (Skype users plus mailbox-only users). */
  readonly size: number;
  /** Every user, ordered by display name (then SIP address): the ordinal is the rank. */
  readonly users: readonly IndexedUser[];
  /**
   * Sorted lower-case search keys, each as `key \u0001 ordinal (4 base-36 digits) field`: a query (no control
   * character) compares with them as with the bare keys. The ordinal and field of each are also below.
   */
  readonly keys: readonly string[];
  readonly keyUser: Int32Array;
  readonly keyField: Uint8Array;
  /** Lower-case SIP address without `sip:` → ordinal. */
  readonly bySip: ReadonlyMap<string, number>;
  /** Lower-case primary SMTP address → ordinal (mailbox-only users are found this way). */
  readonly byEmail: ReadonlyMap<string, number>;
}

const lower = (s: string) => s.toLowerCase();
const CONTROL = /[\u0000-\u001f]/;
const CONTROLS = /[\u0000-\u001f]/g;
const NO_EXTENSIONS: readonly string[] = [];

/** `sip:Alice@x` → `alice@x`. */
export function bareSip(sip: string): string {
  const t = sip.trim();
  return lower(/^sip:/i.test(t) ? t.slice(4) : t);
}

/** The extensions in the sense of NumberOfDigitsInExtension: Extensions also lists SIP addresses and E.164 numbers (docs/remote-shapes.md, "UM mailboxes"). */
export function numericExtensions(m: UmMailbox): string[] {
  const out: string[] = [];
  for (const e of m.extensions) {
    const t = e.trim();
    if (isDigits(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `tel:+14255551001;ext=1001` → `1001`; null when the LineURI has no `;ext=`. */
export function lineUriExtParam(lineUri: string): string | null {
  const m = /;ext=([^;]+)/i.exec(lineUri);
  return m ? m[1].trim() : null;
}

/** The address part of an `EUM:`/`sip:` proxy when it is a SIP-style address, lower case; null otherwise (no regex: 400,000 proxies on a 100,000-user org). */
function proxySipAddress(proxy: string): string | null {
  const p = proxy.trim();
  if (p.length < 5 || p[3] !== ':') return null;
  const scheme = lower(p.slice(0, 3));
  if (scheme !== 'eum' && scheme !== 'sip') return null;
  const semi = p.indexOf(';', 4);
  const a = lower((semi < 0 ? p.slice(4) : p.slice(4, semi)).trim());
  return a.includes('@') ? a : null;
}

/** Does M name S's SIP address (bare, lower case) as its SIP resource identifier or an EUM / sip proxy address? */
export function mailboxNamesSip(m: UmMailbox, bare: string): boolean {
  if (bareSip(m.sipResourceIdentifier) === bare) return true;
  for (const p of m.emailAddresses) if (proxySipAddress(p) === bare) return true;
  return false;
}

/** The mailboxes, keyed for the join (first one wins on a clash, as the org lists them). */
export interface MailboxJoin {
  readonly bySri: Map<string, UmMailbox>;
  /** Proxy addresses no SIP resource identifier names (read only when bySri has no entry). */
  readonly byProxy: Map<string, UmMailbox>;
  readonly bySmtp: Map<string, UmMailbox>;
}

export function mailboxJoin(org: OrgModel): MailboxJoin {
  const bySri = new Map<string, UmMailbox>();
  const byProxy = new Map<string, UmMailbox>();
  const bySmtp = new Map<string, UmMailbox>();
  for (const m of org.mailboxes) {
    const k = m.sipResourceIdentifier ? bareSip(m.sipResourceIdentifier) : '';
    if (k && !bySri.has(k)) bySri.set(k, m);
    for (const p of m.emailAddresses) {
      const a = proxySipAddress(p);
      // The EUM proxy usually repeats the SIP resource identifier: that address is in bySri, which
      // `joinOne` asks first, so a byProxy entry for it would never be read (100,000 keys fewer).
      if (a && a !== k && !byProxy.has(a)) byProxy.set(a, m);
    }
    const s = lower(m.primarySmtpAddress);
    if (s && !bySmtp.has(s)) bySmtp.set(s, m);
  }
  return { bySri, byProxy, bySmtp };
}

export function joinOne(j: MailboxJoin, s: SkypeUser): UmMailbox | null {
  const bare = bareSip(s.sipAddress);
  return j.bySri.get(bare) ?? j.byProxy.get(bare) ?? (s.userPrincipalName ? j.bySmtp.get(lower(s.userPrincipalName)) : undefined) ?? null;
}

/** The Skype user and UM mailbox of one SIP address, straight from the org (no index; O(users + mailboxes)). */
export function joinUser(org: OrgModel, sipAddress: string): { skype: SkypeUser | null; mailbox: UmMailbox | null } {
  const bare = bareSip(sipAddress);
  const skype = org.users.find((u) => bareSip(u.sipAddress) === bare) ?? null;
  if (skype) return { skype, mailbox: joinOne(mailboxJoin(org), skype) };
  return { skype: null, mailbox: org.mailboxes.find((m) => mailboxNamesSip(m, bare)) ?? null };
}

export function describeUser(skype: SkypeUser | null, mailbox: UmMailbox | null): IndexedUser {
  const extensions = mailbox ? numericExtensions(mailbox) : NO_EXTENSIONS;
  const ext = extensions[0] ?? null;
  const lineUri = skype?.lineUri ?? '';
  const phone = lineUri ? phoneDigits(lineUri) || null : null;
  return {
    skype,
    mailbox,
    sipAddress: skype ? skype.sipAddress : mailbox?.sipResourceIdentifier ? `sip:${mailbox.sipResourceIdentifier.replace(/^sip:/i, '')}` : '',
    displayName: skype?.displayName || mailbox?.displayName || '',
    email: mailbox?.primarySmtpAddress || skype?.userPrincipalName || null,
    extensions,
    extension: ext ?? (lineUri ? lineUriExtParam(lineUri) : null),
    phone,
  };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function buildUserIndex(org: OrgModel): UserIndex {
  const join = mailboxJoin(org);
  const joined = new Set<UmMailbox>();
  const draft: IndexedUser[] = [];
  for (const s of org.users) {
    const m = joinOne(join, s);
    if (m) joined.add(m);
    draft.push(describeUser(s, m));
  }
  for (const m of org.mailboxes) if (!joined.has(m)) draft.push(describeUser(null, m));

  const users = draft.sort(
    (a, b) => collator.compare(a.displayName, b.displayName) || (a.sipAddress < b.sipAddress ? -1 : a.sipAddress > b.sipAddress ? 1 : 0) || (a.email ?? '').localeCompare(b.email ?? ''),
  );

  if (users.length > 36 ** 4) throw new Error(`the user index holds at most ${36 ** 4} users; this org has ${users.length}`);
  // The search keys and the address maps are built on first use, in one pass each: "check everyone" and a
  // user's verdict by the rules need the joined users only, and on the 100,000-user org the keys are
  // 600,000 strings (about 70 MB, and as much again of transient strings while they are built and sorted).
  let search: SearchKeys | null = null;
  let addresses: Addresses | null = null;
  const keysOf = () => (search ??= buildSearchKeys(users));
  const addressesOf = () => (addresses ??= buildAddresses(users));
  return {
    org,
    size: users.length,
    users,
    get keys() {
      return keysOf().keys;
    },
    get keyUser() {
      return keysOf().keyUser;
    },
    get keyField() {
      return keysOf().keyField;
    },
    get bySip() {
      return addressesOf().bySip;
    },
    get byEmail() {
      return addressesOf().byEmail;
    },
  };
}

interface SearchKeys {
  readonly keys: readonly string[];
  readonly keyUser: Int32Array;
  readonly keyField: Uint8Array;
}

interface Addresses {
  readonly bySip: ReadonlyMap<string, number>;
  readonly byEmail: ReadonlyMap<string, number>;
}

/** Lower-case SIP address without `sip:` and primary SMTP address → ordinal (first user wins). */
function buildAddresses(users: readonly IndexedUser[]): Addresses {
  const bySip = new Map<string, number>();
  const byEmail = new Map<string, number>();
  users.forEach((u, ordinal) => {
    if (u.sipAddress) {
      const bare = bareSip(u.sipAddress);
      if (!bySip.has(bare)) bySip.set(bare, ordinal);
    }
    const e = u.mailbox ? lower(u.mailbox.primarySmtpAddress) : '';
    if (e && !byEmail.has(e)) byEmail.set(e, ordinal);
  });
  return { bySip, byEmail };
}

function buildSearchKeys(users: readonly IndexedUser[]): SearchKeys {
  // Each key is encoded with its user and field as one string `key \u0001 ordinal(base 36, 4 chars) field`
  // and sorted without a comparator callback: native string order, several times faster than
  // sorting a million objects on a 100,000-user org. Keys hold no control characters (stripped).
  const encoded: string[] = [];
  const seen: string[] = [];
  users.forEach((u, ordinal) => {
    seen.length = 0;
    const tag = ordinal.toString(36).padStart(4, '0');
    const add = (key: string, field: number) => {
      let k = lower(key.trim());
      if (CONTROL.test(k)) k = k.replace(CONTROLS, '');
      if (!k || seen.includes(k)) return;
      seen.push(k);
      encoded.push(`${k}\u0001${tag}${field}`);
    };
    // name: the whole display name and each word of it ("mar" finds Alice Martin).
    add(u.displayName, 0);
    for (const w of u.displayName.split(/[\s,]+/)) add(w, 0);
    // sip: without the scheme (a query starting `sip:` is looked up without it, on this field only).
    if (u.sipAddress) add(bareSip(u.sipAddress), 1);
    // e-mail: primary SMTP, the SMTP proxy addresses without their prefix, the UPN.
    const m = u.mailbox;
    if (m) {
      add(m.primarySmtpAddress, 2);
      for (const p of m.emailAddresses) if (p.length > 5 && (p.charCodeAt(0) | 32) === 115 && lower(p.slice(0, 5)) === 'smtp:') add(p.slice(5), 2);
    }
    if (u.skype?.userPrincipalName) add(u.skype.userPrincipalName, 2);
    // extensions: the UM ones and the LineURI's `;ext=`.
    for (const e of u.extensions) add(e, 3);
    const lineExt = u.skype?.lineUri ? lineUriExtParam(u.skype.lineUri) : null;
    if (lineExt) add(lineExt, 3);
    // phone: the LineURI's digits without + (a query starting with + is looked up without it, on this field only).
    if (u.phone) add(u.phone.replace(/^\+/, ''), 4);
  });
  encoded.sort();
  // The encoded strings are the keys: the search compares a query with them as with the bare keys (a query
  // holds no control character, and `\u0001` sorts before every character a key holds), so no second string
  // per key is made — on the 100,000-user org, 600,000 strings fewer built and thrown away.
  const keyUser = new Int32Array(encoded.length);
  const keyField = new Uint8Array(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    const e = encoded[i];
    const cut = e.length - 6;
    let ordinal = 0;
    for (let j = cut + 1; j < cut + 5; j++) ordinal = ordinal * 36 + base36Digit(e.charCodeAt(j));
    keyUser[i] = ordinal;
    keyField[i] = e.charCodeAt(cut + 5) - 48;
  }
  return { keys: encoded, keyUser, keyField };
}

/** `0`–`9`, `a`–`z` as 0–35 (Number.prototype.toString(36) writes lower case). */
function base36Digit(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}

/** Whether the encoded key `k` is the key `q` itself (not only a key `q` starts). */
function keyIs(k: string, q: string): boolean {
  return k.length === q.length + KEY_SUFFIX && k.startsWith(q);
}

/** `\u0001`, 4 base-36 digits of the ordinal, the field code. */
const KEY_SUFFIX = 6;

/** First position whose key is ≥ `q`. */
function lowerBound(keys: readonly string[], q: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface QueryForm {
  readonly q: string;
  /** Only keys of this field count (a `sip:` query on SIP addresses, a `+` query on phone numbers). */
  readonly field: number | null;
}

/** The forms a query is looked up under: as typed (trimmed, lower case); `sip:…` and `+…` on their field; a phone-like query also as digits. */
function queryForms(query: string): QueryForm[] {
  const q = lower(query.trim().replace(/\s+/g, ' ')).replace(/[\u0000-\u001f]/g, '');
  if (!q) return [];
  if (q.startsWith('sip:')) {
    const bare = q.slice(4).trim();
    return bare ? [{ q: bare, field: 1 }] : [];
  }
  if (/^[+\d\s().-]+$/.test(q) && /\d/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (q.startsWith('+')) return [{ q: digits, field: 4 }];
    return digits === q
      ? [{ q, field: null }]
      : [
          { q, field: null },
          { q: digits, field: null },
        ];
  }
  return [{ q, field: null }];
}

/** A search result; its verdict is judged by the caller that holds the rule context (`withVerdicts`), null until then. */
export function toMatch(u: IndexedUser, matchedOn: MatchField): UserMatch {
  return { sipAddress: u.sipAddress, displayName: u.displayName, email: u.email, extension: u.extension, phone: u.phone, matchedOn, verdict: null };
}

/**
 * Every user a query names by prefix, as the search box finds them: `best[o]` is the best field + 1
 * of ordinal `o` (0: not found), `found` the ordinals in the order met.
 */
function prefixMatches(index: UserIndex, forms: readonly QueryForm[]): { best: Uint8Array; found: number[] } {
  // Best field per matched user, +1 (0: not matched); a typed array keeps a one-letter query on 100,000 users cheap.
  const best = new Uint8Array(index.users.length);
  const found: number[] = [];
  for (const { q, field } of forms) {
    for (let i = lowerBound(index.keys, q); i < index.keys.length && index.keys[i].startsWith(q); i++) {
      if (field !== null && index.keyField[i] !== field) continue;
      const u = index.keyUser[i];
      const f = index.keyField[i] + 1;
      if (best[u] === 0) found.push(u);
      if (best[u] === 0 || f < best[u]) best[u] = f;
    }
  }
  return { best, found };
}

/** The first `max` ordinals found, in display-name order. */
function firstOrdinals(best: Uint8Array, found: readonly number[], max: number): number[] {
  // The ordinal is the display-name rank: the first `max` ordinals are the first `max` users by name.
  // Many matches (a one-letter query): one scan of the marks beats sorting them.
  if (found.length > 8 * max + 64) {
    const first: number[] = [];
    for (let o = 0; o < best.length && first.length < max; o++) if (best[o] !== 0) first.push(o);
    return first;
  }
  return Array.from(Int32Array.from(found).sort().subarray(0, max));
}

/**
 * Case-insensitive prefix search over name (and each word), SIP address, e-mail addresses,
 * extensions and phone number. Users once each, ordered by display name; `truncated` when more
 * than `limit` match. A blank query matches nobody.
 */
export function searchUsers(index: UserIndex, query: string, limit: number): UserSearchResult {
  const forms = queryForms(query);
  const max = Math.max(0, Math.floor(limit));
  if (forms.length === 0) return { query, matches: [], truncated: false };
  const { best, found } = prefixMatches(index, forms);
  const matches = firstOrdinals(best, found, max).map((o) => toMatch(index.users[o], FIELDS[best[o] - 1]));
  return { query, matches, truncated: found.length > max };
}

/** What one query names (`matchUsers`). */
export interface UserQueryMatch {
  readonly query: string;
  /** `exact`: a whole value names the users; `prefix`: none does, these start with the query; `none`: nobody. */
  readonly how: 'exact' | 'prefix' | 'none';
  /** The users named, in display-name order, at most the limit asked. */
  readonly users: readonly IndexedUser[];
  /** Their ordinals in the index (display-name ranks). */
  readonly ordinals: readonly number[];
  /** How many users the query names in all: 1 is one user, more is ambiguous for a list of users to check. */
  readonly total: number;
}

/**
 * The one matcher of a query that names users — `umc user QUERY`, each line of `umc users check
 * --csv` and of the CSV dropped on the Users screen: the users a whole value names (`resolveExact`:
 * a SIP address, its user part, an e-mail address, an extension, a phone number, a whole display
 * name); failing that, the users the search box finds by prefix. So a CSV line "vm.ok" checks the
 * user `umc user vm.ok` shows, and a line naming several users is ambiguous rather than guessed.
 */
export function matchUsers(index: UserIndex, query: string, limit: number): UserQueryMatch {
  const max = Math.max(0, Math.floor(limit));
  const exact = resolveExactOrdinals(index, query);
  const named = (how: UserQueryMatch['how'], ordinals: readonly number[], total: number): UserQueryMatch => ({ query, how, users: ordinals.map((o) => index.users[o]), ordinals, total });
  if (exact.length > 0) return named('exact', exact.slice(0, max), exact.length);
  const forms = queryForms(query);
  if (forms.length === 0) return named('none', [], 0);
  const { best, found } = prefixMatches(index, forms);
  if (found.length === 0) return named('none', [], 0);
  return named('prefix', firstOrdinals(best, found, max), found.length);
}

/** The user of a SIP address (with or without `sip:`, any case); null when unknown. */
export function userBySip(index: UserIndex, sip: string): IndexedUser | null {
  const o = index.bySip.get(bareSip(sip));
  return o === undefined ? null : index.users[o];
}

/** The user whose mailbox has this primary SMTP address (mailbox-only users have no SIP address of their own). */
export function userByEmail(index: UserIndex, smtp: string): IndexedUser | null {
  const o = index.byEmail.get(lower(smtp.trim()));
  return o === undefined ? null : index.users[o];
}

/**
 * Users a CSV/CLI query names exactly: a SIP address (with or without `sip:`) or its user part
 * (`vm.ok` for sip:vm.ok@litwareinc.com), an e-mail address, a UPN, an extension, a phone number
 * or a whole display name (any case). Several users when
 * several carry that value (two "Alex Kim"s). O(log n + matches).
 */
export function resolveExact(index: UserIndex, query: string): IndexedUser[] {
  return resolveExactOrdinals(index, query).map((o) => index.users[o]);
}

/** `resolveExact` as ordinals (display-name ranks), ascending. */
export function resolveExactOrdinals(index: UserIndex, query: string): number[] {
  const direct = index.bySip.get(bareSip(query)) ?? index.byEmail.get(lower(query.trim()));
  if (direct !== undefined) return [direct];
  const out: number[] = [];
  for (const { q, field } of queryForms(query)) {
    for (let i = lowerBound(index.keys, q); i < index.keys.length && keyIs(index.keys[i], q); i++) {
      if (field !== null && index.keyField[i] !== field) continue;
      const u = index.keyUser[i];
      // A single word of a name is no exact match of the user (only the whole name is).
      if (index.keyField[i] === 0 && lower(index.users[u].displayName.trim().replace(/\s+/g, ' ')) !== q) continue;
      if (!out.includes(u)) out.push(u);
    }
    // The user part of a SIP or e-mail address (the alias a helpdesk ticket names): `q@…` on those fields.
    if (!q.includes('@') && (field === null || field === 1)) {
      const at = `${q}@`;
      for (let i = lowerBound(index.keys, at); i < index.keys.length && index.keys[i].startsWith(at); i++) {
        const f = index.keyField[i];
        if ((f === 1 || (f === 2 && field === null)) && !out.includes(index.keyUser[i])) out.push(index.keyUser[i]);
      }
    }
  }
  return out.sort((a, b) => a - b);
}
