/**
 * CSV import and export of contacts, for the files Excel really writes:
 * - "CSV UTF-8" (with a BOM), plain UTF-8 (other tools), "CSV" (Windows-1252, no BOM) and
 *   "Unicode text" (UTF-16 LE with a BOM);
 * - `,` or, in a French locale, `;` as separator (and Excel's `sep=;` first line);
 * - RFC 4180 quoting: `""` inside quotes, quoted fields spanning lines, CRLF or LF.
 * A malformed row is refused on its own, with the line and the column; the other rows still parse.
 * Pure: TextDecoder is the only global used.
 */
import type { ExUmContact } from '../model/org';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { guardCell, unguardCell } from '../csv/formula-guard';
import { type ContactDraft, type ContactKind, MAX_CONTACT_FIELD, MAX_CSV_ROWS } from './contact-model';
import { contactDiagnostic } from './contact-validation';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';
export type CsvSeparator = ',' | ';';

export interface CsvRow {
  /** 1-based line of the row's first line in the file. */
  readonly line: number;
  /** null: the row is refused (its issues say why). */
  readonly draft: ContactDraft | null;
  readonly issues: readonly Diagnostic[];
}

export interface CsvParse {
  readonly separator: CsvSeparator;
  /** The draft field each header column maps to (null: ignored column), in file order. */
  readonly columns: readonly { readonly header: string; readonly field: CsvField | null }[];
  readonly rows: readonly CsvRow[];
  /** File-level problems (no header, a missing column, too many rows): an error here refuses the whole file. */
  readonly fileIssues: readonly Diagnostic[];
}

export type CsvField = keyof ContactDraft;

// ------------------------------------------------------------------ bytes → text

/** Windows-1252 0x80–0x9F (the rest is ISO-8859-1, i.e. the same code point); 0 = undefined in cp1252. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = new Array<number>(chunk.length);
    // An undefined byte (0x81, 0x8D, 0x8F, 0x90, 0x9D) maps to the C1 control, as Windows' decoder does.
    for (let j = 0; j < chunk.length; j++) {
      const b = chunk[j];
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * The text of a CSV file: a BOM decides (UTF-8, UTF-16 LE); without one, valid UTF-8 is UTF-8 and
 * anything else is Windows-1252, what Excel's plain "CSV" save writes on a Western Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le', { fatal: false }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// ------------------------------------------------------------------ the header

/** Header names, compared without case, accents, blanks, `_` or `-` (`Adresse SIP` = `adressesip`). */
const ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  sipAddress: ['sipaddress', 'sip', 'sipuri', 'adressesip'],
  displayNumber: ['displaynumber', 'phonenumber', 'phone', 'number', 'numero', 'numerodetelephone', 'telephone'],
  registrarPool: ['registrarpool', 'pool', 'serverorpool', 'serveuroupool'],
  ou: ['ou', 'organizationalunit', 'uniteorganisationnelle'],
  kind: ['type', 'contacttype', 'typedecontact', 'kind'],
  name: ['name', 'nom', 'displayname'],
  description: ['description'],
  enabled: ['enabled', 'active', 'actif'],
  enterpriseVoiceEnabled: ['enterprisevoiceenabled', 'enterprisevoice', 'voixentreprise'],
};
const REQUIRED_COLUMNS: readonly CsvField[] = ['sipAddress', 'displayNumber', 'registrarPool', 'ou', 'kind'];

const normalizeHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();

const FIELD_BY_ALIAS = new Map<string, CsvField>((Object.entries(ALIASES) as [CsvField, readonly string[]][]).flatMap(([f, names]) => names.map((n) => [n, f] as [string, CsvField])));

/** The export's header: names `parseContactsCsv` and `New-CsExUmContact` users recognise. */
const EXPORT_COLUMNS: readonly { header: string; field: CsvField }[] = [
  { header: 'Name', field: 'name' },
  { header: 'SipAddress', field: 'sipAddress' },
  { header: 'DisplayNumber', field: 'displayNumber' },
  { header: 'Type', field: 'kind' },
  { header: 'RegistrarPool', field: 'registrarPool' },
  { header: 'OU', field: 'ou' },
  { header: 'Description', field: 'description' },
  { header: 'Enabled', field: 'enabled' },
  { header: 'EnterpriseVoiceEnabled', field: 'enterpriseVoiceEnabled' },
];

const KIND_VALUES = new Map<string, ContactKind>([
  ['subscriberaccess', 'subscriberAccess'],
  ['sa', 'subscriberAccess'],
  ['accesabonne', 'subscriberAccess'],
  ['autoattendant', 'autoAttendant'],
  ['aa', 'autoAttendant'],
  ['standardisteautomatique', 'autoAttendant'],
]);

/** Excel writes booleans as TRUE/FALSE (VRAI/FAUX in French); PowerShell users write $true. */
const BOOLEAN_VALUES = new Map<string, boolean>([
  ['true', true],
  ['$true', true],
  ['yes', true],
  ['1', true],
  ['vrai', true],
  ['oui', true],
  ['false', false],
  ['$false', false],
  ['no', false],
  ['0', false],
  ['faux', false],
  ['non', false],
]);

// ------------------------------------------------------------------ text → records

interface RawField {
  readonly value: string;
  readonly quoted: boolean;
}

interface RawRecord {
  readonly line: number;
  readonly fields: readonly RawField[];
  /** A reason the record is malformed (i18n key + params), or null. */
  readonly error: { readonly key: string; readonly params: Readonly<Record<string, string | number>> } | null;
}

/** After this many unterminated quotes the file is refused: each one re-reads the rest of the file. */
const MAX_UNTERMINATED = 100;

/**
 * RFC 4180 records. An unterminated quote would swallow the rest of the file: that record is
 * reported and reading resumes at the line after its first line, so the following rows still parse.
 * `gaveUp`: more than MAX_UNTERMINATED such quotes (a file that is no CSV of ours).
 */
function readRecords(text: string, start: number, startLine: number, sep: string): { records: RawRecord[]; gaveUp: boolean } {
  const records: RawRecord[] = [];
  let i = start;
  let line = startLine;
  let unterminated = 0;
  const n = text.length;
  record: while (i < n) {
    const recordLine = line;
    const recordStart = i;
    const fields: RawField[] = [];
    let error: RawRecord['error'] = null;
    for (;;) {
      if (text[i] === '"') {
        // Quoted field: up to the first quote that is not doubled.
        let value = '';
        let j = i + 1;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          value += text.slice(j, q);
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
            continue;
          }
          closed = true;
          j = q + 1;
          break;
        }
        // Text after a closing quote that closed on another line: the opening quote was a stray one
        // (a quote that is never closed, matched with the next row's quote). Treated as unclosed.
        let after = j;
        while (after < n && text[after] !== sep && text[after] !== '\n' && text[after] !== '\r') after++;
        if (closed && value.includes('\n') && text.slice(j, after).trim() !== '') closed = false;
        if (!closed) {
          records.push({ line: recordLine, fields: [], error: { key: 'contacts.csvParse.unterminated', params: { line: recordLine, column: fields.length + 1 } } });
          if (++unterminated > MAX_UNTERMINATED) return { records, gaveUp: true };
          const nl = text.indexOf('\n', recordStart);
          if (nl < 0) break record;
          i = nl + 1;
          line = recordLine + 1;
          continue record;
        }
        for (const ch of value) if (ch === '\n') line++;
        // After the closing quote: a separator, the end of the line, or the end of the text.
        const k = after;
        if (text.slice(j, k).trim() !== '' && !error) error = { key: 'contacts.csvParse.afterQuote', params: { line, column: fields.length + 1 } };
        fields.push({ value, quoted: true });
        i = k;
      } else {
        let k = i;
        while (k < n && text[k] !== sep && text[k] !== '\n' && text[k] !== '\r') k++;
        fields.push({ value: text.slice(i, k), quoted: false });
        i = k;
      }
      if (i >= n) break;
      if (text[i] === sep) {
        i++;
        continue;
      }
      // CRLF, LF or a lone CR (old Mac Excel).
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      break;
    }
    records.push({ line: recordLine, fields, error });
  }
  return { records, gaveUp: false };
}

const isBlank = (r: RawRecord) => !r.error && r.fields.every((f) => !f.quoted && f.value.trim() === '');

/** Counts a separator outside quotes on the header line: the one that occurs more wins (`,` on a tie). */
function detectSeparator(headerLine: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

// ------------------------------------------------------------------ parse

export function parseContactsCsv(text: string): CsvParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const fileIssues: Diagnostic[] = [];
  const fileIssue = (key: string, params: Readonly<Record<string, string | number>> = {}) => fileIssues.push(contactDiagnostic('csv.file', 'error', null, key, params));

  // The first non-blank line is the header (or Excel's `sep=;` hint, then the header).
  let pos = 0;
  let line = 1;
  let sep: CsvSeparator | null = null;
  for (;;) {
    if (pos >= body.length) {
      fileIssue('contacts.csvParse.noHeader');
      return { separator: sep ?? ',', columns: [], rows: [], fileIssues };
    }
    const nl = body.indexOf('\n', pos);
    const raw = (nl < 0 ? body.slice(pos) : body.slice(pos, nl)).replace(/\r$/, '');
    const hint = /^"?sep=([,;])"?$/i.exec(raw.trim());
    if (raw.trim() === '' || (hint && sep === null)) {
      if (hint) sep = hint[1] as CsvSeparator;
      pos = nl < 0 ? body.length : nl + 1;
      line++;
      continue;
    }
    sep ??= detectSeparator(raw);
    break;
  }

  const { records, gaveUp } = readRecords(body, pos, line, sep);
  if (gaveUp) {
    fileIssue('contacts.csvParse.tooManyUnterminated', { max: MAX_UNTERMINATED });
    return { separator: sep, columns: [], rows: [], fileIssues };
  }
  const header = records[0];
  if (!header || header.error) {
    fileIssue('contacts.csvParse.noHeader');
    return { separator: sep, columns: [], rows: [], fileIssues };
  }
  const columns = header.fields.map((f) => {
    const name = f.value.trim();
    return { header: name, field: FIELD_BY_ALIAS.get(normalizeHeader(name)) ?? null };
  });
  const seen = new Set<CsvField>();
  for (const c of columns) {
    if (c.field === null) {
      fileIssues.push(contactDiagnostic('csv.file', 'info', null, 'contacts.csvParse.ignoredColumn', { column: c.header || '—' }));
      continue;
    }
    if (seen.has(c.field)) fileIssue('contacts.csvParse.duplicateColumn', { column: c.header });
    seen.add(c.field);
  }
  for (const f of REQUIRED_COLUMNS) if (!seen.has(f)) fileIssue('contacts.csvParse.missingColumn', { column: ALIAS_SHOWN[f] });

  const data = records.slice(1).filter((r) => !isBlank(r));
  if (data.length > MAX_CSV_ROWS) fileIssue('contacts.csvParse.tooManyRows', { count: data.length, max: MAX_CSV_ROWS });
  if (fileIssues.some((i) => i.severity === 'error')) return { separator: sep, columns, rows: [], fileIssues };

  return { separator: sep, columns, rows: data.map((r) => rowOf(r, columns)), fileIssues };
}

const ALIAS_SHOWN: Readonly<Record<CsvField, string>> = {
  sipAddress: 'SipAddress',
  displayNumber: 'DisplayNumber',
  registrarPool: 'RegistrarPool',
  ou: 'OU',
  kind: 'Type',
  name: 'Name',
  description: 'Description',
  enabled: 'Enabled',
  enterpriseVoiceEnabled: 'EnterpriseVoiceEnabled',
};

function rowOf(r: RawRecord, columns: CsvParse['columns']): CsvRow {
  const refuse = (key: string, params: Readonly<Record<string, string | number>>): CsvRow => ({
    line: r.line,
    draft: null,
    issues: [contactDiagnostic('csv.row', 'error', null, key, params)],
  });
  if (r.error) return refuse(r.error.key, r.error.params);
  if (r.fields.length !== columns.length) return refuse('contacts.csvParse.fieldCount', { line: r.line, count: r.fields.length, expected: columns.length });

  const issues: Diagnostic[] = [];
  const values: Partial<Record<CsvField, string>> = {};
  r.fields.forEach((f, i) => {
    const col = columns[i];
    if (!col.field) return;
    // Unquoted cells lose the blanks around them; quoted ones are kept as written.
    // The export's formula guard (shared/csv/formula-guard.ts) is not data.
    const value = unguardCell(f.quoted ? f.value : f.value.trim());
    if (value.length > MAX_CONTACT_FIELD)
      issues.push(contactDiagnostic('csv.row', 'error', col.field, 'contacts.csvParse.tooLong', { line: r.line, column: col.header, length: value.length, max: MAX_CONTACT_FIELD }));
    values[col.field] = value;
  });

  const kindText = values.kind ?? '';
  const kindColumn = columns.find((c) => c.field === 'kind')?.header ?? 'Type';
  const kind: ContactKind | null = KIND_VALUES.get(normalizeHeader(kindText)) ?? null;
  if (!kind) issues.push(contactDiagnostic('csv.row', 'error', 'kind', 'contacts.csvParse.badType', { line: r.line, column: kindColumn, value: kindText }));

  // An empty cell: leave the contact's state as it is (import-plan.ts).
  const flag = (field: 'enabled' | 'enterpriseVoiceEnabled'): boolean | undefined => {
    const text = (values[field] ?? '').trim();
    if (text === '') return undefined;
    const b = BOOLEAN_VALUES.get(text.toLowerCase());
    const column = columns.find((c) => c.field === field)?.header ?? ALIAS_SHOWN[field];
    if (b === undefined) issues.push(contactDiagnostic('csv.row', 'error', field, 'contacts.csvParse.badBoolean', { line: r.line, column, value: text }));
    return b;
  };
  const enabled = flag('enabled');
  const enterpriseVoiceEnabled = flag('enterpriseVoiceEnabled');
  if (issues.length || !kind) return { line: r.line, draft: null, issues };

  const draft: ContactDraft = {
    ou: values.ou ?? '',
    name: values.name ?? '',
    sipAddress: values.sipAddress ?? '',
    registrarPool: values.registrarPool ?? '',
    displayNumber: values.displayNumber ?? '',
    kind,
    description: values.description ?? '',
    ...(enabled === undefined ? {} : { enabled }),
    ...(enterpriseVoiceEnabled === undefined ? {} : { enterpriseVoiceEnabled }),
  };
  return { line: r.line, draft, issues: [] };
}

// ------------------------------------------------------------------ export

function csvCell(v: string, sep: CsvSeparator): string {
  const g = guardCell(v);
  // Quote what would otherwise change: separators, quotes, line breaks, blanks at either end.
  return g.includes(sep) || /["\r\n]/.test(g) || g !== g.trim() || g === '' ? `"${g.replace(/"/g, '""')}"` : g;
}

/** The contacts as CSV: a UTF-8 BOM (Excel then shows accents), a header, one row each, CRLF. */
export function contactsToCsv(contacts: readonly ExUmContact[], separator: CsvSeparator = ','): string {
  const lines = [EXPORT_COLUMNS.map((c) => c.header).join(separator)];
  for (const c of contacts) {
    const row: Record<CsvField, string> = {
      name: c.displayName,
      sipAddress: c.sipAddress,
      displayNumber: c.displayNumber,
      kind: c.autoAttendant ? 'AutoAttendant' : 'SubscriberAccess',
      registrarPool: c.registrarPool,
      ou: c.ou,
      description: c.description,
      enabled: c.enabled ? 'true' : 'false',
      enterpriseVoiceEnabled: c.enterpriseVoiceEnabled ? 'true' : 'false',
    };
    lines.push(EXPORT_COLUMNS.map((col) => csvCell(row[col.field], separator)).join(separator));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
