# The synthetic voice-mail transactions of the lab endpoint (dot-sourced by UmcLabEndpoint.psm1: the module's
# internals are in scope): Test-CsExUMConnectivity and Test-CsExUMVoiceMail, answered from the lab org's state
# (docs/lab-endpoint.md, "Synthetic voice-mail tests"; docs/voicemail-tests.md).
#
# The pages (https://learn.microsoft.com/powershell/module/skype/test-csexumconnectivity and .../test-csexumvoicemail):
# both exist in Lync Server 2013, Skype for Business Server 2015 and 2019; two parameter sets each, ServerPlatform
# (-TargetFqdn required, the pool's health-monitoring test users) and ClientPlatform (the user's SIP address and
# credential required). Both return Microsoft.Rtc.SyntheticTransactions.TaskOutput (TargetFqdn, Result, Latency,
# Error, Diagnosis; the type is in UmcLabEndpoint.Types.cs).
#
# The call is walked over the lab org as the console's call path walks it (shared/users/call-path.ts, the hops
# pool -> UM IP gateway -> hunt group -> UM dial plan -> UM servers, each hop's own state only) and fails at the first
# hop that cannot carry it, with the SIP response and ms-diagnostics a real failure there gives (docs/voicemail-tests.md,
# "What the lab answers"). The lab has no mailbox content: Test-CsExUMVoiceMail's message is not stored.
# This file is ASCII on purpose (see the module's header).

#region versions

foreach ($n in @('Test-CsExUMConnectivity', 'Test-CsExUMVoiceMail')) { $script:CommandVersions[$n] = $script:SkypeAll }

#endregion

#region the call path over the lab org

function Get-LabSyntheticObjects {
  param([string]$Section, [string[]]$Properties, [string[]]$Values)
  # Written to the pipeline one by one (callers collect them with @()).
  if ($null -eq $Properties) { return (Get-LabSectionData $Section ($script:Store.All($Section))) }
  $hits = [int[]]@($script:Store.Find($Section, $Properties, $Values) | Where-Object { Test-LabVisible $Section $_ })
  return (Get-LabSectionData $Section $hits)
}

function Get-LabSyntheticText {
  param([object]$Object, [string]$Name)
  if ($null -eq $Object) { return '' }
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p -or $null -eq $p.Value) { return '' }
  return [string]$p.Value
}

function Get-LabSyntheticList {
  param([object]$Object, [string]$Name)
  if ($null -eq $Object) { return @() }
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p -or $null -eq $p.Value) { return @() }
  return @($p.Value | ForEach-Object { [string]$_ })
}

function Test-LabSyntheticListed {
  param([string[]]$List, [string]$Name)
  foreach ($x in $List) { if ([string]::Equals($x, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

# The SIP address without 'sip:', lower case.
function ConvertTo-LabBareSip {
  param([string]$Sip)
  $t = $Sip.Trim()
  if ($t -match '^(?i)sip:') { $t = $t.Substring(4) }
  return $t.ToLowerInvariant()
}

# The UM mailbox of a Skype user, joined as the console joins them (shared/users/user-index.ts joinOne): its SIP
# resource identifier, else an EUM:/sip: proxy address, else the primary SMTP address equal to the user's UPN.
function Find-LabSyntheticMailbox {
  param([string]$Bare, [string]$Upn)
  $all = @(Get-LabSyntheticObjects 'exchange.umMailboxes' $null $null)
  foreach ($m in $all) { if ((ConvertTo-LabBareSip (Get-LabSyntheticText $m 'SIPResourceIdentifier')) -eq $Bare -and $Bare) { return $m } }
  foreach ($m in $all) {
    foreach ($p in (Get-LabSyntheticList $m 'EmailAddresses')) {
      if ($p -match '^(?i)(eum|sip):([^;]+)') { if ($Matches[2].Trim().ToLowerInvariant() -eq $Bare) { return $m } }
    }
  }
  if ($Upn) { foreach ($m in $all) { if ((Get-LabSyntheticText $m 'PrimarySmtpAddress').ToLowerInvariant() -eq $Upn.ToLowerInvariant()) { return $m } } }
  return $null
}

# Exchange 2019 (15.2) or later has no Unified Messaging (shared/users/user-rules.ts isNoUmVersion).
function Test-LabSyntheticNoUm {
  param([object]$Server)
  $v = Get-LabSyntheticText $Server 'AdminDisplayVersion'
  if ($v -match '(\d+)\.(\d+)') { $major = [int]$Matches[1]; $minor = [int]$Matches[2]; return ($major -gt 15) -or ($major -eq 15 -and $minor -ge 2) }
  return $false
}

# The servers answering a dial plan (shared/users/user-rules.ts umServersOfDialPlan): Exchange 2010 servers the dial
# plan's UMServers or their UM service lists; 2013/2016 servers whose UM service or call router lists the dial plan.
function Get-LabSyntheticUmServers {
  param([object]$DialPlan)
  $name = Get-LabSyntheticText $DialPlan 'Name'
  $listed = Get-LabSyntheticList $DialPlan 'UMServers'
  $services = @(Get-LabSyntheticObjects 'exchange.umServices' $null $null)
  $routers = @(Get-LabSyntheticObjects 'exchange.callRouters' $null $null)
  $out = New-Object 'System.Collections.Generic.List[object]'
  foreach ($s in (Get-LabSyntheticObjects 'exchange.servers' $null $null)) {
    $sn = Get-LabSyntheticText $s 'Name'
    $svc = $services | Where-Object { (Get-LabSyntheticText $_ 'Name') -eq $sn -or (Get-LabSyntheticText $_ 'Identity') -eq $sn } | Select-Object -First 1
    $rt = $routers | Where-Object { (Get-LabSyntheticText $_ 'Name') -eq $sn -or (Get-LabSyntheticText $_ 'Identity') -eq $sn } | Select-Object -First 1
    $bySvc = Test-LabSyntheticListed (Get-LabSyntheticList $svc 'DialPlans') $name
    $is2010 = (Get-LabSyntheticText $s 'AdminDisplayVersion') -match 'Version 14\.'
    if ($is2010) { if ((Test-LabSyntheticListed $listed $sn) -or $bySvc) { $out.Add($s) } }
    elseif ($bySvc -or (Test-LabSyntheticListed (Get-LabSyntheticList $rt 'DialPlans') $name)) { $out.Add($s) }
  }
  return $out.ToArray()
}

# The first hop of a user's path that cannot carry a call to voice mail, by its own state (shared/users/call-path.ts):
# @{ Hop = 'pool'|'gateway'|'huntGroup'|'dialPlan'|'umServer'|$null; Pool; Object }.
function Find-LabSyntheticBrokenHop {
  param([string]$Sip)
  $bare = ConvertTo-LabBareSip $Sip
  $users = @(Get-LabSyntheticObjects 'skype.users' @('SipAddress') @('sip:' + $bare))
  $user = $null
  foreach ($u in $users) { if ((ConvertTo-LabBareSip (Get-LabSyntheticText $u 'SipAddress')) -eq $bare) { $user = $u; break } }
  if ($null -eq $user) { return @{ Hop = 'pool'; Pool = ''; Object = $Sip } }
  $poolName = (Get-LabSyntheticText $user 'RegistrarPool').Trim()
  if (-not $poolName) { return @{ Hop = 'pool'; Pool = ''; Object = $Sip } }
  $pool = Get-LabSyntheticObjects 'skype.pools' @('Fqdn', 'Identity') @($poolName) | Select-Object -First 1
  if ($null -eq $pool) { return @{ Hop = 'pool'; Pool = $poolName; Object = $poolName } }
  $mailbox = Find-LabSyntheticMailbox $bare (Get-LabSyntheticText $user 'UserPrincipalName')
  $dpName = Get-LabSyntheticText $mailbox 'UMDialPlan'
  $groups = @(Get-LabSyntheticObjects 'exchange.huntGroups' $null $null)
  $hasGroup = { param($g) $dpName -and @($groups | Where-Object { (Get-LabSyntheticText $_ 'UMIPGateway') -eq (Get-LabSyntheticText $g 'Name') -and (Get-LabSyntheticText $_ 'UMDialPlan') -eq $dpName }).Count -gt 0 }
  $gateways = @(Get-LabSyntheticObjects 'exchange.ipGateways' $null $null | Where-Object { [string]::Equals((Get-LabSyntheticText $_ 'Address'), $poolName, [System.StringComparison]::OrdinalIgnoreCase) })
  $gateway = $gateways | Where-Object { (Get-LabSyntheticText $_ 'Status') -eq 'Enabled' -and (& $hasGroup $_) } | Select-Object -First 1
  if ($null -eq $gateway) { $gateway = $gateways | Where-Object { & $hasGroup $_ } | Select-Object -First 1 }
  if ($null -eq $gateway) { $gateway = $gateways | Where-Object { (Get-LabSyntheticText $_ 'Status') -eq 'Enabled' } | Select-Object -First 1 }
  if ($null -eq $gateway) { $gateway = $gateways | Select-Object -First 1 }
  if ($null -eq $gateway) { return @{ Hop = 'gateway'; Pool = $poolName; Object = $poolName } }
  $gwName = Get-LabSyntheticText $gateway 'Name'
  if ((Get-LabSyntheticText $gateway 'Status') -ne 'Enabled') { return @{ Hop = 'gateway'; Pool = $poolName; Object = $gwName } }
  if (-not $dpName) { return @{ Hop = 'huntGroup'; Pool = $poolName; Object = $gwName } }
  if (-not (& $hasGroup $gateway)) { return @{ Hop = 'huntGroup'; Pool = $poolName; Object = $gwName } }
  $dp = Get-LabSyntheticObjects 'exchange.dialPlans' $null $null | Where-Object { [string]::Equals((Get-LabSyntheticText $_ 'Name'), $dpName, [System.StringComparison]::OrdinalIgnoreCase) } | Select-Object -First 1
  if ($null -eq $dp) { return @{ Hop = 'dialPlan'; Pool = $poolName; Object = $dpName } }
  if ((Get-LabSyntheticText $dp 'URIType') -ne 'SipName') { return @{ Hop = 'dialPlan'; Pool = $poolName; Object = $dpName } }
  $servers = @(Get-LabSyntheticUmServers $dp)
  $usable = @($servers | Where-Object { -not (Test-LabSyntheticNoUm $_) })
  if ($usable.Count -eq 0) { return @{ Hop = 'umServer'; Pool = $poolName; Object = $dpName; Servers = @($servers | ForEach-Object { Get-LabSyntheticText $_ 'Fqdn' }) } }
  return @{ Hop = $null; Pool = $poolName; Object = $null }
}

#endregion

#region the TaskOutput

# The failure text of a hop: the SIP response "<code>, <reason phrase>" in Error and the ms-diagnostics header's
# "ErrorCode=<n>,Source=<fqdn>,Reason=<text>" in Diagnosis, as the synthetic transactions show them
# (docs/voicemail-tests.md, "The output").
function New-LabSyntheticOutput {
  param([string]$TargetFqdn, [hashtable]$Broken, [System.Diagnostics.Stopwatch]$Clock)
  $out = New-Object Microsoft.Rtc.SyntheticTransactions.TaskOutput
  $out.TargetFqdn = $TargetFqdn
  $out.Latency = $Clock.Elapsed
  $source = $(if ($Broken.Pool) { $Broken.Pool } else { $TargetFqdn })
  switch ($Broken.Hop) {
    $null { $out.Result = 'Success'; return $out }
    'pool' {
      $out.Error = '404, Not Found'
      $out.Diagnosis = 'ErrorCode=4005,Source={0},Reason=Destination URI either not enabled for SIP or does not exist' -f $source
    }
    'gateway' {
      $out.Error = '480, Temporarily Unavailable'
      $out.Diagnosis = 'ErrorCode=15030,Source={0},Reason=Failed to route to Exchange Server' -f $source
    }
    { $_ -eq 'huntGroup' -or $_ -eq 'dialPlan' } {
      # Exchange UM refuses a call it cannot map to a UM dial plan of the gateway (no hunt group, not SIP URI).
      $out.Error = '403, Forbidden'
      $out.Diagnosis = 'ErrorCode=15030,Source={0},Reason=Failed to route to Exchange Server' -f $source
    }
    'umServer' {
      $out.Error = '10060, A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond'
      $out.Diagnosis = ''
    }
  }
  $out.Result = 'Failure'
  return $out
}

# A credential whose account is not the test user's: the registration is refused as a server refuses it.
function New-LabSyntheticAuthFailure {
  param([string]$TargetFqdn, [System.Diagnostics.Stopwatch]$Clock)
  $out = New-Object Microsoft.Rtc.SyntheticTransactions.TaskOutput
  $out.TargetFqdn = $TargetFqdn
  $out.Latency = $Clock.Elapsed
  $out.Result = 'Failure'
  $out.Error = '401, Unauthorized'
  $out.Diagnosis = ''
  return $out
}

# Whether the credential names the account of this SIP user (its UPN, or DOMAIN\alias with the alias of the UPN),
# and has a password: -SenderSipAddress "must reference the same user account as SenderCredential".
function Test-LabSyntheticCredential {
  param([System.Management.Automation.PSCredential]$Credential, [string]$Sip)
  if ($Credential.Password.Length -eq 0) { return $false }
  $bare = ConvertTo-LabBareSip $Sip
  $user = Get-LabSyntheticObjects 'skype.users' @('SipAddress') @('sip:' + $bare) | Select-Object -First 1
  if ($null -eq $user) { return $false }
  $upn = (Get-LabSyntheticText $user 'UserPrincipalName').ToLowerInvariant()
  $name = $Credential.UserName.ToLowerInvariant()
  if ($name -eq $upn) { return $true }
  if ($name -match '^[^\\]+\\(.+)$') { return $upn -and $upn.StartsWith($Matches[1] + '@') }
  return $false
}

# -TargetFqdn names a registrar pool of the topology, else the cmdlet stops (no pool to register with).
function Assert-LabSyntheticPool {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$TargetFqdn)
  $pool = Get-LabSyntheticObjects 'skype.pools' @('Fqdn', 'Identity') @($TargetFqdn) | Select-Object -First 1
  if ($null -ne $pool) { return }
  $msg = 'Cannot find pool "{0}" in the topology. Specify the fully qualified domain name of a Registrar pool.' -f $TargetFqdn
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord (New-Object System.ArgumentException -ArgumentList $msg) ($Cmdlet.MyInvocation.MyCommand.Name + '.PoolNotFound') ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $TargetFqdn))
}

# ServerPlatform without test users: the lab org captures no CsHealthMonitoringConfiguration, so "if test users have
# not been configured for the pool then the command will fail" (example 1 of both pages).
function Stop-LabSyntheticNoTestUsers {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$TargetFqdn)
  $msg = 'No test users are configured for pool "{0}". Configure them with New-CsHealthMonitoringConfiguration, or give the user and its credential.' -f $TargetFqdn
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord (New-Object System.InvalidOperationException -ArgumentList $msg) ($Cmdlet.MyInvocation.MyCommand.Name + '.NoTestUsers') ([System.Management.Automation.ErrorCategory]::InvalidOperation) $TargetFqdn))
}

#endregion

#region the cmdlets

function Test-CsExUMConnectivity {
  [CmdletBinding(DefaultParameterSetName = 'ServerPlatform')]
  [OutputType('Microsoft.Rtc.SyntheticTransactions.TaskOutput')]
  param(
    [Parameter(ParameterSetName = 'ServerPlatform', Mandatory = $true, Position = 0)]
    [Parameter(ParameterSetName = 'ClientPlatform', Position = 0)]
    [Alias('t')][string]$TargetFqdn,
    [Parameter(ParameterSetName = 'ClientPlatform', Mandatory = $true)][Alias('uc')][System.Management.Automation.PSCredential]$UserCredential,
    [Parameter(ParameterSetName = 'ServerPlatform')]
    [Parameter(ParameterSetName = 'ClientPlatform', Mandatory = $true)]
    [Alias('ua')][string]$UserSipAddress,
    [Alias('Ath')][ValidateSet('TrustedServer', 'Negotiate', 'ClientCertificate', 'LiveID')][string]$Authentication,
    [switch]$Force,
    [Alias('olv')][string]$OutLoggerVariable,
    [Alias('ovv')][string]$OutVerboseVariable,
    [Alias('rp')][int]$RegistrarPort = 5061
  )
  Enter-LabRead $PSCmdlet
  $clock = [System.Diagnostics.Stopwatch]::StartNew()
  if ($PSCmdlet.ParameterSetName -eq 'ServerPlatform') { Assert-LabSyntheticPool $PSCmdlet $TargetFqdn; Stop-LabSyntheticNoTestUsers $PSCmdlet $TargetFqdn }
  $user = Find-LabSyntheticBrokenHop $UserSipAddress
  if (-not $TargetFqdn) { $TargetFqdn = $user.Pool }
  Assert-LabSyntheticPool $PSCmdlet $TargetFqdn
  if (-not (Test-LabSyntheticCredential $UserCredential $UserSipAddress)) { $PSCmdlet.WriteObject((New-LabSyntheticAuthFailure $TargetFqdn $clock)); return }
  $PSCmdlet.WriteObject((New-LabSyntheticOutput $TargetFqdn $user $clock))
}

function Test-CsExUMVoiceMail {
  [CmdletBinding(DefaultParameterSetName = 'ServerPlatform')]
  [OutputType('Microsoft.Rtc.SyntheticTransactions.TaskOutput')]
  param(
    [Parameter(ParameterSetName = 'ServerPlatform', Mandatory = $true, Position = 0)]
    [Parameter(ParameterSetName = 'ClientPlatform', Position = 0)]
    [Alias('t')][string]$TargetFqdn,
    [Parameter(ParameterSetName = 'ClientPlatform', Mandatory = $true)][Alias('sc')][System.Management.Automation.PSCredential]$SenderCredential,
    [Parameter(ParameterSetName = 'ServerPlatform')]
    [Parameter(ParameterSetName = 'ClientPlatform', Mandatory = $true)]
    [Alias('ra')][string]$ReceiverSipAddress,
    [Parameter(ParameterSetName = 'ServerPlatform')]
    [Parameter(ParameterSetName = 'ClientPlatform', Mandatory = $true)]
    [Alias('sa')][string]$SenderSipAddress,
    [Alias('wf')][string]$WaveFile,
    [Alias('Ath')][ValidateSet('TrustedServer', 'Negotiate', 'ClientCertificate', 'LiveID')][string]$Authentication,
    [switch]$Force,
    [Alias('olv')][string]$OutLoggerVariable,
    [Alias('ovv')][string]$OutVerboseVariable,
    [Alias('rp')][int]$RegistrarPort = 5061
  )
  Enter-LabRead $PSCmdlet
  $clock = [System.Diagnostics.Stopwatch]::StartNew()
  if ($PSCmdlet.ParameterSetName -eq 'ServerPlatform') { Assert-LabSyntheticPool $PSCmdlet $TargetFqdn; Stop-LabSyntheticNoTestUsers $PSCmdlet $TargetFqdn }
  # "this must be a different SIP address than the SIP address used for the sender" (-ReceiverSipAddress).
  if ((ConvertTo-LabBareSip $ReceiverSipAddress) -eq (ConvertTo-LabBareSip $SenderSipAddress)) {
    Stop-LabInvalidArgument $PSCmdlet 'Test-CsExUMVoiceMail.SameSipAddress' ('The receiver SIP address "{0}" must be different from the sender SIP address.' -f $ReceiverSipAddress) $ReceiverSipAddress
  }
  if ($WaveFile -and -not (Test-Path -LiteralPath $WaveFile -PathType Leaf)) {
    $ex = New-Object System.IO.FileNotFoundException -ArgumentList ('Could not find file "{0}".' -f $WaveFile)
    $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'Test-CsExUMVoiceMail.WaveFileNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $WaveFile))
  }
  $sender = Find-LabSyntheticBrokenHop $SenderSipAddress
  if (-not $TargetFqdn) { $TargetFqdn = $sender.Pool }
  Assert-LabSyntheticPool $PSCmdlet $TargetFqdn
  if (-not (Test-LabSyntheticCredential $SenderCredential $SenderSipAddress)) { $PSCmdlet.WriteObject((New-LabSyntheticAuthFailure $TargetFqdn $clock)); return }
  # The message goes to the receiver's voice mail: the receiver's path decides.
  $PSCmdlet.WriteObject((New-LabSyntheticOutput $TargetFqdn (Find-LabSyntheticBrokenHop $ReceiverSipAddress) $clock))
}

#endregion
