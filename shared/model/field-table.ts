/**
 * Field tables: for each kind of object the model holds, one row per model field saying which cmdlet
 * property it comes from, how the snapshot decoder reads it, and how the topology details panel shows
 * it. The decoder (shared/snapshot/decode.ts) and the panel (shared/topology/object-details.ts) both
 * read these rows, so a property name is written once (docs/snapshot-format.md, "Field tables").
 *
 * `FieldTable<M>` has a row for every field of M (a field without one does not compile), and each
 * row's `read` must fit its field's type (an `int` row on a string field does not compile).
 * Pure data: no Node, no DOM.
 */
import type { NameForm } from './host-name';
import type { ExchangeVersion } from './org';

/**
 * How the decoder reads a property (the readers of shared/snapshot/property-readers.ts):
 * - `str` / `optStr`: a string, required / empty when null; `strOrNull`: null when null or empty;
 * - `canonical`: an AD id as its canonical path (a site);
 * - `int` / `optInt`, `bool` / `optBool`: required / null when null;
 * - `boolOrFalse`: false when null (the version's cmdlet has no such property);
 * - `strList`: a multi-valued property; `flags`: a [Flags] enum as its list of names;
 * - `enum`: one of `values` (an unknown name kept as it came); `optEnum`: the same, empty when null;
 * - `version`: Exchange's AdminDisplayVersion;
 * - `derived`: not one property read as it is — the decoder computes it (joins, fallbacks, parsing),
 *   each said where it is computed.
 */
export type FieldRead = 'str' | 'optStr' | 'strOrNull' | 'canonical' | 'int' | 'optInt' | 'bool' | 'optBool' | 'boolOrFalse' | 'strList' | 'flags' | 'enum' | 'optEnum' | 'version' | 'derived';

/**
 * How the details panel shows a value: `text` (and `enum`, `date`: the text as read; empty is `—`),
 * `number`, `bool` (`True` / `False`, as PowerShell prints it), `list` (comma-separated; empty is `{}`,
 * as Format-List prints an empty collection), `version` (the printed AdminDisplayVersion), `rows` (a
 * nested object or a value whose name depends on it: the panel writes its rows, shared/topology/object-details.ts).
 */
export type FieldShow = 'text' | 'enum' | 'date' | 'number' | 'bool' | 'list' | 'version' | 'rows';

/** The reads that fit a field of type T. */
export type ReadFor<T> = [T] extends [readonly string[]]
  ? 'strList' | 'flags'
  : [T] extends [string]
    ? 'str' | 'optStr' | 'canonical' | 'enum' | 'optEnum'
    : [T] extends [string | null]
      ? 'strOrNull'
      : [T] extends [number]
        ? 'int'
        : [T] extends [number | null]
          ? 'optInt'
          : [T] extends [boolean]
            ? 'bool' | 'boolOrFalse'
            : [T] extends [boolean | null]
              ? 'optBool'
              : [T] extends [ExchangeVersion]
                ? 'version'
                : never;

interface RowCommon {
  /** The cmdlet property (for a derived field: the property it is derived from, or null when none). */
  readonly property: string | null;
  /** Shown in the details panel, this way; absent: not shown. */
  readonly show?: FieldShow;
  /** The details panel's name for the row when it is not the property (e.g. which cmdlet it comes from). */
  readonly label?: string;
  /** The cmdlet the property comes from when it is not the table's (a model object merged from two cmdlets). */
  readonly cmdlet?: string;
  /**
   * A property the cmdlet prints that no parameter of a cmdlet of its noun sets (so the cmdlet reference,
   * shared/powershell/cmdlet-reference.ts, does not list it) and no real capture in test/fixtures/samples
   * shows; docs/snapshot-format.md lists these per cmdlet. The field-table test keeps this mark exact.
   */
  readonly output?: true;
}

/** The reads of a string (or a list of strings) that may be a name of a form. */
export type NameRead = 'str' | 'optStr' | 'strOrNull' | 'strList';

/** A property read as it is. */
export interface ReadRow<R extends FieldRead = FieldRead> extends RowCommon {
  readonly property: string;
  readonly read: R;
  /**
   * The value is a name of this form (shared/model/host-name.ts: a host name, an address, a server name, a
   * URL): a required one that is not skips the object, an optional one is left empty, a list item is left
   * out — each with a note (docs/snapshot-format.md, "Host names").
   */
  readonly form?: R extends NameRead ? NameForm : never;
}

/** An enum property: its known names (written once, as a constant in shared/model/org.ts). */
export interface EnumRow extends RowCommon {
  readonly property: string;
  readonly read: 'enum' | 'optEnum';
  readonly values: readonly string[];
}

/** Enum numbers with a documented meaning, for the rare capture that carries the number alone. */
export type EnumNumbers = Readonly<Record<number, string>>;

/** A [Flags] property; `numbers`: the bits with a documented name, for a capture that carries the number alone. */
export interface FlagsRow extends RowCommon {
  readonly property: string;
  readonly read: 'flags';
  readonly numbers?: EnumNumbers;
}

/** A field the decoder computes by hand; `why` says from what. */
export interface DerivedRow extends RowCommon {
  readonly read: 'derived';
  readonly why: string;
}

export type FieldRow<T> = (ReadFor<T> extends infer R ? (R extends 'enum' | 'optEnum' ? EnumRow : R extends 'flags' ? FlagsRow : R extends FieldRead ? ReadRow<R> : never) : never) | DerivedRow;

/** One row per field of M, in the order the cmdlet prints the properties (the details panel's order). */
export type FieldTable<M> = { readonly [K in keyof M]-?: FieldRow<M[K]> };

/** Any row, as code that walks a table sees it. */
export type AnyFieldRow = ReadRow | EnumRow | FlagsRow | DerivedRow;

/** A table as the cmdlet that fills it and its rows. */
export interface ObjectFields<M> {
  /** The cmdlet whose objects the table reads (docs/snapshot-format.md names its section). */
  readonly cmdlet: string;
  /** Other cmdlets whose objects carry the same properties, read by the same table. */
  readonly alsoFrom?: readonly string[];
  readonly fields: FieldTable<M>;
}

/** The rows of a table, in order, with their field names. */
export function fieldRows<F extends object>(table: { readonly fields: F }): readonly (readonly [keyof F & string, AnyFieldRow])[] {
  return Object.entries(table.fields) as [keyof F & string, AnyFieldRow][];
}

/** The fields the decoder reads straight from one property (every row but the derived ones). */
export type ReadKeys<Fields> = { [K in keyof Fields]: Fields[K] extends { readonly read: 'derived' } ? never : K }[keyof Fields];
