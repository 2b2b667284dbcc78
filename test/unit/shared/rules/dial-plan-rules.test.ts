/** Exchange UM configuration rules R-D-* on small orgs, on the healthy spec and on the lab. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIAL_PLAN_RULES } from '../../../../shared/rules/dial-plan-rules';
import { evaluateRules } from '../../../../shared/rules/engine';
import { dialPlan, exchange2010, exchange2019, gateway, pbxDialPlan, pbxGateway, server, umUser, V2010_SP3, V2019 } from '../../../support/org-builder/org-spec';
import { addSipDialPlan, findingsOf, expectOne, labSignatures, ruleBaselines, objectKeys, only, orgWith, POOL } from '../../../support/org-builder/small-org';
import { variantOf } from '../../../support/diagnostics';

const DP = 'Litware-SIP';

describe('R-D-*: baselines', () => {
  const expected: Record<string, string[]> = {
    // Extension dial plan of the IP-PBX wrongly linked to the Front End gateway.
    'R-D-01': ['default|umDialPlan:Litware-Ext + skypePool:atl-cs-001.litwareinc.com'],
    // SIPSecured branch plan while the global media configuration requires encryption.
    'R-D-02': ['default|umDialPlan:Litware-SIP-Branch + skypePool:atl-cs-001.litwareinc.com'],
    // The branch appliance's mediation service set to DoNotSupportEncryption, Secured plan.
    'R-D-03': ['default|umDialPlan:Litware-SIP-Secured + skypePool:red-sba-01.litwareinc.com'],
    // The IP-PBX's Unsecured extension plan, linked to the Front End pool whose global configuration requires encryption.
    'R-D-04': ['required|umDialPlan:Litware-Ext + skypePool:atl-cs-001.litwareinc.com'],
    // DAL-EX-003 not added to the branch dial plan.
    'R-D-05': ['umService|exchangeServer:DAL-EX-003 + umDialPlan:Litware-SIP-Branch'],
    // DAL-EX-003's UM service still TCP.
    'R-D-06': ['umService|exchangeServer:DAL-EX-003 + umDialPlan:Litware-SIP-Secured'],
    // ATL-EX-002's UM service in TLS mode.
    'R-D-07': ['umService|exchangeServer:ATL-EX-002 + umDialPlan:Litware-SIP-Secured'],
    // One UM-enabled mailbox already on Exchange 2019.
    'R-D-09': ['default|exchangeServer:ATL-EX-019'],
    'R-D-10': [],
  };
  ruleBaselines('R-D-*', DIAL_PLAN_RULES, expected);
  test('R-D-01 and R-D-04 stay silent on the E.164 dial plan of the Dallas PBX (not used with Skype)', () => {
    for (const id of ['R-D-01', 'R-D-04']) assert.ok(!labSignatures(id).some((s) => s.includes('Litware-E164')), id);
  });
});

describe('R-D-01 dial plan used with Lync is not SIP URI', () => {
  test('fires on an extension dial plan linked to the pool gateway by a hunt group', () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), ova: ['4000'], gateways: ['1:1'] });
      gateway(s, '1:1').huntGroups.push({ name: 'Litware-Ext', dialPlan: 'Litware-Ext', pilot: '4000' });
    });
    const f = only(findingsOf('R-D-01', org));
    assert.equal(f.rule, 'R-D-01');
    assert.equal(f.severity, 'error');
    assert.equal(f.area, 'dialPlans');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), ['umDialPlan:Litware-Ext', `skypePool:${POOL}`]);
    assert.deepEqual(f.message.params, { dialPlan: 'Litware-Ext', uriType: 'TelExtn', pools: POOL, poolCount: 1 });
    assert.deepEqual(f.fix, [
      "New-UMDialPlan -Name 'Litware-Ext-SIP' -URIType SipName -NumberOfDigitsInExtension 4 -VoIPSecurity Secured -CountryOrRegionCode '1'",
      "Remove-UMHuntGroup -Identity '1:1\\Litware-Ext' -Confirm:$false",
    ]);
  });

  test('fires on an E.164 dial plan linked to the pool gateway', () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-E164'), uriType: 'E164', digits: 5, country: '33' });
      gateway(s, '1:1').huntGroups.push({ name: 'Litware-E164', dialPlan: 'Litware-E164', pilot: 'Litware-E164' });
    });
    const f = only(findingsOf('R-D-01', org));
    assert.equal(f.message.params.uriType, 'E164');
    assert.match(f.fix[0], /-NumberOfDigitsInExtension 5 .*-CountryOrRegionCode '33'$/);
  });

  test('is silent on an extension dial plan served only by an IP-PBX gateway', () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ['PBX-ATL'] });
      s.exchange.gateways.push(pbxGateway('PBX-ATL', '10.0.0.50', 'Litware-Ext', '4000'));
    });
    assert.deepEqual(findingsOf('R-D-01', org), []);
  });
});

describe('R-D-02 SIPSecured dial plan against RequireEncryption', () => {
  test('fires when the global media configuration requires encryption', () => {
    const org = orgWith((s) => (dialPlan(s, DP).voipSecurity = 'SIPSecured'));
    const f = expectOne(org, 'R-D-02', { severity: 'error', variant: 'default', objects: [`umDialPlan:${DP}`, `skypePool:${POOL}`, 'csMediaConfiguration:Global'] });
    assert.deepEqual(f.message.params, { dialPlan: DP, pools: POOL, poolCount: 1, configs: 'Global' });
    assert.deepEqual(f.fix, [`Set-UMDialPlan -Identity '${DP}' -VoIPSecurity Secured`]);
  });

  test('fires with no media configuration captured (the product default is RequireEncryption)', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'SIPSecured';
      s.skype.mediaConfigurations = [];
    });
    const f = only(findingsOf('R-D-02', org));
    assert.equal(f.message.params.configs, 'Global (default)');
  });

  test('a service-scope RequireEncryption overrides a global SupportEncryption', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'SIPSecured';
      s.skype.mediaConfigurations = [
        { identity: 'Global', encryption: 'SupportEncryption' },
        { identity: `Service:MediationServer:${POOL}`, encryption: 'RequireEncryption' },
      ];
    });
    const f = only(findingsOf('R-D-02', org));
    assert.equal(f.message.params.configs, `Service:MediationServer:${POOL}`);
    assert.ok(objectKeys(f).includes(`csMediaConfiguration:Service:MediationServer:${POOL}`));
  });

  test('is silent when the pool site allows optional encryption', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'SIPSecured';
      s.skype.mediaConfigurations.push({ identity: 'Site:Atlanta', encryption: 'SupportEncryption' });
    });
    assert.deepEqual(findingsOf('R-D-02', org), []);
  });
});

describe('R-D-03 Secured dial plan against DoNotSupportEncryption', () => {
  test('fires on the global configuration and fixes it', () => {
    const org = orgWith((s) => (s.skype.mediaConfigurations = [{ identity: 'Global', encryption: 'DoNotSupportEncryption' }]));
    const f = expectOne(org, 'R-D-03', { severity: 'warning', variant: 'default', objects: [`umDialPlan:${DP}`, `skypePool:${POOL}`, 'csMediaConfiguration:Global'] });
    assert.deepEqual(f.message.params, { dialPlan: DP, pools: POOL, poolCount: 1, configs: 'Global' });
    assert.deepEqual(f.fix, ["Set-CsMediaConfiguration -Identity 'Global' -EncryptionLevel SupportEncryption"]);
  });

  test('fires on a site configuration and names it in the fix', () => {
    const org = orgWith((s) => s.skype.mediaConfigurations.push({ identity: 'Site:Atlanta', encryption: 'DoNotSupportEncryption' }));
    const f = only(findingsOf('R-D-03', org));
    assert.deepEqual(f.fix, ["Set-CsMediaConfiguration -Identity 'Site:Atlanta' -EncryptionLevel SupportEncryption"]);
  });

  test('is silent with SupportEncryption', () => {
    const org = orgWith((s) => (s.skype.mediaConfigurations = [{ identity: 'Global', encryption: 'SupportEncryption' }]));
    assert.deepEqual(findingsOf('R-D-03', org), []);
  });
});

describe('R-D-04 Unsecured dial plan used with Lync', () => {
  test('required: under RequireEncryption signalling and media fail (an error naming the pool)', () => {
    const org = orgWith((s) => (dialPlan(s, DP).voipSecurity = 'Unsecured'));
    const f = expectOne(org, 'R-D-04', { severity: 'error', variant: 'required', objects: [`umDialPlan:${DP}`, `skypePool:${POOL}`] });
    assert.deepEqual(f.message.params, { dialPlan: DP, pools: POOL, poolCount: 1, configs: 'Global' });
    assert.deepEqual(f.fix, [`Set-UMDialPlan -Identity '${DP}' -VoIPSecurity Secured`]);
  });

  for (const level of ['SupportEncryption', 'DoNotSupportEncryption'] as const) {
    test(`default: under ${level} signalling still fails (Skype talks mutual TLS, seed 000): an error too`, () => {
      const org = orgWith((s) => {
        dialPlan(s, DP).voipSecurity = 'Unsecured';
        s.skype.mediaConfigurations = [{ identity: 'Global', encryption: level }];
      });
      expectOne(org, 'R-D-04', { severity: 'error', variant: 'default', objects: [`umDialPlan:${DP}`, `skypePool:${POOL}`] });
    });
  }

  test("quotes a name with an apostrophe the PowerShell way (O'Brien SIP → 'O''Brien SIP')", () => {
    const org = orgWith((s) => addSipDialPlan(s, "O'Brien SIP", 'Unsecured'));
    const f = only(findingsOf('R-D-04', org));
    assert.equal(f.message.params.dialPlan, "O'Brien SIP");
    assert.deepEqual(f.fix, ["Set-UMDialPlan -Identity 'O''Brien SIP' -VoIPSecurity Secured"]);
  });

  test('is silent on an unsecured dial plan no pool gateway serves', () => {
    const org = orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ['PBX-ATL'] });
      s.exchange.gateways.push(pbxGateway('PBX-ATL', '10.0.0.50', 'Litware-Ext', '4000'));
    });
    assert.deepEqual(findingsOf('R-D-04', org), []);
  });
});

describe('R-D-05 every UM server answers every SIP dial plan', () => {
  test('umService: a Mailbox server whose UM service lacks the dial plan', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').umService!.dialPlans = []));
    const f = expectOne(org, 'R-D-05', { severity: 'error', variant: 'umService', objects: ['exchangeServer:ATL-EX-002', `umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002', dialPlan: DP });
    assert.deepEqual(f.fix, [`Set-UMService -Identity 'ATL-EX-002' -DialPlans @{Add='${DP}'}`]);
  });

  test('callRouter: a Client Access server whose call router lacks the dial plan', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').callRouter!.dialPlans = []));
    const f = only(findingsOf('R-D-05', org));
    assert.equal(variantOf(f), 'callRouter');
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-002', `umDialPlan:${DP}`]);
    assert.deepEqual(f.fix, [`Set-UMCallRouterSettings -Server 'ATL-EX-002' -DialPlans @{Add='${DP}'}`]);
  });

  test('both variants for a server in neither list, once per SIP dial plan', () => {
    const org = orgWith((s) => {
      addSipDialPlan(s, 'Litware-SIP-Branch');
      server(s, 'ATL-EX-001').umService!.dialPlans = [];
      server(s, 'ATL-EX-001').callRouter!.dialPlans = [];
    });
    const fs = findingsOf('R-D-05', org);
    assert.deepEqual(fs.map((f) => `${variantOf(f)} ${f.message.params.dialPlan}`).sort(), [
      'callRouter Litware-SIP',
      'callRouter Litware-SIP-Branch',
      'umService Litware-SIP',
      'umService Litware-SIP-Branch',
    ]);
  });

  test('a Mailbox-only 2013 server (Client Access is a separate role there) needs the UM service only', () => {
    const org = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.version = 'Version 15.0 (Build 1497.2)';
      sv.roles = 'Mailbox';
      sv.callRouter = null;
      sv.umService!.dialPlans = [];
    });
    const f = only(findingsOf('R-D-05', org));
    assert.equal(variantOf(f), 'umService');
  });

  test('Exchange 2010: fires with Set-UMServer, silent when the dial plan lists the server in UMServers', () => {
    const missing = orgWith((s) => s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [])));
    const f = only(findingsOf('R-D-05', missing));
    assert.equal(variantOf(f), 'umService');
    assert.deepEqual(objectKeys(f), ['exchangeServer:EX2010', `umDialPlan:${DP}`]);
    assert.deepEqual(f.fix, [`Set-UMServer -Identity 'EX2010' -DialPlans @{Add='${DP}'}`]);

    const linked = orgWith((s) => {
      s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, []));
      dialPlan(s, DP).umServers = ['EX2010'];
    });
    assert.deepEqual(findingsOf('R-D-05', linked), []);
  });

  test('never asks an Exchange 2019 server (no UM there)', () => {
    const org = orgWith((s) => s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com')));
    assert.deepEqual(findingsOf('R-D-05', org), []);
  });

  test('dial plan names compare case-insensitively', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').umService!.dialPlans = [DP.toUpperCase()]));
    assert.deepEqual(findingsOf('R-D-05', org), []);
  });
});

describe('R-D-06 TCP startup mode with a secured SIP dial plan', () => {
  test('umService: UM service in TCP mode', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').umService!.startupMode = 'TCP'));
    const f = expectOne(org, 'R-D-06', { severity: 'error', variant: 'umService', objects: ['exchangeServer:ATL-EX-002', `umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002', mode: 'TCP', dialPlans: DP });
    assert.deepEqual(f.fix, ["Set-UMService -Identity 'ATL-EX-002' -UMStartupMode Dual", "Get-Service -ComputerName 'mail.litwareinc.com' -Name MSExchangeUM | Restart-Service"]);
  });

  test('callRouter: call router in TCP mode', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-001').callRouter!.startupMode = 'TCP'));
    const f = only(findingsOf('R-D-06', org));
    assert.equal(variantOf(f), 'callRouter');
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-001', `umDialPlan:${DP}`]);
    assert.deepEqual(f.fix, [
      "Set-UMCallRouterSettings -Server 'ATL-EX-001' -UMStartupMode Dual",
      "Get-Service -ComputerName 'atl-exchange-001.litwareinc.com' -Name MSExchangeUMCR | Restart-Service",
    ]);
  });

  test('names every secured SIP dial plan; SIPSecured counts as secured', () => {
    const org = orgWith((s) => {
      addSipDialPlan(s, 'Litware-SIP-Branch', 'SIPSecured');
      server(s, 'ATL-EX-002').umService!.startupMode = 'TCP';
    });
    const f = only(findingsOf('R-D-06', org));
    assert.equal(f.message.params.dialPlans, `${DP}, Litware-SIP-Branch`);
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-002', `umDialPlan:${DP}`, 'umDialPlan:Litware-SIP-Branch']);
  });

  test('is silent when every SIP dial plan is Unsecured', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'Unsecured';
      server(s, 'ATL-EX-002').umService!.startupMode = 'TCP';
      server(s, 'ATL-EX-002').callRouter!.startupMode = 'TCP';
    });
    assert.deepEqual(findingsOf('R-D-06', org), []);
  });
});

describe('R-D-07 TLS instead of Dual', () => {
  test('umService: info with the Dual fix and the restart', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-001').umService!.startupMode = 'TLS'));
    const f = expectOne(org, 'R-D-07', { severity: 'info', variant: 'umService', objects: ['exchangeServer:ATL-EX-001', `umDialPlan:${DP}`] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-001', mode: 'TLS', dialPlans: DP });
    assert.deepEqual(f.fix, ["Set-UMService -Identity 'ATL-EX-001' -UMStartupMode Dual", "Get-Service -ComputerName 'atl-exchange-001.litwareinc.com' -Name MSExchangeUM | Restart-Service"]);
  });

  test('callRouter: info on the call router', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').callRouter!.startupMode = 'TLS'));
    const f = only(findingsOf('R-D-07', org));
    assert.equal(variantOf(f), 'callRouter');
    assert.deepEqual(f.fix, ["Set-UMCallRouterSettings -Server 'ATL-EX-002' -UMStartupMode Dual", "Get-Service -ComputerName 'mail.litwareinc.com' -Name MSExchangeUMCR | Restart-Service"]);
  });

  test('TLS is advised against even without a secured dial plan (catalogue: TLS, not Dual)', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).voipSecurity = 'Unsecured';
      server(s, 'ATL-EX-001').umService!.startupMode = 'TLS';
    });
    const f = only(findingsOf('R-D-07', org));
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-001']);
    assert.equal(f.message.params.dialPlans, '');
  });

  test('TCP is not R-D-07', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-001').umService!.startupMode = 'TCP'));
    assert.deepEqual(findingsOf('R-D-07', org), []);
  });
});

describe('R-D-09 UM-enabled mailboxes on Exchange 2019', () => {
  test('fires on the 2019 server holding a UM-enabled mailbox, with the count', () => {
    const org = orgWith((s) => {
      s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'));
      s.users.push(umUser('paul.nguyen', 'Paul Nguyen', POOL, 'ATL-EX-019', DP, '1010'));
      s.users.push({ alias: 'rosa.kim', displayName: 'Rosa Kim', pool: POOL, enabled: true, ev: true, extension: '1011', mailbox: { server: 'ATL-EX-019', um: null } });
    });
    const f = expectOne(org, 'R-D-09', { severity: 'error', variant: 'default', objects: ['exchangeServer:ATL-EX-019'] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-019', version: V2019, count: 1 });
    assert.deepEqual(f.fix, ["Get-Mailbox -Server 'ATL-EX-019' -ResultSize Unlimited | Where-Object UMEnabled | New-MoveRequest -TargetDatabase '<Exchange 2016 database>'"]);
  });

  test('is silent when the mailboxes on 2019 are not UM-enabled', () => {
    const org = orgWith((s) => {
      s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'));
      s.users.push({ alias: 'rosa.kim', displayName: 'Rosa Kim', pool: POOL, enabled: true, ev: true, extension: '1011', mailbox: { server: 'ATL-EX-019', um: null } });
    });
    assert.deepEqual(findingsOf('R-D-09', org), []);
  });
});

describe('R-D-10 dial plan name', () => {
  const withPbxPlan = (name: string) => orgWith((s) => s.exchange.dialPlans.push(pbxDialPlan(name)));

  test('a name of exactly 49 characters is fine (the whole org stays silent)', () => {
    const name = 'P'.repeat(49);
    assert.equal(name.length, 49);
    assert.deepEqual(evaluateRules(withPbxPlan(name)), []);
  });

  test('a name of 50 characters fires the length variant', () => {
    const name = 'P'.repeat(50);
    const f = only(findingsOf('R-D-10', withPbxPlan(name)));
    assert.equal(f.severity, 'error');
    assert.equal(variantOf(f), 'length');
    assert.deepEqual(objectKeys(f), [`umDialPlan:${name}`]);
    assert.deepEqual(f.message.params, { dialPlan: name, length: 50 });
    assert.deepEqual(f.fix, []);
  });

  for (const ch of ['"', '/', '\\', '[', ']', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>']) {
    test(`the forbidden character ${ch} fires the characters variant`, () => {
      const name = `Litware${ch}Ext`;
      const f = only(findingsOf('R-D-10', withPbxPlan(name)));
      assert.equal(variantOf(f), 'characters');
      assert.deepEqual(f.message.params, { dialPlan: name, length: name.length });
    });
  }

  test('spaces, hyphens, dots and apostrophes are allowed', () => {
    assert.deepEqual(findingsOf('R-D-10', withPbxPlan("O'Brien Ext-2.0")), []);
  });
});
