# The Skype for Business configuration writes of the lab endpoint (dot-sourced by UmcLabEndpoint.psm1: the
# module's internals are in scope). Each cmdlet imitates Microsoft's cmdlet reference: its parameters,
# what it changes, its errors (docs/lab-endpoint.md, "Configuration writes").
#
# The pages (https://learn.microsoft.com/powershell/module/skype/<cmdlet>): Set-CsUser, Grant-CsHostedVoicemailPolicy,
# New-CsHostedVoicemailPolicy, Set-CsMediaConfiguration, Set-CsOAuthConfiguration, Set-CsCertificate,
# New-CsPartnerApplication, Set-CsPartnerApplication, New-CsDialPlan. Every one of them exists in Lync Server 2013,
# Skype for Business Server 2015 and 2019 (their "applicable:" lines); the parameters some versions lack are in
# $script:ParameterVersions below, refused as PowerShell refuses an unknown parameter.
#
# What each writes is one object of a snapshot section, spliced into the file by Save-LabObject (one atomic file
# write) in the shape of the objects already there, so that the Get- cmdlet and the console's decoder read it back
# as they read a captured one. RBAC (Enter-LabWrite -Role): the configuration cmdlets need RTCUniversalServerAdmins,
# the per-user ones (Set-CsUser, Grant-CsHostedVoicemailPolicy) RTCUniversalUserAdmins ("Who can run this cmdlet"
# on the Lync Server 2010/2013 pages of each cmdlet). This file is ASCII on purpose (see the module's header).

#region versions and roles

$script:SkypeWriteCommands = @('Set-CsUser', 'Grant-CsHostedVoicemailPolicy', 'New-CsHostedVoicemailPolicy', 'Set-CsMediaConfiguration', 'Set-CsOAuthConfiguration', 'Set-CsCertificate', 'New-CsPartnerApplication', 'Set-CsPartnerApplication', 'New-CsDialPlan')
foreach ($n in $script:SkypeWriteCommands) { $script:CommandVersions[$n] = $script:SkypeAll }

# The parameters only some versions have: the "Applicable:" line of each parameter on the same pages.
$script:SkypeS15 = @('SfB2015', 'SfB2019')
$script:ParameterVersions['Set-CsMediaConfiguration'] = @{ EnableInCallQoS = $script:SkypeS15; InCallQoSIntervalSeconds = $script:SkypeS15; EnableRtpRtcpMultiplexing = $script:SkypeS15 }
$script:ParameterVersions['Set-CsOAuthConfiguration'] = @{ ClientAuthorizationOAuthServerIdentity = $script:SkypeS15 }
$script:ParameterVersions['New-CsHostedVoicemailPolicy'] = @{ Tenant = @('Lync2013', 'SfB2015') }

$script:SkypeServerRole = 'RTCUniversalServerAdmins'
$script:SkypeUserRole = 'RTCUniversalUserAdmins'

#endregion

#region helpers

# A value a compiled cmdlet's parameter binder cannot convert to the parameter's enum: the error PowerShell gives
# (ParameterBindingException, CannotConvertArgumentNoMessage, InvalidArgument), with the enum's names.
function ConvertTo-LabSkypeEnum {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Parameter, [string]$Value, [string]$TypeName, [string[]]$Names)
  foreach ($n in $Names) { if ([string]::Equals($n, $Value.Trim(), [System.StringComparison]::OrdinalIgnoreCase)) { return $n } }
  $msg = "Cannot bind parameter '{0}'. Cannot convert value ""{1}"" to type ""{2}"". Error: ""Unable to match the identifier name {1} to a valid enumerator name. Specify one of the following enumerator names and try again:{3}{4}""" -f $Parameter, $Value, $TypeName, [Environment]::NewLine, [string]::Join(', ', $Names)
  $ex = New-Object System.Management.Automation.ParameterBindingException -ArgumentList $msg
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex ('CannotConvertArgumentNoMessage,' + $Cmdlet.MyInvocation.MyCommand.Name) ([System.Management.Automation.ErrorCategory]::InvalidArgument) $null))
}

# An XdsIdentity split into its scope and name: Global, Site:<site>, Service:<role>:<fqdn>, or a per-user (Tag:)
# name. A name without a scope is a per-user one (Get-CsHostedVoicemailPolicy's reference, example 2).
function ConvertFrom-LabXdsIdentity {
  param([string]$Identity)
  $id = $Identity.Trim()
  if ($id -match '^(?i)global$') { return [pscustomobject]@{ Scope = 'Global'; Name = ''; Text = 'Global' } }
  if ($id -match '^(?i)site:(.*)$') { return [pscustomobject]@{ Scope = 'Site'; Name = $Matches[1]; Text = 'Site:' + $Matches[1] } }
  if ($id -match '^(?i)service:(.*)$') { return [pscustomobject]@{ Scope = 'Service'; Name = $Matches[1]; Text = 'Service:' + $Matches[1] } }
  if ($id -match '^(?i)tag:(.*)$') { return [pscustomobject]@{ Scope = 'Tag'; Name = $Matches[1]; Text = 'Tag:' + $Matches[1] } }
  return [pscustomobject]@{ Scope = 'Tag'; Name = $id; Text = 'Tag:' + $id }
}

# The index of the object of a section whose Identity is one of these texts (any case), else -1.
function Find-LabSkypeObject {
  param([string]$Section, [string[]]$Identities)
  $hits = $script:Store.Find($Section, [string[]]@('Identity'), [string[]]@($Identities | Where-Object { $_ }))
  if ($hits.Length -gt 0) { return $hits[0] }
  return -1
}

# The object not found: the words of the module's Get-Cs* not-found ('Cannot find "<noun>" "<identity>" ...'), as a
# terminating '<Cmdlet>.NotFound' error (a Set- acts on one object; nothing is written).
function Stop-LabSkypeNotFound {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Noun, [string]$Identity)
  $msg = 'Cannot find "{0}" "{1}" because it does not exist.' -f $Noun, $Identity
  Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'NotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Identity
}

function Stop-LabSkypeInvalid {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Reason, [string]$Message, [object]$Target)
  Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $Message) $Reason ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Target
}

function Stop-LabSkypeExists {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Noun, [string]$Identity)
  $msg = 'Cannot create "{0}" "{1}" because it already exists.' -f $Noun, $Identity
  Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'AlreadyExists' ([System.Management.Automation.ErrorCategory]::ResourceExists) $Identity
}

# The object at an index as the file holds it (dates as their texts), a copy the caller changes before saving it.
function Get-LabSkypeCopy {
  param([string]$Section, [int]$Index)
  return @($script:Store.MaterializeRaw($Section, [int[]]@($Index)))[0]
}

# Sets a member when the value differs (ordinal text, or the same boolean / number); returns whether it changed.
function Update-LabSkypeMember {
  param([object]$Object, [string]$Name, [object]$Value)
  $p = $Object.PSObject.Properties[$Name]
  if ($null -ne $p) {
    $old = $p.Value
    if ($null -eq $old -and $null -eq $Value) { return $false }
    if ($null -ne $old -and $null -ne $Value -and $old.GetType() -eq $Value.GetType() -and [string]::Equals([string]$old, [string]$Value, [System.StringComparison]::Ordinal)) { return $false }
  }
  Set-LabProperty $Object $Name $Value
  return $true
}

# A new object of a section in the shape of the objects already there (their members, in their order, the remoting
# members of the capture included), else in the cmdlet's own member list with the remoting members of the Skype
# topology objects. A member the values do not give is null.
function New-LabSkypeObject {
  param([string]$Section, [System.Collections.IDictionary]$Values, [string[]]$Members)
  $names = $Members
  $remoting = [ordered]@{}
  if ($script:Store.Count($Section) -gt 0) {
    $names = @((Get-LabSkypeCopy $Section 0).PSObject.Properties | ForEach-Object { $_.Name })
    Add-LabRemotingProperties $remoting $Section
  } else {
    $names = @($Members) + @('PSComputerName', 'RunspaceId', 'PSShowComputerName')
    Add-LabRemotingProperties $remoting 'skype.registrars'
  }
  $o = [ordered]@{}
  foreach ($n in $names) {
    if ($Values.Contains($n)) { $o[$n] = $Values[$n] }
    elseif ($remoting.Contains($n)) { $o[$n] = $remoting[$n] }
    else { $o[$n] = $null }
  }
  return [pscustomobject]$o
}

# The object a Get- cmdlet returns for the object at this index (the real type, as ConvertTo-LabShape builds it).
function Write-LabSkypeObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [int]$Index)
  $Cmdlet.WriteObject((ConvertTo-LabShape $Cmdlet $Section ($script:Store.Materialize($Section, [int[]]@($Index), 1))), $true)
}

# Several objects of one section in one change (Set-CsCertificate's global certificate on every Front End): each is
# spliced in turn (Store.Commit), then the '<Cmdlet>.afterWrite' test fault runs once. A failure part way says what
# was saved; the file is always a whole snapshot (each splice is one atomic file write).
function Save-LabSkypeObjects {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [object[]]$Changes, [string]$Target)
  $done = 0
  foreach ($c in $Changes) {
    try {
      $script:Store = $script:Store.Commit($Section, $c.Op, $c.Index, $c.Object, $script:KeySpec)
      $done++
    } catch {
      $inner = Get-LabInnerException $_.Exception
      $ex = New-Object System.IO.IOException -ArgumentList ("The change was not saved: {0} {1} of {2} objects had been written before." -f $inner.Message, $done, $Changes.Length)
      $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.WriteFailed' ([System.Management.Automation.ErrorCategory]::WriteError) $Target))
    }
  }
  Invoke-LabFault $Cmdlet ($Cmdlet.MyInvocation.MyCommand.Name + '.afterWrite')
}

# The site an XdsIdentity's site name names (Get-CsSite: 'Site:Dallas', DisplayName 'Dallas'): its Identity, else $null.
function Resolve-LabSkypeSite {
  param([string]$Name)
  $hits = $script:Store.Find('skype.sites', [string[]]@('Identity', 'DisplayName'), [string[]]@(('Site:' + $Name), $Name))
  if ($hits.Length -eq 0) { return $null }
  return $script:Store.Key('skype.sites', $hits[0], 'Identity')
}

#endregion

#region users (Set-CsUser, Grant-CsHostedVoicemailPolicy)

# The users a UserIdParameter names (its reference: the SIP address, the UPN, domain\logon, the display name, '*'
# wildcards in a display name). Found none: 'Management object not found for identity "<id>".', the words Microsoft
# quotes for the user cmdlets (Remove-CsUserAcp's reference: 'Management object not found for identity ""Ken Myer""').
# domain\logon: the lab's users have no sAMAccountName; the logon is the UPN's local part in the lab domain.
function Resolve-LabSkypeUsers {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $section = 'skype.users'
  $hits = @()
  if ($Identity.Contains('*')) {
    $pattern = New-Object System.Management.Automation.WildcardPattern -ArgumentList @($Identity, [System.Management.Automation.WildcardOptions]::IgnoreCase)
    $n = $script:Store.Count($section)
    $hits = @(for ($i = 0; $i -lt $n; $i++) { if ($pattern.IsMatch([string]$script:Store.Key($section, $i, 'DisplayName'))) { $i } })
  } elseif ($Identity -match '^([^\\/@]+)\\([^\\/@]+)$') {
    $directory = Get-LabDirectory $Cmdlet
    if ((Test-LabSameName $Matches[1] $directory.NetBios) -or (Test-LabSameName $Matches[1] $directory.DnsDomain)) {
      $hits = @($script:Store.Find($section, [string[]]@('UserPrincipalName'), [string[]]@($Matches[2] + '@' + $directory.DnsDomain)))
    }
  } else {
    $c = New-Object 'System.Collections.Generic.List[string]'
    $c.Add($Identity)
    if (-not $Identity.StartsWith('sip:', [System.StringComparison]::OrdinalIgnoreCase)) { $c.Add('sip:' + $Identity) }
    $hits = @($script:Store.Find($section, [string[]]@('SipAddress', 'UserPrincipalName', 'DisplayName'), $c.ToArray()))
  }
  if ($hits.Count -eq 0) {
    $msg = 'Management object not found for identity "{0}".' -f $Identity
    Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'NotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Identity
  }
  return , [int[]]$hits
}

# The hosted voice mail policy that applies to a user: the per-user one granted (Tag:<name>), else the policy of the
# site of the user's pool, else Global (New-CsHostedVoicemailPolicy: "Policies created at the site scope will be
# automatically assigned to the users homed on those sites"). Returns the policy's file object or $null.
function Get-LabEffectiveHostedPolicy {
  param([object]$User)
  $granted = Get-LabStringProperty $User 'HostedVoicemailPolicy'
  $section = 'skype.hostedVoicemailPolicies'
  $i = -1
  if ($granted) { $i = Find-LabSkypeObject $section @(('Tag:' + $granted)) }
  else {
    $pool = Get-LabStringProperty $User 'RegistrarPool'
    $poolHits = @()
    if ($pool) { $poolHits = @($script:Store.Find('skype.pools', [string[]]@('Identity', 'Fqdn'), [string[]]@($pool))) }
    if ($poolHits.Count -gt 0) {
      $site = Get-LabStringProperty (Get-LabSkypeCopy 'skype.pools' $poolHits[0]) 'Site'
      if ($site) { $i = Find-LabSkypeObject $section @($site) }
    }
    if ($i -lt 0) { $i = Find-LabSkypeObject $section @('Global') }
  }
  if ($i -lt 0) { return $null }
  return Get-LabSkypeCopy $section $i
}

# Set-CsUser -LineURI: "must be specified using the E.164 format and the "tel:" prefix ... Any extension number
# should be added to the end of the line URI, for example: tel:+14255551297;ext=51297" (its reference page). The
# same number on another user or contact is refused: the page says tel:+14255551297 and tel:+14255551297;ext=51297
# "will not be flagged as a duplicate number", so an identical one is.
$script:LineUriPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @('^tel:\+?[0-9]{1,15}(;ext=[0-9]{1,15})?$', ([System.Text.RegularExpressions.RegexOptions]::IgnoreCase -bor [System.Text.RegularExpressions.RegexOptions]::CultureInvariant))

function Assert-LabLineUri {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$LineUri, [int]$Self)
  if (-not $script:LineUriPattern.IsMatch($LineUri)) {
    Stop-LabSkypeInvalid $Cmdlet 'InvalidLineUri' ('The line URI "{0}" is not valid: it must be an E.164 number with the "tel:" prefix, an extension at its end, for example tel:+14255551297;ext=51297.' -f $LineUri) $LineUri
  }
  # LineURI is not one of the section's keys: the users are read once (one call of the store).
  $users = $script:Store.MaterializeRaw('skype.users', $script:Store.All('skype.users'))
  for ($i = 0; $i -lt $users.Length; $i++) {
    if ($i -eq $Self) { continue }
    if (Test-LabSameName (Get-LabStringProperty $users[$i] 'LineURI') $LineUri) {
      $msg = 'The line URI "{0}" is already assigned to "{1}". Assign a number no other user or contact has.' -f $LineUri, (Get-LabStringProperty $users[$i] 'SipAddress')
      Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'LineUriInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $LineUri
    }
  }
  foreach ($c in $script:Store.MaterializeRaw('skype.exUmContacts', $script:Store.All('skype.exUmContacts'))) {
    if (Test-LabSameName (Get-LabStringProperty $c 'LineURI') $LineUri) {
      $msg = 'The line URI "{0}" is already assigned to "{1}". Assign a number no other user or contact has.' -f $LineUri, (Get-LabStringProperty $c 'SipAddress')
      Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'LineUriInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $LineUri
    }
  }
}

<#
  Set-CsUser: "Modifies Skype for Business properties for an existing user account" (its reference page); OUTPUTS
  None (the user with -PassThru). The lab takes the parameters whose properties the lab's user objects hold
  (Enabled, EnterpriseVoiceEnabled, HostedVoiceMail, LineURI); the others are not parameters here.
  -HostedVoiceMail $true: "if you attempt to enable a user for hosted voice mail and the user's assigned policy does
  not have a Destination value, the enable will fail" (New-CsHostedVoicemailPolicy, -Destination).
  Nothing changed: no write, and the module's "no settings have been modified" warning.
#>
function Set-CsUser {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [Alias('CsEnabled')][bool]$Enabled,
    [bool]$EnterpriseVoiceEnabled,
    [bool]$HostedVoiceMail,
    [AllowNull()][AllowEmptyString()][string]$LineURI,
    [string]$DomainController,
    [switch]$PassThru
  )
  process {
    $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeUserRole
    try {
      foreach ($i in (Resolve-LabSkypeUsers $PSCmdlet $Identity)) {
        $user = Get-LabSkypeCopy 'skype.users' $i
        $label = Get-LabStringProperty $user 'SipAddress'
        $changed = $false
        foreach ($flag in 'Enabled', 'EnterpriseVoiceEnabled', 'HostedVoiceMail') {
          if ($PSBoundParameters.ContainsKey($flag) -and (Update-LabSkypeMember $user $flag ([bool]$PSBoundParameters[$flag]))) { $changed = $true }
        }
        if ($PSBoundParameters.ContainsKey('LineURI')) {
          $line = [string]$LineURI
          if ($line) { Assert-LabLineUri $PSCmdlet $line $i }
          if (Update-LabSkypeMember $user 'LineURI' $line) { $changed = $true }
        }
        if ($PSBoundParameters.ContainsKey('HostedVoiceMail') -and $HostedVoiceMail) {
          $policy = Get-LabEffectiveHostedPolicy $user
          if ($null -eq $policy -or -not (Get-LabStringProperty $policy 'Destination')) {
            $which = $(if ($null -eq $policy) { 'none' } else { Get-LabStringProperty $policy 'Identity' })
            $msg = 'Cannot enable "{0}" for hosted voice mail: the hosted voice mail policy assigned to the user ({1}) has no Destination. Grant a per-user policy with a Destination (Grant-CsHostedVoicemailPolicy) first.' -f $label, $which
            Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'NoHostedVoicemailDestination' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Identity
          }
        }
        if (-not $PSCmdlet.ShouldProcess($label, 'Set-CsUser')) { continue }
        if ($changed) { Save-LabObject $PSCmdlet 'skype.users' 'replace' $i $user $Identity }
        else { $PSCmdlet.WriteWarning(('The command completed successfully but no settings of "{0}" have been modified.' -f $label)) }
        if ($PassThru) { Write-LabSkypeObject $PSCmdlet 'skype.users' $i }
      }
    } finally {
      $entered[0].Dispose()
    }
  }
}

<#
  Grant-CsHostedVoicemailPolicy: "Assigns a hosted voice mail policy at the per-user scope" (its reference page).
  -PolicyName is the per-user policy's name; "you can omit the tag prefix when specifying a policy name" and "only
  per-user policies can be assigned. You cannot assign the global policy to a user"; "$Null ... unassigns a per-user
  policy" (Lync Server 2013, "Assigning per-user policies", https://technet.microsoft.com/library/gg398834(v=ocs.15)).
  Get-CsUser then shows the name without its Tag: prefix. OUTPUTS: none (the user with -PassThru).
#>
function Grant-CsHostedVoicemailPolicy {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [Parameter(Mandatory = $true, Position = 2)][AllowNull()][AllowEmptyString()][string]$PolicyName,
    [string]$DomainController,
    [switch]$PassThru
  )
  process {
    $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeUserRole
    try {
      $name = ''
      if (-not [string]::IsNullOrEmpty($PolicyName)) {
        $x = ConvertFrom-LabXdsIdentity $PolicyName
        $p = -1
        if ($x.Scope -eq 'Tag') { $p = Find-LabSkypeObject 'skype.hostedVoicemailPolicies' @($x.Text) }
        if ($p -lt 0) {
          $msg = 'Policy "{0}" is not a user policy. You can assign only a user policy to a specific user.' -f $PolicyName
          Stop-LabSkypeInvalid $PSCmdlet 'NotUserPolicy' $msg $PolicyName
        }
        # The policy's name as the policy spells it (the lookup ignores case).
        $name = ([string]$script:Store.Key('skype.hostedVoicemailPolicies', $p, 'Identity')).Substring(4)
      }
      foreach ($i in (Resolve-LabSkypeUsers $PSCmdlet $Identity)) {
        $user = Get-LabSkypeCopy 'skype.users' $i
        $label = Get-LabStringProperty $user 'SipAddress'
        $changed = Update-LabSkypeMember $user 'HostedVoicemailPolicy' $name
        if (-not $PSCmdlet.ShouldProcess($label, ('Grant-CsHostedVoicemailPolicy "{0}"' -f $name))) { continue }
        if ($changed) { Save-LabObject $PSCmdlet 'skype.users' 'replace' $i $user $Identity }
        if ($PassThru) { Write-LabSkypeObject $PSCmdlet 'skype.users' $i }
      }
    } finally {
      $entered[0].Dispose()
    }
  }
}

#endregion

#region policies and configuration

# An FQDN (RFC 1035 labels), at most 255 characters: New-CsHostedVoicemailPolicy -Destination "must be 255 characters
# or less and in the form of an FQDN, such as server.litwareinc.com".
$script:FqdnPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @('^(?=.{1,255}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$', [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)

<#
  New-CsHostedVoicemailPolicy (its reference page): -Identity is "the scope and site (for a site policy, such as
  site:Redmond), or the policy name (for a per-user policy, such as RenoHostedVoicemail). A global policy will always
  exist and can't be removed, so you cannot create a global policy." A per-user policy's Identity is Tag:<name>.
  OUTPUTS: the new HostedVoicemailPolicy; -InMemory returns it without saving it.
#>
function New-CsHostedVoicemailPolicy {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 2)][string]$Identity,
    [AllowEmptyString()][string]$Description,
    [AllowEmptyString()][string]$Destination,
    [AllowEmptyString()][string]$Organization,
    [switch]$Force,
    [switch]$InMemory,
    [guid]$Tenant
  )
  $section = 'skype.hostedVoicemailPolicies'
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    $x = ConvertFrom-LabXdsIdentity $Identity
    $text = $x.Text
    switch ($x.Scope) {
      'Global' { Stop-LabSkypeExists $PSCmdlet 'HostedVoicemailPolicy' 'Global' }
      'Service' { Stop-LabSkypeInvalid $PSCmdlet 'InvalidScope' ('"{0}" is not a scope of a hosted voice mail policy: use site:<site name> or a per-user policy name.' -f $Identity) $Identity }
      'Site' {
        $site = Resolve-LabSkypeSite $x.Name
        if ($null -eq $site) { Stop-LabSkypeNotFound $PSCmdlet 'Site' ('Site:' + $x.Name) }
        $text = $site
      }
      'Tag' { if ([string]::IsNullOrWhiteSpace($x.Name)) { Stop-LabSkypeInvalid $PSCmdlet 'InvalidIdentity' 'A per-user policy needs a name.' $Identity } }
    }
    if ((Find-LabSkypeObject $section @($text)) -ge 0) { Stop-LabSkypeExists $PSCmdlet 'HostedVoicemailPolicy' $text }
    if ($Destination -and -not $script:FqdnPattern.IsMatch($Destination)) {
      Stop-LabSkypeInvalid $PSCmdlet 'InvalidDestination' ('The destination "{0}" is not valid: it must be the fully qualified domain name of the hosted Exchange UM service, 255 characters or less.' -f $Destination) $Destination
    }
    $values = [ordered]@{ Identity = $text; Description = [string]$Description; Destination = [string]$Destination; Organization = [string]$Organization }
    $policy = New-LabSkypeObject $section $values @('Identity', 'Description', 'Destination', 'Organization')
    if ($InMemory) { $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet $section @($policy)), $true); return }
    if (-not $PSCmdlet.ShouldProcess($text, 'New-CsHostedVoicemailPolicy')) { return }
    Save-LabObject $PSCmdlet $section 'insert' -1 $policy $text
    Write-LabSkypeObject $PSCmdlet $section ($script:Store.Count($section) - 1)
  } finally {
    $entered[0].Dispose()
  }
}

<#
  Set-CsMediaConfiguration (its reference page): -Identity is the collection's scope (global, site, or service;
  Global when omitted); -EncryptionLevel SupportEncryption | RequireEncryption | DoNotSupportEncryption, "not case
  sensitive ... automatically changed to mixed case"; -MaxVideoRateAllowed Hd720p15M | VGA600K | CIF250K, the same.
  OUTPUTS: none.
#>
function Set-CsMediaConfiguration {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Position = 2)][string]$Identity = 'Global',
    [string]$EncryptionLevel,
    [string]$MaxVideoRateAllowed,
    [bool]$EnableQoS,
    [bool]$EnableSiren,
    [bool]$EnableInCallQoS,
    [uint16]$InCallQoSIntervalSeconds,
    [bool]$EnableRtpRtcpMultiplexing,
    [switch]$Force
  )
  $section = 'skype.mediaConfigurations'
  if ($PSBoundParameters.ContainsKey('EncryptionLevel')) {
    $EncryptionLevel = ConvertTo-LabSkypeEnum $PSCmdlet 'EncryptionLevel' $EncryptionLevel 'Microsoft.Rtc.Management.WritableConfig.Settings.Media.EncryptionLevel' @('SupportEncryption', 'RequireEncryption', 'DoNotSupportEncryption')
  }
  if ($PSBoundParameters.ContainsKey('MaxVideoRateAllowed')) {
    $MaxVideoRateAllowed = ConvertTo-LabSkypeEnum $PSCmdlet 'MaxVideoRateAllowed' $MaxVideoRateAllowed 'MaxVideoRateAllowed' @('Hd720p15M', 'VGA600K', 'CIF250K')
  }
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    $x = ConvertFrom-LabXdsIdentity $Identity
    $i = Find-LabSkypeObject $section @($Identity, $x.Text)
    if ($i -lt 0) { Stop-LabSkypeNotFound $PSCmdlet 'MediaConfiguration' $Identity }
    $config = Get-LabSkypeCopy $section $i
    $changed = $false
    foreach ($n in 'EncryptionLevel', 'MaxVideoRateAllowed') {
      if ($PSBoundParameters.ContainsKey($n) -and (Update-LabSkypeMember $config $n ([string](Get-Variable -Name $n -ValueOnly)))) { $changed = $true }
    }
    foreach ($n in 'EnableQoS', 'EnableSiren', 'EnableInCallQoS', 'EnableRtpRtcpMultiplexing') {
      if ($PSBoundParameters.ContainsKey($n) -and (Update-LabSkypeMember $config $n ([bool]$PSBoundParameters[$n]))) { $changed = $true }
    }
    if ($PSBoundParameters.ContainsKey('InCallQoSIntervalSeconds') -and (Update-LabSkypeMember $config 'InCallQoSIntervalSeconds' ([int]$InCallQoSIntervalSeconds))) { $changed = $true }
    $target = Get-LabStringProperty $config 'Identity'
    if (-not $PSCmdlet.ShouldProcess($target, 'Set-CsMediaConfiguration')) { return }
    if ($changed) { Save-LabObject $PSCmdlet $section 'replace' $i $config $target }
  } finally {
    $entered[0].Dispose()
  }
}

<#
  Set-CsOAuthConfiguration (its reference page): "for the on-premises version of Skype for Business Server, you can
  have only a single, global collection of OAuth settings"; -Identity may be omitted or Global. OUTPUTS: none.
#>
function Set-CsOAuthConfiguration {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Position = 2)][string]$Identity = 'Global',
    [AllowEmptyString()][string]$Realm,
    [AllowEmptyString()][string]$ServiceName,
    [AllowEmptyString()][string]$ClientAuthorizationOAuthServerIdentity,
    [AllowEmptyString()][string]$ExchangeAutodiscoverAllowedDomains,
    [AllowEmptyString()][string]$ExchangeAutodiscoverUrl,
    [switch]$Force
  )
  $section = 'skype.oauth'
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    $i = -1
    if ((ConvertFrom-LabXdsIdentity $Identity).Scope -eq 'Global') { $i = Find-LabSkypeObject $section @('Global') }
    if ($i -lt 0) { Stop-LabSkypeNotFound $PSCmdlet 'OAuthConfiguration' $Identity }
    $config = Get-LabSkypeCopy $section $i
    $changed = $false
    foreach ($n in 'Realm', 'ServiceName', 'ClientAuthorizationOAuthServerIdentity', 'ExchangeAutodiscoverAllowedDomains', 'ExchangeAutodiscoverUrl') {
      if ($PSBoundParameters.ContainsKey($n) -and (Update-LabSkypeMember $config $n ([string]$PSBoundParameters[$n]))) { $changed = $true }
    }
    if (-not $PSCmdlet.ShouldProcess('Global', 'Set-CsOAuthConfiguration')) { return }
    if ($changed) { Save-LabObject $PSCmdlet $section 'replace' $i $config 'Global' }
  } finally {
    $entered[0].Dispose()
  }
}

#endregion

#region certificates

$script:CertTypes = @('Default', 'WebServicesInternal', 'WebServicesExternal', 'Internal', 'External', 'AccessEdgeExternal', 'DataEdgeExternal', 'AudioVideoAuthentication', 'XmppServer', 'iPhoneAPNService', 'iPadAPNService', 'MPNService', 'PICWebService', 'ProvisionService', 'WsFedTokenTransfer', 'OAuthTokenIssuer')

# The Front End servers: the computers of the pools running the Front End's user services (a 'UserServer:' service
# of Get-CsPool), and any computer already holding an OAuthTokenIssuer certificate.
function Get-LabFrontEndComputers {
  $out = New-Object 'System.Collections.Generic.List[string]'
  foreach ($pool in $script:Store.MaterializeRaw('skype.pools', $script:Store.All('skype.pools'))) {
    $services = @($pool.PSObject.Properties['Services'].Value | Where-Object { $_ })
    if (@($services | Where-Object { ([string]$_).StartsWith('UserServer:', [System.StringComparison]::OrdinalIgnoreCase) }).Count -eq 0) { continue }
    foreach ($c in @($pool.PSObject.Properties['Computers'].Value | Where-Object { $_ })) { if (-not (Test-LabContains $out ([string]$c))) { $out.Add([string]$c) } }
  }
  foreach ($c in $script:Store.MaterializeRaw('skype.certificates', $script:Store.All('skype.certificates'))) {
    $computer = Get-LabStringProperty $c 'PSComputerName'
    if ((Get-LabStringProperty $c 'Use') -eq 'OAuthTokenIssuer' -and $computer -and -not (Test-LabContains $out $computer)) { $out.Add($computer) }
  }
  return , $out.ToArray()
}

<#
  Set-CsCertificate -Thumbprint <t> -Type <CertType[]> [-Identity Global] (its reference page, parameter set
  Thumbprint): "you can only assign certificates that have already been configured for use with Skype for Business
  Server. To identify certificates available for assignment, use the Get-CsCertificate cmdlet" -- so the thumbprint
  must be one of the local computer's certificates (the session's Front End), or, for OAuthTokenIssuer, a global one
  (Get-CsCertificate -Identity Global). A type is assigned on the local computer, except OAuthTokenIssuer: "the same
  certificate must be configured as the OAuthTokenIssuer certificate on all of your Front End Servers" and
  "Lync Server's replication service will then automatically ... deploy the certificate to all your Front End
  Servers" (Assign a server-to-server authentication certificate,
  https://learn.microsoft.com/skypeforbusiness/manage/authentication/assign-a-server-to-server-certificate), and
  -Identity Global: "Global certificates will automatically be copied and distributed to the appropriate computers".
  The lab writes the replicated result at once: the certificate as OAuthTokenIssuer on every Front End.
  -Roll without -EffectiveDate fails ("your command will fail if you specify the Roll parameter without including the
  EffectiveDate parameter"); a staged roll is not imitated. OUTPUTS: none.
#>
function Set-CsCertificate {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Thumbprint')]
  param(
    [Parameter(ParameterSetName = 'Thumbprint', Mandatory = $true)][string]$Thumbprint,
    [string[]]$Type,
    [string]$Identity,
    [Alias('EffectiveTime')][datetime]$EffectiveDate,
    [switch]$Roll,
    [switch]$Force,
    [string]$Report
  )
  $section = 'skype.certificates'
  $types = @(foreach ($t in @($Type | Where-Object { $_ })) { foreach ($part in ([string]$t).Split([char]',')) { if ($part.Trim()) { ConvertTo-LabSkypeEnum $PSCmdlet 'Type' $part 'Microsoft.Rtc.Management.Deployment.CertType' $script:CertTypes } } })
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    if ($types.Count -eq 0) { Stop-LabSkypeInvalid $PSCmdlet 'TypeRequired' 'Specify what the certificate is assigned to with -Type (for example -Type OAuthTokenIssuer).' $Thumbprint }
    if ($Roll -and -not $PSBoundParameters.ContainsKey('EffectiveDate')) { Stop-LabSkypeInvalid $PSCmdlet 'RollWithoutEffectiveDate' 'The Roll parameter needs the EffectiveDate parameter: the date and time when the new certificate becomes the primary certificate.' $Thumbprint }
    if ($Roll) {
      $ex = New-Object System.NotSupportedException -ArgumentList 'The lab endpoint does not imitate a staged certificate roll (-Roll -EffectiveDate): assign the certificate without -Roll.'
      $PSCmdlet.ThrowTerminatingError((New-LabErrorRecord $ex 'UmcLabEndpoint.NotImitated' ([System.Management.Automation.ErrorCategory]::NotImplemented) 'Roll'))
    }
    $global = $PSBoundParameters.ContainsKey('Identity')
    if ($global -and -not [string]::Equals($Identity, 'Global', [System.StringComparison]::OrdinalIgnoreCase)) { Stop-LabSkypeNotFound $PSCmdlet 'Certificate' $Identity }
    $local = $script:Profile.SkypeSessionServer
    $all = @($script:Store.MaterializeRaw($section, $script:Store.All($section)))
    $source = $null
    foreach ($c in $all) {
      if (-not (Test-LabSameName (Get-LabStringProperty $c 'Thumbprint') $Thumbprint.Trim())) { continue }
      $onLocal = Test-LabSameName (Get-LabStringProperty $c 'PSComputerName') $local
      $isGlobal = (Get-LabStringProperty $c 'Use') -eq 'OAuthTokenIssuer' -and $types -contains 'OAuthTokenIssuer'
      if ($onLocal -or $isGlobal) { $source = $c; break }
    }
    if ($null -eq $source) {
      $msg = 'Cannot find a certificate with thumbprint "{0}" among the certificates configured on "{1}" (Get-CsCertificate). Import it first (Import-CsCertificate), then assign it.' -f $Thumbprint, $local
      Stop-LabWrite $PSCmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $msg) 'CertificateNotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Thumbprint
    }
    if ($global -and @($types | Where-Object { $_ -ne 'OAuthTokenIssuer' }).Count -gt 0) {
      Stop-LabSkypeInvalid $PSCmdlet 'NotGlobalType' 'The lab endpoint holds only OAuthTokenIssuer certificates at the global scope: assign the other types without -Identity Global (on the local computer).' 'Global'
    }
    # One change per (computer, use): replace the entry that computer has for that use, else add one.
    $changes = New-Object 'System.Collections.Generic.List[object]'
    foreach ($use in $types) {
      $computers = @($local)
      if ($use -eq 'OAuthTokenIssuer') { $computers = Get-LabFrontEndComputers }
      foreach ($computer in $computers) {
        $index = -1
        for ($k = 0; $k -lt $all.Length; $k++) {
          if ((Test-LabSameName (Get-LabStringProperty $all[$k] 'PSComputerName') $computer) -and (Get-LabStringProperty $all[$k] 'Use') -eq $use) { $index = $k; break }
        }
        if ($index -ge 0 -and (Test-LabSameName (Get-LabStringProperty $all[$index] 'Thumbprint') (Get-LabStringProperty $source 'Thumbprint'))) { continue }
        $copy = Get-LabSkypeCopy $section ([array]::IndexOf($all, $source))
        Set-LabProperty $copy 'Use' $use
        Set-LabProperty $copy 'PSComputerName' $computer
        if ($index -ge 0) { $changes.Add([pscustomobject]@{ Op = 'replace'; Index = $index; Object = $copy }) }
        else { $changes.Add([pscustomobject]@{ Op = 'insert'; Index = -1; Object = $copy }) }
      }
    }
    if (-not $PSCmdlet.ShouldProcess((Get-LabStringProperty $source 'Thumbprint'), ('Set-CsCertificate -Type {0}' -f [string]::Join(',', $types)))) { return }
    if ($changes.Count -gt 0) { Save-LabSkypeObjects $PSCmdlet $section $changes.ToArray() $Thumbprint }
  } finally {
    $entered[0].Dispose()
  }
}

#endregion

#region partner applications

$script:TrustLevels = @('Full', 'Application', 'User')
# Exchange's well-known application identifier (its partner application's ApplicationIdentifier).
$script:ExchangeApplicationId = '00000002-0000-0ff1-ce00-000000000000'

<#
  New-CsPartnerApplication (its reference page): four parameter sets -- MetadataUrl; UseOAuthServer and the two
  certificate sets, which need -ApplicationIdentifier ("You cannot use the ApplicationIdentifier parameter and the
  MetadataUrl parameter in the same command"); -ApplicationTrustLevel Full | Application | User is required in each;
  -Enabled defaults to True, -AcceptSecurityIdentifierInformation to False. The certificate data is input only: no
  member of Get-CsPartnerApplication holds it. The lab fetches no metadata: the application identifier of a metadata
  URL is Exchange's well-known one when the URL is Exchange's autodiscover metadata document
  (https://<host>/autodiscover/metadata/json/1), else empty. OUTPUTS: the new PartnerApplication#Decorated.
#>
function New-CsPartnerApplication {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Position = 2)][string]$Identity,
    [Parameter(ParameterSetName = 'UseOAuthServer', Mandatory = $true)]
    [Parameter(ParameterSetName = 'CertificateFileData', Mandatory = $true)]
    [Parameter(ParameterSetName = 'CertificateRawData', Mandatory = $true)][string]$ApplicationIdentifier,
    [Parameter(Mandatory = $true)][string]$ApplicationTrustLevel,
    [Parameter(ParameterSetName = 'UseOAuthServer', Mandatory = $true)][switch]$UseOAuthServer,
    [Parameter(ParameterSetName = 'CertificateFileData', Mandatory = $true)][string]$CertificateFileData,
    [Parameter(ParameterSetName = 'CertificateRawData', Mandatory = $true)][string]$CertificateRawData,
    [Parameter(ParameterSetName = 'MetadataUrl', Mandatory = $true)][string]$MetadataUrl,
    [Parameter(ParameterSetName = 'UseOAuthServer')]
    [Parameter(ParameterSetName = 'CertificateFileData', Mandatory = $true)]
    [Parameter(ParameterSetName = 'CertificateRawData', Mandatory = $true)][string]$Realm,
    [bool]$AcceptSecurityIdentifierInformation = $false,
    [bool]$Enabled = $true,
    [switch]$Force,
    [switch]$InMemory,
    [guid]$Tenant
  )
  $section = 'skype.partnerApplications'
  $trust = ConvertTo-LabSkypeEnum $PSCmdlet 'ApplicationTrustLevel' $ApplicationTrustLevel 'ApplicationTrustLevel' $script:TrustLevels
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    if ([string]::IsNullOrWhiteSpace($Identity)) { Stop-LabSkypeInvalid $PSCmdlet 'InvalidIdentity' 'Specify the new partner application''s Identity (for example -Identity Exchange).' $Identity }
    if ((Find-LabSkypeObject $section @($Identity)) -ge 0) { Stop-LabSkypeExists $PSCmdlet 'PartnerApplication' $Identity }
    $appId = $ApplicationIdentifier
    $url = $null
    if ($PSCmdlet.ParameterSetName -eq 'MetadataUrl') {
      $uri = $null
      if (-not [uri]::TryCreate($MetadataUrl, [System.UriKind]::Absolute, [ref]$uri) -or ($uri.Scheme -ne 'https' -and $uri.Scheme -ne 'http')) {
        Stop-LabSkypeInvalid $PSCmdlet 'InvalidMetadataUrl' ('The metadata URL "{0}" is not an absolute http or https URL.' -f $MetadataUrl) $MetadataUrl
      }
      $url = $MetadataUrl
      $appId = $(if ($uri.AbsolutePath -match '^(?i)/autodiscover/metadata/json/1$') { $script:ExchangeApplicationId } else { '' })
    }
    $values = [ordered]@{
      Identity = $Identity; AuthToken = 'Value'; ApplicationIdentifier = $appId; Realm = [string]$Realm; ApplicationTrustLevel = $trust
      AcceptSecurityIdentifierInformation = [bool]$AcceptSecurityIdentifierInformation; Enabled = [bool]$Enabled; MetadataUrl = $url
    }
    $app = New-LabSkypeObject $section $values @('Identity', 'AuthToken', 'ApplicationIdentifier', 'Realm', 'ApplicationTrustLevel', 'AcceptSecurityIdentifierInformation', 'Enabled', 'MetadataUrl')
    if ($InMemory) { $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet $section @($app)), $true); return }
    if (-not $PSCmdlet.ShouldProcess($Identity, 'New-CsPartnerApplication')) { return }
    Save-LabObject $PSCmdlet $section 'insert' -1 $app $Identity
    Write-LabSkypeObject $PSCmdlet $section ($script:Store.Count($section) - 1)
  } finally {
    $entered[0].Dispose()
  }
}

<#
  Set-CsPartnerApplication (its reference page): the Identity set changes -ApplicationTrustLevel, -Enabled,
  -AcceptSecurityIdentifierInformation; the MetadataUrl set also the metadata URL. (The certificate and OAuth-server
  sets are not imitated: they are not parameters here.) OUTPUTS: none.
#>
function Set-CsPartnerApplication {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(Mandatory = $true, Position = 2)][string]$Identity,
    [Parameter(ParameterSetName = 'MetadataUrl', Mandatory = $true)][string]$MetadataUrl,
    [string]$ApplicationTrustLevel,
    [bool]$AcceptSecurityIdentifierInformation,
    [bool]$Enabled,
    [switch]$Force,
    [guid]$Tenant
  )
  $section = 'skype.partnerApplications'
  if ($PSBoundParameters.ContainsKey('ApplicationTrustLevel')) { $ApplicationTrustLevel = ConvertTo-LabSkypeEnum $PSCmdlet 'ApplicationTrustLevel' $ApplicationTrustLevel 'ApplicationTrustLevel' $script:TrustLevels }
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    $i = Find-LabSkypeObject $section @($Identity)
    if ($i -lt 0) { Stop-LabSkypeNotFound $PSCmdlet 'PartnerApplication' $Identity }
    $app = Get-LabSkypeCopy $section $i
    $changed = $false
    if ($PSBoundParameters.ContainsKey('MetadataUrl')) {
      $uri = $null
      if (-not [uri]::TryCreate($MetadataUrl, [System.UriKind]::Absolute, [ref]$uri) -or ($uri.Scheme -ne 'https' -and $uri.Scheme -ne 'http')) {
        Stop-LabSkypeInvalid $PSCmdlet 'InvalidMetadataUrl' ('The metadata URL "{0}" is not an absolute http or https URL.' -f $MetadataUrl) $MetadataUrl
      }
      if (Update-LabSkypeMember $app 'MetadataUrl' $MetadataUrl) { $changed = $true }
    }
    if ($PSBoundParameters.ContainsKey('ApplicationTrustLevel') -and (Update-LabSkypeMember $app 'ApplicationTrustLevel' $ApplicationTrustLevel)) { $changed = $true }
    foreach ($n in 'AcceptSecurityIdentifierInformation', 'Enabled') {
      if ($PSBoundParameters.ContainsKey($n) -and (Update-LabSkypeMember $app $n ([bool]$PSBoundParameters[$n]))) { $changed = $true }
    }
    $target = Get-LabStringProperty $app 'Identity'
    if (-not $PSCmdlet.ShouldProcess($target, 'Set-CsPartnerApplication')) { return }
    if ($changed) { Save-LabObject $PSCmdlet $section 'replace' $i $app $target }
  } finally {
    $entered[0].Dispose()
  }
}

#endregion

#region dial plans

# New-CsDialPlan -SimpleName: "up to 256 characters long. Valid characters are alphabetic or numeric characters,
# hyphen (-), dot (.), plus (+), underscore (_), and parentheses (())"; -ExternalAccessPrefix "must match the regular
# expression [0-9]{1,4}"; -Description and -DialinConferencingRegion "Maximum characters: 512".
$script:SimpleNamePattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @('^[A-Za-z0-9\-.+_()]{1,256}$', [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)
$script:AccessPrefixPattern = New-Object System.Text.RegularExpressions.Regex -ArgumentList @('^[0-9]{1,4}$', [System.Text.RegularExpressions.RegexOptions]::CultureInvariant)
# "Creating a dial plan automatically creates a default voice normalization rule": the page's default, printed as
# Get-CsDialPlan prints a rule.
$script:DefaultNormalizationRule = 'Description=;Pattern=^(\d11)$;Translation=+$1;Name=Prefix All;IsInternalExtension=False'

<#
  New-CsDialPlan (its reference page): -Identity is site:<site>, a Registrar or PSTN gateway service
  (Registrar:<fqdn>), or "a per-user Identity ... entered simply as a unique string value" (Get-CsDialPlan prints a
  per-user dial plan's Identity as that name, as the lab org's do). -SimpleName "must be unique among all dial plans";
  its default is the site's name, "Registrar_<fqdn>" for a service, the Identity for a per-user dial plan.
  -OptimizeDeviceDialing "can be set to True only if a value has been specified for the ExternalAccessPrefix
  parameter". OUTPUTS: the new LocationProfile; -InMemory returns it without saving it.
#>
function New-CsDialPlan {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 2)][string]$Identity,
    [AllowEmptyString()][string]$Description,
    [AllowEmptyString()][string]$DialinConferencingRegion,
    [AllowEmptyString()][string]$ExternalAccessPrefix,
    [bool]$OptimizeDeviceDialing = $false,
    [string]$SimpleName,
    [AllowEmptyString()][string]$State,
    [AllowEmptyString()][string]$City,
    [AllowEmptyString()][string]$CountryCode,
    [switch]$Force,
    [switch]$InMemory
  )
  $section = 'skype.dialPlans'
  $entered = Enter-LabWrite $PSCmdlet -Role $script:SkypeServerRole
  try {
    $id = $Identity.Trim()
    $text = $null
    $defaultName = $null
    if ($id -match '^(?i)global$') { Stop-LabSkypeExists $PSCmdlet 'DialPlan' 'Global' }
    elseif ($id -match '^(?i)site:(.+)$') {
      $text = Resolve-LabSkypeSite $Matches[1]
      if ($null -eq $text) { Stop-LabSkypeNotFound $PSCmdlet 'Site' ('Site:' + $Matches[1]) }
      $defaultName = $text.Substring(5)
    } elseif ($id -match '^(?i)(?:service:)?(Registrar|PstnGateway):(.+)$') {
      $serviceName = $Matches[1] + ':' + $Matches[2]
      $serviceSection = $(if ($serviceName -match '^(?i)registrar:') { 'skype.registrars' } else { 'skype.pstnGateways' })
      $s = $script:Store.Find($serviceSection, [string[]]@('Identity'), [string[]]@($serviceName))
      if ($s.Length -eq 0) { Stop-LabSkypeNotFound $PSCmdlet 'Service' $serviceName }
      $service = [string]$script:Store.Key($serviceSection, $s[0], 'Identity')
      $text = 'Service:' + $service
      $defaultName = $service.Replace(':', '_')
    } elseif ($id -match '^(?i)service:') {
      Stop-LabSkypeInvalid $PSCmdlet 'InvalidScope' ('"{0}": a dial plan at the service scope must be a Registrar or PSTN gateway service.' -f $Identity) $Identity
    } else {
      $text = $(if ($id -match '^(?i)tag:(.+)$') { $Matches[1] } else { $id })
      if (-not $text) { Stop-LabSkypeInvalid $PSCmdlet 'InvalidIdentity' 'A per-user dial plan needs a name.' $Identity }
      $defaultName = $text
    }
    if ((Find-LabSkypeObject $section @($text, ('Tag:' + $text))) -ge 0) { Stop-LabSkypeExists $PSCmdlet 'DialPlan' $text }
    $name = $(if ($PSBoundParameters.ContainsKey('SimpleName')) { $SimpleName } else { $defaultName })
    if (-not $script:SimpleNamePattern.IsMatch([string]$name)) {
      Stop-LabSkypeInvalid $PSCmdlet 'InvalidSimpleName' ('The simple name "{0}" is not valid: 1 to 256 letters, digits, hyphens, dots, plus signs, underscores and parentheses.' -f $name) $name
    }
    foreach ($d in $script:Store.MaterializeRaw($section, $script:Store.All($section))) {
      if (Test-LabSameName (Get-LabStringProperty $d 'SimpleName') $name) {
        $msg = 'The simple name "{0}" is already used by the dial plan "{1}": a simple name must be unique among all dial plans.' -f $name, (Get-LabStringProperty $d 'Identity')
        Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $msg) 'SimpleNameInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $name
      }
    }
    foreach ($pair in @(@('Description', $Description), @('DialinConferencingRegion', $DialinConferencingRegion))) {
      if (([string]$pair[1]).Length -gt 512) { Stop-LabSkypeInvalid $PSCmdlet 'ValueTooLong' ('{0} is {1} characters long; the maximum is 512.' -f $pair[0], ([string]$pair[1]).Length) $pair[0] }
    }
    if ($ExternalAccessPrefix -and -not $script:AccessPrefixPattern.IsMatch($ExternalAccessPrefix)) {
      Stop-LabSkypeInvalid $PSCmdlet 'InvalidExternalAccessPrefix' ('The external access prefix "{0}" is not valid: one to four digits.' -f $ExternalAccessPrefix) $ExternalAccessPrefix
    }
    if ($OptimizeDeviceDialing -and -not $ExternalAccessPrefix) {
      Stop-LabSkypeInvalid $PSCmdlet 'NoExternalAccessPrefix' 'OptimizeDeviceDialing can be True only when the dial plan has an ExternalAccessPrefix.' 'OptimizeDeviceDialing'
    }
    $values = [ordered]@{
      Identity = $text; Description = [string]$Description; DialinConferencingRegion = [string]$DialinConferencingRegion
      NormalizationRules = [object[]]@($script:DefaultNormalizationRule); CountryCode = [string]$CountryCode; State = [string]$State; City = [string]$City
      ExternalAccessPrefix = [string]$ExternalAccessPrefix; SimpleName = $name; OptimizeDeviceDialing = [bool]$OptimizeDeviceDialing
    }
    $plan = New-LabSkypeObject $section $values @('Identity', 'Description', 'DialinConferencingRegion', 'NormalizationRules', 'CountryCode', 'State', 'City', 'ExternalAccessPrefix', 'SimpleName', 'OptimizeDeviceDialing')
    if ($InMemory) { $PSCmdlet.WriteObject((ConvertTo-LabShape $PSCmdlet $section @($plan)), $true); return }
    if (-not $PSCmdlet.ShouldProcess($text, 'New-CsDialPlan')) { return }
    Save-LabObject $PSCmdlet $section 'insert' -1 $plan $text
    Write-LabSkypeObject $PSCmdlet $section ($script:Store.Count($section) - 1)
  } finally {
    $entered[0].Dispose()
  }
}

#endregion
