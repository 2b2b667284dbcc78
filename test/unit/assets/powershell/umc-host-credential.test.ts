/**
 * The host builds a stored credential's password into a PSCredential without a cmdlet ever receiving
 * it (assets/powershell/umc-host.ps1, New-UmcCredential). Module Logging records every cmdlet invocation
 * with its parameter values (event 4103, "CommandInvocation(ConvertTo-SecureString): … -String <the
 * password>"), so `ConvertTo-SecureString -AsPlainText` would write it to the event log in clear:
 * https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_logging_windows.
 *
 * In real PowerShell: the host is parsed with PowerShell's own parser; no command in it is one of the
 * secret-handling cmdlets, and no command's arguments mention the password; then the host's own
 * New-UmcCredential (taken from that parse) builds a credential whose password round-trips byte for byte,
 * read-only, and removes the plain text from the open parameters.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { powerShellAssets } from '../../../../main/powershell/powershell-locator';
import { ROOT } from '../../../support/paths';
import { NO_LAB_PWSH as SKIP, runLabDriver } from '../../../support/powershell';

const HOST = powerShellAssets(ROOT).hostScript;
// Quotes, a dollar sign, a backtick, a non-ASCII letter and a character outside the BMP (a surrogate pair).
const PASSWORD = 'Pa$$w0rd`"\'-é-\u{1F511}-' + 'x'.repeat(40);

const DRIVER = String.raw`
$ErrorActionPreference = 'Stop'
$report = [ordered]@{}
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($env:UMC_TEST_HOST, [ref]$tokens, [ref]$errors)
$report.parseErrors = @($errors | ForEach-Object { $_.Message })
$commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true))
$report.commandCount = $commands.Count
$report.commandNames = @($commands | ForEach-Object { $_.GetCommandName() } | Where-Object { $_ } | Sort-Object -Unique)
# Every command whose arguments (not its name) mention a password: what Module Logging would record.
$report.passwordArguments = @($commands | Where-Object { @($_.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.Text -match 'Password|SecureString' }).Count -gt 0 } | ForEach-Object { $_.Extent.Text })
$fn = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq 'New-UmcCredential' }, $true)
$report.found = $null -ne $fn
if ($fn) {
  . ([scriptblock]::Create($fn.Extent.Text))
  $pw = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($env:UMC_TEST_PASSWORD_B64))
  $params = [ordered]@{ ConnectionUri = 'http://ex01.litwareinc.com/PowerShell/'; UserName = 'LITWARE\umadmin'; Password = $pw }
  $cred = New-UmcCredential $params
  $report.type = $cred.GetType().FullName
  $report.userName = $cred.UserName
  $report.roundTrip = ($cred.GetNetworkCredential().Password -ceq $pw)
  $report.length = $cred.Password.Length
  $report.expectedLength = $pw.Length
  $report.readOnly = $cred.Password.IsReadOnly()
  $report.passwordLeftInParameters = $params.Contains('Password')
  $report.parameterNames = @($params.Keys)
}
[System.IO.File]::WriteAllText($env:UMC_TEST_RESULTS, ($report | ConvertTo-Json -Depth 4), (New-Object System.Text.UTF8Encoding($false)))
`;

interface Report {
  parseErrors: string[];
  commandCount: number;
  commandNames: string[];
  passwordArguments: string[];
  found: boolean;
  type?: string;
  userName?: string;
  roundTrip?: boolean;
  length?: number;
  expectedLength?: number;
  readOnly?: boolean;
  passwordLeftInParameters?: boolean;
  parameterNames?: string[];
}

const dir = mkdtempSync(join(tmpdir(), 'umc-host-cred-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The cmdlets that take or give a secret: none may appear in the host, whatever it is given. */
const SECRET_CMDLETS = ['ConvertTo-SecureString', 'ConvertFrom-SecureString', 'Get-Credential', 'Export-Clixml', 'Import-Clixml'];

test('umc-host.ps1 builds the credential without a cmdlet seeing the password, and the password round-trips', { skip: SKIP }, async () => {
  const results = join(dir, 'report.json');
  const { report } = await runLabDriver<Report>(DRIVER, { UMC_TEST_HOST: HOST, UMC_TEST_RESULTS: results, UMC_TEST_PASSWORD_B64: Buffer.from(PASSWORD, 'utf8').toString('base64') }, results, 60_000);
  assert.deepEqual(report.parseErrors, [], 'the host parses');
  assert.ok(report.commandCount > 50, `the parse found the host's commands (${report.commandCount})`);
  assert.ok(report.commandNames.includes('Invoke-InRunspace'), 'the host was really parsed');
  for (const cmdlet of SECRET_CMDLETS) assert.ok(!report.commandNames.some((n) => n.toLowerCase() === cmdlet.toLowerCase()), `${cmdlet} is invoked in the host`);
  assert.deepEqual(report.passwordArguments, [], 'commands that receive the password');

  assert.ok(report.found, 'New-UmcCredential is defined in the host');
  assert.equal(report.type, 'System.Management.Automation.PSCredential');
  assert.equal(report.userName, 'LITWARE\\umadmin');
  assert.equal(report.roundTrip, true, 'the password round-trips');
  assert.equal(report.length, report.expectedLength);
  assert.equal(report.readOnly, true, 'the SecureString is made read-only');
  assert.equal(report.passwordLeftInParameters, false, 'the plain text left in the open parameters');
  assert.deepEqual(report.parameterNames, ['ConnectionUri', 'UserName']);
});
