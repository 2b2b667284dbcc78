import { type Message, UserError } from '../i18n/translate';

/**
 * Typed readers for remote-PowerShell JSON objects. Each failure names the exact place
 * (`skype.users[41].Enabled`) and what was expected, so a bad snapshot gets one clear message.
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
}

function describe(value: unknown): SnapshotMessage {
  if (value === null) return msg('snapshot.got.null');
  if (Array.isArray(value)) return msg('snapshot.got.array');
  if (typeof value === 'string') return msg('snapshot.got.string', { value: JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value) });
  if (typeof value === 'object') return msg('snapshot.got.object');
  return msg('snapshot.got.other', { type: typeof value, value: String(value) });
}

/** `expected` is the key suffix of `snapshot.expect.*` (string, integer, boolean, …). */
export function fail(place: Place, key: string, expected: string, value: unknown, values?: readonly string[]): never {
  const where = `${place.section}[${place.index}].${key}`;
  const exp = msg(`snapshot.expect.${expected}`, values ? { values: values.join(', ') } : undefined);
  if (value === undefined) throw new SnapshotError(msg('snapshot.missing', { where, expected: exp }));
  throw new SnapshotError(msg('snapshot.wrongType', { where, expected: exp, got: describe(value) }));
}

export function asObject(value: unknown, place: Place): RawObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SnapshotError(msg('snapshot.notAnObject', { where: `${place.section}[${place.index}]`, got: describe(value) }));
  }
  return value as RawObject;
}

export function str(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  return fail(place, key, 'string', v);
}

/** A string that PowerShell may render as null when empty. */
export function optStr(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return fail(place, key, 'stringOrNull', v);
}

export function int(o: RawObject, key: string, place: Place): number {
  const v = o[key];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return fail(place, key, 'integer', v);
}

export function optInt(o: RawObject, key: string, place: Place): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return fail(place, key, 'integerOrNull', v);
}

export function bool(o: RawObject, key: string, place: Place): boolean {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  return fail(place, key, 'boolean', v);
}

/** Nullable Boolean (`HostedVoiceMail` prints blank when unset). */
export function optBool(o: RawObject, key: string, place: Place): boolean | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  return fail(place, key, 'booleanOrNull', v);
}

const EMPTY: readonly string[] = Object.freeze([]);

/** A MultiValuedProperty: a JSON array of strings; an empty one may arrive as null. */
export function strList(o: RawObject, key: string, place: Place): readonly string[] {
  const v = o[key];
  if (v === null || v === undefined) return EMPTY;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') fail(place, `${key}[${i}]`, 'string', v[i]);
    return v as string[];
  }
  return fail(place, key, 'stringArray', v);
}

/**
 * An enum, which remote PowerShell sends as its ToString() (cmdlet-shapes §0.1). Matching is
 * case-insensitive (published output varies in case) and returns the canonical spelling.
 */
export function enumOf<T extends string>(o: RawObject, key: string, values: readonly T[], place: Place): T {
  const v = o[key];
  if (typeof v === 'string') {
    for (const candidate of values) if (candidate.toLowerCase() === v.toLowerCase()) return candidate;
  }
  return fail(place, key, 'oneOf', v, values);
}

/** A [Flags] enum as PowerShell prints it: `Mailbox, ClientAccess`. `None` and empty are no flag. */
export function flags(o: RawObject, key: string, place: Place): readonly string[] {
  const v = o[key];
  if (v === null || v === undefined) return EMPTY;
  if (Array.isArray(v)) return strList(o, key, place);
  if (typeof v !== 'string') return fail(place, key, 'flags', v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.toLowerCase() !== 'none');
}

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * Both date forms (cmdlet-shapes §0.5): Windows PowerShell 5.1 `\/Date(1543019643000)\/`
 * (the JSON text `"\/Date(…)\/"` parses to `/Date(…)/`) and PowerShell 7 ISO 8601 with offset.
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
  return null;
}

export function date(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string') {
    const iso = parsePsDate(v);
    if (iso !== null) return iso;
  }
  return fail(place, key, 'date', v);
}

/** Base64 RawData; Windows PowerShell may also send byte[] as an array of numbers. */
export function bytesBase64(o: RawObject, key: string, place: Place): string {
  const v = o[key];
  if (typeof v === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(v)) return v.replace(/\s+/g, '');
  if (Array.isArray(v) && v.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 256)) {
    let bin = '';
    for (const b of v as number[]) bin += String.fromCharCode(b);
    return btoa(bin);
  }
  return fail(place, key, 'bytes', v);
}
