/**
 * The source of user-field-readers.ts, written from the field tables: for the kinds read once per
 * user (Get-CsUser, Get-Mailbox, Get-UMMailbox — 100,000 each in a large org), one function per
 * cmdlet returning an object literal of its straight fields, as fast as a hand-written reader.
 * `node --import tsx scripts/generate-field-readers.ts` writes it; a unit test fails when the file
 * is not what the tables give.
 */
import type { AnyFieldRow, ObjectFields } from '../model/field-table';
import { UM_MAILBOX_FIELDS } from '../model/exchange-fields';
import { SKYPE_USER_FIELDS } from '../model/skype-fields';

interface HotReader {
  readonly name: string;
  readonly tableName: string;
  readonly table: ObjectFields<unknown>;
  /** The rows of this cmdlet (a row's `cmdlet`, else the table's). */
  readonly cmdlet: string;
}

export const HOT_READERS: readonly HotReader[] = [
  { name: 'readSkypeUserFields', tableName: 'SKYPE_USER_FIELDS', table: SKYPE_USER_FIELDS, cmdlet: 'Get-CsUser' },
  { name: 'readMailboxFields', tableName: 'UM_MAILBOX_FIELDS', table: UM_MAILBOX_FIELDS, cmdlet: 'Get-Mailbox' },
  { name: 'readUmMailboxFields', tableName: 'UM_MAILBOX_FIELDS', table: UM_MAILBOX_FIELDS, cmdlet: 'Get-UMMailbox' },
];

/** The expression reading one row (the same readers read-fields.ts rowReader uses). */
function expression(row: AnyFieldRow): { code: string; reader: string } {
  const k = `'${row.property}'`;
  const form = 'form' in row && row.form ? `'${row.form}'` : null;
  if (form) {
    // A name of a form (shared/model/host-name.ts): read and checked by the name readers.
    switch (row.read) {
      case 'str':
        return { code: `nameStr(o, ${k}, ${form}, p)`, reader: 'nameStr' };
      case 'optStr':
        return { code: `optNameStr(o, ${k}, ${form}, p)`, reader: 'optNameStr' };
      case 'strOrNull':
        return { code: `optNameStr(o, ${k}, ${form}, p) || null`, reader: 'optNameStr' };
      case 'strList':
        return { code: `nameStrList(o, ${k}, ${form}, p)`, reader: 'nameStrList' };
    }
  }
  switch (row.read) {
    case 'str':
    case 'optStr':
    case 'int':
    case 'optInt':
    case 'bool':
    case 'optBool':
    case 'strList':
      return { code: `${row.read}(o, ${k}, p)`, reader: row.read };
    case 'strOrNull':
      return { code: `optStr(o, ${k}, p) || null`, reader: 'optStr' };
    case 'boolOrFalse':
      return { code: `optBool(o, ${k}, p) ?? false`, reader: 'optBool' };
    default:
      throw new Error(`${row.property}: a generated reader reads ${row.read} rows by hand (add the case here)`);
  }
}

export function fieldReaderSource(): string {
  const readers = new Set<string>();
  const functions = HOT_READERS.map((h) => {
    const lines: string[] = [];
    for (const [field, row] of Object.entries(h.table.fields) as [string, AnyFieldRow][]) {
      if (row.read === 'derived' || (row.cmdlet ?? h.table.cmdlet) !== h.cmdlet) continue;
      const e = expression(row);
      readers.add(e.reader);
      lines.push(`    ${field}: ${e.code},`);
    }
    return [`/** The ${h.cmdlet} rows of ${h.tableName}. */`, `export function ${h.name}(o: RawObject, p: Place) {`, '  return {', ...lines, '  };', '}'].join('\n');
  });
  return [
    '// Generated from shared/model/skype-fields.ts and exchange-fields.ts by scripts/generate-field-readers.ts',
    '// (shared/snapshot/field-reader-source.ts): do not edit, run the script.',
    `import { ${[...readers].sort().join(', ')}, type Place, type RawObject } from './property-readers';`,
    '',
    functions.join('\n\n'),
    '',
  ].join('\n');
}
