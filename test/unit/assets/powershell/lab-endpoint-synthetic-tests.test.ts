/**
 * The lab endpoint's synthetic voice-mail transactions (UmcLabEndpoint.SyntheticTests.ps1; docs/lab-endpoint.md,
 * "Synthetic voice-mail tests"), in real PowerShell, on the shipped lab org and on temporary copies each breaking one
 * more hop (a pool the topology lacks, a disabled gateway, a dial plan no UM server answers):
 *
 * - a user whose call path is whole passes (Result Success, no Error, no Diagnosis); every other user fails, and the
 *   console's own reading of the output (shared/voicemail/task-output.ts) places it on the hop the console's call
 *   path (shared/users/call-path.ts, the hop's own state) shows red first — the lab and the console never disagree;
 * - the output is a Microsoft.Rtc.SyntheticTransactions.TaskOutput with the reference's members, Error "<code>, <text>"
 *   and Diagnosis "ErrorCode=…,Source=…,Reason=…";
 * - the parameter sets of the reference: a missing mandatory parameter is PowerShell's own binding error; the
 *   ServerPlatform set without test users, an unknown pool, a receiver equal to the sender and a credential of
 *   another account give the errors / failure documented in docs/voicemail-tests.md.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labSnapshotPath, parseSnapshotText } from '../../../../main/services/snapshot-loader';
import type { OrgModel } from '../../../../shared/model/org';
import { callPath } from '../../../../shared/users/call-path';
import { joinUser } from '../../../../shared/users/user-index';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import type { HopKind } from '../../../../shared/users/user-model';
import { decodeTaskOutput, placeOnPath } from '../../../../shared/voicemail/task-output';
import { ROOT } from '../../../support/paths';
import { NO_LAB_PWSH as SKIP, runLabDriver } from '../../../support/powershell';

const LAB = labSnapshotPath(ROOT);
const MODULE = join(ROOT, 'assets', 'powershell', 'UmcLabEndpoint', 'UmcLabEndpoint.psd1');
type Obj = Record<string, unknown>;
type Snapshot = { exchange: Record<string, { objects: Obj[] }>; skype: Record<string, { objects: Obj[] }> };

interface Step {
  readonly id: string;
  readonly data: string;
  readonly command: string;
  readonly params: Readonly<Record<string, string>>;
  readonly credential?: { readonly parameter: string; readonly userName: string; readonly password: string };
}
interface StepResult {
  readonly id: string;
  readonly objects: Obj[];
  readonly typeNames: string[];
  readonly error: { readonly fqid: string; readonly category: string; readonly message: string } | null;
}

// One pwsh runs every step: the module imported once, each data file initialized when it changes.
const DRIVER = `
$ErrorActionPreference = 'Stop'
Import-Module $env:UMC_T_MODULE -Force
$steps = [System.IO.File]::ReadAllText($env:UMC_T_STEPS) | ConvertFrom-Json
$current = $null
$out = New-Object System.Collections.Generic.List[object]
foreach ($s in $steps) {
  if ($current -ne $s.data) { Initialize-UmcLabEndpoint -Path $s.data | Out-Null; $current = $s.data }
  $p = @{}
  foreach ($prop in $s.params.PSObject.Properties) { $p[$prop.Name] = [string]$prop.Value }
  if ($null -ne $s.credential) {
    $sec = [System.Security.SecureString]::new()
    foreach ($c in ([string]$s.credential.password).ToCharArray()) { $sec.AppendChar($c) }
    $p[[string]$s.credential.parameter] = [System.Management.Automation.PSCredential]::new([string]$s.credential.userName, $sec)
  }
  try {
    $objs = @(& $s.command @p)
    $out.Add([ordered]@{ id = $s.id; objects = @($objs | ForEach-Object { [ordered]@{ TargetFqdn = $_.TargetFqdn; Result = $_.Result; Latency = $_.Latency.ToString(); Error = $_.Error; Diagnosis = $_.Diagnosis } }); typeNames = @($objs | ForEach-Object { $_.PSObject.TypeNames[0] }); error = $null })
  } catch {
    $out.Add([ordered]@{ id = $s.id; objects = @(); typeNames = @(); error = [ordered]@{ fqid = [string]$_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category; message = [string]$_.Exception.Message } })
  }
}
[System.IO.File]::WriteAllText($env:UMC_T_RESULTS, (ConvertTo-Json -InputObject $out.ToArray() -Depth 6), [System.Text.UTF8Encoding]::new($false))
`;

const SENDER = 'sip:theo.wilson3@litwareinc.com';
const SENDER_ACCOUNT = 'litwareinc\\theo.wilson3';
const credential = { parameter: 'SenderCredential', userName: SENDER_ACCOUNT, password: 'lab' };

/** The first hop the console's call path shows red by its own state (no org finding): what the lab must answer. */
function expectedHop(org: OrgModel, sip: string): HopKind | null {
  return callPath(joinUser(org, sip), buildUserRuleContext(org)).find((h) => !h.ok)?.kind ?? null;
}

describe('lab endpoint: Test-CsExUMVoiceMail and Test-CsExUMConnectivity', { skip: SKIP }, () => {
  let dir: string;
  let results: Map<string, StepResult>;
  const orgs = new Map<string, OrgModel>();
  const cases: { id: string; data: string; sip: string }[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-lab-synthetic-'));
    const text = readFileSync(LAB, 'utf8');
    const shipped = parseSnapshotText(text, LAB, 'lab');
    const working = shipped.users.filter((u) => expectedHop(shipped, u.sipAddress) === null).map((u) => u.sipAddress);
    const bySip = (s: Snapshot, sip: string) => s.skype.users!.objects.find((u) => String(u.SipAddress).toLowerCase() === sip.toLowerCase())!;
    const mailboxOf = (s: Snapshot, sip: string) => s.exchange.umMailboxes!.objects.find((m) => String(m.SIPResourceIdentifier).toLowerCase() === sip.slice(4).toLowerCase());

    // Copies, each breaking one hop for one working user (other than the sender).
    const copies: [string, (s: Snapshot, sip: string) => void][] = [
      ['pool', (s, sip) => void (bySip(s, sip).RegistrarPool = 'gone-pool.litwareinc.com')],
      [
        'gateway',
        (s, sip) => {
          const pool = String(bySip(s, sip).RegistrarPool).toLowerCase();
          for (const g of s.exchange.ipGateways!.objects) if (String(g.Address).toLowerCase() === pool) g.Status = 'Disabled';
        },
      ],
      [
        'umServer',
        (s, sip) => {
          const dp = String(mailboxOf(s, sip)!.UMDialPlan);
          for (const section of ['umServices', 'callRouters'])
            for (const o of s.exchange[section]!.objects) if (Array.isArray(o.DialPlans)) o.DialPlans = (o.DialPlans as string[]).filter((d) => d !== dp);
          for (const p of s.exchange.dialPlans!.objects) if (p.Name === dp) p.UMServers = [];
        },
      ],
    ];
    const candidates = working.filter((s) => s.toLowerCase() !== SENDER && bySip(JSON.parse(text) as Snapshot, s).RegistrarPool !== bySip(JSON.parse(text) as Snapshot, SENDER).RegistrarPool);
    const steps: Step[] = [];
    const add = (id: string, data: string, sip: string) => {
      cases.push({ id, data, sip });
      steps.push({ id, data, command: 'Test-CsExUMVoiceMail', params: { TargetFqdn: 'atl-cs-001.litwareinc.com', SenderSipAddress: SENDER, ReceiverSipAddress: sip }, credential });
    };
    orgs.set(LAB, shipped);
    // The shipped org: three working users, and the first two users of each kind of broken path, every vm.* user.
    const seen = new Map<string, number>();
    for (const u of shipped.users) {
      if (u.sipAddress.toLowerCase() === SENDER) continue;
      const hop = expectedHop(shipped, u.sipAddress) ?? 'none';
      const n = seen.get(hop) ?? 0;
      if (n < (hop === 'none' ? 3 : 2) || u.sipAddress.startsWith('sip:vm.')) add(`lab:${u.sipAddress}`, LAB, u.sipAddress);
      seen.set(hop, n + 1);
    }
    copies.forEach(([name, breakIt], i) => {
      const snap = JSON.parse(text) as Snapshot;
      const sip = candidates[i * 7]!;
      breakIt(snap, sip);
      const file = join(dir, `${name}.umcsnap.json`);
      writeFileSync(file, JSON.stringify(snap));
      orgs.set(file, parseSnapshotText(readFileSync(file, 'utf8'), file, 'lab'));
      add(`${name}:${sip}`, file, sip);
    });
    // Parameter sets and refusals (the shipped org).
    const receiver = working.find((s) => s.toLowerCase() !== SENDER)!;
    steps.push({
      id: 'connectivity',
      data: LAB,
      command: 'Test-CsExUMConnectivity',
      params: { TargetFqdn: 'atl-cs-001.litwareinc.com', UserSipAddress: SENDER },
      credential: { ...credential, parameter: 'UserCredential' },
    });
    steps.push({ id: 'missing-credential', data: LAB, command: 'Test-CsExUMConnectivity', params: { UserSipAddress: SENDER } });
    steps.push({ id: 'server-platform', data: LAB, command: 'Test-CsExUMVoiceMail', params: { TargetFqdn: 'atl-cs-001.litwareinc.com', ReceiverSipAddress: receiver } });
    steps.push({
      id: 'unknown-pool',
      data: LAB,
      command: 'Test-CsExUMVoiceMail',
      params: { TargetFqdn: 'nowhere.litwareinc.com', SenderSipAddress: SENDER, ReceiverSipAddress: receiver },
      credential,
    });
    steps.push({
      id: 'same-sip',
      data: LAB,
      command: 'Test-CsExUMVoiceMail',
      params: { TargetFqdn: 'atl-cs-001.litwareinc.com', SenderSipAddress: SENDER, ReceiverSipAddress: SENDER.toUpperCase() },
      credential,
    });
    steps.push({
      id: 'other-account',
      data: LAB,
      command: 'Test-CsExUMVoiceMail',
      params: { TargetFqdn: 'atl-cs-001.litwareinc.com', SenderSipAddress: SENDER, ReceiverSipAddress: receiver },
      credential: { ...credential, userName: 'litwareinc\\someone.else' },
    });
    steps.push({
      id: 'bad-auth',
      data: LAB,
      command: 'Test-CsExUMVoiceMail',
      params: { TargetFqdn: 'atl-cs-001.litwareinc.com', SenderSipAddress: SENDER, ReceiverSipAddress: receiver, Authentication: 'Kerberos' },
      credential,
    });
    writeFileSync(join(dir, 'steps.json'), JSON.stringify(steps));
    const run = await runLabDriver<StepResult[]>(DRIVER, { UMC_T_MODULE: MODULE, UMC_T_STEPS: join(dir, 'steps.json'), UMC_T_RESULTS: join(dir, 'results.json') }, join(dir, 'results.json'), 300_000);
    results = new Map(run.report.map((r) => [r.id, { ...r, objects: [r.objects].flat() as Obj[], typeNames: [r.typeNames].flat() as string[] }]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every tested user: passes when its path is whole, else fails on the hop the call path shows red first', () => {
    const hopsSeen = new Set<string>();
    for (const c of cases) {
      const r = results.get(c.id)!;
      assert.equal(r.error, null, `${c.id}: ${JSON.stringify(r.error)}`);
      assert.equal(r.objects.length, 1, c.id);
      const facts = decodeTaskOutput(r.objects[0]);
      assert.ok(facts, c.id);
      const org = orgs.get(c.data)!;
      const expected = expectedHop(org, c.sip);
      hopsSeen.add(expected ?? 'none');
      if (expected === null) {
        assert.equal(facts.result, 'Success', c.id);
        assert.equal(facts.error, null, c.id);
        continue;
      }
      assert.equal(facts.result, 'Failure', c.id);
      const path = callPath(joinUser(org, c.sip), buildUserRuleContext(org));
      const placed = placeOnPath(facts, path);
      assert.equal(placed.hop, expected, `${c.id}: ${facts.error} / ${facts.diagnosis}`);
      assert.equal(placed.pathAgrees, true, c.id);
    }
    // Every hop of the path is broken at least once, and some users pass.
    assert.deepEqual([...hopsSeen].sort(), ['dialPlan', 'gateway', 'huntGroup', 'none', 'pool', 'umServer']);
  });

  it('the output is a TaskOutput: "<code>, <text>" in Error, ms-diagnostics in Diagnosis', () => {
    const r = results.get(cases.find((c) => c.id.startsWith('gateway:'))!.id)!;
    assert.equal(r.typeNames[0], 'Microsoft.Rtc.SyntheticTransactions.TaskOutput');
    const o = r.objects[0]!;
    assert.deepEqual(Object.keys(o), ['TargetFqdn', 'Result', 'Latency', 'Error', 'Diagnosis']);
    assert.equal(o.Error, '480, Temporarily Unavailable');
    assert.match(String(o.Diagnosis), /^ErrorCode=15030,Source=[a-z0-9.-]+,Reason=Failed to route to Exchange Server$/);
    assert.match(String(o.Latency), /^\d{2}:\d{2}:\d{2}(\.\d{7})?$/);
    const pool = results.get(cases.find((c) => c.id.startsWith('pool:'))!.id)!.objects[0]!;
    assert.equal(pool.Error, '404, Not Found');
    assert.match(String(pool.Diagnosis), /^ErrorCode=4005,.*Reason=Destination URI either not enabled for SIP or does not exist$/);
  });

  it('Test-CsExUMConnectivity for the test user itself passes (its path is whole)', () => {
    const r = results.get('connectivity')!;
    assert.equal(r.error, null, JSON.stringify(r.error));
    assert.equal(r.objects[0]!.Result, 'Success');
    assert.equal(r.objects[0]!.TargetFqdn, 'atl-cs-001.litwareinc.com');
  });

  it('parameter sets: without -TargetFqdn nor a credential, PowerShell asks for the mandatory parameter', () => {
    const r = results.get('missing-credential')!;
    assert.equal(r.error?.fqid, 'MissingMandatoryParameter,Test-CsExUMConnectivity');
    assert.match(r.error!.message, /missing mandatory parameters: TargetFqdn/);
  });

  it('ServerPlatform without test users, an unknown pool, the same sender and receiver: terminating errors', () => {
    assert.equal(results.get('server-platform')!.error?.fqid, 'Test-CsExUMVoiceMail.NoTestUsers,Test-CsExUMVoiceMail');
    assert.equal(results.get('unknown-pool')!.error?.fqid, 'Test-CsExUMVoiceMail.PoolNotFound,Test-CsExUMVoiceMail');
    assert.equal(results.get('unknown-pool')!.error?.category, 'ObjectNotFound');
    assert.equal(results.get('same-sip')!.error?.fqid, 'Test-CsExUMVoiceMail.SameSipAddress,Test-CsExUMVoiceMail');
    assert.equal(results.get('same-sip')!.error?.category, 'InvalidArgument');
  });

  it('a credential of another account: the registration is refused (401), placed on no hop', () => {
    const r = results.get('other-account')!;
    assert.equal(r.error, null);
    const facts = decodeTaskOutput(r.objects[0])!;
    assert.equal(facts.error, '401, Unauthorized');
    assert.deepEqual(placeOnPath(facts, []), { kind: 'signIn', hop: null, pathAgrees: false });
  });

  it('-Authentication takes only the reference values', () => {
    const r = results.get('bad-auth')!;
    assert.match(r.error?.fqid ?? '', /^ParameterArgumentValidationError,Test-CsExUMVoiceMail$/);
  });
});
