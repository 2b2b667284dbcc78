/**
 * The lab endpoint's Skype for Business configuration writes, which the console's fixes run (docs/lab-endpoint.md,
 * "Configuration writes — Skype for Business"): Set-CsUser, Grant-CsHostedVoicemailPolicy,
 * New-CsHostedVoicemailPolicy, Set-CsMediaConfiguration, Set-CsOAuthConfiguration, Set-CsCertificate,
 * New-CsPartnerApplication, Set-CsPartnerApplication, New-CsDialPlan — in real PowerShell, against temporary COPIES
 * of the lab snapshot (the shipped file is never opened writable).
 *
 * Per cmdlet: the change read back through its Get- cmdlet in the shape of the section's objects, the output (New-*
 * the new object as its Get- returns it; Set-/Grant- nothing), -WhatIf writing nothing (the file byte-identical),
 * the refusals of the reference pages with their error ids and categories, the RBAC group each needs, and the
 * parameters a version lacks, the afterWrite test hook. Then the fixes' Skype commands (docs/fixes.md) run on a fresh
 * copy, and the console's own decoder and rules judge the file: the findings those commands fix are gone, and no
 * other finding changed. One pwsh process runs every step (each start costs about a second).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labSnapshotPath, loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { evaluateRules } from '../../../../shared/rules/engine';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { joinUser } from '../../../../shared/users/user-index';
import { ROOT } from '../../../support/paths';
import { type Json, labAnswer, type LabReport as Report, labResult, type LabResult as Result, LabScript as Script, type LabStep as Step, type Obj, runLabScript } from '../../../support/lab-driver';
import { NO_LAB_PWSH as SKIP } from '../../../support/powershell';

const LAB = labSnapshotPath(ROOT);
const LAB_TEXT = readFileSync(LAB, 'utf8');
const lab = JSON.parse(LAB_TEXT) as { skype: Record<string, { objects: Obj[] }> };
const REMOTING = ['PSComputerName', 'RunspaceId', 'PSShowComputerName'];
const SKYPE_WRITES = [
  'Set-CsUser',
  'Grant-CsHostedVoicemailPolicy',
  'New-CsHostedVoicemailPolicy',
  'Set-CsMediaConfiguration',
  'Set-CsOAuthConfiguration',
  'Set-CsCertificate',
  'New-CsPartnerApplication',
  'Set-CsPartnerApplication',
  'New-CsDialPlan',
];

// ---- the scenario ----------------------------------------------------------------------------------
const NO_EV = lab.skype.users.objects.find((u) => u.EnterpriseVoiceEnabled === false && u.Enabled === true)!;
const HOSTED = lab.skype.users.objects.find((u) => u.HostedVoiceMail === true)!;
/** A user of the Atlanta pool: its site has no hosted voice mail policy, and the Global one has no Destination. */
const ATLANTA = lab.skype.users.objects.find((u) => u.RegistrarPool === 'atl-cs-001.litwareinc.com' && u.HostedVoiceMail !== true && u.HostedVoicemailPolicy === '')!;
const TAKEN_LINE = lab.skype.users.objects.find((u) => typeof u.LineURI === 'string' && u.LineURI.startsWith('tel:'))!;
const OAUTH_MAJORITY = '610DC451FE6EAD921F33BDF928DFF20A3581BCC0';
const WEAK_OAUTH = '64084B2ACAC8649AB22AAE38C9C17920A1689B6B';
const MEDIATION = 'Service:MediationServer:red-sba-01.litwareinc.com';
const HOSTILE = 'Zoé\'s "plan" $(x) `; 東京';
const FRONT_ENDS = ['atl-fe-01.litwareinc.com', 'atl-fe-02.litwareinc.com', 'atl-fe-03.litwareinc.com', 'dal-cs-se01.litwareinc.com', 'dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'];

function buildSteps(dir: string, data: string, fix: string, v2013: string): Step[] {
  const s = new Script();
  const f = (name: string) => join(dir, name);
  // Read-only: every write refuses plainly.
  s.init('init-ro', data, false);
  s.call('ro:set-user', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), EnterpriseVoiceEnabled: true });
  s.call('ro:media', 'Set-CsMediaConfiguration', { Identity: MEDIATION, EncryptionLevel: 'SupportEncryption' });
  s.call('ro:dial-plan', 'New-CsDialPlan', { Identity: 'ReadOnlyPlan' });

  s.init('init', data, true);
  s.call('info', 'Get-UmcLabEndpointInfo');
  s.copy('copy:start', f('start.json'));

  // -WhatIf: nothing written by any of them.
  s.call('whatif:set-user', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), EnterpriseVoiceEnabled: true, WhatIf: true });
  s.call('whatif:grant', 'Grant-CsHostedVoicemailPolicy', { Identity: String(HOSTED.SipAddress), PolicyName: 'ExUM-Hosted', WhatIf: true });
  s.call('whatif:new-policy', 'New-CsHostedVoicemailPolicy', { Identity: 'WhatIfPolicy', Destination: 'exum.contoso.com', WhatIf: true });
  s.call('whatif:media', 'Set-CsMediaConfiguration', { Identity: MEDIATION, EncryptionLevel: 'SupportEncryption', WhatIf: true });
  s.call('whatif:oauth', 'Set-CsOAuthConfiguration', { Identity: 'Global', ExchangeAutodiscoverUrl: 'https://x.litwareinc.com/autodiscover/autodiscover.svc', WhatIf: true });
  s.call('whatif:cert', 'Set-CsCertificate', { Identity: 'Global', Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY, WhatIf: true });
  s.call('whatif:new-app', 'New-CsPartnerApplication', { Identity: 'WhatIfApp', ApplicationTrustLevel: 'Full', MetadataUrl: 'https://sp.litwareinc.com/metadata/json/1', WhatIf: true });
  s.call('whatif:set-app', 'Set-CsPartnerApplication', { Identity: 'Exchange', Enabled: false, WhatIf: true });
  s.call('whatif:dial-plan', 'New-CsDialPlan', { Identity: 'WhatIfPlan', WhatIf: true });
  s.copy('copy:whatif', f('after-whatif.json'));

  // Refusals: nothing written by any of them either.
  s.call('err:user-missing', 'Set-CsUser', { Identity: 'sip:nobody@litwareinc.com', EnterpriseVoiceEnabled: true });
  s.call('err:line-form', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), LineURI: '+14255550100' });
  s.call('err:line-taken', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), LineURI: String(TAKEN_LINE.LineURI) });
  s.call('err:hosted-no-destination', 'Set-CsUser', { Identity: String(ATLANTA.SipAddress), HostedVoiceMail: true });
  s.call('err:grant-global', 'Grant-CsHostedVoicemailPolicy', { Identity: String(HOSTED.SipAddress), PolicyName: 'Global' });
  s.call('err:grant-site', 'Grant-CsHostedVoicemailPolicy', { Identity: String(HOSTED.SipAddress), PolicyName: 'Site:Dallas' });
  s.call('err:grant-missing', 'Grant-CsHostedVoicemailPolicy', { Identity: String(HOSTED.SipAddress), PolicyName: 'NoSuchPolicy' });
  s.call('err:grant-user', 'Grant-CsHostedVoicemailPolicy', { Identity: 'sip:nobody@litwareinc.com', PolicyName: 'ExUM-Hosted' });
  s.call('err:policy-global', 'New-CsHostedVoicemailPolicy', { Identity: 'Global', Destination: 'exum.contoso.com' });
  s.call('err:policy-exists', 'New-CsHostedVoicemailPolicy', { Identity: 'exum-hosted' });
  s.call('err:policy-site', 'New-CsHostedVoicemailPolicy', { Identity: 'site:Nowhere' });
  s.call('err:policy-service', 'New-CsHostedVoicemailPolicy', { Identity: 'service:Registrar:atl-cs-001.litwareinc.com' });
  s.call('err:policy-destination', 'New-CsHostedVoicemailPolicy', { Identity: 'BadDestination', Destination: 'not an fqdn' });
  s.call('err:media-enum', 'Set-CsMediaConfiguration', { Identity: MEDIATION, EncryptionLevel: 'Encrypted' });
  s.call('err:media-missing', 'Set-CsMediaConfiguration', { Identity: 'Site:Nowhere', EncryptionLevel: 'SupportEncryption' });
  s.call('err:oauth-scope', 'Set-CsOAuthConfiguration', { Identity: 'Site:Dallas', Realm: 'x' });
  s.call('err:cert-enum', 'Set-CsCertificate', { Type: ['OAuthIssuer'], Thumbprint: OAUTH_MAJORITY });
  s.call('err:cert-missing', 'Set-CsCertificate', { Type: ['OAuthTokenIssuer'], Thumbprint: '00112233445566778899AABBCCDDEEFF00112233' });
  s.call('err:cert-not-local', 'Set-CsCertificate', { Type: ['Default'], Thumbprint: 'CEDFE0B66F88A8EF6F2C25A808A91EB9D5D5D7E6' });
  s.call('err:cert-roll', 'Set-CsCertificate', { Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY, Roll: true });
  s.call('err:app-exists', 'New-CsPartnerApplication', { Identity: 'exchange', ApplicationTrustLevel: 'Full', MetadataUrl: 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1' });
  s.call('err:app-sets', 'New-CsPartnerApplication', { Identity: 'Both', ApplicationTrustLevel: 'Full', MetadataUrl: 'https://a.litwareinc.com/metadata/json/1', ApplicationIdentifier: 'x' });
  s.call('err:app-trust', 'New-CsPartnerApplication', { Identity: 'Trust', ApplicationTrustLevel: 'Total', MetadataUrl: 'https://a.litwareinc.com/metadata/json/1' });
  s.call('err:app-missing', 'Set-CsPartnerApplication', { Identity: 'NoSuchApp', Enabled: false });
  s.call('err:plan-global', 'New-CsDialPlan', { Identity: 'Global' });
  s.call('err:plan-exists', 'New-CsDialPlan', { Identity: 'litware-sip-branch' });
  s.call('err:plan-simple-name', 'New-CsDialPlan', { Identity: 'Litware-SIP-Branch.litwareinc.com', SimpleName: 'Litware-SIP-Branch' });
  s.call('err:plan-simple-chars', 'New-CsDialPlan', { Identity: 'CharsPlan', SimpleName: 'has space' });
  s.call('err:plan-site', 'New-CsDialPlan', { Identity: 'site:Nowhere' });
  s.call('err:plan-service', 'New-CsDialPlan', { Identity: 'service:WebServer:atl-cs-001.litwareinc.com' });
  s.call('err:plan-optimize', 'New-CsDialPlan', { Identity: 'OptimizePlan', OptimizeDeviceDialing: true });
  s.copy('copy:refused', f('after-refused.json'));

  // The changes, each read back through its Get- cmdlet.
  s.call('set-user', 'Set-CsUser', { Identity: String(NO_EV.UserPrincipalName), EnterpriseVoiceEnabled: true });
  s.call('set-user:get', 'Get-CsUser', { Identity: String(NO_EV.SipAddress) });
  s.call('set-user:again', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), EnterpriseVoiceEnabled: true });
  s.call('set-user:line', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), LineURI: 'tel:+14255550999;ext=999', PassThru: true });
  s.call('set-user:line-clear', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), LineURI: '' });
  s.call('set-user:domain-logon', 'Set-CsUser', { Identity: `LITWAREINC\\${String(NO_EV.UserPrincipalName).split('@')[0]}`, Enabled: false });
  s.call('set-user:disabled:get', 'Get-CsUser', { Identity: String(NO_EV.SipAddress) });
  s.call('set-user:hosted-dallas', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), HostedVoiceMail: true, PassThru: true });
  s.call('new-policy', 'New-CsHostedVoicemailPolicy', { Identity: 'Contoso-Hosted', Destination: 'exum.contoso.com', Organization: 'contoso.onmicrosoft.com', Description: HOSTILE });
  s.call('new-policy:get', 'Get-CsHostedVoicemailPolicy', { Identity: 'Tag:Contoso-Hosted' });
  s.call('new-policy:site', 'New-CsHostedVoicemailPolicy', { Identity: 'site:atlanta' });
  s.call('new-policy:in-memory', 'New-CsHostedVoicemailPolicy', { Identity: 'InMemoryPolicy', InMemory: true });
  s.call('new-policy:in-memory:get', 'Get-CsHostedVoicemailPolicy', { Identity: 'Tag:InMemoryPolicy' });
  s.call('grant', 'Grant-CsHostedVoicemailPolicy', { Identity: String(NO_EV.SipAddress), PolicyName: 'tag:contoso-hosted' });
  s.call('grant:get', 'Get-CsUser', { Identity: String(NO_EV.SipAddress) });
  s.call('set-user:hosted', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), HostedVoiceMail: true, PassThru: true });
  s.call('grant:remove', 'Grant-CsHostedVoicemailPolicy', { Identity: String(NO_EV.SipAddress), PolicyName: null, PassThru: true });
  s.call('media', 'Set-CsMediaConfiguration', { Identity: 'service:mediationserver:RED-SBA-01.litwareinc.com', EncryptionLevel: 'supportencryption' });
  s.call('media:get', 'Get-CsMediaConfiguration', { Identity: MEDIATION });
  s.call('media:global', 'Set-CsMediaConfiguration', { MaxVideoRateAllowed: 'hd720p15m' });
  s.call('media:global:get', 'Get-CsMediaConfiguration', { Identity: 'Global' });
  s.call('oauth', 'Set-CsOAuthConfiguration', { ExchangeAutodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc', Realm: 'litwareinc.com' });
  s.call('oauth:get', 'Get-CsOAuthConfiguration');
  s.call('cert', 'Set-CsCertificate', { Identity: 'Global', Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY.toLowerCase() });
  s.call('cert:global', 'Get-CsCertificate', { Identity: 'Global' });
  s.call('cert:local', 'Get-CsCertificate', { Type: ['OAuthTokenIssuer'] });
  s.copy('copy:cert', f('after-cert.json'));
  s.call('cert:local-type', 'Set-CsCertificate', { Type: ['WebServicesExternal'], Thumbprint: '7F6CD2C6D8EE961099C1303C76CD7ECA07025F6C' });
  s.call('cert:local-type:get', 'Get-CsCertificate', { Type: ['WebServicesExternal'] });
  s.copy('copy:cert-local', f('after-cert-local.json'));
  s.call('new-app', 'New-CsPartnerApplication', { Identity: 'SharePoint', ApplicationTrustLevel: 'application', MetadataUrl: 'https://sp.litwareinc.com/_layouts/15/metadata/json/1', Enabled: false });
  s.call('new-app:get', 'Get-CsPartnerApplication', { Identity: 'SharePoint' });
  s.call('new-app:exchange', 'New-CsPartnerApplication', { Identity: 'Exchange2', ApplicationTrustLevel: 'Full', MetadataUrl: 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1' });
  s.call('new-app:oauth-server', 'New-CsPartnerApplication', { Identity: 'ViaServer', ApplicationIdentifier: 'app.litwareinc.com', ApplicationTrustLevel: 'User', UseOAuthServer: true });
  s.call('set-app', 'Set-CsPartnerApplication', { Identity: 'sharepoint', ApplicationTrustLevel: 'Full', Enabled: true, MetadataUrl: 'https://sp2.litwareinc.com/_layouts/15/metadata/json/1' });
  s.call('set-app:get', 'Get-CsPartnerApplication', { Identity: 'SharePoint' });
  s.call('dial-plan', 'New-CsDialPlan', { Identity: 'Litware-SIP-Branch.litwareinc.com' });
  s.call('dial-plan:get', 'Get-CsDialPlan', { Identity: 'Litware-SIP-Branch.litwareinc.com' });
  s.call('dial-plan:site', 'New-CsDialPlan', { Identity: 'site:Atlanta', Description: HOSTILE, ExternalAccessPrefix: '9', OptimizeDeviceDialing: true });
  s.call('dial-plan:service', 'New-CsDialPlan', { Identity: 'Registrar:atl-cs-001.litwareinc.com' });
  s.copy('copy:final', f('after-all.json'));

  // RBAC: configuration needs RTCUniversalServerAdmins, users RTCUniversalUserAdmins.
  s.directory('dir:no-server-admin', { groups: { RTCUniversalServerAdmins: [], RTCUniversalUserAdmins: ['LITWAREINC\\umcadmin'] } });
  s.call('rbac:media', 'Set-CsMediaConfiguration', { Identity: 'Global', EncryptionLevel: 'SupportEncryption' });
  s.call('rbac:cert', 'Set-CsCertificate', { Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY });
  s.call('rbac:user-allowed', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), Enabled: true });
  s.directory('dir:no-user-admin', { groups: { RTCUniversalServerAdmins: ['LITWAREINC\\umcadmin'], RTCUniversalUserAdmins: [] } });
  s.call('rbac:user', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), Enabled: false });
  s.call('rbac:grant', 'Grant-CsHostedVoicemailPolicy', { Identity: String(NO_EV.SipAddress), PolicyName: 'ExUM-Hosted' });
  s.call('rbac:plan-allowed', 'New-CsDialPlan', { Identity: 'RbacPlan' });
  s.directory('dir:off', null);

  // The test hook the audit's settlement relies on: '<Cmdlet>.afterWrite' runs once the change is saved, before the answer.
  s.call('fault:oauth', 'Set-CsOAuthConfiguration', { Realm: 'fault.litwareinc.com' }, { fault: { 'Set-CsOAuthConfiguration.afterWrite': { throw: 'lab fault: answer lost' } } });
  s.call('fault:oauth:get', 'Get-CsOAuthConfiguration');
  s.call('fault:before', 'Set-CsMediaConfiguration', { EncryptionLevel: 'DoNotSupportEncryption' }, { fault: { 'Set-CsMediaConfiguration': { throw: 'lab fault: refused first' } } });
  s.call('fault:before:get', 'Get-CsMediaConfiguration', { Identity: 'Global' });

  // The fixes' commands, on a fresh copy (docs/fixes.md, the Skype rows).
  s.init('init:fix', fix, true);
  s.call('fix:R-O-02', 'Set-CsOAuthConfiguration', { Identity: 'Global', ExchangeAutodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc' });
  s.call('fix:R-O-05', 'Set-CsCertificate', { Identity: 'Global', Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY });
  s.call('fix:R-D-03', 'Set-CsMediaConfiguration', { Identity: MEDIATION, EncryptionLevel: 'SupportEncryption' });
  s.call('fix:R-C-11b', 'New-CsDialPlan', { Identity: 'Litware-SIP-Branch.litwareinc.com' });
  s.call('fix:R-U-02', 'Set-CsUser', { Identity: String(NO_EV.SipAddress), EnterpriseVoiceEnabled: true });
  s.call('fix:R-U-12', 'Grant-CsHostedVoicemailPolicy', { Identity: String(HOSTED.SipAddress), PolicyName: 'ExUM-Hosted' });

  // Versions: every profile has the cmdlets; the parameters some versions lack are refused there.
  s.init('init:2013', v2013, true, { skype: '2013' });
  s.call('v2013:info', 'Get-UmcLabEndpointInfo');
  s.call('v2013:in-call-qos', 'Set-CsMediaConfiguration', { Identity: 'Global', EnableInCallQoS: true });
  s.call('v2013:client-auth', 'Set-CsOAuthConfiguration', { ClientAuthorizationOAuthServerIdentity: 'evoSTS' });
  s.call('v2013:tenant', 'New-CsHostedVoicemailPolicy', { Identity: 'TenantPolicy', Tenant: '38aad667-af54-4397-aaa7-e94c79ec2308', InMemory: true });
  s.init('init:2019', v2013, true, { skype: '2019', withhold: ['Set-CsCertificate'] });
  s.call('v2019:withheld', 'Set-CsCertificate', { Type: ['OAuthTokenIssuer'], Thumbprint: OAUTH_MAJORITY });
  s.call('v2019:info', 'Get-UmcLabEndpointInfo');
  s.call('v2019:in-call-qos', 'Set-CsMediaConfiguration', { Identity: 'Global', EnableInCallQoS: true });
  s.call('v2019:tenant', 'New-CsHostedVoicemailPolicy', { Identity: 'TenantPolicy', Tenant: '38aad667-af54-4397-aaa7-e94c79ec2308', InMemory: true });
  return s.steps;
}

// ---- tests -------------------------------------------------------------------------------------------
describe('lab endpoint Skype configuration writes (real pwsh, copies of the lab org)', { skip: SKIP }, () => {
  let dir: string;
  let data: string;
  let fix: string;
  let report: Report;
  const r = (id: string): Result => labResult(report.results, id);
  const ok = (id: string): Obj[] => labAnswer(r(id), id);
  const only = (id: string): Obj => {
    const o = ok(id);
    assert.equal(o.length, 1, `${id}: ${r(id).json}`);
    return o[0];
  };
  const nothing = (id: string) => assert.deepEqual(ok(id), [], `${id} outputs nothing`);
  const refused = (id: string, fqid: string, category: string, target?: Json, message?: RegExp) => {
    const t = r(id).terminating;
    assert.ok(t, `${id} was not refused: ${r(id).json}`);
    assert.equal(t.fqid.split(',')[0], fqid, `${id}: ${t.message}`);
    assert.equal(t.category, category, id);
    if (target !== undefined) assert.deepEqual(t.target, target, id);
    if (message) assert.match(t.message, message, id);
  };
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');
  const section = (text: string, name: string): Obj[] => (JSON.parse(text) as { skype: Record<string, { objects: Obj[] }> }).skype[name].objects;
  /** The shape of a section's objects in the lab file, without the members remoting adds. */
  const shapeOf = (name: string) => Object.keys(lab.skype[name].objects[0]).filter((k) => !REMOTING.includes(k));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-lab-skype-writes-'));
    data = join(dir, 'litwareinc.umcsnap.json');
    fix = join(dir, 'fix.umcsnap.json');
    const v2013 = join(dir, 'versions.umcsnap.json');
    for (const p of [data, fix, v2013]) copyFileSync(LAB, p);
    report = await runLabScript(dir, buildSteps(dir, data, fix, v2013), { output: 'enum-names' });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a read-only endpoint refuses the configuration writes', () => {
    for (const id of ['ro:set-user', 'ro:media', 'ro:dial-plan']) refused(id, 'UmcLabEndpoint.ReadOnly', 'InvalidOperation', undefined, /read-only/);
  });

  it('every Skype write is a command of the session (the host imports only the commands the profile offers)', () => {
    for (const id of ['info', 'v2013:info', 'v2019:info']) {
      const commands = only(id).Commands as string[];
      for (const c of SKYPE_WRITES) if (!(id === 'v2019:info' && c === 'Set-CsCertificate')) assert.ok(commands.includes(c), `${id}: ${c}`);
    }
  });

  it('-WhatIf writes nothing and outputs nothing', () => {
    for (const id of Object.keys(report.results).filter((k) => k.startsWith('whatif:'))) nothing(id);
    assert.equal(file('after-whatif.json'), file('start.json'));
    assert.equal(file('start.json'), LAB_TEXT);
  });

  it('each refusal has the reference page’s reason, and the file stays byte-identical', () => {
    refused('err:user-missing', 'Set-CsUser.NotFound', 'ObjectNotFound', 'sip:nobody@litwareinc.com', /^Management object not found for identity "sip:nobody@litwareinc.com"\.$/);
    refused('err:hosted-no-destination', 'Set-CsUser.NoHostedVoicemailDestination', 'InvalidOperation', String(ATLANTA.SipAddress), /\(Global\) has no Destination/);
    refused('err:line-form', 'Set-CsUser.InvalidLineUri', 'InvalidArgument', '+14255550100', /"tel:" prefix/);
    refused('err:line-taken', 'Set-CsUser.LineUriInUse', 'ResourceExists', TAKEN_LINE.LineURI, new RegExp(`already assigned to "${String(TAKEN_LINE.SipAddress)}"`));
    for (const id of ['err:grant-global', 'err:grant-site', 'err:grant-missing'])
      refused(id, 'Grant-CsHostedVoicemailPolicy.NotUserPolicy', 'InvalidArgument', undefined, /is not a user policy\. You can assign only a user policy to a specific user\./);
    refused('err:grant-user', 'Grant-CsHostedVoicemailPolicy.NotFound', 'ObjectNotFound', 'sip:nobody@litwareinc.com', /Management object not found/);
    refused('err:policy-global', 'New-CsHostedVoicemailPolicy.AlreadyExists', 'ResourceExists', 'Global');
    refused('err:policy-exists', 'New-CsHostedVoicemailPolicy.AlreadyExists', 'ResourceExists', 'Tag:exum-hosted');
    refused('err:policy-site', 'New-CsHostedVoicemailPolicy.NotFound', 'ObjectNotFound', 'Site:Nowhere');
    refused('err:policy-service', 'New-CsHostedVoicemailPolicy.InvalidScope', 'InvalidArgument');
    refused('err:policy-destination', 'New-CsHostedVoicemailPolicy.InvalidDestination', 'InvalidArgument', 'not an fqdn');
    // A value the enum does not have is refused by the parameter binder, as for the compiled cmdlet.
    refused(
      'err:media-enum',
      'CannotConvertArgumentNoMessage',
      'InvalidArgument',
      null,
      /Cannot bind parameter 'EncryptionLevel'\. Cannot convert value "Encrypted" to type "Microsoft\.Rtc\.Management\.WritableConfig\.Settings\.Media\.EncryptionLevel"[\s\S]*SupportEncryption, RequireEncryption, DoNotSupportEncryption/,
    );
    assert.equal(r('err:media-enum').terminating?.exception, 'System.Management.Automation.ParameterBindingException');
    refused('err:media-missing', 'Set-CsMediaConfiguration.NotFound', 'ObjectNotFound', 'Site:Nowhere');
    refused('err:oauth-scope', 'Set-CsOAuthConfiguration.NotFound', 'ObjectNotFound', 'Site:Dallas');
    refused('err:cert-enum', 'CannotConvertArgumentNoMessage', 'InvalidArgument', null, /Microsoft\.Rtc\.Management\.Deployment\.CertType[\s\S]*OAuthTokenIssuer/);
    refused('err:cert-missing', 'Set-CsCertificate.CertificateNotFound', 'ObjectNotFound', '00112233445566778899AABBCCDDEEFF00112233', /Import-CsCertificate/);
    // dal-cs-se01's Default certificate is not on the session's Front End (atl-fe-01): not assignable there.
    refused('err:cert-not-local', 'Set-CsCertificate.CertificateNotFound', 'ObjectNotFound', 'CEDFE0B66F88A8EF6F2C25A808A91EB9D5D5D7E6', /atl-fe-01\.litwareinc\.com/);
    refused('err:cert-roll', 'Set-CsCertificate.RollWithoutEffectiveDate', 'InvalidArgument');
    refused('err:app-exists', 'New-CsPartnerApplication.AlreadyExists', 'ResourceExists', 'exchange');
    refused('err:app-sets', 'AmbiguousParameterSet', 'InvalidArgument');
    refused('err:app-trust', 'CannotConvertArgumentNoMessage', 'InvalidArgument', null, /"Total"[\s\S]*Full, Application, User/);
    refused('err:app-missing', 'Set-CsPartnerApplication.NotFound', 'ObjectNotFound', 'NoSuchApp');
    refused('err:plan-global', 'New-CsDialPlan.AlreadyExists', 'ResourceExists', 'Global');
    refused('err:plan-exists', 'New-CsDialPlan.AlreadyExists', 'ResourceExists', 'litware-sip-branch');
    refused('err:plan-simple-name', 'New-CsDialPlan.SimpleNameInUse', 'ResourceExists', 'Litware-SIP-Branch', /must be unique among all dial plans/);
    refused('err:plan-simple-chars', 'New-CsDialPlan.InvalidSimpleName', 'InvalidArgument', 'has space');
    refused('err:plan-site', 'New-CsDialPlan.NotFound', 'ObjectNotFound', 'Site:Nowhere');
    refused('err:plan-service', 'New-CsDialPlan.InvalidScope', 'InvalidArgument');
    refused('err:plan-optimize', 'New-CsDialPlan.NoExternalAccessPrefix', 'InvalidArgument');
    assert.equal(file('after-refused.json'), LAB_TEXT);
  });

  it('Set-CsUser: changes the user as Get-CsUser reads it, outputs nothing (the user with -PassThru), warns when nothing changes', () => {
    nothing('set-user');
    const got = only('set-user:get');
    assert.deepEqual(got, { ...Object.fromEntries(Object.entries(NO_EV).filter(([k]) => !REMOTING.includes(k))), EnterpriseVoiceEnabled: true });
    assert.deepEqual(Object.keys(got), shapeOf('users'), 'the section’s shape');
    assert.match(r('set-user:again').warnings.join('\n'), /no settings of .* have been modified/);
    assert.equal(only('set-user:line').LineURI, 'tel:+14255550999;ext=999');
    nothing('set-user:line-clear');
    nothing('set-user:domain-logon');
    const disabled = only('set-user:disabled:get');
    assert.deepEqual([disabled.Enabled, disabled.LineURI], [false, ''], 'found by DOMAIN\\logon; the line URI cleared');
    // Its pool's site (Dallas) has a hosted voice mail policy with a Destination: the enable works (an Atlanta user's
    // cannot: see the refusals).
    assert.equal(only('set-user:hosted-dallas').HostedVoiceMail, true, 'Site:Dallas has a Destination');
  });

  it('Grant-CsHostedVoicemailPolicy: Tag: may be omitted or given, Get-CsUser shows the name without it, $null unassigns', () => {
    nothing('grant');
    assert.equal(only('grant:get').HostedVoicemailPolicy, 'Contoso-Hosted', 'as the policy spells it');
    const hosted = only('set-user:hosted');
    assert.deepEqual([hosted.HostedVoiceMail, hosted.HostedVoicemailPolicy], [true, 'Contoso-Hosted']);
    assert.equal(only('grant:remove').HostedVoicemailPolicy, '');
  });

  it('New-CsHostedVoicemailPolicy: outputs the new policy as Get-CsHostedVoicemailPolicy returns it, in the section’s shape', () => {
    const created = only('new-policy');
    assert.deepEqual(only('new-policy:get'), created);
    assert.deepEqual(created, { Identity: 'Tag:Contoso-Hosted', Description: HOSTILE, Destination: 'exum.contoso.com', Organization: 'contoso.onmicrosoft.com' });
    assert.deepEqual(Object.keys(created), shapeOf('hostedVoicemailPolicies'));
    assert.equal(only('new-policy:site').Identity, 'Site:Atlanta', 'the site as the topology spells it');
    assert.equal(only('new-policy:in-memory').Identity, 'Tag:InMemoryPolicy');
    assert.equal(r('new-policy:in-memory:get').errors[0]?.category, 'ObjectNotFound', '-InMemory saves nothing');
    const saved = section(file('after-all.json'), 'hostedVoicemailPolicies');
    const last = saved.find((p) => p.Identity === 'Tag:Contoso-Hosted')!;
    assert.deepEqual(Object.keys(last), Object.keys(lab.skype.hostedVoicemailPolicies.objects[0]), 'the file keeps its shape, remoting members included');
    assert.equal(last.Description, HOSTILE, 'byte for byte');
  });

  it('Set-CsMediaConfiguration: any case of the identity and the enum; the value in its own casing', () => {
    nothing('media');
    assert.equal(only('media:get').EncryptionLevel, 'SupportEncryption');
    nothing('media:global');
    const g = only('media:global:get');
    assert.deepEqual([g.Identity, g.MaxVideoRateAllowed, g.EncryptionLevel], ['Global', 'Hd720p15M', 'RequireEncryption'], 'Global when -Identity is omitted; nothing else changed');
  });

  it('Set-CsOAuthConfiguration: the global settings', () => {
    nothing('oauth');
    assert.equal(only('oauth:get').ExchangeAutodiscoverUrl, 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc');
  });

  it('Set-CsCertificate -Type OAuthTokenIssuer: the global certificate replaced on every Front End, with its bytes', () => {
    nothing('cert');
    assert.deepEqual(
      ok('cert:global').map((c) => c.Thumbprint),
      [OAUTH_MAJORITY],
      'one global OAuth certificate',
    );
    assert.deepEqual(
      ok('cert:local').map((c) => [c.Thumbprint, c.Use]),
      [[OAUTH_MAJORITY, 'OAuthTokenIssuer']],
    );
    const certs = section(file('after-cert.json'), 'certificates');
    const oauth = certs.filter((c) => c.Use === 'OAuthTokenIssuer');
    assert.deepEqual(oauth.map((c) => c.PSComputerName).sort(), [...FRONT_ENDS].sort(), 'every Front End, and only them');
    // atl-fe-03 held another one: it now holds a copy of the global one (its bytes, subject, dates). The others held it
    // already and are untouched (dal-fe-01 and -02 as the capture read them, without RawData).
    const source = lab.skype.certificates.objects.find((c) => c.Thumbprint === OAUTH_MAJORITY)!;
    for (const c of oauth) {
      const was = lab.skype.certificates.objects.find((o) => o.PSComputerName === c.PSComputerName && o.Use === 'OAuthTokenIssuer')!;
      if (was.Thumbprint === OAUTH_MAJORITY) assert.deepEqual(c, was, String(c.PSComputerName));
      else assert.deepEqual({ ...c, PSComputerName: null }, { ...source, PSComputerName: null }, String(c.PSComputerName));
    }
    assert.equal(oauth.find((c) => c.PSComputerName === 'atl-fe-03.litwareinc.com')?.RawData, source.RawData);
    assert.ok(!certs.some((c) => c.Thumbprint === WEAK_OAUTH), 'atl-fe-03’s old one is gone');
    assert.equal(certs.length, lab.skype.certificates.objects.length, 'replaced, not added');
    // Another type is the local computer's (the session's Front End, atl-fe-01) only.
    nothing('cert:local-type');
    assert.deepEqual(
      ok('cert:local-type:get').map((c) => [c.Thumbprint, c.Use]),
      [['7F6CD2C6D8EE961099C1303C76CD7ECA07025F6C', 'WebServicesExternal']],
    );
    const local = section(file('after-cert-local.json'), 'certificates').filter((c) => c.Use === 'WebServicesExternal');
    assert.deepEqual(
      local.map((c) => [c.PSComputerName, String(c.Thumbprint).slice(0, 8)]),
      [
        ['atl-fe-01.litwareinc.com', '7F6CD2C6'],
        ['atl-fe-02.litwareinc.com', 'C78A9FA6'],
        ['atl-fe-03.litwareinc.com', 'C78A9FA6'],
      ],
    );
  });

  it('New-/Set-CsPartnerApplication: the new application as Get-CsPartnerApplication returns it; the changes read back', () => {
    const created = only('new-app');
    assert.deepEqual(Object.keys(created), shapeOf('partnerApplications'));
    assert.deepEqual(
      { ...created },
      {
        Identity: 'SharePoint',
        AuthToken: 'Value',
        ApplicationIdentifier: '',
        Realm: '',
        ApplicationTrustLevel: 'Application',
        AcceptSecurityIdentifierInformation: false,
        Enabled: false,
        MetadataUrl: 'https://sp.litwareinc.com/_layouts/15/metadata/json/1',
      },
    );
    assert.deepEqual(only('new-app:get'), created);
    assert.equal(only('new-app:exchange').ApplicationIdentifier, '00000002-0000-0ff1-ce00-000000000000', 'Exchange’s autodiscover metadata document');
    const viaServer = only('new-app:oauth-server');
    assert.deepEqual([viaServer.ApplicationIdentifier, viaServer.ApplicationTrustLevel, viaServer.MetadataUrl], ['app.litwareinc.com', 'User', null]);
    nothing('set-app');
    const changed = only('set-app:get');
    assert.deepEqual([changed.ApplicationTrustLevel, changed.Enabled, changed.MetadataUrl], ['Full', true, 'https://sp2.litwareinc.com/_layouts/15/metadata/json/1']);
  });

  it('New-CsDialPlan: a per-user dial plan named as given, its default simple name and normalization rule; site and service scopes', () => {
    const created = only('dial-plan');
    assert.deepEqual(Object.keys(created), shapeOf('dialPlans'));
    assert.deepEqual(only('dial-plan:get'), created);
    assert.deepEqual([created.Identity, created.SimpleName, created.OptimizeDeviceDialing], ['Litware-SIP-Branch.litwareinc.com', 'Litware-SIP-Branch.litwareinc.com', false]);
    const plans = section(file('after-all.json'), 'dialPlans');
    const saved = plans.find((p) => p.Identity === 'Litware-SIP-Branch.litwareinc.com')!;
    assert.deepEqual(Object.keys(saved), Object.keys(lab.skype.dialPlans.objects[0]));
    assert.deepEqual(saved.NormalizationRules, ['Description=;Pattern=^(\\d11)$;Translation=+$1;Name=Prefix All;IsInternalExtension=False'], 'as Get-CsDialPlan prints a rule (the capture’s form)');
    const site = only('dial-plan:site');
    assert.deepEqual([site.Identity, site.SimpleName, site.ExternalAccessPrefix, site.OptimizeDeviceDialing, site.Description], ['Site:Atlanta', 'Atlanta', '9', true, HOSTILE]);
    const service = only('dial-plan:service');
    assert.deepEqual([service.Identity, service.SimpleName], ['Service:Registrar:atl-cs-001.litwareinc.com', 'Registrar_atl-cs-001.litwareinc.com']);
  });

  it('RBAC: configuration needs RTCUniversalServerAdmins, the user settings RTCUniversalUserAdmins', () => {
    for (const id of ['rbac:media', 'rbac:cert'])
      refused(id, `${id === 'rbac:media' ? 'Set-CsMediaConfiguration' : 'Set-CsCertificate'}.AccessDenied`, 'PermissionDenied', 'LITWAREINC\\umcadmin', /not a member of RTCUniversalServerAdmins/);
    assert.equal(r('rbac:user-allowed').terminating, null);
    refused('rbac:user', 'Set-CsUser.AccessDenied', 'PermissionDenied', 'LITWAREINC\\umcadmin', /not a member of RTCUniversalUserAdmins/);
    refused('rbac:grant', 'Grant-CsHostedVoicemailPolicy.AccessDenied', 'PermissionDenied', 'LITWAREINC\\umcadmin', /not a member of RTCUniversalUserAdmins/);
    assert.equal(r('rbac:plan-allowed').terminating, null);
  });

  it('the afterWrite test fault runs once the change is saved; the plain one before anything is written', () => {
    refused('fault:oauth', 'Set-CsOAuthConfiguration.afterWrite.LabFault', 'InvalidOperation', 'Set-CsOAuthConfiguration.afterWrite', /answer lost/);
    assert.equal(only('fault:oauth:get').Realm, 'fault.litwareinc.com', 'applied, its answer lost');
    refused('fault:before', 'Set-CsMediaConfiguration.LabFault', 'InvalidOperation');
    assert.equal(only('fault:before:get').EncryptionLevel, 'RequireEncryption', 'nothing written');
  });

  it('versions: parameters a version lacks are refused as PowerShell refuses an unknown parameter', () => {
    refused('v2013:in-call-qos', 'NamedParameterNotFound', 'InvalidArgument', null, /EnableInCallQoS/);
    refused('v2013:client-auth', 'NamedParameterNotFound', 'InvalidArgument', null, /ClientAuthorizationOAuthServerIdentity/);
    assert.equal(only('v2013:tenant').Identity, 'Tag:TenantPolicy', '-Tenant exists in Lync Server 2013');
    nothing('v2019:in-call-qos');
    refused('v2019:tenant', 'NamedParameterNotFound', 'InvalidArgument', null, /Tenant/);
    // A cmdlet an RBAC role assignment does not grant (-Withhold) is not a command of the session.
    assert.ok((only('v2019:info').Unavailable as string[]).includes('Set-CsCertificate'));
    refused('v2019:withheld', 'CommandNotFoundException', 'ObjectNotFound', 'Set-CsCertificate');
  });

  it('the fixes’ commands on a fresh copy: the console’s decoder and rules find those findings gone, and nothing else changed', async () => {
    for (const id of Object.keys(report.results).filter((k) => k.startsWith('fix:'))) assert.equal(ok(id).length, id === 'fix:R-C-11b' ? 1 : 0, id);
    const before = await loadSnapshotFile(LAB, 'lab');
    const afterFix = await loadSnapshotFile(fix, 'lab');
    const key = (d: Diagnostic) => `${d.rule} ${JSON.stringify(d.objects)}`;
    const orgBefore = evaluateRules(before).map(key);
    const orgAfter = evaluateRules(afterFix).map(key);
    const fixed = ['R-O-02', 'R-O-05', 'R-D-03', 'R-C-11b'];
    for (const rule of fixed)
      assert.ok(
        orgBefore.some((k) => k.startsWith(`${rule} `)),
        `${rule} is a finding of the lab org`,
      );
    // R-O-06 named atl-fe-03's 1024-bit OAuth certificate, which the global one replaced.
    const gone = orgBefore.filter((k) => !orgAfter.includes(k));
    assert.deepEqual([...new Set(gone.map((k) => k.split(' ')[0]))].sort(), [...fixed, 'R-O-06'].sort());
    assert.deepEqual(
      orgAfter.filter((k) => !orgBefore.includes(k)),
      [],
      'no new finding',
    );
    // The user rules, for the two users the per-user commands changed.
    const userRules = (org: typeof before, sip: string) => evaluateUser(joinUser(org, sip), buildUserRuleContext(org)).map((d) => d.rule);
    assert.ok(userRules(before, String(NO_EV.SipAddress)).includes('R-U-02'));
    assert.ok(!userRules(afterFix, String(NO_EV.SipAddress)).includes('R-U-02'));
    assert.deepEqual(userRules(before, String(HOSTED.SipAddress)), ['R-U-12']);
    assert.deepEqual(userRules(afterFix, String(HOSTED.SipAddress)), []);
    // Decoded as a real capture would be: every Front End's OAuth certificate read from its bytes.
    const oauth = afterFix.skype.certificates.filter((c) => c.use === 'OAuthTokenIssuer');
    assert.deepEqual(oauth.map((c) => c.server).sort(), [...FRONT_ENDS].sort());
    for (const c of oauth) assert.equal(c.facts?.thumbprint, OAUTH_MAJORITY);
    // The file: the changed sections only; every other one as the lab org has it.
    const changed = new Set(['skype.oauth', 'skype.certificates', 'skype.mediaConfigurations', 'skype.dialPlans', 'skype.users']);
    const parsed = JSON.parse(readFileSync(fix, 'utf8')) as Record<string, unknown>;
    const original = JSON.parse(LAB_TEXT) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), Object.keys(original));
    for (const top of Object.keys(original)) {
      if (top !== 'exchange' && top !== 'skype') {
        assert.deepEqual(parsed[top], original[top], top);
        continue;
      }
      const a = parsed[top] as Record<string, unknown>;
      const b = original[top] as Record<string, unknown>;
      assert.deepEqual(Object.keys(a), Object.keys(b), top);
      for (const name of Object.keys(b)) if (!changed.has(`${top}.${name}`)) assert.deepEqual(a[name], b[name], `${top}.${name}`);
    }
    assert.equal(readFileSync(LAB, 'utf8'), LAB_TEXT, 'the shipped lab file was never written');
  });

  // What a write costs is measured by `npm run bench` (bench/contacts.ts), not bounded here.
});
