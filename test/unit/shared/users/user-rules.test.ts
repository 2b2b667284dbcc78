/** The R-U rules (docs/user-rules.md): each firing and silent on a small org, the blocking order, the fixes for hostile values. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OrgModel, SkypeUser, UmMailbox } from '../../../../shared/model/org';
import { translateDynamic } from '../../../../shared/i18n/translate';
import { buildUserIndex, userBySip } from '../../../../shared/users/user-index';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { buildUserRuleContext, evaluateUser, lineUriExtension, USER_RULES, userRuleIds } from '../../../../shared/users/user-rules';
import { add2019, addDialPlan, DIAL_PLAN, healthyOrg, orgWithUsers, pipe, POLICY, POOL, skypeUser, umMailbox } from '../../../support/user-fixtures';
import { english } from '../../../support/diagnostics';

/** The reasons of `alias` in `org`, joined as the index joins them. */
function reasonsOf(org: OrgModel, sip: string): Diagnostic[] {
  const index = buildUserIndex(org);
  const u = userBySip(index, sip) ?? index.users.find((x) => x.email === sip) ?? assert.fail(`no user ${sip}`);
  return evaluateUser({ skype: u.skype, mailbox: u.mailbox }, buildUserRuleContext(org));
}

const rulesOf = (org: OrgModel, sip: string) => reasonsOf(org, sip).map((r) => r.rule);
const one = (org: OrgModel, sip: string, rule: string) => {
  const rs = reasonsOf(org, sip).filter((r) => r.rule === rule);
  assert.equal(rs.length, 1, `${rule} on ${sip}: ${JSON.stringify(reasonsOf(org, sip), null, 1)}`);
  return rs[0];
};

/** A user who works: Skype user + UM mailbox, extension 2001 in the healthy SIP dial plan. */
const ZOE = 'sip:zoe@litwareinc.com';
const zoe = (s: Partial<SkypeUser> & { ext?: string } = {}, m: Partial<UmMailbox> & { ext?: string } = {}) => orgWithUsers([skypeUser('zoe', s)], [umMailbox('zoe', m)]);

describe('the healthy org', () => {
  test('every UM user of the healthy spec works; Omar (no EV, no UM) gets R-U-02 then R-U-03', () => {
    const org = healthyOrg();
    for (const a of ['alice.martin', 'bruno.dubois', 'megan.obrien']) assert.deepEqual(rulesOf(org, `sip:${a}@litwareinc.com`), [], a);
    assert.deepEqual(rulesOf(org, 'sip:omar.kim@litwareinc.com'), ['R-U-02', 'R-U-03']);
  });
  test('a fixture user of the healthy shape works (every rule silent)', () => assert.deepEqual(rulesOf(zoe(), ZOE), []));
  test('the catalogue lists 13 rules, errors first in the blocking order, R-U-10 the only warning', () => {
    assert.deepEqual(
      USER_RULES.map((r) => r.id),
      ['R-U-13', 'R-U-01', 'R-U-02', 'R-U-03', 'R-U-11', 'R-U-05', 'R-U-04', 'R-U-06', 'R-U-07', 'R-U-08', 'R-U-09', 'R-U-12', 'R-U-10'],
    );
    assert.deepEqual(
      USER_RULES.filter((r) => r.severity === 'warning').map((r) => r.id),
      ['R-U-10'],
    );
  });
});

describe('each rule fires, with its message, fix and role', () => {
  test('R-U-13: the AD account is disabled', () => {
    const r = one(zoe({}, { accountDisabled: true }), ZOE, 'R-U-13');
    assert.equal(r.severity, 'error');
    assert.deepEqual(r.fix, ["Get-ADUser -Filter 'UserPrincipalName -eq ''zoe@litwareinc.com''' | Enable-ADAccount"]);
    assert.equal(r.role, 'DomainAccountAdministrator');
    assert.match(english(r), /zoe@litwareinc\.com.*disabled/);
    assert.deepEqual(rulesOf(zoe(), ZOE), []);
  });

  test('R-U-01: no Skype user (mailbox only), or a disabled one', () => {
    const mailboxOnly = orgWithUsers([], [umMailbox('zoe')]);
    const r = one(mailboxOnly, ZOE, 'R-U-01');
    assert.equal(r.message.key, 'users.rule.R-U-01.msg.missing');
    assert.deepEqual(r.fix, [`Enable-CsUser -Identity 'zoe@litwareinc.com' -RegistrarPool '${POOL}' -SipAddressType EmailAddress`]);
    assert.equal(r.role, 'RTCUniversalUserAdmins');
    const d = one(zoe({ enabled: false }), ZOE, 'R-U-01');
    assert.equal(d.message.key, 'users.rule.R-U-01.msg.disabled');
    assert.match(english(d), /sip:zoe@litwareinc\.com is disabled/);
    // Disabled once enabled: switched back on, not enabled again.
    assert.deepEqual(d.fix, ["Set-CsUser -Identity 'sip:zoe@litwareinc.com' -Enabled $true"]);
  });

  test('R-U-02: not enabled for Enterprise Voice', () => {
    const r = one(zoe({ enterpriseVoiceEnabled: false }), ZOE, 'R-U-02');
    assert.deepEqual(r.fix, ["Set-CsUser -Identity 'sip:zoe@litwareinc.com' -EnterpriseVoiceEnabled $true"]);
    assert.equal(r.role, 'RTCUniversalUserAdmins');
  });

  test('R-U-03: no mailbox, or a mailbox not UM-enabled; the fix names a SIP policy, the LineURI extension and the SIP address', () => {
    const noMailbox = one(orgWithUsers([skypeUser('zoe')], []), ZOE, 'R-U-03');
    assert.equal(noMailbox.message.key, 'users.rule.R-U-03.msg.noMailbox');
    assert.deepEqual(noMailbox.fix, [`Enable-UMMailbox -Identity 'zoe@litwareinc.com' -UMMailboxPolicy '${POLICY}' -Extensions '2001' -SIPResourceIdentifier 'zoe@litwareinc.com'`]);
    assert.equal(noMailbox.role, 'ExchangeRecipientAdministrator');
    const notUm = one(zoe({}, { umEnabled: false, umDialPlan: '', extensions: [] }), ZOE, 'R-U-03');
    assert.equal(notUm.message.key, 'users.rule.R-U-03.msg.notEnabled');
  });

  test('R-U-11: the mailbox is on Exchange 2019 (by name or FQDN); silent on 2016', () => {
    const org = orgWithUsers([skypeUser('zoe')], [umMailbox('zoe', { serverName: 'ATL-EX-019' })], add2019('ATL-EX-019'));
    const r = one(org, ZOE, 'R-U-11');
    assert.deepEqual(r.fix, ["New-MoveRequest -Identity 'zoe@litwareinc.com' -TargetDatabase '<a database on ATL-EX-001>'"]);
    assert.equal(r.role, 'ExchangeOrganizationAdministrator');
    assert.match(english(r), /ATL-EX-019 \(Version 15\.2/);
    const byFqdn = orgWithUsers([skypeUser('zoe')], [umMailbox('zoe', { serverName: 'atl-ex-019.litwareinc.com' })], add2019('ATL-EX-019'));
    assert.deepEqual(rulesOf(byFqdn, ZOE), ['R-U-11']);
    assert.ok(!rulesOf(zoe({}, { serverName: 'ATL-EX-002' }), ZOE).includes('R-U-11'));
    // An unknown server name: nothing can be said (no guess).
    assert.deepEqual(rulesOf(zoe({}, { serverName: 'NOWHERE' }), ZOE), []);
  });

  test('R-U-05: the UM dial plan is not SIP URI; the fix moves to the SIP policy', () => {
    const org = orgWithUsers(
      [skypeUser('zoe')],
      [umMailbox('zoe', { umDialPlan: 'PBX-Ext', umMailboxPolicy: 'PBX-Ext Default Policy' })],
      addDialPlan({ name: 'PBX-Ext', uriType: 'TelExtn' }, 'PBX-Ext Default Policy'),
    );
    const r = one(org, ZOE, 'R-U-05');
    assert.deepEqual(r.fix, [`Set-UMMailbox -Identity 'zoe@litwareinc.com' -UMMailboxPolicy '${POLICY}'`]);
    assert.equal(r.message.params.uriType, 'TelExtn');
    assert.equal(r.role, 'ExchangeRecipientAdministrator');
  });

  test('R-U-04: the mailbox joined by UPN only (SIP resource identifier and EUM addresses name another address)', () => {
    const old = 'zoe.old@litwareinc.com';
    const pc = `${DIAL_PLAN}.litwareinc.com`;
    const org = zoe({}, { sipResourceIdentifier: old, emailAddresses: ['SMTP:zoe@litwareinc.com', `eum:${old};phone-context=${pc}`, `eum:2001;phone-context=${pc}`] });
    const r = one(org, ZOE, 'R-U-04');
    // Set-UMMailbox has no -SIPResourceIdentifier: the SIP address is the mailbox's EUM proxy address (Set-Mailbox -EmailAddresses).
    assert.deepEqual(r.fix, [`Set-Mailbox -Identity 'zoe@litwareinc.com' -EmailAddresses @{Add='eum:zoe@litwareinc.com;phone-context=${pc}'; Remove='eum:${old};phone-context=${pc}'}`]);
    assert.equal(r.message.params.resource, old);
    // Silent when an EUM proxy (with phone-context) or a sip: proxy names the address, whatever the resource identifier.
    assert.deepEqual(rulesOf(zoe({}, { sipResourceIdentifier: old, emailAddresses: [`EUM:ZOE@litwareinc.com;phone-context=${pc}`] }), ZOE), []);
    assert.deepEqual(rulesOf(zoe({}, { sipResourceIdentifier: old, emailAddresses: ['sip:zoe@litwareinc.com'] }), ZOE), []);
    assert.deepEqual(rulesOf(zoe({}, { sipResourceIdentifier: 'Zoe@LitwareInc.com', emailAddresses: [] }), ZOE), []);
  });

  test("R-U-06: the user's pool has no UM IP gateway", () => {
    const r = one(zoe({ registrarPool: 'dal-cs-002.litwareinc.com' }), ZOE, 'R-U-06');
    assert.deepEqual(r.fix, ['.\\ExchUcUtil.ps1']);
    assert.equal(r.role, 'ExchangeOrganizationAdministrator');
    assert.equal(r.message.params.pool, 'dal-cs-002.litwareinc.com');
    // The address compares case-insensitively.
    assert.deepEqual(rulesOf(zoe({ registrarPool: POOL.toUpperCase() }), ZOE), []);
  });

  test("R-U-07: the pool gateway has no hunt group for the user's dial plan", () => {
    const org = orgWithUsers(
      [skypeUser('zoe')],
      [umMailbox('zoe', { umDialPlan: 'Other-SIP', umMailboxPolicy: 'Other-SIP Default Policy' })],
      addDialPlan({ name: 'Other-SIP' }, 'Other-SIP Default Policy'),
    );
    const r = one(org, ZOE, 'R-U-07');
    assert.deepEqual(r.fix, ["New-UMHuntGroup -Name 'Other-SIP' -UMIPGateway '1:1' -UMDialPlan 'Other-SIP' -PilotIdentifier 'Other-SIP'"]);
    assert.equal(r.role, 'ExchangeOrganizationAdministrator');
    // No gateway at all: R-U-06 only, not R-U-07 as well.
    assert.deepEqual(rulesOf(zoe({ registrarPool: 'dal-cs-002.litwareinc.com' }), ZOE), ['R-U-06']);
  });

  test("R-U-08: the extension is another UM mailbox's in the same dial plan; silent in another dial plan", () => {
    const org = orgWithUsers([skypeUser('zoe', { ext: '1001' })], [umMailbox('zoe', { ext: '1001' })]);
    const r = one(org, ZOE, 'R-U-08');
    assert.equal(r.message.params.others, 'alice.martin@litwareinc.com');
    assert.match(english(r), /1001 of zoe@litwareinc\.com is also the extension of alice\.martin@litwareinc\.com/);
    // Set-UMMailbox has no -Extensions: the extension is an EUM proxy address, replaced with Set-Mailbox -EmailAddresses.
    const pc = `${DIAL_PLAN}.litwareinc.com`;
    const m = /^Set-Mailbox -Identity 'zoe@litwareinc\.com' -EmailAddresses @\{Add='eum:(\d{4});phone-context=(.+)'; Remove='eum:1001;phone-context=(.+)'\}$/.exec(r.fix[0] ?? '');
    assert.ok(m, r.fix[0] ?? '');
    assert.deepEqual([m[2], m[3]], [pc, pc]);
    const suggested = m[1];
    assert.ok(!['1001', '1002', '1003'].includes(suggested), `suggested ${suggested} is taken`);
    assert.equal(r.role, 'ExchangeRecipientAdministrator');
    // Alice is flagged too (the duplicate is on both).
    assert.deepEqual(rulesOf(org, 'sip:alice.martin@litwareinc.com'), ['R-U-08']);
    const other = orgWithUsers([skypeUser('zoe', { ext: '1001' })], [umMailbox('zoe', { ext: '1001', umDialPlan: 'Other-SIP' })], addDialPlan({ name: 'Other-SIP' }, 'Other-SIP Default Policy'));
    assert.ok(!rulesOf(other, ZOE).includes('R-U-08'));
    // The SIP address in Extensions is no extension: two users never "share" it.
    assert.deepEqual(rulesOf(zoe(), ZOE), []);
  });

  test("R-U-09: the extension length differs from the dial plan's digits", () => {
    const r = one(zoe({ ext: '20011' }, { ext: '20011' }), ZOE, 'R-U-09');
    assert.deepEqual([r.message.params.length, r.message.params.digits], [5, 4]);
    assert.match(r.fix[0] ?? '', /-EmailAddresses @\{Add='eum:\d{4};phone-context=[^']+'; Remove='eum:20011;phone-context=[^']+'\}$/);
    assert.equal(r.role, 'ExchangeRecipientAdministrator');
  });

  test('R-U-12: hosted voice mail without a policy; silent with a policy or when hosted voice mail is off/unset', () => {
    const r = one(zoe({ hostedVoiceMail: true }), ZOE, 'R-U-12');
    assert.deepEqual(r.fix, ["Grant-CsHostedVoicemailPolicy -Identity 'sip:zoe@litwareinc.com' -PolicyName '<hosted voice mail policy>'"]);
    assert.equal(r.role, 'RTCUniversalUserAdmins');
    assert.deepEqual(rulesOf(zoe({ hostedVoiceMail: true, hostedVoicemailPolicy: 'Tag:ExUM' }), ZOE), []);
    assert.deepEqual(rulesOf(zoe({ hostedVoiceMail: false }), ZOE), []);
    assert.deepEqual(rulesOf(zoe({ hostedVoiceMail: null }), ZOE), []);
  });

  test('R-U-10 (warning): the LineURI extension differs from the UM extension; the user still works', () => {
    const org = zoe({ ext: '2009' }, { ext: '2001' });
    const r = one(org, ZOE, 'R-U-10');
    assert.equal(r.severity, 'warning');
    assert.deepEqual(r.fix, [
      `Set-Mailbox -Identity 'zoe@litwareinc.com' -EmailAddresses @{Add='eum:2009;phone-context=${DIAL_PLAN}.litwareinc.com'; Remove='eum:2001;phone-context=${DIAL_PLAN}.litwareinc.com'}`,
    ]);
    assert.equal(r.role, 'ExchangeRecipientAdministrator');
    // Without ;ext= the last digits of the number (the dial plan's 4) are the extension.
    assert.deepEqual(rulesOf(zoe({ lineUri: 'tel:+14255552001' }), ZOE), []);
    assert.deepEqual(rulesOf(zoe({ lineUri: 'tel:+14255552002' }), ZOE), ['R-U-10']);
    // No LineURI: nothing to compare.
    assert.deepEqual(rulesOf(zoe({ lineUri: '' }), ZOE), []);
  });

  test('lineUriExtension: ;ext= first, else the last digits', () => {
    assert.equal(lineUriExtension('tel:+14255551001;ext=1001', 4), '1001');
    assert.equal(lineUriExtension('TEL:+1 (425) 555-1234', 4), '1234');
    assert.equal(lineUriExtension('tel:+14255551234', null), null);
    assert.equal(lineUriExtension('', 4), null);
    assert.equal(lineUriExtension('tel:12', 4), null);
  });
});

describe('order and works', () => {
  test('several reasons are listed in the blocking order, warnings last', () => {
    const org = orgWithUsers(
      [skypeUser('zoe', { enabled: false, enterpriseVoiceEnabled: false, registrarPool: 'dal-cs-002.litwareinc.com', hostedVoiceMail: true, ext: '3999' })],
      [umMailbox('zoe', { accountDisabled: true, serverName: 'ATL-EX-019', umDialPlan: 'PBX-Ext', ext: '10011', sipResourceIdentifier: 'x@litwareinc.com', emailAddresses: [] })],
      pipe(add2019('ATL-EX-019'), addDialPlan({ name: 'PBX-Ext', uriType: 'TelExtn', numberOfDigitsInExtension: 4 }, 'PBX-Ext Default Policy')),
    );
    assert.deepEqual(rulesOf(org, ZOE), ['R-U-13', 'R-U-01', 'R-U-02', 'R-U-11', 'R-U-05', 'R-U-04', 'R-U-06', 'R-U-09', 'R-U-12', 'R-U-10']);
  });
  test('userRuleIds gives the same IDs as evaluateUser', () => {
    const org = zoe({ enterpriseVoiceEnabled: false, ext: '2009' }, { accountDisabled: true });
    const index = buildUserIndex(org);
    const ctx = buildUserRuleContext(org);
    for (const u of index.users)
      assert.deepEqual(
        userRuleIds(u, ctx),
        evaluateUser(u, ctx).map((r) => r.rule),
        u.sipAddress,
      );
  });
  test('each message is the English text of its key and params (no placeholder left)', () => {
    const org = orgWithUsers([skypeUser('zoe', { hostedVoiceMail: true })], [umMailbox('zoe', { accountDisabled: true })]);
    for (const r of reasonsOf(org, ZOE)) {
      assert.equal(english(r), translateDynamic('en', r.message.key, r.message.params));
      assert.doesNotMatch(english(r), /\{\w+\}/);
      assert.doesNotMatch(translateDynamic('fr', r.message.key, r.message.params), /\{\w+\}/);
    }
  });
});

describe('fixes are correct PowerShell for hostile values', () => {
  test('apostrophes (ASCII and typographic) are doubled inside single quotes; names with markup stay text', () => {
    const alias = "o'brien\u2019x";
    const s = skypeUser(alias, { displayName: '<script>alert(1)</script>', enterpriseVoiceEnabled: false, hostedVoiceMail: true });
    const m = umMailbox(alias, { accountDisabled: true });
    const org = orgWithUsers([s], [m]);
    const reasons = reasonsOf(org, s.sipAddress);
    const fix = (rule: string) => reasons.find((r) => r.rule === rule)?.fix[0];
    // The UPN quoted for the AD filter, and that filter quoted again for PowerShell.
    assert.equal(fix('R-U-13'), "Get-ADUser -Filter 'UserPrincipalName -eq ''o''''brien\u2019\u2019\u2019\u2019x@litwareinc.com''' | Enable-ADAccount");
    assert.equal(fix('R-U-02'), "Set-CsUser -Identity 'sip:o''brien\u2019\u2019x@litwareinc.com' -EnterpriseVoiceEnabled $true");
    assert.equal(fix('R-U-12'), "Grant-CsHostedVoicemailPolicy -Identity 'sip:o''brien\u2019\u2019x@litwareinc.com' -PolicyName '<hosted voice mail policy>'");
    assert.equal(reasons.find((r) => r.rule === 'R-U-13')?.message.params.name, '<script>alert(1)</script>');
  });
  test('a dial plan name with a quote in the R-U-07 fix', () => {
    const dp = "Sales'SIP";
    const org = orgWithUsers([skypeUser('zoe')], [umMailbox('zoe', { umDialPlan: dp })], addDialPlan({ name: dp }, `${dp} Default Policy`));
    assert.deepEqual(one(org, ZOE, 'R-U-07').fix, ["New-UMHuntGroup -Name 'Sales''SIP' -UMIPGateway '1:1' -UMDialPlan 'Sales''SIP' -PilotIdentifier 'Sales''SIP'"]);
  });
});
