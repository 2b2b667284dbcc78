import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { en } from '../../../../../shared/i18n/en';
import { fr } from '../../../../../shared/i18n/fr';
import { translateDynamic } from '../../../../../shared/i18n/translate';
import type { SkypeUser, UmMailbox } from '../../../../../shared/model/org';
import { type Diagnostic, FIX_ROLES, type FixRole } from '../../../../../shared/diagnostics/diagnostic';
import type { UserVerdict } from '../../../../../shared/users/user-model';
import {
  blockingReason,
  checkPercent,
  eumAddresses,
  exchangeFacts,
  hasReport,
  orderedReasons,
  reasonText,
  resultKey,
  roleText,
  RULE_ORDER,
  RULE_ROLE,
  ruleCounts,
  ruleTitle,
  skypeFacts,
  verdictSentence,
} from '../../../../../renderer/src/screens/users/users-view-model';

const tdEn = (key: string, params?: Readonly<Record<string, string | number>>) => translateDynamic('en', key, params);

const skype: SkypeUser = {
  sipAddress: 'sip:vm.ok@litwareinc.com',
  displayName: 'VM OK',
  userPrincipalName: 'vm.ok@litwareinc.com',
  enabled: true,
  registrarPool: 'pool01.litwareinc.com',
  enterpriseVoiceEnabled: false,
  lineUri: 'tel:+14255551234;ext=1234',
  dialPlan: 'Redmond',
  voicePolicy: '',
  hostedVoiceMail: null,
  hostedVoicemailPolicy: '',
  exUmEnabled: true,
};
const mailbox: UmMailbox = {
  displayName: 'VM OK',
  primarySmtpAddress: 'vm.ok@litwareinc.com',
  umEnabled: true,
  umDialPlan: 'Litware-SIP',
  umMailboxPolicy: 'Litware-SIP Default Policy',
  extensions: ['1234'],
  sipResourceIdentifier: 'vm.ok@litwareinc.com',
  emailAddresses: ['SMTP:vm.ok@litwareinc.com', 'eum:1234;phone-context=Litware-SIP.litwareinc.com', 'EUM:vm.ok@litwareinc.com', 'sip:vm.ok@litwareinc.com'],
  serverName: 'EX01',
  accountDisabled: false,
};

function reason(rule: string, severity: 'error' | 'warning', role: FixRole = 'ExchangeRecipientAdministrator', key = `users.rule.${rule}.msg`): Diagnostic {
  return {
    rule,
    severity,
    objects: [],
    message: { key, params: { sip: 'sip:zoe@litwareinc.com', pool: 'pool01.litwareinc.com', smtp: 'zoe@litwareinc.com', name: 'Zoe' } },
    fix: [`Fix-It -Rule '${rule}'`],
    sources: [],
    role,
  };
}

function verdict(reasons: readonly Diagnostic[]): UserVerdict {
  const fails = reasons.some((r) => r.severity === 'error');
  return { sipAddress: skype.sipAddress, displayName: skype.displayName, verdict: fails ? 'fails' : 'works', works: !fails, reasons, skype, exchange: mailbox, path: [], risks: [] };
}

describe('keyboard in the search box', () => {
  test('↓ highlights the first result, then the next, and stops at the last', () => {
    assert.deepEqual(resultKey('ArrowDown', -1, 3), { active: 0, select: null, handled: true });
    assert.deepEqual(resultKey('ArrowDown', 0, 3), { active: 1, select: null, handled: true });
    assert.deepEqual(resultKey('ArrowDown', 2, 3), { active: 2, select: null, handled: true });
  });
  test('↑ goes back and stops at the first', () => {
    assert.deepEqual(resultKey('ArrowUp', 2, 3), { active: 1, select: null, handled: true });
    assert.deepEqual(resultKey('ArrowUp', 0, 3), { active: 0, select: null, handled: true });
  });
  test('Enter opens the highlighted result, or the first when none is', () => {
    assert.deepEqual(resultKey('Enter', 1, 3), { active: 1, select: 1, handled: true });
    assert.deepEqual(resultKey('Enter', -1, 3), { active: 0, select: 0, handled: true });
  });
  test('no results: the keys are left to the box', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'Enter', 'Home', 'End']) assert.deepEqual(resultKey(key, -1, 0), { active: -1, select: null, handled: false }, key);
  });
  test('a highlight beyond a shorter new list is clamped', () => {
    assert.deepEqual(resultKey('ArrowDown', 7, 2), { active: 1, select: null, handled: true });
    assert.deepEqual(resultKey('Enter', 7, 2), { active: 1, select: 1, handled: true });
  });
  test('Home / End jump only once something is highlighted (else the caret moves)', () => {
    assert.deepEqual(resultKey('End', 0, 5), { active: 4, select: null, handled: true });
    assert.deepEqual(resultKey('Home', 3, 5), { active: 0, select: null, handled: true });
    assert.equal(resultKey('Home', -1, 5).handled, false);
  });
  test('Escape clears the highlight; other keys are typing', () => {
    assert.deepEqual(resultKey('Escape', 2, 3), { active: -1, select: null, handled: true });
    assert.deepEqual(resultKey('Escape', -1, 3), { active: -1, select: null, handled: false });
    assert.deepEqual(resultKey('a', 1, 3), { active: 1, select: null, handled: false });
  });
});

describe('the verdict sentence and the reasons', () => {
  test('no reason: "Voice mail will work"', () => {
    assert.equal(verdictSentence(verdict([]), 'en'), 'Voice mail will work');
    assert.equal(verdictSentence(verdict([]), 'fr'), fr['users.verdict.works']);
  });
  test('warnings only: it still works', () => {
    const v = verdict([reason('R-U-10', 'warning')]);
    assert.equal(v.works, true);
    assert.equal(verdictSentence(v, 'en'), 'Voice mail will work');
    assert.equal(blockingReason(v), null);
  });
  test('an error: "will not work" with the first blocking reason, not the warning before it', () => {
    const v = verdict([reason('R-U-10', 'warning'), reason('R-U-02', 'error'), reason('R-U-06', 'error')]);
    assert.equal(blockingReason(v)?.rule, 'R-U-02');
    // Two blocking reasons: the first one, and "+1 more".
    assert.equal(verdictSentence(v, 'en'), 'Voice mail will not work: sip:zoe@litwareinc.com is not enabled for Enterprise Voice. (+1 more)');
    assert.equal(
      verdictSentence(v, 'fr'),
      `${translateDynamic('fr', 'users.verdict.fails', { reason: translateDynamic('fr', 'users.rule.R-U-02.msg', { sip: 'sip:zoe@litwareinc.com' }) })} ${translateDynamic('fr', 'users.verdict.more', { count: 1 })}`,
    );
    const one = verdict([reason('R-U-02', 'error')]);
    assert.equal(verdictSentence(one, 'en'), 'Voice mail will not work: sip:zoe@litwareinc.com is not enabled for Enterprise Voice.');
  });
  test('no blocking reason but a risk on the call path: "at risk" with the risk, never "will work"', () => {
    const risky: UserVerdict = {
      ...verdict([reason('R-U-10', 'warning')]),
      verdict: 'at-risk',
      works: false,
      risks: [{ hop: 'gateway', message: { key: 'users.hop.gatewayStatus', params: { gateway: '1:1', status: 'Disabled' } }, finding: null }],
    };
    assert.equal(verdictSentence(risky, 'en'), 'Voice mail is at risk: The gateway 1:1 is Disabled.');
    assert.match(verdictSentence(risky, 'fr'), /^La messagerie vocale est à risque\u00a0: La passerelle 1:1 est à l’état Disabled\.$/);
  });
  test('the reason in the language on screen, from its message key', () => {
    const r = reason('R-U-06', 'error');
    assert.equal(reasonText(r, 'en'), translateDynamic('en', 'users.rule.R-U-06.msg', { pool: 'pool01.litwareinc.com' }));
    assert.equal(reasonText(r, 'fr'), translateDynamic('fr', 'users.rule.R-U-06.msg', { pool: 'pool01.litwareinc.com' }));
    assert.notEqual(reasonText(r, 'fr'), reasonText(r, 'en'));
  });
  test('roles and titles fall back to the role name and the rule ID', () => {
    assert.equal(
      roleText('RTCUniversalUserAdmins', tdEn, () => false),
      'RTCUniversalUserAdmins',
    );
    assert.equal(
      ruleTitle('R-U-07', tdEn, () => false),
      'R-U-07',
    );
    assert.equal(
      roleText(
        'RTCUniversalUserAdmins',
        (k) => `<${k}>`,
        () => true,
      ),
      '<users.role.RTCUniversalUserAdmins>',
    );
    assert.equal(
      ruleTitle(
        'R-U-07',
        (k) => `<${k}>`,
        () => true,
      ),
      '<users.rule.R-U-07.title>',
    );
  });
  test("reasons: errors first, in the service's order, then warnings", () => {
    const rs = [reason('R-U-10', 'warning'), reason('R-U-13', 'error'), reason('R-U-01', 'error')];
    assert.deepEqual(
      orderedReasons(rs).map((r) => r.rule),
      ['R-U-13', 'R-U-01', 'R-U-10'],
    );
  });
  test("the screen's verdict texts exist in both languages, with the reason placeholder", () => {
    assert.match(en['users.verdict.fails'], /\{reason\}/);
    assert.match(fr['users.verdict.fails'], /\{reason\}/);
    assert.match(fr['users.verdict.fails'], /\u00a0:/);
  });
});

describe('the two halves', () => {
  test('the Skype half, every field the issue lists, in order', () => {
    const facts = skypeFacts(skype);
    assert.deepEqual(
      facts.map((f) => f.field),
      ['sipAddress', 'enabled', 'registrarPool', 'enterpriseVoiceEnabled', 'lineUri', 'dialPlan', 'voicePolicy', 'hostedVoiceMail', 'hostedVoicemailPolicy', 'exUmEnabled'],
    );
    assert.deepEqual(facts.find((f) => f.field === 'enterpriseVoiceEnabled')?.value, { kind: 'bool', value: false });
    assert.deepEqual(facts.find((f) => f.field === 'voicePolicy')?.value, { kind: 'none' });
    assert.deepEqual(facts.find((f) => f.field === 'hostedVoiceMail')?.value, { kind: 'none' });
    for (const f of facts) assert.ok(`users.field.${f.field}` in en, f.field);
  });
  test('the Exchange half, with the EUM proxy addresses only (any case of the prefix)', () => {
    assert.deepEqual(eumAddresses(mailbox), ['eum:1234;phone-context=Litware-SIP.litwareinc.com', 'EUM:vm.ok@litwareinc.com']);
    const facts = exchangeFacts(mailbox);
    assert.deepEqual(facts.find((f) => f.field === 'eumAddresses')?.value, { kind: 'list', items: eumAddresses(mailbox) });
    assert.deepEqual(facts.find((f) => f.field === 'extensions')?.value, { kind: 'list', items: ['1234'] });
    assert.deepEqual(facts.find((f) => f.field === 'accountDisabled')?.value, { kind: 'bool', value: true });
    assert.deepEqual(exchangeFacts({ ...mailbox, accountDisabled: true }).find((f) => f.field === 'accountDisabled')?.value, { kind: 'bool', value: false });
    assert.deepEqual(exchangeFacts({ ...mailbox, emailAddresses: [] }).find((f) => f.field === 'eumAddresses')?.value, { kind: 'none' });
    for (const f of facts) assert.ok(`users.field.${f.field}` in en, f.field);
  });
  test('the values a reason names are marked bad, the others not', () => {
    const rs = [reason('R-U-02', 'error'), reason('R-U-04', 'error')];
    assert.deepEqual(
      skypeFacts(skype, rs)
        .filter((f) => f.bad)
        .map((f) => f.field),
      ['enterpriseVoiceEnabled'],
    );
    assert.deepEqual(
      exchangeFacts(mailbox, rs)
        .filter((f) => f.bad)
        .map((f) => f.field),
      ['sipResourceIdentifier', 'eumAddresses'],
    );
    assert.equal(
      skypeFacts(skype).some((f) => f.bad),
      false,
    );
  });
});

describe('the report', () => {
  test('counts per reason: most users first, ties in blocking order, zero counts left out', () => {
    const counts = ruleCounts({ 'R-U-10': 4, 'R-U-06': 2, 'R-U-01': 2, 'R-U-13': 9, 'R-U-05': 0 });
    assert.deepEqual(
      counts.map((c) => [c.rule, c.count]),
      [
        ['R-U-13', 9],
        ['R-U-10', 4],
        ['R-U-01', 2],
        ['R-U-06', 2],
      ],
    );
    assert.equal(counts[0].role, 'DomainAccountAdministrator');
    assert.equal(counts[2].role, 'RTCUniversalUserAdmins');
    assert.equal(counts[3].role, 'ExchangeOrganizationAdministrator');
  });
  test('a rule this screen does not know comes after known ones of the same count, without a role', () => {
    const counts = ruleCounts({ 'R-U-77': 3, 'R-U-07': 3, 'R-U-76': 3 });
    assert.deepEqual(
      counts.map((c) => c.rule),
      ['R-U-07', 'R-U-76', 'R-U-77'],
    );
    assert.equal(counts[1].role, null);
  });
  test('every rule of the blocking order has a role, and every role is one of FIX_ROLES', () => {
    assert.equal(RULE_ORDER.length, 13);
    assert.deepEqual(Object.keys(RULE_ROLE).sort(), [...RULE_ORDER].sort());
    for (const role of Object.values(RULE_ROLE)) assert.ok(FIX_ROLES.includes(role), role);
  });
  test('progress, and whether there is a report', () => {
    assert.equal(checkPercent(null), 0);
    assert.equal(checkPercent({ done: 0, total: 0 }), 0);
    assert.equal(checkPercent({ done: 1, total: 3 }), 33);
    assert.equal(checkPercent({ done: 5, total: 5 }), 100);
    assert.equal(hasReport(null), false);
    assert.equal(hasReport({ running: false, finishedAt: null, total: 0 }), false);
    assert.equal(hasReport({ running: true, finishedAt: null, total: 10 }), true);
    assert.equal(hasReport({ running: false, finishedAt: '2024-01-01T00:00:00Z', total: 10 }), true);
  });
});
