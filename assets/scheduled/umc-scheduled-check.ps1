<#
.SYNOPSIS
  A scheduled check of the Exchange UM / Skype for Business integration from a jump host: capture the org,
  report what is new since the last capture, keep this capture for the next run, and optionally mail the report.

.DESCRIPTION
  Runs `umc capture` then, when it succeeded, `umc check --since <last capture> --out report.html`
  (docs/changes.md, "Scheduled checks"). Writes into -OutputFolder:
    capture-<UTC time>.umcsnap.json   this run's capture (the last -Keep are kept)
    last.umcsnap.json                 the capture the next run compares with
    report-<UTC time>.txt             what is new since the last capture, each finding with its cause
    report-<UTC time>.html            every finding of the org (the Checks screen's export)
    umc-scheduled-check.log           one line per run
  Works in Windows PowerShell 5.1 and PowerShell 7 (no `&&`, `??` or ternary operator).

  No password is ever given on a command line. The capture runs as the task's account (Kerberos); the
  optional -User takes its password from the UMC_PASSWORD environment variable, as umc does. Mail uses
  the SMTP relay anonymously or, with -MailCredentialFile, a credential saved by the same account with
  `Get-Credential | Export-Clixml -Path <file>` (protected by Windows DPAPI for that account and machine).

  Exit code: umc check's (0 nothing new at error severity, 1 a new error finding), 2 when the capture,
  the check or the mail failed.

.EXAMPLE
  .\umc-scheduled-check.ps1 -Exchange atl-exchange-001.litwareinc.com -Skype atl-cs-001.litwareinc.com `
    -OutputFolder D:\umc\checks -SmtpServer smtp.litwareinc.com -To uc-admins@litwareinc.com -From umc@litwareinc.com
#>
[CmdletBinding(DefaultParameterSetName = 'Live')]
param(
  [Parameter(Mandatory = $true, ParameterSetName = 'Live')]
  [string] $Exchange,
  [Parameter(Mandatory = $true, ParameterSetName = 'Live')]
  [string] $Skype,
  # DOMAIN\user; its password from UMC_PASSWORD. Without it: the task's own account (Kerberos).
  [Parameter(ParameterSetName = 'Live')]
  [string] $User,
  # The built-in lab endpoint instead of servers (to try the task out).
  [Parameter(Mandatory = $true, ParameterSetName = 'Lab')]
  [switch] $Lab,
  [Parameter(Mandatory = $true)]
  [string] $OutputFolder,
  # The umc command: umc.cmd / umc.exe on the PATH, or the path of bin\umc.cjs (then run with -Node).
  [string] $Umc = 'umc',
  [string] $Node = 'node',
  [ValidateSet('en', 'fr')]
  [string] $Language = 'en',
  # How many dated captures and reports to keep in the folder.
  [ValidateRange(1, 3650)]
  [int] $Keep = 30,
  [string] $SmtpServer,
  [string[]] $To,
  [string] $From,
  [int] $Port = 25,
  [switch] $UseSsl,
  [string] $MailCredentialFile
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

function Invoke-Umc {
  param([string[]] $Arguments, [string] $StdoutFile)
  if ($Umc -match '\.(c?js)$') {
    $exe = $Node
    $all = @($Umc) + $Arguments
  } else {
    $exe = $Umc
    $all = $Arguments
  }
  if ($StdoutFile) {
    # umc writes UTF-8; Out-File keeps it whole in both editions.
    $out = & $exe @all
    $code = $LASTEXITCODE
    ($out -join [Environment]::NewLine) | Out-File -FilePath $StdoutFile -Encoding utf8
  } else {
    & $exe @all | Out-Host
    $code = $LASTEXITCODE
  }
  return $code
}

function Write-RunLog {
  param([string] $Text)
  $line = '{0} {1}' -f ([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')), $Text
  Add-Content -Path (Join-Path $OutputFolder 'umc-scheduled-check.log') -Value $line -Encoding utf8
  Write-Host $line
}

if ($SmtpServer -and (-not $To -or -not $From)) { throw 'With -SmtpServer, give -To and -From too.' }
if (-not (Test-Path -LiteralPath $OutputFolder -PathType Container)) { New-Item -ItemType Directory -Path $OutputFolder | Out-Null }

$stamp = [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss')
$capture = Join-Path $OutputFolder "capture-$stamp.umcsnap.json"
$last = Join-Path $OutputFolder 'last.umcsnap.json'
$text = Join-Path $OutputFolder "report-$stamp.txt"
$html = Join-Path $OutputFolder "report-$stamp.html"

# 1. Capture.
if ($Lab) {
  $captureArgs = @('capture', '--endpoint', 'lab', '--out', $capture, '--lang', $Language)
} else {
  $captureArgs = @('capture', '--exchange', $Exchange, '--skype', $Skype, '--out', $capture, '--lang', $Language)
  if ($User) { $captureArgs += @('--user', $User) }
}
$code = Invoke-Umc -Arguments $captureArgs
if ($code -ne 0 -or -not (Test-Path -LiteralPath $capture)) {
  Write-RunLog "capture failed (umc exit $code); nothing compared"
  exit 2
}

# 2. Check: what is new since the last capture (the whole check on the first run).
$checkArgs = @('check', '--snapshot', $capture, '--out', $html, '--lang', $Language)
$hadLast = Test-Path -LiteralPath $last
if ($hadLast) { $checkArgs += @('--since', $last) }
$checkCode = Invoke-Umc -Arguments $checkArgs -StdoutFile $text
if ($checkCode -ne 0 -and $checkCode -ne 1) {
  Write-RunLog "check failed (umc exit $checkCode): see $text"
  exit 2
}

# 3. This capture is the one the next run compares with.
Copy-Item -LiteralPath $capture -Destination $last -Force
foreach ($pattern in @('capture-*.umcsnap.json', 'report-*.txt', 'report-*.html')) {
  Get-ChildItem -Path $OutputFolder -Filter $pattern | Sort-Object Name -Descending | Select-Object -Skip $Keep | Remove-Item -Force
}
$verdict = if ($checkCode -eq 1) { 'new error findings' } else { 'no new error finding' }
if ($hadLast) { $scope = 'since the last capture' } else { $scope = 'first run: every finding' }
Write-RunLog "check done ($scope): $verdict; report $text, $html"

# 4. Mail the report.
if ($SmtpServer) {
  $mail = @{
    SmtpServer  = $SmtpServer
    Port        = $Port
    To          = $To
    From        = $From
    Subject     = "UM integration check: $verdict ($scope)"
    Body        = (Get-Content -LiteralPath $text -Raw -Encoding utf8)
    Attachments = @($html)
    Encoding    = [System.Text.Encoding]::UTF8
  }
  if ($UseSsl) { $mail.UseSsl = $true }
  if ($MailCredentialFile) { $mail.Credential = Import-Clixml -Path $MailCredentialFile }
  try {
    Send-MailMessage @mail -WarningAction SilentlyContinue
  } catch {
    Write-RunLog "mail to $($To -join ', ') failed: $($_.Exception.Message)"
    exit 2
  }
}
exit $checkCode
