/**
 * Live-session benchmarks, against real PowerShell and the lab endpoint:
 *  1. per-call overhead on a warm local host: Node → host → cmdlet → JSON → Node, minus the
 *     cmdlet's own time (target: median ≤ 20 ms);
 *  2. capture of the lab org through PowerShell: time, calls, peak memory (Node and the hosts);
 *  3. capture of a generated 100,000-user org, paged (never one 100,000-object call), against the same
 *     cmdlets run bare in one pwsh writing JSON (target ≤ 1.3×, docs/large-orgs.md "Capture");
 *  4. selective import (the cmdlets the console uses) versus importing every cmdlet, over real
 *     PowerShell remoting (SSH to localhost): time and ratio;
 *  5. 100,000 objects in one frame through a host versus the cmdlet's own time, Node's memory
 *     growth, and the stdout reader alone on that frame in 64 KiB and 7-byte segments.
 *   node --import tsx bench/powershell.ts [generated-snapshot.json]
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { framePrefix, HostOutputReader, wireParameters } from '../main/powershell/host-protocol';
import { startPowerShellHost } from '../main/powershell/powershell-host';
import { labRuntime } from '../test/support/powershell';
import { spawnSync } from 'node:child_process';
import { commandsFor, EXCHANGE_READS, exchangeServerFacts, type ExchangeServerFacts, planSection, type SectionRead, SKYPE_READS } from '../shared/snapshot/capture-plan';
import type { RawSnapshot } from '../shared/snapshot/format';
import { DEFAULT_PAGE_SIZE } from '../main/services/live/capture';
import { labProfile, liveService } from '../test/support/live';
import { NO_PWSH, NO_SSHD, PWSH, startSshLab } from '../test/support/powershell';
import { measure, note, selected } from './bench-output';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** Peak resident memory (VmHWM) of a host and its children (the .NET tool launcher starts `dotnet pwsh.dll`), kB. */
function peakKb(pid: number | null): number {
  if (!pid) return 0;
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  return [pid, ...children].reduce((sum, p) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      return sum + (m ? Number(m[1]) : 0);
    } catch {
      return sum;
    }
  }, 0);
}

async function callOverhead() {
  const live = liveService({ callTimeoutMs: 60_000 });
  try {
    await live.service.connectAndWait(labProfile());
    const ex = live.service.shells().exchange!;
    for (let i = 0; i < 20; i++) await ex.call('Get-UmcLabEndpointInfo', {}, { mode: 'read' });
    for (const [command, parameters] of [
      ['Get-UmcLabEndpointInfo', {}],
      ['Get-UMDialPlan', {}],
      ['Get-UMIPGateway', { Identity: 'no such gateway' }],
    ] as const) {
      const overhead: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < 200; i++) {
        const r = await ex.call(command, parameters, { mode: 'read', allowErrors: true });
        overhead.push(r.totalMs - r.psMs);
        total.push(r.totalMs);
      }
      measure({ name: 'powershell', label: `per-call overhead, ${command} (median of 200)`, value: median(overhead), unit: 'ms', target: { max: 20 }, targetText: '≤ 20 ms', digits: 1 });
      note(`    end to end ${median(total).toFixed(1)} ms median, p95 ${[...total].sort((a, b) => a - b)[189]!.toFixed(1)} ms`);
    }
  } finally {
    await live.service.dispose();
  }
}

/** A capture as the console makes it (both shells at once, pages sized by measurement: main/services/live/capture.ts). */
async function capture(label: string, labData: string | undefined): Promise<{ seconds: number; snapshot: RawSnapshot }> {
  const live = liveService({ callTimeoutMs: 300_000, openTimeoutMs: 600_000, ...(labData ? { labData } : {}) });
  try {
    const t0 = performance.now();
    await live.service.connectAndWait(labProfile());
    const openMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await live.service.capture();
    const ms = performance.now() - t1;
    const hosts = (['exchange', 'skype'] as const).map((s) => peakKb(live.service.shells()[s]!.status().hostPid));
    measure({ name: 'capture', label: `capture ${label} through PowerShell`, value: ms / 1000, unit: 's', target: null, targetText: 'measured', digits: 2 });
    note(
      `    ${r.objects.toLocaleString('en-US')} objects in ${r.calls} calls (first page ${DEFAULT_PAGE_SIZE.toLocaleString('en-US')}, then sized by measurement); sessions opened in ${(openMs / 1000).toFixed(1)} s (host start + lab data load)`,
    );
    note(`    peak memory: Node ${mb(process.resourceUsage().maxRSS)}, PowerShell hosts ${hosts.map(mb).join(' + ')}`);
    if (r.notes.length) note(`    notes: ${r.notes.map((n) => n.text).join('; ')}`);
    return { seconds: ms / 1000, snapshot: r.snapshot };
  } finally {
    await live.service.dispose();
  }
}

/** One cmdlet invocation of the baseline: what the capture plan reads, unpaged. */
interface BareCall {
  readonly command: string;
  readonly parameters: Readonly<Record<string, string | boolean>>;
  readonly select: readonly string[];
  readonly allowErrors: boolean;
}

/**
 * The capture plan's calls, unpaged: each section's cmdlets once (`-ResultSize Unlimited` for the paged
 * ones), per server and per identity as the capture asks, the servers taken from the capture's own
 * Get-ExchangeServer answer.
 */
function bareCalls(snapshot: RawSnapshot): BareCall[] {
  const servers = (snapshot.exchange.servers?.objects ?? []).map(exchangeServerFacts).filter((s): s is ExchangeServerFacts => s !== null);
  const org = (snapshot.exchange.organization?.objects[0] ?? {}) as Record<string, unknown>;
  const grouped = new Map<string, SectionRead[]>();
  for (const r of [...EXCHANGE_READS, ...SKYPE_READS]) grouped.set(`${r.shell}.${r.section}`, [...(grouped.get(`${r.shell}.${r.section}`) ?? []), r]);
  const out: BareCall[] = [];
  for (const variants of grouped.values()) {
    for (const p of planSection(variants, variants[0]!.shell === 'exchange' ? servers : [])) {
      if (p.fallback) continue;
      const r = p.read;
      const s = r.strategy;
      const base = { command: r.command, select: r.select ?? [] };
      if (s.kind === 'perServer') for (const server of p.servers ?? []) out.push({ ...base, parameters: { ...r.parameters, [s.parameter]: server }, allowErrors: true });
      else if (s.kind === 'perIdentity')
        for (const identity of [String(org.Name ?? ''), 'UM DialPlan Container', 'UM AutoAttendant Container'])
          out.push({ ...base, parameters: { ...r.parameters, Identity: identity }, allowErrors: true });
      else if (s.kind === 'paged') out.push({ ...base, parameters: { ...r.parameters, ResultSize: 'Unlimited' }, allowErrors: false });
      else out.push({ ...base, parameters: r.parameters, allowErrors: false });
    }
  }
  return out;
}

/**
 * "The same cmdlets run bare in one pwsh writing JSON": one pwsh imports the lab endpoint with the same
 * data, then runs every call of bareCalls once — `& cmdlet @parameters | Select-Object <the capture's
 * properties> | ConvertTo-Json -Depth 4 -Compress`, one line per call, to a file. Timed in PowerShell from
 * the first cmdlet to the file closed: pwsh's start and the lab's data load are not counted. Run twice in
 * the same process: first with the lab's remoting step between the cmdlet and Select-Object (what a remote
 * session adds: PSSerializer at depth 1 and back, docs/remote-shapes.md), then bare, so the bare run has
 * the warm JIT and the ratio against it is the stricter one.
 */
function bareBaseline(data: string, snapshot: RawSnapshot): { bareMs: number; remotedMs: number; objects: number; calls: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-bare-'));
  try {
    const calls = bareCalls(snapshot);
    const callsFile = join(dir, 'calls.json');
    writeFileSync(callsFile, JSON.stringify(calls));
    const out = join(dir, 'bare.jsonl');
    const module = join(process.cwd(), 'assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psd1');
    const ps = `
$ErrorActionPreference = 'Stop'
Import-Module '${module}'
Initialize-UmcLabEndpoint -Path '${data}'
$have = @{}; foreach ($c in @((Get-UmcLabEndpointInfo).Commands)) { $have[$c] = $true }
$calls = @(Get-Content -Raw -LiteralPath '${callsFile}' | ConvertFrom-Json)
function Invoke-Bare([bool]$Remoted) {
  $objects = 0; $n = 0
  $t = [Diagnostics.Stopwatch]::StartNew()
  $w = New-Object System.IO.StreamWriter -ArgumentList @('${out}', $false, (New-Object System.Text.UTF8Encoding -ArgumentList @($false)))
  try {
    foreach ($c in $calls) {
      if (-not $have.ContainsKey($c.command)) { continue }
      $p = @{}; foreach ($q in $c.parameters.PSObject.Properties) { $p[$q.Name] = $q.Value }
      if ($c.allowErrors) { $p.ErrorAction = 'SilentlyContinue' }
      $o = @(& $c.command @p)
      if ($Remoted -and $o.Count -gt 0) { $o = [UmcLabEndpoint.V3.Remoting]::RoundTrip($o, 'localhost', [guid]::NewGuid()) }
      if (@($c.select).Count -gt 0) { $o = @($o | Select-Object -Property @($c.select)) }
      $w.WriteLine((ConvertTo-Json -InputObject @($o) -Depth 4 -Compress -WarningAction SilentlyContinue))
      $objects += $o.Count; $n++
    }
  } finally { $w.Dispose() }
  return @{ ms = $t.Elapsed.TotalMilliseconds; objects = $objects; calls = $n }
}
$r1 = Invoke-Bare $true
$r2 = Invoke-Bare $false
"BARE $($r2.ms) $($r1.ms) $($r2.objects) $($r2.calls)"
`;
    const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-Command', ps], { encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 24 });
    const m = /BARE ([\d.]+) ([\d.]+) (\d+) (\d+)\s*$/.exec(r.stdout.trim());
    if (!m) throw new Error(`the bare PowerShell baseline failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
    return { bareMs: Number(m[1]), remotedMs: Number(m[2]), objects: Number(m[3]), calls: Number(m[4]), bytes: statSync(out).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One call returning 100,000 objects in one frame (Get-CsUser -ResultSize Unlimited on a generated
 * org, the capture's properties): the cmdlet's own time as the host measures it, end to end in Node,
 * and Node's memory growth. Then the reader alone on a frame of that size (the reader that grew one
 * string and rescanned it took 30 s for this, against 3 s for the cmdlet).
 */
async function largeFrame(generated: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-frame-'));
  const rt = labRuntime();
  let data = generated;
  if (!data) {
    data = join(dir, 'org-100k.umcsnap.json');
    // Generated in a child process, so this one's peak memory is the call's own.
    const script = `require('node:fs').writeFileSync(${JSON.stringify(data)}, JSON.stringify(require('./test/support/org-builder/generate-org').generateSnapshot({ exchangeServers: 2, dialPlans: 2, gateways: 2, users: 100000 })))`;
    const made = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`could not generate the org: ${made.stderr}`);
  }
  const host = startPowerShellHost({ executable: PWSH!, script: rt.hostScript, label: 'bench', logger: { log: () => undefined }, startTimeoutMs: 120_000 });
  try {
    await host.ready;
    const open = await host.request(
      { op: 'open', session: { kind: 'local', commands: ['Get-CsUser'], parameters: wireParameters({ ModulePath: rt.labModule, DataPath: data }) } },
      { timeoutMs: 600_000 },
    );
    if (!open.ok) throw new Error(`open failed: ${JSON.stringify(open.error)}`);
    // What the capture selects of each user (the capture plan's read, not a copy of it).
    const select = SKYPE_READS.find((r) => r.command === 'Get-CsUser')!.select;
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const peak0 = process.resourceUsage().maxRSS;
    const t0 = performance.now();
    const r = (await host.request({ op: 'invoke', command: 'Get-CsUser', parameters: wireParameters({ ResultSize: 'Unlimited' }), select, depth: 4 }, { timeoutMs: 600_000 })) as {
      ok: boolean;
      ms?: number;
      objects?: unknown[];
    };
    const totalMs = performance.now() - t0;
    const rss1 = process.memoryUsage().rss;
    const peak1 = process.resourceUsage().maxRSS;
    const objects = r.objects ?? [];
    const frame = Buffer.from(`${framePrefix('0'.repeat(32))}${Buffer.from(JSON.stringify({ id: 1, ok: true, objects }), 'utf8').toString('base64')}\n`, 'latin1');
    measure({
      name: 'powershell',
      label: `${objects.length.toLocaleString('en-US')} objects in one frame, end to end`,
      value: totalMs / 1000,
      unit: 's',
      target: null,
      targetText: 'within a small factor of the cmdlet',
      digits: 2,
    });
    note(
      `    the cmdlet in PowerShell ${((r.ms ?? 0) / 1000).toFixed(2)} s (ratio ${(totalMs / (r.ms || 1)).toFixed(1)}×: the rest is ConvertTo-Json and base64 in PowerShell, the pipe, and Node's reading); frame ${(frame.length / 1048576).toFixed(1)} MB; Node RSS ${((rss1 - rss0) / 1048576).toFixed(0)} MB after the call, peak RSS +${((peak1 - peak0) / 1024).toFixed(0)} MB during it`,
    );
    for (const segment of [64 * 1024, 7]) {
      const reader = new HostOutputReader('0'.repeat(32));
      const t1 = performance.now();
      let frames = 0;
      for (let i = 0; i < frame.length; i += segment) frames += reader.push(frame.subarray(i, i + segment)).length;
      const ms = performance.now() - t1;
      if (frames !== 1) throw new Error('the reader did not give the frame');
      measure({ name: 'powershell', label: `  stdout reader alone, ${segment === 7 ? '7-byte' : '64 KiB'} segments`, value: ms, unit: 'ms', target: null, targetText: 'linear (was 30 s)' });
      note(`    copied ${reader.work.copied.toLocaleString('en-US')} + scanned ${reader.work.scanned.toLocaleString('en-US')} bytes for ${frame.length.toLocaleString('en-US')}`);
    }
  } finally {
    await host.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importRatio() {
  if (NO_SSHD) {
    note(`selective vs full import: ${NO_SSHD}`);
    return;
  }
  const ssh = await startSshLab();
  try {
    const script = `
$ErrorActionPreference = 'Stop'
$s = New-PSSession -HostName 127.0.0.1 -Port ${ssh.port} -UserName ${ssh.user} -KeyFilePath '${ssh.keyFile}' -SSHTransport -Options @{StrictHostKeyChecking='yes'; UserKnownHostsFile='"${ssh.knownHostsFile}"'; GlobalKnownHostsFile='"${ssh.knownHostsFile}"'}
Invoke-Command -Session $s -ScriptBlock { param($m) Import-Module $m } -ArgumentList '${process.cwd()}/assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psd1'
$names = @(${commandsFor('exchange', ['Get-UmcLabEndpointInfo'])
      .map((c) => `'${c}'`)
      .join(',')})
$t = [Diagnostics.Stopwatch]::StartNew(); $m1 = Import-PSSession $s -CommandName $names -AllowClobber -DisableNameChecking; $sel = $t.Elapsed.TotalMilliseconds
$n1 = @(Get-Command -Module $m1.Name).Count; Remove-Module $m1.Name
$ErrorActionPreference = 'Continue'
$t = [Diagnostics.Stopwatch]::StartNew(); $m2 = Import-PSSession $s -AllowClobber -DisableNameChecking -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; $all = $t.Elapsed.TotalMilliseconds
$n2 = @(Get-Command -Module $m2.Name).Count
Remove-PSSession $s
"$sel $n1 $all $n2"`;
    const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8', timeout: 300_000 });
    const m = /([\d.]+) (\d+) ([\d.]+) (\d+)\s*$/.exec(r.stdout.trim());
    if (!m) {
      note(`selective vs full import: could not measure (${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]})`);
      return;
    }
    const [sel, n1, all, n2] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    measure({ name: 'powershell', label: 'Import-PSSession: selective vs every command (remoting)', value: all / sel, unit: '×', target: null, targetText: 'report', digits: 1 });
    note(`    ${n1} commands in ${sel.toFixed(0)} ms vs ${n2} commands in ${all.toFixed(0)} ms (PowerShell remoting over SSH to localhost; a real Exchange endpoint exports ~700)`);
  } finally {
    await ssh.stop();
  }
}

async function main() {
  if (NO_PWSH) {
    note(`live-session benchmarks: ${NO_PWSH}`);
    return;
  }
  const generated = process.argv[2];
  if (selected('powershell')) await callOverhead();
  if (selected('capture')) {
    await capture('the lab org', undefined);
    if (generated) {
      const c = await capture('the generated 100,000-user org', generated);
      const bare = bareBaseline(generated, c.snapshot);
      measure({
        name: 'capture',
        label: 'capture / the same cmdlets bare in one pwsh',
        value: c.seconds / (bare.bareMs / 1000),
        unit: '×',
        target: { max: 1.3 },
        targetText: '≤ 1.3×',
        digits: 2,
      });
      note(
        `    bare: ${(bare.bareMs / 1000).toFixed(2)} s for ${bare.objects.toLocaleString('en-US')} objects in ${bare.calls} calls, ${(bare.bytes / 1048576).toFixed(1)} MB of JSON (one pwsh, cmdlet | Select-Object | ConvertTo-Json to a file; pwsh start and data load not counted)`,
      );
      note(
        `    with remoting's serialization round trip added to each call (what every remote session pays): ${(bare.remotedMs / 1000).toFixed(2)} s, capture ${(c.seconds / (bare.remotedMs / 1000)).toFixed(2)}× that`,
      );
    }
  }
  if (selected('powershell')) {
    await largeFrame(generated);
    await importRatio();
  }
}

if (process.argv.includes('--large-frame')) {
  largeFrame(process.argv.find((a) => a.endsWith('.json'))).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
} else
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
