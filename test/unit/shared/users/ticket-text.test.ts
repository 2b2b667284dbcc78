/**
 * "Copy for the ticket" (shared/users/ticket-text.ts) on the lab org: a user built to fail gives
 * every reason with its rule ID, fix and role; the user at risk gives each org finding on its path
 * with the hop and the finding's fix; in French, no English word is left but the cmdlets and names.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderDiagnostic, translateDynamic } from '../../../../shared/i18n/translate';
import { evaluateRules } from '../../../../shared/rules/engine';
import { ticketText } from '../../../../shared/users/ticket-text';
import { buildUserIndex } from '../../../../shared/users/user-index';
import type { UserVerdict } from '../../../../shared/users/user-model';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { userVerdict } from '../../../../shared/users/verdict';
import { englishWordsIn } from '../../../support/french-text';
import { labOrg } from '../../../support/lab';

const org = labOrg();
const index = buildUserIndex(org);
const ctx = buildUserRuleContext(org);
const findings = evaluateRules(org);
const judge = (sip: string): UserVerdict => userVerdict(index, ctx, sip, findings) ?? assert.fail(sip);

describe('ticketText', () => {
  test('a failing user: the user, the verdict, every reason with its rule, fix and role, in order', () => {
    // vm.r-u-13 (AD account disabled) and a twin of R-U-08 give several reasons somewhere in the lab.
    const v = [...index.users].map((u) => judge(u.sipAddress || u.email!)).find((x) => x.reasons.length >= 2) ?? assert.fail('a lab user with two reasons');
    const text = ticketText(v, 'en');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], `User: ${v.displayName} <${v.sipAddress}>`);
    assert.equal(lines[1], `Verdict: ${v.verdict === 'fails' ? 'voice mail will not work' : 'voice mail is at risk'}`);
    assert.equal(lines[2], 'Reasons, blocking first:');
    v.reasons.forEach((r, i) => {
      const at = lines.indexOf(`${i + 1}. ${r.rule} (${r.severity === 'error' ? 'blocking' : 'warning'}): ${renderDiagnostic('en', r).message}`);
      assert.ok(at > 2, `reason ${r.rule} in:\n${text}`);
      for (const c of r.fix) assert.ok(lines.includes(`   Fix: ${c}`), c);
      assert.equal(lines[at + 1 + r.fix.length], `   Applied by: ${translateDynamic('en', `users.role.${r.role}`)}`);
    });
    assert.doesNotMatch(text, /<\/?(b|i|p|br|div|span|code)>|\*\*|\r/, 'plain text: no markup');
  });

  test('the user at risk: each org finding on the path with its hop and fix', () => {
    const v = judge('sip:vm.ok@litwareinc.com');
    assert.equal(v.verdict, 'at-risk');
    const text = ticketText(v, 'en');
    assert.match(text, /^Verdict: voice mail is at risk$/m);
    assert.match(text, /^Reasons: none\.$/m);
    assert.match(text, /^Risks on the call path:$/m);
    for (const r of v.risks) {
      if (!r.finding) continue;
      assert.match(text, new RegExp(`^\\d+\\. ${r.finding.rule} at the hop “${translateDynamic('en', `users.hop.kind.${r.hop}`)}”: `, 'm'));
      for (const c of r.finding.fix) assert.ok(text.includes(`   Fix: ${c}\n`), c);
    }
  });

  test('French: every line in French (cmdlets, names and rule IDs aside)', () => {
    for (const sip of ['sip:vm.ok@litwareinc.com', 'sip:vm.r-u-02@litwareinc.com', 'sip:vm.r-u-13@litwareinc.com']) {
      const v = judge(sip);
      const text = ticketText(v, 'fr');
      assert.match(text, /^Utilisateur\u00a0: /);
      assert.match(text, /^Verdict\u00a0: la messagerie vocale /m);
      // The cmdlets stay as PowerShell takes them: judge the prose only.
      const prose = text
        .split('\n')
        .filter((l) => !/^\s+Correctif\u00a0: /.test(l))
        .join('\n')
        .replaceAll(v.displayName, '');
      assert.deepEqual(englishWordsIn(prose), [], prose);
    }
  });
});
