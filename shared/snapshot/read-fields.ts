/**
 * Reads the straight fields of a field table (shared/model/field-table.ts) from one remote-PowerShell
 * object: every row but the derived ones, each through its typed reader (property-readers.ts). The
 * decoder adds the derived fields by hand (shared/snapshot/decode.ts).
 *
 * The rows are turned into reader steps once per table; an object is then read by walking them. The
 * kinds read once per user (100,000 in a large org) use readers generated from the same rows
 * instead (user-field-readers.ts): a walk is several times slower than a written-out object literal.
 */
import type { AnyFieldRow, ObjectFields, ReadKeys } from '../model/field-table';
import { bool, enumOf, exchangeVersion, flags, int, nameStr, nameStrList, optBool, optCanonical, optInt, optNameStr, optStr, type Place, type RawObject, str, strList } from './property-readers';

type Read = (o: RawObject, p: Place) => unknown;

/** The reader of one row; null for a derived row (the decoder computes it). */
export function rowReader(row: AnyFieldRow): Read | null {
  if (row.read === 'derived') return null;
  const k = row.property;
  const form = 'form' in row ? row.form : undefined;
  switch (row.read) {
    case 'str':
      return form ? (o, p) => nameStr(o, k, form, p) : (o, p) => str(o, k, p);
    case 'optStr':
      return form ? (o, p) => optNameStr(o, k, form, p) : (o, p) => optStr(o, k, p);
    case 'strOrNull':
      return form ? (o, p) => optNameStr(o, k, form, p) || null : (o, p) => optStr(o, k, p) || null;
    case 'canonical':
      return (o, p) => optCanonical(o, k, p);
    case 'int':
      return (o, p) => int(o, k, p);
    case 'optInt':
      return (o, p) => optInt(o, k, p);
    case 'bool':
      return (o, p) => bool(o, k, p);
    case 'optBool':
      return (o, p) => optBool(o, k, p);
    case 'boolOrFalse':
      return (o, p) => optBool(o, k, p) ?? false;
    case 'strList':
      return form ? (o, p) => nameStrList(o, k, form, p) : (o, p) => strList(o, k, p);
    case 'flags': {
      const numbers = 'numbers' in row ? row.numbers : undefined;
      return (o, p) => flags(o, k, p, numbers);
    }
    case 'enum': {
      const values = 'values' in row ? row.values : [];
      return (o, p) => enumOf(o, k, values, p);
    }
    case 'optEnum': {
      const values = 'values' in row ? row.values : [];
      return (o, p) => (o[k] == null ? '' : enumOf(o, k, values, p));
    }
    case 'version':
      return (o, p) => exchangeVersion(o, k, p);
  }
}

/**
 * The reader of a table's straight fields, typed by the model: `fieldReader<UmDialPlan, typeof
 * UM_DIAL_PLAN_FIELDS>(UM_DIAL_PLAN_FIELDS)` returns the dial plan's fields but the derived ones.
 */
export function fieldReader<M, T extends ObjectFields<M>>(table: T): (o: RawObject, p: Place) => Pick<M, ReadKeys<T['fields']> & keyof M> {
  const steps: (readonly [string, Read])[] = [];
  for (const [field, row] of Object.entries(table.fields) as [string, AnyFieldRow][]) {
    const read = rowReader(row);
    if (read) steps.push([field, read]);
  }
  return (o, p) => {
    const out: Record<string, unknown> = {};
    for (const [field, read] of steps) out[field] = read(o, p);
    return out as Pick<M, ReadKeys<T['fields']> & keyof M>;
  };
}
