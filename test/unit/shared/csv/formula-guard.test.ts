/**
 * The one formula guard (shared/csv/formula-guard.ts): every cell a spreadsheet would evaluate goes
 * out as text, in every CSV the console writes, and the contacts import reads back exactly what the
 * export wrote — over the OWASP CSV-injection payloads and a seeded set of hostile values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guardCell, isFormulaLike, unguardCell } from '../../../../shared/csv/formula-guard';
import { contactsToCsv, decodeCsvBytes, parseContactsCsv } from '../../../../shared/contacts/contact-csv';
import type { ExUmContact } from '../../../../shared/model/org';

const PAYLOADS = [
  "-2+3+cmd|' /C calc'!A0",
  "+1+cmd|'/C calc'!A0",
  '=HYPERLINK("http://evil")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '-',
  '+',
  "''",
  "'=",
  "'@",
  "'-1",
  "'",
  "'abc",
  "'''",
  "''=x",
];

/** Deterministic hostile strings: every start a spreadsheet cares about, quotes, separators, line breaks. */
function seeded(count: number, seed = 20261206): string[] {
  const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ', 'a', 'Z', '1', 'é', '€', '|', '!', '$', '`'];
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s);
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 8) }, () => alphabet[next() % alphabet.length]).join(''));
}

const contact = (i: number, description: string, displayName = `AA ${i}`): ExUmContact => ({
  identity: `CN={c${i}},OU=UM,DC=litwareinc,DC=com`,
  displayName,
  sipAddress: `sip:c${i}@litwareinc.com`,
  displayNumber: `+1425555${String(i).padStart(4, '0')}`,
  lineUri: '',
  autoAttendant: true,
  isSubscriberAccess: false,
  registrarPool: 'atl-cs-001.litwareinc.com',
  enabled: true,
  enterpriseVoiceEnabled: true,
  ou: 'OU=UM,DC=litwareinc,DC=com',
  description,
});

describe('the formula guard', () => {
  test('every cell a spreadsheet would evaluate goes out starting with a quote', () => {
    for (const v of [...PAYLOADS, ...seeded(2000)]) {
      const cell = guardCell(v);
      assert.ok(!isFormulaLike(cell), JSON.stringify(v));
      if (isFormulaLike(v)) assert.equal(cell, `'${v}`);
    }
  });
  test('unguard(guard(v)) is v for every value; a cell the guard did not write is read as it is', () => {
    for (const v of [...PAYLOADS, ...seeded(2000)]) assert.equal(unguardCell(guardCell(v)), v, JSON.stringify(v));
    assert.equal(unguardCell("'abc"), "'abc");
    assert.equal(unguardCell('plain'), 'plain');
  });
});

describe('the contacts export and import', () => {
  for (const sep of [',', ';'] as const) {
    test(`with ${sep}: no exported cell is formula-like, and the import reads back exactly what was exported`, () => {
      const values = [...PAYLOADS, ...seeded(300, 7)];
      const contacts = values.map((v, i) => contact(i + 1, v, v.trim() === '' ? `AA ${i}` : v));
      const csv = contactsToCsv(contacts, sep);
      const first = csv.split('\r\n')[1]!;
      assert.ok(first.startsWith("'-2+3+cmd|' /C calc'!A0" + sep), first);
      assert.ok(first.includes(sep + "'-2+3+cmd|' /C calc'!A0" + sep), first);
      assert.ok(!first.includes(sep + '-2+3'), first);
      const p = parseContactsCsv(decodeCsvBytes(new TextEncoder().encode(csv)).text);
      assert.deepEqual(p.fileIssues, []);
      assert.equal(p.rows.length, contacts.length);
      p.rows.forEach((r, i) => {
        assert.ok(r.draft, `row ${i} read`);
        assert.equal(r.draft!.description, contacts[i]!.description, `description ${JSON.stringify(contacts[i]!.description)}`);
        assert.equal(r.draft!.name, contacts[i]!.displayName, `displayName ${JSON.stringify(contacts[i]!.displayName)}`);
      });
    });
  }
});
