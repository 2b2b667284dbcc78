/**
 * The lab endpoint's writes, which the contact editor makes through the same path as live: New-,
 * Set-, Move-, Remove-CsExUmContact, Test-CsOUPermission and the directory reads (Get-OrganizationalUnit, Get-Group, Get-User), in real PowerShell, against a temporary
 * COPY of the lab snapshot (the shipped file is never opened writable).
 *
 * Each refusal of the documented rules (R-C-01..04, 07, 09, 10) is checked with its error id, category,
 * message and target; create / set / move / remove are read back through Get-CsExUmContact in the file's
 * shape; -WhatIf and a read-only endpoint write nothing; the file after the writes is still a snapshot whose
 * bytes outside the contacts array are the original's and whose contacts array is laid out like the rest of
 * the file; a refused write leaves the file byte-identical; a second runspace's write is seen; a new process
 * finds the changes. One pwsh process runs a list of steps (each start costs about a second) and writes a
 * report; a second one checks persistence.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labSnapshotPath } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';
import { labAnswer, labObjects, type LabReport as Report, labResult, type LabResult as Result, LabScript as Script, type LabStep as Step, type Obj, runLabScript } from '../../../support/lab-driver';
import { NO_LAB_PWSH as SKIP } from '../../../support/powershell';

const LAB = labSnapshotPath(ROOT);
const LAB_TEXT = readFileSync(LAB, 'utf8');
const lab = JSON.parse(LAB_TEXT) as { skype: Record<string, { objects: Obj[] }> };
const CONTACTS = lab.skype.exUmContacts.objects;
const DOMAIN = 'DC=litwareinc,DC=com';
const SPECIAL = `OU=RTC Special Accounts,${DOMAIN}`;
const LOCKED = `OU=Locked Contacts,${DOMAIN}`;
const USERS_OU = `OU=Users,${DOMAIN}`;

// ---- the file's layout -----------------------------------------------------------------------------
/** [start, end) of the skype.exUmContacts.objects array text ('[' … ']'), found by scanning the JSON. */
function contactsArraySpan(text: string): [number, number] {
  const section = text.indexOf('"exUmContacts"');
  const open = text.indexOf('[', text.indexOf('"objects"', section));
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return [open, i + 1];
    }
  }
  throw new Error('no contacts array');
}

/** The file is a snapshot, every byte outside the contacts array is the original's, and the array is laid out like the file. */
function assertSpliced(text: string): Obj[] {
  const parsed = JSON.parse(text) as { skype: Record<string, { objects: Obj[] }> };
  const [s0, e0] = contactsArraySpan(LAB_TEXT);
  const [s1, e1] = contactsArraySpan(text);
  assert.equal(s1, s0);
  assert.equal(text.slice(0, s1), LAB_TEXT.slice(0, s0), 'the bytes before the contacts array are the original ones');
  assert.equal(text.slice(e1), LAB_TEXT.slice(e0), 'the bytes after the contacts array are the original ones');
  const objects = parsed.skype.exUmContacts.objects;
  // The lab file is JSON.stringify(…, null, 1): the array sits three levels deep.
  assert.equal(text.slice(s1, e1), JSON.stringify(objects, null, 1).split('\n').join('\n   '), 'the contacts array is laid out like the rest of the file');
  return objects;
}

// ---- the scenario ----------------------------------------------------------------------------------
const NEW_SIP = 'sip:Contoso.AA@litwareinc.com';
const NEW_DESCRIPTION = 'Zoé "AA" \\ \t tab\nline \u0000 \u0001 \u007f \u2028 東京 😀 $(x) `\'';
const VALID = { SipAddress: 'sip:Valid.New@litwareinc.com', RegistrarPool: 'atl-cs-001.litwareinc.com', DisplayNumber: '+14255550900', OU: SPECIAL };
const OTHER_SIP = 'sip:FromOther@litwareinc.com';

/** Refusals: [id, override of VALID, reason, category, target, message pattern]. */
const REFUSALS: [string, Record<string, string>, string, string, string, RegExp][] = [
  ['sip-no-scheme', { SipAddress: 'Valid.New@litwareinc.com' }, 'InvalidSipAddress', 'InvalidArgument', 'Valid.New@litwareinc.com', /must begin with "sip:"/],
  ['sip-space', { SipAddress: 'sip:has space@litwareinc.com' }, 'InvalidSipAddress', 'InvalidArgument', 'sip:has space@litwareinc.com', /form sip:user@domain/],
  ['sip-no-domain', { SipAddress: 'sip:nodomain' }, 'InvalidSipAddress', 'InvalidArgument', 'sip:nodomain', /form sip:user@domain/],
  ['sip-no-user', { SipAddress: 'sip:@litwareinc.com' }, 'InvalidSipAddress', 'InvalidArgument', 'sip:@litwareinc.com', /form sip:user@domain/],
  [
    'sip-contact',
    { SipAddress: 'SIP:litwaremainaa@LITWAREINC.COM' },
    'SipAddressInUse',
    'ResourceExists',
    'SIP:litwaremainaa@LITWAREINC.COM',
    /already in use by the Exchange UM contact "CN=\{4f1b2c3d-1111-4a5b-9c8d-000000000002\}/,
  ],
  ['sip-user', { SipAddress: 'sip:THEO.WILSON3@litwareinc.com' }, 'SipAddressInUse', 'ResourceExists', 'sip:THEO.WILSON3@litwareinc.com', /already in use by the user/],
  ['number-zero', { DisplayNumber: '+04255550900' }, 'InvalidDisplayNumber', 'InvalidArgument', '+04255550900', /first digit cannot be 0/],
  ['number-letters', { DisplayNumber: '425-555-0900' }, 'InvalidDisplayNumber', 'InvalidArgument', '425-555-0900', /only digits/],
  ['number-used', { DisplayNumber: '+14255550199' }, 'DisplayNumberInUse', 'ResourceExists', '+14255550199', /unique across all Exchange UM contacts/],
  ['pool-unknown', { RegistrarPool: 'nope.litwareinc.com' }, 'RegistrarPoolNotFound', 'ObjectNotFound', 'nope.litwareinc.com', /Registrar pool "nope\.litwareinc\.com"/],
  ['pool-not-a-pool', { RegistrarPool: 'atl-fe-01.litwareinc.com' }, 'RegistrarPoolNotFound', 'ObjectNotFound', 'atl-fe-01.litwareinc.com', /running the Registrar service/],
  ['ou-missing', { OU: `OU=Nope,${DOMAIN}` }, 'OUNotFound', 'ObjectNotFound', `OU=Nope,${DOMAIN}`, /organizational unit "OU=Nope,DC=litwareinc,DC=com" was not found/],
  ['ou-denied', { OU: LOCKED }, 'OUAccessDenied', 'PermissionDenied', LOCKED, /Access is denied.*Grant-CsOUPermission -OU "OU=Locked Contacts,DC=litwareinc,DC=com" -ObjectType Contact/],
  ['description-long', { Description: 'x'.repeat(1025) }, 'DescriptionTooLong', 'InvalidArgument', 'x'.repeat(1025), /1025 characters; the maximum is 1024/],
];

function buildMain(dir: string, data: string): Step[] {
  const s = new Script();
  const f = (name: string) => join(dir, name);
  // Read-only: every write refuses, nothing changes.
  s.init('init-ro', data, false);
  s.call('ro:new', 'New-CsExUmContact', VALID);
  s.call('ro:set', 'Set-CsExUmContact', { Identity: 'LitwareMainAA@litwareinc.com', Description: 'x' });
  s.call('ro:move', 'Move-CsExUmContact', { Identity: 'LitwareMainAA@litwareinc.com', Target: 'dal-cs-002.litwareinc.com', Confirm: false });
  s.call('ro:remove', 'Remove-CsExUmContact', { Identity: 'LitwareMainAA@litwareinc.com', Confirm: false });
  s.call('ro:test-ou', 'Test-CsOUPermission', { OU: SPECIAL, ObjectType: 'Contact' });
  s.copy('copy:ro', f('after-ro.json'));

  s.init('init', data, true);
  s.call('info', 'Get-UmcLabEndpointInfo');
  for (const [id, override] of REFUSALS) s.call(`refuse:${id}`, 'New-CsExUmContact', { ...VALID, ...override });
  // Neither cmdlet has a DisplayName parameter (their reference pages): the double refuses it as PowerShell's binder would.
  s.call('refuse:displayName:new', 'New-CsExUmContact', { ...VALID, DisplayName: 'Named SA' });
  s.call('refuse:displayName:set', 'Set-CsExUmContact', { Identity: 'LitwareMainAA@litwareinc.com', DisplayName: 'Named AA' });
  s.copy('copy:refused', f('after-refused.json'));

  // Directory reads and OU permissions.
  s.call('ous', 'Get-OrganizationalUnit');
  s.call('ou:canonical', 'Get-OrganizationalUnit', { Identity: 'litwareinc.com/RTC Special Accounts' });
  s.call('ou:missing', 'Get-OrganizationalUnit', { Identity: 'litwareinc.com/Nope' });
  s.call('groups', 'Get-Group');
  s.call('group', 'Get-Group', { Identity: 'rtcuniversaluseradmins' });
  s.call('users', 'Get-User');
  s.call('user', 'Get-User', { Identity: 'LITWAREINC\\umcadmin' });
  s.call('perm:special', 'Test-CsOUPermission', { OU: SPECIAL, ObjectType: 'Contact' });
  s.call('perm:canonical', 'Test-CsOUPermission', { OU: 'litwareinc.com/RTC Special Accounts', ObjectType: 'User' });
  s.call('perm:locked', 'Test-CsOUPermission', { OU: LOCKED, ObjectType: 'Contact' });
  s.call('perm:missing', 'Test-CsOUPermission', { OU: `OU=Nope,${DOMAIN}`, ObjectType: 'Contact' });
  s.call('perm:bad-type', 'Test-CsOUPermission', { OU: SPECIAL, ObjectType: 'Printer' });

  // Create; -WhatIf writes nothing.
  s.call('new', 'New-CsExUmContact', {
    SipAddress: NEW_SIP,
    RegistrarPool: 'DAL-CS-002.LITWAREINC.COM',
    DisplayNumber: '+14255550777',
    OU: 'litwareinc.com/RTC Special Accounts',
    AutoAttendant: true,
    Description: NEW_DESCRIPTION,
  });
  s.call('new:get', 'Get-CsExUmContact', { Identity: NEW_SIP.toUpperCase() });
  s.copy('copy:new', f('after-new.json'));
  s.call('new:whatif', 'New-CsExUmContact', { ...VALID, WhatIf: true });
  s.call('new:sa', 'New-CsExUmContact', { SipAddress: 'sip:Users.SA@litwareinc.com', RegistrarPool: 'dal-cs-se01.litwareinc.com', DisplayNumber: '14255550888', OU: USERS_OU, PassThru: true });
  s.copy('copy:whatif', f('after-whatif.json'));

  // Set.
  s.call('set:number', 'Set-CsExUmContact', { Identity: 'contoso.aa@litwareinc.com', DisplayNumber: '+14255550778' });
  s.call('set:number:get', 'Get-CsExUmContact', { Identity: NEW_SIP });
  s.call('set:number-used', 'Set-CsExUmContact', { Identity: NEW_SIP, DisplayNumber: '+14255550100' });
  s.call('set:number-bad', 'Set-CsExUmContact', { Identity: NEW_SIP, DisplayNumber: '0' });
  s.call('set:number-own', 'Set-CsExUmContact', { Identity: NEW_SIP, DisplayNumber: '+14255550778' });
  s.call('set:type', 'Set-CsExUmContact', { Identity: NEW_SIP, AutoAttendant: false, PassThru: true });
  s.call('set:flags', 'Set-CsExUmContact', { Identity: NEW_SIP, Enabled: false, EnterpriseVoiceEnabled: false, Description: 'plain' });
  s.call('set:sip-own-case', 'Set-CsExUmContact', { Identity: NEW_SIP, SipAddress: 'sip:contoso.aa@litwareinc.com', PassThru: true });
  s.call('set:sip-used', 'Set-CsExUmContact', { Identity: 'sip:contoso.aa@litwareinc.com', SipAddress: 'sip:BranchAA@litwareinc.com' });
  s.call('set:missing', 'Set-CsExUmContact', { Identity: 'sip:nobody@litwareinc.com', Description: 'x' });
  s.call('get:missing', 'Get-CsExUmContact', { Identity: 'sip:nobody@litwareinc.com' });
  s.call('set:whatif', 'Set-CsExUmContact', { Identity: 'sip:contoso.aa@litwareinc.com', Description: 'not written', WhatIf: true });
  s.call('set:get', 'Get-CsExUmContact', { Identity: 'sip:contoso.aa@litwareinc.com' });

  // Move.
  s.call('move', 'Move-CsExUmContact', { Identity: 'sip:contoso.aa@litwareinc.com', Target: 'red-sba-01.litwareinc.com', Confirm: false, PassThru: true });
  s.call('move:derived', 'Move-CsExUmContact', { Identity: 'Users.SA', Target: 'atl-dir-001.litwareinc.com', Confirm: false, PassThru: true });
  s.call('move:unknown', 'Move-CsExUmContact', { Identity: 'Users.SA', Target: 'nope.litwareinc.com', Confirm: false });
  s.call('move:whatif', 'Move-CsExUmContact', { Identity: 'Users.SA', Target: 'atl-cs-001.litwareinc.com', WhatIf: true });
  s.call('move:get', 'Get-CsExUmContact', { Identity: 'Users.SA' });

  // Another writer (a second runspace with its own module instance) changes the file; this one sees it.
  s.other('other:new', 'New-CsExUmContact', { SipAddress: OTHER_SIP, RegistrarPool: 'atl-cs-001.litwareinc.com', DisplayNumber: '+14255550555', OU: SPECIAL });
  s.call('after-other:number', 'New-CsExUmContact', { ...VALID, DisplayNumber: '+14255550555' });
  s.call('after-other:get', 'Get-CsExUmContact', { Identity: OTHER_SIP });

  // Remove: -WhatIf, then for real (the first contact of the file, one in the middle).
  s.call('remove:whatif', 'Remove-CsExUmContact', { Identity: 'sip:Users.SA@litwareinc.com', WhatIf: true });
  s.call('remove:whatif:get', 'Get-CsExUmContact', { Identity: 'sip:Users.SA@litwareinc.com' });
  s.call('remove', 'Remove-CsExUmContact', { Identity: 'sip:Users.SA@litwareinc.com', Confirm: false });
  s.call('remove:get', 'Get-CsExUmContact', { Identity: 'sip:Users.SA@litwareinc.com' });
  s.call('remove:first', 'Remove-CsExUmContact', { Identity: String(CONTACTS[0].Identity), Confirm: false });
  s.call('remove:missing', 'Remove-CsExUmContact', { Identity: 'sip:Users.SA@litwareinc.com', Confirm: false });

  // The directory override file.
  s.directory('dir:override', {
    groups: { RTCUniversalServerAdmins: [], RTCUniversalUserAdmins: ['LITWAREINC\\umcadmin', 'LITWAREINC\\helpdesk'] },
    deniedOus: [SPECIAL],
    ous: [SPECIAL, `OU=Voice,OU=Services,${DOMAIN}`],
  });
  s.call('dir:groups', 'Get-Group');
  s.call('dir:user', 'Get-User', { Identity: 'helpdesk@litwareinc.com' });
  s.call('dir:ous', 'Get-OrganizationalUnit');
  s.call('dir:perm-special', 'Test-CsOUPermission', { OU: SPECIAL, ObjectType: 'Contact' });
  s.call('dir:perm-voice', 'Test-CsOUPermission', { OU: `OU=Voice,OU=Services,${DOMAIN}`, ObjectType: 'Contact' });
  s.call('dir:perm-users', 'Test-CsOUPermission', { OU: USERS_OU, ObjectType: 'Contact' });
  s.call('dir:new-voice', 'New-CsExUmContact', { ...VALID, OU: `OU=Voice,OU=Services,${DOMAIN}` });
  s.directory('dir:not-admin', { operator: 'LITWAREINC\\someone', groups: { RTCUniversalUserAdmins: ['LITWAREINC\\umcadmin'] } });
  s.call('dir:info', 'Get-UmcLabEndpointInfo');
  s.call('dir:new-denied', 'New-CsExUmContact', { ...VALID, DisplayNumber: '+14255550901', SipAddress: 'sip:Denied@litwareinc.com' });
  s.directory('dir:bad', { groups: ['not', 'an', 'object'] } as unknown as object);
  s.call('dir:bad-groups', 'Get-Group');
  s.directory('dir:off', null);

  // Faults reach the write cmdlets too.
  s.call('fault:new', 'New-CsExUmContact', VALID, { fault: { 'New-CsExUmContact': { throw: 'lab fault: directory down' } } });
  s.call('fault:remove', 'Remove-CsExUmContact', { Identity: OTHER_SIP, Confirm: false }, { fault: { 'Remove-CsExUmContact': { throw: 'lab fault: remove' } } });
  s.copy('copy:final', f('after-all.json'));
  return s.steps;
}

function buildSecond(data: string): Step[] {
  const s = new Script();
  s.init('init', data, false);
  s.call('all', 'Get-CsExUmContact');
  return s.steps;
}

// ---- tests -------------------------------------------------------------------------------------------
describe('lab endpoint writes (real pwsh, a copy of the lab org)', { skip: SKIP }, () => {
  let dir: string;
  let data: string;
  let main: Report;
  let second: Report;
  const r = (id: string): Result => labResult(main.results, id);
  /** The members remoting adds to every object; the file holds them from its capture, the cmdlets' objects do not. */
  const REMOTING = ['PSComputerName', 'RunspaceId', 'PSShowComputerName'];
  /** Test-CsOUPermission's answers: the Result of each TaskOutput (Success: the permissions are set). */
  const ouResults = (id: string): unknown[] => {
    assert.equal(r(id).terminating, null, `${id}: ${JSON.stringify(r(id).terminating)}`);
    return labObjects(r(id)).map((o) => o.Result);
  };
  const only = (id: string): Obj => {
    const o = labAnswer(r(id), id);
    assert.equal(o.length, 1, `${id}: ${r(id).json}`);
    return o[0];
  };
  const refused = (id: string, command: string, reason: string, category: string, target: string, message?: RegExp) => {
    const t = r(id).terminating;
    assert.ok(t, `${id} was not refused: ${r(id).json}`);
    assert.equal(t.fqid.split(',')[0], `${command}.${reason}`, `${id}: ${t.message}`);
    assert.equal(t.category, category, id);
    assert.equal(t.target, target, id);
    if (message) assert.match(t.message, message, id);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-lab-writes-'));
    data = join(dir, 'litwareinc.umcsnap.json');
    copyFileSync(LAB, data);
    main = await runLabScript(dir, buildMain(dir, data), { name: 'main' });
    second = await runLabScript(dir, buildSecond(data), { name: 'second' });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a read-only endpoint refuses every write plainly and the file is untouched', () => {
    for (const id of ['ro:new', 'ro:set', 'ro:move', 'ro:remove']) {
      const t = r(id).terminating;
      assert.equal(t?.fqid.split(',')[0], 'UmcLabEndpoint.ReadOnly', id);
      assert.match(t!.message, /The lab endpoint is read-only/);
      assert.match(t!.message, /-Writable/);
    }
    assert.deepEqual(ouResults('ro:test-ou'), ['Success'], 'Test-CsOUPermission reads, so it answers');
    assert.equal(readFileSync(join(dir, 'after-ro.json'), 'utf8'), LAB_TEXT);
  });

  it('each documented rule refuses New-CsExUmContact with its reason, and the file stays byte-identical', () => {
    for (const [id, , reason, category, target, message] of REFUSALS) refused(`refuse:${id}`, 'New-CsExUmContact', reason, category, target, message);
    assert.equal(readFileSync(join(dir, 'after-refused.json'), 'utf8'), LAB_TEXT);
  });

  it('New- and Set-CsExUmContact take no -DisplayName: refused by parameter binding, nothing written', () => {
    for (const id of ['refuse:displayName:new', 'refuse:displayName:set']) {
      const t = r(id).terminating;
      assert.equal(t?.fqid.split(',')[0], 'NamedParameterNotFound', `${id}: ${JSON.stringify(t)}`);
      assert.match(t!.message, /DisplayName/);
    }
    assert.equal(readFileSync(join(dir, 'after-refused.json'), 'utf8'), LAB_TEXT);
  });

  it('creates a contact in the file shape and Get-CsExUmContact returns it', () => {
    const created = only('new');
    const got = only('new:get');
    assert.deepEqual(got, created);
    // The cmdlet's object is an OCSADExUmContact: the file's members but the remoting ones, which remoting adds.
    assert.deepEqual(
      Object.keys(created),
      Object.keys(CONTACTS[0]).filter((k) => !REMOTING.includes(k)),
      'the same properties in the same order as the file',
    );
    const dal = CONTACTS.find((c) => c.RegistrarPool === 'atl-cs-001.litwareinc.com')!;
    assert.match(String(created.Identity), /^CN=\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\},OU=RTC Special Accounts,DC=litwareinc,DC=com$/);
    assert.deepEqual(
      { ...created, Identity: null },
      {
        Identity: null,
        RegistrarPool: 'dal-cs-002.litwareinc.com', // as the topology spells it
        // no contact on that pool yet: from its Registrar service id 2-Registrar-2
        HomeServer: 'CN=Lc Services,CN=Microsoft,CN=2:2,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com',
        DisplayName: 'Contoso.AA',
        SipAddress: NEW_SIP,
        DisplayNumber: '+14255550777',
        LineURI: 'tel:+14255550777',
        OtherIpPhone: ['AutoAttendant'],
        AutoAttendant: true,
        IsSubscriberAccess: false,
        Enabled: true,
        EnterpriseVoiceEnabled: true,
        ExUmEnabled: false,
        HostedVoicemailPolicy: null,
        Description: NEW_DESCRIPTION,
        ExchangeArchivingPolicy: 'Uninitialized',
      },
    );
    const sa = only('new:sa');
    assert.deepEqual([sa.OtherIpPhone, sa.AutoAttendant, sa.IsSubscriberAccess, sa.LineURI], [['SubscriberAccess'], false, true, 'tel:14255550888']);
    assert.match(String(sa.Identity), /,OU=Users,DC=litwareinc,DC=com$/);
    const file = assertSpliced(readFileSync(join(dir, 'after-new.json'), 'utf8'));
    assert.equal(file.length, CONTACTS.length + 1);
    assert.equal(file[file.length - 1].Description, NEW_DESCRIPTION, 'the file holds the text byte for byte');
    // The file keeps its own shape: the new contact has the members the file's contacts have, remoting ones included.
    assert.deepEqual(Object.keys(file[file.length - 1]), Object.keys(CONTACTS[0]));
    assert.deepEqual([file[file.length - 1].PSComputerName, file[file.length - 1].RunspaceId, file[file.length - 1].PSShowComputerName], [dal.PSComputerName, dal.RunspaceId, false]);
  });

  it('-WhatIf creates nothing', () => {
    assert.deepEqual(labObjects(r('new:whatif')), []);
    assert.equal(r('new:whatif').terminating, null);
    const afterNew = readFileSync(join(dir, 'after-new.json'), 'utf8');
    const afterWhatIf = JSON.parse(readFileSync(join(dir, 'after-whatif.json'), 'utf8')).skype.exUmContacts.objects as Obj[];
    assert.equal(afterWhatIf.length, JSON.parse(afterNew).skype.exUmContacts.objects.length + 1, 'only the -PassThru creation after it');
    assert.ok(!afterWhatIf.some((c) => c.SipAddress === VALID.SipAddress));
  });

  it('Set-CsExUmContact: a number rewrites LineURI, a type rewrites OtherIpPhone and IsSubscriberAccess, no output without -PassThru', () => {
    assert.deepEqual(labObjects(r('set:number')), []);
    const n = only('set:number:get');
    assert.deepEqual([n.DisplayNumber, n.LineURI], ['+14255550778', 'tel:+14255550778']);
    refused('set:number-used', 'Set-CsExUmContact', 'DisplayNumberInUse', 'ResourceExists', '+14255550100');
    refused('set:number-bad', 'Set-CsExUmContact', 'InvalidDisplayNumber', 'InvalidArgument', '0');
    assert.equal(r('set:number-own').terminating, null, 'its own number is not a duplicate');
    assert.match(r('set:number-own').warnings.join('\n'), /no settings of .* have been modified/);
    const t = only('set:type');
    assert.deepEqual([t.AutoAttendant, t.IsSubscriberAccess, t.OtherIpPhone], [false, true, ['SubscriberAccess']]);
    const own = only('set:sip-own-case');
    assert.equal(own.SipAddress, 'sip:contoso.aa@litwareinc.com', 'its own address in another case is not a duplicate');
    refused('set:sip-used', 'Set-CsExUmContact', 'SipAddressInUse', 'ResourceExists', 'sip:BranchAA@litwareinc.com');
    const g = only('set:get');
    assert.deepEqual([g.Enabled, g.EnterpriseVoiceEnabled, g.Description], [false, false, 'plain'], '-WhatIf changed nothing');
  });

  it('an identity that does not exist gives the same ObjectNotFound error as Get-CsExUmContact', () => {
    refused('set:missing', 'Set-CsExUmContact', 'NotFound', 'ObjectNotFound', 'sip:nobody@litwareinc.com');
    const get = r('get:missing').errors[0];
    assert.equal(get.message, r('set:missing').terminating!.message);
    assert.equal(get.category, 'ObjectNotFound');
    refused('remove:missing', 'Remove-CsExUmContact', 'NotFound', 'ObjectNotFound', 'sip:Users.SA@litwareinc.com');
  });

  it('Move-CsExUmContact updates RegistrarPool and HomeServer; an unknown pool is refused; -WhatIf moves nothing', () => {
    const m = only('move');
    const branch = CONTACTS.find((c) => c.RegistrarPool === 'red-sba-01.litwareinc.com')!;
    assert.deepEqual([m.RegistrarPool, m.HomeServer], ['red-sba-01.litwareinc.com', branch.HomeServer], 'as the contacts already on that pool');
    const d = only('move:derived');
    assert.deepEqual([d.RegistrarPool, d.HomeServer], ['atl-dir-001.litwareinc.com', 'CN=Lc Services,CN=Microsoft,CN=1:2,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com']);
    refused('move:unknown', 'Move-CsExUmContact', 'RegistrarPoolNotFound', 'ObjectNotFound', 'nope.litwareinc.com');
    assert.equal(only('move:get').RegistrarPool, 'atl-dir-001.litwareinc.com');
  });

  it('a write by another writer is seen before the next write', () => {
    assert.equal(r('other:new').errors.length, 0, JSON.stringify(r('other:new').errors));
    refused('after-other:number', 'New-CsExUmContact', 'DisplayNumberInUse', 'ResourceExists', '+14255550555');
    assert.equal(only('after-other:get').SipAddress, OTHER_SIP);
  });

  it('Remove-CsExUmContact removes (nothing with -WhatIf), outputs nothing', () => {
    assert.equal(only('remove:whatif:get').SipAddress, 'sip:Users.SA@litwareinc.com');
    assert.equal(r('remove').terminating, null);
    assert.deepEqual(labObjects(r('remove')), []);
    assert.equal(r('remove:get').errors[0]?.category, 'ObjectNotFound');
    assert.equal(r('remove:first').terminating, null, JSON.stringify(r('remove:first').terminating));
  });

  it('the directory: OUs, RTC groups, the operator, Test-CsOUPermission', () => {
    assert.deepEqual(
      labObjects(r('ous')).map((o) => [o.Name, o.DistinguishedName, o.Identity]),
      [
        ['Locked Contacts', LOCKED, 'litwareinc.com/Locked Contacts'],
        ['RTC Special Accounts', SPECIAL, 'litwareinc.com/RTC Special Accounts'],
        ['Users', USERS_OU, 'litwareinc.com/Users'],
      ],
    );
    assert.equal(only('ou:canonical').DistinguishedName, SPECIAL);
    assert.equal(r('ou:missing').errors[0]?.category, 'ObjectNotFound');
    assert.deepEqual(
      labObjects(r('groups')).map((g) => [g.Name, g.Identity, g.Members]),
      [
        ['RTCUniversalServerAdmins', 'litwareinc.com/Users/RTCUniversalServerAdmins', ['litwareinc.com/Users/umcadmin']],
        ['RTCUniversalUserAdmins', 'litwareinc.com/Users/RTCUniversalUserAdmins', ['litwareinc.com/Users/umcadmin']],
        // The role group of the Exchange configuration writes (docs/lab-endpoint.md, "Configuration writes — Exchange").
        ['Organization Management', 'litwareinc.com/Users/Organization Management', ['litwareinc.com/Users/umcadmin']],
      ],
    );
    assert.equal(only('group').Name, 'RTCUniversalUserAdmins');
    const user = only('user');
    assert.deepEqual(
      [user.Name, user.Identity, user.SamAccountName, user.UserPrincipalName, user.DistinguishedName],
      ['umcadmin', 'litwareinc.com/Users/umcadmin', 'umcadmin', 'umcadmin@litwareinc.com', `CN=umcadmin,${USERS_OU}`],
    );
    assert.equal(labObjects(r('users')).length, 1);
    const info = only('info');
    assert.deepEqual([info.Operator, info.Writable], ['LITWAREINC\\umcadmin', true]);
    assert.deepEqual(ouResults('perm:special'), ['Success']);
    assert.deepEqual(ouResults('perm:canonical'), ['Success']);
    assert.deepEqual(ouResults('perm:locked'), ['Failure'], 'R-C-09: no create-contact rights in OU=Locked Contacts');
    // A TaskOutput (Test-CsOUPermission's reference page, OUTPUTS): TargetFqdn, Result, Latency, Error, Diagnosis.
    const [locked] = labObjects(r('perm:locked')) as Obj[];
    assert.deepEqual(Object.keys(locked), ['TargetFqdn', 'Result', 'Latency', 'Error', 'Diagnosis']);
    assert.equal(locked.TargetFqdn, 'litwareinc.com');
    assert.match(String(locked.Error), /OU=Locked Contacts,DC=litwareinc,DC=com/);
    assert.equal(labObjects(r('perm:special'))[0].Error, null);
    refused('perm:missing', 'Test-CsOUPermission', 'OUNotFound', 'ObjectNotFound', `OU=Nope,${DOMAIN}`);
    assert.match(r('perm:bad-type').terminating?.fqid ?? '', /ParameterArgumentValidationError/);
  });

  it('the directory override file changes groups, OUs, denied OUs and the operator', () => {
    const groups = labObjects(r('dir:groups'));
    assert.deepEqual(
      groups.map((g) => [g.Name, g.Members]),
      [
        ['RTCUniversalServerAdmins', []],
        ['RTCUniversalUserAdmins', ['litwareinc.com/Users/umcadmin', 'litwareinc.com/Users/helpdesk']],
        ['Organization Management', ['litwareinc.com/Users/umcadmin']],
      ],
    );
    assert.equal(only('dir:user').SamAccountName, 'helpdesk');
    assert.deepEqual(
      labObjects(r('dir:ous')).map((o) => o.Identity),
      ['litwareinc.com/RTC Special Accounts', 'litwareinc.com/Services/Voice'],
    );
    assert.deepEqual(ouResults('dir:perm-special'), ['Failure']);
    assert.deepEqual(ouResults('dir:perm-voice'), ['Success']);
    refused('dir:perm-users', 'Test-CsOUPermission', 'OUNotFound', 'ObjectNotFound', USERS_OU);
    assert.match(String(only('dir:new-voice').Identity), /,OU=Voice,OU=Services,DC=litwareinc,DC=com$/);
    assert.equal(only('dir:info').Operator, 'LITWAREINC\\someone');
    refused('dir:new-denied', 'New-CsExUmContact', 'AccessDenied', 'PermissionDenied', 'LITWAREINC\\someone', /not a member of RTCUniversalUserAdmins/);
    assert.equal(r('dir:bad-groups').terminating?.fqid.split(',')[0], 'UmcLabEndpoint.InvalidDirectoryFile');
  });

  it('faults reach the write cmdlets', () => {
    assert.equal(r('fault:new').terminating?.fqid.split(',')[0], 'New-CsExUmContact.LabFault');
    assert.equal(r('fault:new').terminating?.message, 'lab fault: directory down');
    assert.equal(r('fault:remove').terminating?.fqid.split(',')[0], 'Remove-CsExUmContact.LabFault');
  });

  it('after every write the file is a valid snapshot, spliced, and a new process finds the changes', () => {
    const text = readFileSync(data, 'utf8');
    assert.equal(text, readFileSync(join(dir, 'after-all.json'), 'utf8'));
    const file = assertSpliced(text);
    const sips = file.map((c) => c.SipAddress);
    assert.ok(!sips.includes(CONTACTS[0].SipAddress), 'the first contact was removed');
    assert.ok(!sips.includes('sip:Users.SA@litwareinc.com'));
    assert.ok(sips.includes(OTHER_SIP), 'the fault stopped the removal');
    assert.deepEqual(
      sips.slice(0, 3),
      CONTACTS.slice(1).map((c) => c.SipAddress),
      'the untouched contacts keep their place',
    );
    const got = (JSON.parse(second.results.all.json ?? '[]') as Obj[]).map((c) => [c.SipAddress, c.DisplayNumber, c.RegistrarPool, c.Description]);
    assert.deepEqual(
      got,
      file.map((c) => [c.SipAddress, c.DisplayNumber, c.RegistrarPool, c.Description]),
    );
    assert.ok(got.some(([sip, number, pool]) => sip === 'sip:contoso.aa@litwareinc.com' && number === '+14255550778' && pool === 'red-sba-01.litwareinc.com'));
    assert.equal(readFileSync(LAB, 'utf8'), LAB_TEXT, 'the shipped lab file was never written');
  });

  // What a write costs on the lab file is measured by `npm run bench` (bench/contacts.ts: 1,000 rows imported through the lab endpoint), not bounded here.
});
