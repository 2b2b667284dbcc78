/**
 * The findings report: errors first, each severity ranked by what it breaks; the CSV as Excel needs
 * it (BOM, RFC 4180 quoting, the formula guard, `;` in French) and the one-page HTML escaped and
 * self-contained — the same rules as the Users report.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checksCsv, checksHtmlReport, type ChecksReportInput, reportFormatOf, reportOrder } from '../../../../shared/checks/checks-report';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { findingKey } from '../../../../shared/fixes/fix-model';
import type { Severity } from '../../../../shared/model/org';
import { englishWordsIn } from '../../../support/french-text';

function finding(rule: string, severity: Severity, id: string, fix: string[] = []): Diagnostic {
  return { rule, severity, objects: [{ kind: 'umIpGateway', id }], message: { key: 'rule.R-G-05.message', params: { gateway: id, pool: 'pool.litwareinc.com' } }, fix, sources: [], area: 'gateways' };
}

const info = finding('R-G-09', 'info', 'PBX-INFO');
const smallError = finding('R-G-05', 'error', 'GW-SMALL');
const bigError = finding('R-G-06', 'error', 'GW-BIG', ["Set-UMIPGateway -Identity 'GW-BIG' -OutcallsAllowed $true", '# on each Front End of the pool']);
const warning = finding('R-G-07', 'warning', '=HYPERLINK("http://evil")');
const numbersError = finding('R-G-01', 'error', 'GW-NUMBERS');

function input(findings: Diagnostic[]): ChecksReportInput {
  return {
    findings,
    labels: { 'umIpGateway:GW-BIG': 'GW-BIG <b>"quoted"</b>, with a comma' },
    impacts: {
      [findingKey(bigError)]: { users: 359, numbers: 3, callsDropped: true },
      [findingKey(smallError)]: { users: 2, numbers: 0, callsDropped: false },
      [findingKey(numbersError)]: { users: 2, numbers: 5, callsDropped: false },
      [findingKey(warning)]: { users: 1000, numbers: 0, callsDropped: false },
    },
    fixKinds: { [findingKey(bigError)]: 'cmdlet' },
    notJudged: [{ id: 'R-D-02', sections: ['skype.mediaConfigurations'] }],
    source: { kind: 'lab', label: 'litwareinc.com <lab>', readAt: '2026-11-20T09:30:00Z', powerShellVersion: '5.1' },
    generatedAt: '2026-12-01T10:00:00Z',
  };
}

describe('report order', () => {
  test('errors first (each by users, then numbers), then warnings — whatever their impact — then information', () => {
    const ordered = reportOrder([info, smallError, warning, bigError, numbersError], input([]).impacts);
    assert.deepEqual(
      ordered.map((f) => f.rule),
      ['R-G-06', 'R-G-01', 'R-G-05', 'R-G-07', 'R-G-09'],
    );
  });
  test('ties keep the catalogue order', () => {
    const a = finding('R-G-05', 'error', 'A');
    const b = finding('R-G-05', 'error', 'B');
    assert.deepEqual(
      reportOrder([a, b], {}).map((f) => f.objects[0]!.id),
      ['A', 'B'],
    );
  });
});

describe('CSV', () => {
  const csv = checksCsv(input([info, warning, bigError]), 'en');
  test('UTF-8 BOM, CRLF, a header and one row per finding in report order', () => {
    assert.ok(csv.startsWith('\uFEFFSeverity,Rule,Finding,Objects,What is wrong,Users without voice mail,Numbers unreachable,Calls dropped,Fixed by,Fix\r\n'));
    assert.ok(csv.endsWith('\r\n'));
    const rows = csv.slice(1).split(/\r\n(?=Error|Warning|Info|$)/);
    assert.deepEqual(
      rows.slice(1, 4).map((r) => r.split(',')[1]),
      ['R-G-06', 'R-G-07', 'R-G-09'],
    );
  });
  test('RFC 4180: a comma, a quote or a line break is quoted, quotes doubled; numbers grouped', () => {
    assert.ok(csv.includes('"GW-BIG <b>""quoted""</b>, with a comma"'));
    assert.ok(csv.includes(`"Set-UMIPGateway -Identity 'GW-BIG' -OutcallsAllowed $true\n# on each Front End of the pool"`));
    assert.ok(csv.includes(',359,3,yes,umc fix or the Fix… button,'));
  });
  test('a cell a spreadsheet would run as a formula starts with a quote', () => {
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"")"`), csv);
    assert.ok(!/(^|,)=HYPERLINK/m.test(csv));
  });
  test('French: `;` separators, French headers and values', () => {
    const fr = checksCsv(input([bigError, warning]), 'fr');
    assert.ok(fr.startsWith('\uFEFFGravité;Règle;Constat;Objets;Ce qui ne va pas;Utilisateurs sans messagerie vocale;'));
    assert.ok(fr.includes(';359;3;oui;umc fix ou le bouton Corriger…;'));
  });
});

describe('HTML', () => {
  const html = checksHtmlReport(input([info, warning, bigError]), 'en');
  test('one self-contained page: no script, no external resource, a CSP that forbids both', () => {
    assert.match(html, /^<!DOCTYPE html><html lang="en">/);
    assert.doesNotMatch(html, /<script|src=|href=|@import|url\(/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  });
  test('every value escaped', () => {
    assert.ok(html.includes('GW-BIG &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;, with a comma'));
    assert.ok(html.includes('litwareinc.com &lt;lab&gt;'));
    assert.ok(!html.includes('<b>"quoted"</b>'));
  });
  test('the totals first, then one table per severity, errors first; the rules not judged', () => {
    assert.match(html, /3 findings: 1 error, 1 warning, 1 info/);
    const e = html.indexOf('1 error, the largest impact first');
    const w = html.indexOf('>1 warning<');
    const i = html.indexOf('>1 info<');
    assert.ok(e > 0 && w > e && i > w, `${e} ${w} ${i}`);
    assert.match(html, /1 rule not judged: a section it needs was not read/);
    assert.match(html, /skype\.mediaConfigurations/);
  });
  test('no finding: said so', () => {
    assert.match(checksHtmlReport(input([]), 'en'), /No finding: every rule the data allows judging passed\./);
  });
  test('French: plurals and no English word outside the org values and commands', () => {
    const fr = checksHtmlReport(input([bigError, smallError, warning]), 'fr');
    assert.match(fr, /3 constats\u00a0: 2 erreurs, 1 avertissement, 0 information/);
    const text = fr
      .replace(/<style>.*?<\/style>/s, '')
      .replace(/<pre>.*?<\/pre>/gs, '')
      .replace(/<[^>]+>/g, ' ');
    // The message of these made-up findings is the rule's own (I18N's table); the labels are org values.
    assert.deepEqual(englishWordsIn(text.replace(/GW-BIG &lt;b&gt;&quot;quoted&quot;&lt;\/b&gt;, with a comma/g, '')), []);
  });
});

test('the format is the file name’s extension', () => {
  assert.equal(reportFormatOf('report.html'), 'html');
  assert.equal(reportFormatOf('C:\\Reports\\Findings.HTM'), 'html');
  assert.equal(reportFormatOf('findings.csv'), 'csv');
  assert.equal(reportFormatOf('findings.txt'), null);
  assert.equal(reportFormatOf('findings'), null);
});
