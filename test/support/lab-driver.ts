/**
 * The lab endpoint's step driver, for the tests of its writes (test/unit/assets/powershell/lab-endpoint-*writes.test.ts):
 * one pwsh process (each start costs about a second) imports the lab module, runs a list of steps — initialize the
 * endpoint on a file, call a cmdlet, copy the file, set or clear the directory override, call a cmdlet in a second
 * runspace — and writes, per step, what the cmdlet wrote (JSON), its errors, its warnings and a terminating error.
 *
 * The steps travel as a JSON file. Strings (parameter values, paths, the fault and directory files) are base64 in it:
 * ConvertFrom-Json would turn a string that looks like a date into a DateTime
 * (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertfrom-json); any other
 * parameter value goes as JSON (a list as its items, a whole number as [int], an object as a hashtable when asked,
 * for @{Add=...; Remove=...}). The fault file and the directory file are the lab's test hooks (docs/lab-endpoint.md,
 * "Test hooks" and "Configuration writes"); a fault applies to the step that sets it only.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { powerShellAssets } from '../../main/powershell/powershell-locator';
import { ROOT } from './paths';
import { runLabDriver } from './powershell';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

/** A parameter: `s` a string (base64), else `v` a JSON value; `h: true` passes an object as a hashtable. */
interface LabParam {
  n: string;
  s?: string;
  v?: Json;
  h?: true;
}
export interface LabStep {
  id: string;
  kind: 'import' | 'init' | 'call' | 'other' | 'copy' | 'directory';
  command?: string;
  params?: LabParam[];
  /** init: the file to open; copy: where the open file is copied (base64). */
  path?: string;
  writable?: boolean;
  exchange?: string;
  skype?: string;
  withhold?: string[];
  /** directory: the override file's text (absent: no override). call: a fault file's text (base64). */
  text?: string;
}
export interface LabErrorInfo {
  fqid: string;
  category: string;
  target: Json;
  message: string;
  exception: string;
}
export interface LabResult {
  id: string;
  json: string | null;
  errors: LabErrorInfo[];
  terminating: LabErrorInfo | null;
  warnings: string[];
  /** A call's time to its answer (0 for other steps). */
  ms: number;
}
export interface LabReport {
  results: Record<string, LabResult>;
}
/** The lab profile Initialize-UmcLabEndpoint opens the file with (docs/lab-endpoint.md, "Version profiles"). */
export interface LabProfile {
  exchange?: string;
  skype?: string;
  withhold?: string[];
}
/**
 * What a call's `json` holds: `objects`, the cmdlet's objects as ConvertTo-Json writes them; `enum-names`, each object
 * with enums by name (-EnumsAsStrings); `remoting`, the objects as the console receives them, through remoting's
 * serialization at depth 1 (umc-host.ps1 does the same in process). A call in the second runspace (`other`) answers
 * `objects`.
 */
export type LabOutput = 'objects' | 'enum-names' | 'remoting';

/** The result of step `id` (asserted present). */
export function labResult(results: Readonly<Record<string, LabResult>>, id: string): LabResult {
  const x = results[id];
  assert.ok(x, `no result for ${id}`);
  return x;
}

/** The objects a call wrote. */
export const labObjects = (x: LabResult): Obj[] => (x.json ? (JSON.parse(x.json) as Obj[]) : []);

/** The objects of a call that neither failed nor wrote an error (asserted). */
export function labAnswer(x: LabResult, id: string): Obj[] {
  assert.equal(x.terminating, null, `${id}: ${JSON.stringify(x.terminating)}`);
  assert.deepEqual(x.errors, [], id);
  return labObjects(x);
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A list of steps; the first imports the module. */
export class LabScript {
  readonly steps: LabStep[] = [{ id: 'import', kind: 'import' }];
  /** `fault`: the lab fault file's content for this call; `hashes`: the parameters passed as hashtables. */
  call(id: string, command: string, p: Record<string, Json> = {}, options: { fault?: object; hashes?: readonly string[] } = {}) {
    const params = Object.entries(p).map(([n, v]): LabParam => (typeof v === 'string' ? { n, s: b64(v) } : options.hashes?.includes(n) ? { n, v, h: true } : { n, v }));
    this.steps.push({ id, kind: 'call', command, params, ...(options.fault ? { text: b64(JSON.stringify(options.fault)) } : {}) });
  }
  /** The same call in a second runspace with its own module instance (as another process would write). */
  other(id: string, command: string, p: Record<string, Json> = {}) {
    this.steps.push({ id, kind: 'other', command, params: Object.entries(p).map(([n, v]) => (typeof v === 'string' ? { n, s: b64(v) } : { n, v })) });
  }
  init(id: string, path: string, writable: boolean, profile: LabProfile = {}) {
    this.steps.push({ id, kind: 'init', path: b64(path), writable, ...profile });
  }
  copy(id: string, to: string) {
    this.steps.push({ id, kind: 'copy', path: b64(to) });
  }
  directory(id: string, override: object | null) {
    this.steps.push({ id, kind: 'directory', ...(override ? { text: b64(JSON.stringify(override)) } : {}) });
  }
}

// PowerShell run with -Command (no double quotes, so Windows argument quoting stays trivial).
const DRIVER = String.raw`
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
function Decode([string]$s) { return $utf8.GetString([Convert]::FromBase64String($s)) }
function Get-ErrorInfo($e) {
  return [ordered]@{ fqid = [string]$e.FullyQualifiedErrorId; category = [string]$e.CategoryInfo.Category; target = $e.TargetObject; message = [string]$e.Exception.Message; exception = $e.Exception.GetType().FullName }
}
function ConvertTo-Arg($v, $asHash) {
  if ($asHash) { $h = @{}; foreach ($p in $v.PSObject.Properties) { $h[$p.Name] = @($p.Value) }; return $h }
  if ($v -is [array]) { return [string[]]@($v | ForEach-Object { [string]$_ }) }
  if ($v -is [long]) { return [int]$v }
  return $v
}
function Get-Splat($q) {
  $splat = @{}
  foreach ($a in @($q.params)) {
    if ($null -eq $a) { continue }
    if ($a.PSObject.Properties['s']) { $splat[$a.n] = Decode $a.s } else { $splat[$a.n] = ConvertTo-Arg $a.v ([bool]$a.PSObject.Properties['h']) }
  }
  return $splat
}
$dirFile = Join-Path $env:UMC_TEST_DIR 'directory.json'
$faultFile = Join-Path $env:UMC_TEST_DIR 'fault.json'
$other = $null
$steps = [IO.File]::ReadAllText($env:UMC_TEST_STEPS, $utf8) | ConvertFrom-Json
$results = [ordered]@{}
foreach ($q in $steps) {
  $r = [ordered]@{ id = $q.id; json = $null; errors = @(); terminating = $null; warnings = @(); ms = 0 }
  Remove-Item Env:UMC_LAB_FAULT_FILE -ErrorAction SilentlyContinue
  $sw = [Diagnostics.Stopwatch]::StartNew()
  try {
    switch ($q.kind) {
      'import' { Import-Module -Name $env:UMC_TEST_MODULE -ErrorAction Stop }
      'init' {
        $p = Decode $q.path
        $init = @{ Path = $p; ErrorAction = 'Stop' }
        if ($q.writable) { $init.Writable = $true }
        if ($q.PSObject.Properties['exchange']) { $init.ExchangeVersion = [string]$q.exchange }
        if ($q.PSObject.Properties['skype']) { $init.SkypeVersion = [string]$q.skype }
        if ($q.PSObject.Properties['withhold']) { $init.Withhold = [string[]]@($q.withhold) }
        Initialize-UmcLabEndpoint @init
        $script:DataPath = $p
      }
      'copy' { [IO.File]::Copy($script:DataPath, (Decode $q.path), $true) }
      'directory' {
        if ($q.PSObject.Properties['text']) { [IO.File]::WriteAllText($dirFile, (Decode $q.text), $utf8); $env:UMC_LAB_DIRECTORY_FILE = $dirFile }
        else { Remove-Item Env:UMC_LAB_DIRECTORY_FILE -ErrorAction SilentlyContinue }
      }
      'call' {
        if ($q.PSObject.Properties['text']) { [IO.File]::WriteAllText($faultFile, (Decode $q.text), $utf8); $env:UMC_LAB_FAULT_FILE = $faultFile }
        $splat = Get-Splat $q
        $callErrors = $null
        $callWarnings = $null
        $out = & $q.command @splat -ErrorAction SilentlyContinue -ErrorVariable callErrors -WarningAction SilentlyContinue -WarningVariable callWarnings 6>$null
        $r.ms = $sw.Elapsed.TotalMilliseconds
        if ($env:UMC_TEST_OUTPUT -eq 'remoting') {
          $wire = @()
          if (@($out).Count -gt 0) { $wire = [UmcLabEndpoint.V3.Remoting]::RoundTrip([object[]]@($out), 'atl-exchange-001.litwareinc.com', [guid]'7a3c21f0-5d5e-4f7b-9a61-2f1c0c5b8e11') }
          $r.json = ConvertTo-Json -InputObject @($wire) -Depth 4 -Compress
        } elseif ($env:UMC_TEST_OUTPUT -eq 'enum-names') {
          $r.json = ConvertTo-Json -InputObject @($out | ForEach-Object { $_ }) -Depth 6 -Compress -EnumsAsStrings
        } else {
          $r.json = ConvertTo-Json -InputObject @($out) -Depth 6 -Compress
        }
        $r.errors = @($callErrors | ForEach-Object { Get-ErrorInfo $_ })
        $r.warnings = @($callWarnings | ForEach-Object { [string]$_ })
      }
      'other' {
        if ($null -eq $other) {
          $other = [powershell]::Create()
          [void]$other.AddCommand('Import-Module').AddParameter('Name', $env:UMC_TEST_MODULE)
          [void]$other.AddStatement().AddCommand('Initialize-UmcLabEndpoint').AddParameter('Path', $script:DataPath).AddParameter('Writable')
          [void]$other.Invoke()
          $other.Commands.Clear()
        }
        [void]$other.AddCommand($q.command)
        $splat = Get-Splat $q
        foreach ($k in $splat.Keys) { [void]$other.AddParameter($k, $splat[$k]) }
        $out = $other.Invoke()
        $other.Commands.Clear()
        $r.json = ConvertTo-Json -InputObject @($out) -Depth 6 -Compress
        $r.errors = @($other.Streams.Error | ForEach-Object { Get-ErrorInfo $_ })
        $other.Streams.Error.Clear()
      }
    }
  } catch {
    $r.ms = $sw.Elapsed.TotalMilliseconds
    $r.terminating = Get-ErrorInfo $_
  }
  $results[$q.id] = $r
}
if ($null -ne $other) { $other.Dispose() }
[IO.File]::WriteAllText($env:UMC_TEST_RESULTS, (ConvertTo-Json -InputObject ([ordered]@{ results = $results }) -Depth 8 -Compress), $utf8)
`;

/** Runs the steps in one pwsh process; `name` prefixes its files in `dir` (more than one run in a folder). */
export async function runLabScript(dir: string, steps: LabStep[], options: { name?: string; output?: LabOutput } = {}): Promise<LabReport> {
  const prefix = options.name ? `${options.name}.` : '';
  const stepsFile = join(dir, `${prefix}steps.json`);
  const resultsFile = join(dir, `${prefix}results.json`);
  writeFileSync(stepsFile, JSON.stringify(steps));
  const env = {
    UMC_TEST_STEPS: stepsFile,
    UMC_TEST_RESULTS: resultsFile,
    UMC_TEST_DIR: dir,
    UMC_TEST_MODULE: powerShellAssets(ROOT).labModule,
    UMC_TEST_OUTPUT: options.output ?? 'objects',
  };
  const run = await runLabDriver<LabReport>(DRIVER, env, resultsFile, 240_000);
  return run.report;
}
