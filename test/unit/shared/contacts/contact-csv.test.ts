/** contact-csv: Excel's CSV variants in, malformed rows refused one by one, export that round-trips. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contactsToCsv, type CsvParse, decodeCsvBytes, parseContactsCsv } from '../../../../shared/contacts/contact-csv';
import { type ContactDraft, MAX_CONTACT_FIELD, MAX_CSV_ROWS } from '../../../../shared/contacts/contact-model';
import { draftFromContact } from '../../../../shared/contacts/contact-validation';
import type { ExUmContact } from '../../../../shared/model/org';
import { MAIN_AA_DRAFT } from '../../../support/contact-fixtures';
import { labOrg } from '../../../support/lab';
import { OU } from '../../../support/org-builder/small-org';
import { english } from '../../../support/diagnostics';

const HEADER = 'Name,SipAddress,DisplayNumber,Type,RegistrarPool,OU,Description';
const ROW_AA = `Litware Main AA,sip:LitwareMainAA@litwareinc.com,+14255550199,AutoAttendant,atl-cs-001.litwareinc.com,"${OU}",Main`;
const AA_DRAFT: ContactDraft = { ...MAIN_AA_DRAFT, description: 'Main' };

const utf8 = (s: string) => new TextEncoder().encode(s);
const drafts = (p: CsvParse) => p.rows.map((r) => r.draft);
const errors = (p: CsvParse) => p.rows.flatMap((r) => r.issues.map((i) => `${r.line}: ${english(i)}`));
const fileErrors = (p: CsvParse) => p.fileIssues.filter((i) => i.severity === 'error').map((i) => english(i));

describe('decodeCsvBytes: the encodings Excel writes', () => {
  const text = `${HEADER}\r\nAccès Général,sip:acces@litwareinc.com,+33155550100,SA,atl-cs-001.litwareinc.com,"${OU}",Standard d’accueil — 5 €\r\n`;
  test('UTF-8 without a BOM', () => assert.deepEqual(decodeCsvBytes(utf8(text)), { text, encoding: 'utf-8' }));
  test('UTF-8 with a BOM ("CSV UTF-8"): the BOM is dropped', () => assert.deepEqual(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])), { text, encoding: 'utf-8-bom' }));
  test('Windows-1252 ("CSV"): invalid UTF-8, so accents and the cp1252 range 0x80–0x9F are read as Excel wrote them', () => {
    // "Accès Général,d’accueil — 5 €" in cp1252: è E8, é E9, ’ 92, — 97, € 80.
    const bytes = Uint8Array.from([
      ...Buffer.from('Acc', 'latin1'),
      0xe8,
      ...Buffer.from('s G', 'latin1'),
      0xe9,
      ...Buffer.from('n', 'latin1'),
      0xe9,
      ...Buffer.from('ral,d', 'latin1'),
      0x92,
      ...Buffer.from('accueil ', 'latin1'),
      0x97,
      0x20,
      0x35,
      0x20,
      0x80,
      0x0d,
      0x0a,
    ]);
    assert.deepEqual(decodeCsvBytes(bytes), { text: 'Accès Général,d’accueil — 5 €\r\n', encoding: 'windows-1252' });
  });
  test('UTF-16 LE with a BOM ("Unicode text")', () => {
    const out = decodeCsvBytes(Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]));
    assert.deepEqual(out, { text, encoding: 'utf-16le' });
  });
  test('decoded then parsed: the row reads the same whatever the encoding', () => {
    const p = parseContactsCsv(decodeCsvBytes(Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])).text);
    assert.equal(p.rows[0].draft?.name, 'Accès Général');
    assert.equal(p.rows[0].draft?.kind, 'subscriberAccess');
  });
});

describe('parseContactsCsv: well-formed files', () => {
  test('comma, LF, a quoted OU with commas', () => {
    const p = parseContactsCsv(`${HEADER}\n${ROW_AA}\n`);
    assert.equal(p.separator, ',');
    assert.deepEqual(drafts(p), [AA_DRAFT]);
    assert.deepEqual(p.rows[0].line, 2);
    assert.deepEqual(p.fileIssues, []);
  });
  test('French Excel: ; separator, French headers, a BOM, CRLF, commas unquoted inside cells', () => {
    const text = `\uFEFFNom;Adresse SIP;Numéro;Type;Pool;OU;Description\r\nLitware Main AA;sip:LitwareMainAA@litwareinc.com;+14255550199;Auto Attendant;atl-cs-001.litwareinc.com;${OU};Main\r\n`;
    const p = parseContactsCsv(text);
    assert.equal(p.separator, ';');
    assert.deepEqual(drafts(p), [AA_DRAFT]);
  });
  test("Excel's sep= hint line decides the separator", () => {
    const p = parseContactsCsv(`sep=;\r\n${HEADER.replace(/,/g, ';')}\r\n${ROW_AA.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';')}\r\n`);
    assert.equal(p.separator, ';');
    assert.deepEqual(drafts(p), [AA_DRAFT]);
    assert.equal(p.rows[0].line, 3);
  });
  test('headers case-insensitive with aliases; type values in every spelling; Enabled optional', () => {
    const rows = ['SubscriberAccess', 'subscriber access', 'SA', 'sa', 'AutoAttendant', 'AUTO ATTENDANT', 'AA', 'aa'].map(
      (t, i) => `sip:c${i}@litwareinc.com;+1425555010${i};pool;OU=X;${t};${i % 2 ? 'TRUE' : 'faux'}`,
    );
    const p = parseContactsCsv(['SIP ADDRESS;phone number;REGISTRARPOOL;ou;Contact Type;Enabled', ...rows].join('\n'));
    assert.deepEqual(errors(p), []);
    assert.deepEqual(
      p.rows.map((r) => r.draft?.kind),
      ['subscriberAccess', 'subscriberAccess', 'subscriberAccess', 'subscriberAccess', 'autoAttendant', 'autoAttendant', 'autoAttendant', 'autoAttendant'],
    );
    assert.deepEqual(
      p.rows.map((r) => r.draft?.enabled),
      [false, true, false, true, false, true, false, true],
    );
    assert.deepEqual(
      p.rows.map((r) => [r.draft?.name, r.draft?.description]),
      rows.map(() => ['', '']),
    );
    assert.equal(parseContactsCsv(`${HEADER}\n${ROW_AA}`).rows[0].draft?.enabled, undefined);
  });
  test('quoted fields spanning lines, "" escapes, blank lines and empty Excel rows skipped; lines numbered as in the file', () => {
    const text = [HEADER, '', `"Multi\r\nline",sip:a@litwareinc.com,+1,AA,p,"${OU}","He said ""hi""\nthen left"`, ',,,,,,', '   ', ROW_AA, ''].join('\r\n');
    const p = parseContactsCsv(text);
    assert.deepEqual(errors(p), []);
    assert.deepEqual(
      p.rows.map((r) => r.line),
      [3, 8],
    );
    assert.equal(p.rows[0].draft?.name, 'Multi\r\nline');
    assert.equal(p.rows[0].draft?.description, 'He said "hi"\nthen left');
    assert.deepEqual(p.rows[1].draft, AA_DRAFT);
  });
  test('an unknown column is ignored with an info', () => {
    const p = parseContactsCsv(`${HEADER},Identity\n${ROW_AA},CN=x`);
    assert.deepEqual(drafts(p), [AA_DRAFT]);
    assert.deepEqual(
      p.fileIssues.map((i) => [i.severity, english(i)]),
      [['info', 'The column Identity is not a contact field and is ignored.']],
    );
  });
});

describe('parseContactsCsv: malformed rows are refused one by one, naming the line and the column', () => {
  const text = [
    HEADER,
    ROW_AA.replace('LitwareMainAA', 'ok1'),
    'too,few,fields',
    ROW_AA.replace('AutoAttendant', 'Receptionist'),
    ROW_AA.replace(',Main', `,${'x'.repeat(MAX_CONTACT_FIELD + 1)}`),
    ROW_AA.replace('"OU=', '"OU=X" trailing,"OU='),
    ROW_AA.replace('LitwareMainAA', 'ok2'),
  ].join('\n');
  const p = parseContactsCsv(text);
  test('each bad row has its reason; the good rows parse', () => {
    assert.deepEqual(
      p.rows.map((r) => [r.line, r.draft === null]),
      [
        [2, false],
        [3, true],
        [4, true],
        [5, true],
        [6, true],
        [7, false],
      ],
    );
    assert.deepEqual(errors(p), [
      '3: Line 3: 3 fields where the header has 7.',
      '4: Line 4, column Type: "Receptionist" is not a type (SubscriberAccess, AutoAttendant, SA or AA).',
      '5: Line 5, column Description: 1,025 characters; at most 1,024 are allowed.',
      '6: Line 6, column 6: text after the closing quote.',
    ]);
    assert.equal(p.rows[5].draft?.sipAddress, 'sip:ok2@litwareinc.com');
  });
  test('an unterminated quote refuses its row only: reading resumes on the next line', () => {
    const q = parseContactsCsv([HEADER, ROW_AA.replace(',Main', ',"Main'), ROW_AA.replace('LitwareMainAA', 'ok3')].join('\r\n'));
    assert.deepEqual(errors(q), ['2: Line 2, column 7: the quote is never closed.']);
    assert.equal(q.rows[1].draft?.sipAddress, 'sip:ok3@litwareinc.com');
  });
  test('a bad Enabled value', () => {
    const q = parseContactsCsv(`${HEADER},Enabled\n${ROW_AA},maybe`);
    assert.deepEqual(errors(q), ['2: Line 2, column Enabled: "maybe" is not true or false.']);
  });
  test('the reason is in French too', async () => {
    const { translateDynamic } = await import('../../../../shared/i18n/translate');
    const i = p.rows[1].issues[0];
    assert.equal(translateDynamic('fr', i.message.key, i.message.params), 'Ligne 3\u00a0: 3 champs alors que l\u2019en-tête en compte 7.');
  });
});

describe('parseContactsCsv: file-level problems', () => {
  test('an empty file has no header', () => {
    for (const t of ['', '\uFEFF', '\r\n\r\n  \n']) assert.deepEqual(fileErrors(parseContactsCsv(t)), ['The file has no header line (SipAddress, DisplayNumber, RegistrarPool, OU, Type…).']);
  });
  test('missing required columns, each named; no row is read', () => {
    const p = parseContactsCsv('Name,SipAddress,Description\nx,sip:x@y,z');
    assert.deepEqual(fileErrors(p), ['The header has no DisplayNumber column.', 'The header has no RegistrarPool column.', 'The header has no OU column.', 'The header has no Type column.']);
    assert.deepEqual(p.rows, []);
  });
  test('a column twice', () => assert.deepEqual(fileErrors(parseContactsCsv(`${HEADER},Pool\n${ROW_AA},x`)), ['The column Pool appears twice in the header.']));
  test(`more than ${MAX_CSV_ROWS} rows`, () => {
    const p = parseContactsCsv([HEADER, ...Array.from({ length: MAX_CSV_ROWS + 1 }, () => ROW_AA)].join('\n'));
    assert.deepEqual(fileErrors(p), [`The file has ${(MAX_CSV_ROWS + 1).toLocaleString('en-US')} rows; at most ${MAX_CSV_ROWS.toLocaleString('en-US')} are read.`]);
    assert.equal(parseContactsCsv([HEADER, ...Array.from({ length: MAX_CSV_ROWS }, () => ROW_AA)].join('\n')).rows.length, MAX_CSV_ROWS);
  });
  test('a file of unclosed quotes is refused as a whole rather than re-read line after line', () => {
    const p = parseContactsCsv([HEADER, ...Array.from({ length: 500 }, () => '"a,b')].join('\n'));
    assert.equal(fileErrors(p).length, 1);
    assert.match(fileErrors(p)[0], /quotes are never closed/);
  });
});

describe('contactsToCsv and back', () => {
  const contact = (i: number, patch: Partial<ExUmContact>): ExUmContact => ({
    identity: `CN={c${i}},${OU}`,
    displayName: `Contact ${i}`,
    sipAddress: `sip:c${i}@litwareinc.com`,
    displayNumber: `+1425555${String(i).padStart(4, '0')}`,
    lineUri: '',
    autoAttendant: i % 2 === 0,
    isSubscriberAccess: i % 2 !== 0,
    registrarPool: 'atl-cs-001.litwareinc.com',
    enabled: i % 3 !== 0,
    enterpriseVoiceEnabled: true,
    ou: OU,
    description: '',
    ...patch,
  });
  const hostile = [
    contact(1, { displayName: 'O\'Brien, "the" boss; here', description: 'line one\r\nline two\nline three' }),
    contact(2, { displayName: '=HYPERLINK("http://evil")', description: "@SUM(1)'" }),
    contact(3, { displayName: "'=already guarded", description: '  padded  ' }),
    contact(4, { displayName: 'Accès général — 5 €', description: 'it\u2019s $(Remove-Item x) `n ""' }),
    contact(5, { displayName: '', description: ';' }),
    contact(6, { displayName: '"', description: ',' }),
  ];

  for (const sep of [',', ';'] as const) {
    test(`round trip with ${sep}: hostile strings, newlines, separators, quotes, accents`, () => {
      const csv = contactsToCsv(hostile, sep);
      const decoded = decodeCsvBytes(utf8(csv));
      assert.equal(decoded.encoding, 'utf-8-bom');
      const p = parseContactsCsv(decoded.text);
      assert.equal(p.separator, sep);
      assert.deepEqual(errors(p), []);
      assert.deepEqual(drafts(p), hostile.map(draftFromContact));
    });
  }
  // An E.164 number starts with `+`, which a spreadsheet evaluates (and shows as 14255550002): guarded like any formula start.
  test('the text: a BOM, the header, CRLF, quoting only where needed, formulas guarded', () => {
    const csv = contactsToCsv([hostile[1], contact(7, {})]);
    assert.ok(csv.startsWith('\uFEFFName,SipAddress,DisplayNumber,Type,RegistrarPool,OU,Description,Enabled,EnterpriseVoiceEnabled\r\n'));
    const lines = csv.slice(1).split('\r\n');
    assert.equal(
      lines[1],
      `"'=HYPERLINK(""http://evil"")",sip:c2@litwareinc.com,'+14255550002,AutoAttendant,atl-cs-001.litwareinc.com,"${OU}",'@SUM(1)',true,${String(hostile[1].enterpriseVoiceEnabled)}`,
    );
    assert.equal(lines[2], `Contact 7,sip:c7@litwareinc.com,'+14255550007,SubscriberAccess,atl-cs-001.litwareinc.com,"${OU}","",true,${String(contact(7, {}).enterpriseVoiceEnabled)}`);
    assert.equal(lines[3], '');
  });
  test('the lab contacts export and parse back', () => {
    const contacts = labOrg().skype.exUmContacts;
    assert.deepEqual(drafts(parseContactsCsv(contactsToCsv(contacts, ';'))), contacts.map(draftFromContact));
  });
});

describe('the EnterpriseVoiceEnabled column', () => {
  const head = 'SipAddress,DisplayNumber,RegistrarPool,OU,Type,EnterpriseVoiceEnabled\r\n';
  const row = (ev: string) => `sip:x@litwareinc.com,+14255550111,atl-cs-001.litwareinc.com,"OU=RTC Special Accounts,DC=litwareinc,DC=com",SubscriberAccess,${ev}\r\n`;
  test('read as the Enabled column is: true / false, empty leaves it as it is', () => {
    assert.equal(parseContactsCsv(head + row('false')).rows[0].draft?.enterpriseVoiceEnabled, false);
    assert.equal(parseContactsCsv(head + row('true')).rows[0].draft?.enterpriseVoiceEnabled, true);
    assert.equal('enterpriseVoiceEnabled' in (parseContactsCsv(head + row('')).rows[0].draft ?? {}), false);
  });
  test('a value that is no boolean refuses the row, naming the column', () => {
    const r = parseContactsCsv(head + row('maybe')).rows[0];
    assert.equal(r.draft, null);
    assert.deepEqual(
      r.issues.map((i) => [i.field, i.message.key, i.message.params.column]),
      [['enterpriseVoiceEnabled', 'contacts.csvParse.badBoolean', 'EnterpriseVoiceEnabled']],
    );
  });
});
