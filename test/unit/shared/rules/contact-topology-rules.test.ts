/** Exchange UM contact rules R-C-* and topology rule R-T-02 on small orgs, the healthy spec and the lab. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTACT_RULES, TOPOLOGY_RULES } from '../../../../shared/rules/contact-topology-rules';
import { contact, dialPlan, exchange2010, frontEndPool, pbxDialPlan, server, standardEditionPool, V2010_RTM, V2010_SP3 } from '../../../support/org-builder/org-spec';
import {
  AA,
  AA_CONTACT_ID,
  AA_PILOT,
  DALLAS,
  findingsOf,
  healthySpec,
  expectOne,
  ruleBaselines,
  objectKeys,
  only,
  orgWith,
  OU,
  OVA,
  POOL,
  SA_CONTACT_ID,
} from '../../../support/org-builder/small-org';
import { variantOf } from '../../../support/diagnostics';

const DP = 'Litware-SIP';
const SA_CN = '{sa-litware-sip}';
const AA_CN = '{aa-litware-main}';
const SE = 'dal-cs-se01.litwareinc.com';
const PARIS_ID = 'CN={4f1b2c3d-1111-4a5b-9c8d-000000000004},OU=RTC Special Accounts,DC=litwareinc,DC=com';

describe('R-C-* and R-T-02: baselines', () => {
  const expected: Record<string, string[]> = {
    'R-C-01': [],
    'R-C-02': [],
    'R-C-03': [],
    'R-C-04': [],
    'R-C-05': [],
    // The old Paris AA serves nothing.
    'R-C-06': [`autoAttendant|exUmContact:${PARIS_ID}`],
    'R-C-07': [],
    'R-C-08': [],
    'R-C-11': [],
    // The branch location profile is named without the domain (advisory on Exchange 2016).
    'R-C-11b': ['default|umDialPlan:Litware-SIP-Branch'],
    // The branch plan's Subscriber Access contact is missing.
    'R-C-12': ['subscriberAccess|umDialPlan:Litware-SIP-Branch'],
    // The Paris AA contact is not enabled for Enterprise Voice.
    'R-C-14': [`voice|exUmContact:${PARIS_ID}`],
    'R-T-02': [],
    // The lab runs Skype for Business Server 2015.
    'R-T-03': [],
  };
  ruleBaselines('R-C-* and R-T-02', [...CONTACT_RULES, ...TOPOLOGY_RULES], expected);
});

describe('R-C-01 SIP address', () => {
  test('fires on a SIP address without sip: and proposes the prefixed one', () => {
    const org = orgWith((s) => (contact(s, AA_CN).sip = 'LitwareMainAA@litwareinc.com'));
    const f = only(findingsOf('R-C-01', org));
    assert.equal(f.severity, 'error');
    assert.equal(f.area, 'contacts');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), [`exUmContact:${AA_CONTACT_ID}`]);
    assert.deepEqual(f.message.params, { contact: AA, sip: 'LitwareMainAA@litwareinc.com' });
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${AA_CONTACT_ID}' -SipAddress 'sip:LitwareMainAA@litwareinc.com'`]);
  });

  test('fires on an empty SIP address', () => {
    const org = orgWith((s) => (contact(s, AA_CN).sip = ''));
    const f = only(findingsOf('R-C-01', org));
    assert.equal(f.message.params.sip, '(empty)');
    assert.equal(f.fix[0], `Set-CsExUmContact -Identity '${AA_CONTACT_ID}' -SipAddress 'sip:<name>@<sip domain>'`);
  });

  test('SIP: in capitals is fine', () => {
    const org = orgWith((s) => (contact(s, AA_CN).sip = 'SIP:LitwareMainAA@litwareinc.com'));
    assert.deepEqual(findingsOf('R-C-01', org), []);
  });
});

describe('R-C-02 SIP address already in use', () => {
  test('user: the contact uses a user SIP address (case-insensitively)', () => {
    const org = orgWith((s) => (contact(s, AA_CN).sip = 'SIP:Alice.Martin@litwareinc.com'));
    const f = expectOne(org, 'R-C-02', { severity: 'error', variant: 'user', objects: [`exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { contact: AA, sip: 'SIP:Alice.Martin@litwareinc.com' });
    assert.deepEqual(f.fix, []);
  });

  test('contact: two contacts share a SIP address; both are named', () => {
    const org = orgWith((s) => (contact(s, AA_CN).sip = contact(s, SA_CN).sip));
    const f = only(findingsOf('R-C-02', org));
    assert.equal(variantOf(f), 'contact');
    assert.deepEqual(objectKeys(f), [`exUmContact:${AA_CONTACT_ID}`, `exUmContact:${SA_CONTACT_ID}`]);
    assert.deepEqual(f.message.params, { contact: AA, other: 'Subscriber Access', sip: `sip:${DP}.SA@litwareinc.com` });
  });
});

describe('R-C-03 display number format', () => {
  for (const [number, shown] of [
    ['0123', '0123'],
    ['+0142555', '+0142555'],
    ['+1 425 555 0199', '+1 425 555 0199'],
    ['', '(empty)'],
  ]) {
    test(`fires on "${number}"`, () => {
      const org = orgWith((s) => (contact(s, AA_CN).number = number));
      const f = expectOne(org, 'R-C-03', { severity: 'error', variant: 'default', objects: [`exUmContact:${AA_CONTACT_ID}`] });
      assert.deepEqual(f.message.params, { contact: AA, number: shown });
      assert.deepEqual(f.fix, []);
    });
  }

  test('digits without + are a valid format (R-C-05 warns about E.164)', () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = '4000'));
    assert.deepEqual(findingsOf('R-C-03', org), []);
  });
});

describe('R-C-04 display number used twice', () => {
  test('fires once naming both contacts', () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = OVA));
    const f = expectOne(org, 'R-C-04', { severity: 'error', variant: 'default', objects: [`exUmContact:${SA_CONTACT_ID}`, `exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { number: OVA, contacts: `Subscriber Access, ${AA}`, keeper: 'Subscriber Access' });
  });

  test('the contact that answers the number keeps it; the other gets the fix (removed, or renumbered)', () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = OVA));
    const f = only(findingsOf('R-C-04', org));
    assert.deepEqual(f.fix, [`Remove-CsExUmContact -Identity '${AA_CONTACT_ID}'   # or Set-CsExUmContact -DisplayNumber with the number it should answer`]);
  });
});

describe('R-C-05 display number not E.164', () => {
  test('fires on a number without + and suggests the country code', () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = '14255550199'));
    const f = expectOne(org, 'R-C-05', { severity: 'warning', variant: 'default', objects: [`exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { contact: AA, number: '14255550199' });
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${AA_CONTACT_ID}' -DisplayNumber '+<country code>14255550199'`]);
  });

  test('an invalid number is R-C-03, not R-C-05', () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = '0123'));
    assert.deepEqual(findingsOf('R-C-05', org), []);
  });
});

describe('R-C-06 contact number served by nothing', () => {
  test('subscriberAccess: SA number is not an Outlook Voice Access number', () => {
    const org = orgWith((s) => (contact(s, SA_CN).number = '+14255550111'));
    const f = expectOne(org, 'R-C-06', { severity: 'warning', variant: 'subscriberAccess', objects: [`exUmContact:${SA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { contact: 'Subscriber Access', number: '+14255550111', dialPlan: '' });
    assert.deepEqual(f.fix, [`Remove-CsExUmContact -Identity '${SA_CONTACT_ID}'   # only if nothing should answer this number`]);
  });

  test("autoAttendant: AA number is no auto attendant's pilot, even though it is the OVA number", () => {
    const org = orgWith((s) => (contact(s, AA_CN).number = OVA));
    const f = only(findingsOf('R-C-06', org));
    assert.equal(variantOf(f), 'autoAttendant');
    assert.deepEqual(objectKeys(f), [`exUmContact:${AA_CONTACT_ID}`]);
  });

  test("quotes an identity with an apostrophe (CN=O'Brien AA → 'CN=O''Brien AA,…')", () => {
    const org = orgWith((s) =>
      s.skype.contacts.push({ cn: "O'Brien AA", displayName: "O'Brien AA", sip: 'sip:OBrienAA@litwareinc.com', number: '+14255550177', autoAttendant: true, pool: POOL, enabled: true, ev: true }),
    );
    const f = only(findingsOf('R-C-06', org));
    assert.equal(f.message.params.contact, "O'Brien AA");
    assert.deepEqual(f.fix, [`Remove-CsExUmContact -Identity 'CN=O''Brien AA,${OU}'   # only if nothing should answer this number`]);
  });
});

describe('R-C-06 and R-C-12: SIP URI dial plans only (seed 001)', () => {
  const withPbx = (mutate: (s: ReturnType<typeof healthySpec>) => void) =>
    orgWith((s) => {
      const pbx = pbxDialPlan('Litware-PBX');
      pbx.ova = ['+14255550150'];
      pbx.autoAttendants = ['PBX AA'];
      s.exchange.dialPlans.push(pbx);
      s.exchange.autoAttendants.push({ name: 'PBX AA', dialPlan: 'Litware-PBX', pilots: ['+14255550151'], enabled: true });
      mutate(s);
    });

  test('a telephone-extension dial plan with an OVA number and an auto attendant asks for no contact', () => {
    assert.deepEqual(
      findingsOf(
        'R-C-12',
        withPbx(() => {}),
      ),
      [],
    );
  });

  test('an E.164 dial plan asks for no contact either', () => {
    const org = withPbx((s) => (dialPlan(s, 'Litware-PBX').uriType = 'E164'));
    assert.deepEqual(findingsOf('R-C-12', org), []);
  });

  test('nonSipDialPlan: a Subscriber Access contact on the PBX dial plan OVA number is flagged, naming the dial plan', () => {
    const org = withPbx((s) =>
      s.skype.contacts.push({ cn: '{sa-pbx}', displayName: 'PBX SA', sip: 'sip:pbx.SA@litwareinc.com', number: '+14255550150', autoAttendant: false, pool: POOL, enabled: true, ev: true }),
    );
    const f = only(findingsOf('R-C-06', org));
    assert.equal(variantOf(f), 'nonSipDialPlan');
    assert.deepEqual(objectKeys(f), [`exUmContact:CN={sa-pbx},${OU}`, 'umDialPlan:Litware-PBX']);
    assert.deepEqual(f.message.params, { contact: 'PBX SA', number: '+14255550150', dialPlan: 'Litware-PBX' });
  });

  test('nonSipDialPlan: an Auto Attendant contact on the pilot of an auto attendant of the PBX dial plan', () => {
    const org = withPbx((s) =>
      s.skype.contacts.push({ cn: '{aa-pbx}', displayName: 'PBX AA', sip: 'sip:pbxaa@litwareinc.com', number: '+14255550151', autoAttendant: true, pool: POOL, enabled: true, ev: true }),
    );
    assert.equal(variantOf(only(findingsOf('R-C-06', org))), 'nonSipDialPlan');
  });
});

describe('R-C-12: no new contact whose SIP address another contact holds', () => {
  test('the proposed address is held by a contact with another number: correct that contact instead', () => {
    const org = orgWith((s) => (contact(s, SA_CN).number = '+14255550111'));
    const f = only(findingsOf('R-C-12', org));
    assert.equal(variantOf(f), 'subscriberAccess');
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${SA_CONTACT_ID}' -DisplayNumber '${OVA}'`]);
  });

  test('held by a contact of the other kind on an unknown pool: corrected, its kind set, and moved', () => {
    const org = orgWith((s) => {
      const aa = contact(s, AA_CN);
      aa.number = '+14255550112';
      aa.autoAttendant = false;
      aa.pool = 'gone-pool.litwareinc.com';
    });
    const f = only(findingsOf('R-C-12', org).filter((d) => variantOf(d) === 'autoAttendant'));
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${AA_CONTACT_ID}' -DisplayNumber '${AA_PILOT}' -AutoAttendant $true`, `Move-CsExUmContact -Identity '${AA_CONTACT_ID}' -Target '${POOL}'`]);
    assert.ok(!f.fix.some((x) => x.startsWith('New-CsExUmContact')));
  });

  test('held by a user: the new contact gets an address the admin picks', () => {
    const org = orgWith((s) => {
      s.skype.contacts = s.skype.contacts.filter((c) => c.cn !== AA_CN);
      s.users.push({ ...s.users[3], alias: 'LitwareMainAA', displayName: 'Litware Main AA (user)', extension: '1009' });
    });
    const f = only(findingsOf('R-C-12', org));
    assert.equal(f.fix.length, 1);
    assert.ok(f.fix[0].startsWith(`New-CsExUmContact -SipAddress '<unused SIP address>'`), f.fix[0]);
  });
});

describe('R-C-07 contact registrar pool', () => {
  test('unknown: the pool is not in the topology; move to the Front End pool', () => {
    const org = orgWith((s) => (contact(s, AA_CN).pool = 'gone-pool.litwareinc.com'));
    const f = expectOne(org, 'R-C-07', { severity: 'error', variant: 'unknown', objects: [`exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { contact: AA, pool: 'gone-pool.litwareinc.com' });
    assert.deepEqual(f.fix, [`Move-CsExUmContact -Identity '${AA_CONTACT_ID}' -Target '${POOL}'`]);
  });

  test('unknown: an empty pool', () => {
    const org = orgWith((s) => (contact(s, AA_CN).pool = ''));
    assert.equal(only(findingsOf('R-C-07', org)).message.params.pool, '(empty)');
  });

  test('legacy: the pool is OCS 2007 R2 (registrar version 3)', () => {
    const org = orgWith((s) => {
      s.skype.pools.push(frontEndPool('ocs-pool.litwareinc.com', 'Atlanta', ['ocs-01.litwareinc.com', 'ocs-02.litwareinc.com'], 3));
      contact(s, AA_CN).pool = 'ocs-pool.litwareinc.com';
    });
    const f = only(findingsOf('R-C-07', org));
    assert.equal(variantOf(f), 'legacy');
    assert.deepEqual(f.message.params, { contact: AA, pool: 'ocs-pool.litwareinc.com' });
    assert.deepEqual(f.fix, [`Move-CsExUmContact -Identity '${AA_CONTACT_ID}' -Target '${POOL}'`]);
  });

  test('a Lync 2010 pool is fine', () => {
    const org = orgWith((s) => {
      s.skype.pools.push(frontEndPool('lync10.litwareinc.com', 'Atlanta', ['l10-01.litwareinc.com', 'l10-02.litwareinc.com'], 4));
      contact(s, AA_CN).pool = 'lync10.litwareinc.com';
    });
    assert.deepEqual(findingsOf('R-C-07', org), []);
  });
});

describe('R-C-08 contact not on the pool homing the dial plan users', () => {
  const withSe = (mutate: (s: ReturnType<typeof healthySpec>) => void) =>
    orgWith((s) => {
      s.skype.sites.push({ ...DALLAS });
      s.skype.pools.push(standardEditionPool(SE, 'Dallas'));
      mutate(s);
    });

  test('fires for a contact homed elsewhere, with the move to the home pool', () => {
    const org = withSe((s) => (contact(s, SA_CN).pool = SE));
    const f = expectOne(org, 'R-C-08', { severity: 'info', variant: 'default', objects: [`exUmContact:${SA_CONTACT_ID}`, `umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { contact: 'Subscriber Access', pool: SE, home: POOL, dialPlan: DP });
    assert.deepEqual(f.fix, [`Move-CsExUmContact -Identity '${SA_CONTACT_ID}' -Target '${POOL}'`]);
  });

  test('the home pool is where most UM users of the dial plan are (AA contacts follow their AA dial plan)', () => {
    const org = withSe((s) => {
      s.users[0].pool = SE;
      s.users[1].pool = SE;
    });
    const fs = findingsOf('R-C-08', org);
    assert.deepEqual(fs.map((f) => `${f.objects[0].id} → ${f.message.params.home}`).sort(), [`${AA_CONTACT_ID} → ${SE}`, `${SA_CONTACT_ID} → ${SE}`].sort());
  });
});

describe('R-C-11 / R-C-11b Skype dial plan named as the PhoneContext, by Exchange version', () => {
  const withoutLocationProfile = (mutate: (s: ReturnType<typeof healthySpec>) => void = () => {}) =>
    orgWith((s) => {
      s.skype.dialPlans = s.skype.dialPlans.filter((d) => d.identity === 'Global');
      mutate(s);
    });

  test('R-C-11b (info) on Exchange 2016', () => {
    const org = withoutLocationProfile();
    const f = expectOne(org, 'R-C-11b', { severity: 'info', variant: 'default', objects: [`umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { dialPlan: DP, phoneContext: `${DP}.litwareinc.com` });
    assert.deepEqual(f.fix, [`New-CsDialPlan -Identity '${DP}.litwareinc.com' -SimpleName '${DP}'`]);
    assert.deepEqual(findingsOf('R-C-11', org), []);
  });

  test(`R-C-11 (warning) with an Exchange 2010 RTM UM server (${V2010_RTM})`, () => {
    const org = withoutLocationProfile((s) => {
      s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_RTM, [DP]));
    });
    const f = only(findingsOf('R-C-11', org));
    assert.equal(f.severity, 'warning');
    assert.deepEqual(objectKeys(f), [`umDialPlan:${DP}`]);
    assert.deepEqual(f.message.params, { dialPlan: DP, phoneContext: `${DP}.litwareinc.com` });
    assert.deepEqual(f.fix, [`New-CsDialPlan -Identity '${DP}.litwareinc.com' -SimpleName '${DP}'`]);
    assert.deepEqual(findingsOf('R-C-11b', org), []);
  });

  test(`Exchange 2010 SP1 or later (${V2010_SP3}) is R-C-11b`, () => {
    const org = withoutLocationProfile((s) => {
      s.exchange.servers = [exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [DP])];
    });
    assert.equal(only(findingsOf('R-C-11b', org)).severity, 'info');
    assert.deepEqual(findingsOf('R-C-11', org), []);
  });

  test('a location profile named without the domain does not count', () => {
    const org = withoutLocationProfile((s) => s.skype.dialPlans.push({ identity: DP, simpleName: DP }));
    assert.equal(findingsOf('R-C-11b', org).length, 1);
  });

  test('both stay silent when the location profile exists (2010 RTM)', () => {
    const org = orgWith((s) => s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_RTM, [DP])));
    assert.deepEqual([...findingsOf('R-C-11', org), ...findingsOf('R-C-11b', org)], []);
  });
});

describe('R-C-12 missing Exchange UM contacts', () => {
  test('subscriberAccess: OVA number without SA contact', () => {
    const org = orgWith((s) => (s.skype.contacts = s.skype.contacts.filter((c) => c.cn !== SA_CN)));
    const f = expectOne(org, 'R-C-12', { severity: 'warning', variant: 'subscriberAccess', objects: [`umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { dialPlan: DP, number: OVA });
    assert.deepEqual(f.fix, [`New-CsExUmContact -SipAddress 'sip:${DP}.SA@litwareinc.com' -RegistrarPool '${POOL}' -OU '${OU}' -DisplayNumber '${OVA}'`]);
  });

  test('autoAttendant: auto attendant pilot without AA contact', () => {
    const org = orgWith((s) => (s.skype.contacts = s.skype.contacts.filter((c) => c.cn !== AA_CN)));
    const f = only(findingsOf('R-C-12', org));
    assert.equal(variantOf(f), 'autoAttendant');
    assert.deepEqual(objectKeys(f), [`umAutoAttendant:${AA}`, `umDialPlan:${DP}`]);
    assert.deepEqual(f.message.params, { autoAttendant: AA, dialPlan: DP, number: AA_PILOT });
    assert.deepEqual(f.fix, [`New-CsExUmContact -SipAddress 'sip:LitwareMainAA@litwareinc.com' -RegistrarPool '${POOL}' -OU '${OU}' -DisplayNumber '${AA_PILOT}' -AutoAttendant $true`]);
  });

  test("quotes an auto attendant name with an apostrophe in the SIP address (O'Brien AA)", () => {
    const org = orgWith((s) => {
      s.exchange.autoAttendants.push({ name: "O'Brien AA", dialPlan: DP, pilots: ['+14255550188'], enabled: true });
      dialPlan(s, DP).autoAttendants.push("O'Brien AA");
    });
    const f = only(findingsOf('R-C-12', org));
    assert.equal(f.message.params.autoAttendant, "O'Brien AA");
    assert.deepEqual(objectKeys(f), ["umAutoAttendant:O'Brien AA", `umDialPlan:${DP}`]);
    assert.equal(f.fix[0], `New-CsExUmContact -SipAddress 'sip:O''BrienAA@litwareinc.com' -RegistrarPool '${POOL}' -OU '${OU}' -DisplayNumber '+14255550188' -AutoAttendant $true`);
  });

  test('an SA contact does not stand in for an AA contact with the same number', () => {
    const org = orgWith((s) => {
      const aa = contact(s, AA_CN);
      aa.autoAttendant = false;
    });
    assert.equal(variantOf(only(findingsOf('R-C-12', org))), 'autoAttendant');
  });

  test('is silent for auto attendants without pilot numbers and for non-SIP dial plans', () => {
    const org = orgWith((s) => {
      s.exchange.autoAttendants.push({ name: 'No Pilot AA', dialPlan: DP, pilots: [], enabled: true });
      s.exchange.dialPlans.push({
        name: 'Litware-Ext',
        uriType: 'TelExtn',
        voipSecurity: 'Unsecured',
        domain: 'litwareinc.com',
        digits: 4,
        ova: ['4000'],
        gateways: [],
        autoAttendants: ['Ext AA'],
        policies: [],
        umServers: [],
        country: '1',
      });
      s.exchange.autoAttendants.push({ name: 'Ext AA', dialPlan: 'Litware-Ext', pilots: ['4001'], enabled: true });
    });
    assert.deepEqual(findingsOf('R-C-12', org), []);
  });
});

describe('R-C-14 contact disabled or not enabled for Enterprise Voice', () => {
  test('disabled', () => {
    const org = orgWith((s) => (contact(s, AA_CN).enabled = false));
    const f = expectOne(org, 'R-C-14', { severity: 'warning', variant: 'disabled', objects: [`exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { contact: AA });
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${AA_CONTACT_ID}' -Enabled $true -EnterpriseVoiceEnabled $true`]);
  });

  test('voice', () => {
    const org = orgWith((s) => (contact(s, SA_CN).ev = false));
    const f = only(findingsOf('R-C-14', org));
    assert.equal(variantOf(f), 'voice');
    assert.deepEqual(objectKeys(f), [`exUmContact:${SA_CONTACT_ID}`]);
  });

  test('disabled wins when both are off', () => {
    const org = orgWith((s) => Object.assign(contact(s, SA_CN), { enabled: false, ev: false }));
    assert.equal(variantOf(only(findingsOf('R-C-14', org))), 'disabled');
  });

  test("quotes CN=O'Brien AA as 'CN=O''Brien AA,…'", () => {
    const org = orgWith((s) => Object.assign(contact(s, AA_CN), { cn: "O'Brien AA", displayName: "O'Brien AA", enabled: false }));
    const f = only(findingsOf('R-C-14', org));
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity 'CN=O''Brien AA,${OU}' -Enabled $true -EnterpriseVoiceEnabled $true`]);
  });
});

describe('R-T-02 fewer than two UM servers serve a SIP dial plan', () => {
  test('fires with one server and names it', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').umService!.dialPlans = []));
    const f = only(findingsOf('R-T-02', org));
    assert.equal(f.severity, 'info');
    assert.equal(f.area, 'topology');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), [`umDialPlan:${DP}`, 'exchangeServer:ATL-EX-001']);
    assert.deepEqual(f.message.params, { dialPlan: DP, count: 1 });
    assert.deepEqual(f.fix, [`Set-UMService -Identity '<second Mailbox server>' -DialPlans @{Add='${DP}'}`]);
  });

  test('fires with no server at all (count 0)', () => {
    const org = orgWith((s) => {
      for (const sv of s.exchange.servers) sv.umService!.dialPlans = [];
    });
    const f = only(findingsOf('R-T-02', org));
    assert.deepEqual(objectKeys(f), [`umDialPlan:${DP}`]);
    assert.equal(f.message.params.count, 0);
  });

  test('the call router alone does not serve the dial plan', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').umService!.dialPlans = []));
    assert.ok(org.exchange.servers.find((x) => x.name === 'ATL-EX-002')!.callRouter!.dialPlans.includes(DP));
    assert.equal(findingsOf('R-T-02', org).length, 1);
  });

  test('an Exchange 2010 UM server linked through the dial plan UMServers counts', () => {
    const org = orgWith((s) => {
      server(s, 'ATL-EX-002').umService!.dialPlans = [];
      s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, []));
      dialPlan(s, DP).umServers = ['EX2010'];
    });
    assert.deepEqual(findingsOf('R-T-02', org), []);
  });
});

describe('R-T-03 Skype for Business Server 2019 pool wired to Exchange UM (seed 000)', () => {
  const on2019 = (s: ReturnType<typeof healthySpec>) => (s.skype.pools[0].registrarVersion = 7);

  test('fires on the pool its UM IP gateway and both contacts point at; no older pool: no move offered', () => {
    const org = orgWith(on2019);
    const f = expectOne(org, 'R-T-03', { severity: 'error', variant: 'default', objects: [`skypePool:${POOL}`, 'umIpGateway:1:1', `exUmContact:${SA_CONTACT_ID}`, `exUmContact:${AA_CONTACT_ID}`] });
    assert.deepEqual(f.message.params, { pool: POOL, gateways: '1:1', contacts: `Subscriber Access, ${AA}` });
    assert.deepEqual(f.fix, []);
  });

  test('with a Skype for Business Server 2015 pool in the topology, the contacts move there', () => {
    const org = orgWith((s) => {
      on2019(s);
      s.skype.sites.push({ ...DALLAS });
      s.skype.pools.push(standardEditionPool(SE, 'Dallas'));
    });
    assert.deepEqual(only(findingsOf('R-T-03', org)).fix, [`Move-CsExUmContact -Identity '${SA_CONTACT_ID}' -Target '${SE}'`, `Move-CsExUmContact -Identity '${AA_CONTACT_ID}' -Target '${SE}'`]);
  });

  test('a 2019 pool nothing of Exchange UM points at stays silent, and so do 2013 / 2015 pools', () => {
    const org = orgWith((s) => {
      s.skype.sites.push({ ...DALLAS });
      s.skype.pools.push(standardEditionPool(SE, 'Dallas', 7));
    });
    assert.deepEqual(findingsOf('R-T-03', org), []);
    assert.deepEqual(
      findingsOf(
        'R-T-03',
        orgWith((s) => (s.skype.pools[0].registrarVersion = 5)),
      ),
      [],
    );
  });
});
