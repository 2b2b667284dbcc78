/**
 * The PowerShell lab endpoint (assets/powershell/UmcLabEndpoint) against the lab snapshot, in real
 * PowerShell: every section comes back, once through PowerShell's own remoting serialization (depth 1,
 * as a remote session delivers it), with every value the file holds for it (dates as UTC DateTimes) in
 * objects of the real type; identities match without regard to case, a hostile identity comes back byte
 * for byte as the not-found error's TargetObject, -Filter answers exact prefix partitions and refuses
 * anything else, and the lab faults (delay, noise, throw) work. The version profiles, the samples of
 * real output and local-versus-SSH are in lab-fidelity*.test.ts.
 *
 * One pwsh process runs every request (each start costs about a second): the test writes the
 * requests to a file, a fixed driver script runs them and writes a report. PowerShell is found
 * through UMC_PWSH, else .tools/pwsh under the repository; without it the tests skip.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { powerShellAssets } from '../../../../main/powershell/powershell-locator';
import { labSnapshotPath } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';
import { NO_LAB_PWSH as SKIP, runLabDriver } from '../../../support/powershell';

const MODULE = powerShellAssets(ROOT).labModule;
const LAB = labSnapshotPath(ROOT);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
interface Snapshot {
  exchange: Record<string, { objects: Obj[] }>;
  skype: Record<string, { objects: Obj[] }>;
}
const lab: Snapshot = JSON.parse(readFileSync(LAB, 'utf8'));
const ex = (s: string) => lab.exchange[s].objects;
const sk = (s: string) => lab.skype[s].objects;

// ---- dates: the same two forms the module converts ------------------------------------------
const MS_DATE = /^\/Date\((-?[0-9]{1,16})(?:[+-][0-9]{4})?\)\/$/;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$/;

/** The file's value with every date string replaced by { date: ms }. */
function expected(v: Json): Json {
  if (typeof v === 'string') {
    const m = MS_DATE.exec(v);
    if (m) return { date: Number(m[1]) };
    if (ISO_DATE.test(v)) return { date: Date.parse(/[Zz]|[+-][0-9]{2}:[0-9]{2}$/.test(v) ? v : `${v}Z`) };
    return v;
  }
  if (Array.isArray(v)) return v.map(expected);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expected(x)]));
  return v;
}

/** What PowerShell printed, dates the same way; a DateTime of kind Utc prints with a Z (or as \/Date(ms)\/ on 5.1). */
function actual(v: Json): Json {
  if (typeof v === 'string') {
    const m = MS_DATE.exec(v);
    if (m) return { date: Number(m[1]) };
    if (ISO_DATE.test(v)) {
      assert.match(v, /Z$/, `a date that is not UTC: ${v}`);
      return { date: Date.parse(v) };
    }
    return v;
  }
  if (Array.isArray(v)) return v.map(actual);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, actual(x)]));
  return v;
}

function countDates(v: Json): number {
  if (typeof v === 'string') return MS_DATE.test(v) || ISO_DATE.test(v) ? 1 : 0;
  if (Array.isArray(v)) return v.reduce<number>((s, x) => s + countDates(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce<number>((s, x) => s + countDates(x), 0);
  return 0;
}

// ---- requests ----------------------------------------------------------------------------------
interface Param {
  n: string;
  b64?: string;
  sw?: boolean;
}
interface Request {
  id: string;
  kind: 'import' | 'init' | 'call' | 'stop' | 'noise';
  command?: string;
  params?: Param[];
  path?: string;
  /** Contents of the fault file for this request (else no fault file; faultMissing: the variable names a missing file). */
  fault?: string;
  faultMissing?: boolean;
  /** The module's own objects (JSON of them), not what remoting makes of them: the snapshot reader's values. */
  raw?: boolean;
  stopAfterMs?: number;
}
interface ErrorInfo {
  fqid: string;
  category: string;
  target: Json;
  targetType: string | null;
  message: string;
  exception: string;
}
interface Result {
  id: string;
  json: string | null;
  errors: ErrorInfo[];
  terminating: ErrorInfo | null;
  dates: number;
  nonUtcDates: number;
  /** The first type name of each object the cmdlet wrote (before remoting). */
  types: string[];
  ms: number;
  state?: string;
  streams?: Record<string, string[]>;
}
interface Report {
  psVersion: string;
  edition: string;
  results: Record<string, Result>;
  stdout: string;
  stderr: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
type P = Record<string, string | true>;
const params = (p: P): Param[] => Object.entries(p).map(([n, v]) => (v === true ? { n, sw: true } : { n, b64: b64(v) }));

const requests: Request[] = [];
const call = (id: string, command: string, p: P = {}, extra: Partial<Request> = {}) => {
  requests.push({ id, kind: 'call', command, params: params(p), ...extra });
  return id;
};

const HOSTILE = [`a'b"c$(Get-Date)`, 'x`; Remove-Item -Recurse / # \u2018q\u2019 \u201cw\u201d $env:PATH @(1) {0} Zo\u00e9 \u6771\u4eac\n;'];

// The table the lab answers from: cmdlet (with its parameters) -> section.
const SECTIONS: [string, string, P, Obj[]][] = [
  ['org', 'Get-OrganizationConfig', {}, ex('organization')],
  ['servers', 'Get-ExchangeServer', {}, ex('servers')],
  ['umServices', 'Get-UMService', {}, ex('umServices')],
  // Without -Server: the server the session is on (the first Exchange server), as the cmdlet's reference says.
  ['callRouters', 'Get-UMCallRouterSettings', {}, ex('callRouters').filter((o) => o.Identity === 'ATL-EX-001')],
  ['clientAccess', 'Get-ClientAccessService', {}, ex('clientAccess')],
  ['dialPlans', 'Get-UMDialPlan', {}, ex('dialPlans')],
  ['ipGateways', 'Get-UMIPGateway', {}, ex('ipGateways')],
  ['huntGroups', 'Get-UMHuntGroup', {}, ex('huntGroups')],
  ['autoAttendants', 'Get-UMAutoAttendant', {}, ex('autoAttendants')],
  ['mailboxPolicies', 'Get-UMMailboxPolicy', {}, ex('mailboxPolicies')],
  ['exCertificates', 'Get-ExchangeCertificate', {}, ex('certificates').filter((o) => String(o.Identity).startsWith('atl-exchange-001.litwareinc.com\\'))],
  ['exPartnerApps', 'Get-PartnerApplication', {}, ex('partnerApplications')],
  ['mailboxes', 'Get-Mailbox', { ResultSize: 'Unlimited' }, ex('mailboxes')],
  ['umMailboxes', 'Get-UMMailbox', { ResultSize: 'Unlimited' }, ex('umMailboxes')],
  ['sipDomains', 'Get-CsSipDomain', {}, sk('sipDomains')],
  ['sites', 'Get-CsSite', {}, sk('sites')],
  ['pools', 'Get-CsPool', {}, sk('pools')],
  ['registrars', 'Get-CsService', { Registrar: true }, sk('registrars')],
  ['mediation', 'Get-CsService', { MediationServer: true }, sk('mediationServers')],
  ['pstn', 'Get-CsService', { PstnGateway: true }, sk('pstnGateways')],
  ['services', 'Get-CsService', {}, [...sk('registrars'), ...sk('mediationServers'), ...sk('pstnGateways')]],
  ['csDialPlans', 'Get-CsDialPlan', {}, sk('dialPlans')],
  ['media', 'Get-CsMediaConfiguration', {}, sk('mediaConfigurations')],
  ['hostedVm', 'Get-CsHostedVoicemailPolicy', {}, sk('hostedVoicemailPolicies')],
  // -Filter is a wildcard on the Identity (its reference page: "tag:*" gives the per-user policies).
  ['hostedVmTags', 'Get-CsHostedVoicemailPolicy', { Filter: 'tag:*' }, sk('hostedVoicemailPolicies').filter((o) => String(o.Identity).startsWith('Tag:'))],
  // A per-user policy named without its scope, as the reference's example 2 does (-Identity ExRedmond).
  ['hostedVmBareTag', 'Get-CsHostedVoicemailPolicy', { Identity: 'ExUM-Hosted' }, sk('hostedVoicemailPolicies').filter((o) => String(o.Identity) === 'Tag:ExUM-Hosted')],
  ['exUm', 'Get-CsExUmContact', {}, sk('exUmContacts')],
  // The local Front End's (the session's) certificates only; their bytes are not a member of CertificateReference.
  ['csCertificates', 'Get-CsCertificate', {}, sk('certificates').filter((o) => o.PSComputerName === 'atl-fe-01.litwareinc.com')],
  ['oauth', 'Get-CsOAuthConfiguration', {}, sk('oauth')],
  ['csPartnerApps', 'Get-CsPartnerApplication', {}, sk('partnerApplications')],
  ['users', 'Get-CsUser', { ResultSize: 'Unlimited' }, sk('users')],
];

// A small hand-made snapshot with the JSON edge cases the lab file lacks (in a section whose objects the module
// answers as the file holds them: the users).
const EDGE_TEXT = String.raw`{"format":"umc-snapshot","formatVersion":1,"capturedAt":"2026-11-20T09:30:00.000Z",
 "source":{"kind":"lab","label":"edge","powerShellVersion":"5.1"},
 "skype":{"users":{"command":"Get-CsUser","objects":[
  {"Identity":"Edge-1","Escaped":"\/Date(1795167000000)\/","Plain":"/Date(-5000)/","WithOffset":"/Date(1795167000123+0100)/",
   "Iso":"2026-11-20T09:30:00.123+02:00","IsoZ":"2026-11-20T09:30:00Z","NotADate":"2026-11-20","AlsoNot":"/Date(abc)/",
   "Quote":"a\"b'c\\d\/e","Unicode":"Zo\u00e9 M\u00fcller \u2014 \u6771\u4eac \u2713 \ud83d\ude00","Raw":"Zoé — 東京 ✓","Controls":"tab\there\nnl",
   "One":["only"],"None":[],"Nested":{"Inner":{"Deep":[1,[2,[]],{"K":null}]},"When":"\/Date(0)\/"},"Dates":["\/Date(1000)\/","x"],
   "Int":5061,"Neg":-42,"Big":9007199254740991,"Float":1.5,"Exp":2.5e3,"Zero":0,"T":true,"F":false,"N":null,"Empty":"",
   "name":"lower-case key"}
 ]}},
 "exchange":{}}`;
const EDGE: Obj[] = JSON.parse(EDGE_TEXT).skype.users.objects;

function buildRequests(dir: string) {
  const bad = join(dir, 'bad.umcsnap.json');
  writeFileSync(bad, '{"format":"umc-snapshot","exchange":{"dialPlans":{"objects":[{"a":1,}]}}}');
  const notSnapshot = join(dir, 'other.json');
  writeFileSync(notSnapshot, '{"format":"something-else"}');
  const edge = join(dir, 'edge.umcsnap.json');
  writeFileSync(edge, '\uFEFF' + EDGE_TEXT);

  requests.push({ id: 'import', kind: 'import', path: MODULE });
  call('uninitialized', 'Get-CsPool');
  requests.push({ id: 'init-bad', kind: 'init', path: bad });
  requests.push({ id: 'init-other', kind: 'init', path: notSnapshot });
  requests.push({ id: 'init-missing', kind: 'init', path: join(dir, 'nope.json') });
  requests.push({ id: 'init-edge', kind: 'init', path: edge });
  call('edge', 'Get-CsUser', {}, { raw: true });
  call('edge-empty-section', 'Get-UMDialPlan');
  requests.push({ id: 'init', kind: 'init', path: LAB });
  call('info', 'Get-UmcLabEndpointInfo');
  for (const [id, cmd, p] of SECTIONS) call(`section:${id}`, cmd, p);
}

// ---- the driver (PowerShell, run with -Command; no double quotes so Windows argument quoting stays trivial) ----
const DRIVER = String.raw`
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
[Console]::OutputEncoding = $utf8
function Decode([string]$s) { return $utf8.GetString([Convert]::FromBase64String($s)) }
function Get-ErrorInfo($e) {
  $t = $e.TargetObject
  $tt = $null
  if ($null -ne $t) { $tt = $t.GetType().FullName }
  return [ordered]@{ fqid = [string]$e.FullyQualifiedErrorId; category = [string]$e.CategoryInfo.Category; target = $t; targetType = $tt; message = [string]$e.Exception.Message; exception = $e.Exception.GetType().FullName }
}
function Measure-Dates($root) {
  $all = 0
  $nonUtc = 0
  $stack = New-Object System.Collections.Stack
  $stack.Push($root)
  while ($stack.Count -gt 0) {
    $v = $stack.Pop()
    if ($null -eq $v -or $v -is [string]) { continue }
    if ($v -is [datetime]) { $all++; if ($v.Kind -ne [System.DateTimeKind]::Utc) { $nonUtc++ }; continue }
    if ($v -is [System.Collections.IList]) { foreach ($x in $v) { $stack.Push($x) }; continue }
    if ($v.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject]) { foreach ($p in $v.PSObject.Properties) { $stack.Push($p.Value) } }
  }
  return @($all, $nonUtc)
}
function New-Nested([string]$command) {
  $ps = [powershell]::Create()
  [void]$ps.AddCommand('Import-Module').AddParameter('Name', $script:ModulePath)
  [void]$ps.AddStatement().AddCommand('Initialize-UmcLabEndpoint').AddParameter('Path', $script:DataPath)
  [void]$ps.AddStatement().AddCommand($command)
  return $ps
}
$faultFile = Join-Path $env:UMC_TEST_DIR 'fault.json'
$requests = [IO.File]::ReadAllText($env:UMC_TEST_REQUESTS, $utf8) | ConvertFrom-Json
$results = [ordered]@{}
foreach ($q in $requests) {
  $r = [ordered]@{ id = $q.id; json = $null; errors = @(); terminating = $null; dates = 0; nonUtcDates = 0; types = @(); ms = 0 }
  Remove-Item Env:UMC_LAB_FAULT_FILE -ErrorAction SilentlyContinue
  if (Test-Path -LiteralPath $faultFile) { Remove-Item -LiteralPath $faultFile }
  if ($q.PSObject.Properties['fault']) { [IO.File]::WriteAllText($faultFile, (Decode $q.fault), $utf8); $env:UMC_LAB_FAULT_FILE = $faultFile }
  if ($q.PSObject.Properties['faultMissing']) { $env:UMC_LAB_FAULT_FILE = $faultFile }
  $sw = [Diagnostics.Stopwatch]::StartNew()
  try {
    switch ($q.kind) {
      'import' {
        $script:ModulePath = Decode $q.path
        $m = Import-Module -Name $script:ModulePath -PassThru -ErrorAction Stop
        if ($PSVersionTable.PSEdition -eq 'Core') {
          # The C# (the store and the product types) must compile as C# 5, as Windows PowerShell 5.1's Add-Type compiles it.
          $src = (& $m { $script:StoreSource }) + [char]10 + [IO.File]::ReadAllText((& $m { $script:TypesPath }))
          Add-Type -TypeDefinition $src -Language CSharp -CompilerOptions '-langversion:5' -ErrorAction Stop
        }
      }
      'init' { $p = Decode $q.path; Initialize-UmcLabEndpoint -Path $p -ErrorAction Stop; $script:DataPath = $p }
      'call' {
        $splat = @{}
        foreach ($a in @($q.params)) {
          if ($null -eq $a) { continue }
          if ($a.PSObject.Properties['b64']) { $splat[$a.n] = Decode $a.b64 } else { $splat[$a.n] = $true }
        }
        $callErrors = $null
        $out = & $q.command @splat -ErrorAction SilentlyContinue -ErrorVariable callErrors
        $r.ms = $sw.ElapsedMilliseconds
        $items = @($out)
        $r.types = @($items | ForEach-Object { [string]$_.PSObject.TypeNames[0] })
        if (-not $q.PSObject.Properties['raw'] -and $items.Count -gt 0) {
          # What a remote session delivers: PowerShell's serialization at depth 1 and back (the module's helper,
          # which the console's host uses for the in-process lab); a certificate arrives as its bytes.
          $items = @([UmcLabEndpoint.V3.Remoting]::RoundTrip([object[]]$items, 'lab', [guid]::Empty) | ForEach-Object {
              if ($_.PSObject.BaseObject -is [System.Security.Cryptography.X509Certificates.X509Certificate2]) { [pscustomobject]@{ RawData = [Convert]::ToBase64String($_.RawData) } } else { $_ }
            })
        }
        $r.json = ConvertTo-Json -InputObject $items -Depth 6 -Compress
        $counts = Measure-Dates $items
        $r.dates = $counts[0]
        $r.nonUtcDates = $counts[1]
        $r.errors = @($callErrors | ForEach-Object { Get-ErrorInfo $_ })
      }
      'stop' {
        $ps = New-Nested $q.command
        $sw.Restart()
        $h = $ps.BeginInvoke()
        Start-Sleep -Milliseconds $q.stopAfterMs
        $ps.Stop()
        $r.ms = $sw.ElapsedMilliseconds
        $r.state = [string]$ps.InvocationStateInfo.State
        # A batch (several statements) runs on a thread-pool work item: on a loaded machine it may not
        # have finished (or even started) when Stop returns, and disposing the runspace under it kills
        # pwsh (InvalidRunspaceStateException in BatchInvocationWorkItem). Wait for it to end first.
        [void]$h.AsyncWaitHandle.WaitOne(30000)
        try { [void]$ps.EndInvoke($h) } catch { }
        $ps.Dispose()
      }
      'noise' {
        $ps = New-Nested $q.command
        $out = $ps.Invoke()
        $r.ms = $sw.ElapsedMilliseconds
        $r.json = ConvertTo-Json -InputObject @($out) -Depth 6 -Compress
        $r.streams = [ordered]@{
          warning = @($ps.Streams.Warning | ForEach-Object { $_.Message })
          verbose = @($ps.Streams.Verbose | ForEach-Object { $_.Message })
          debug = @($ps.Streams.Debug | ForEach-Object { $_.Message })
          information = @($ps.Streams.Information | ForEach-Object { [string]$_.MessageData })
          progress = @($ps.Streams.Progress | ForEach-Object { $_.Activity + ' / ' + $_.StatusDescription })
          error = @($ps.Streams.Error | ForEach-Object { [string]$_ })
        }
        $ps.Dispose()
      }
    }
  } catch {
    $r.ms = $sw.ElapsedMilliseconds
    $r.terminating = Get-ErrorInfo $_
  }
  $results[$q.id] = $r
}
Remove-Item Env:UMC_LAB_FAULT_FILE -ErrorAction SilentlyContinue
$report = [ordered]@{ psVersion = [string]$PSVersionTable.PSVersion; edition = [string]$PSVersionTable.PSEdition; results = $results }
[IO.File]::WriteAllText($env:UMC_TEST_RESULTS, (ConvertTo-Json -InputObject $report -Depth 8 -Compress), $utf8)
`;

let dir: string | null = null;
let report: Promise<Report> | null = null;

function run(): Promise<Report> {
  if (report) return report;
  report = (async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'umc-lab-endpoint-'));
    dir = tmp;
    buildRequests(tmp);
    buildLaterRequests();
    const requestsFile = join(tmp, 'requests.json');
    const resultsFile = join(tmp, 'results.json');
    const encoded = requests.map((q) => ({ ...q, ...(q.path ? { path: b64(q.path) } : {}), ...(q.fault ? { fault: b64(q.fault) } : {}) }));
    writeFileSync(requestsFile, JSON.stringify(encoded));
    const env = { UMC_TEST_REQUESTS: requestsFile, UMC_TEST_RESULTS: resultsFile, UMC_TEST_DIR: tmp };
    const { report: r, stdout, stderr } = await runLabDriver<Report>(DRIVER, env, resultsFile, 120_000);
    return { ...r, stdout, stderr };
  })();
  return report;
}

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function result(id: string): Promise<Result> {
  const r = (await run()).results[id];
  assert.ok(r, `no result for ${id}`);
  return r;
}

/** The objects a call returned, no error, dates UTC. */
async function objects(id: string): Promise<Json[]> {
  const r = await result(id);
  assert.equal(r.terminating, null, `${id}: ${JSON.stringify(r.terminating)}`);
  assert.deepEqual(r.errors, [], `${id}: errors`);
  assert.equal(r.nonUtcDates, 0, `${id}: DateTimes not of kind Utc`);
  const parsed = JSON.parse(r.json ?? 'null') as Json[];
  assert.ok(Array.isArray(parsed), `${id}: not an array`);
  return parsed;
}

/** Members a remote session adds (remoting: PSComputerName, RunspaceId, PSShowComputerName; Exchange: SerializationData), which the file also holds from its capture. */
const REMOTING = new Set(['PSComputerName', 'RunspaceId', 'PSShowComputerName', 'SerializationData']);
/** The real type of each command's objects (UmcLabEndpoint.Types.cs; docs/lab-endpoint.md). */
const TYPES: Record<string, string> = {
  'Get-OrganizationConfig': 'Microsoft.Exchange.Data.Directory.Management.OrganizationConfig',
  'Get-ExchangeServer': 'Microsoft.Exchange.Data.Directory.Management.ExchangeServer',
  'Get-UMService': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMServer',
  'Get-UMCallRouterSettings': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SIPFEServerConfiguration',
  'Get-ClientAccessService': 'Microsoft.Exchange.Data.Directory.Management.ClientAccessServer',
  'Get-UMDialPlan': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMDialPlan',
  'Get-UMIPGateway': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMIPGateway',
  'Get-UMHuntGroup': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMHuntGroup',
  'Get-UMAutoAttendant': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMAutoAttendant',
  'Get-UMMailboxPolicy': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMMailboxPolicy',
  'Get-ExchangeCertificate': 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate',
  'Get-PartnerApplication': 'Microsoft.Exchange.Data.Directory.SystemConfiguration.PartnerApplication',
  'Get-ADPermission': 'Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject',
  'Get-Mailbox': 'Microsoft.Exchange.Data.Directory.Management.Mailbox',
  'Get-UMMailbox': 'Microsoft.Exchange.Data.Directory.Management.UMMailbox',
  'Get-CsSipDomain': 'Microsoft.Rtc.Management.Xds.SipDomain',
  'Get-CsPool': 'Microsoft.Rtc.Management.Deploy.Internal.Cluster',
  'Get-CsDialPlan': 'Microsoft.Rtc.Management.WritableConfig.Policy.Voice.LocationProfile',
  'Get-CsMediaConfiguration': 'Microsoft.Rtc.Management.WritableConfig.Settings.Media.MediaSettings',
  'Get-CsHostedVoicemailPolicy': 'Microsoft.Rtc.Management.WritableConfig.Policy.Voice.HostedVoicemailPolicy',
  'Get-CsExUmContact': 'Microsoft.Rtc.Management.ADConnect.Schema.OCSADExUmContact',
  'Get-CsCertificate': 'Microsoft.Rtc.Management.Deployment.CertificateReference',
  'Get-CsOAuthConfiguration': 'Microsoft.Rtc.Management.WritableConfig.Settings.SSAuth.OAuthSettings',
  'Get-CsPartnerApplication': 'Microsoft.Rtc.Management.WritableConfig.Settings.SSAuth.PartnerApplication#Decorated',
  'Get-CsUser': 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser',
};

/**
 * What a remote session delivers for these file objects: as many objects, of the command's real type, each
 * holding every member the file holds with the same value (dates compared as ms since the epoch), except the
 * remoting members and, for a member the real type does not have, `lost` (the file keeps what the server
 * knows; the wire loses it as a real one does). An Exchange certificate arrives as its bytes only.
 */
async function assertSame(id: string, want: Obj[], lost: readonly string[] = []) {
  const got = (await objects(id)) as Obj[];
  const r = await result(id);
  assert.equal(got.length, want.length, `${id}: object count`);
  const command = requests.find((q) => q.id === id)?.command ?? '';
  const type = TYPES[command];
  if (type) for (const t of r.types) assert.ok(t === type || (type.endsWith('Site') && t.startsWith('Microsoft.Rtc.Management.Deploy.Internal.Site+')), `${id}: type ${t}, expected ${type}`);
  for (let i = 0; i < want.length; i++) {
    if (command === 'Get-ExchangeCertificate') {
      assert.deepEqual(Object.keys(got[i]), ['RawData'], `${id}[${i}]: a certificate arrives as its bytes only`);
      assert.equal(got[i].RawData, want[i].RawData, `${id}[${i}]: RawData`);
      continue;
    }
    const a = actual(got[i] as Json) as Obj;
    const e = expected(want[i] as Json) as Obj;
    for (const [k, v] of Object.entries(e)) {
      if (REMOTING.has(k) || lost.includes(k)) continue;
      assert.ok(k in a, `${id}[${i}]: member ${k} missing`);
      assert.deepStrictEqual(a[k], v, `${id}[${i}].${k}`);
    }
  }
}

function assertNotFound(r: Result, command: string, identity: string) {
  assert.equal(r.terminating, null, `${r.id}: not-found must not terminate`);
  assert.equal(r.errors.length, 1, `${r.id}: one error`);
  const e = r.errors[0];
  assert.equal(e.fqid.split(',')[0], `${command}.NotFound`);
  assert.equal(e.category, 'ObjectNotFound');
  assert.equal(e.exception, 'System.Management.Automation.ItemNotFoundException');
  assert.equal(e.targetType, 'System.String');
  assert.equal(e.target, identity, `${r.id}: TargetObject byte for byte`);
  assert.ok(e.message.includes(identity), `${r.id}: message names the identity: ${e.message}`);
  if (command.startsWith('Get-Cs')) assert.match(e.message, /^Cannot find ".+" ".*" because it does not exist\.$/s);
  else assert.match(e.message, /^The operation couldn't be performed because object '.*' couldn't be found on '.+'\.$/s);
}

function assertRefused(r: Result, command: string, errorId: string, text: string) {
  assert.ok(r.terminating, `${r.id}: must be a terminating error`);
  assert.equal(r.terminating.fqid.split(',')[0], `${command}.${errorId}`);
  assert.equal(r.terminating.category, 'InvalidArgument');
  assert.ok(r.terminating.message.includes(text), `${r.id}: the message names ${text}: ${r.terminating.message}`);
}

// ---- requests added after the section table: identities, not found, filters, faults -----------
const lower = (s: Json) => String(s ?? '').toLowerCase();
const CHILDREN = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
interface PageQuery {
  id: string;
  command: string;
  property: string;
  like: string;
  notLike: string[];
  size: number;
  want: Obj[];
}
const pageQueries: PageQuery[] = [];
const leaves: { section: string; want: Obj[] }[] = [];

function partitionOf(objs: Obj[], property: string, like: string, notLike: string[]) {
  return objs.filter((o) => lower(o[property]).startsWith(like.toLowerCase()) && !notLike.some((n) => lower(o[property]).startsWith(n.toLowerCase())));
}
const filterText = (property: string, like: string, notLike: string[]) => [`${property} -like '${like}*'`, ...notLike.map((n) => `-and ${property} -notlike '${n}*'`)].join(' ');

/** The console's paging: prefix partitions of pageSize+1, an overflowing one split into 36 children and the remainder. */
function page(section: string, command: string, property: string, objs: Obj[], prefix: string, pageSize: number) {
  const query = (like: string, notLike: string[]) => {
    const want = partitionOf(objs, property, like, notLike);
    const id = call(`page:${section}:${like}|${notLike.join(',')}`, command, { Filter: filterText(property, like, notLike), ResultSize: String(pageSize + 1) });
    pageQueries.push({ id, command, property, like, notLike, size: pageSize + 1, want: want.slice(0, pageSize + 1) });
    return want;
  };
  const all = query(prefix, []);
  if (all.length <= pageSize) {
    leaves.push({ section, want: all });
    return;
  }
  for (const c of CHILDREN) page(section, command, property, objs, prefix + c, pageSize);
  const rest = query(
    prefix,
    CHILDREN.map((c) => prefix + c),
  );
  assert.ok(rest.length <= pageSize, 'test data: a remainder that overflows');
  leaves.push({ section, want: rest });
}

function buildLaterRequests() {
  // identities, matched without regard to case
  call('id:dialPlan', 'Get-UMDialPlan', { Identity: 'litware-sip-secured' });
  call('id:dialPlan-positional', 'Get-UMDialPlan', { Identity: 'LITWARE-EXT' });
  call('id:server-fqdn', 'Get-ExchangeServer', { Identity: 'ATL-EXCHANGE-002.litwareinc.com' });
  call('id:router-name', 'Get-UMCallRouterSettings', { Server: 'atl-ex-002' });
  call('id:router-fqdn', 'Get-UMCallRouterSettings', { Server: 'dal-exchange-003.LITWAREINC.com' });
  call('id:cert-label', 'Get-ExchangeCertificate', { Server: 'ATL-EXCHANGE-001' });
  call('id:cert-fqdn', 'Get-ExchangeCertificate', { Server: 'atl-exchange-002.litwareinc.com' });
  call('id:cert-server-name', 'Get-ExchangeCertificate', { Server: 'dal-ex-003' });
  call('id:cert-thumb', 'Get-ExchangeCertificate', { Thumbprint: '2d8e00d9aa37b153b6b68ed69b24cde6a22e41c2' });
  call('id:cert-thumb-server', 'Get-ExchangeCertificate', { Thumbprint: '2D8E00D9AA37B153B6B68ED69B24CDE6A22E41C2', Server: 'ATL-EX-019' });
  for (const id of new Set(ex('permissions').map((p) => String(p.Identity)))) call(`id:perm:${id}`, 'Get-ADPermission', { Identity: id.toUpperCase() });
  call('id:huntGroups-plan', 'Get-UMHuntGroup', { UMDialPlan: 'LITWARE-SIP-SECURED' });
  call('id:user-sip', 'Get-CsUser', { Identity: 'SIP:THEO.WILSON3@litwareinc.com' });
  call('id:user-upn', 'Get-CsUser', { Identity: 'theo.wilson3@LITWAREINC.COM' });
  call('id:user-name', 'Get-CsUser', { Identity: 'théo wilson' });
  call('id:mailbox', 'Get-Mailbox', { Identity: 'JONAS.MULLER2@litwareinc.com' });
  call('id:registrar', 'Get-CsService', { Identity: 'registrar:dal-cs-002.litwareinc.com', Registrar: true });
  call('id:pool', 'Get-CsPool', { Identity: 'ATL-CS-001.litwareinc.com' });

  // not found: a non-terminating error whose TargetObject is the identity exactly as given
  const identityCommands = [
    'Get-ExchangeServer',
    'Get-UMService',
    'Get-ClientAccessService',
    'Get-UMDialPlan',
    'Get-UMIPGateway',
    'Get-UMHuntGroup',
    'Get-UMAutoAttendant',
    'Get-UMMailboxPolicy',
    'Get-PartnerApplication',
    'Get-ADPermission',
    'Get-Mailbox',
    'Get-UMMailbox',
    'Get-CsSipDomain',
    'Get-CsSite',
    'Get-CsPool',
    'Get-CsService',
    'Get-CsDialPlan',
    'Get-CsMediaConfiguration',
    'Get-CsHostedVoicemailPolicy',
    'Get-CsExUmContact',
    'Get-CsOAuthConfiguration',
    'Get-CsPartnerApplication',
    'Get-CsUser',
  ];
  HOSTILE.forEach((h, i) => {
    for (const c of identityCommands) call(`nf:${c}:${i}`, c, { Identity: h });
    call(`nf:Get-UMCallRouterSettings:${i}`, 'Get-UMCallRouterSettings', { Server: h });
    call(`nf:Get-ExchangeCertificate-server:${i}`, 'Get-ExchangeCertificate', { Server: h });
    call(`nf:Get-ExchangeCertificate-thumb:${i}`, 'Get-ExchangeCertificate', { Thumbprint: h });
    call(`nf:Get-UMHuntGroup-plan:${i}`, 'Get-UMHuntGroup', { UMDialPlan: h });
  });

  // filters and paging
  page('users', 'Get-CsUser', 'SipAddress', sk('users'), 'sip:', 40);
  page('mailboxes', 'Get-Mailbox', 'PrimarySmtpAddress', ex('mailboxes'), '', 60);
  page('umMailboxes', 'Get-UMMailbox', 'PrimarySmtpAddress', ex('umMailboxes'), '', 25);
  call('filter:case', 'Get-CsUser', { Filter: "SIPADDRESS -LIKE 'SIP:V*' -AND sipaddress -NotLike 'sip:vi*'", ResultSize: 'unlimited' });
  call('filter:size', 'Get-Mailbox', { Filter: "PrimarySmtpAddress -like '*'", ResultSize: '7' });
  call('filter:exum', 'Get-CsExUmContact', { Filter: "SipAddress -like 'sip:litware-sip*'" });
  call('filter:identity', 'Get-CsUser', { Identity: 'theo.wilson3@litwareinc.com', Filter: "SipAddress -like 'sip:x*'" });
  const invalid: [string, string][] = [
    ['Get-CsUser', "Name -eq 'x'"],
    ['Get-CsUser', "SipAddress -like 'a*b*'"],
    ['Get-CsUser', "SipAddress -like 'a'"],
    ['Get-CsUser', "SipAddress -like 'a?*'"],
    ['Get-CsUser', "SipAddress -like 'a[b]*'"],
    ['Get-CsUser', "SipAddress -like 'a`*'"],
    ['Get-CsUser', "SipAddress -like 'a*' -or SipAddress -like 'b*'"],
    ['Get-CsUser', "SipAddress -like 'a*' -and DisplayName -notlike 'b*'"],
    ['Get-CsUser', "SipAddress -notlike 'a*'"],
    ['Get-CsUser', 'SipAddress -like "a*"'],
    ['Get-CsUser', "PrimarySmtpAddress -like 'a*'"],
    ['Get-Mailbox', "SipAddress -like 'a*'"],
    ['Get-Mailbox', "PrimarySmtpAddress -like 'a'' -or 1 -eq 1 -or ''*'"],
    ['Get-UMMailbox', "PrimarySmtpAddress -like '$(Get-Date)*'; Get-Date"],
    ['Get-UMMailbox', ''],
  ];
  invalid.forEach(([c, f], i) => call(`badfilter:${i}`, c, { Filter: f }));
  ['0', '-1', 'abc', '1e3', '99999999999', ' 5'].forEach((s, i) => call(`badsize:${i}`, 'Get-CsUser', { ResultSize: s }));

  // faults
  const fault = (o: object) => JSON.stringify(o);
  call('fault:delay', 'Get-UMDialPlan', {}, { fault: fault({ 'Get-UMDialPlan': { delayMs: 700 } }) });
  call('fault:other-cmdlet', 'Get-UMDialPlan', {}, { fault: fault({ 'Get-CsPool': { delayMs: 5000, throw: 'no' } }) });
  call('fault:missing-file', 'Get-UMDialPlan', {}, { faultMissing: true });
  call('fault:throw', 'Get-CsPool', {}, { fault: fault({ 'Get-CsPool': { throw: 'lab fault: "pool" is down' } }) });
  requests.push({ id: 'fault:noise', kind: 'noise', command: 'Get-UMIPGateway', fault: fault({ 'Get-UMIPGateway': { noise: true } }) });
  requests.push({ id: 'fault:stop', kind: 'stop', command: 'Get-CsSite', fault: fault({ 'Get-CsSite': { delayMs: 20000 } }), stopAfterMs: 1500 });
}

// ---- tests ---------------------------------------------------------------------------------------
test('the module imports, its C# compiles as C# 5, and it refuses to answer before Initialize-UmcLabEndpoint', { skip: SKIP }, async () => {
  const r = await result('import');
  assert.equal(r.terminating, null, JSON.stringify(r.terminating));
  const u = await result('uninitialized');
  assert.equal(u.terminating?.fqid.split(',')[0], 'UmcLabEndpoint.NotInitialized');
});

test('Initialize-UmcLabEndpoint refuses a file that is not JSON, not a snapshot, or missing', { skip: SKIP }, async () => {
  const bad = await result('init-bad');
  assert.equal(bad.terminating?.fqid.split(',')[0], 'UmcLabEndpoint.InvalidSnapshot');
  assert.match(bad.terminating!.message, /not valid JSON at byte \d+/);
  assert.equal((await result('init-other')).terminating?.fqid.split(',')[0], 'UmcLabEndpoint.InvalidSnapshot');
  assert.equal((await result('init-missing')).terminating?.fqid.split(',')[0], 'UmcLabEndpoint.FileNotFound');
  const ok = await result('init');
  assert.equal(ok.terminating, null, JSON.stringify(ok.terminating));
});

test('JSON edge cases keep their exact values; every date form becomes a UTC DateTime', { skip: SKIP }, async () => {
  assert.equal((await result('init-edge')).terminating, null);
  // The module's own objects (before remoting): every value as the file holds it, in the file's order.
  const got = await objects('edge');
  assert.equal((await result('edge')).dates, countDates(EDGE as Json));
  assert.equal(JSON.stringify(actual(got as Json)), JSON.stringify(expected(EDGE as Json)));
  const [o] = (await objects('edge')) as Obj[];
  assert.deepEqual(o.One, ['only']);
  assert.deepEqual(o.None, []);
  assert.equal(o.Unicode, 'Zoé Müller — 東京 ✓ 😀');
  assert.equal(o.Raw, 'Zoé — 東京 ✓');
  assert.equal(o.Quote, `a"b'c\\d/e`);
  assert.equal(o.Int, 5061);
  assert.equal(o.NotADate, '2026-11-20');
  assert.equal(o.AlsoNot, '/Date(abc)/');
  assert.equal((await result('edge')).dates, 7);
  // a section absent from the file answers nothing
  assert.deepEqual(await objects('edge-empty-section'), []);
});

test('every section comes back as the lab file holds it', { skip: SKIP }, async () => {
  for (const [id, , , want] of SECTIONS) await assertSame(`section:${id}`, want, id === 'csCertificates' ? ['RawData'] : []);
  // one-element and empty arrays stay arrays
  const umServices = (await objects('section:umServices')) as Obj[];
  assert.deepEqual(umServices[2].DialPlans, ['Litware-SIP-Secured']);
  const servers = (await objects('section:servers')) as Obj[];
  assert.deepEqual(servers[0].StaticDomainControllers, []);
});

test('Get-UmcLabEndpointInfo names the Exchange and Skype versions', { skip: SKIP }, async () => {
  const [info] = (await objects('info')) as Obj[];
  assert.equal(info.Name, 'UmcLabEndpoint');
  assert.equal(info.DataPath, LAB);
  assert.equal(info.ExchangeVersion, ex('servers')[0].AdminDisplayVersion);
  assert.equal(info.SkypeVersion, `Skype for Business Server 2015 (topology version ${sk('registrars')[0].Version})`);
});

test('identities match without regard to case', { skip: SKIP }, async () => {
  const by = (objs: Obj[], f: (o: Obj) => boolean) => objs.filter(f);
  await assertSame(
    'id:dialPlan',
    by(ex('dialPlans'), (o) => o.Identity === 'Litware-SIP-Secured'),
  );
  await assertSame(
    'id:dialPlan-positional',
    by(ex('dialPlans'), (o) => o.Identity === 'Litware-Ext'),
  );
  await assertSame(
    'id:server-fqdn',
    by(ex('servers'), (o) => o.Fqdn === 'atl-exchange-002.litwareinc.com'),
  );
  await assertSame(
    'id:router-name',
    by(ex('callRouters'), (o) => o.Identity === 'ATL-EX-002'),
  );
  await assertSame(
    'id:router-fqdn',
    by(ex('callRouters'), (o) => o.Identity === 'DAL-EX-003'),
  );
  const certHost = (o: Obj) => String(o.Identity).split('\\')[0];
  await assertSame(
    'id:cert-label',
    by(ex('certificates'), (o) => certHost(o) === 'atl-exchange-001.litwareinc.com'),
  );
  await assertSame(
    'id:cert-fqdn',
    by(ex('certificates'), (o) => certHost(o) === 'atl-exchange-002.litwareinc.com'),
  );
  await assertSame(
    'id:cert-server-name',
    by(ex('certificates'), (o) => certHost(o) === 'dal-exchange-003.litwareinc.com'),
  );
  // Without -Server, on the session's server only (the cmdlet's reference: "run on the local server").
  await assertSame(
    'id:cert-thumb',
    by(ex('certificates'), (o) => o.Identity === 'atl-exchange-001.litwareinc.com\\2D8E00D9AA37B153B6B68ED69B24CDE6A22E41C2'),
  );
  await assertSame(
    'id:cert-thumb-server',
    by(ex('certificates'), (o) => o.Identity === 'atl-exchange-019.litwareinc.com\\2D8E00D9AA37B153B6B68ED69B24CDE6A22E41C2'),
  );
  for (const id of new Set(ex('permissions').map((p) => String(p.Identity))))
    await assertSame(
      `id:perm:${id}`,
      by(ex('permissions'), (o) => o.Identity === id),
    );
  await assertSame(
    'id:huntGroups-plan',
    by(ex('huntGroups'), (o) => o.UMDialPlan === 'Litware-SIP-Secured'),
  );
  const theo = by(sk('users'), (o) => o.SipAddress === 'sip:theo.wilson3@litwareinc.com');
  assert.equal(theo.length, 1);
  await assertSame('id:user-sip', theo);
  await assertSame('id:user-upn', theo);
  await assertSame(
    'id:user-name',
    by(sk('users'), (o) => lower(o.DisplayName) === 'théo wilson'),
  );
  await assertSame(
    'id:mailbox',
    by(ex('mailboxes'), (o) => o.PrimarySmtpAddress === 'jonas.muller2@litwareinc.com'),
  );
  await assertSame(
    'id:registrar',
    by(sk('registrars'), (o) => o.Identity === 'Registrar:dal-cs-002.litwareinc.com'),
  );
  await assertSame(
    'id:pool',
    by(sk('pools'), (o) => o.Identity === 'atl-cs-001.litwareinc.com'),
  );
});

test('not found: a non-terminating ItemNotFoundException whose TargetObject is the identity byte for byte', { skip: SKIP }, async () => {
  const results = (await run()).results;
  const ids = Object.keys(results).filter((k) => k.startsWith('nf:'));
  assert.ok(ids.length > 40);
  for (const id of ids) {
    const [, command, index] = /^nf:([A-Za-z-]+?)(?:-server|-thumb|-plan)?:(\d+)$/.exec(id)!;
    assertNotFound(results[id], command, HOSTILE[Number(index)]);
    assert.deepEqual(JSON.parse(results[id].json ?? '[]'), [], `${id}: no objects`);
  }
});

test('-Filter returns exactly the prefix partition, in file order, at most -ResultSize objects', { skip: SKIP }, async () => {
  await run();
  assert.ok(pageQueries.length > 37);
  for (const q of pageQueries) await assertSame(q.id, q.want);
  // the leaves of the console's paging hold every object once
  for (const [section, objs] of [
    ['users', sk('users')],
    ['mailboxes', ex('mailboxes')],
  ] as const) {
    const seen = leaves.filter((l) => l.section === section).flatMap((l) => l.want);
    assert.equal(seen.length, objs.length, section);
    assert.equal(new Set(seen).size, objs.length, section);
  }
  await assertSame('filter:case', partitionOf(sk('users'), 'SipAddress', 'sip:v', ['sip:vi']));
  await assertSame('filter:size', ex('mailboxes').slice(0, 7));
  await assertSame('filter:exum', partitionOf(sk('exUmContacts'), 'SipAddress', 'sip:litware-sip', []));
  // -Identity and -Filter together: both apply (the user is not in the partition, so not found)
  assertNotFound(await result('filter:identity'), 'Get-CsUser', 'theo.wilson3@litwareinc.com');
});

test('-Filter outside the grammar and a bad -ResultSize are refused with InvalidArgument', { skip: SKIP }, async () => {
  const results = (await run()).results;
  for (const id of Object.keys(results).filter((k) => k.startsWith('badfilter:'))) {
    const q = requests.find((x) => x.id === id)!;
    const filter = Buffer.from(q.params!.find((p) => p.n === 'Filter')!.b64!, 'base64').toString('utf8');
    assertRefused(results[id], q.command!, 'InvalidFilter', filter);
    assert.equal(results[id].terminating!.target, filter);
  }
  for (const id of Object.keys(results).filter((k) => k.startsWith('badsize:'))) assertRefused(results[id], 'Get-CsUser', 'InvalidResultSize', 'ResultSize');
});

test('lab faults: delay, throw, noise on every stream, Stop during a delay; none without the file', { skip: SKIP }, async () => {
  const all = await run();
  const delay = await result('fault:delay');
  assert.ok(delay.ms >= 700, `delay ${delay.ms} ms`);
  await assertSame('fault:delay', ex('dialPlans'));
  await assertSame('fault:other-cmdlet', ex('dialPlans'));
  // Get-CsPool's fault (a 5 s sleep, then a throw) did not touch Get-UMDialPlan: had it applied, the call
  // would have slept the whole 5 s (a bound of what the fault does, not of the machine's speed) and thrown.
  assert.ok((await result('fault:other-cmdlet')).ms < 5000);
  await assertSame('fault:missing-file', ex('dialPlans'));

  const thrown = await result('fault:throw');
  assert.ok(thrown.terminating);
  assert.equal(thrown.terminating.fqid.split(',')[0], 'Get-CsPool.LabFault');
  assert.equal(thrown.terminating.category, 'InvalidOperation');
  assert.equal(thrown.terminating.target, 'Get-CsPool');
  assert.equal(thrown.terminating.message, 'lab fault: "pool" is down');

  const noise = await result('fault:noise');
  assert.equal(noise.terminating, null, JSON.stringify(noise.terminating));
  assert.equal((JSON.parse(noise.json!) as Json[]).length, ex('ipGateways').length);
  const s = noise.streams!;
  const text = 'Zoé Müller — 東京 ✓';
  for (const name of ['warning', 'verbose', 'debug', 'progress'])
    assert.ok(
      s[name].some((m) => m.includes(text)),
      `${name}: ${JSON.stringify(s[name])}`,
    );
  assert.ok(
    s.information.some((m) => m.includes('\u001b[31m')),
    'Write-Host with ANSI colours',
  );
  assert.ok(
    s.information.some((m) => m.includes('information') && m.includes(text)),
    'Write-Information',
  );
  assert.deepEqual(s.error, []);
  assert.ok(all.stdout.includes(`\u001eUMC 1 garbage ${text}`), `console stdout: ${JSON.stringify(all.stdout.slice(0, 500))}`);
  assert.ok(all.stderr.includes(text), 'console stderr');

  const stop = await result('fault:stop');
  assert.ok(stop.ms < 5000, `Stop took ${stop.ms} ms`);
  assert.equal(stop.state, 'Stopped');
});
