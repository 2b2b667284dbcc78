/**
 * The lab endpoint's Exchange configuration writes (UmcLabEndpoint.ExchangeWrites.ps1), the cmdlets the fixes run,
 * in real PowerShell against temporary COPIES of the lab snapshot: New-UMDialPlan, Set-UMDialPlan, New-UMHuntGroup,
 * Remove-UMHuntGroup, New-UMIPGateway, Set-UMIPGateway, Enable-UMIPGateway, Set-UMService, Set-UMServer,
 * Set-UMCallRouterSettings, Enable-ExchangeCertificate, Set-ClientAccessService, Set-ClientAccessServer,
 * Add-ADPermission, New-PartnerApplication, Enable-UMMailbox, Set-UMMailbox.
 *
 * Each change is read back through its Get- cmdlet; New-* answer what Get- answers, Set-* nothing; -WhatIf and every
 * refused call leave the file byte-identical; the refusals carry the real error ids and categories (not found,
 * duplicate name, enum value, parameter the cmdlet or the version lacks, access denied, read-only); the written
 * objects have the members the file's objects of their section have. Then the console's own decoder and org rules
 * judge the file the fix-like sequence left: the findings those commands fix are gone. One pwsh process runs every
 * step (each start costs about a second) and writes a report.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labSnapshotPath, parseSnapshotText } from '../../../../main/services/snapshot-loader';
import { evaluateRules } from '../../../../shared/rules/engine';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { ROOT } from '../../../support/paths';
import { type Json, labAnswer, type LabErrorInfo as ErrorInfo, labObjects, labResult, type LabResult as Result, LabScript as Script, type Obj, runLabScript } from '../../../support/lab-driver';
import { NO_LAB_PWSH as SKIP } from '../../../support/powershell';

const LAB = labSnapshotPath(ROOT);
const LAB_TEXT = readFileSync(LAB, 'utf8');

type Section = { objects: Obj[] };
const sectionOf = (text: string, name: string): Obj[] => (JSON.parse(text) as { exchange: Record<string, Section> }).exchange[name]!.objects;

// ---- the scenario ----------------------------------------------------------------------------------
const POOL = 'dal-cs-002.litwareinc.com';
const SIP_PLANS = ['Litware-SIP-Secured', 'Litware-SIP-Branch'];
const NEW_PLAN = 'Litware-Ext-SIP';
const POOL_GATEWAYS = ['1:1', '2:1', '1:2', '3:1', POOL];
const AUTODISCOVER = 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml';
const ATL2_CERT = '58C7650ED9BBEAFD1A11846F8F5228D1E6522C12';
const HOSTILE_GW = `Zoé "GW", $(whoami); O'Brien`;
const HOSTILE_HG = `HG, "x" + <y> ;$env:PATH`;
const ONLY_RECIPIENT = { groups: { 'Organization Management': [], 'Recipient Management': ['LITWAREINC\\umcadmin'] } };
const NOBODY = { groups: { 'Organization Management': [] } };

/** Every cmdlet with -WhatIf: none writes (and none errs). */
const WHATIFS: [string, Record<string, Json>][] = [
  ['New-UMIPGateway', { Name: POOL, Address: POOL }],
  ['New-UMHuntGroup', { Name: 'Litware-SIP-Branch', PilotIdentifier: 'Litware-SIP-Branch', UMDialPlan: 'Litware-SIP-Branch', UMIPGateway: '2:1' }],
  ['Remove-UMHuntGroup', { Identity: '2:1\\Litware-SIP' }],
  ['Set-UMIPGateway', { Identity: '1:2', OutcallsAllowed: false }],
  ['Enable-UMIPGateway', { Identity: 'PBX-DAL' }],
  ['Set-UMService', { Identity: 'DAL-EX-003', UMStartupMode: 'Dual' }],
  ['Set-UMCallRouterSettings', { Server: 'DAL-EX-003', DialPlans: ['Litware-SIP-Secured'] }],
  ['New-UMDialPlan', { Name: NEW_PLAN, URIType: 'SipName', NumberOfDigitsInExtension: 4, VoIPSecurity: 'Secured', CountryOrRegionCode: '1' }],
  ['Set-UMDialPlan', { Identity: 'Litware-SIP-Branch', VoIPSecurity: 'Secured' }],
  ['Enable-ExchangeCertificate', { Server: 'ATL-EX-002', Thumbprint: ATL2_CERT, Services: 'UMCallRouter' }],
  ['Set-ClientAccessService', { Identity: 'ATL-EX-002', AutoDiscoverServiceInternalUri: AUTODISCOVER }],
  ['Set-ClientAccessServer', { Identity: 'ATL-EX-002', AutoDiscoverServiceInternalUri: AUTODISCOVER }],
  ['Add-ADPermission', { Identity: 'UM AutoAttendant Container', User: 'RTCComponentUniversalServices', AccessRights: ['ListChildren', 'ReadProperty'], InheritanceType: 'All' }],
  ['New-PartnerApplication', { Name: 'Lync2', AuthMetadataUrl: 'https://atl-cs-001.litwareinc.com/metadata/json/1' }],
  ['Enable-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['4321'] }],
  ['Set-UMMailbox', { Identity: 'victor.williams0@litwareinc.com', FaxEnabled: false }],
];

/** Refusals that write nothing: [id, cmdlet, parameters, fully qualified id prefix, category, target]. */
const REFUSALS: [string, string, Record<string, Json>, string, string, Json][] = [
  ['nf:set-gw', 'Set-UMIPGateway', { Identity: 'nope', OutcallsAllowed: false }, 'Set-UMIPGateway.NotFound', 'ObjectNotFound', 'nope'],
  ['nf:enable-gw', 'Enable-UMIPGateway', { Identity: 'nope' }, 'Enable-UMIPGateway.NotFound', 'ObjectNotFound', 'nope'],
  ['nf:hg-plan', 'New-UMHuntGroup', { Name: 'x', UMDialPlan: 'No-Such-Plan', UMIPGateway: '1:1' }, 'New-UMHuntGroup.NotFound', 'ObjectNotFound', 'No-Such-Plan'],
  ['nf:hg-gw', 'New-UMHuntGroup', { Name: 'x', UMDialPlan: 'Litware-SIP-Branch', UMIPGateway: 'nope' }, 'New-UMHuntGroup.NotFound', 'ObjectNotFound', 'nope'],
  ['nf:remove-hg', 'Remove-UMHuntGroup', { Identity: '1:1\\nope', Confirm: false }, 'Remove-UMHuntGroup.NotFound', 'ObjectNotFound', '1:1\\nope'],
  ['nf:set-dp', 'Set-UMDialPlan', { Identity: 'nope', VoIPSecurity: 'Secured' }, 'Set-UMDialPlan.NotFound', 'ObjectNotFound', 'nope'],
  ['nf:umservice', 'Set-UMService', { Identity: 'NOPE-EX', UMStartupMode: 'Dual' }, 'Set-UMService.NotFound', 'ObjectNotFound', 'NOPE-EX'],
  ['nf:umservice-plan', 'Set-UMService', { Identity: 'DAL-EX-003', DialPlans: ['Litware-SIP-Secured', 'No-Such-Plan'] }, 'Set-UMService.NotFound', 'ObjectNotFound', 'No-Such-Plan'],
  [
    'nf:cert',
    'Enable-ExchangeCertificate',
    { Server: 'ATL-EX-002', Thumbprint: '0000000000000000000000000000000000000000', Services: 'UM' },
    'Enable-ExchangeCertificate.NotFound',
    'ObjectNotFound',
    '0000000000000000000000000000000000000000',
  ],
  ['nf:cas', 'Set-ClientAccessService', { Identity: 'NOPE-EX', AutoDiscoverServiceInternalUri: AUTODISCOVER }, 'Set-ClientAccessService.NotFound', 'ObjectNotFound', 'NOPE-EX'],
  [
    'nf:acl-object',
    'Add-ADPermission',
    { Identity: 'No Such Container', User: 'RTCComponentUniversalServices', AccessRights: 'ListChildren' },
    'Add-ADPermission.NotFound',
    'ObjectNotFound',
    'No Such Container',
  ],
  ['nf:acl-user', 'Add-ADPermission', { Identity: 'UM DialPlan Container', User: 'NoSuchGroup', AccessRights: 'ListChildren' }, 'Add-ADPermission.NotFound', 'ObjectNotFound', 'NoSuchGroup'],
  [
    'nf:mailbox',
    'Enable-UMMailbox',
    { Identity: 'nobody@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['4321'] },
    'Enable-UMMailbox.NotFound',
    'ObjectNotFound',
    'nobody@litwareinc.com',
  ],
  ['nf:policy', 'Enable-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'No Policy', Extensions: ['4321'] }, 'Enable-UMMailbox.NotFound', 'ObjectNotFound', 'No Policy'],
  ['dup:gw', 'New-UMIPGateway', { Name: '1:1', Address: 'atl-cs-001.litwareinc.com' }, 'New-UMIPGateway.AlreadyExists', 'ResourceExists', '1:1'],
  ['dup:dp', 'New-UMDialPlan', { Name: 'litware-ext', NumberOfDigitsInExtension: 4, CountryOrRegionCode: '1' }, 'New-UMDialPlan.AlreadyExists', 'ResourceExists', 'litware-ext'],
  ['dup:hg', 'New-UMHuntGroup', { Name: 'Litware-SIP-Secured', UMDialPlan: 'Litware-SIP-Secured', UMIPGateway: '1:1' }, 'New-UMHuntGroup.AlreadyExists', 'ResourceExists', 'Litware-SIP-Secured'],
  [
    'dup:um',
    'Enable-UMMailbox',
    { Identity: 'victor.williams0@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['4321'] },
    'Enable-UMMailbox.AlreadyUMEnabled',
    'InvalidOperation',
    'victor.williams0@litwareinc.com',
  ],
  [
    'dup:ext',
    'Enable-UMMailbox',
    { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['1000'] },
    'Enable-UMMailbox.ExtensionInUse',
    'ResourceExists',
    '1000',
  ],
  [
    'bad:ext',
    'Enable-UMMailbox',
    { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['12345'] },
    'Enable-UMMailbox.InvalidExtension',
    'InvalidArgument',
    '12345',
  ],
  [
    'bad:policy-plan',
    'Set-UMMailbox',
    { Identity: 'victor.williams0@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Branch Default Policy' },
    'Set-UMMailbox.PolicyOfAnotherDialPlan',
    'InvalidOperation',
    'Litware-SIP-Branch Default Policy',
  ],
  ['enum:voip', 'Set-UMDialPlan', { Identity: 'Litware-SIP-Branch', VoIPSecurity: 'Encrypted' }, 'ParameterArgumentTransformationError,Set-UMDialPlan', 'InvalidData', null],
  ['enum:uri', 'New-UMDialPlan', { Name: 'X', URIType: 'Sip', NumberOfDigitsInExtension: 4, CountryOrRegionCode: '1' }, 'ParameterArgumentTransformationError,New-UMDialPlan', 'InvalidData', null],
  ['enum:mode', 'Set-UMService', { Identity: 'DAL-EX-003', UMStartupMode: 'Fast' }, 'ParameterArgumentTransformationError,Set-UMService', 'InvalidData', null],
  ['enum:status', 'Set-UMIPGateway', { Identity: '1:2', Status: 'Off' }, 'ParameterArgumentTransformationError,Set-UMIPGateway', 'InvalidData', null],
  [
    'enum:services',
    'Enable-ExchangeCertificate',
    { Server: 'ATL-EX-002', Thumbprint: ATL2_CERT, Services: 'UM,Telephony' },
    'ParameterArgumentTransformationError,Enable-ExchangeCertificate',
    'InvalidData',
    null,
  ],
  [
    'enum:rights',
    'Add-ADPermission',
    { Identity: 'UM DialPlan Container', User: 'RTCComponentUniversalServices', AccessRights: ['ListChildren', 'ReadEverything'] },
    'ParameterArgumentTransformationError,Add-ADPermission',
    'InvalidData',
    null,
  ],
  ['bad:address', 'New-UMIPGateway', { Name: 'x', Address: 'not a host!' }, 'ParameterArgumentTransformationError,New-UMIPGateway', 'InvalidData', null],
  [
    'bad:uri',
    'Set-ClientAccessService',
    { Identity: 'ATL-EX-002', AutoDiscoverServiceInternalUri: 'autodiscover/xml' },
    'ParameterArgumentTransformationError,Set-ClientAccessService',
    'InvalidData',
    null,
  ],
  ['bad:telext', 'Set-UMService', { Identity: 'DAL-EX-003', DialPlans: ['Litware-SIP-Secured', 'Litware-Ext'] }, 'Set-UMService.DialPlanNotSipUri', 'InvalidOperation', 'Litware-Ext'],
  [
    'bad:um-tcp',
    'Enable-ExchangeCertificate',
    { Server: 'DAL-EX-003', Thumbprint: 'CA4825149AA2A0975CF61EC6842279B12CB52210', Services: 'UM' },
    'Enable-ExchangeCertificate.UMStartupModeNotTls',
    'InvalidOperation',
    'CA4825149AA2A0975CF61EC6842279B12CB52210',
  ],
  ['bad:ambiguous', 'Remove-UMHuntGroup', { Identity: 'Litware-SIP-Secured', Confirm: false }, 'Remove-UMHuntGroup.AmbiguousIdentity', 'InvalidArgument', 'Litware-SIP-Secured'],
  ['bad:long', 'New-UMHuntGroup', { Name: 'x'.repeat(65), UMDialPlan: 'Litware-SIP-Branch', UMIPGateway: '2:1' }, 'New-UMHuntGroup.PropertyTooLong', 'InvalidArgument', 'x'.repeat(65)],
  [
    'bad:metadata',
    'New-PartnerApplication',
    { Name: 'Other', AuthMetadataUrl: 'https://unknown.example.com/metadata/json/1' },
    'New-PartnerApplication.AuthMetadataUnreachable',
    'ConnectionError',
    'https://unknown.example.com/metadata/json/1',
  ],
  // Parameters the cmdlet does not have (Set-UMDialPlan has no -URIType: a dial plan's URI type is chosen at creation).
  ['noparam:uritype', 'Set-UMDialPlan', { Identity: 'Litware-Ext', URIType: 'SipName' }, 'NamedParameterNotFound,Set-UMDialPlan', 'InvalidArgument', null],
  ['noparam:extensions', 'Set-UMMailbox', { Identity: 'victor.williams0@litwareinc.com', Extensions: ['1001'] }, 'NamedParameterNotFound,Set-UMMailbox', 'InvalidArgument', null],
];

/** The fix-like sequence (the commands the planner sends, NOTES of the fix planner), in order. */
function fixSequence(s: Script) {
  // R-G-01: the pool without a UM IP gateway, then a hunt group per SIP URI dial plan.
  s.call('fix:gw', 'New-UMIPGateway', { Name: POOL, Address: POOL });
  s.call('fix:gw:get', 'Get-UMIPGateway', { Identity: POOL });
  for (const d of SIP_PLANS) s.call(`fix:hg:${d}`, 'New-UMHuntGroup', { Name: d, PilotIdentifier: d, UMDialPlan: d, UMIPGateway: POOL });
  s.call('fix:hg:get', 'Get-UMHuntGroup', { Identity: `${POOL}\\Litware-SIP-Branch` });
  // R-G-02 pilot and missing: 2:1's hunt group has the wrong pilot.
  s.call('fix:rm-hg', 'Remove-UMHuntGroup', { Identity: '2:1\\Litware-SIP', Confirm: false });
  for (const d of SIP_PLANS) s.call(`fix:hg2:${d}`, 'New-UMHuntGroup', { Name: d, PilotIdentifier: d, UMDialPlan: d, UMIPGateway: '2:1' });
  // R-G-09, R-G-03/05/06: gateway status and outcalls.
  s.call('fix:enable-gw', 'Enable-UMIPGateway', { Identity: 'PBX-DAL' });
  s.call('fix:enable-gw:again', 'Enable-UMIPGateway', { Identity: 'PBX-DAL' });
  s.call('fix:out:2:1', 'Set-UMIPGateway', { Identity: '2:1', OutcallsAllowed: false });
  s.call('fix:out:1:2', 'Set-UMIPGateway', { Identity: '1:2', OutcallsAllowed: false });
  s.call('fix:out:3:1', 'Set-UMIPGateway', { Identity: '3:1', OutcallsAllowed: false, MessageWaitingIndicatorAllowed: false });
  s.call('fix:out:new', 'Set-UMIPGateway', { Identity: POOL, OutcallsAllowed: false });
  // R-D-02, R-D-04: dial plan security.
  s.call('fix:voip:branch', 'Set-UMDialPlan', { Identity: 'Litware-SIP-Branch', VoIPSecurity: 'Secured' });
  s.call('fix:voip:ext', 'Set-UMDialPlan', { Identity: 'Litware-Ext', VoIPSecurity: 'secured' });
  // R-D-05, R-D-06, R-D-07: the UM services' dial plans and startup modes (a whole list replaces).
  s.call('fix:svc:plans', 'Set-UMService', { Identity: 'DAL-EX-003', DialPlans: SIP_PLANS });
  s.call('fix:svc:dal', 'Set-UMService', { Identity: 'dal-exchange-003.litwareinc.com', UMStartupMode: 'Dual' });
  s.call('fix:svc:atl2', 'Set-UMService', { Identity: 'ATL-EX-002', UMStartupMode: 'Dual' });
  s.call('fix:svc:get', 'Get-UMService', { Identity: 'DAL-EX-003' });
  // R-D-01: a new SIP URI dial plan (the URI type of Litware-Ext cannot change), on every UM server and pool gateway.
  s.call('fix:dp', 'New-UMDialPlan', { Name: NEW_PLAN, URIType: 'SipName', NumberOfDigitsInExtension: 4, VoIPSecurity: 'Secured', CountryOrRegionCode: '1' });
  s.call('fix:dp:get', 'Get-UMDialPlan', { Identity: NEW_PLAN });
  s.call('fix:dp:policy', 'Get-UMMailboxPolicy', { Identity: `${NEW_PLAN} Default Policy` });
  for (const srv of ['ATL-EX-001', 'ATL-EX-002', 'DAL-EX-003']) {
    s.call(`fix:dp:svc:${srv}`, 'Set-UMService', { Identity: srv, DialPlans: [...SIP_PLANS, NEW_PLAN] });
    s.call(`fix:dp:cr:${srv}`, 'Set-UMCallRouterSettings', { Server: srv, DialPlans: [...SIP_PLANS, NEW_PLAN] });
  }
  s.call('fix:dp:rm-hg', 'Remove-UMHuntGroup', { Identity: '1:1\\Litware-Ext', Confirm: false });
  for (const g of POOL_GATEWAYS) s.call(`fix:dp:hg:${g}`, 'New-UMHuntGroup', { Name: NEW_PLAN, PilotIdentifier: NEW_PLAN, UMDialPlan: NEW_PLAN, UMIPGateway: g });
  s.call('fix:dp:cr:get', 'Get-UMCallRouterSettings', { Server: 'ATL-EX-001' });
  // R-G-13: the AD permission ExchUcUtil grants that is missing.
  s.call('fix:acl', 'Add-ADPermission', { Identity: 'UM AutoAttendant Container', User: 'RTCComponentUniversalServices', AccessRights: ['ListChildren', 'ReadProperty'], InheritanceType: 'All' });
  s.call('fix:acl:get', 'Get-ADPermission', { Identity: 'UM AutoAttendant Container' });
  // R-O-01, R-X-03.
  s.call('fix:cas', 'Set-ClientAccessService', { Identity: 'ATL-EX-002', AutoDiscoverServiceInternalUri: AUTODISCOVER });
  s.call('fix:cas:get', 'Get-ClientAccessService', { Identity: 'ATL-EX-002' });
  s.call('fix:cert', 'Enable-ExchangeCertificate', { Server: 'ATL-EX-002', Thumbprint: ATL2_CERT, Services: 'UMCallRouter' });
  s.call('fix:cert:cr', 'Get-UMCallRouterSettings', { Server: 'ATL-EX-002' });
  s.call('fix:cert:um', 'Get-UMService', { Identity: 'ATL-EX-002' });
}

describe('lab endpoint: the Exchange configuration writes', { skip: SKIP }, () => {
  let dir = '';
  let results: Record<string, Result> = {};
  const f = (name: string) => join(dir, name);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-lab-exwrites-'));
    for (const name of ['main.json', 'e2010.json', 'e2019.json', 'rbac.json']) copyFileSync(LAB, f(name));
    const s = new Script();
    // Read-only: the shipped file is never written.
    s.init('init-ro', LAB, false);
    s.call('ro:set-gw', 'Set-UMIPGateway', { Identity: '1:2', OutcallsAllowed: false });

    s.init('init', f('main.json'), true);
    for (const [cmd, p] of WHATIFS) s.call(`whatif:${cmd}`, cmd, { ...p, WhatIf: true });
    s.copy('copy:whatif', f('after-whatif.json'));
    for (const [id, cmd, p] of REFUSALS) s.call(id, cmd, p);
    s.copy('copy:refused', f('after-refused.json'));

    fixSequence(s);
    s.copy('copy:fixed', f('after-fix.json'));

    // Hostile names are data: stored and read back byte for byte, DN-escaped.
    s.call('hostile:gw', 'New-UMIPGateway', { Name: HOSTILE_GW, Address: '10.0.0.99', UMDialPlan: 'Litware-Ext' });
    s.call('hostile:hg', 'New-UMHuntGroup', { Name: HOSTILE_HG, PilotIdentifier: '$(x)', UMDialPlan: 'Litware-SIP-Branch', UMIPGateway: HOSTILE_GW });
    s.call('hostile:hg:get', 'Get-UMHuntGroup', { Identity: `${HOSTILE_GW}\\${HOSTILE_HG}` });
    s.call('hostile:gw:get', 'Get-UMIPGateway', { Identity: HOSTILE_GW });
    s.call('rename:gw', 'Set-UMIPGateway', { Identity: HOSTILE_GW, Name: 'Renamed-GW' });
    s.call('rename:hg:get', 'Get-UMHuntGroup', { Identity: `Renamed-GW\\${HOSTILE_HG}` });
    s.call('rename:dp:get', 'Get-UMDialPlan', { Identity: 'Litware-SIP-Branch' });
    s.call('nochange', 'Set-UMIPGateway', { Identity: '1:2', OutcallsAllowed: false });
    // UM mailboxes.
    s.call('um:enable', 'Enable-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['4321'] });
    s.call('um:get', 'Get-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com' });
    s.call('um:mailbox', 'Get-Mailbox', { Identity: 'sarah.thomas1@litwareinc.com' });
    s.call('um:set', 'Set-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', FaxEnabled: false, UMSMSNotificationOption: 'voicemail' });
    s.call('um:set:get', 'Get-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com' });
    s.call('um:ext-plan', 'Enable-UMMailbox', { Identity: 'SARAH.THOMAS1@litwareinc.com', UMMailboxPolicy: 'Litware-Ext Default Policy', Extensions: ['7777'] });
    // Partner application from a Skype pool's metadata document.
    s.call('partner', 'New-PartnerApplication', { Name: 'Lync2', AuthMetadataUrl: 'https://atl-cs-001.litwareinc.com/metadata/json/1' });
    s.call('partner:dup', 'New-PartnerApplication', { Name: 'lync2', ApplicationIdentifier: '00000004-0000-0ff1-ce00-000000000000' });
    s.call('acl:merge', 'Add-ADPermission', { Identity: 'UM DialPlan Container', User: 'LITWARE\\RTCComponentUniversalServices', AccessRights: 'GenericRead', InheritanceType: 'All' });
    // A MultiValuedProperty given as @{Add=...; Remove=...} changes the list; a [Flags] value given as a list.
    s.call('hash:svc', 'Set-UMService', { Identity: 'DAL-EX-003', DialPlans: { Remove: ['Litware-SIP-Branch'], Add: [NEW_PLAN] } }, { hashes: ['DialPlans'] });
    s.call('hash:svc:get', 'Get-UMService', { Identity: 'DAL-EX-003' });
    s.call('cert:both', 'Enable-ExchangeCertificate', { Server: 'ATL-EX-001', Thumbprint: 'CA4825149AA2A0975CF61EC6842279B12CB52210', Services: ['UM', 'UMCallRouter'] });
    s.call('cert:both:um', 'Get-UMService', { Identity: 'ATL-EX-001' });
    s.call('cert:both:cr', 'Get-UMCallRouterSettings', { Server: 'ATL-EX-001' });
    s.copy('copy:end', f('after-end.json'));

    // RBAC: Organization Management is the operator's by default; a directory file can take it away.
    s.init('init-rbac', f('rbac.json'), true);
    s.directory('dir:nobody', NOBODY);
    s.call('rbac:denied', 'Set-UMIPGateway', { Identity: '1:2', OutcallsAllowed: false });
    s.directory('dir:recipient', ONLY_RECIPIENT);
    s.call('rbac:recipient-dp', 'Set-UMDialPlan', { Identity: 'Litware-Ext', VoIPSecurity: 'Secured' });
    s.call('rbac:recipient-acl', 'Add-ADPermission', { Identity: 'UM DialPlan Container', User: 'RTCComponentUniversalServices', AccessRights: 'ListChildren' });
    s.call('rbac:recipient-um', 'Enable-UMMailbox', { Identity: 'sarah.thomas1@litwareinc.com', UMMailboxPolicy: 'Litware-SIP-Secured Default Policy', Extensions: ['4321'] });
    s.directory('dir:none', null);
    s.copy('copy:rbac', f('after-rbac.json'));

    // Version profiles: Exchange 2010 (Set-UMServer, any URI type, no call router) and 2019 (no UM).
    s.init('init-2010', f('e2010.json'), true, { exchange: '2010' });
    s.call('e2010:set-umservice', 'Set-UMService', { Identity: 'ATL-EX-001', UMStartupMode: 'Dual' });
    s.call('e2010:set-cr', 'Set-UMCallRouterSettings', { Server: 'ATL-EX-001', UMStartupMode: 'Dual' });
    s.call('e2010:set-umserver', 'Set-UMServer', { Identity: 'ATL-EX-001', DialPlans: ['Litware-Ext', 'Litware-SIP-Secured'] });
    s.call('e2010:get-umserver', 'Get-UMServer', { Identity: 'ATL-EX-001' });
    s.copy('copy:2010', f('after-2010.json'));
    s.call('e2010:gw-family', 'New-UMIPGateway', { Name: 'x', Address: '10.0.0.1', IPAddressFamily: 'Any' });
    s.call('e2010:cert-cr', 'Enable-ExchangeCertificate', { Server: 'ATL-EX-002', Thumbprint: ATL2_CERT, Services: 'UMCallRouter' });
    s.call('e2010:partner', 'New-PartnerApplication', { Name: 'x', ApplicationIdentifier: 'x' });
    s.init('init-2019', f('e2019.json'), true, { exchange: '2019' });
    s.call('e2019:new-dp', 'New-UMDialPlan', { Name: 'x', NumberOfDigitsInExtension: 4, CountryOrRegionCode: '1' });
    s.call('e2019:cas', 'Set-ClientAccessService', { Identity: 'ATL-EX-002', AutoDiscoverServiceInternalUri: AUTODISCOVER });
    s.call('e2019:cas:get', 'Get-ClientAccessService', { Identity: 'ATL-EX-002' });

    // As the console receives them: remoting's serialization at depth 1.
    results = (await runLabScript(dir, s.steps, { output: 'remoting' })).results;
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const r = (id: string): Result => labResult(results, id);
  const ok = (id: string): Obj[] => labAnswer(r(id), id);
  const one = (id: string): Obj => {
    const o = ok(id);
    assert.equal(o.length, 1, `${id}: one object`);
    return o[0]!;
  };
  /** The call failed with this error (terminating, or the one error record). */
  const refused = (id: string, fqid: string, category: string, target?: Json): ErrorInfo => {
    const x = r(id);
    const e = x.terminating ?? x.errors[0];
    assert.ok(e, `${id} was not refused`);
    assert.ok(e.fqid.startsWith(fqid), `${id}: ${e.fqid} (${e.message})`);
    assert.equal(e.category, category, id);
    if (target !== undefined) assert.deepEqual(e.target, target, id);
    assert.deepEqual(labObjects(x), [], `${id} outputs nothing`);
    return e;
  };
  /** Byte-identical to the shipped file (without a diff of two megabytes when not). */
  const assertUnchanged = (path: string) => {
    const text = readFileSync(path, 'utf8');
    let i = 0;
    while (i < text.length && text[i] === LAB_TEXT[i]) i++;
    assert.ok(text.length === LAB_TEXT.length && i === text.length, `${path} differs at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 200), i + 200))}`);
  };
  const findings = (text: string): Diagnostic[] => evaluateRules(parseSnapshotText(text, 'lab.json'));
  const about = (ds: readonly Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule).map((d) => d.objects.map((o) => o.id).join(' | '));

  it('a read-only endpoint writes nothing', () => {
    refused('ro:set-gw', 'UmcLabEndpoint.ReadOnly', 'InvalidOperation');
  });

  it('-WhatIf on every cmdlet writes nothing: the file is byte-identical', () => {
    for (const [cmd] of WHATIFS) {
      const x = ok(`whatif:${cmd}`);
      assert.deepEqual(x, [], `${cmd} -WhatIf outputs nothing`);
    }
    assertUnchanged(f('after-whatif.json'));
  });

  it('refusals carry the real error ids and categories and leave the file byte-identical', () => {
    for (const [id, , , fqid, category, target] of REFUSALS) refused(id, fqid, category, target ?? undefined);
    assertUnchanged(f('after-refused.json'));
    // Not found: the same message as the Get- cmdlets' (Exchange's ManagementObjectNotFoundException text).
    assert.equal(r('nf:set-gw').terminating!.message, "The operation couldn't be performed because object 'nope' couldn't be found on 'atl-exchange-001.litwareinc.com'.");
    assert.match(
      r('dup:gw').terminating!.message,
      /^Active Directory operation failed on atl-exchange-001\.litwareinc\.com\. The object 'CN=1:1,CN=UM IPGateway Container,CN=Litware,.*' already exists\.$/,
    );
    assert.match(
      r('enum:voip').terminating!.message,
      /Cannot convert value "Encrypted" to type "Microsoft\.Exchange\.Data\.Directory\.SystemConfiguration\.UMVoIPSecurityType".*SIPSecured, Unsecured, Secured/,
    );
    assert.match(r('noparam:uritype').terminating!.message, /A parameter cannot be found that matches parameter name 'URIType'/);
    assert.match(r('bad:telext').terminating!.message, /can't be associated with a TelExt or E\.164 UM dial plan/);
    assert.match(r('bad:um-tcp').terminating!.message, /UMStartupMode of the service is TCP.*TLS or Dual/);
  });

  it('New-UMIPGateway and New-UMHuntGroup (R-G-01): the new objects read back, New-* answer what Get- answers', () => {
    const gw = one('fix:gw');
    assert.deepEqual(gw, one('fix:gw:get'), 'New-UMIPGateway answers the object Get-UMIPGateway answers');
    assert.deepEqual(
      [gw.Name, gw.Address, gw.Port, gw.Status, gw.OutcallsAllowed, gw.MessageWaitingIndicatorAllowed, gw.IPAddressFamily, gw.HuntGroups],
      [POOL, POOL, 5060, 'Enabled', true, true, 'IPv4Only', []],
    );
    const hg = one('fix:hg:Litware-SIP-Branch');
    assert.deepEqual(hg, one('fix:hg:get'));
    assert.deepEqual(
      [hg.Identity, hg.Name, hg.UMDialPlan, hg.UMIPGateway, hg.PilotIdentifier],
      [`${POOL}\\Litware-SIP-Branch`, 'Litware-SIP-Branch', 'Litware-SIP-Branch', POOL, 'Litware-SIP-Branch'],
    );
    // The file's objects keep the layout of their section and the derived lists.
    const text = readFileSync(f('after-fix.json'), 'utf8');
    const gateways = sectionOf(text, 'ipGateways');
    const fileGw = gateways.find((g) => g.Name === POOL)!;
    assert.deepEqual(Object.keys(fileGw), Object.keys(sectionOf(LAB_TEXT, 'ipGateways')[0]!));
    assert.deepEqual(fileGw.HuntGroups, [...SIP_PLANS, NEW_PLAN]);
    assert.equal(fileGw.DistinguishedName, `CN=${POOL},CN=UM IPGateway Container,CN=Litware,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=litwareinc,DC=com`);
    assert.match(String(fileGw.WhenCreated), /^\/Date\(\d+\)\/$/);
    const groups = sectionOf(text, 'huntGroups');
    const fileHg = groups.find((h) => h.Identity === `${POOL}\\Litware-SIP-Secured`)!;
    assert.deepEqual(Object.keys(fileHg), Object.keys(sectionOf(LAB_TEXT, 'huntGroups')[0]!));
    assert.equal(fileHg.DistinguishedName, `CN=Litware-SIP-Secured,${fileGw.DistinguishedName}`);
    const plan = sectionOf(text, 'dialPlans').find((d) => d.Name === 'Litware-SIP-Secured')!;
    assert.ok((plan.UMIPGateway as string[]).includes(POOL), "the dial plan's UMIPGateway lists the new gateway");
  });

  it('Remove-UMHuntGroup takes the hunt group off its gateway and the gateway off the dial plan when nothing else links them', () => {
    assert.deepEqual(ok('fix:rm-hg'), []);
    const text = readFileSync(f('after-fix.json'), 'utf8');
    assert.ok(!sectionOf(text, 'huntGroups').some((h) => h.Identity === '2:1\\Litware-SIP'));
    assert.deepEqual(sectionOf(text, 'ipGateways').find((g) => g.Name === '2:1')!.HuntGroups, [...SIP_PLANS, NEW_PLAN]);
    // 1:1\Litware-Ext was the only link of Litware-Ext to 1:1.
    assert.deepEqual(sectionOf(text, 'dialPlans').find((d) => d.Name === 'Litware-Ext')!.UMIPGateway, ['PBX-ATL']);
  });

  it('Set-UMIPGateway / Enable-UMIPGateway change the gateway and answer nothing; an unchanged setting warns', () => {
    for (const id of ['fix:enable-gw', 'fix:out:2:1', 'fix:out:1:2', 'fix:out:3:1']) assert.deepEqual(ok(id), [], id);
    assert.match(r('fix:enable-gw:again').warnings.join('\n'), /^The command completed successfully but no settings of 'PBX-DAL' have been modified\.$/);
    assert.match(r('nochange').warnings.join('\n'), /no settings of '1:2' have been modified/);
    const gateways = sectionOf(readFileSync(f('after-fix.json'), 'utf8'), 'ipGateways');
    const g = (n: string) => gateways.find((x) => x.Name === n)!;
    assert.deepEqual(
      [g('PBX-DAL').Status, g('2:1').OutcallsAllowed, g('3:1').OutcallsAllowed, g('3:1').MessageWaitingIndicatorAllowed, g('1:1').OutcallsAllowed],
      ['Enabled', false, false, false, true],
    );
  });

  it('Set-UMService: a list replaces the dial plans, the startup mode changes with a restart warning', () => {
    const svc = one('fix:svc:get');
    assert.deepEqual([svc.UMStartupMode, svc.DialPlans], ['Dual', SIP_PLANS]);
    assert.match(r('fix:svc:dal').warnings.join('\n'), /takes effect only after the Microsoft Exchange Unified Messaging \(MSExchangeUM\) service is restarted on 'DAL-EX-003'/);
    assert.deepEqual(r('fix:svc:plans').warnings, [], 'no restart warning for dial plans');
    assert.deepEqual(one('fix:dp:cr:get').DialPlans, [...SIP_PLANS, NEW_PLAN], 'Set-UMCallRouterSettings -Server');
  });

  it('New-UMDialPlan creates the SIP URI dial plan and its default UM mailbox policy', () => {
    const dp = one('fix:dp');
    assert.deepEqual(dp, one('fix:dp:get'), 'New-UMDialPlan answers the object Get-UMDialPlan answers');
    assert.deepEqual(
      [dp.Name, dp.URIType, dp.VoIPSecurity, dp.NumberOfDigitsInExtension, dp.CountryOrRegionCode, dp.PhoneContext, dp.UMMailboxPolicies, dp.SubscriberType],
      [NEW_PLAN, 'SipName', 'Secured', 4, '1', `${NEW_PLAN}.litwareinc.com`, [`${NEW_PLAN} Default Policy`], 'Enterprise'],
    );
    const policy = one('fix:dp:policy');
    assert.deepEqual([policy.Name, policy.UMDialPlan], [`${NEW_PLAN} Default Policy`, NEW_PLAN]);
    const text = readFileSync(f('after-fix.json'), 'utf8');
    const file = sectionOf(text, 'dialPlans').find((d) => d.Name === NEW_PLAN)!;
    assert.deepEqual(Object.keys(file), Object.keys(sectionOf(LAB_TEXT, 'dialPlans')[0]!));
    assert.deepEqual(file.UMIPGateway, POOL_GATEWAYS);
    assert.equal(file.ObjectCategory, 'litwareinc.com/Configuration/Schema/ms-Exch-UM-Dial-Plan');
    assert.deepEqual(Object.keys(sectionOf(text, 'mailboxPolicies').find((p) => p.Name === `${NEW_PLAN} Default Policy`)!), Object.keys(sectionOf(LAB_TEXT, 'mailboxPolicies')[0]!));
  });

  it('Add-ADPermission stores the ACE as Get-ADPermission shows the others; a second grant widens it', () => {
    const ace = one('fix:acl');
    assert.deepEqual(
      [ace.Identity, ace.User, ace.AccessRights, ace.InheritanceType, ace.IsInherited, ace.Deny],
      ['UM AutoAttendant Container', 'LITWARE\\RTCComponentUniversalServices', 'ListChildren, ReadProperty', 'All', false, false],
    );
    assert.equal(ok('fix:acl:get').filter((a) => a.User === 'LITWARE\\RTCComponentUniversalServices').length, 1);
    const merged = one('acl:merge');
    assert.equal(merged.AccessRights, 'ListChildren, ReadProperty, GenericRead');
    const perms = sectionOf(readFileSync(f('after-end.json'), 'utf8'), 'permissions');
    assert.equal(perms.filter((p) => p.Identity === 'UM DialPlan Container' && p.User === 'LITWARE\\RTCComponentUniversalServices').length, 1, 'merged, not repeated');
    assert.deepEqual(Object.keys(perms[perms.length - 1]!), Object.keys(sectionOf(LAB_TEXT, 'permissions')[0]!));
  });

  it('Set-ClientAccessService and Enable-ExchangeCertificate: the URI and the certificate binding read back', () => {
    assert.equal(one('fix:cas:get').AutoDiscoverServiceInternalUri, AUTODISCOVER);
    assert.equal(one('fix:cert:cr').UMCertificateThumbprint, ATL2_CERT, "the call router's certificate");
    assert.equal(one('fix:cert:um').UMCertificateThumbprint, ATL2_CERT, 'UM stays where it was');
    const certs = sectionOf(readFileSync(f('after-fix.json'), 'utf8'), 'certificates');
    assert.equal(certs.find((c) => c.Identity === `atl-exchange-002.litwareinc.com\\${ATL2_CERT}`)!.Services, 'IMAP, POP, UM, IIS, SMTP, UMCallRouter', 'additive, in the flags order');
  });

  it("the console's decoder and org rules: the findings the sequence fixes are gone", () => {
    const before = findings(LAB_TEXT);
    const afterFix = findings(readFileSync(f('after-fix.json'), 'utf8'));
    // Each was there before (so this test can fail) and is gone after.
    const gone: [string, string][] = [
      ['R-G-01', POOL],
      ['R-G-02', '2:1'],
      ['R-G-09', 'PBX-DAL'],
      ['R-G-05', '1:2'],
      ['R-G-06', '3:1'],
      ['R-D-02', 'Litware-SIP-Branch'],
      ['R-D-04', 'Litware-Ext'],
      ['R-D-05', 'DAL-EX-003'],
      ['R-D-06', 'DAL-EX-003'],
      ['R-D-07', 'ATL-EX-002'],
      ['R-D-01', 'Litware-Ext'],
      ['R-G-13', 'Litware'],
      ['R-O-01', 'ATL-EX-002'],
      ['R-X-03', 'ATL-EX-002'],
    ];
    for (const [rule, what] of gone) {
      assert.ok(
        about(before, rule).some((o) => o.includes(what)),
        `${rule} (${what}) fires on the lab org`,
      );
      assert.deepEqual(
        about(afterFix, rule).filter((o) => o.includes(what)),
        [],
        `${rule} (${what}) is gone`,
      );
    }
    assert.deepEqual(about(afterFix, 'R-G-03'), [], 'one outcall gateway per SIP dial plan');
    // The new dial plan and gateway bring no gateway or dial plan finding of their own.
    for (const rule of ['R-G-01', 'R-G-02', 'R-D-05']) assert.deepEqual(about(afterFix, rule), [], rule);
  });

  it('hostile names are stored as data, DN-escaped, and follow a rename', () => {
    const gw = one('hostile:gw');
    assert.equal(gw.Name, HOSTILE_GW);
    assert.deepEqual(gw.HuntGroups, ['Default Hunt Group'], 'New-UMIPGateway -UMDialPlan links the dial plan by a default hunt group');
    const hg = one('hostile:hg:get');
    assert.deepEqual([hg.Identity, hg.Name, hg.PilotIdentifier], [`${HOSTILE_GW}\\${HOSTILE_HG}`, HOSTILE_HG, '$(x)']);
    const text = readFileSync(f('after-end.json'), 'utf8');
    const fileHg = sectionOf(text, 'huntGroups').find((h) => h.Name === HOSTILE_HG)!;
    assert.equal(
      fileHg.DistinguishedName,
      'CN=HG\\, \\"x\\" \\+ \\<y\\> \\;$env:PATH,CN=Renamed-GW,CN=UM IPGateway Container,CN=Litware,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=litwareinc,DC=com',
    );
    assert.deepEqual(ok('rename:gw'), []);
    assert.equal(one('rename:hg:get').UMIPGateway, 'Renamed-GW');
    assert.ok(
      sectionOf(text, 'dialPlans')
        .find((d) => d.Name === 'Litware-SIP-Branch')!
        .UMIPGateway!.toString()
        .includes('Renamed-GW'),
    );
    assert.ok(!text.includes(`"UMIPGateway": "${HOSTILE_GW.replace(/"/g, '\\"')}"`), 'no hunt group still names the old gateway name');
  });

  it('Enable-UMMailbox / Set-UMMailbox: the UM mailbox, the EUM addresses, the policy rule', () => {
    const um = one('um:enable');
    assert.deepEqual(um, one('um:get'));
    assert.deepEqual(
      [um.UMEnabled, um.UMDialPlan, um.UMMailboxPolicy, um.Extensions, um.SIPResourceIdentifier],
      [true, 'Litware-SIP-Secured', 'Litware-SIP-Secured Default Policy', ['sarah.thomas1@litwareinc.com', '4321'], 'sarah.thomas1@litwareinc.com'],
    );
    const mailbox = one('um:mailbox');
    assert.equal(mailbox.UMEnabled, true);
    assert.deepEqual((mailbox.EmailAddresses as string[]).slice(-2), [
      'eum:sarah.thomas1@litwareinc.com;phone-context=Litware-SIP-Secured.litwareinc.com',
      'eum:4321;phone-context=Litware-SIP-Secured.litwareinc.com',
    ]);
    assert.deepEqual(ok('um:set'), []);
    assert.deepEqual(r('um:set').warnings, [], 'the policy is the same, the other settings changed');
    const set = one('um:set:get');
    assert.deepEqual([set.FaxEnabled, set.UMSMSNotificationOption], [false, 'VoiceMail']);
    refused('um:ext-plan', 'Enable-UMMailbox.AlreadyUMEnabled', 'InvalidOperation');
    const text = readFileSync(f('after-end.json'), 'utf8');
    const org = parseSnapshotText(text, 'lab.json');
    const user = org.mailboxes.find((m) => m.primarySmtpAddress === 'sarah.thomas1@litwareinc.com');
    assert.ok(user, 'the decoder reads the mailbox');
    assert.deepEqual(
      [user.umEnabled, user.umDialPlan, user.umMailboxPolicy, user.extensions, user.sipResourceIdentifier],
      [true, 'Litware-SIP-Secured', 'Litware-SIP-Secured Default Policy', ['sarah.thomas1@litwareinc.com', '4321'], 'sarah.thomas1@litwareinc.com'],
    );
  });

  it('@{Add; Remove} changes a list; Enable-ExchangeCertificate moves UM and UMCallRouter off the previous certificate', () => {
    assert.deepEqual(ok('hash:svc'), []);
    assert.deepEqual(one('hash:svc:get').DialPlans, ['Litware-SIP-Secured', NEW_PLAN]);
    assert.deepEqual(ok('cert:both'), []);
    assert.equal(one('cert:both:um').UMCertificateThumbprint, 'CA4825149AA2A0975CF61EC6842279B12CB52210');
    assert.equal(one('cert:both:cr').UMCertificateThumbprint, 'CA4825149AA2A0975CF61EC6842279B12CB52210');
    const certs = sectionOf(readFileSync(f('after-end.json'), 'utf8'), 'certificates');
    const services = (id: string) => certs.find((c) => c.Identity === `atl-exchange-001.litwareinc.com\\${id}`)!.Services;
    assert.deepEqual([services('CA4825149AA2A0975CF61EC6842279B12CB52210'), services('5A8B7A3381FCF5D6B78497FF21E1D55660196E2E')], ['UM, IIS, SMTP, UMCallRouter', 'None']);
  });

  it('New-PartnerApplication reads the application identifier of a Skype pool metadata document', () => {
    const p = one('partner');
    assert.deepEqual([p.Name, p.AuthMetadataUrl, p.ApplicationIdentifier, p.Enabled], ['Lync2', 'https://atl-cs-001.litwareinc.com/metadata/json/1', '00000004-0000-0ff1-ce00-000000000000', true]);
    refused('partner:dup', 'New-PartnerApplication.AlreadyExists', 'ResourceExists', 'lync2');
  });

  it('RBAC: Organization Management by default; without it Access is denied; Recipient Management may enable UM mailboxes only', () => {
    const e = refused('rbac:denied', 'Set-UMIPGateway.AccessDenied', 'PermissionDenied', 'LITWAREINC\\umcadmin');
    assert.match(e.message, /is not a member of Organization Management, the role that may run Set-UMIPGateway/);
    refused('rbac:recipient-dp', 'Set-UMDialPlan.AccessDenied', 'PermissionDenied');
    refused('rbac:recipient-acl', 'Add-ADPermission.AccessDenied', 'PermissionDenied');
    assert.equal(one('rbac:recipient-um').UMEnabled, true);
  });

  it('version profiles: 2010 has Set-UMServer and any URI type, no Set-UMService nor call router; 2019 has no UM', () => {
    refused('e2010:set-umservice', 'CommandNotFoundException', 'ObjectNotFound');
    refused('e2010:set-cr', 'CommandNotFoundException', 'ObjectNotFound');
    assert.deepEqual(ok('e2010:set-umserver'), []);
    // The file holds the list given; the 2010 profile also shows the dial plans no server answers on a server that fits them.
    assert.deepEqual(sectionOf(readFileSync(f('after-2010.json'), 'utf8'), 'umServices').find((u) => u.Name === 'ATL-EX-001')!.DialPlans, ['Litware-Ext', 'Litware-SIP-Secured']);
    const shown = one('e2010:get-umserver').DialPlans as string[];
    assert.ok(shown.includes('Litware-Ext') && shown.includes('Litware-SIP-Secured'), 'a TelExt dial plan on a 2010 UM server');
    refused('e2010:gw-family', 'NamedParameterNotFound,New-UMIPGateway', 'InvalidArgument');
    assert.match(refused('e2010:cert-cr', 'ParameterArgumentTransformationError,Enable-ExchangeCertificate', 'InvalidData').message, /None, IMAP, POP, UM, IIS, SMTP, Federation"$/);
    refused('e2010:partner', 'CommandNotFoundException', 'ObjectNotFound');
    refused('e2019:new-dp', 'CommandNotFoundException', 'ObjectNotFound');
    assert.equal(one('e2019:cas:get').AutoDiscoverServiceInternalUri, AUTODISCOVER);
  });
});
