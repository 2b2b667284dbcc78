/** UM IP gateway and hunt group rules R-G-* on small orgs, on the healthy spec and on the lab. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectedPilot, GATEWAY_RULES } from '../../../../shared/rules/gateway-rules';
import { dialPlan, directorPool, exchUcUtilPermissions, frontEndPool, gateway, pbxDialPlan, pbxGateway, sbaPool, standardEditionPool, type UserSpec } from '../../../support/org-builder/org-spec';
import { addPoolWithGateway, addSipDialPlan, BRANCH, DALLAS, findingsOf, expectOne, ruleBaselines, objectKeys, only, orgWith, POOL } from '../../../support/org-builder/small-org';
import { labOrg } from '../../../support/lab';
import { variantOf } from '../../../support/diagnostics';

const DP = 'Litware-SIP';
const EXCHUCUTIL = '& "$env:ExchangeInstallPath\\Scripts\\ExchUcUtil.ps1"';
const DIR = 'atl-dir-001.litwareinc.com';
const SBA = 'red-sba-01.litwareinc.com';
const SE = 'dal-cs-se01.litwareinc.com';
const ATLANTA = { name: 'Atlanta', siteId: 1, kind: 'CentralSite' as const };

const evUser = (alias: string, pool: string, o: Partial<UserSpec> = {}): UserSpec => ({
  alias,
  displayName: alias,
  pool,
  enabled: true,
  ev: true,
  extension: '2001',
  mailbox: null,
  ...o,
});

describe('R-G-*: baselines', () => {
  const expected: Record<string, string[]> = {
    // dal-cs-002 added after ExchUcUtil last ran: no UM IP gateway.
    'R-G-01': ['default|skypePool:dal-cs-002.litwareinc.com'],
    // 2:1 (dal-cs-se01): a hand-made hunt group with a wrong pilot, none for the branch plan.
    'R-G-02': ['missing|umIpGateway:2:1 + umDialPlan:Litware-SIP-Branch', 'pilot|umHuntGroup:2:1\\Litware-SIP + umIpGateway:2:1'],
    // Outcalls left on after an ExchUcUtil re-run, for both SIP plans; 1:1 keeps them.
    'R-G-03': ['default|umDialPlan:Litware-SIP-Branch + umIpGateway:1:1', 'default|umDialPlan:Litware-SIP-Secured + umIpGateway:1:1'],
    'R-G-04': [],
    // The Director's gateway allows outcalls.
    'R-G-05': ['director|umIpGateway:1:2 + skypePool:atl-dir-001.litwareinc.com'],
    // The branch appliance's gateway set like a Front End's.
    'R-G-06': ['default|umIpGateway:3:1 + skypePool:red-sba-01.litwareinc.com'],
    // SBC added by IP address to a Secured dial plan.
    'R-G-07': ['default|umIpGateway:SBC-EDGE + umDialPlan:Litware-SIP-Secured'],
    // No two gateways of the lab share an IP literal (two FQDNs on one address are the monitor's).
    'R-G-08': [],
    // The Dallas PBX gateway disabled during a migration.
    'R-G-09': ['default|umIpGateway:PBX-DAL'],
    // RTCComponentUniversalServices lost its right on the auto attendant container.
    'R-G-13': ['default|exchangeOrganization:Litware'],
  };
  ruleBaselines('R-G-*', GATEWAY_RULES, expected);
  test("R-G-05 fires on the Director gateway 1:2 only, never on the Front End's 1:1", () => {
    const gateways = findingsOf('R-G-05', labOrg()).flatMap((f) => f.objects.filter((o) => o.kind === 'umIpGateway').map((o) => o.id));
    assert.deepEqual(gateways, ['1:2']);
  });
  test('R-G-13 names the one missing ACE of the lab', () => {
    const f = only(findingsOf('R-G-13', labOrg()));
    assert.deepEqual(f.message.params, { group: 'RTCComponentUniversalServices', object: 'UM AutoAttendant Container', rights: 'ListChildren, ReadProperty', inheritance: 'All' });
  });
});

describe('R-G-01 pool with Enterprise Voice users and no UM IP gateway', () => {
  const secondPool = (users: UserSpec[]) =>
    orgWith((s) => {
      s.skype.sites.push({ ...DALLAS });
      s.skype.pools.push(frontEndPool('dal-cs-002.litwareinc.com', 'Dallas', ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com']));
      s.users.push(...users);
    });

  test('fires on the new pool, counts its EV users, and fixes with ExchUcUtil + Front End restart', () => {
    const org = secondPool([evUser('a', 'dal-cs-002.litwareinc.com'), evUser('b', 'dal-cs-002.litwareinc.com'), evUser('c', 'dal-cs-002.litwareinc.com', { ev: false })]);
    const f = expectOne(org, 'R-G-01', { severity: 'error', variant: 'default', objects: ['skypePool:dal-cs-002.litwareinc.com'] });
    assert.deepEqual(f.message.params, { pool: 'dal-cs-002.litwareinc.com', users: 2 });
    assert.deepEqual(f.fix, [
      `${EXCHUCUTIL}   # Exchange Management Shell`,
      // Each Front End named by a literal (-ComputerName), never in a comment.
      "Stop-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-01.litwareinc.com'; Start-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-01.litwareinc.com'",
      "Stop-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-02.litwareinc.com'; Start-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-02.litwareinc.com'",
    ]);
  });

  test('is silent when the pool has no enabled EV user', () => {
    const org = secondPool([evUser('a', 'dal-cs-002.litwareinc.com', { ev: false }), evUser('b', 'dal-cs-002.litwareinc.com', { enabled: false })]);
    assert.deepEqual(findingsOf('R-G-01', org), []);
  });

  test('a gateway Address in another case still counts as the pool gateway', () => {
    const org = orgWith((s) => (gateway(s, '1:1').address = POOL.toUpperCase()));
    assert.deepEqual(findingsOf('R-G-01', org), []);
  });
});

describe('R-G-02 pool gateway hunt groups', () => {
  test('missing: the pool gateway has no hunt group for the SIP dial plan', () => {
    const org = orgWith((s) => (gateway(s, '1:1').huntGroups = []));
    const f = expectOne(org, 'R-G-02', { severity: 'error', variant: 'missing', objects: ['umIpGateway:1:1', `umDialPlan:${DP}`, `skypePool:${POOL}`] });
    assert.deepEqual(f.message.params, { gateway: '1:1', pool: POOL, dialPlan: DP, pilot: DP });
    assert.deepEqual(f.fix, [`New-UMHuntGroup -Name '${DP}' -PilotIdentifier '${DP}' -UMDialPlan '${DP}' -UMIPGateway '1:1'`]);
  });

  test('missing: a second SIP dial plan without a hunt group on the pool gateway', () => {
    const org = orgWith((s) => {
      addSipDialPlan(s, 'Litware-SIP-Branch');
      gateway(s, '1:1').huntGroups = gateway(s, '1:1').huntGroups.filter((h) => h.dialPlan !== 'Litware-SIP-Branch');
    });
    const f = only(findingsOf('R-G-02', org));
    assert.equal(variantOf(f), 'missing');
    assert.equal(f.message.params.dialPlan, 'Litware-SIP-Branch');
  });

  test('pilot: the hunt group pilot is not the dial plan name', () => {
    const org = orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = 'Litware'));
    const f = only(findingsOf('R-G-02', org));
    assert.equal(variantOf(f), 'pilot');
    assert.deepEqual(objectKeys(f), [`umHuntGroup:1:1\\${DP}`, 'umIpGateway:1:1', `umDialPlan:${DP}`]);
    assert.deepEqual(f.message.params, { gateway: '1:1', huntGroup: `1:1\\${DP}`, dialPlan: DP, pilot: DP, actual: 'Litware' });
    assert.deepEqual(f.fix, [`Remove-UMHuntGroup -Identity '1:1\\${DP}' -Confirm:$false`, `New-UMHuntGroup -Name '${DP}' -PilotIdentifier '${DP}' -UMDialPlan '${DP}' -UMIPGateway '1:1'`]);
  });

  test('pilot: an empty pilot (default hunt group) is shown as (empty)', () => {
    const org = orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = ''));
    const f = only(findingsOf('R-G-02', org));
    assert.equal(variantOf(f), 'pilot');
    assert.equal(f.message.params.actual, '(empty)');
  });

  test('pilot: the dial plan name, not a form of its PhoneContext (seed 001: « sera le nom du plan de numérotation »), after a rename too', () => {
    // Set-UMDialPlan -Name renames the plan; the PhoneContext keeps the old name.
    const renamed = (pilot: string) => {
      const org = orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = pilot));
      return { ...org, exchange: { ...org.exchange, dialPlans: org.exchange.dialPlans.map((d) => (d.name === DP ? { ...d, phoneContext: 'Litware-Old.litwareinc.com' } : d)) } };
    };
    assert.deepEqual(findingsOf('R-G-02', renamed(DP)), []);
    const f = only(findingsOf('R-G-02', renamed('Litware-Old')));
    assert.equal(variantOf(f), 'pilot');
    assert.equal(f.message.params.pilot, DP);
    assert.equal(expectedPilot({ ...renamed(DP).exchange.dialPlans[0] }), DP);
  });

  test('the pilot compares case-insensitively', () => {
    const org = orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = DP.toLowerCase()));
    assert.deepEqual(findingsOf('R-G-02', org), []);
  });

  test('is silent on a gateway that is not a pool (IP-PBX)', () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ['PBX-ATL'] });
      s.exchange.gateways.push(pbxGateway('PBX-ATL', '10.0.0.50', 'Litware-Ext', '4000'));
    });
    assert.deepEqual(findingsOf('R-G-02', org), []);
  });
});

describe('R-G-03 more than one gateway allows outcalls for a SIP dial plan', () => {
  test('fires with a Standard Edition gateway also allowing outcalls; keeps the Front End 1:1', () => {
    const org = orgWith((s) => addPoolWithGateway(s, standardEditionPool(SE, 'Dallas'), DALLAS, '2:1', { outcalls: true, mwi: true }));
    assert.equal(org.skype.pools.find((p) => p.fqdn === SE)?.role, 'StandardEdition');
    const f = expectOne(org, 'R-G-03', { severity: 'warning', variant: 'default', objects: [`umDialPlan:${DP}`, 'umIpGateway:1:1', 'umIpGateway:2:1'] });
    assert.deepEqual(f.message.params, { dialPlan: DP, gateways: '1:1, 2:1', count: 2, keep: '1:1' });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '2:1' -OutcallsAllowed $false"]);
  });

  test('never keeps a Director gateway even when it is listed first', () => {
    const org = orgWith((s) => {
      const g = addPoolWithGateway(s, directorPool(DIR, 'Atlanta', ['atl-dir-01.litwareinc.com', 'atl-dir-02.litwareinc.com']), ATLANTA, '1:2', { outcalls: true, mwi: true });
      s.exchange.gateways = [g, ...s.exchange.gateways.filter((x) => x !== g)];
      dialPlan(s, DP).gateways = ['1:2', '1:1'];
    });
    const f = only(findingsOf('R-G-03', org));
    assert.equal(f.message.params.gateways, '1:2, 1:1');
    assert.equal(f.message.params.keep, '1:1');
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '1:2' -OutcallsAllowed $false"]);
  });

  test('is silent when the second gateway has outcalls off', () => {
    const org = orgWith((s) => addPoolWithGateway(s, standardEditionPool(SE, 'Dallas'), DALLAS, '2:1', { outcalls: false, mwi: true }));
    assert.deepEqual(findingsOf('R-G-03', org), []);
  });
});

describe('R-G-04 no linked gateway allows outcalls', () => {
  test('fires on a single gateway with outcalls off (the single-gateway case)', () => {
    const org = orgWith((s) => (gateway(s, '1:1').outcalls = false));
    const f = expectOne(org, 'R-G-04', { severity: 'error', variant: 'default', objects: [`umDialPlan:${DP}`, 'umIpGateway:1:1'] });
    assert.deepEqual(f.message.params, { dialPlan: DP, gateways: '1:1' });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '1:1' -OutcallsAllowed $true"]);
  });

  test('re-enables outcalls on the Front End gateway, not on the Director listed first', () => {
    const org = orgWith((s) => {
      const g = addPoolWithGateway(s, directorPool(DIR, 'Atlanta', ['atl-dir-01.litwareinc.com']), ATLANTA, '1:2', { outcalls: false, mwi: true });
      s.exchange.gateways = [g, ...s.exchange.gateways.filter((x) => x !== g)];
      gateway(s, '1:1').outcalls = false;
    });
    const f = only(findingsOf('R-G-04', org));
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '1:1' -OutcallsAllowed $true"]);
  });

  test('is silent on a SIP dial plan with no linked gateway at all (R-G-02 says that)', () => {
    const org = orgWith((s) => {
      addSipDialPlan(s, 'Litware-SIP-New');
      dialPlan(s, 'Litware-SIP-New').gateways = [];
      gateway(s, '1:1').huntGroups = gateway(s, '1:1').huntGroups.filter((h) => h.dialPlan !== 'Litware-SIP-New');
    });
    assert.deepEqual(findingsOf('R-G-04', org), []);
  });
});

describe('R-G-05 outcalls through a Director', () => {
  const withDirector = (outcalls: boolean) =>
    orgWith((s) => addPoolWithGateway(s, directorPool(DIR, 'Atlanta', ['atl-dir-01.litwareinc.com', 'atl-dir-02.litwareinc.com']), ATLANTA, '1:2', { outcalls, mwi: true }));

  test('director: fires on the Director gateway, never on the Front End gateway', () => {
    const org = withDirector(true);
    assert.equal(org.skype.pools.find((p) => p.fqdn === DIR)?.role, 'Director');
    const f = expectOne(org, 'R-G-05', { severity: 'warning', variant: 'director', objects: ['umIpGateway:1:2', `skypePool:${DIR}`] });
    assert.deepEqual(f.message.params, { gateway: '1:2', pool: DIR });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '1:2' -OutcallsAllowed $false"]);
  });

  test('is silent when the Director gateway has outcalls off', () => {
    assert.deepEqual(findingsOf('R-G-05', withDirector(false)), []);
  });
});

describe('R-G-06 branch appliance gateway with outcalls or MWI', () => {
  const withSba = (o: { outcalls: boolean; mwi: boolean }) => orgWith((s) => addPoolWithGateway(s, sbaPool(SBA, BRANCH.name), BRANCH, '3:1', o));

  test('fires on MWI alone', () => {
    const org = withSba({ outcalls: false, mwi: true });
    assert.equal(org.skype.pools.find((p) => p.fqdn === SBA)?.role, 'SurvivableBranchAppliance');
    const f = expectOne(org, 'R-G-06', { severity: 'warning', variant: 'default', objects: ['umIpGateway:3:1', `skypePool:${SBA}`] });
    assert.deepEqual(f.message.params, { gateway: '3:1', pool: SBA, settings: 'MessageWaitingIndicatorAllowed' });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity '3:1' -OutcallsAllowed $false -MessageWaitingIndicatorAllowed $false"]);
  });

  test('names both settings when both are on', () => {
    const f = only(findingsOf('R-G-06', withSba({ outcalls: true, mwi: true })));
    assert.equal(f.message.params.settings, 'OutcallsAllowed, MessageWaitingIndicatorAllowed');
  });

  test('fires on outcalls alone', () => {
    const f = only(findingsOf('R-G-06', withSba({ outcalls: true, mwi: false })));
    assert.equal(f.message.params.settings, 'OutcallsAllowed');
  });

  test('is silent when both are off', () => {
    assert.deepEqual(findingsOf('R-G-06', withSba({ outcalls: false, mwi: false })), []);
  });
});

describe('R-G-07 IP literal gateway on a secured dial plan', () => {
  const withSbc = (address: string) =>
    orgWith((s) => {
      s.exchange.gateways.push({ name: 'SBC-EDGE', address, port: 5061, status: 'Enabled', outcalls: false, mwi: false, huntGroups: [{ name: 'SBC-EDGE-SIP', dialPlan: DP, pilot: DP }] });
      dialPlan(s, DP).gateways.push('SBC-EDGE');
    });

  test('fires on an IPv4 address linked to the Secured plan', () => {
    const f = only(findingsOf('R-G-07', withSbc('192.168.10.5')));
    assert.equal(f.severity, 'error');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), ['umIpGateway:SBC-EDGE', `umDialPlan:${DP}`]);
    assert.deepEqual(f.message.params, { gateway: 'SBC-EDGE', address: '192.168.10.5', dialPlan: DP, security: 'Secured' });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity 'SBC-EDGE' -Address '<gateway FQDN in its certificate>'"]);
  });

  test('fires on an IPv6 address too', () => {
    assert.equal(only(findingsOf('R-G-07', withSbc('2001:db8::5'))).message.params.address, '2001:db8::5');
  });

  test('fires on a SIPSecured plan', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'SIPSecured';
      gateway(s, '1:1').address = '10.0.0.10';
    });
    assert.equal(only(findingsOf('R-G-07', org)).message.params.security, 'SIPSecured');
  });

  test('is silent for an FQDN address, and for IP literals on unsecured plans', () => {
    assert.deepEqual(findingsOf('R-G-07', withSbc('sbc-edge.litwareinc.com')), []);
    const pbx = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ['PBX-ATL'] });
      s.exchange.gateways.push(pbxGateway('PBX-ATL', '10.0.0.50', 'Litware-Ext', '4000'));
    });
    assert.deepEqual(findingsOf('R-G-07', pbx), []);
  });
});

describe('R-G-09 gateway not enabled', () => {
  test('fires on a disabled gateway', () => {
    const org = orgWith((s) => (gateway(s, '1:1').status = 'Disabled'));
    const f = expectOne(org, 'R-G-09', { severity: 'warning', variant: 'default', objects: ['umIpGateway:1:1'] });
    assert.deepEqual(f.message.params, { gateway: '1:1', status: 'Disabled' });
    assert.deepEqual(f.fix, ["Enable-UMIPGateway -Identity '1:1'"]);
  });

  test('fires on NoNewCalls', () => {
    const org = orgWith((s) => (gateway(s, '1:1').status = 'NoNewCalls'));
    assert.equal(only(findingsOf('R-G-09', org)).message.params.status, 'NoNewCalls');
  });

  test("quotes an apostrophe (O'Brien GW → 'O''Brien GW') and a typographic one (O’Brien → 'O’’Brien')", () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ["O'Brien GW", 'O\u2019Brien PBX'] });
      s.exchange.gateways.push({ ...pbxGateway("O'Brien GW", '10.0.0.51', 'Litware-Ext', '4001'), status: 'Disabled' });
      s.exchange.gateways.push({ ...pbxGateway('O\u2019Brien PBX', '10.0.0.52', 'Litware-Ext', '4002'), status: 'Disabled' });
    });
    const fixes = findingsOf('R-G-09', org).flatMap((f) => f.fix);
    assert.deepEqual(fixes.sort(), ["Enable-UMIPGateway -Identity 'O''Brien GW'", "Enable-UMIPGateway -Identity 'O\u2019\u2019Brien PBX'"].sort());
  });
});

describe('R-G-13 ExchUcUtil permissions', () => {
  test('fires for a group that lost ListChildren+ReadProperty on the auto attendant container', () => {
    const org = orgWith((s) => (s.exchange.permissions = s.exchange.permissions.filter((p) => !(p.user.endsWith('RTCComponentUniversalServices') && p.object === 'UM AutoAttendant Container'))));
    const f = expectOne(org, 'R-G-13', { severity: 'error', variant: 'default', objects: ['exchangeOrganization:Litware'] });
    assert.deepEqual(f.message.params, { group: 'RTCComponentUniversalServices', object: 'UM AutoAttendant Container', rights: 'ListChildren, ReadProperty', inheritance: 'All' });
    assert.deepEqual(f.fix, [
      "Add-ADPermission -Identity 'UM AutoAttendant Container' -User 'RTCComponentUniversalServices' -AccessRights ListChildren,ReadProperty -InheritanceType All",
      `${EXCHUCUTIL}   # grants the same rights`,
    ]);
  });

  test('fires for ListChildren missing on the organization container', () => {
    const org = orgWith((s) => (s.exchange.permissions = s.exchange.permissions.filter((p) => !(p.user.endsWith('RTCUniversalServerAdmins') && p.object === 'Litware'))));
    const f = only(findingsOf('R-G-13', org));
    assert.deepEqual(f.message.params, { group: 'RTCUniversalServerAdmins', object: 'Litware', rights: 'ListChildren', inheritance: 'None' });
    assert.equal(f.fix[0], "Add-ADPermission -Identity 'Litware' -User 'RTCUniversalServerAdmins' -AccessRights ListChildren -InheritanceType None");
  });

  test('a container ACE that does not inherit to All does not count', () => {
    const org = orgWith((s) => {
      for (const p of s.exchange.permissions) if (p.object === 'UM DialPlan Container' && p.user.endsWith('RTCUniversalServerAdmins')) p.inheritance = 'None';
    });
    const f = only(findingsOf('R-G-13', org));
    assert.equal(f.message.params.object, 'UM DialPlan Container');
    assert.equal(f.message.params.rights, 'ListChildren, ReadProperty');
  });

  test('names only the right that is missing', () => {
    const org = orgWith((s) => {
      for (const p of s.exchange.permissions) if (p.object === 'UM DialPlan Container' && p.user.endsWith('RTCComponentUniversalServices')) p.rights = 'ReadProperty';
    });
    assert.equal(only(findingsOf('R-G-13', org)).message.params.rights, 'ListChildren');
  });

  test('an explicit Deny takes the right away again', () => {
    const org = orgWith((s) => s.exchange.permissions.push({ object: 'UM DialPlan Container', user: 'LITWARE\\RTCUniversalServerAdmins', rights: 'ReadProperty', inheritance: 'All', deny: true }));
    const f = only(findingsOf('R-G-13', org));
    assert.equal(f.message.params.group, 'RTCUniversalServerAdmins');
    assert.equal(f.message.params.object, 'UM DialPlan Container');
    assert.equal(f.message.params.rights, 'ReadProperty');
  });

  test('GenericAll grants everything', () => {
    const org = orgWith((s) => {
      for (const p of s.exchange.permissions) if (p.object !== 'Litware') p.rights = 'GenericAll';
    });
    assert.deepEqual(findingsOf('R-G-13', org), []);
  });

  test('no permissions at all: one finding per group and object (6)', () => {
    const org = orgWith((s) => (s.exchange.permissions = []));
    const fs = findingsOf('R-G-13', org);
    assert.equal(fs.length, 6);
    assert.deepEqual(new Set(fs.map((f) => `${f.message.params.group}/${f.message.params.object}`)).size, 6);
  });

  test('the full ExchUcUtil set under another NetBIOS domain is still complete', () => {
    const org = orgWith((s) => (s.exchange.permissions = exchUcUtilPermissions('Litware', 'OTHERDOM')));
    assert.deepEqual(findingsOf('R-G-13', org), []);
  });
});

describe('R-G-08 two gateways on one IP literal (event 1175, seed 004), judged without DNS', () => {
  const twoPbx = (a: string, b: string) =>
    orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('PBX-A-Ext'), gateways: ['PBX-A'] }, { ...pbxDialPlan('PBX-B-Ext'), gateways: ['PBX-B'] });
      s.exchange.gateways.push(pbxGateway('PBX-A', a, 'PBX-A-Ext', '4000'), pbxGateway('PBX-B', b, 'PBX-B-Ext', '5000'));
    });

  test('fires once, naming both gateways, the canonical address and the spellings; the fix gives the second its own address', () => {
    const f = expectOne(twoPbx('::1', '0:0:0:0:0:0:0:1'), 'R-G-08', { severity: 'warning', variant: 'literal', objects: ['umIpGateway:PBX-A', 'umIpGateway:PBX-B'] });
    assert.deepEqual(f.message.params, { address: '0:0:0:0:0:0:0:1', gateways: 'PBX-A, PBX-B', spellings: '::1, 0:0:0:0:0:0:0:1' });
    assert.deepEqual(f.fix, ["Set-UMIPGateway -Identity 'PBX-B' -Address '<this gateway FQDN or IP address>'"]);
  });

  test('case-insensitive hex, zones, brackets and IPv4-mapped addresses are one address; another zone or address is not', () => {
    for (const [a, b] of [
      ['2001:DB8::A', '2001:db8:0:0:0:0:0:a'],
      ['fe80::39bd:88f7:6969:d223%11', 'FE80::39BD:88F7:6969:D223%11'],
      ['[2001:db8::1]', '2001:db8::1'],
      ['::ffff:10.10.10.1', '10.10.10.1'],
    ])
      assert.equal(findingsOf('R-G-08', twoPbx(a, b)).length, 1, `${a} / ${b}`);
    for (const [a, b] of [
      ['fe80::1%11', 'fe80::1%12'],
      ['10.10.10.1', '10.10.10.2'],
      ['10.10.10.1', 'pbx.litwareinc.com'],
    ])
      assert.deepEqual(findingsOf('R-G-08', twoPbx(a, b)), [], `${a} / ${b}`);
  });
});
