import type { EnumNumbers } from '../model/field-table';
import { type NameForm, type NameProblem, nameProblem } from '../model/host-name';
import type { ExchangeProduct, ExchangeVersion } from '../model/org';
import { type Message, UserError } from '../i18n/translate';

/**
 * Typed readers for remote-PowerShell JSON objects. Each failure names the exact place
 * (`skype.users[41].Enabled`) and what was expected.
 *
 * One property can arrive in two forms (docs/snapshot-format.md, "Value forms"):
 * - as a string, when remoting deserialized it (PowerShell writes a non-primitive value at the
 *   serialization depth as its ToString(): an enum name, an AD id's name, `Version 15.1 (Build 2375.7)`);
 * - as the object itself, where the product's assemblies rehydrate it (the console run inside the
 *   Exchange Management Shell, or an Export-Clixml read back with Import-Clixml): `{Major, Minor, Build,
 *   Revision}`, `{Name, DistinguishedName, ObjectGuid, …}`, an enum as `{value, Value}` (PowerShell 7
 *   ConvertTo-Json of a PSObject-wrapped enum) or its number, bytes as a number array.
 * The readers take both and return the string form the model holds.
 *
 * Paths are built only when something is wrong: the 100,000-user org decodes without
 * allocating a path string per property.
 */

export type SnapshotMessage = Message;

/** What is wrong with a snapshot (keys `snapshot.*` in shared/i18n). */
export class SnapshotError extends UserError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'SnapshotError';
  }
}

const msg = (key: string, params?: SnapshotMessage['params']): SnapshotMessage => ({ key, params });

export type RawObject = Readonly<Record<string, unknown>>;

/** Where an object sits in the snapshot: `exchange.ipGateways` + index. */
export interface Place {
  readonly section: string;
  readonly index: number;
  /**
   * Receives an optional value that cannot be read; the reader then returns that value's empty form
   * (empty string, null, empty list) instead of failing the whole object. Without it, it fails.
   */
  readonly skipValue?: (problem: SnapshotMessage) => void;
}

/**
 * A string from the snapshot as a note shows it: in double quotes, cut after 40 characters, every control
 * character escaped — JSON.stringify escapes U+0000–U+001F; the C1 controls (U+0080–U+009F: U+009B starts
 * a terminal escape sequence), the line and paragraph separators and the bidirectional controls (which
 * reorder what a reader sees: https://www.unicode.org/reports/tr36/#Bidirectional_Text_Spoofing) are
 * escaped here — so a note printed by `umc check` or shown on screen says what the value holds.
 */
export function shownText(value: string, max = 40): string {
  return escapeControls(JSON.stringify(value.length > max ? value.slice(0, max) + '…' : value));
}

/** Control, separator and bidirectional-control characters as `\uXXXX` (shownText; an object's label in a note). */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function describe(value: unknown): SnapshotMessage {
  if (value === null) return msg('snapshot.got.null');
  if (Array.isArray(value)) return msg('snapshot.got.array');
  if (typeof value === 'string') return msg('snapshot.got.string', { value: shownText(value) });
  if (typeof value === 'object') return msg('snapshot.got.object');
  return msg('snapshot.got.other', { type: typeof value, value: String(value) });
}

function problem(place: Place, key: string, expected: string, value: unknown, values?: readonly string[]): SnapshotMessage {
  const where = `${place.section}[${place.index}].${key}`;
  const exp = msg(`snapshot.expect.${expected}`, values ? { values: values.join(', ') } : undefined);
  if (value === undefined) return msg('snapshot.missing', { where, expected: exp });
  return msg('snapshot.wrongType', { where, expected: exp, got: describe(value) });
}

/** `expected` is the key suffix of `snapshot.expect.*` (string, integer, boolean, …). */
export function fail(place: Place, key: string, expected: string, value: unknown, values?: readonly string[]): never {
  throw new SnapshotError(problem(place, key, expected, value, values));
}

/** An optional value that cannot be read: reported and replaced by `empty` when the place allows it. */
function skipOrFail<T>(place: Place, key: string, expected: string, value: unknown, empty: T): T {
  const p = problem(place, key, expected, value);
  if (!place.skipValue) throw new SnapshotError(p);
  place.skipValue(p);
  return empty;
}

export function asObject(value: unknown, place: Place): RawObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SnapshotError(msg('snapshot.notAnObject', { where: `${place.section}[${place.index}]`, got: describe(value) }));
  }
  return value as RawObject;
}

// ---------------------------------------------------------------- value forms

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** `CN=Default-First-Site-Name,CN=Sites,…` → `Default-First-Site-Name` (escaped commas honoured). */
function firstRdnValue(dn: string): string {
  let end = dn.length;
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === '\\') {
      i++;
      continue;
    }
    if (dn[i] === ',') {
      end = i;
      break;
    }
  }
  const rdn = dn.slice(0, end);
  const eq = rdn.indexOf('=');
  return (eq < 0 ? rdn : rdn.slice(eq + 1)).replace(/\\(.)/g, '$1').trim();
}

/**
 * The string a value stands for: its own text when it is one, else the ToString() of the rehydrated
 * object it is. Undefined when the value has no string form this reader knows.
 * - `{value, Value}`: a PSObject-wrapped enum as PowerShell 7's ConvertTo-Json writes it — `value` the
 *   number, `Value` the name (seen converting test/fixtures/samples/get-exchangeserver-clixml-*.txt with Import-Clixml);
 *   `{value: …, <notes>}` is any other wrapped value (Windows PowerShell 5.1 does it to strings too);
 * - `ProxyAddressString` (ProxyAddress), `DisplayedAddress` (UMSmartHost), `RawIdentity` (an identity parameter), `AbsoluteUri` / `OriginalString`
 *   (System.Uri), `Address` with `Local`/`Domain` (SmtpAddress);
 * - `{Major, Minor, Build, Revision}`: Exchange's ServerVersion, printed `Version 15.1 (Build 2375.7)`;
 * - an AD object id `{Name, DistinguishedName, ObjectGuid, …}`: its name (the ToString of a configuration
 *   object's id is its name, e.g. `SOLO-E16A`); without a name, the first RDN of its DN.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (!isRecord(value)) return undefined;
  if (typeof value.Value === 'string') return value.Value;
  if ('value' in value && (typeof value.value === 'string' || typeof value.value === 'number' || typeof value.value === 'boolean')) return textOf(value.value);
  for (const k of ['ProxyAddressString', 'DisplayedAddress', 'AbsoluteUri', 'OriginalString', 'RawIdentity']) if (typeof value[k] === 'string') return value[k] as string;
  if (isInt(value.Major) && isInt(value.Minor) && isInt(value.Build) && isInt(value.Revision)) {
    return `Version ${value.Major}.${value.Minor} (Build ${value.Build}.${value.Revision})`;
  }
  if (typeof value.Address === 'string' && (typeof value.Local === 'string' || typeof value.Domain === 'string')) return value.Address;
  if (typeof value.Name === 'string') return value.Name;
  if (typeof value.DistinguishedName === 'string' && value.DistinguishedName !== '') return firstRdnValue(value.DistinguishedName);
  return undefined;
}

/**
 * An AD object id as the canonical path its ToString() prints for a site
 * (`Solo.local/Configuration/Sites/Default-First-Site-Name`, test/fixtures/samples/get-exchangeserver-clixml-1.txt):
 * the string as it came, else built from the rehydrated id's DistinguishedName the way AD forms
 * canonicalName (the DC= parts as the domain, then the other RDNs from the root down).
 */
export function canonicalOf(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.DistinguishedName !== 'string' || value.DistinguishedName === '') return textOf(value);
  const rdns: string[] = [];
  let start = 0;
  const dn = value.DistinguishedName;
  for (let i = 0; i <= dn.length; i++) {
    if (dn[i] === '\\') {
      i++;
      continue;
    }
    if (i === dn.length || dn[i] === ',') {
      rdns.push(dn.slice(start, i).trim());
      start = i + 1;
    }
  }
  const dc = rdns.filter((r) => /^dc=/i.test(r)).map((r) => r.slice(3));
  const rest = rdns
    .filter((r) => !/^dc=/i.test(r))
    .map((r) => firstRdnValue(r))
    .reverse();
  return [dc.join('.'), ...rest].filter(Boolean).join('/');
}

// ---------------------------------------------------------------- strings and numbers

export function str(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  const t = textOf(v);
  if (t !== undefined) return t;
  return fail(place, key, 'string', v);
}

/** A string that PowerShell may render as null when empty. */
export function optStr(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  const t = textOf(v);
  if (t !== undefined) return t;
  return skipOrFail(place, key, 'stringOrNull', v, '');
}

/** An AD id kept as its canonical path (Get-ExchangeServer Site); empty when null. */
export function optCanonical(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (v === null || v === undefined) return '';
  const t = canonicalOf(v);
  if (t !== undefined) return t;
  return skipOrFail(place, key, 'stringOrNull', v, '');
}

const INT_TEXT = /^\s*-?\d+\s*$/;

function intOf(v: unknown): number | undefined {
  if (isInt(v)) return v;
  const t = textOf(v);
  return t !== undefined && INT_TEXT.test(t) ? Number(t) : undefined;
}

/** An Int32: the number, or its ToString() (`"5061"`). */
export function int(o: RawObject, key: string, place: Place): number {
  const v = o[key];
  if (isInt(v)) return v;
  const n = intOf(v);
  if (n !== undefined) return n;
  return fail(place, key, 'integer', o[key]);
}

export function optInt(o: RawObject, key: string, place: Place): number | null {
  const v = o[key];
  if (v === null || v === undefined || v === '') return null;
  const n = intOf(v);
  if (n !== undefined) return n;
  return skipOrFail(place, key, 'integerOrNull', v, null);
}

function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = textOf(v)?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** A Boolean: `true`, or its ToString() `"True"`. */
export function bool(o: RawObject, key: string, place: Place): boolean {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  const b = boolOf(v);
  if (b !== undefined) return b;
  return fail(place, key, 'boolean', o[key]);
}

/** Nullable Boolean (`HostedVoiceMail` prints blank when unset). */
export function optBool(o: RawObject, key: string, place: Place): boolean | null {
  const v = o[key];
  if (v === null || v === undefined || v === '') return null;
  const b = boolOf(v);
  if (b !== undefined) return b;
  return skipOrFail(place, key, 'booleanOrNull', v, null);
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * A MultiValuedProperty: a JSON array whose items are strings or rehydrated objects (AD ids, proxy
 * addresses: read by their string form); an empty one may arrive as null; a single value as itself.
 * An item without a string form is left out and reported (or fails the object without a sink).
 */
export function strList(o: RawObject, key: string, place: Place): readonly string[] {
  const v = o[key];
  if (v === null || v === undefined) return EMPTY;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return v as string[];
    const out: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const t = textOf(v[i]);
      if (t === undefined) skipOrFail(place, `${key}[${i}]`, 'string', v[i], undefined);
      else out.push(t);
    }
    return out;
  }
  const t = textOf(v);
  if (t !== undefined) return t === '' ? EMPTY : [t];
  return skipOrFail(place, key, 'stringArray', v, EMPTY);
}

// ---------------------------------------------------------------- names (host names, addresses, server names, URLs)

function nameMessage(place: Place, key: string, form: NameForm, value: string, problem: NameProblem): SnapshotMessage {
  const { reason, ...params } = problem;
  return msg('snapshot.name.problem', {
    where: `${place.section}[${place.index}].${key}`,
    value: shownText(value),
    form: msg(`snapshot.name.form.${form}`),
    reason: msg(`snapshot.name.reason.${reason}`, params),
  });
}

/**
 * A name the object cannot go without (a server's Fqdn, a pool's Fqdn, a SIP domain): a string of its form
 * (shared/model/host-name.ts), else the object is skipped, the note saying what is wrong with the value.
 */
export function nameStr(o: RawObject, key: string, form: NameForm, place: Place): string {
  const v = str(o, key, place);
  const problem = nameProblem(v, form);
  if (problem) throw new SnapshotError(nameMessage(place, key, form, v, problem));
  return v;
}

/**
 * A value the decoder derived from a property (`Registrar:pool.x` → `pool.x`), or read optionally: returned
 * when it is a name of its form; else left empty (`''`) and reported — or the object fails without a sink.
 */
export function checkedName(value: string, form: NameForm, place: Place, key: string): string {
  if (value === '') return value;
  const problem = nameProblem(value, form);
  if (!problem) return value;
  const m = nameMessage(place, key, form, value, problem);
  if (!place.skipValue) throw new SnapshotError(m);
  place.skipValue(m);
  return '';
}

/** An optional name (a user's RegistrarPool, an Autodiscover URL): empty when null, or when it is not a name of its form (reported). */
export function optNameStr(o: RawObject, key: string, form: NameForm, place: Place): string {
  return checkedName(optStr(o, key, place), form, place, key);
}

/** A list of names (a pool's Computers): an item that is not a name of its form is left out and reported. */
export function nameStrList(o: RawObject, key: string, form: NameForm, place: Place): readonly string[] {
  const list = strList(o, key, place);
  let out: string[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const ok = checkedName(list[i], form, place, `${key}[${i}]`) !== '' || list[i] === '';
    if (!ok) out ??= list.slice(0, i);
    else out?.push(list[i]);
  }
  return out ?? list;
}

// ---------------------------------------------------------------- enums

/** Enum numbers with a documented meaning (a field table's `numbers`, shared/model/field-table.ts). */
export type { EnumNumbers };

/**
 * An enum: its name (matched without regard to case, returned in the canonical spelling), the
 * `{value, Value}` object, or — with `numbers` — its documented number. A name or number this reader
 * does not know is kept as it came (shown to the admin, never refused): the model's enum types are
 * `Known | (string & {})`.
 */
export function enumOf<T extends string>(o: RawObject, key: string, values: readonly T[], place: Place, numbers?: EnumNumbers): T | (string & {}) {
  const v = o[key];
  if (isInt(v) && numbers?.[v] !== undefined) return canonical(numbers[v], values);
  const t = textOf(v);
  if (t !== undefined && t.trim() !== '') return canonical(t.trim(), values);
  return fail(place, key, 'oneOf', v, values);
}

function canonical<T extends string>(text: string, values: readonly T[]): T | (string & {}) {
  const lower = text.toLowerCase();
  for (const candidate of values) if (candidate.toLowerCase() === lower) return candidate;
  return text;
}

/**
 * A [Flags] enum: the comma-separated list PowerShell prints (`Mailbox, ClientAccess`), an array of
 * names, the `{value, Value}` object, or a number decomposed with `bits` when every bit set is
 * documented. `None` and empty are no flag. A number with an undocumented bit is reported (value skipped).
 */
export function flags(o: RawObject, key: string, place: Place, bits?: EnumNumbers): readonly string[] {
  const v = o[key];
  if (v === null || v === undefined) return EMPTY;
  if (Array.isArray(v)) return strList(o, key, place).flatMap(splitFlags);
  if (isInt(v)) {
    if (v === 0) return EMPTY;
    const out: string[] = [];
    let rest = v;
    for (const [bit, name] of Object.entries(bits ?? {})) {
      const b = Number(bit);
      if (b > 0 && (rest & b) === b) {
        out.push(name);
        rest &= ~b;
      }
    }
    if (rest === 0) return out;
    return skipOrFail(place, key, 'flags', v, EMPTY);
  }
  const t = textOf(v);
  if (t !== undefined) return splitFlags(t);
  return skipOrFail(place, key, 'flags', v, EMPTY);
}

function splitFlags(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.toLowerCase() !== 'none');
}

// ---------------------------------------------------------------- dates, bytes, versions

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
/** DateTime.ToString() in the en-US culture, as Format-List prints it (test/fixtures/samples/get-cscertificate-fl-1.txt). */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/;

/**
 * Both date forms (docs/remote-shapes.md): Windows PowerShell 5.1 `\/Date(1543019643000)\/`
 * (the JSON text `"\/Date(…)\/"` parses to `/Date(…)/`) and PowerShell 7 ISO 8601 with offset; and the
 * en-US text form `12/28/2015 3:35:41 PM` a printed value carries (its time zone is not printed: read as UTC).
 * Returns ISO 8601 UTC.
 */
export function parsePsDate(value: string): string | null {
  const ms = MS_DATE.exec(value);
  if (ms) {
    const d = new Date(Number(ms[1]));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (ISO_DATE.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const us = US_DATE.exec(value.trim());
  if (us) {
    const [month, day, year, hour12, minute, second] = us.slice(1, 7).map(Number);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour12 < 1 || hour12 > 12 || minute > 59 || second > 59) return null;
    const hour = (hour12 % 12) + (us[7] === 'PM' ? 12 : 0);
    const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return d.getUTCDate() === day ? d.toISOString() : null;
  }
  return null;
}

export function date(o: RawObject, key: string, place: Place): string {
  const t = textOf(o[key]);
  if (t !== undefined) {
    const iso = parsePsDate(t);
    if (iso !== null) return iso;
  }
  return fail(place, key, 'date', o[key]);
}

function bytesOf(v: unknown): string | undefined {
  if (typeof v === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(v)) return v.replace(/\s+/g, '');
  if (Array.isArray(v) && v.every((b) => isInt(b) && b >= 0 && b < 256)) {
    let bin = '';
    for (const b of v as number[]) bin += String.fromCharCode(b);
    return btoa(bin);
  }
  if (isRecord(v) && 'value' in v) return bytesOf(v.value);
  return undefined;
}

/** A byte[] (RawData): base64 text, or the array of byte values ConvertTo-Json writes for a real byte[]. Returns base64. */
export function bytesBase64(o: RawObject, key: string, place: Place): string {
  const b = bytesOf(o[key]);
  if (b !== undefined) return b;
  return fail(place, key, 'bytes', o[key]);
}

const VERSION_TEXT = /Version\s+(\d+)\.(\d+)\s*\(Build\s+(\d+)\.(\d+)\)/i;

/**
 * Exchange's ServerVersion from its printed form, `Version 15.1 (Build 2507.6)` → 15.1.2507.6, product
 * 2016 (14 = 2010, 15.0 = 2013, 15.1 = 2016, 15.2 = 2019: "Exchange Server build numbers and release
 * dates", https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates).
 */
export function parseExchangeVersion(text: string): ExchangeVersion | null {
  const m = VERSION_TEXT.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  let product: ExchangeProduct = 'unknown';
  if (major === 8) product = '2007';
  else if (major === 14) product = '2010';
  else if (major === 15 && minor === 0) product = '2013';
  else if (major === 15 && minor === 1) product = '2016';
  else if (major === 15 && minor >= 2) product = '2019';
  return { major, minor, build: Number(m[3]), revision: Number(m[4]), product, text };
}

/** AdminDisplayVersion: the printed string, or the rehydrated `{Major, Minor, Build, Revision}`. */
export function exchangeVersion(o: RawObject, key: string, place: Place): ExchangeVersion {
  const t = textOf(o[key]);
  const v = t === undefined ? null : parseExchangeVersion(t);
  if (v) return v;
  if (t === undefined) return fail(place, key, 'version', o[key]);
  throw new SnapshotError(msg('snapshot.badVersion', { where: `${place.section}[${place.index}].${key}`, value: t }));
}
