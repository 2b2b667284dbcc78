<#
  UM Integration Console: the PowerShell host (one process per shell: Exchange, Skype).

  Started by main/powershell/powershell-host.ts as
    pwsh|powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File umc-host.ps1
  with the environment variable UMC_HOST_NONCE set to a random token.

  Why this file exists (docs/live-sessions.md, "The host and its framing"): node-powershell's REPL framing and command
  templates are unsafe (user data becomes code) and fragile (warnings, ANSI sequences and
  non-ASCII text corrupt its output). Here:
  - Requests arrive on stdin, one line each: base64 of UTF-8 JSON. Parameter *values* are carried
    typed and base64-encoded one by one, so they are never parsed as code, and never re-typed by
    ConvertFrom-Json (which turns ISO-looking strings into dates in PowerShell 7).
  - Commands are invoked through the PowerShell API (AddCommand/AddParameter) in a dedicated
    runspace: no script text is ever built from data. Only the commands named at `open` may run.
  - Responses are one line each: U+001E "UMC:" <nonce> " " base64(UTF-8 JSON). Anything else a
    cmdlet prints to the console (Write-Host, [Console]::Out, ANSI colours) is not a frame and is
    ignored by the reader; the nonce keeps a cmdlet from forging one.
  - Every stream (error, warning, verbose, debug, information) is collected per call and returned
    as data; errors keep their category, reason, id, message and target object.
  - A call runs asynchronously, so a `cancel` request can Stop() it (for implicit-remoting proxies
    this stops the pipeline on the server and keeps the session). The Node side kills the process
    only when Stop() does not return in time.
  - `close`, or the end of stdin, removes the remote session (Remove-PSSession: Exchange allows
    only a few shells per user, docs/live-sessions.md).
  Compatible with Windows PowerShell 5.1 and PowerShell 7. ASCII only: 5.1 reads a BOM-less script as ANSI.
#>
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
Set-StrictMode -Off

$Nonce = $env:UMC_HOST_NONCE
if (-not $Nonce) { [Console]::Error.WriteLine('UMC_HOST_NONCE is not set'); exit 3 }
$Prefix = [string][char]0x1e + 'UMC:' + $Nonce + ' '
$Utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::OutputEncoding = $Utf8
$Stdout = [Console]::Out

# The runspace the session lives in: the main loop stays free to read `cancel` while a call runs.
$Runspace = [runspacefactory]::CreateRunspace()
$Runspace.Open()
$Session = $null            # the PSSession for remote kinds
$Allowed = @{}              # command name -> $true, fixed at open
$Kind = $null
$LabComputer = @{ exchange = 'localhost'; skype = 'localhost' }   # kind local: the servers the lab session is "on"
$LabRunspaceId = [guid]::Empty

# Kind local (the lab endpoint in this process): what PowerShell remoting does to every object a remote command
# outputs, done here so the in-process lab delivers what a remote session would. The objects are serialized at
# remoting's depth (1: a property that is not a primitive value is written as its text) and deserialized
# (PSSerializer, PowerShell's own serializer), then given the members remoting adds: PSComputerName, RunspaceId,
# PSShowComputerName. This runs in the session runspace, after the command and before the client-side
# Select-Object. Constant text: no data ever becomes code.
$RemotingStepSource = @'
function global:ConvertTo-UmcHostRemoteObject {
  param([Parameter(ValueFromPipeline = $true)][AllowNull()][object]$InputObject, [string]$ComputerName, [guid]$RunspaceId)
  begin { $items = New-Object 'System.Collections.Generic.List[object]' }
  process { if ($null -ne $InputObject) { $items.Add($InputObject) } }
  end {
    if ($items.Count -eq 0) { return }
    # The lab module (loaded in this runspace) does it in compiled code: PSSerializer at depth 1 and back, then the
    # three members (UmcLabEndpoint.V3.Remoting); a PowerShell loop over 1,000 users would cost more than the call.
    [UmcLabEndpoint.V3.Remoting]::RoundTrip($items.ToArray(), $ComputerName, $RunspaceId)
  }
}
'@

function Send-Frame([string]$json) {
  $b64 = [Convert]::ToBase64String($Utf8.GetBytes($json))
  $Stdout.WriteLine($Prefix + $b64)
  $Stdout.Flush()
}

function ConvertTo-JsonText($value) {
  if ($null -eq $value) { return 'null' }
  return (ConvertTo-Json -InputObject $value -Depth 6 -Compress)
}

function Get-TargetText($target) {
  if ($null -eq $target) { return $null }
  if ($target -is [string]) { return $target }
  try { return [string]$target } catch { return $null }
}

function Get-ErrorInfo($record, [string]$kind) {
  $info = [ordered]@{
    kind          = $kind
    message       = [string]$record.Exception.Message
    category      = [string]$record.CategoryInfo.Category
    reason        = [string]$record.CategoryInfo.Reason
    errorId       = [string]$record.FullyQualifiedErrorId
    targetObject  = (Get-TargetText $record.TargetObject)
    exceptionType = [string]$record.Exception.GetType().FullName
  }
  return $info
}

function Get-ExceptionInfo($exception, [string]$kind) {
  $e = $exception
  while (($e -is [System.Management.Automation.MethodInvocationException] -or $e -is [System.Reflection.TargetInvocationException]) -and $e.InnerException) { $e = $e.InnerException }
  if ($e -is [System.Management.Automation.IContainsErrorRecord] -and $e.ErrorRecord) {
    $info = Get-ErrorInfo $e.ErrorRecord $kind
    $info.exceptionType = [string]$e.GetType().FullName
    return $info
  }
  return [ordered]@{ kind = $kind; message = [string]$e.Message; category = 'NotSpecified'; reason = [string]$e.GetType().Name; errorId = ''; targetObject = $null; exceptionType = [string]$e.GetType().FullName }
}

function Test-SessionBroken($info) {
  # A transport failure or a session that is no longer open: the Node side rebuilds the session.
  return ($info.exceptionType -match 'PSRemotingTransportException|PSRemotingDataStructureException|RemoteException.*Broken' -or
          $info.message -match 'session state is Broken|WSMan-InvalidShellID|shell was not found on the server|The SSH client session has ended|Processing data for a remote command failed')
}

function Send-Error($id, $info, $streams) {
  $body = [ordered]@{ id = $id; ok = $false; error = $info; streams = $streams }
  Send-Frame (ConvertTo-JsonText $body)
}

function New-Streams { return [ordered]@{ error = @(); warning = @(); verbose = @(); debug = @(); information = @() } }

function Read-Streams($ps) {
  $s = New-Streams
  $s.error = @($ps.Streams.Error | ForEach-Object { Get-ErrorInfo $_ 'cmdlet' })
  $s.warning = @($ps.Streams.Warning | ForEach-Object { [string]$_.Message })
  $s.verbose = @($ps.Streams.Verbose | ForEach-Object { [string]$_.Message })
  $s.debug = @($ps.Streams.Debug | ForEach-Object { [string]$_.Message })
  $s.information = @($ps.Streams.Information | ForEach-Object { [string]$_.MessageData })
  return $s
}

# Decodes one typed parameter value: { t: 's'|'a'|'i'|'b', v: ... }; strings are base64 UTF-8.
function ConvertFrom-ParameterValue($p) {
  switch ([string]$p.t) {
    's' { return $Utf8.GetString([Convert]::FromBase64String([string]$p.v)) }
    'a' { return [string[]]@($p.v | ForEach-Object { $Utf8.GetString([Convert]::FromBase64String([string]$_)) }) }
    'i' { return [long]$p.v }
    'b' { return [bool]$p.v }
    # A credential parameter (docs/voicemail-tests.md): a PSCredential built through .NET alone, as New-UmcCredential does.
    'c' {
      $secure = [System.Security.SecureString]::new()
      foreach ($ch in $Utf8.GetString([Convert]::FromBase64String([string]$p.v.p)).ToCharArray()) { $secure.AppendChar($ch) }
      $secure.MakeReadOnly()
      return [System.Management.Automation.PSCredential]::new($Utf8.GetString([Convert]::FromBase64String([string]$p.v.u)), $secure)
    }
    default { throw "unknown parameter type '$($p.t)'" }
  }
}

function ConvertTo-Parameters($list) {
  $h = [ordered]@{}
  foreach ($p in @($list)) {
    if ($null -eq $p) { continue }
    $name = [string]$p.n
    if ($name -notmatch '^[A-Za-z][A-Za-z0-9]{0,63}$') { throw "invalid parameter name" }
    $h[$name] = ConvertFrom-ParameterValue $p
  }
  return $h
}

# Runs one command in the session runspace through the API and waits, answering `cancel`
# (Stop) while it runs. Returns @{ results; streams; stopped } or throws.
function Invoke-InRunspace([string]$command, $parameters, [string[]]$select, [string[]]$exclude, $id, [switch]$RemotingStep) {
  $ps = [PowerShell]::Create()
  $ps.Runspace = $Runspace
  try {
    [void]$ps.AddCommand($command)
    foreach ($k in $parameters.Keys) {
      $v = $parameters[$k]
      if ($v -is [bool] -and $v) { [void]$ps.AddParameter($k) } elseif ($v -is [bool]) { [void]$ps.AddParameter($k, $false) } else { [void]$ps.AddParameter($k, $v) }
    }
    if ($RemotingStep) {
      # A Skype for Business cmdlet (noun Cs...) runs on the Skype session's Front End, any other on the Exchange server.
      $computer = $script:LabComputer.exchange
      if ($command -match '^[A-Za-z]+-Cs') { $computer = $script:LabComputer.skype }
      [void]$ps.AddCommand('ConvertTo-UmcHostRemoteObject').AddParameter('ComputerName', $computer).AddParameter('RunspaceId', $script:LabRunspaceId)
    }
    if (($select -and $select.Count) -or ($exclude -and $exclude.Count)) {
      [void]$ps.AddCommand('Select-Object')
      if ($select -and $select.Count) { [void]$ps.AddParameter('Property', $select) } else { [void]$ps.AddParameter('Property', '*') }
      if ($exclude -and $exclude.Count) { [void]$ps.AddParameter('ExcludeProperty', $exclude) }
    }
    $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $inputData = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
    $inputData.Complete()
    $async = $ps.BeginInvoke($inputData, $output)
    $stopped = $false
    while (-not $async.AsyncWaitHandle.WaitOne(3)) {
      if (-not $script:StdinClosed -and $script:PendingLine -eq $null -and $script:LineTask.IsCompleted) {
        $next = $script:LineTask.Result
        if ($null -eq $next) {
          # stdin closed while a call runs: the console is going away; stop the call.
          $script:StdinClosed = $true
          $stopped = $true
          $ps.Stop()
          continue
        }
        $script:PendingLine = $next
        $script:LineTask = $Reader.ReadLineAsync()
      }
      if ($script:PendingLine -ne $null) {
        $req = ConvertFrom-RequestLine $script:PendingLine
        if ($req -and [string]$req.op -eq 'close') {
          # The console is closing the session: stop the call now; `close` is answered after it.
          $stopped = $true
          $ps.Stop()
        } elseif ($req -and [string]$req.op -eq 'cancel' -and $req.target -eq $id) {
          $script:PendingLine = $null
          $stopped = $true
          $ps.Stop()
        } elseif ($req -and [string]$req.op -eq 'cancel') {
          $script:PendingLine = $null   # a cancel for a call already answered
        }
        # any other request waits until this call is answered (the Node side queues per shell).
      }
    }
    $err = $null
    try { [void]$ps.EndInvoke($async) } catch { $err = $_ }
    $streams = Read-Streams $ps
    return @{ results = @($output); streams = $streams; stopped = $stopped; failure = $err }
  } finally {
    $ps.Dispose()
  }
}

function ConvertFrom-RequestLine([string]$line) {
  try { return ($Utf8.GetString([Convert]::FromBase64String($line.Trim())) | ConvertFrom-Json) } catch { return $null }
}

# Initialize-UmcLabEndpoint's parameters from the open parameters: DataPath; Writable = true (the user's own copy of
# the lab org, which the contact writes change); LabExchangeVersion, LabSkypeVersion, LabWithhold (the version profile).
function Get-LabInitParameters($params) {
  $init = @{ Path = $params.DataPath; ErrorAction = 'Stop' }
  if ($params.Contains('Writable') -and $params.Writable -eq $true) { $init.Writable = $true }
  if ($params.Contains('LabExchangeVersion') -and $params.LabExchangeVersion) { $init.ExchangeVersion = [string]$params.LabExchangeVersion }
  if ($params.Contains('LabSkypeVersion') -and $params.LabSkypeVersion) { $init.SkypeVersion = [string]$params.LabSkypeVersion }
  if ($params.Contains('LabWithhold') -and @($params.LabWithhold).Count -gt 0) { $init.Withhold = [string[]]@($params.LabWithhold) }
  return $init
}

# The credential of a `wsman` open (UserName, Password), built through .NET alone: Module Logging records every
# cmdlet invocation with its parameter values (event 4103), so `ConvertTo-SecureString -AsPlainText` would put the
# password in the event log in clear
# (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_logging_windows).
# The plain text is then removed from the open parameters.
function New-UmcCredential($params) {
  $secure = [System.Security.SecureString]::new()
  foreach ($c in ([string]$params['Password']).ToCharArray()) { $secure.AppendChar($c) }
  $secure.MakeReadOnly()
  $params.Remove('Password')
  return [System.Management.Automation.PSCredential]::new([string]$params['UserName'], $secure)
}

function Open-Session($id, $spec) {
  $script:Kind = [string]$spec.kind
  $names = @($spec.commands | ForEach-Object { [string]$_ })
  foreach ($n in $names) { if ($n -notmatch '^[A-Za-z]+-[A-Za-z0-9]+$') { throw "invalid command name" } }
  $params = ConvertTo-Parameters $spec.parameters
  switch ($script:Kind) {
    'local' {
      # The lab endpoint in this process. Its version profile (LabExchangeVersion, LabSkypeVersion) and the
      # cmdlets an RBAC role would not grant (LabWithhold) decide which commands exist: only those are imported,
      # so a missing one is reported in `missing` as on a real server. Its objects are real .NET types; each
      # call's output goes through ConvertTo-UmcHostRemoteObject (above), as remoting would take it.
      $r = Invoke-InRunspace 'Import-Module' @{ Name = $params.ModulePath; Function = @('Initialize-UmcLabEndpoint', 'Get-UmcLabEndpointInfo'); Force = $true; ErrorAction = 'Stop' } $null $null $id
      if ($r.failure) { throw $r.failure }
      $r = Invoke-InRunspace 'Initialize-UmcLabEndpoint' (Get-LabInitParameters $params) $null $null $id
      if ($r.failure) { throw $r.failure }
      $r = Invoke-InRunspace 'Get-UmcLabEndpointInfo' @{ ErrorAction = 'Stop' } $null $null $id
      if ($r.failure) { throw $r.failure }
      $info = $r.results[0]
      $offered = @($names | Where-Object { @($info.Commands) -contains $_ })
      if ($offered.Count -gt 0) {
        # The module is loaded: this imports more of its commands into the session without reloading it.
        $r = Invoke-InRunspace 'Import-Module' @{ Name = $params.ModulePath; Function = $offered; ErrorAction = 'Stop' } $null $null $id
        if ($r.failure) { throw $r.failure }
      }
      $script:LabComputer = @{ exchange = [string]$info.ExchangeSessionServer; skype = [string]$info.SkypeSessionServer }
      if (-not $script:LabComputer.exchange) { $script:LabComputer.exchange = 'localhost' }
      if (-not $script:LabComputer.skype) { $script:LabComputer.skype = 'localhost' }
      $script:LabRunspaceId = [guid]::NewGuid()
      $ps = [PowerShell]::Create(); $ps.Runspace = $Runspace
      [void]$ps.AddScript($RemotingStepSource); [void]$ps.Invoke(); $ps.Dispose()
    }
    'ssh' {
      # PowerShell remoting over SSH (PowerShell 7): the lab endpoint on the other side, in the version profile
      # asked for. The commands the profile lacks or withholds are removed from the remote session after it is
      # initialized, so Import-PSSession does not find them, as with RBAC on a real server.
      # Host keys: strict checking against the console's own known-hosts file only (the global one too, so the
      # system's trust does not widen the console's), which the admin fills by approving a fingerprint
      # (main/services/live/known-hosts.ts; docs/live-sessions.md, "SSH host keys"). Never 'no', never /dev/null:
      # an unknown or changed key ends the connection before authentication (ssh_config(5), StrictHostKeyChecking).
      if (-not $params.Contains('KnownHostsFile') -or -not [string]$params.KnownHostsFile) { throw "no known-hosts file for the SSH session" }
      # ssh_config reads a value's whitespace as a list separator ("UM Integration Console" is in the user data
      # path): the path goes in double quotes, so it cannot hold one itself.
      if ([string]$params.KnownHostsFile -match '"') { throw "the known-hosts file path holds a double quote" }
      $knownHosts = '"' + [string]$params.KnownHostsFile + '"'
      $newParams = @{ HostName = $params.HostName; Port = [int]$params.Port; UserName = $params.UserName; KeyFilePath = $params.KeyFilePath; SSHTransport = $true; Options = @{ StrictHostKeyChecking = 'yes'; UserKnownHostsFile = $knownHosts; GlobalKnownHostsFile = $knownHosts; UpdateHostKeys = 'no'; ConnectTimeout = '10' }; ErrorAction = 'Stop' }
      $r = Invoke-InRunspace 'New-PSSession' $newParams $null $null $id
      if ($r.failure) { throw $r.failure }
      $script:Session = $r.results[0].psobject.BaseObject
      $init = Get-LabInitParameters $params
      $setup = {
        param($module, $init)
        Import-Module $module
        Initialize-UmcLabEndpoint @init
        foreach ($n in @((Get-UmcLabEndpointInfo).Unavailable)) { Remove-Item -LiteralPath ('Function:\' + $n) }
      }
      $init.Remove('ErrorAction')
      $r = Invoke-InRunspace 'Invoke-Command' @{ Session = $script:Session; ScriptBlock = $setup; ArgumentList = @($params.ModulePath, $init); ErrorAction = 'Stop' } $null $null $id
      if ($r.failure) { throw $r.failure }
      $r = Invoke-InRunspace 'Import-PSSession' @{ Session = $script:Session; CommandName = $names; AllowClobber = $true; DisableNameChecking = $true; ErrorAction = 'Stop' } $null $null $id
      if ($r.failure) { throw $r.failure }
    }
    'wsman' {
      # Exchange: New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://<fqdn>/PowerShell/ -Authentication Kerberos
      # Skype:    New-PSSession -ConnectionUri https://<pool>/OcsPowershell (Negotiate)
      $newParams = @{ ConnectionUri = [uri]$params.ConnectionUri; Authentication = $params.Authentication; ErrorAction = 'Stop' }
      if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        # WSMan session options exist only where WSMan does (Windows).
        $opt = Invoke-InRunspace 'New-PSSessionOption' @{ OpenTimeout = [int]$params.OpenTimeoutMs; OperationTimeout = [int]$params.OperationTimeoutMs; IdleTimeout = 600000 } $null $null $id
        if ($opt.failure) { throw $opt.failure }
        $newParams.SessionOption = $opt.results[0].psobject.BaseObject
      }
      if ($params.Contains('ConfigurationName')) { $newParams.ConfigurationName = $params.ConfigurationName }
      if ($params.Contains('AllowRedirection') -and $params.AllowRedirection) { $newParams.AllowRedirection = $true }
      if ($params.Contains('UserName')) {
        $newParams.Credential = New-UmcCredential $params
      }
      $r = Invoke-InRunspace 'New-PSSession' $newParams $null $null $id
      if ($r.failure) { throw $r.failure }
      $script:Session = $r.results[0].psobject.BaseObject
      $r = Invoke-InRunspace 'Import-PSSession' @{ Session = $script:Session; CommandName = $names; AllowClobber = $true; DisableNameChecking = $true; ErrorAction = 'Stop' } $null $null $id
      if ($r.failure) { throw $r.failure }
    }
    default { throw "unknown session kind" }
  }
  # Only the imported commands the console asked for may run, whatever else the endpoint offers.
  $script:Allowed = @{}
  $missing = @()
  foreach ($n in $names) {
    $found = Invoke-InRunspace 'Get-Command' @{ Name = $n; ErrorAction = 'SilentlyContinue' } $null $null $id
    if (@($found.results).Count -gt 0) { $script:Allowed[$n] = $true } else { $missing += $n }
  }
  $meta = [ordered]@{ id = $id; ok = $true; psVersion = [string]$PSVersionTable.PSVersion; psEdition = [string]$PSVersionTable.PSEdition; imported = @($script:Allowed.Keys | Sort-Object); missing = @($missing) }
  Send-Frame (ConvertTo-JsonText $meta)
}

function Close-Session {
  if ($script:Session) {
    try {
      $ps = [PowerShell]::Create(); $ps.Runspace = $Runspace
      [void]$ps.AddCommand('Remove-PSSession').AddParameter('Session', $script:Session)
      [void]$ps.Invoke(); $ps.Dispose()
    } catch { }
    $script:Session = $null
  }
  $script:Allowed = @{}
}

function Get-SessionState {
  if ($script:Kind -eq 'local') { return 'Opened' }
  if (-not $script:Session) { return 'Closed' }
  $state = [string]$script:Session.State
  if ($state -eq 'Opened' -and [string]$script:Session.Availability -ne 'Available') { return 'Broken' }
  return $state
}

function Invoke-Request($req) {
  $id = $req.id
  switch ([string]$req.op) {
    'open' {
      try { Open-Session $id $req.session }
      catch {
        $info = Get-ExceptionInfo $_.Exception 'open'
        if ($_.Exception -isnot [System.Management.Automation.RuntimeException] -and $_.Exception.InnerException) { $info = Get-ExceptionInfo $_.Exception.InnerException 'open' }
        Close-Session
        Send-Error $id $info (New-Streams)
      }
    }
    'invoke' {
      $command = [string]$req.command
      if (-not $script:Allowed.ContainsKey($command)) {
        Send-Error $id ([ordered]@{ kind = 'not-allowed'; message = "The command '$command' was not imported in this session."; category = 'PermissionDenied'; reason = 'NotAllowed'; errorId = 'UmcHost.NotAllowed'; targetObject = $command; exceptionType = '' }) (New-Streams)
        return
      }
      $state = Get-SessionState
      if ($state -ne 'Opened') {
        Send-Error $id ([ordered]@{ kind = 'session-broken'; message = "The remote session is $state."; category = 'ConnectionError'; reason = $state; errorId = 'UmcHost.SessionBroken'; targetObject = $null; exceptionType = '' }) (New-Streams)
        return
      }
      $sw = [Diagnostics.Stopwatch]::StartNew()
      try {
        $parameters = ConvertTo-Parameters $req.parameters
        $select = @($req.select | Where-Object { $_ } | ForEach-Object { [string]$_ })
        $exclude = @($req.exclude | Where-Object { $_ } | ForEach-Object { [string]$_ })
        $r = Invoke-InRunspace $command $parameters $select $exclude $id -RemotingStep:($script:Kind -eq 'local')
      } catch {
        Send-Error $id (Get-ExceptionInfo $_.Exception 'protocol') (New-Streams)
        return
      }
      $ms = $sw.Elapsed.TotalMilliseconds
      if ($r.stopped) {
        Send-Error $id ([ordered]@{ kind = 'stopped'; message = 'The call was stopped.'; category = 'OperationStopped'; reason = 'Stopped'; errorId = 'UmcHost.Stopped'; targetObject = $command; exceptionType = '' }) $r.streams
        return
      }
      if ($r.failure) {
        $info = Get-ExceptionInfo $r.failure.Exception 'cmdlet'
        if ((Test-SessionBroken $info) -or (Get-SessionState) -ne 'Opened') { $info.kind = 'session-broken' }
        Send-Error $id $info $r.streams
        return
      }
      foreach ($e in $r.streams.error) { if ((Test-SessionBroken $e) -or (Get-SessionState) -ne 'Opened') { $e.kind = 'session-broken' } }
      $objects = if ($r.results.Count -eq 0) { '[]' } else { ConvertTo-Json -InputObject @($r.results) -Depth ([int]$req.depth) -Compress -WarningAction SilentlyContinue }
      $meta = [ordered]@{ id = $id; ok = $true; ms = $ms; count = $r.results.Count; streams = $r.streams }
      $metaJson = ConvertTo-JsonText $meta
      Send-Frame ($metaJson.Substring(0, $metaJson.Length - 1) + ',"objects":' + $objects + '}')
    }
    'ping' {
      Send-Frame (ConvertTo-JsonText ([ordered]@{ id = $id; ok = $true; state = (Get-SessionState); psVersion = [string]$PSVersionTable.PSVersion }))
    }
    'close' {
      Close-Session
      Send-Frame (ConvertTo-JsonText ([ordered]@{ id = $id; ok = $true; state = 'Closed' }))
    }
    'cancel' { }  # a cancel that arrived after its call was answered
    default {
      Send-Error $id ([ordered]@{ kind = 'protocol'; message = 'unknown operation'; category = 'InvalidArgument'; reason = 'Protocol'; errorId = 'UmcHost.UnknownOp'; targetObject = $null; exceptionType = '' }) (New-Streams)
    }
  }
}

$Reader = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $Utf8)
$script:LineTask = $Reader.ReadLineAsync()
$script:PendingLine = $null
Send-Frame (ConvertTo-JsonText ([ordered]@{ id = 0; ok = $true; ready = $true; psVersion = [string]$PSVersionTable.PSVersion; psEdition = [string]$PSVersionTable.PSEdition; pid = $PID }))

$script:StdinClosed = $false
while (-not $script:StdinClosed) {
  if ($script:PendingLine -ne $null) { $line = $script:PendingLine; $script:PendingLine = $null }
  else {
    $line = $script:LineTask.GetAwaiter().GetResult()
    if ($null -eq $line) { break }   # stdin closed: the console is going away
    $script:LineTask = $Reader.ReadLineAsync()
  }
  if ($line.Trim() -eq '') { continue }
  $req = ConvertFrom-RequestLine $line
  if (-not $req) {
    Send-Error -1 ([ordered]@{ kind = 'protocol'; message = 'unreadable request'; category = 'InvalidData'; reason = 'Protocol'; errorId = 'UmcHost.BadFrame'; targetObject = $null; exceptionType = '' }) (New-Streams)
    continue
  }
  Invoke-Request $req
  if ([string]$req.op -eq 'close') { break }
}
Close-Session
$Runspace.Dispose()
