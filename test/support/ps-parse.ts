/**
 * Command texts parsed by real PowerShell's own parser (System.Management.Automation.Language.Parser.ParseInput,
 * https://learn.microsoft.com/dotnet/api/system.management.automation.language.parser.parseinput), for the tests that
 * check what the console generates (test/unit/shared/powershell/generated-commands.test.ts, the fix planner's
 * test/unit/shared/fixes/fix-planner.test.ts): per text, the parse errors, the named blocks, each statement's pipeline
 * with each command's name and arguments (parameters with their argument; constants, variables, lists, hashtables),
 * the extents of the single-quoted constants, the comments and the count of script blocks, sub-expressions and
 * parenthesized expressions. Call it only where PWSH is found (NO_PWSH, test/support/powershell.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PWSH } from './powershell';

export interface PsExpr {
  readonly type: string;
  readonly value?: string;
  readonly quote?: string;
  readonly items?: readonly PsExpr[];
  readonly pairs?: readonly { readonly key: PsExpr; readonly value: PsStatement }[];
  readonly nested?: readonly string[];
}
export interface PsArg {
  readonly type: string;
  readonly name?: string;
  readonly argument?: PsExpr | null;
  readonly value?: string;
  readonly quote?: string;
  readonly items?: readonly PsExpr[];
  readonly pairs?: readonly { readonly key: PsExpr; readonly value: PsStatement }[];
}
export interface PsElement {
  readonly type: string;
  readonly invocation?: string;
  readonly name?: PsExpr;
  readonly args?: readonly PsArg[];
  readonly expr?: PsExpr;
}
export interface PsStatement {
  readonly type: string;
  readonly elements?: readonly PsElement[];
}
export interface Parsed {
  readonly errors: readonly string[];
  readonly blocks: readonly string[];
  readonly statements: readonly PsStatement[];
  readonly singleQuoted: readonly { readonly s: number; readonly e: number }[];
  readonly comments: readonly string[];
  readonly scriptBlocks: number;
}

const DRIVER = String.raw`
param([string]$InFile, [string]$OutFile)
$ErrorActionPreference = 'Stop'
function D-Expr($e) {
  if ($null -eq $e) { return $null }
  $name = $e.GetType().Name
  $o = [ordered]@{ type = $name }
  if ($name -eq 'StringConstantExpressionAst') { $o.value = $e.Value; $o.quote = [string]$e.StringConstantType }
  elseif ($name -eq 'ConstantExpressionAst') { $o.value = [string]$e.Value }
  elseif ($name -eq 'VariableExpressionAst') { $o.value = $e.VariablePath.UserPath }
  elseif ($name -eq 'ExpandableStringExpressionAst') { $o.value = $e.Value }
  elseif ($name -eq 'ArrayLiteralAst') { $o.items = @(foreach ($x in $e.Elements) { D-Expr $x }) }
  elseif ($name -eq 'HashtableAst') { $o.pairs = @(foreach ($kv in $e.KeyValuePairs) { [ordered]@{ key = (D-Expr $kv.Item1); value = (D-Stmt $kv.Item2) } }) }
  $o
}
function D-Stmt($s) {
  $o = [ordered]@{ type = $s.GetType().Name }
  if ($s -is [System.Management.Automation.Language.PipelineAst]) {
    $o.elements = @(foreach ($pe in $s.PipelineElements) {
      if ($pe -is [System.Management.Automation.Language.CommandAst]) {
        $els = $pe.CommandElements
        $args = @(for ($i = 1; $i -lt $els.Count; $i++) {
          $a = $els[$i]
          if ($a -is [System.Management.Automation.Language.CommandParameterAst]) { [ordered]@{ type = 'CommandParameterAst'; name = $a.ParameterName; argument = (D-Expr $a.Argument) } }
          else { D-Expr $a }
        })
        [ordered]@{ type = 'CommandAst'; invocation = [string]$pe.InvocationOperator; name = (D-Expr $els[0]); args = $args }
      } elseif ($pe -is [System.Management.Automation.Language.CommandExpressionAst]) {
        [ordered]@{ type = 'CommandExpressionAst'; expr = (D-Expr $pe.Expression) }
      } else { [ordered]@{ type = $pe.GetType().Name } }
    })
  }
  $o
}
$isSingle = { param($n) $n -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $n.StringConstantType -eq [System.Management.Automation.Language.StringConstantType]::SingleQuoted }
$isCode = { param($n) $n -is [System.Management.Automation.Language.ScriptBlockExpressionAst] -or $n -is [System.Management.Automation.Language.SubExpressionAst] -or $n -is [System.Management.Automation.Language.ParenExpressionAst] }
$texts = [System.IO.File]::ReadAllText($InFile) | ConvertFrom-Json
$out = [System.Collections.Generic.List[object]]::new()
foreach ($t in $texts) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$t, [ref]$tokens, [ref]$errors)
  $blocks = @(foreach ($b in 'ParamBlock', 'BeginBlock', 'ProcessBlock', 'DynamicParamBlock') { if ($null -ne $ast.$b) { $b } })
  $out.Add([ordered]@{
    errors = @(foreach ($er in $errors) { $er.Message })
    blocks = $blocks
    statements = @(foreach ($st in $ast.EndBlock.Statements) { D-Stmt $st })
    singleQuoted = @(foreach ($n in $ast.FindAll($isSingle, $true)) { [ordered]@{ s = $n.Extent.StartOffset; e = $n.Extent.EndOffset } })
    comments = @(foreach ($tk in $tokens) { if ($tk.Kind -eq [System.Management.Automation.Language.TokenKind]::Comment) { $tk.Text } })
    scriptBlocks = @($ast.FindAll($isCode, $true)).Count
  })
}
[System.IO.File]::WriteAllText($OutFile, (ConvertTo-Json -InputObject $out -Depth 40 -Compress))
`;

/** Each text parsed by real PowerShell's parser, in one pwsh process; a text given twice is parsed once. */
export function parseWithPowerShell(all: readonly string[]): Parsed[] {
  // Each distinct text once (the lab's 520 users repeat the same few fixes).
  const texts = [...new Set(all)];
  const dir = mkdtempSync(join(tmpdir(), 'umc-parse-'));
  try {
    const driver = join(dir, 'parse.ps1');
    writeFileSync(driver, DRIVER);
    writeFileSync(join(dir, 'in.json'), JSON.stringify(texts));
    const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-File', driver, join(dir, 'in.json'), join(dir, 'out.json')], { encoding: 'utf8', timeout: 240_000 });
    if (r.status !== 0) throw new Error(`pwsh exited ${r.status}: ${r.stderr}\n${r.stdout}`);
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Parsed[] | Parsed;
    const parsed = Array.isArray(out) ? out : [out];
    assert.equal(parsed.length, texts.length);
    const byText = new Map(texts.map((t, i) => [t, parsed[i]]));
    return all.map((t) => byText.get(t)!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
