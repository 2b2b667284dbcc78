/**
 * The lab's voice-mail case users: `umc user` on lab users built to fail for each reason gives
 * that reason; on a healthy user, "will work". These tests read the committed
 * lab file and check the data each user was built with, against the rule conditions of the
 * R-U catalogue written out here on their own (not the rule engine's code), so a lab regenerated
 * wrongly or a case user that breaks two rules at once is caught here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildLabSnapshot, LAB_CASE_USERS, LAB_CERTIFICATE_NAMES, LAB_USER_COUNT, type LabCertificate, type LabCertificates } from '../../../support/org-builder/lab-org';
import type { OrgModel, SkypeUser, UmMailbox } from '../../../../shared/model/org';
import { joinUser } from '../../../../shared/users/user-index';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { labOrg, labRaw } from '../../../support/lab';

/** SIP address → the rule conditions its data meets (R-U-10 is the only warning). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'sip:vm.ok@litwareinc.com': [],
  'sip:vm.r-u-01@litwareinc.com': ['R-U-01'],
  'sip:vm.r-u-02@litwareinc.com': ['R-U-02'],
  'sip:vm.r-u-03@litwareinc.com': ['R-U-03'],
  'sip:vm.r-u-04@litwareinc.com': ['R-U-04'],
  'sip:vm.r-u-05@litwareinc.com': ['R-U-05'],
  'sip:vm.r-u-06@litwareinc.com': ['R-U-06'],
  'sip:vm.r-u-07@litwareinc.com': ['R-U-07'],
  'sip:vm.r-u-08@litwareinc.com': ['R-U-08'],
  'sip:vm.r-u-08.twin@litwareinc.com': ['R-U-08'],
  'sip:vm.r-u-09@litwareinc.com': ['R-U-09'],
  'sip:vm.r-u-10@litwareinc.com': ['R-U-10'],
  'sip:vm.r-u-11@litwareinc.com': ['R-U-11'],
  'sip:vm.r-u-12@litwareinc.com': ['R-U-12'],
  'sip:vm.r-u-13@litwareinc.com': ['R-U-13'],
};

const lower = (s: string) => s.toLowerCase();
const bare = (sip: string) => lower(sip.replace(/^sip:/i, ''));
/** Extensions that are numbers: in a SIP URI dial plan Get-UMMailbox lists the SIP address too (docs/remote-shapes.md). */
const numericExtensions = (m: UmMailbox) => m.extensions.filter((e) => /^\+?\d+$/.test(e));

function skypeUser(org: OrgModel, sip: string): SkypeUser {
  const s = org.users.find((u) => lower(u.sipAddress) === lower(sip));
  assert.ok(s, `${sip} is in Get-CsUser`);
  return s;
}

/** The join of THE RULES: SIP resource identifier, else an EUM:/SIP: proxy, else PrimarySmtpAddress = UPN. */
function joinMailbox(org: OrgModel, s: SkypeUser): { m: UmMailbox; bySmtp: boolean } | null {
  const key = bare(s.sipAddress);
  const proxy = (a: string) => {
    const x = lower(a);
    return x === `sip:${key}` || x === `eum:${key}` || x.startsWith(`eum:${key};phone-context=`);
  };
  const m = org.mailboxes.find((b) => lower(b.sipResourceIdentifier) === key || b.emailAddresses.some(proxy));
  if (m) return { m, bySmtp: false };
  const bySmtp = org.mailboxes.find((b) => lower(b.primarySmtpAddress) === lower(s.userPrincipalName));
  return bySmtp ? { m: bySmtp, bySmtp: true } : null;
}

/** The conditions of R-U-01 … R-U-13 that the user's data meets, read straight from the model. */
function conditions(org: OrgModel, sip: string): string[] {
  const s = skypeUser(org, sip);
  const joined = joinMailbox(org, s);
  const m = joined?.m ?? null;
  const out = new Set<string>();
  const dp = m?.umEnabled ? org.exchange.dialPlans.find((d) => lower(d.name) === lower(m.umDialPlan)) : undefined;
  if (m?.accountDisabled) out.add('R-U-13');
  if (!s.enabled) out.add('R-U-01');
  if (!s.enterpriseVoiceEnabled) out.add('R-U-02');
  if (!m || !m.umEnabled) out.add('R-U-03');
  if (m) {
    const server = org.exchange.servers.find((x) => lower(x.name) === lower(m.serverName) || lower(x.fqdn) === lower(m.serverName));
    if (server && Number(server.version.product) >= 2019) out.add('R-U-11');
  }
  if (dp && dp.uriType !== 'SipName') out.add('R-U-05');
  if (joined?.bySmtp) out.add('R-U-04');
  const gateways = org.exchange.ipGateways.filter((g) => lower(g.address) === lower(s.registrarPool));
  if (gateways.length === 0) out.add('R-U-06');
  else if (dp && !org.exchange.huntGroups.some((h) => gateways.some((g) => lower(h.gateway) === lower(g.name)) && lower(h.dialPlan) === lower(dp.name))) out.add('R-U-07');
  if (m && dp) {
    const mine = numericExtensions(m);
    const others = org.mailboxes.filter((o) => o !== m && o.umEnabled && lower(o.umDialPlan) === lower(dp.name));
    if (others.some((o) => numericExtensions(o).some((e) => mine.includes(e)))) out.add('R-U-08');
    if (mine.some((e) => e.length !== dp.numberOfDigitsInExtension)) out.add('R-U-09');
  }
  if (s.hostedVoiceMail === true && !s.hostedVoicemailPolicy) out.add('R-U-12');
  if (s.lineUri && m && dp && numericExtensions(m).length > 0) {
    const ext = /;ext=(\d+)/i.exec(s.lineUri)?.[1] ?? s.lineUri.replace(/\D/g, '').slice(-dp.numberOfDigitsInExtension);
    if (ext !== numericExtensions(m)[0]) out.add('R-U-10');
  }
  return [...out].sort();
}

describe('lab voice-mail case users', () => {
  const org = labOrg();

  test('one per rule R-U-01 … R-U-13, the R-U-08 twin and the healthy user, on top of the generated users', () => {
    assert.deepEqual(LAB_CASE_USERS.map((c) => `sip:${c.alias}@litwareinc.com`).sort(), Object.keys(EXPECTED).sort());
    assert.equal(org.users.length, LAB_USER_COUNT + LAB_CASE_USERS.length);
    assert.equal(org.mailboxes.length, LAB_USER_COUNT + LAB_CASE_USERS.length);
    const rules = new Set(Object.values(EXPECTED).flat());
    for (let i = 1; i <= 13; i++) assert.ok(rules.has(`R-U-${String(i).padStart(2, '0')}`), `a user for R-U-${i}`);
  });

  test('each display name says which rule the user breaks', () => {
    for (const [sip, rules] of Object.entries(EXPECTED)) {
      const s = skypeUser(org, sip);
      if (rules.length === 0) assert.match(s.displayName, /healthy/);
      else for (const r of rules) assert.ok(s.displayName.includes(r), `${s.displayName} names ${r}`);
      const m = joinMailbox(org, s);
      assert.equal(m?.m.displayName, s.displayName, `${sip} has its mailbox`);
    }
  });

  for (const [sip, rules] of Object.entries(EXPECTED))
    test(`${sip} meets the conditions of ${rules.length ? rules.join(', ') : 'no rule'} and no other`, () => {
      assert.deepEqual(conditions(org, sip), rules);
    });

  test('the healthy user: enabled, Enterprise Voice, UM on Exchange 2016 in a SIP URI plan its pool gateway has a hunt group for', () => {
    const s = skypeUser(org, 'sip:vm.ok@litwareinc.com');
    assert.equal(s.enabled, true);
    assert.equal(s.enterpriseVoiceEnabled, true);
    assert.equal(s.registrarPool, 'atl-cs-001.litwareinc.com');
    assert.equal(s.lineUri, 'tel:+14255557000;ext=7000');
    assert.equal(s.hostedVoiceMail, null);
    const joined = joinMailbox(org, s);
    assert.equal(joined?.bySmtp, false);
    const m = joined!.m;
    assert.equal(m.umEnabled, true);
    assert.equal(m.accountDisabled, false);
    assert.equal(m.sipResourceIdentifier, 'vm.ok@litwareinc.com');
    assert.ok(m.emailAddresses.includes('eum:vm.ok@litwareinc.com;phone-context=Litware-SIP-Secured.litwareinc.com'));
    assert.deepEqual(m.extensions, ['vm.ok@litwareinc.com', '7000']);
    assert.equal(org.exchange.servers.find((x) => x.name === m.serverName)?.version.product, '2016');
    const dp = org.exchange.dialPlans.find((d) => d.name === m.umDialPlan)!;
    assert.equal(dp.uriType, 'SipName');
    assert.equal(dp.numberOfDigitsInExtension, 4);
    assert.equal(m.umMailboxPolicy, 'Litware-SIP-Secured Default Policy');
    const gw = org.exchange.ipGateways.find((g) => g.address === s.registrarPool)!;
    assert.ok(org.exchange.huntGroups.some((h) => h.gateway === gw.name && h.dialPlan === dp.name));
    assert.equal(org.mailboxes.filter((o) => o.umDialPlan === dp.name && o.extensions.includes('7000')).length, 1);
  });

  test('each failing user differs from the healthy one in the field its rule reads', () => {
    const user = (a: string) => skypeUser(org, `sip:${a}@litwareinc.com`);
    const box = (a: string) => joinMailbox(org, user(a))!.m;
    assert.equal(user('vm.r-u-01').enabled, false);
    assert.equal(user('vm.r-u-02').enterpriseVoiceEnabled, false);
    assert.equal(user('vm.r-u-02').lineUri, '');
    assert.equal(box('vm.r-u-03').umEnabled, false);
    assert.deepEqual(box('vm.r-u-03').extensions, []);
    assert.equal(box('vm.r-u-04').sipResourceIdentifier, 'vm.r-u-04.old@litwareinc.com');
    assert.equal(box('vm.r-u-04').primarySmtpAddress, user('vm.r-u-04').userPrincipalName);
    assert.ok(!box('vm.r-u-04').emailAddresses.some((a) => /^(sip|eum):vm\.r-u-04@/i.test(a)));
    assert.equal(box('vm.r-u-05').umDialPlan, 'Litware-Ext');
    assert.equal(org.exchange.dialPlans.find((d) => d.name === 'Litware-Ext')?.uriType, 'TelExtn');
    assert.equal(user('vm.r-u-06').registrarPool, 'dal-cs-002.litwareinc.com');
    assert.ok(!org.exchange.ipGateways.some((g) => g.address === 'dal-cs-002.litwareinc.com'));
    assert.equal(user('vm.r-u-07').registrarPool, 'dal-cs-se01.litwareinc.com');
    assert.equal(box('vm.r-u-07').umDialPlan, 'Litware-SIP-Branch');
    assert.deepEqual(
      org.exchange.huntGroups.filter((h) => h.gateway === '2:1').map((h) => h.dialPlan),
      ['Litware-SIP-Secured'],
    );
    assert.deepEqual(numericExtensions(box('vm.r-u-08')), ['7008']);
    assert.deepEqual(numericExtensions(box('vm.r-u-08.twin')), ['7008']);
    assert.deepEqual(numericExtensions(box('vm.r-u-09')), ['70090']);
    assert.equal(user('vm.r-u-10').lineUri, 'tel:+14255557010;ext=7010');
    assert.deepEqual(numericExtensions(box('vm.r-u-10')), ['7110']);
    assert.equal(box('vm.r-u-11').serverName, 'ATL-EX-019');
    assert.equal(box('vm.r-u-11').umEnabled, true);
    assert.equal(user('vm.r-u-12').hostedVoiceMail, true);
    assert.equal(user('vm.r-u-12').hostedVoicemailPolicy, '');
    assert.equal(box('vm.r-u-13').accountDisabled, true);
  });

  test('the condition oracle itself fires and stays silent', () => {
    // A generated user the lab has always had: UM-enabled on Exchange 2019 (the R-D-09 mailbox).
    const stray = org.mailboxes.find((m) => m.serverName === 'ATL-EX-019' && m.umEnabled && !m.primarySmtpAddress.startsWith('vm.'))!;
    const owner = org.users.find((u) => bare(u.sipAddress) === lower(stray.sipResourceIdentifier))!;
    assert.ok(conditions(org, owner.sipAddress).includes('R-U-11'));
    // Turning the healthy user's fields one at a time makes exactly the matching condition appear.
    const ok = skypeUser(org, 'sip:vm.ok@litwareinc.com');
    const withUser = (patch: Partial<SkypeUser>): OrgModel => ({ ...org, users: org.users.map((u) => (u === ok ? { ...u, ...patch } : u)) });
    assert.deepEqual(conditions(withUser({ enabled: false }), ok.sipAddress), ['R-U-01']);
    assert.deepEqual(conditions(withUser({ registrarPool: 'dal-cs-002.litwareinc.com' }), ok.sipAddress), ['R-U-06']);
    assert.deepEqual(conditions(withUser({ lineUri: 'tel:+14255557999' }), ok.sipAddress), ['R-U-10']);
    assert.deepEqual(conditions(withUser({ lineUri: 'tel:+14255557000' }), ok.sipAddress), []);
  });

  test('the committed lab file holds exactly the users the builder makes', () => {
    // Users do not depend on the certificates: any placeholder will do for this comparison.
    const placeholder: LabCertificate = { rawData: '', thumbprint: '', subject: '', issuer: '', serialNumber: '', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', dnsNames: [] };
    const certs = Object.fromEntries(LAB_CERTIFICATE_NAMES.map((n) => [n, placeholder])) as unknown as LabCertificates;
    const built = buildLabSnapshot(certs) as unknown as Record<string, any>;
    const file = labRaw();
    assert.deepEqual(file.skype.users, built.skype.users);
    assert.deepEqual(file.exchange.mailboxes, built.exchange.mailboxes);
    assert.deepEqual(file.exchange.umMailboxes, built.exchange.umMailboxes);
  });

  test('the rule engine gives each case user exactly its reason, with a fix and a role; the healthy one none', () => {
    const ctx = buildUserRuleContext(org);
    for (const [sip, rules] of Object.entries(EXPECTED)) {
      const reasons = evaluateUser(joinUser(org, sip), ctx);
      assert.deepEqual(
        reasons.map((r) => r.rule),
        rules,
        sip,
      );
      for (const r of reasons) {
        assert.ok(r.fix && r.fix.length > 0, `${sip} ${r.rule} has a fix`);
        assert.ok(r.role, `${sip} ${r.rule} has a role`);
        assert.equal(r.severity, r.rule === 'R-U-10' ? 'warning' : 'error');
      }
    }
  });
});
