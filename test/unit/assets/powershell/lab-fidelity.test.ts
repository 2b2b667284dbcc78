/**
 * The lab endpoint as a faithful double of the Exchange and Skype for Business Management Shells, in real
 * PowerShell (one pwsh process runs every request):
 *  - every real capture under test/fixtures/samples/ that the lab covers: the lab's object for that cmdlet,
 *    written by PowerShell's own serializer as the sample was (CliXml at depth 2, or remoting then the
 *    properties Format-List shows), has the sample's property names, nesting, type names and value forms;
 *  - the version profiles (docs/lab-endpoint.md): the cmdlets each version has (checked against the
 *    command reference table, shared/powershell/cmdlet-reference.ts), the server roles and versions,
 *    Exchange 2010 dial plans with their UM servers, Exchange 2019 without UM, topology versions,
 *    UMCertificateThumbprint, withheld cmdlets, parameters a version lacks;
 *  - behaviours of the real cmdlets: Get-OrganizationalUnit's default 1,000 with its warning, a
 *    PrimarySmtpAddress filter that also matches secondary addresses, Get-CsCertificate for the local
 *    Front End only and without -Server.
 * Local versus SSH remoting is in lab-fidelity-remoting.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { powerShellAssets } from '../../../../main/powershell/powershell-locator';
import { labSnapshotPath } from '../../../../main/services/snapshot-loader';
import { cmdletReference, type ProductVersion } from '../../../../shared/powershell/cmdlet-reference';
import { ROOT } from '../../../support/paths';
import { NO_LAB_PWSH as SKIP, runLabDriver } from '../../../support/powershell';

const MODULE = powerShellAssets(ROOT).labModule;
const LAB = labSnapshotPath(ROOT);
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
type Obj = Record<string, unknown>;
const lab = JSON.parse(readFileSync(LAB, 'utf8')) as { exchange: Record<string, { objects: Obj[] }>; skype: Record<string, { objects: Obj[] }> };

// ---- requests ----------------------------------------------------------------------------------
interface Profile {
  ExchangeVersion?: string;
  SkypeVersion?: string;
  Withhold?: string[];
}
interface Request {
  id: string;
  kind: 'init' | 'call' | 'versions' | 'unmapped';
  path?: string;
  profile?: Profile;
  command?: string;
  params?: Record<string, string | string[] | true>;
  /** Contents of UMC_LAB_DIRECTORY_FILE for this request. */
  directory?: string;
}
interface ErrorInfo {
  fqid: string;
  category: string;
  message: string;
  exception: string;
}
interface Result {
  id: string;
  /** The objects as remoting delivers them (JSON); a certificate as { RawData, members }. */
  wire: Obj[];
  /** Each object before remoting, written by PSSerializer at depth 2 (as Export-Clixml writes it). */
  clixml: string[];
  /** Each object after remoting, at depth 2: the members remoting added (MS). */
  wireClixml: string[];
  types: string[];
  /** In process (before remoting): the Services of each object that has them (an Exchange certificate's stay on the server). */
  services: string[];
  errors: ErrorInfo[];
  warnings: string[];
  terminating: ErrorInfo | null;
  value?: unknown;
}

const requests: Request[] = [];
const init = (id: string, profile: Profile = {}, path = LAB) => requests.push({ id, kind: 'init', path, profile });
const call = (id: string, command: string, params: Request['params'] = {}, extra: Partial<Request> = {}) => requests.push({ id, kind: 'call', command, params, ...extra });

const EXCHANGE = ['2010', '2013', '2016', '2019'] as const;
const SKYPE = ['2013', '2015', '2019'] as const;
const PROFILES: { id: string; profile: Profile }[] = [
  { id: 'default', profile: {} },
  { id: 'e2010', profile: { ExchangeVersion: '2010', SkypeVersion: '2013' } },
  { id: 'e2013', profile: { ExchangeVersion: '2013', SkypeVersion: '2015' } },
  { id: 'e2016', profile: { ExchangeVersion: '2016', SkypeVersion: '2019' } },
  { id: 'e2019', profile: { ExchangeVersion: '2019', SkypeVersion: '2019' } },
];

function buildRequests(dir: string) {
  requests.push({ id: 'versions', kind: 'versions' });
  for (const { id, profile } of PROFILES) {
    init(`init:${id}`, profile);
    call(`${id}:info`, 'Get-UmcLabEndpointInfo');
    call(`${id}:servers`, 'Get-ExchangeServer');
    call(`${id}:certs`, 'Get-ExchangeCertificate');
    call(`${id}:registrars`, 'Get-CsService', { Registrar: true });
    call(`${id}:ou-size`, 'Get-OrganizationalUnit', { ResultSize: 'Unlimited' });
    call(`${id}:cert-identity`, 'Get-ExchangeCertificate', { Identity: 'atl-exchange-001.litwareinc.com\\2D8E00D9AA37B153B6B68ED69B24CDE6A22E41C2' });
    for (const c of ['Get-UMServer', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-UMDialPlan', 'Get-ClientAccessService', 'Get-ClientAccessServer', 'Get-UMMailbox', 'Get-PartnerApplication'])
      call(`${id}:${c}`, c);
  }
  // Every Exchange server of each version, for the samples; every release for the per-version forms.
  for (const v of EXCHANGE) {
    init(`init:only-${v}`, { ExchangeVersion: v });
    call(`only-${v}:servers`, 'Get-ExchangeServer');
  }
  for (const v of SKYPE) {
    init(`init:skype-${v}`, { SkypeVersion: v });
    call(`skype-${v}:services`, 'Get-CsService');
  }
  // Withheld cmdlets (as an RBAC role assignment would not grant them): gone, the rest works.
  init('init:withhold', { Withhold: ['Get-UMService', 'get-cscertificate', 'Get-NoSuchThing'] });
  call('withhold:info', 'Get-UmcLabEndpointInfo');
  call('withhold:um', 'Get-UMService');
  call('withhold:cs', 'Get-CsCertificate');
  call('withhold:dialplans', 'Get-UMDialPlan');

  // The default profile: the samples' cmdlets and the real behaviours.
  init('init:lab');
  call('lab:certs', 'Get-ExchangeCertificate');
  call('lab:cscerts', 'Get-CsCertificate');
  call('lab:cscerts-global', 'Get-CsCertificate', { Identity: 'Global' });
  call('lab:cscerts-type', 'Get-CsCertificate', { Type: ['WebServicesExternal'] });
  call('lab:cscerts-server', 'Get-CsCertificate', { Server: 'atl-fe-02.litwareinc.com' });
  call('lab:dialplan-global', 'Get-CsDialPlan', { Identity: 'Global' });
  call('lab:mailboxes', 'Get-Mailbox', { ResultSize: '3' });
  call('lab:umservices', 'Get-UMService');
  call('lab:callrouters', 'Get-UMCallRouterSettings', { Server: 'dal-ex-003' });
  call('lab:callrouter-local', 'Get-UMCallRouterSettings');
  // Every cmdlet once, then the file members no real type has (the builder drops them; none should be).
  for (const c of [
    'Get-OrganizationConfig',
    'Get-ExchangeServer',
    'Get-UMService',
    'Get-ClientAccessService',
    'Get-UMDialPlan',
    'Get-UMIPGateway',
    'Get-UMHuntGroup',
    'Get-UMAutoAttendant',
    'Get-UMMailboxPolicy',
    'Get-PartnerApplication',
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
  ])
    call(`all:${c}`, c);
  for (const server of ['atl-ex-001', 'atl-ex-002', 'dal-ex-003', 'atl-ex-019']) call(`all:certs:${server}`, 'Get-ExchangeCertificate', { Server: server });
  for (const id of new Set(lab.exchange.permissions!.objects.map((p) => String(p.Identity)))) call(`all:perm:${id}`, 'Get-ADPermission', { Identity: id });
  requests.push({ id: 'unmapped', kind: 'unmapped' });

  // Get-OrganizationalUnit on a directory of 1,005 OUs.
  const ous = Array.from({ length: 1005 }, (_, i) => `OU=Unit ${String(i).padStart(4, '0')},DC=litwareinc,DC=com`);
  const directory = JSON.stringify({ ous });
  call('ou:default', 'Get-OrganizationalUnit', {}, { directory });
  call('ou:unlimited', 'Get-OrganizationalUnit', { ResultSize: 'Unlimited' }, { directory });
  call('ou:ten', 'Get-OrganizationalUnit', { ResultSize: '10' }, { directory });

  // A PrimarySmtpAddress filter also matches secondary SMTP addresses (Exchange's own warning).
  const small = join(dir, 'smtp.umcsnap.json');
  writeFileSync(
    small,
    JSON.stringify({
      format: 'umc-snapshot',
      formatVersion: 1,
      capturedAt: '2026-11-20T09:30:00.000Z',
      source: { kind: 'lab', label: 'smtp', powerShellVersion: '7.6' },
      exchange: {
        mailboxes: {
          command: 'Get-Mailbox',
          objects: [
            {
              DisplayName: 'Alice',
              PrimarySmtpAddress: 'alice@contoso.com',
              EmailAddresses: ['SMTP:alice@contoso.com', 'smtp:bob.alias@contoso.com', 'SIP:alice@contoso.com', 'eum:1000;phone-context=DP.contoso.com'],
            },
            { DisplayName: 'Bob', PrimarySmtpAddress: 'bob@contoso.com', EmailAddresses: ['SMTP:bob@contoso.com'] },
            { DisplayName: 'Carol', PrimarySmtpAddress: 'carol@contoso.com', EmailAddresses: ['SMTP:carol@contoso.com', 'SIP:bob.sip@contoso.com'] },
          ],
        },
        umMailboxes: {
          command: 'Get-UMMailbox',
          objects: [
            { PrimarySmtpAddress: 'alice@contoso.com', UMEnabled: true },
            { PrimarySmtpAddress: 'carol@contoso.com', UMEnabled: true },
          ],
        },
      },
      skype: {},
    }),
  );
  init('init:smtp', {}, small);
  call('smtp:b', 'Get-Mailbox', { Filter: "PrimarySmtpAddress -like 'b*'", ResultSize: 'Unlimited' });
  call('smtp:a', 'Get-Mailbox', { Filter: "PrimarySmtpAddress -like 'a*'", ResultSize: 'Unlimited' });
  call('smtp:b-not-bo', 'Get-Mailbox', { Filter: "PrimarySmtpAddress -like 'b*' -and PrimarySmtpAddress -notlike 'bo*'", ResultSize: 'Unlimited' });
  call('smtp:um-b', 'Get-UMMailbox', { Filter: "PrimarySmtpAddress -like 'b*'", ResultSize: 'Unlimited' });
}

// ---- the driver (PowerShell, run with -Command; no double quotes) ----------------------------------
const DRIVER = String.raw`
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
function Get-ErrorInfo($e) { return [ordered]@{ fqid = [string]$e.FullyQualifiedErrorId; category = [string]$e.CategoryInfo.Category; message = [string]$e.Exception.Message; exception = $e.Exception.GetType().FullName } }
$m = Import-Module -Name $env:UMC_TEST_MODULE -PassThru -ErrorAction Stop
$dirFile = Join-Path $env:UMC_TEST_DIR 'directory.json'
$requests = [IO.File]::ReadAllText($env:UMC_TEST_REQUESTS, $utf8) | ConvertFrom-Json
$results = [ordered]@{}
foreach ($q in $requests) {
  $r = [ordered]@{ id = $q.id; wire = @(); clixml = @(); wireClixml = @(); types = @(); services = @(); errors = @(); warnings = @(); terminating = $null }
  Remove-Item Env:UMC_LAB_DIRECTORY_FILE -ErrorAction SilentlyContinue
  if ($q.PSObject.Properties['directory']) { [IO.File]::WriteAllText($dirFile, $q.directory, $utf8); $env:UMC_LAB_DIRECTORY_FILE = $dirFile }
  try {
    switch ($q.kind) {
      'versions' { $r.value = & $m { $script:CommandVersions } }
      'unmapped' { $r.value = @([UmcLabEndpoint.V3.Shapes]::Unmapped.Keys | Sort-Object) }
      'init' {
        $init = @{ Path = $q.path; ErrorAction = 'Stop' }
        foreach ($p in $q.profile.PSObject.Properties) { $init[$p.Name] = $p.Value }
        Initialize-UmcLabEndpoint @init
      }
      'call' {
        $splat = @{}
        foreach ($p in $q.params.PSObject.Properties) { if ($p.Value -eq $true) { $splat[$p.Name] = $true } else { $splat[$p.Name] = $p.Value } }
        $callErrors = $null; $callWarnings = $null
        $out = @(& $q.command @splat -ErrorAction SilentlyContinue -ErrorVariable callErrors -WarningAction SilentlyContinue -WarningVariable callWarnings)
        $r.errors = @($callErrors | ForEach-Object { Get-ErrorInfo $_ })
        $r.warnings = @($callWarnings | ForEach-Object { [string]$_ })
        $r.types = @($out | ForEach-Object { [string]$_.PSObject.TypeNames[0] })
        $r.services = @($out | Where-Object { $_.PSObject.Properties['Services'] } | ForEach-Object { [string]$_.Services })
        $r.clixml = @($out | ForEach-Object { [System.Management.Automation.PSSerializer]::Serialize($_, 2) })
        $wire = @()
        if ($out.Count -gt 0) { $wire = @([UmcLabEndpoint.V3.Remoting]::RoundTrip([object[]]$out, 'lab.test', [guid]::Empty)) }
        $r.wireClixml = @($wire | ForEach-Object { [System.Management.Automation.PSSerializer]::Serialize($_, 2) })
        $r.wire = @($wire | ForEach-Object {
            if ($_.PSObject.BaseObject -is [System.Security.Cryptography.X509Certificates.X509Certificate2]) {
              [ordered]@{ RawData = [Convert]::ToBase64String($_.RawData); Thumbprint = $_.Thumbprint; members = @($_.PSObject.Properties | Where-Object { $_.MemberType -eq 'NoteProperty' } | ForEach-Object { $_.Name }) }
            } else { $_ }
          })
      }
    }
  } catch {
    $r.terminating = Get-ErrorInfo $_
  }
  $results[$q.id] = $r
}
Remove-Item Env:UMC_LAB_DIRECTORY_FILE -ErrorAction SilentlyContinue
[IO.File]::WriteAllText($env:UMC_TEST_RESULTS, (ConvertTo-Json -InputObject ([ordered]@{ results = $results }) -Depth 8 -Compress), $utf8)
`;

let dir: string | null = null;
let report: Promise<Record<string, Result>> | null = null;
function run(): Promise<Record<string, Result>> {
  report ??= (async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'umc-lab-fidelity-'));
    dir = tmp;
    buildRequests(tmp);
    const requestsFile = join(tmp, 'requests.json');
    const resultsFile = join(tmp, 'results.json');
    writeFileSync(requestsFile, JSON.stringify(requests));
    const { report: r } = await runLabDriver<{ results: Record<string, Result> }>(
      DRIVER,
      { UMC_TEST_REQUESTS: requestsFile, UMC_TEST_RESULTS: resultsFile, UMC_TEST_DIR: tmp, UMC_TEST_MODULE: MODULE },
      resultsFile,
      300_000,
    );
    return r.results;
  })();
  return report;
}
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function res(id: string): Promise<Result> {
  const r = (await run())[id];
  assert.ok(r, `no result ${id}`);
  return r;
}
/** The objects of a call that succeeded (no error, nothing terminating). */
async function wire(id: string): Promise<Obj[]> {
  const r = await res(id);
  assert.equal(r.terminating, null, `${id}: ${JSON.stringify(r.terminating)}`);
  assert.deepEqual(r.errors, [], `${id}: ${JSON.stringify(r.errors)}`);
  return r.wire;
}
/** A call refused because the command does not exist in the session (profile or RBAC). */
async function assertNoCommand(id: string, command: string) {
  const t = (await res(id)).terminating;
  assert.ok(t, `${id}: ${command} answered`);
  assert.equal(t.fqid.split(',')[0], 'CommandNotFoundException', id);
  assert.match(t.message, new RegExp(`The term '${command}' is not recognized`, 'i'));
}

// ---- CliXml (PowerShell's serialization format), as far as the comparison needs it ---------------------
interface CliNode {
  tag: string;
  name: string | null;
  refId: string | null;
  children: CliNode[];
  text: string;
  types: string[];
}

/** The top-level objects of a CliXml text (the samples start with notes and may be cut short: both tolerated). */
function parseCliXml(text: string): CliNode[] {
  const xml = text.slice(text.indexOf('<Objs'));
  const root: CliNode = { tag: '#root', name: null, refId: null, children: [], text: '', types: [] };
  const stack = [root];
  const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    if (m[5] !== undefined) {
      stack[stack.length - 1]!.text += m[5];
      continue;
    }
    if (m[1]) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const node: CliNode = { tag: m[2]!, name: attr(m[3]!, 'N'), refId: attr(m[3]!, 'RefId'), children: [], text: '', types: [] };
    stack[stack.length - 1]!.children.push(node);
    if (!m[4]) stack.push(node);
  }
  // Type names: <TN RefId> lists them, a later <TNRef RefId> refers to them (document order).
  const tn = new Map<string, string[]>();
  const walk = (n: CliNode) => {
    for (const c of n.children) {
      if (c.tag === 'TN') {
        n.types = c.children.filter((t) => t.tag === 'T').map((t) => t.text.trim());
        if (c.refId) tn.set(c.refId, n.types);
      } else if (c.tag === 'TNRef') n.types = tn.get(c.refId ?? '') ?? [];
      walk(c);
    }
  };
  walk(root);
  const objs = root.children.find((c) => c.tag === 'Objs');
  return (objs?.children ?? []).filter((c) => c.tag === 'Obj');
}

/** The named members of an object's <Props> or <MS>. */
function propsOf(obj: CliNode, section: 'Props' | 'MS'): Map<string, CliNode> {
  const out = new Map<string, CliNode>();
  for (const c of obj.children.find((x) => x.tag === section)?.children ?? []) if (c.name) out.set(c.name, c);
  return out;
}

// ---- the samples -----------------------------------------------------------------------------------
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');
/** Type names without the assemblies of generic arguments ("MultiValuedProperty`1[[System.String]]"). */
const typeName = (t: string) => t.replace(/\[\[([^,\]]+),[^\]]*\]\]/g, '[[$1]]').replace(/^Deserialized\./, '');

/**
 * The lab object's CliXml has every property of the sample's (top level and one level down), of the same
 * element kind (a sample's Nil has no value to compare: any kind), with the same type names, enum form
 * (&lt;ToString&gt; and &lt;I32&gt;), list form (&lt;LST&gt;), and reference (&lt;Ref&gt; to the same object).
 */
function assertLike(where: string, labObj: CliNode, sampleObj: CliNode, depth = 0) {
  // (the exchangeserver samples are cut short: their last object has no type names left to compare)
  if (sampleObj.types.length > 0) assert.deepEqual(labObj.types.map(typeName), sampleObj.types.map(typeName), `${where}: type names`);
  for (const form of ['LST', 'I32', 'ToString'] as const) {
    if (sampleObj.children.some((c) => c.tag === form))
      assert.ok(
        labObj.children.some((c) => c.tag === form),
        `${where}: <${form}>`,
      );
  }
  const labProps = propsOf(labObj, 'Props');
  for (const [name, s] of propsOf(sampleObj, 'Props')) {
    const l = labProps.get(name);
    assert.ok(l, `${where}.${name}: missing`);
    if (s.tag === 'Nil') continue;
    assert.equal(l.tag, s.tag, `${where}.${name}: <${l.tag}> where the real object has <${s.tag}>`);
    if (s.tag === 'Obj' && depth === 0) assertLike(`${where}.${name}`, l, s, depth + 1);
    if (s.tag === 'Obj' && depth === 0) {
      const sl = s.children.find((c) => c.tag === 'LST');
      const ll = l.children.find((c) => c.tag === 'LST');
      if (sl && ll && sl.children.length > 0 && ll.children.length > 0) {
        assert.equal(ll.children[0]!.tag, sl.children[0]!.tag, `${where}.${name}: element kind`);
        if (sl.children[0]!.tag === 'Obj') assertLike(`${where}.${name}[0]`, ll.children[0]!, sl.children[0]!, depth + 1);
      }
    }
  }
}

/** The remoting members of a sample (MS) are on the lab's object after remoting, of the same kinds. */
function assertRemotingMembers(where: string, labObj: CliNode, sampleObj: CliNode) {
  const labMs = propsOf(labObj, 'MS');
  for (const [name, s] of propsOf(sampleObj, 'MS')) {
    const l = labMs.get(name);
    assert.ok(l, `${where}: remoting member ${name} missing`);
    assert.equal(l.tag, s.tag, `${where}: ${name} is <${l.tag}>, the real one <${s.tag}>`);
  }
}

test('Get-ExchangeCertificate: each real capture (4 samples) — an X509Certificate2 written as RawData only, with the remoting members', { skip: SKIP }, async () => {
  const r = await res('lab:certs');
  assert.ok(r.clixml.length >= 2);
  for (const name of ['get-exchangecertificate-clixml-1.txt', 'get-exchangecertificate-clixml-2.txt', 'get-exchangecertificate-clixml-3-broken.txt', 'get-exchangecertificate-clixml-4-azure.txt']) {
    const real = parseCliXml(sample(name))[0]!;
    for (let i = 0; i < r.clixml.length; i++) {
      const mine = parseCliXml(r.clixml[i]!)[0]!;
      assertLike(`${name} vs lab[${i}]`, mine, real);
      assert.deepEqual([...propsOf(mine, 'Props').keys()], ['RawData'], 'RawData only: Services, Status, Identity do not travel');
      assertRemotingMembers(`${name} vs lab[${i}] after remoting`, parseCliXml(r.wireClixml[i]!)[0]!, real);
    }
  }
  // What the console receives: the certificate's bytes (a rehydrated X509Certificate2) and the remoting members.
  for (const [i, c] of r.wire.entries()) {
    assert.deepEqual(c.members, ['SerializationData', 'PSComputerName', 'RunspaceId', 'PSShowComputerName'], `wire[${i}]`);
    const file = lab.exchange.certificates!.objects.find((o) => o.Thumbprint === c.Thumbprint)!;
    assert.equal(c.RawData, file.RawData);
  }
});

test('Get-ExchangeServer: the Exchange 2016 and 2019 captures — every property, nested id/version/path/enum/list forms, type names', { skip: SKIP }, async () => {
  for (const [name, id, version] of [
    ['get-exchangeserver-clixml-1.txt', 'only-2016:servers', '2016'],
    ['get-exchangeserver-clixml-2.txt', 'only-2019:servers', '2019'],
  ] as const) {
    const real = parseCliXml(sample(name))[0]!;
    const r = await res(id);
    assert.equal(r.terminating, null);
    for (let i = 0; i < r.clixml.length; i++) assertLike(`${name} vs ${version} lab[${i}]`, parseCliXml(r.clixml[i]!)[0]!, real);
    // the forms of the real 2016 / 2019 objects (docs/lab-endpoint.md, "Version profiles"): Mailbox role, CAS part of it, UM on 2016 only
    // (the 2016 org keeps the lab org's one Exchange 2019 server: 2019 coexists with 2016)
    for (const s of await wire(id)) {
      const is2019 = String(s.AdminDisplayVersion).startsWith('Version 15.2 ');
      assert.equal(s.ServerRole, 'Mailbox');
      assert.equal(s.IsClientAccessServer, true);
      assert.equal(s.IsUnifiedMessagingServer, !is2019);
      assert.equal(is2019, version === '2019' || s.Name === 'ATL-EX-019');
      assert.match(String(s.AdminDisplayVersion), /^Version 15\.[12] \(Build \d+\.\d+\)$/);
    }
  }
});

/** Format-List text: "Name : value" lines (a value may wrap onto the next lines), for the command on the line starting with `start`. */
function formatList(text: string, start: string): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const from = lines.findIndex((l) => l.startsWith(start));
  assert.ok(from >= 0, `no ${start}`);
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines.slice(from + 1)) {
    if (/^(PS>|Get-)/.test(line)) break;
    const m = /^([A-Za-z]+)\s*:\s?(.*)$/.exec(line);
    if (m) {
      last = m[1]!;
      out.set(last, m[2]!.trim());
    } else if (line.trim() && last) out.set(last, `${out.get(last)} ${line.trim()}`);
  }
  return out;
}

/** The form of a Format-List value, and whether the lab's JSON value has it. */
function assertForm(where: string, shown: string, value: unknown) {
  if (shown.startsWith('{')) assert.ok(Array.isArray(value), `${where}: a list (${shown}), got ${JSON.stringify(value)}`);
  else if (shown === 'True' || shown === 'False') assert.equal(typeof value, 'boolean', `${where}: a boolean`);
  else if (/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}( [AP]M)?$/.test(shown)) assert.match(String(value), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, `${where}: a date`);
  else if (shown === '') assert.ok(value === null || typeof value === 'string', `${where}: empty text`);
  else assert.equal(typeof value, 'string', `${where}: text (${shown})`);
}

test('Get-CsCertificate: the Lync 2013 capture (Format-List) — same properties and forms, the local Front End only, no -Server', { skip: SKIP }, async () => {
  const shown = formatList(sample('get-cscertificate-fl-1.txt'), 'PS> Get-CsCertificate');
  assert.deepEqual([...shown.keys()], ['Issuer', 'NotAfter', 'NotBefore', 'SerialNumber', 'Subject', 'AlternativeNames', 'Thumbprint', 'Use']);
  const certs = await wire('lab:cscerts');
  for (const c of certs) {
    for (const [name, value] of shown) assertForm(`Get-CsCertificate.${name}`, value, c[name]);
    assert.equal(c.Use === 'Default' || typeof c.Use === 'string', true);
    assert.ok(!('RawData' in c), 'a CertificateReference carries no certificate bytes');
    assert.equal(c.PSComputerName, 'lab.test');
  }
  // "certificates on the local computers" (the reference page): the session's Front End, atl-fe-01.
  const local = lab.skype.certificates!.objects.filter((o) => o.PSComputerName === 'atl-fe-01.litwareinc.com');
  assert.deepEqual(
    certs.map((c) => c.Thumbprint),
    local.map((o) => o.Thumbprint),
  );
  assert.deepEqual(
    (await wire('lab:cscerts-type')).map((c) => c.Use),
    ['WebServicesExternal'],
  );
  const global = await wire('lab:cscerts-global');
  assert.ok(global.length > 0 && global.every((c) => c.Use === 'OAuthTokenIssuer'));
  const server = (await res('lab:cscerts-server')).terminating;
  assert.match(server?.fqid ?? '', /^NamedParameterNotFound/, 'Get-CsCertificate has no -Server');
});

test('Get-CsDialPlan: the Lync 2013 capture (Format-List) — same properties and forms, the rule as Lync prints it', { skip: SKIP }, async () => {
  const shown = formatList(sample('get-csdialplan-fl-1.txt'), 'PS> Get-CsDialPlan');
  const [global] = await wire('lab:dialplan-global');
  assert.ok(global);
  for (const [name, value] of shown) assertForm(`Get-CsDialPlan.${name}`, value, global[name]);
  const rule = shown
    .get('NormalizationRules')!
    .replace(/^\{|\}$/g, '')
    .replace(/\s+/g, '');
  assert.deepEqual(
    (global.NormalizationRules as string[]).map((r) => r.replace(/\s+/g, '')),
    [rule],
  );
  assert.equal(global.SimpleName, shown.get('SimpleName'));
  assert.deepEqual((await res('lab:dialplan-global')).types, ['Microsoft.Rtc.Management.WritableConfig.Policy.Voice.LocationProfile']);
});

test('Get-Mailbox: the Exchange 2013 capture (Format-List) — Name, Alias, EmailAddresses as a list of PREFIX:address, EmailAddressPolicyEnabled', { skip: SKIP }, async () => {
  const text = sample('get-mailbox-fl-emailaddresses-1.txt');
  const shown = new Map([
    ...formatList(text, 'Get-Mailbox TestUser1 | Format-List -Property Name,Alias,EmailAddresses'),
    ...formatList(text, 'Get-Mailbox TestUser1 | Format-List -Property Name, Alias, Email*'),
  ]);
  assert.deepEqual([...shown.keys()].sort(), ['Alias', 'EmailAddressPolicyEnabled', 'EmailAddresses', 'Name']);
  for (const m of await wire('lab:mailboxes')) {
    for (const [name, value] of shown) assertForm(`Get-Mailbox.${name}`, value, m[name]);
    const primary = (m.EmailAddresses as string[]).filter((a) => a.startsWith('SMTP:'));
    assert.deepEqual(primary, [`SMTP:${m.PrimarySmtpAddress}`], 'the upper-case SMTP: is the primary address');
  }
  assert.deepEqual((await res('lab:mailboxes')).types, Array(3).fill('Microsoft.Exchange.Data.Directory.Management.Mailbox'));
});

test('the real types hold every member the lab file keeps for their cmdlets, but what the wire loses', { skip: SKIP }, async () => {
  const results = await run();
  for (const [id, r] of Object.entries(results)) if (id.startsWith('all:')) assert.equal(r.terminating, null, `${id}: ${JSON.stringify(r.terminating)}`);
  // A Skype certificate's bytes: the file keeps them (the capture read them on each Front End); a CertificateReference has none.
  assert.deepEqual((await res('unmapped')).value, ['Microsoft.Rtc.Management.Deployment.CertificateReference.RawData']);
});

// ---- the version profiles -----------------------------------------------------------------------
const LAB_COMMANDS = [
  'Get-OrganizationConfig',
  'Get-ExchangeServer',
  'Get-UMServer',
  'Get-UMService',
  'Get-UMCallRouterSettings',
  'Get-ClientAccessServer',
  'Get-ClientAccessService',
  'Get-UMDialPlan',
  'Get-UMIPGateway',
  'Get-UMHuntGroup',
  'Get-UMAutoAttendant',
  'Get-UMMailboxPolicy',
  'Get-ExchangeCertificate',
  'Get-PartnerApplication',
  'Get-ADPermission',
  'Get-Mailbox',
  'Get-UMMailbox',
  'Get-OrganizationalUnit',
  'Get-Group',
  'Get-User',
  'Get-CsSipDomain',
  'Get-CsSite',
  'Get-CsPool',
  'Get-CsService',
  'Get-CsDialPlan',
  'Get-CsMediaConfiguration',
  'Get-CsHostedVoicemailPolicy',
  'Get-CsExUmContact',
  'Get-CsCertificate',
  'Get-CsOAuthConfiguration',
  'Get-CsPartnerApplication',
  'Get-CsUser',
  'New-CsExUmContact',
  'Set-CsExUmContact',
  'Move-CsExUmContact',
  'Remove-CsExUmContact',
  'Test-CsOUPermission',
  // The Exchange configuration writes (UmcLabEndpoint.ExchangeWrites.ps1).
  ...['New-UMDialPlan', 'Set-UMDialPlan', 'New-UMHuntGroup', 'Remove-UMHuntGroup', 'New-UMIPGateway', 'Set-UMIPGateway', 'Enable-UMIPGateway', 'Set-UMService', 'Set-UMServer'],
  ...['Set-UMCallRouterSettings', 'Enable-ExchangeCertificate', 'Set-ClientAccessService', 'Set-ClientAccessServer', 'Add-ADPermission', 'New-PartnerApplication', 'Enable-UMMailbox', 'Set-UMMailbox'],
  // The Skype configuration writes (UmcLabEndpoint.SkypeWrites.ps1).
  ...['Set-CsUser', 'Grant-CsHostedVoicemailPolicy', 'New-CsHostedVoicemailPolicy', 'Set-CsMediaConfiguration', 'Set-CsOAuthConfiguration', 'Set-CsCertificate'],
  ...['New-CsPartnerApplication', 'Set-CsPartnerApplication', 'New-CsDialPlan'],
  // The synthetic voice-mail tests (UmcLabEndpoint.SyntheticTests.ps1).
  ...['Test-CsExUMConnectivity', 'Test-CsExUMVoiceMail'],
];
const set = (exchange: string, skype: string): [ProductVersion, ProductVersion] => [`Exchange${exchange}` as ProductVersion, (skype === '2013' ? 'Lync2013' : `SfB${skype}`) as ProductVersion];

test('the lab has each cmdlet in exactly the versions the command reference table gives', { skip: SKIP }, async () => {
  const versions = (await res('versions')).value as Record<string, string[]>;
  assert.deepEqual(Object.keys(versions).sort(), [...LAB_COMMANDS].sort());
  for (const name of LAB_COMMANDS) {
    const ref = cmdletReference(name);
    assert.ok(ref, `${name} is not in shared/powershell/cmdlet-reference.ts`);
    assert.deepEqual([...versions[name]!].sort(), [...ref.versions].sort(), name);
  }
});

test("each profile offers exactly its version's cmdlets; the others are not commands of the session", { skip: SKIP }, async () => {
  const expected: Record<string, [string, string]> = { default: ['2016', '2015'], e2010: ['2010', '2013'], e2013: ['2013', '2015'], e2016: ['2016', '2019'], e2019: ['2019', '2019'] };
  for (const { id } of PROFILES) {
    const [info] = await wire(`${id}:info`);
    const [ex, sk] = set(...expected[id]!);
    const want = LAB_COMMANDS.filter((c) => cmdletReference(c)!.versions.some((v) => v === ex || v === sk));
    assert.deepEqual([...(info!.Commands as string[])].sort(), [...want].sort(), `${id}: commands`);
    assert.deepEqual([...(info!.Unavailable as string[])].sort(), LAB_COMMANDS.filter((c) => !want.includes(c)).sort(), `${id}: unavailable`);
    for (const c of ['Get-UMServer', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-UMDialPlan', 'Get-ClientAccessService', 'Get-ClientAccessServer', 'Get-UMMailbox', 'Get-PartnerApplication']) {
      if (want.includes(c)) assert.equal((await res(`${id}:${c}`)).terminating, null, `${id}: ${c} answers`);
      else await assertNoCommand(`${id}:${c}`, c);
    }
  }
  const [e2010] = await wire('e2010:info');
  assert.deepEqual([e2010!.ExchangeProfile, e2010!.SkypeProfile, e2010!.ExchangeCommandSet, e2010!.SkypeCommandSet], ['2010', '2013', 'Exchange2010', 'Lync2013']);
  const [def] = await wire('default:info');
  assert.deepEqual([def!.ExchangeProfile, def!.SkypeProfile, def!.ExchangeSessionServer, def!.SkypeSessionServer], [null, null, 'atl-exchange-001.litwareinc.com', 'atl-fe-01.litwareinc.com']);
});

test("each Exchange version's servers: AdminDisplayVersion, ServerRole and role flags as that version reports them", { skip: SKIP }, async () => {
  const forms: Record<string, { version: RegExp; role: string; um: boolean }> = {
    '2010': { version: /^Version 14\.3 \(Build 123\.4\)$/, role: 'Mailbox, ClientAccess, UnifiedMessaging, HubTransport', um: true },
    '2013': { version: /^Version 15\.0 \(Build 1497\.2\)$/, role: 'Mailbox, ClientAccess', um: true },
    '2016': { version: /^Version 15\.1 \(Build 2507\.6\)$/, role: 'Mailbox', um: true },
    '2019': { version: /^Version 15\.2 \(Build 1544\.4\)$/, role: 'Mailbox', um: false },
  };
  for (const v of EXCHANGE) {
    const servers = await wire(`only-${v}:servers`);
    // Exchange 2019 does not coexist with Exchange 2010: the lab org's 2019 server is not in the 2010 org.
    assert.equal(servers.length, v === '2010' ? 3 : 4, v);
    for (const s of servers) {
      const own = v === '2013' || v === '2016' ? (String(s.AdminDisplayVersion).startsWith('Version 15.2') ? forms['2019']! : forms[v]!) : forms[v]!;
      assert.match(String(s.AdminDisplayVersion), own.version, `${v} ${s.Name}`);
      assert.equal(s.ServerRole, own.role, `${v} ${s.Name}`);
      assert.equal(s.IsUnifiedMessagingServer, own.um, `${v} ${s.Name}`);
      assert.equal(s.IsClientAccessServer, true);
      assert.equal(s.IsE15OrLater, v !== '2010');
    }
  }
  // 2010 paths are V14
  for (const s of await wire('only-2010:servers')) assert.match(String(s.DataPath), /\\V14\\/);
});

test('Exchange 2010: every dial plan lists its UM servers, and each UM server the dial plans it answers; 2013+ dial plans list none', { skip: SKIP }, async () => {
  const plans = await wire('e2010:Get-UMDialPlan');
  const servers = await wire('e2010:Get-UMServer');
  assert.equal(plans.length, lab.exchange.dialPlans!.objects.length);
  assert.equal(servers.length, lab.exchange.umServices!.objects.length);
  for (const p of plans) {
    assert.ok((p.UMServers as string[]).length > 0, `${p.Name} has no UM server`);
    for (const s of servers) assert.equal((p.UMServers as string[]).includes(String(s.Name)), (s.DialPlans as string[]).includes(String(p.Name)), `${p.Name} / ${s.Name}`);
    // a server answers a dial plan only in a startup mode that serves its VoIP security, unless the file says otherwise
    for (const name of p.UMServers as string[]) {
      const file = lab.exchange.umServices!.objects.find((o) => o.Name === name)!;
      const mode = String(servers.find((s) => s.Name === name)!.UMStartupMode);
      const inFile = (file.DialPlans as string[]).includes(String(p.Name));
      if (!inFile) assert.ok(mode === 'Dual' || (p.VoIPSecurity === 'Unsecured') === (mode === 'TCP'), `${p.Name} given to ${name} (${mode})`);
    }
  }
  // Exchange 2013/2016: UMServers is empty (SDK UMDialPlan.UMServers) and UM services take SIP dial plans only (Set-UMService -DialPlans).
  for (const id of ['e2013', 'e2016']) {
    const sip = (await wire(`${id}:Get-UMDialPlan`)).filter((p) => p.URIType === 'SipName').map((p) => p.Name);
    for (const p of await wire(`${id}:Get-UMDialPlan`)) assert.deepEqual(p.UMServers, [], `${id} ${p.Name}`);
    for (const s of await wire(`${id}:Get-UMService`)) for (const d of s.DialPlans as string[]) assert.ok(sip.includes(d), `${id} ${s.Name}: ${d}`);
  }
});

test('UMCertificateThumbprint: the certificate each server has enabled for UM (Get-UMService) and UMCallRouter (Get-UMCallRouterSettings)', { skip: SKIP }, async () => {
  const fqdn = (name: unknown) => String(lab.exchange.servers!.objects.find((s) => s.Name === name)!.Fqdn);
  const enabled = (server: unknown, service: string) =>
    lab.exchange.certificates!.objects.find((c) => String(c.Identity).startsWith(`${fqdn(server)}\\`) && String(c.Services).split(', ').includes(service))?.Thumbprint ?? null;
  const services = await wire('lab:umservices');
  assert.equal(services.length, 3);
  for (const s of services) assert.equal(s.UMCertificateThumbprint, enabled(s.Name, 'UM'), String(s.Name));
  assert.ok(services.some((s) => s.UMCertificateThumbprint !== null));
  const [router] = await wire('lab:callrouters');
  assert.equal(router!.UMCertificateThumbprint, enabled('DAL-EX-003', 'UMCallRouter'));
  assert.notEqual(router!.UMCertificateThumbprint, null);
  // without -Server: the server the session is on ("run on the local server")
  assert.deepEqual(
    (await wire('lab:callrouter-local')).map((r) => r.Identity),
    ['ATL-EX-001'],
  );
});

test('Exchange 2019: no UM cmdlet, no UM server, certificates enabled for no UM service; Exchange 2010: none for the call router', { skip: SKIP }, async () => {
  for (const c of ['Get-UMService', 'Get-UMCallRouterSettings', 'Get-UMDialPlan', 'Get-UMMailbox']) await assertNoCommand(`e2019:${c}`, c);
  for (const s of await wire('e2019:servers')) assert.equal(s.IsUnifiedMessagingServer, false);
  // The services a certificate is enabled for stay on the server (RawData only on the wire): read in process.
  // The lab org's UM certificate on atl-exchange-001 is enabled for "UM, UMCallRouter".
  assert.deepEqual((await res('default:certs')).services, ['UM, UMCallRouter', 'SMTP', 'IIS, SMTP']);
  assert.deepEqual((await res('e2010:certs')).services, ['UM', 'SMTP', 'IIS, SMTP'], 'Exchange 2010 has no UM Call Router service');
  assert.deepEqual((await res('e2019:certs')).services, ['None', 'SMTP', 'IIS, SMTP'], 'Exchange 2019 has no UM service');
});

test('Skype versions: Get-CsService reports the topology version of Lync Server 2013 (5), Skype for Business Server 2015 (6), 2019 (7)', { skip: SKIP }, async () => {
  for (const [v, n] of [
    ['2013', 5],
    ['2015', 6],
    ['2019', 7],
  ] as const) {
    const services = await wire(`skype-${v}:services`);
    assert.ok(services.length > 0);
    for (const s of services) assert.equal(s.Version, n, `${v} ${s.Identity}`);
  }
});

test('withheld cmdlets are not commands of the session, as when a role assignment does not grant them; the rest answers', { skip: SKIP }, async () => {
  const [info] = await wire('withhold:info');
  assert.deepEqual(info!.Withheld, ['Get-UMService', 'get-cscertificate', 'Get-NoSuchThing']);
  assert.ok((info!.Unavailable as string[]).includes('Get-UMService') && (info!.Unavailable as string[]).includes('Get-CsCertificate'));
  await assertNoCommand('withhold:um', 'Get-UMService');
  await assertNoCommand('withhold:cs', 'Get-CsCertificate');
  assert.equal((await wire('withhold:dialplans')).length, lab.exchange.dialPlans!.objects.length);
});

test('parameters a version lacks are refused as PowerShell refuses an unknown parameter', { skip: SKIP }, async () => {
  // Get-OrganizationalUnit -ResultSize and Get-ExchangeCertificate -Identity: Exchange 2013 and later (their pages' Applicable lines).
  for (const id of ['e2010:ou-size', 'e2010:cert-identity']) {
    const t = (await res(id)).terminating;
    assert.match(t?.fqid ?? '', /^NamedParameterNotFound/, id);
    assert.match(t!.message, /A parameter cannot be found that matches parameter name '(ResultSize|Identity)'/);
  }
  for (const id of ['e2013:ou-size', 'e2016:cert-identity']) assert.equal((await res(id)).terminating, null, id);
  assert.deepEqual(
    (await wire('e2016:cert-identity')).map((c) => c.Thumbprint),
    ['2D8E00D9AA37B153B6B68ED69B24CDE6A22E41C2'],
  );
});

test("Get-OrganizationalUnit returns 1,000 OUs by default with Exchange's warning; -ResultSize Unlimited returns every one", { skip: SKIP }, async () => {
  const first = await res('ou:default');
  assert.equal(first.wire.length, 1000);
  assert.equal(first.warnings.length, 1);
  assert.match(first.warnings[0]!, /^By default, only the first 1000 items are returned\. .*"-ResultSize Unlimited"/);
  const all = await res('ou:unlimited');
  assert.equal(all.wire.length, 1005);
  assert.deepEqual(all.warnings, []);
  assert.equal((await res('ou:ten')).wire.length, 10);
  assert.ok(all.types.every((t) => t === 'Microsoft.Exchange.Data.Directory.Management.ExtendedOrganizationalUnit'));
});

test('a PrimarySmtpAddress filter also matches secondary SMTP addresses, so one mailbox can answer two partitions', { skip: SKIP }, async () => {
  const names = async (id: string) => (await wire(id)).map((m) => m.DisplayName);
  assert.deepEqual(await names('smtp:b'), ['Alice', 'Bob'], 'Alice has smtp:bob.alias@ (a SIP: address does not count)');
  assert.deepEqual(await names('smtp:a'), ['Alice']);
  assert.deepEqual(await names('smtp:b-not-bo'), [], 'a -notlike excludes a mailbox any of whose addresses matches it');
  assert.deepEqual(
    (await wire('smtp:um-b')).map((m) => m.PrimarySmtpAddress),
    ['alice@contoso.com'],
    "Get-UMMailbox matches the mailbox's addresses too",
  );
});
