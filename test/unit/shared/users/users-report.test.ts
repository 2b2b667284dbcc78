/** The exports of "check everyone": the CSV (quoting, BOM, CRLF, formula guard) and the one-page HTML report (escaping, no script); the i18n keys of the domain. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enUsersDomain } from '../../../../shared/i18n/users-domain.en';
import { frUsersDomain } from '../../../../shared/i18n/users-domain.fr';
import { checkUsers } from '../../../../shared/users/check-all';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { FIX_ROLES } from '../../../../shared/diagnostics/diagnostic';
import { buildUserRuleContext, USER_RULES } from '../../../../shared/users/user-rules';
import { escapeHtml, usersCheckCsv, usersCsv, usersHtmlReport } from '../../../../shared/users/users-report';
import { verdictOf } from '../../../../shared/users/verdict';
import { en } from '../../../../shared/i18n/en';
import { englishWordsIn } from '../../../support/french-text';
import { orgWithUsers, skypeUser, umMailbox } from '../../../support/user-fixtures';

const EN = en as Readonly<Record<string, string>>;
const HOSTILE = '<script>alert("x")</script> & \'co\'';
const org = orgWithUsers(
  [skypeUser('evil', { displayName: HOSTILE, enterpriseVoiceEnabled: false }), skypeUser('formula', { displayName: '=HYPERLINK("http://x")', ext: '2002' })],
  [umMailbox('evil'), umMailbox('formula', { ext: '2002', accountDisabled: true })],
);
const index = buildUserIndex(org);
const ctx = buildUserRuleContext(org);
const result = checkUsers(index, ctx);

/** Splits CSV text into rows of cells (RFC 4180). */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('usersCsv', () => {
  test('one line per reason (every reason, not the first only): BOM, CRLF, quoted cells, fix and role; formulas neutralised', () => {
    const csv = usersCheckCsv(ctx, result, 'en');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!csv.replace(/\r\n/g, '').includes('\n'), 'every line ends in CRLF');
    const rows = parseCsv(csv.slice(1), ',');
    assert.deepEqual(rows[0], ['SIP address', 'Display name', 'Voice mail', 'Rule', 'Severity', 'Hop of the call path', 'Reason', 'Fix', 'Who must fix it']);
    // One line per reason of each user, one line for a user without any.
    const expected = result.users.reduce((n, u) => {
      const v = verdictOf(u, ctx);
      return n + Math.max(1, v.reasons.length + v.risks.length);
    }, 0);
    assert.equal(rows.length, 1 + expected);
    const evil = rows.filter((r) => r[0] === 'sip:evil@litwareinc.com');
    assert.deepEqual(evil, [
      [
        'sip:evil@litwareinc.com',
        HOSTILE,
        'will not work',
        'R-U-02',
        'blocking',
        '',
        'sip:evil@litwareinc.com is not enabled for Enterprise Voice.',
        "Set-CsUser -Identity 'sip:evil@litwareinc.com' -EnterpriseVoiceEnabled $true",
        'RTCUniversalUserAdmins (Skype for Business user administrators)',
      ],
    ]);
    // Omar Kim has two reasons: both are there, each with its own fix and role (the first only, before).
    const omar = rows.filter((r) => r[0] === 'sip:omar.kim@litwareinc.com');
    assert.deepEqual(
      omar.map((r) => r[3]),
      ['R-U-02', 'R-U-03'],
    );
    assert.ok(omar.every((r) => r[1] === 'Omar Kim' && r[2] === 'will not work' && r[4] === 'blocking' && r[7] !== '' && r[8] !== ''));
    assert.notEqual(omar[0][7], omar[1][7]);
    const formula = rows.filter((r) => r[0] === 'sip:formula@litwareinc.com');
    assert.deepEqual(
      formula.map((r) => [r[1], r[3]]),
      [['\'=HYPERLINK("http://x")', 'R-U-13']],
    );
    const alice = rows.filter((r) => r[0] === 'sip:alice.martin@litwareinc.com');
    assert.deepEqual(
      alice.map((r) => r.slice(2)),
      [['works', '', '', '', '', '', '']],
    );
  });
  test('a risk on the call path: its org rule, the hop, the finding\u2019s fix', () => {
    const risky = {
      sipAddress: 'sip:r@x',
      displayName: 'R',
      verdict: 'at-risk' as const,
      reasons: [],
      risks: [
        {
          hop: 'gateway' as const,
          message: { key: 'users.hop.gatewayStatus', params: { gateway: 'GW1', status: 'Disabled' } },
          finding: {
            rule: 'R-G-02',
            severity: 'error' as const,
            objects: [],
            message: { key: 'users.hop.gatewayStatus', params: { gateway: 'GW1', status: 'Disabled' } },
            fix: ['Enable-UMIPGateway -Identity GW1', 'Get-UMIPGateway GW1'],
            sources: [],
            role: 'ExchangeOrganizationAdministrator' as const,
          },
        },
        { hop: 'umServer' as const, message: { key: 'users.hop.noServers', params: { dialPlan: 'DP' } }, finding: null },
      ],
    };
    const rows = parseCsv(usersCsv([risky as never], 'en').slice(1), ',');
    assert.deepEqual(rows.slice(1), [
      ['sip:r@x', 'R', 'at risk', 'R-G-02', 'at risk', 'UM IP gateway', 'The gateway GW1 is Disabled.', 'Enable-UMIPGateway -Identity GW1\nGet-UMIPGateway GW1', 'Exchange organization administrator'],
      ['sip:r@x', 'R', 'at risk', '', 'at risk', 'UM servers', 'No Exchange server answers the UM dial plan DP.', '', ''],
    ]);
  });
  test('French: `;` separator and French texts', () => {
    const verdict = verdictOf(
      index.users.find((u) => u.sipAddress === 'sip:evil@litwareinc.com')!,
      ctx,
    );
    const csv = usersCsv([verdict], 'fr');
    const rows = parseCsv(csv.slice(1), ';');
    assert.equal(rows[0][0], 'Adresse SIP');
    assert.equal(rows[0][2], 'Messagerie vocale');
    assert.equal(rows[1][2], 'ne fonctionnera pas');
    assert.equal(rows[1][4], 'bloquant');
    assert.equal(rows[1][6], 'sip:evil@litwareinc.com n\u2019est pas activé pour Voix Entreprise.');
    assert.equal(rows[1][8], 'RTCUniversalUserAdmins (administrateurs des utilisateurs Skype Entreprise)');
    assert.deepEqual(englishWordsIn(rows.map((r) => [...r.slice(1, 7), r[8]].join(' ')).join('\n')), []);
  });
});

describe('usersHtmlReport', () => {
  const input = { summary: result.summary, failing: result.failing, source: org.source, generatedAt: '2026-11-21T08:05:00Z' };
  test('self-contained: no script, no external resource; every value escaped', () => {
    const html = usersHtmlReport(input, 'en');
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\b(src|href)=/i);
    assert.doesNotMatch(html, /https?:\/\/(?!x&quot;)/);
    assert.ok(html.includes(escapeHtml(HOSTILE)));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;'));
  });
  test('title, when, source, totals, counts per reason with the rule title and who fixes it, the failing users', () => {
    const html = usersHtmlReport(input, 'en');
    assert.match(html, /<h1>Voice mail check of Skype for Business users<\/h1>/);
    assert.match(html, /Generated 21 November 2026 at 08:05 \(UTC\)|Generated 21 November 2026, 08:05 \(UTC\)/);
    assert.ok(html.includes(escapeHtml(org.source.label)));
    assert.match(html, /6 users checked: 3 will have voice mail, 3 will not, 0 at risk\./);
    assert.match(html, /<tr><td>R-U-13<\/td><td>Account disabled<\/td><td>Blocking<\/td><td class="n">1<\/td><td>Active Directory account administrator<\/td><\/tr>/);
    assert.match(html, /<tr><td>R-U-02<\/td><td>Not enabled for Enterprise Voice<\/td><td>Blocking<\/td><td class="n">2<\/td>/);
    assert.match(html, /<td>sip:evil@litwareinc\.com<\/td>/);
    // Every reason of a failing user, not the first only.
    const omar = result.failing.find((f) => f.sipAddress === 'sip:omar.kim@litwareinc.com')!;
    assert.deepEqual(omar.rules, ['R-U-02', 'R-U-03']);
    assert.ok(html.includes(`<td>${omar.rules.map((r) => escapeHtml(EN[`users.rule.${r}.title`]!)).join('<br>')}</td>`));
  });
  test('the failing list is capped, saying how many more', () => {
    const html = usersHtmlReport({ ...input, maxRows: 1 }, 'en');
    assert.equal((html.match(/<td>sip:/g) ?? []).length, 1);
    assert.match(html, /… and 2 more \(the CSV export lists them all\)\./);
    // Upstream cap: 1 failing user given, the summary says 3.
    assert.match(usersHtmlReport({ ...input, failing: result.failing.slice(0, 1) }, 'en'), /… and 2 more/);
  });
  test('everyone works: the report says so; French report', () => {
    const ok = usersHtmlReport(
      {
        ...input,
        summary: { checked: 2, working: 2, failing: 0, atRisk: 0, byRule: {}, notFound: ['ghost<b>'], ambiguous: [{ query: 'vm', count: 14, candidates: ['A<b>', 'B', 'C'] }] },
        failing: [],
      },
      'fr',
    );
    assert.match(ok, /Tous les utilisateurs vérifiés auront la messagerie vocale\./);
    assert.match(ok, /Aucune règle ne s’est déclenchée\./);
    assert.match(ok, /ghost&lt;b&gt;/);
    assert.match(ok, /ambigu\u00a0: 14 utilisateurs correspondent à «\u00a0vm\u00a0»\u00a0: A&lt;b&gt;, B, C, …/);
    assert.match(ok, /<html lang="fr">/);
  });
});

describe('i18n of the users domain', () => {
  test('every rule has a title, a fix text and its message(s); every role a name', () => {
    const keys = new Set(Object.keys(enUsersDomain));
    for (const r of USER_RULES) {
      assert.ok(keys.has(`users.rule.${r.id}.title`) && keys.has(`users.rule.${r.id}.fix`), r.id);
      assert.ok(
        [...keys].some((k) => k.startsWith(`users.rule.${r.id}.msg`)),
        r.id,
      );
    }
    for (const role of FIX_ROLES) assert.ok(keys.has(`users.role.${role}`), role);
  });
  test('French: same placeholders, U+00A0 before : ; ? !, not a copy of the English', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [k, en] of Object.entries(enUsersDomain)) {
      const fr = frUsersDomain[k as keyof typeof enUsersDomain];
      assert.deepEqual(ph(fr), ph(en), k);
      assert.doesNotMatch(fr, /[^\u00a0][:;?!](\s|$)/, `${k}: ${fr}`);
      if (!/^users\.role\.RTC/.test(k)) assert.notEqual(fr, en, k);
    }
  });
});
