# The Exchange configuration writes of the lab endpoint (dot-sourced by UmcLabEndpoint.psm1: the
# module's internals are in scope). Each cmdlet imitates Microsoft's cmdlet reference: its parameters,
# what it changes, its errors (docs/lab-endpoint.md, "Configuration writes - Exchange").
#
# Common to every cmdlet here:
#   - Enter-LabWrite: initialized, faults, -Writable, the operator in one of the cmdlet's role groups (the
#     groups shared/powershell/cmdlet-reference.ts gives: Organization Management or UM Management for the UM
#     configuration, Recipient Management too for the UM mailboxes, Server Management for certificates and
#     Client Access settings, Organization Management alone for Add-ADPermission), the writers' lock;
#   - an -Identity (or -UMDialPlan, -UMIPGateway, -Server ...) that names nothing: the cmdlet's terminating
#     '<Cmdlet>.NotFound' error, ObjectNotFound, with Exchange's "The operation couldn't be performed because
#     object 'X' couldn't be found on '<DC>'." (the same record the Get- cmdlets write);
#   - an enum value the type does not have: PowerShell's ParameterArgumentTransformationError (the real
#     parameters are typed with Exchange's enums);
#   - SupportsShouldProcess: -WhatIf writes nothing (Remove-UMHuntGroup: ConfirmImpact High, as the reference
#     says destructive cmdlets ask);
#   - New-* answer the new object as its Get- cmdlet shows it; Set-*, Enable-*, Remove-* answer nothing, and a
#     Set- that changes nothing warns "The command completed successfully but no settings of 'X' have been modified.";
#   - each object is written as the file's other objects of its section are (their members, their order), with
#     the derived members kept consistent: a gateway's HuntGroups, a dial plan's UMIPGateway and UMMailboxPolicies,
#     a certificate's Services and the UM services' UMCertificateThumbprint, a UM-enabled mailbox's EUM addresses.
# No value is ever evaluated: names are compared and stored as data. ASCII only (see UmcLabEndpoint.psm1).

#region registration (which versions have each cmdlet / parameter: shared/powershell/cmdlet-reference.ts)

$script:ExchangeWriteVersions = [ordered]@{
  'New-UMDialPlan'             = $script:ExchangeUm
  'Set-UMDialPlan'             = $script:ExchangeUm
  'New-UMHuntGroup'            = $script:ExchangeUm
  'Remove-UMHuntGroup'         = $script:ExchangeUm
  'New-UMIPGateway'            = $script:ExchangeUm
  'Set-UMIPGateway'            = $script:ExchangeUm
  'Enable-UMIPGateway'         = $script:ExchangeUm
  'Set-UMService'              = @('Exchange2013', 'Exchange2016')
  'Set-UMServer'               = @('Exchange2010')
  'Set-UMCallRouterSettings'   = @('Exchange2013', 'Exchange2016')
  'Enable-ExchangeCertificate' = $script:ExchangeAll
  'Set-ClientAccessService'    = @('Exchange2016', 'Exchange2019')
  'Set-ClientAccessServer'     = $script:ExchangeAll
  'Add-ADPermission'           = $script:ExchangeAll
  'New-PartnerApplication'     = @('Exchange2013', 'Exchange2016', 'Exchange2019')
  'Enable-UMMailbox'           = $script:ExchangeUm
  'Set-UMMailbox'              = $script:ExchangeUm
}
foreach ($name in $script:ExchangeWriteVersions.Keys) { $script:CommandVersions[$name] = $script:ExchangeWriteVersions[$name] }
# Parameters only some versions have (each parameter's "Applicable:" line on the same pages).
$script:ParameterVersions['New-UMIPGateway'] = @{ IPAddressFamily = @('Exchange2013', 'Exchange2016'); GlobalCallRoutingScheme = @('Exchange2010') }
$script:ParameterVersions['Set-UMIPGateway'] = @{ IPAddressFamily = @('Exchange2013', 'Exchange2016') }
$script:ParameterVersions['Enable-ExchangeCertificate'] = @{ Identity = @('Exchange2013', 'Exchange2016', 'Exchange2019') }

$script:UmConfigRoles = @('Organization Management', 'UM Management')
$script:UmMailboxRoles = @('Organization Management', 'UM Management', 'Recipient Management')
$script:ServerConfigRoles = @('Organization Management', 'Server Management')
$script:OrgConfigRoles = @('Organization Management')

# Exchange's enums, their names in the order the SDK declares them (the transformation error lists them so).
$script:ExEnums = @{
  UMVoIPSecurityType      = @('SIPSecured', 'Unsecured', 'Secured')
  UMURIType               = @('TelExtn', 'E164', 'SipName')
  UMStartupMode           = @('TCP', 'TLS', 'Dual')
  GatewayStatus           = @('Enabled', 'Disabled', 'NoNewCalls')
  IPAddressFamily         = @('IPv4Only', 'IPv6Only', 'Any')
  UMGlobalCallRoutingScheme = @('None', 'E164', 'GatewayGuid', 'Reserved1', 'Reserved2', 'Reserved3')
  AllowedServices         = @('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter')
  ActiveDirectoryRights   = @('CreateChild', 'DeleteChild', 'ListChildren', 'Self', 'ReadProperty', 'WriteProperty', 'DeleteTree', 'ListObject', 'ExtendedRight', 'Delete', 'ReadControl', 'GenericExecute', 'GenericWrite', 'GenericRead', 'WriteDacl', 'WriteOwner', 'GenericAll', 'Synchronize', 'AccessSystemSecurity')
  ActiveDirectorySecurityInheritance = @('None', 'All', 'Descendents', 'SelfAndChildren', 'Children')
  UMSMSNotificationOptions = @('None', 'VoiceMail', 'VoiceMailAndMissedCalls')
  AllowUMCallsFromNonUsersFlags = @('None', 'SearchEnabled')
}
$script:ExEnumTypes = @{
  UMVoIPSecurityType = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMVoIPSecurityType'
  UMURIType = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMURIType'
  UMStartupMode = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMStartupMode'
  GatewayStatus = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.GatewayStatus'
  IPAddressFamily = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.IPAddressFamily'
  UMGlobalCallRoutingScheme = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.UMGlobalCallRoutingScheme'
  AllowedServices = 'Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices'
  ActiveDirectoryRights = 'System.DirectoryServices.ActiveDirectoryRights'
  ActiveDirectorySecurityInheritance = 'System.DirectoryServices.ActiveDirectorySecurityInheritance'
  UMSMSNotificationOptions = 'Microsoft.Exchange.Data.Directory.Recipient.UMSMSNotificationOptions'
  AllowUMCallsFromNonUsersFlags = 'Microsoft.Exchange.Data.Directory.Recipient.AllowUMCallsFromNonUsersFlags'
}

#endregion

#region helpers

# The first of the cmdlet's role groups the operator is in (else the first: Enter-LabWrite then refuses naming it).
function Enter-LabExWrite {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string[]]$Roles)
  $role = $Roles[0]
  if ($null -ne $script:Store) {
    $directory = Get-LabDirectory $Cmdlet
    foreach ($g in $Roles) { if (Test-LabOperatorIn $directory $g) { $role = $g; break } }
  }
  $entered = Enter-LabWrite $Cmdlet -Role $role
  return , $entered
}

# What PowerShell says when a value does not convert to the parameter's enum type.
function Stop-LabExEnum {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Parameter, [string]$Value, [string]$Enum, [string[]]$Names = $null)
  if ($null -eq $Names) { $Names = $script:ExEnums[$Enum] }
  $message = 'Cannot process argument transformation on parameter ''{0}''. Cannot convert value "{1}" to type "{2}". Error: "Unable to match the identifier name {1} to a valid enumerator name. Specify one of the following enumerator names and try again: {3}"' -f $Parameter, $Value, $script:ExEnumTypes[$Enum], [string]::Join(', ', $Names)
  $ex = New-Object System.Management.Automation.ParameterBindingException -ArgumentList $message
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex ('ParameterArgumentTransformationError,' + $Cmdlet.MyInvocation.MyCommand.Name) ([System.Management.Automation.ErrorCategory]::InvalidData) $null))
}

# One enum value, case-insensitive as .NET parses it; returns the name as the enum spells it.
function ConvertTo-LabExEnum {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Parameter, [string]$Value, [string]$Enum, [string[]]$Names = $null)
  if ($null -eq $Names) { $Names = $script:ExEnums[$Enum] }
  foreach ($n in $Names) { if ([string]::Equals($n, ([string]$Value).Trim(), [System.StringComparison]::OrdinalIgnoreCase)) { return $n } }
  Stop-LabExEnum $Cmdlet $Parameter $Value $Enum $Names
}

# A [Flags] value given as "A, B" or as a list: the names, each once, in the enum's order.
function ConvertTo-LabExFlags {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Parameter, [object]$Value, [string]$Enum, [string[]]$Names = $null)
  if ($null -eq $Names) { $Names = $script:ExEnums[$Enum] }
  $wanted = @{}
  foreach ($item in @($Value)) {
    foreach ($part in ([string]$item).Split([char]',')) {
      if ([string]::IsNullOrWhiteSpace($part)) { continue }
      $wanted[(ConvertTo-LabExEnum $Cmdlet $Parameter $part $Enum $Names)] = $true
    }
  }
  return , [string[]]@($Names | Where-Object { $wanted.ContainsKey($_) })
}

function Stop-LabExNotFound {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $message = "The operation couldn't be performed because object '{0}' couldn't be found on '{1}'." -f $Identity, $script:DcName
  Stop-LabWrite $Cmdlet (New-Object System.Management.Automation.ItemNotFoundException -ArgumentList $message) 'NotFound' ([System.Management.Automation.ErrorCategory]::ObjectNotFound) $Identity
}

# The index of the one object of a section an identity names (its key properties: Identity, Name ...), or the
# cmdlet's NotFound / AmbiguousIdentity error.
function Resolve-LabExObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [string]$Identity, [string[]]$Props = $null)
  $hits = @($script:Store.Find($Section, $Props, [string[]]@($Identity)) | Where-Object { Test-LabVisible $Section $_ })
  if ($hits.Count -eq 0) { Stop-LabExNotFound $Cmdlet $Identity }
  if ($hits.Count -gt 1) {
    $message = "The operation couldn't be performed because '{0}' matches multiple entries." -f $Identity
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'AmbiguousIdentity' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Identity
  }
  return [int]$hits[0]
}

# The server names -Identity / -Server may give for a server: its Name, and its FQDN (Resolve-LabServer).
function Resolve-LabExServerObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [string]$Server)
  $hits = @($script:Store.Find($Section, [string[]]@('Identity', 'Name'), [string[]](Resolve-LabServer $Server)) | Where-Object { Test-LabVisible $Section $_ })
  if ($hits.Count -eq 0) { Stop-LabExNotFound $Cmdlet $Server }
  return [int]$hits[0]
}

function Get-LabExCopy {
  param([string]$Section, [int]$Index)
  return @($script:Store.MaterializeRaw($Section, [int[]]@($Index)))[0]
}

function Get-LabExNow { return '/Date(' + [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() + ')/' }

# The value of a member of a file object as a list of strings (empty when absent or null).
function Get-LabExList {
  param([object]$Object, [string]$Name)
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p -or $null -eq $p.Value) { return , [string[]]@() }
  return , [string[]]@(@($p.Value) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
}

function Test-LabExInList {
  param([string[]]$List, [string]$Value)
  foreach ($x in $List) { if ([string]::Equals($x, $Value, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

# An RDN value escaped as RFC 4514 and AD require (a name with a comma or a quote stays one RDN).
function ConvertTo-LabExRdnValue {
  param([string]$Value)
  $sb = New-Object System.Text.StringBuilder
  for ($i = 0; $i -lt $Value.Length; $i++) {
    $c = $Value[$i]
    if ('\,+"<>;='.IndexOf($c) -ge 0 -or ($i -eq 0 -and ($c -eq '#' -or $c -eq ' ')) -or ($i -eq $Value.Length - 1 -and $c -eq ' ')) { [void]$sb.Append('\') }
    [void]$sb.Append($c)
  }
  return $sb.ToString()
}

# The distinguished name of a new configuration object: the container the section's objects live in (from the
# DN of one of them, else the UM container under the organization), with the new name as its first RDN.
function Get-LabExNewDn {
  param([string]$Section, [string]$Name, [string]$Container, [string]$Parent = $null)
  $rdn = 'CN=' + (ConvertTo-LabExRdnValue $Name)
  if ($Parent) { return $rdn + ',' + $Parent }
  if ($script:Store.Count($Section) -gt 0) {
    $dn = Get-LabStringProperty (Get-LabExCopy $Section 0) 'DistinguishedName'
    if ($dn) {
      $rdns = Split-LabDn $dn
      if ($rdns.Length -gt 1) { return $rdn + ',' + [string]::Join(',', $rdns[1..($rdns.Length - 1)]) }
    }
  }
  $org = 'First Organization'
  if ($script:Store.Count('exchange.organization') -gt 0) { $o = Get-LabStringProperty (Get-LabExCopy 'exchange.organization' 0) 'Name'; if ($o) { $org = $o } }
  return '{0},CN={1},CN={2},CN=Microsoft Exchange,CN=Services,CN=Configuration,{3}' -f $rdn, $Container, (ConvertTo-LabExRdnValue $org), $script:DomainDn
}

# The DNS name of the AD domain (the DC= parts of the lab directory's domain).
function Get-LabExDnsDomain {
  $rdns = Split-LabDn $script:DomainDn
  return [string]::Join('.', @(foreach ($r in $rdns) { Get-LabRdnValue $r }))
}

<#
  A new object of a section, laid out as the file's objects of that section are (their members in their order, the
  values given, null for the others); without such an object, the members of $Default in that order. The AD envelope
  (Guid, ObjectCategory, ExchangeVersion, dates, IsValid, ObjectState) is filled where the layout has it, in the forms
  the file holds (a "/Date(ms)/" date, an ObjectCategory under the schema of the domain).
#>
function New-LabExObject {
  param([string]$Section, [System.Collections.IDictionary]$Values, [string[]]$Default, [string]$Category = $null)
  $names = $Default
  if ($script:Store.Count($Section) -gt 0) { $names = @((Get-LabExCopy $Section 0).PSObject.Properties | ForEach-Object { $_.Name }) }
  $now = Get-LabExNow
  $envelope = @{
    Guid = [guid]::NewGuid().ToString(); ExchangeVersion = '0.10 (14.0.100.0)'; WhenChanged = $now; WhenCreated = $now
    IsValid = $true; ObjectState = 'Unchanged'
  }
  if ($Category) { $envelope['ObjectCategory'] = (Get-LabExDnsDomain) + '/Configuration/Schema/' + $Category }
  $remoting = [ordered]@{}
  Add-LabRemotingProperties $remoting $Section
  if ($remoting.Count -eq 0) { Add-LabRemotingProperties $remoting 'exchange.servers' }
  $o = [ordered]@{}
  foreach ($n in $names) {
    if ($Values.Contains($n)) { $o[$n] = $Values[$n] }
    elseif ($envelope.ContainsKey($n)) { $o[$n] = $envelope[$n] }
    elseif ($remoting.Contains($n)) { $o[$n] = $remoting[$n] }
    else { $o[$n] = $null }
  }
  # Members the cmdlet sets that the file's layout lacks are kept (after the others).
  foreach ($k in $Values.Keys) { if (-not $o.Contains($k)) { $o[$k] = $Values[$k] } }
  return [pscustomobject]$o
}

# A changed member of a file object: sets it and says whether the value differs (strings ordinal, lists in order).
function Update-LabExMember {
  param([object]$Object, [string]$Name, [object]$Value)
  $p = $Object.PSObject.Properties[$Name]
  $old = $null
  if ($null -ne $p) { $old = $p.Value }
  $same = $false
  if ($null -eq $old -and $null -eq $Value) { $same = $true }
  elseif ($null -ne $old -and $null -ne $Value) {
    $oldList = $old -is [System.Collections.IList]
    $newList = $Value -is [System.Collections.IList]
    if ($oldList -or $newList) {
      $a = [string[]]@($old | ForEach-Object { [string]$_ }); $b = [string[]]@($Value | ForEach-Object { [string]$_ })
      $same = $oldList -and $newList -and ($a.Length -eq $b.Length) -and ([string]::Join([string][char]0, $a) -ceq [string]::Join([string][char]0, $b))
    } elseif ($Value -is [bool] -or $old -is [bool]) { $same = ($old -is [bool]) -and ($Value -is [bool]) -and ($old -eq $Value) }
    else {
      $oldNumber = $old -is [int] -or $old -is [long]
      $newNumber = $Value -is [int] -or $Value -is [long]
      $same = ($oldNumber -eq $newNumber) -and (([string]$old) -ceq ([string]$Value))
    }
  }
  if ($same) { return $false }
  Set-LabProperty $Object $Name $Value
  return $true
}

# Saves a changed object (and its new WhenChanged), or warns as Exchange does when nothing changed.
function Save-LabExChange {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [int]$Index, [object]$Object, [bool]$Changed, [string]$Identity)
  if (-not $Changed) {
    $Cmdlet.WriteWarning(("The command completed successfully but no settings of '{0}' have been modified." -f $Identity))
    return
  }
  if ($null -ne $Object.PSObject.Properties['WhenChanged']) { Set-LabProperty $Object 'WhenChanged' (Get-LabExNow) }
  Save-LabObject $Cmdlet $Section 'replace' $Index $Object $Identity
  Update-LabProfileData
}

function Add-LabExObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [object]$Object, [string]$Target)
  Save-LabObject $Cmdlet $Section 'insert' -1 $Object $Target
  Update-LabProfileData
  return $script:Store.Count($Section) - 1
}

function Write-LabExObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [int]$Index)
  $Cmdlet.WriteObject((ConvertTo-LabShape $Cmdlet $Section (Get-LabSectionData $Section ([int[]]@($Index)))), $true)
}

# "The length of the property is too long ..." (Exchange's property validation) for names limited to 64 characters.
function Assert-LabExLength {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Parameter, [string]$Value, [int]$Max)
  if ($Value.Length -le $Max) { return }
  $message = 'The length of the property is too long. The maximum length is {0} and the length of the value provided is {1}.' -f $Max, $Value.Length
  Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $message) 'PropertyTooLong' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Value
}

# A name already taken in its container: Active Directory refuses a second object with the same DN.
function Stop-LabExExists {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Dn, [string]$Name)
  $message = "Active Directory operation failed on {0}. The object '{1}' already exists." -f $script:DcName, $Dn
  Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'AlreadyExists' ([System.Management.Automation.ErrorCategory]::ResourceExists) $Name
}

# A MultiValuedProperty argument: a value or list replaces the whole list; @{Add=...; Remove=...} changes it.
function Get-LabExMultiValue {
  param([object]$Value, [string[]]$Current)
  if ($null -eq $Value) { return , [string[]]@() }
  if ($Value -is [System.Collections.IDictionary]) {
    $list = New-Object 'System.Collections.Generic.List[string]'
    foreach ($x in $Current) { $list.Add($x) }
    foreach ($k in $Value.Keys) {
      $op = [string]$k
      foreach ($v in @($Value[$k])) {
        if ($null -eq $v) { continue }
        $s = [string]$v
        if ($op -ieq 'Add') { if (-not (Test-LabExInList $list.ToArray() $s)) { $list.Add($s) } }
        elseif ($op -ieq 'Remove') { for ($i = $list.Count - 1; $i -ge 0; $i--) { if ([string]::Equals($list[$i], $s, [System.StringComparison]::OrdinalIgnoreCase)) { $list.RemoveAt($i) } } }
        else { throw ('The hash table of a multivalued property holds only Add and Remove keys, not "{0}".' -f $op) }
      }
    }
    return , $list.ToArray()
  }
  return , [string[]]@(@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
}

#endregion

#region UM dial plans

<#
  New-UMDialPlan (2010-2016): -Name (64 characters at most), -CountryOrRegionCode, -NumberOfDigitsInExtension (1 through
  20), -URIType (TelExtn by default), -VoIPSecurity (Unsecured by default), -AccessTelephoneNumbers, -DefaultLanguage,
  -FaxEnabled (true by default), -GenerateUMMailboxPolicy (true by default: the "<name> Default Policy" UM mailbox
  policy is created with it). The dial plan's phone context is "<name>.<domain>", as the file's others are.
  https://learn.microsoft.com/powershell/module/exchange/new-umdialplan
#>
function New-UMDialPlan {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Name,
    [Parameter(Mandatory = $true)][string]$CountryOrRegionCode,
    [Parameter(Mandatory = $true)][int]$NumberOfDigitsInExtension,
    [string[]]$AccessTelephoneNumbers,
    [string]$DefaultLanguage,
    [bool]$FaxEnabled = $true,
    [bool]$GenerateUMMailboxPolicy = $true,
    [string]$URIType = 'TelExtn',
    [string]$VoIPSecurity = 'Unsecured',
    [string]$DomainController
  )
  $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
  try {
    $uri = ConvertTo-LabExEnum $PSCmdlet 'URIType' $URIType 'UMURIType'
    $security = ConvertTo-LabExEnum $PSCmdlet 'VoIPSecurity' $VoIPSecurity 'UMVoIPSecurityType'
    Assert-LabExLength $PSCmdlet 'Name' $Name 64
    if ($NumberOfDigitsInExtension -lt 1 -or $NumberOfDigitsInExtension -gt 20) {
      $message = 'The value {0} of NumberOfDigitsInExtension is out of range: it must be from 1 through 20.' -f $NumberOfDigitsInExtension
      Stop-LabWrite $PSCmdlet (New-Object System.ArgumentOutOfRangeException -ArgumentList 'NumberOfDigitsInExtension', $message) 'OutOfRange' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $NumberOfDigitsInExtension
    }
    foreach ($n in @($AccessTelephoneNumbers)) { if ($null -ne $n) { Assert-LabExLength $PSCmdlet 'AccessTelephoneNumbers' ([string]$n) 32 } }
    $dn = Get-LabExNewDn 'exchange.dialPlans' $Name 'UM DialPlan Container'
    if (@($script:Store.Find('exchange.dialPlans', $null, [string[]]@($Name))).Count -gt 0) { Stop-LabExExists $PSCmdlet $dn $Name }
    $policyName = $Name + ' Default Policy'
    $policyDn = Get-LabExNewDn 'exchange.mailboxPolicies' $policyName 'UM Mailbox Policies'
    if ($GenerateUMMailboxPolicy -and @($script:Store.Find('exchange.mailboxPolicies', $null, [string[]]@($policyName))).Count -gt 0) { Stop-LabExExists $PSCmdlet $policyDn $policyName }
    if (-not $PSCmdlet.ShouldProcess($Name, 'New-UMDialPlan')) { return }

    $language = 'en-US'
    if ($DefaultLanguage) { $language = $DefaultLanguage }
    $policies = [string[]]@()
    if ($GenerateUMMailboxPolicy) { $policies = [string[]]@($policyName) }
    $values = [ordered]@{
      Identity = $Name; Name = $Name; DistinguishedName = $dn
      NumberOfDigitsInExtension = $NumberOfDigitsInExtension; URIType = $uri; SubscriberType = 'Enterprise'; VoIPSecurity = $security
      GlobalCallRoutingScheme = 'None'; PhoneContext = $Name + '.' + (Get-LabExDnsDomain)
      UMServers = [string[]]@(); UMMailboxPolicies = $policies; UMAutoAttendants = [string[]]@(); UMIPGateway = [string[]]@(); UMAutoAttendant = $null
      AccessTelephoneNumbers = [string[]]@(@($AccessTelephoneNumbers) | Where-Object { $null -ne $_ }); PilotIdentifierList = [string[]]@(); EquivalentDialPlanPhoneContexts = [string[]]@()
      AudioCodec = 'Mp3'; DefaultLanguage = $language; InfoAnnouncementEnabled = 'False'; DialByNamePrimary = 'LastFirst'; DialByNameSecondary = 'None'
      ContactScope = 'DialPlan'; CountryOrRegionCode = $CountryOrRegionCode; FaxEnabled = [bool]$FaxEnabled
      # SIP URI and E.164 dial plans need a SIP resource identifier for each user (Enable-UMMailbox, -SIPResourceIdentifier).
      SipResourceIdentifierRequired = ($uri -ne 'TelExtn'); CallSomeoneEnabled = $true; SendVoiceMsgEnabled = $true; MaxCallDuration = 30; MaxRecordingDuration = 20
    }
    $default = @('Identity', 'Name', 'DistinguishedName', 'Guid', 'ObjectCategory', 'ExchangeVersion', 'WhenChanged', 'WhenCreated', 'IsValid', 'ObjectState', 'PSComputerName', 'RunspaceId', 'PSShowComputerName') + @($values.Keys | Where-Object { @('Identity', 'Name', 'DistinguishedName') -notcontains $_ })
    $plan = New-LabExObject 'exchange.dialPlans' $values $default 'ms-Exch-UM-Dial-Plan'
    $index = Add-LabExObject $PSCmdlet 'exchange.dialPlans' $plan $Name
    if ($GenerateUMMailboxPolicy) {
      # The defaults of a UM mailbox policy (Set-UMMailboxPolicy: MinPINLength 6, PINLifetime 60 days,
      # LogonFailuresBeforePINReset 5, MaxLogonAttempts 15).
      $pv = [ordered]@{
        Identity = $policyName; Name = $policyName; DistinguishedName = $policyDn; UMDialPlan = $Name
        MinPINLength = 6; PINLifetime = '60.00:00:00'; LogonFailuresBeforePINReset = '5'; MaxLogonAttempts = '15'
        AllowSubscriberAccess = $true; AllowMissedCallNotifications = $true; AllowPlayOnPhone = $true
        ProtectAuthenticatedVoiceMail = 'None'; ProtectUnauthenticatedVoiceMail = 'None'
      }
      $pdefault = @('Identity', 'Name', 'DistinguishedName', 'Guid', 'ObjectCategory', 'ExchangeVersion', 'WhenChanged', 'WhenCreated', 'IsValid', 'ObjectState', 'PSComputerName', 'RunspaceId', 'PSShowComputerName') + @($pv.Keys | Where-Object { @('Identity', 'Name', 'DistinguishedName') -notcontains $_ })
      [void](Add-LabExObject $PSCmdlet 'exchange.mailboxPolicies' (New-LabExObject 'exchange.mailboxPolicies' $pv $pdefault 'ms-Exch-UM-Recipient-Template') $policyName)
    }
    Write-LabExObject $PSCmdlet 'exchange.dialPlans' $index
  } finally {
    $entered[0].Dispose()
  }
}

<#
  Set-UMDialPlan (2010-2016): the settings the console changes. There is no -URIType (the reference's Set-UMDialPlan
  has none: a dial plan's URI type is chosen at creation, New-UMDialPlan -URIType), nor -NumberOfDigitsInExtension.
  https://learn.microsoft.com/powershell/module/exchange/set-umdialplan
#>
function Set-UMDialPlan {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$VoIPSecurity,
    [object]$AccessTelephoneNumbers,
    [object]$PilotIdentifierList,
    [object]$EquivalentDialPlanPhoneContexts,
    [string]$CountryOrRegionCode,
    [string]$DefaultLanguage,
    [bool]$FaxEnabled,
    [bool]$CallSomeoneEnabled,
    [bool]$SendVoiceMsgEnabled,
    [int]$MaxCallDuration,
    [int]$MaxRecordingDuration,
    [string]$DomainController,
    [switch]$ForceUpgrade
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try {
      $i = Resolve-LabExObject $PSCmdlet 'exchange.dialPlans' $Identity
      $plan = Get-LabExCopy 'exchange.dialPlans' $i
      $changed = $false
      if ($PSBoundParameters.ContainsKey('VoIPSecurity')) { $changed = (Update-LabExMember $plan 'VoIPSecurity' (ConvertTo-LabExEnum $PSCmdlet 'VoIPSecurity' $VoIPSecurity 'UMVoIPSecurityType')) -or $changed }
      foreach ($list in 'AccessTelephoneNumbers', 'PilotIdentifierList', 'EquivalentDialPlanPhoneContexts') {
        if (-not $PSBoundParameters.ContainsKey($list)) { continue }
        $new = Get-LabExMultiValue $PSBoundParameters[$list] (Get-LabExList $plan $list)
        if ($list -eq 'AccessTelephoneNumbers') { foreach ($n in $new) { Assert-LabExLength $PSCmdlet $list $n 32 } }
        $changed = (Update-LabExMember $plan $list $new) -or $changed
      }
      foreach ($s in 'CountryOrRegionCode', 'DefaultLanguage') { if ($PSBoundParameters.ContainsKey($s)) { $changed = (Update-LabExMember $plan $s ([string]$PSBoundParameters[$s])) -or $changed } }
      foreach ($b in 'FaxEnabled', 'CallSomeoneEnabled', 'SendVoiceMsgEnabled') { if ($PSBoundParameters.ContainsKey($b)) { $changed = (Update-LabExMember $plan $b ([bool]$PSBoundParameters[$b])) -or $changed } }
      foreach ($n in 'MaxCallDuration', 'MaxRecordingDuration') { if ($PSBoundParameters.ContainsKey($n)) { $changed = (Update-LabExMember $plan $n ([int]$PSBoundParameters[$n])) -or $changed } }
      $name = Get-LabStringProperty $plan 'Identity'
      if (-not $PSCmdlet.ShouldProcess($name, 'Set-UMDialPlan')) { return }
      Save-LabExChange $PSCmdlet 'exchange.dialPlans' $i $plan $changed $name
    } finally {
      $entered[0].Dispose()
    }
  }
}

#endregion

#region UM IP gateways and hunt groups

# The UMIPGateway list of a dial plan: the gateways one of its hunt groups links it to (UMDialPlan.UMIPGateway).
function Update-LabExDialPlanGateways {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$DialPlan, [string]$Gateway, [bool]$Linked)
  $hits = @($script:Store.Find('exchange.dialPlans', $null, [string[]]@($DialPlan)))
  if ($hits.Count -eq 0) { return }
  $plan = Get-LabExCopy 'exchange.dialPlans' $hits[0]
  $list = New-Object 'System.Collections.Generic.List[string]'
  foreach ($g in (Get-LabExList $plan 'UMIPGateway')) { if (-not [string]::Equals($g, $Gateway, [System.StringComparison]::OrdinalIgnoreCase)) { $list.Add($g) } }
  if ($Linked) { $list.Add($Gateway) }
  if (Update-LabExMember $plan 'UMIPGateway' ([string[]]$list.ToArray())) {
    Save-LabObject $Cmdlet 'exchange.dialPlans' 'replace' $hits[0] $plan $DialPlan
  }
}

# The HuntGroups list of a gateway (the names of its hunt groups).
function Update-LabExGatewayHuntGroups {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [int]$Gateway, [string]$HuntGroup, [bool]$Add)
  $gw = Get-LabExCopy 'exchange.ipGateways' $Gateway
  $list = New-Object 'System.Collections.Generic.List[string]'
  foreach ($h in (Get-LabExList $gw 'HuntGroups')) { if (-not [string]::Equals($h, $HuntGroup, [System.StringComparison]::OrdinalIgnoreCase)) { $list.Add($h) } }
  if ($Add) { $list.Add($HuntGroup) }
  if (Update-LabExMember $gw 'HuntGroups' ([string[]]$list.ToArray())) {
    Save-LabObject $Cmdlet 'exchange.ipGateways' 'replace' $Gateway $gw (Get-LabStringProperty $gw 'Identity')
  }
}

# Inserts a hunt group "<gateway>\<name>" and keeps the gateway's HuntGroups and the dial plan's UMIPGateway in step.
function Add-LabExHuntGroup {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [int]$Gateway, [string]$GatewayName, [string]$GatewayDn, [string]$Name, [string]$DialPlan, [string]$PilotIdentifier)
  $values = [ordered]@{
    Identity = $GatewayName + '\' + $Name; Name = $Name; DistinguishedName = (Get-LabExNewDn 'exchange.huntGroups' $Name $null $GatewayDn)
    UMDialPlan = $DialPlan; UMIPGateway = $GatewayName; PilotIdentifier = $PilotIdentifier
  }
  $default = @('Identity', 'Name', 'DistinguishedName', 'Guid', 'ObjectCategory', 'ExchangeVersion', 'WhenChanged', 'WhenCreated', 'IsValid', 'ObjectState', 'PSComputerName', 'RunspaceId', 'PSShowComputerName', 'UMDialPlan', 'UMIPGateway', 'PilotIdentifier')
  Save-LabObject $Cmdlet 'exchange.huntGroups' 'insert' -1 (New-LabExObject 'exchange.huntGroups' $values $default 'ms-Exch-UM-Hunt-Group') $values.Identity
  $index = $script:Store.Count('exchange.huntGroups') - 1
  Update-LabExGatewayHuntGroups $Cmdlet $Gateway $Name $true
  Update-LabExDialPlanGateways $Cmdlet $DialPlan $GatewayName $true
  Update-LabProfileData
  return $index
}

<#
  New-UMIPGateway (2010-2016): -Name (64 characters at most), -Address (an IP address or an FQDN: UMSmartHost),
  -UMDialPlan (the gateway is linked to it by a default hunt group, whose empty pilot identifier catches every call),
  -IPAddressFamily (2013+, IPv4Only by default), -GlobalCallRoutingScheme (2010). A new gateway is enabled, allows
  outgoing calls and message waiting indicators, on port 5060 (Set-UMIPGateway's defaults).
  https://learn.microsoft.com/powershell/module/exchange/new-umipgateway
#>
function New-UMIPGateway {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Name,
    [Parameter(Mandatory = $true)][string]$Address,
    [string]$UMDialPlan,
    [string]$IPAddressFamily = 'IPv4Only',
    [string]$GlobalCallRoutingScheme = 'None',
    [string]$DomainController
  )
  $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
  try {
    $family = ConvertTo-LabExEnum $PSCmdlet 'IPAddressFamily' $IPAddressFamily 'IPAddressFamily'
    $scheme = ConvertTo-LabExEnum $PSCmdlet 'GlobalCallRoutingScheme' $GlobalCallRoutingScheme 'UMGlobalCallRoutingScheme'
    Assert-LabExLength $PSCmdlet 'Name' $Name 64
    $host_ = Assert-LabExSmartHost $PSCmdlet $Address
    $planName = $null
    if ($PSBoundParameters.ContainsKey('UMDialPlan')) { $planName = Get-LabStringProperty (Get-LabExCopy 'exchange.dialPlans' (Resolve-LabExObject $PSCmdlet 'exchange.dialPlans' $UMDialPlan)) 'Name' }
    $dn = Get-LabExNewDn 'exchange.ipGateways' $Name 'UM IPGateway Container'
    if (@($script:Store.Find('exchange.ipGateways', $null, [string[]]@($Name))).Count -gt 0) { Stop-LabExExists $PSCmdlet $dn $Name }
    if (-not $PSCmdlet.ShouldProcess($Name, 'New-UMIPGateway')) { return }
    $values = [ordered]@{
      Identity = $Name; Name = $Name; DistinguishedName = $dn
      Address = $host_; Port = 5060; Status = 'Enabled'; OutcallsAllowed = $true; MessageWaitingIndicatorAllowed = $true
      IPAddressFamily = $family; IPAddressFamilyConfigurable = $false; DelayedSourcePartyInfoEnabled = $false; Simulator = $false
      GlobalCallRoutingScheme = $scheme; HuntGroups = [string[]]@()
    }
    $default = @('Identity', 'Name', 'DistinguishedName', 'Guid', 'ObjectCategory', 'ExchangeVersion', 'WhenChanged', 'WhenCreated', 'IsValid', 'ObjectState', 'PSComputerName', 'RunspaceId', 'PSShowComputerName') + @($values.Keys | Where-Object { @('Identity', 'Name', 'DistinguishedName') -notcontains $_ })
    $index = Add-LabExObject $PSCmdlet 'exchange.ipGateways' (New-LabExObject 'exchange.ipGateways' $values $default 'ms-Exch-UM-IP-Gateway') $Name
    if ($null -ne $planName) { [void](Add-LabExHuntGroup $PSCmdlet $index $Name $dn 'Default Hunt Group' $planName '') }
    Write-LabExObject $PSCmdlet 'exchange.ipGateways' $index
  } finally {
    $entered[0].Dispose()
  }
}

# UMSmartHost: an IPv4 or IPv6 address, or a host name (RFC 1123 labels). Returns it as given.
function Assert-LabExSmartHost {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Address)
  $ip = $null
  $literal = $Address
  if ($literal.Contains('%')) { $literal = $literal.Substring(0, $literal.IndexOf('%')) }
  if ([System.Net.IPAddress]::TryParse($literal, [ref]$ip) -and ($Address -match '^[0-9.]+$' -or $Address.Contains(':'))) { return $Address }
  if ($Address.Length -le 255 -and $Address -match '^(?=.{1,255}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$' -and $Address -notmatch '^[0-9.]+$') { return $Address }
  $message = 'Cannot process argument transformation on parameter ''Address''. Cannot convert value "{0}" to type "Microsoft.Exchange.Data.UMSmartHost". Error: "''{0}'' is not a valid IP address or fully qualified domain name."' -f $Address
  $ex = New-Object System.Management.Automation.ParameterBindingException -ArgumentList $message
  $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex ('ParameterArgumentTransformationError,' + $Cmdlet.MyInvocation.MyCommand.Name) ([System.Management.Automation.ErrorCategory]::InvalidData) $null))
}

<#
  Set-UMIPGateway (2010-2016): -Address, -OutcallsAllowed, -MessageWaitingIndicatorAllowed, -Status (Enabled, Disabled,
  NoNewCalls), -Port (0 through 65535), -Simulator, -DelayedSourcePartyInfoEnabled, -IPAddressFamily (2013+), -Name (the
  hunt groups' "<gateway>\<name>" identities and the dial plans' UMIPGateway lists follow the new name).
  https://learn.microsoft.com/powershell/module/exchange/set-umipgateway
#>
function Set-UMIPGateway {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$Address,
    [bool]$DelayedSourcePartyInfoEnabled,
    [string]$IPAddressFamily,
    [bool]$MessageWaitingIndicatorAllowed,
    [string]$Name,
    [bool]$OutcallsAllowed,
    [int]$Port,
    [bool]$Simulator,
    [string]$Status,
    [string]$DomainController,
    [switch]$ForceUpgrade
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try {
      $i = Resolve-LabExObject $PSCmdlet 'exchange.ipGateways' $Identity
      $gw = Get-LabExCopy 'exchange.ipGateways' $i
      $oldName = Get-LabStringProperty $gw 'Name'
      $changed = $false
      if ($PSBoundParameters.ContainsKey('Address')) { $changed = (Update-LabExMember $gw 'Address' (Assert-LabExSmartHost $PSCmdlet $Address)) -or $changed }
      if ($PSBoundParameters.ContainsKey('Status')) { $changed = (Update-LabExMember $gw 'Status' (ConvertTo-LabExEnum $PSCmdlet 'Status' $Status 'GatewayStatus')) -or $changed }
      if ($PSBoundParameters.ContainsKey('IPAddressFamily')) { $changed = (Update-LabExMember $gw 'IPAddressFamily' (ConvertTo-LabExEnum $PSCmdlet 'IPAddressFamily' $IPAddressFamily 'IPAddressFamily')) -or $changed }
      if ($PSBoundParameters.ContainsKey('Port')) {
        if ($Port -lt 0 -or $Port -gt 65535) {
          $message = 'The value {0} of Port is out of range: it must be from 0 through 65535.' -f $Port
          Stop-LabWrite $PSCmdlet (New-Object System.ArgumentOutOfRangeException -ArgumentList 'Port', $message) 'OutOfRange' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Port
        }
        $changed = (Update-LabExMember $gw 'Port' ([int]$Port)) -or $changed
      }
      foreach ($b in 'OutcallsAllowed', 'MessageWaitingIndicatorAllowed', 'Simulator', 'DelayedSourcePartyInfoEnabled') {
        if ($PSBoundParameters.ContainsKey($b)) { $changed = (Update-LabExMember $gw $b ([bool]$PSBoundParameters[$b])) -or $changed }
      }
      $rename = $PSBoundParameters.ContainsKey('Name') -and -not ([string]$Name -ceq $oldName)
      if ($rename) {
        Assert-LabExLength $PSCmdlet 'Name' $Name 64
        $dn = Get-LabExNewDn 'exchange.ipGateways' $Name 'UM IPGateway Container'
        foreach ($h in @($script:Store.Find('exchange.ipGateways', $null, [string[]]@($Name)))) { if ($h -ne $i) { Stop-LabExExists $PSCmdlet $dn $Name } }
        [void](Update-LabExMember $gw 'Name' $Name)
        [void](Update-LabExMember $gw 'Identity' $Name)
        [void](Update-LabExMember $gw 'DistinguishedName' $dn)
        $changed = $true
      }
      if (-not $PSCmdlet.ShouldProcess($oldName, 'Set-UMIPGateway')) { return }
      Save-LabExChange $PSCmdlet 'exchange.ipGateways' $i $gw $changed $oldName
      if ($rename) { Rename-LabExGatewayLinks $PSCmdlet $oldName $Name (Get-LabStringProperty $gw 'DistinguishedName') }
    } finally {
      $entered[0].Dispose()
    }
  }
}

# After a gateway's rename: its hunt groups' Identity / UMIPGateway / DN, and the dial plans' UMIPGateway entries.
function Rename-LabExGatewayLinks {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$OldName, [string]$NewName, [string]$Dn)
  foreach ($h in $script:Store.All('exchange.huntGroups')) {
    $hgId = [string]$script:Store.Key('exchange.huntGroups', $h, 'Identity')
    if (-not $hgId.StartsWith($OldName + '\', [System.StringComparison]::OrdinalIgnoreCase)) { continue }
    $hg = Get-LabExCopy 'exchange.huntGroups' $h
    $hgName = Get-LabStringProperty $hg 'Name'
    [void](Update-LabExMember $hg 'Identity' ($NewName + '\' + $hgName))
    [void](Update-LabExMember $hg 'UMIPGateway' $NewName)
    [void](Update-LabExMember $hg 'DistinguishedName' ('CN=' + (ConvertTo-LabExRdnValue $hgName) + ',' + $Dn))
    Save-LabObject $Cmdlet 'exchange.huntGroups' 'replace' $h $hg $OldName
  }
  foreach ($d in $script:Store.All('exchange.dialPlans')) {
    $plan = Get-LabExCopy 'exchange.dialPlans' $d
    $current = Get-LabExList $plan 'UMIPGateway'
    $list = @(foreach ($g in $current) { if ([string]::Equals($g, $OldName, [System.StringComparison]::OrdinalIgnoreCase)) { $NewName } else { $g } })
    if (Update-LabExMember $plan 'UMIPGateway' ([string[]]$list)) { Save-LabObject $Cmdlet 'exchange.dialPlans' 'replace' $d $plan $OldName }
  }
  Update-LabProfileData
}

# Enable-UMIPGateway: Status Enabled ("enables a UM IP gateway in Active Directory by modifying its status variable").
# https://learn.microsoft.com/powershell/module/exchange/enable-umipgateway
function Enable-UMIPGateway {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try {
      $i = Resolve-LabExObject $PSCmdlet 'exchange.ipGateways' $Identity
      $gw = Get-LabExCopy 'exchange.ipGateways' $i
      $name = Get-LabStringProperty $gw 'Name'
      $changed = Update-LabExMember $gw 'Status' 'Enabled'
      if (-not $PSCmdlet.ShouldProcess($name, 'Enable-UMIPGateway')) { return }
      Save-LabExChange $PSCmdlet 'exchange.ipGateways' $i $gw $changed $name
    } finally {
      $entered[0].Dispose()
    }
  }
}

<#
  New-UMHuntGroup (2010-2016): -Name (64 characters at most, unique under its gateway: the hunt group is a child of the
  UM IP gateway, Identity "<gateway>\<name>"), -UMDialPlan, -UMIPGateway, -PilotIdentifier.
  https://learn.microsoft.com/powershell/module/exchange/new-umhuntgroup
#>
function New-UMHuntGroup {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Name,
    [Parameter(Mandatory = $true)][string]$UMDialPlan,
    [Parameter(Mandatory = $true)][string]$UMIPGateway,
    [AllowEmptyString()][string]$PilotIdentifier = '',
    [string]$DomainController
  )
  $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
  try {
    Assert-LabExLength $PSCmdlet 'Name' $Name 64
    $g = Resolve-LabExObject $PSCmdlet 'exchange.ipGateways' $UMIPGateway
    $plan = Get-LabExCopy 'exchange.dialPlans' (Resolve-LabExObject $PSCmdlet 'exchange.dialPlans' $UMDialPlan)
    $gw = Get-LabExCopy 'exchange.ipGateways' $g
    $gwName = Get-LabStringProperty $gw 'Name'
    $gwDn = Get-LabStringProperty $gw 'DistinguishedName'
    if (-not $gwDn) { $gwDn = Get-LabExNewDn 'exchange.ipGateways' $gwName 'UM IPGateway Container' }
    $identity = $gwName + '\' + $Name
    if (@($script:Store.Find('exchange.huntGroups', [string[]]@('Identity'), [string[]]@($identity))).Count -gt 0) { Stop-LabExExists $PSCmdlet ('CN=' + (ConvertTo-LabExRdnValue $Name) + ',' + $gwDn) $Name }
    if (-not $PSCmdlet.ShouldProcess($identity, 'New-UMHuntGroup')) { return }
    $index = Add-LabExHuntGroup $PSCmdlet $g $gwName $gwDn $Name (Get-LabStringProperty $plan 'Name') $PilotIdentifier
    Write-LabExObject $PSCmdlet 'exchange.huntGroups' $index
  } finally {
    $entered[0].Dispose()
  }
}

<#
  Remove-UMHuntGroup (2010-2016): ConfirmImpact High (a destructive cmdlet: -Confirm:$false skips the prompt). "The UM hunt
  group is removed from the UM IP gateway and then deleted": the gateway's HuntGroups loses it, and the dial plan no
  longer lists the gateway when no other hunt group links them.
  https://learn.microsoft.com/powershell/module/exchange/remove-umhuntgroup
#>
function Remove-UMHuntGroup {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try {
      $i = Resolve-LabExObject $PSCmdlet 'exchange.huntGroups' $Identity ([string[]]@('Identity', 'Name'))
      $hg = Get-LabExCopy 'exchange.huntGroups' $i
      $id = Get-LabStringProperty $hg 'Identity'
      if (-not $PSCmdlet.ShouldProcess($id, 'Remove-UMHuntGroup')) { return }
      $gwName = Get-LabStringProperty $hg 'UMIPGateway'
      $planName = Get-LabStringProperty $hg 'UMDialPlan'
      Save-LabObject $PSCmdlet 'exchange.huntGroups' 'delete' $i $null $id
      $g = @($script:Store.Find('exchange.ipGateways', $null, [string[]]@($gwName)))
      if ($g.Count -gt 0) { Update-LabExGatewayHuntGroups $PSCmdlet $g[0] (Get-LabStringProperty $hg 'Name') $false }
      $still = $false
      foreach ($h in @($script:Store.Find('exchange.huntGroups', [string[]]@('UMDialPlan'), [string[]]@($planName)))) {
        if ([string]::Equals($script:Store.Key('exchange.huntGroups', $h, 'Identity').Split([char]'\')[0], $gwName, [System.StringComparison]::OrdinalIgnoreCase)) { $still = $true }
      }
      if (-not $still) { Update-LabExDialPlanGateways $PSCmdlet $planName $gwName $false }
      Update-LabProfileData
    } finally {
      $entered[0].Dispose()
    }
  }
}

#endregion

#region UM services and call routers

<#
  The body of Set-UMService (2013, 2016), Set-UMServer (2010) and Set-UMCallRouterSettings (2013, 2016).
  -DialPlans: "all dial plans that the Unified Messaging service handles incoming calls for" (a list replaces, @{Add;Remove}
  changes; $null removes the server from every dial plan); "Exchange 2016 and Exchange 2013 servers can't be associated
  with a TelExt or E.164 UM dial plan" (Set-UMService, -DialPlans): only SIP URI ones there. -UMStartupMode TCP, TLS or
  Dual: "If you change the value of this parameter, you need to restart the Unified Messaging service" (a warning says so).
#>
function Set-LabExUmServer {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Section, [string]$Server, [System.Collections.IDictionary]$Bound, [bool]$SipOnly, [string]$Service)
  $i = Resolve-LabExServerObject $Cmdlet $Section $Server
  $o = Get-LabExCopy $Section $i
  $id = Get-LabStringProperty $o 'Identity'
  $changed = $false
  $modeChanged = $false
  if ($Bound.ContainsKey('DialPlans')) {
    try { $wanted = Get-LabExMultiValue $Bound['DialPlans'] (Get-LabExList $o 'DialPlans') }
    catch { Stop-LabWrite $Cmdlet (New-Object System.ArgumentException -ArgumentList $_.Exception.Message) 'InvalidMultiValue' ([System.Management.Automation.ErrorCategory]::InvalidArgument) 'DialPlans' }
    $names = New-Object 'System.Collections.Generic.List[string]'
    foreach ($w in $wanted) {
      $plan = Get-LabExCopy 'exchange.dialPlans' (Resolve-LabExObject $Cmdlet 'exchange.dialPlans' $w)
      $planName = Get-LabStringProperty $plan 'Name'
      if ($SipOnly -and (Get-LabStringProperty $plan 'URIType') -ne 'SipName') {
        $message = "The UM dial plan '{0}' has the URI type {1}: Exchange 2013 and Exchange 2016 servers can't be associated with a TelExt or E.164 UM dial plan, only with SIP URI dial plans." -f $planName, (Get-LabStringProperty $plan 'URIType')
        Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'DialPlanNotSipUri' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $w
      }
      if (-not (Test-LabExInList $names.ToArray() $planName)) { $names.Add($planName) }
    }
    $changed = (Update-LabExMember $o 'DialPlans' ([string[]]$names.ToArray())) -or $changed
  }
  if ($Bound.ContainsKey('UMStartupMode')) {
    $modeChanged = Update-LabExMember $o 'UMStartupMode' (ConvertTo-LabExEnum $Cmdlet 'UMStartupMode' ([string]$Bound['UMStartupMode']) 'UMStartupMode')
    $changed = $modeChanged -or $changed
  }
  if ($Bound.ContainsKey('IPAddressFamily')) { $changed = (Update-LabExMember $o 'IPAddressFamily' (ConvertTo-LabExEnum $Cmdlet 'IPAddressFamily' ([string]$Bound['IPAddressFamily']) 'IPAddressFamily')) -or $changed }
  foreach ($n in 'MaxCallsAllowed', 'SipTcpListeningPort', 'SipTlsListeningPort') { if ($Bound.ContainsKey($n)) { $changed = (Update-LabExMember $o $n ([int]$Bound[$n])) -or $changed } }
  foreach ($b in 'IPAddressFamilyConfigurable', 'IrmLogEnabled') { if ($Bound.ContainsKey($b)) { $changed = (Update-LabExMember $o $b ([bool]$Bound[$b])) -or $changed } }
  if ($Bound.ContainsKey('SIPAccessService')) { $changed = (Update-LabExMember $o 'SIPAccessService' ([string]$Bound['SIPAccessService'])) -or $changed }
  if (-not $Cmdlet.ShouldProcess($id, $Cmdlet.MyInvocation.MyCommand.Name)) { return }
  Save-LabExChange $Cmdlet $Section $i $o $changed $id
  if ($modeChanged) { $Cmdlet.WriteWarning(("The new UMStartupMode takes effect only after the {0} service is restarted on '{1}'." -f $Service, $id)) }
}

# Set-UMService (2013, 2016): https://learn.microsoft.com/powershell/module/exchange/set-umservice
function Set-UMService {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [AllowNull()][object]$DialPlans,
    [string]$UMStartupMode,
    [int]$MaxCallsAllowed,
    [string]$IPAddressFamily,
    [bool]$IPAddressFamilyConfigurable,
    [bool]$IrmLogEnabled,
    [string]$SIPAccessService,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try { Set-LabExUmServer $PSCmdlet 'exchange.umServices' $Identity $PSBoundParameters $true 'Microsoft Exchange Unified Messaging (MSExchangeUM)' }
    finally { $entered[0].Dispose() }
  }
}

# Set-UMServer (2010; any URI type): https://learn.microsoft.com/powershell/module/exchange/set-umserver
function Set-UMServer {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [AllowNull()][object]$DialPlans,
    [string]$UMStartupMode,
    [int]$MaxCallsAllowed,
    [int]$SipTcpListeningPort,
    [int]$SipTlsListeningPort,
    [bool]$IrmLogEnabled,
    [string]$SIPAccessService,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try { Set-LabExUmServer $PSCmdlet 'exchange.umServices' $Identity $PSBoundParameters $false 'Microsoft Exchange Unified Messaging (MSExchangeUM)' }
    finally { $entered[0].Dispose() }
  }
}

# Set-UMCallRouterSettings (2013, 2016): -Server (the local server when absent, as Get-UMCallRouterSettings).
# https://learn.microsoft.com/powershell/module/exchange/set-umcallroutersettings
function Set-UMCallRouterSettings {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Server,
    [AllowNull()][object]$DialPlans,
    [string]$UMStartupMode,
    [int]$MaxCallsAllowed,
    [int]$SipTcpListeningPort,
    [int]$SipTlsListeningPort,
    [string]$IPAddressFamily,
    [bool]$IPAddressFamilyConfigurable,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmConfigRoles
    try {
      $target = $Server
      if (-not $PSBoundParameters.ContainsKey('Server')) { $target = $script:Profile.ExchangeSessionServer }
      Set-LabExUmServer $PSCmdlet 'exchange.callRouters' $target $PSBoundParameters $true 'Microsoft Exchange Unified Messaging Call Router (MSExchangeUMCR)'
    } finally { $entered[0].Dispose() }
  }
}

#endregion

#region certificates and Client Access

<#
  Enable-ExchangeCertificate (2010-2019): -Thumbprint [-Server] (the local server without it) or -Identity
  "<server>\<thumbprint>" (2013+), -Services (AllowedServices flags; 2010 has no UMCallRouter). "The values that you
  specify with this parameter are additive": the certificate's Services gains them. UM and UMCallRouter are one
  certificate per service on a server (the UM service / call router holds one UMCertificateThumbprint): the other
  certificates of the server lose them. "You can only enable a certificate for the UM service when the UMStartupMode
  parameter on the Set-UMService cmdlet is set to TLS or Dual" (and the same for the call router).
  https://learn.microsoft.com/powershell/module/exchange/enable-exchangecertificate
#>
function Enable-ExchangeCertificate {
  [CmdletBinding(DefaultParameterSetName = 'Thumbprint', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'Thumbprint', ValueFromPipelineByPropertyName = $true)][string]$Thumbprint,
    [Parameter(ParameterSetName = 'Identity')][string]$Identity,
    [Parameter(ParameterSetName = 'Thumbprint')][string]$Server,
    [Parameter(Mandatory = $true)][object]$Services,
    [switch]$Force,
    [switch]$DoNotRequireSsl,
    [switch]$NetworkServiceAllowed,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:ServerConfigRoles
    try {
      $names = $script:ExEnums['AllowedServices']
      if ($script:Profile.ExchangeSet -eq 'Exchange2010') { $names = @($names | Where-Object { $_ -ne 'UMCallRouter' }) }
      $wanted = ConvertTo-LabExFlags $PSCmdlet 'Services' $Services 'AllowedServices' $names
      $serverName = $script:Profile.ExchangeSessionServer
      $thumb = $Thumbprint
      $shown = $Thumbprint
      if ($PSBoundParameters.ContainsKey('Server')) { $serverName = $Server }
      if ($PSCmdlet.ParameterSetName -eq 'Identity') {
        $shown = $Identity
        $parts = $Identity.Split([char]'\')
        $thumb = $parts[$parts.Length - 1]
        if ($parts.Length -gt 1) { $serverName = $parts[0] }
      }
      $hosts = Resolve-LabServer $serverName
      $index = -1
      $certHost = $null
      foreach ($c in @($script:Store.Find('exchange.certificates', [string[]]@('Thumbprint'), [string[]]@($thumb)))) {
        if (-not (Test-LabVisible 'exchange.certificates' $c)) { continue }
        $h = ([string]$script:Store.Key('exchange.certificates', $c, 'Identity')).Split([char]'\')[0]
        foreach ($s in $hosts) { if ((Test-LabSameName $s $h) -or (Test-LabSameName $s $h.Split([char]'.')[0])) { $index = $c; $certHost = $h } }
      }
      if ($index -lt 0) { Stop-LabExNotFound $PSCmdlet $shown }
      $cert = Get-LabExCopy 'exchange.certificates' $index
      foreach ($svc in @('UM', 'UMCallRouter')) {
        if ($wanted -notcontains $svc) { continue }
        $section = 'exchange.umServices'
        if ($svc -eq 'UMCallRouter') { $section = 'exchange.callRouters' }
        $u = @($script:Store.Find($section, [string[]]@('Identity', 'Name'), [string[]](Resolve-LabServer $certHost)))
        $mode = $null
        if ($u.Count -gt 0) { $mode = Get-LabStringProperty (Get-LabExCopy $section $u[0]) 'UMStartupMode' }
        if ($mode -ne 'TLS' -and $mode -ne 'Dual') {
          $what = 'Set-UMService'
          if ($svc -eq 'UMCallRouter') { $what = 'Set-UMCallRouterSettings' }
          if ($null -eq $mode) { $mode = 'not set (no such service on the server)' }
          $message = "The certificate can't be enabled for {0} on '{1}': the UMStartupMode of the service is {2}. It must be TLS or Dual ({3} -UMStartupMode)." -f $svc, $certHost, $mode, $what
          Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'UMStartupModeNotTls' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $shown
        }
      }
      $current = @(([string](Get-LabStringProperty $cert 'Services')).Split([char]',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $_ -ne 'None' })
      $all = @($script:ExEnums['AllowedServices'] | Where-Object { $_ -ne 'None' -and (($current -contains $_) -or ($wanted -contains $_)) })
      $text = 'None'
      if ($all.Count -gt 0) { $text = [string]::Join(', ', $all) }
      $changed = Update-LabExMember $cert 'Services' $text
      if (-not $PSCmdlet.ShouldProcess($certHost + '\' + $thumb, 'Enable-ExchangeCertificate')) { return }
      if ($changed) {
        Save-LabObject $PSCmdlet 'exchange.certificates' 'replace' $index $cert $shown
        # The server's other certificates lose the UM services the new one took.
        foreach ($c in $script:Store.All('exchange.certificates')) {
          if ($c -eq $index) { continue }
          $h = ([string]$script:Store.Key('exchange.certificates', $c, 'Identity')).Split([char]'\')[0]
          if (-not [string]::Equals($h, $certHost, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
          $other = Get-LabExCopy 'exchange.certificates' $c
          $kept = @(([string](Get-LabStringProperty $other 'Services')).Split([char]',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -and -not (($_ -eq 'UM' -or $_ -eq 'UMCallRouter') -and $wanted -contains $_) })
          $t = 'None'
          if ($kept.Count -gt 0) { $t = [string]::Join(', ', $kept) }
          if (Update-LabExMember $other 'Services' $t) { Save-LabObject $PSCmdlet 'exchange.certificates' 'replace' $c $other $shown }
        }
        Update-LabProfileData
      }
    } finally {
      $entered[0].Dispose()
    }
  }
}

# Set-ClientAccessService (2016, 2019) and Set-ClientAccessServer (2010-2019): -AutoDiscoverServiceInternalUri (an
# absolute URI), -AutoDiscoverSiteScope (a MultiValuedProperty of site names).
# https://learn.microsoft.com/powershell/module/exchange/set-clientaccessservice
function Set-LabExClientAccess {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity, [System.Collections.IDictionary]$Bound)
  $i = Resolve-LabExServerObject $Cmdlet 'exchange.clientAccess' $Identity
  $o = Get-LabExCopy 'exchange.clientAccess' $i
  $id = Get-LabStringProperty $o 'Identity'
  $changed = $false
  if ($Bound.ContainsKey('AutoDiscoverServiceInternalUri')) {
    $value = [string]$Bound['AutoDiscoverServiceInternalUri']
    $uri = $null
    if ($null -ne $Bound['AutoDiscoverServiceInternalUri'] -and -not [System.Uri]::TryCreate($value, [System.UriKind]::Absolute, [ref]$uri)) {
      $message = 'Cannot process argument transformation on parameter ''AutoDiscoverServiceInternalUri''. Cannot convert value "{0}" to type "System.Uri". Error: "Invalid URI: The format of the URI could not be determined."' -f $value
      $ex = New-Object System.Management.Automation.ParameterBindingException -ArgumentList $message
      $Cmdlet.ThrowTerminatingError((New-LabErrorRecord $ex ('ParameterArgumentTransformationError,' + $Cmdlet.MyInvocation.MyCommand.Name) ([System.Management.Automation.ErrorCategory]::InvalidData) $null))
    }
    $stored = $null
    if ($null -ne $uri) { $stored = $uri.OriginalString }
    $changed = (Update-LabExMember $o 'AutoDiscoverServiceInternalUri' $stored) -or $changed
  }
  if ($Bound.ContainsKey('AutoDiscoverSiteScope')) { $changed = (Update-LabExMember $o 'AutoDiscoverSiteScope' (Get-LabExMultiValue $Bound['AutoDiscoverSiteScope'] (Get-LabExList $o 'AutoDiscoverSiteScope'))) -or $changed }
  if (-not $Cmdlet.ShouldProcess($id, $Cmdlet.MyInvocation.MyCommand.Name)) { return }
  Save-LabExChange $Cmdlet 'exchange.clientAccess' $i $o $changed $id
}

function Set-ClientAccessService {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [AllowNull()][string]$AutoDiscoverServiceInternalUri,
    [AllowNull()][object]$AutoDiscoverSiteScope,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:ServerConfigRoles
    try { Set-LabExClientAccess $PSCmdlet $Identity $PSBoundParameters } finally { $entered[0].Dispose() }
  }
}

function Set-ClientAccessServer {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [AllowNull()][string]$AutoDiscoverServiceInternalUri,
    [AllowNull()][object]$AutoDiscoverSiteScope,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:ServerConfigRoles
    try { Set-LabExClientAccess $PSCmdlet $Identity $PSBoundParameters } finally { $entered[0].Dispose() }
  }
}

#endregion

#region AD permissions and partner applications

# The AD objects Add-ADPermission may name in the lab: the objects the file's ACEs are on, the organization and the
# Exchange configuration containers ExchUcUtil.ps1 grants on (docs/lab-endpoint.md). A DN names its first RDN.
$script:LabExAclObjects = @('UM DialPlan Container', 'UM AutoAttendant Container', 'UM IPGateway Container', 'UM Mailbox Policies')
$script:LabExKnownPrincipals = @('RTCUniversalServerAdmins', 'RTCUniversalUserAdmins', 'RTCComponentUniversalServices', 'RTCHSUniversalServices', 'RTCUniversalReadOnlyAdmins', 'Exchange Servers', 'Exchange Trusted Subsystem', 'Organization Management')

<#
  Add-ADPermission (2010-2019; Organization Management): -Identity, -User, -AccessRights (ActiveDirectoryRights flags),
  -ExtendedRights, -InheritanceType (None, All, Descendents, SelfAndChildren, Children; All by default in AD's
  ActiveDirectoryAccessRule), -Deny. Outputs the access control entry as Get-ADPermission shows it (User as
  DOMAIN\name, the rights as their flags' text). An ACE that already grants the same user the same inheritance is
  widened, not repeated (AD merges such ACEs).
  https://learn.microsoft.com/powershell/module/exchange/add-adpermission
#>
function Add-ADPermission {
  [CmdletBinding(DefaultParameterSetName = 'AccessRights', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [Parameter(Mandatory = $true, ParameterSetName = 'AccessRights')][string]$User,
    [Parameter(ParameterSetName = 'AccessRights')][object]$AccessRights,
    [Parameter(ParameterSetName = 'AccessRights')][string[]]$ExtendedRights,
    [Parameter(ParameterSetName = 'AccessRights')][string]$InheritanceType = 'All',
    [Parameter(ParameterSetName = 'AccessRights')][switch]$Deny,
    [Parameter(Mandatory = $true, ParameterSetName = 'Owner')][string]$Owner,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:OrgConfigRoles
    try {
      if ($PSCmdlet.ParameterSetName -eq 'Owner') {
        $message = 'The lab endpoint does not imitate -Owner: the console never changes an object''s owner.'
        Stop-LabWrite $PSCmdlet (New-Object System.NotSupportedException -ArgumentList $message) 'NotImitated' ([System.Management.Automation.ErrorCategory]::NotImplemented) $Owner
      }
      $rights = ConvertTo-LabExFlags $PSCmdlet 'AccessRights' $AccessRights 'ActiveDirectoryRights'
      if ($rights.Length -eq 0 -and @($ExtendedRights).Count -eq 0) {
        $message = 'Specify -AccessRights or -ExtendedRights: an access control entry must grant at least one right.'
        Stop-LabWrite $PSCmdlet (New-Object System.ArgumentException -ArgumentList $message) 'NoRights' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $User
      }
      $inheritance = ConvertTo-LabExEnum $PSCmdlet 'InheritanceType' $InheritanceType 'ActiveDirectorySecurityInheritance'
      $object = Resolve-LabExAclObject $PSCmdlet $Identity
      $principal = Resolve-LabExPrincipal $PSCmdlet $User
      $text = [string]::Join(', ', $rights)
      if ($text -eq '') { $text = 'ExtendedRight' }
      $extended = $null
      if (@($ExtendedRights).Count -gt 0) { $extended = [string[]]@($ExtendedRights) }
      if (-not $PSCmdlet.ShouldProcess($object, ('Add-ADPermission {0} for {1}' -f $text, $principal))) { return }
      $existing = -1
      foreach ($p in @($script:Store.Find('exchange.permissions', [string[]]@('Identity'), [string[]]@($object)))) {
        $ace = Get-LabExCopy 'exchange.permissions' $p
        $sameDeny = [bool]($ace.PSObject.Properties['Deny'].Value) -eq [bool]$Deny
        if ((Test-LabSameName (Get-LabStringProperty $ace 'User') $principal) -and (Get-LabStringProperty $ace 'InheritanceType') -eq $inheritance -and $sameDeny -and -not [bool]($ace.PSObject.Properties['IsInherited'].Value)) { $existing = $p }
      }
      if ($existing -ge 0) {
        $ace = Get-LabExCopy 'exchange.permissions' $existing
        $had = @(([string](Get-LabStringProperty $ace 'AccessRights')).Split([char]',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        $merged = @($script:ExEnums['ActiveDirectoryRights'] | Where-Object { ($had -contains $_) -or ($rights -contains $_) })
        if (Update-LabExMember $ace 'AccessRights' ([string]::Join(', ', $merged))) { Save-LabObject $PSCmdlet 'exchange.permissions' 'replace' $existing $ace $object }
        Write-LabExObject $PSCmdlet 'exchange.permissions' $existing
        return
      }
      $values = [ordered]@{ Identity = $object; User = $principal; AccessRights = $text; ExtendedRights = $extended; InheritanceType = $inheritance; IsInherited = $false; Deny = [bool]$Deny }
      $default = @('Identity', 'User', 'AccessRights', 'ExtendedRights', 'InheritanceType', 'IsInherited', 'Deny', 'PSComputerName', 'RunspaceId', 'PSShowComputerName')
      $index = Add-LabExObject $PSCmdlet 'exchange.permissions' (New-LabExObject 'exchange.permissions' $values $default) $object
      Write-LabExObject $PSCmdlet 'exchange.permissions' $index
    } finally {
      $entered[0].Dispose()
    }
  }
}

function Resolve-LabExAclObject {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $name = $Identity
  if ($Identity -match '^(?i)(CN|OU|DC)=') { $name = Get-LabRdnValue (Split-LabDn $Identity)[0] }
  $known = New-Object 'System.Collections.Generic.List[string]'
  foreach ($i in $script:Store.All('exchange.permissions')) { $k = $script:Store.Key('exchange.permissions', $i, 'Identity'); if ($k) { $known.Add($k) } }
  foreach ($c in $script:LabExAclObjects) { $known.Add($c) }
  if ($script:Store.Count('exchange.organization') -gt 0) { $o = Get-LabStringProperty (Get-LabExCopy 'exchange.organization' 0) 'Name'; if ($o) { $known.Add($o) } }
  foreach ($k in $known) { if ([string]::Equals($k, $name, [System.StringComparison]::OrdinalIgnoreCase)) { return $k } }
  Stop-LabExNotFound $Cmdlet $Identity
}

# A user or group: DOMAIN\name as the file's ACEs spell the domain (else the lab directory's NetBIOS name).
function Resolve-LabExPrincipal {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$User)
  $bare = $User.Substring($User.IndexOf([char]'\') + 1)
  $domain = $null
  $known = New-Object 'System.Collections.Generic.List[string]'
  foreach ($i in $script:Store.All('exchange.permissions')) {
    $u = Get-LabStringProperty (Get-LabExCopy 'exchange.permissions' $i) 'User'
    if (-not $u) { continue }
    if ($u.Contains('\')) { if ($null -eq $domain) { $domain = $u.Substring(0, $u.IndexOf([char]'\')) }; $known.Add($u.Substring($u.IndexOf([char]'\') + 1)) } else { $known.Add($u) }
  }
  $directory = Get-LabDirectory $Cmdlet
  if ($null -eq $domain) { $domain = $directory.NetBios }
  foreach ($g in $directory.Groups.Keys) { $known.Add([string]$g) }
  foreach ($u in $directory.Users) { $known.Add([string]$u.SamAccountName) }
  foreach ($p in $script:LabExKnownPrincipals) { $known.Add($p) }
  foreach ($k in $known) { if ([string]::Equals($k, $bare, [System.StringComparison]::OrdinalIgnoreCase)) { return $domain + '\' + $k } }
  Stop-LabExNotFound $Cmdlet $User
}

<#
  New-PartnerApplication (2013-2019): -Name with -ApplicationIdentifier [-Realm] (ACSTrustApplication) or -AuthMetadataUrl
  [-TrustAnySSLCertificate] (AuthMetadataUrl); -Enabled (true by default), -AcceptSecurityIdentifierInformation (false by
  default), -LinkedAccount. With -AuthMetadataUrl Exchange reads the application's identifier from the metadata document:
  the lab answers for the Skype for Business pools' documents (https://<pool>/metadata/json/1, Lync's well-known
  application identifier 00000004-0000-0ff1-ce00-000000000000) and refuses any other URL as unreachable.
  https://learn.microsoft.com/powershell/module/exchange/new-partnerapplication
#>
function New-PartnerApplication {
  [CmdletBinding(DefaultParameterSetName = 'ACSTrustApplication', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Name,
    [Parameter(Mandatory = $true, ParameterSetName = 'ACSTrustApplication')][string]$ApplicationIdentifier,
    [Parameter(ParameterSetName = 'ACSTrustApplication')][string]$Realm,
    [Parameter(Mandatory = $true, ParameterSetName = 'AuthMetadataUrl')][string]$AuthMetadataUrl,
    [Parameter(ParameterSetName = 'AuthMetadataUrl')][switch]$TrustAnySSLCertificate,
    [bool]$AcceptSecurityIdentifierInformation = $false,
    [bool]$Enabled = $true,
    [string]$LinkedAccount,
    [string]$DomainController
  )
  $entered = Enter-LabExWrite $PSCmdlet $script:OrgConfigRoles
  try {
    $dn = Get-LabExNewDn 'exchange.partnerApplications' $Name 'Partner Applications'
    if (@($script:Store.Find('exchange.partnerApplications', $null, [string[]]@($Name))).Count -gt 0) { Stop-LabExExists $PSCmdlet $dn $Name }
    $appId = $ApplicationIdentifier
    $url = ''
    if ($PSCmdlet.ParameterSetName -eq 'AuthMetadataUrl') {
      $uri = $null
      $pool = $null
      if ([System.Uri]::TryCreate($AuthMetadataUrl, [System.UriKind]::Absolute, [ref]$uri) -and $uri.Scheme -eq 'https') {
        foreach ($p in $script:Store.MaterializeRaw('skype.pools', $script:Store.All('skype.pools'))) { if (Test-LabSameName (Get-LabStringProperty $p 'Fqdn') $uri.Host) { $pool = $p } }
      }
      if ($null -eq $pool -or $uri.AbsolutePath -notmatch '^/metadata/json/1/?$') {
        $message = "The metadata document couldn't be retrieved from '{0}'." -f $AuthMetadataUrl
        Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'AuthMetadataUnreachable' ([System.Management.Automation.ErrorCategory]::ConnectionError) $AuthMetadataUrl
      }
      $appId = '00000004-0000-0ff1-ce00-000000000000'
      $url = $AuthMetadataUrl
    }
    if (-not $PSCmdlet.ShouldProcess($Name, 'New-PartnerApplication')) { return }
    $realmValue = ''
    if ($PSBoundParameters.ContainsKey('Realm')) { $realmValue = $Realm }
    $linked = ''
    if ($PSBoundParameters.ContainsKey('LinkedAccount')) { $linked = $LinkedAccount }
    $values = [ordered]@{
      Identity = $Name; Name = $Name; DistinguishedName = $dn; AuthMetadataUrl = $url; Enabled = [bool]$Enabled; ApplicationIdentifier = $appId
      Realm = $realmValue; AcceptSecurityIdentifierInformation = [bool]$AcceptSecurityIdentifierInformation; LinkedAccount = $linked
    }
    $default = @('Identity', 'Name', 'DistinguishedName', 'Guid', 'ObjectCategory', 'ExchangeVersion', 'WhenChanged', 'WhenCreated', 'IsValid', 'ObjectState', 'PSComputerName', 'RunspaceId', 'PSShowComputerName', 'AuthMetadataUrl', 'Enabled', 'ApplicationIdentifier', 'Realm', 'AcceptSecurityIdentifierInformation', 'LinkedAccount')
    $index = Add-LabExObject $PSCmdlet 'exchange.partnerApplications' (New-LabExObject 'exchange.partnerApplications' $values $default 'ms-Exch-Auth-Partner-Application') $Name
    Write-LabExObject $PSCmdlet 'exchange.partnerApplications' $index
  } finally {
    $entered[0].Dispose()
  }
}

#endregion

#region UM mailboxes

# The mailbox an -Identity names (primary SMTP address, display name, or any smtp: address of it).
function Resolve-LabExMailbox {
  param([System.Management.Automation.PSCmdlet]$Cmdlet, [string]$Identity)
  $hits = @($script:Store.Find('exchange.mailboxes', $null, [string[]]@($Identity)))
  if ($hits.Count -eq 0) { $hits = @($script:Store.AddressQuery('exchange.mailboxes', 'PrimarySmtpAddress', 'EmailAddresses', $null, $Identity, [string[]]@()) | Where-Object { Test-LabExMailboxAddress $_ $Identity }) }
  if ($hits.Count -eq 0) { Stop-LabExNotFound $Cmdlet $Identity }
  if ($hits.Count -gt 1) {
    $message = "The operation couldn't be performed because '{0}' matches multiple entries." -f $Identity
    Stop-LabWrite $Cmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'AmbiguousIdentity' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Identity
  }
  return [int]$hits[0]
}

function Test-LabExMailboxAddress {
  param([int]$Index, [string]$Address)
  foreach ($a in (Get-LabExList (Get-LabExCopy 'exchange.mailboxes' $Index) 'EmailAddresses')) { if ([string]::Equals($a, 'smtp:' + $Address, [System.StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}

<#
  Enable-UMMailbox (2010-2016): -Identity, -UMMailboxPolicy (its dial plan becomes the user's), -Extensions (each of the
  dial plan's NumberOfDigitsInExtension digits and unique in the dial plan), -SIPResourceIdentifier (needed by SIP URI
  and E.164 dial plans; a SIP URI dial plan takes the mailbox's SIP: proxy address when it is absent), -PIN (4 through
  24 digits), -PINExpired, -NotifyEmail, -PilotNumber, -AutomaticSpeechRecognitionEnabled, -ValidateOnly. The mailbox
  gains its EUM proxy addresses ("eum:<extension or SIP address>;phone-context=<the dial plan's phone context>") and
  UMEnabled; Get-UMMailbox shows it. Outputs the UM mailbox.
  https://learn.microsoft.com/powershell/module/exchange/enable-ummailbox
#>
function Enable-UMMailbox {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [Parameter(Mandatory = $true)][string]$UMMailboxPolicy,
    [string[]]$Extensions,
    [string]$SIPResourceIdentifier,
    [string]$PIN,
    [bool]$PINExpired,
    [string]$NotifyEmail,
    [string]$PilotNumber,
    [bool]$AutomaticSpeechRecognitionEnabled,
    [switch]$ValidateOnly,
    [switch]$IgnoreDefaultScope,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmMailboxRoles
    try {
      $m = Resolve-LabExMailbox $PSCmdlet $Identity
      $mailbox = Get-LabExCopy 'exchange.mailboxes' $m
      $smtp = Get-LabStringProperty $mailbox 'PrimarySmtpAddress'
      $existing = @($script:Store.Find('exchange.umMailboxes', [string[]]@('PrimarySmtpAddress'), [string[]]@($smtp)))
      if ($existing.Count -gt 0 -or $mailbox.PSObject.Properties['UMEnabled'].Value -eq $true) {
        $message = "The mailbox '{0}' is already enabled for Unified Messaging." -f $smtp
        Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'AlreadyUMEnabled' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Identity
      }
      $policy = Get-LabExCopy 'exchange.mailboxPolicies' (Resolve-LabExObject $PSCmdlet 'exchange.mailboxPolicies' $UMMailboxPolicy)
      $planName = Get-LabStringProperty $policy 'UMDialPlan'
      $plan = Get-LabExCopy 'exchange.dialPlans' (Resolve-LabExObject $PSCmdlet 'exchange.dialPlans' $planName)
      $digits = [int]$plan.PSObject.Properties['NumberOfDigitsInExtension'].Value
      $uriType = Get-LabStringProperty $plan 'URIType'
      $context = Get-LabStringProperty $plan 'PhoneContext'
      if ($PSBoundParameters.ContainsKey('PIN') -and $PIN -notmatch '^[0-9]{4,24}$') {
        $message = 'The PIN is not valid: it must be from 4 through 24 digits.'
        Stop-LabWrite $PSCmdlet (New-Object System.ArgumentException -ArgumentList $message) 'InvalidPIN' ([System.Management.Automation.ErrorCategory]::InvalidArgument) 'PIN'
      }
      $exts = @(@($Extensions) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
      if ($exts.Count -eq 0) {
        $message = "The mailbox '{0}' has no phone number from which an extension can be taken: specify -Extensions." -f $smtp
        Stop-LabWrite $PSCmdlet (New-Object System.ArgumentException -ArgumentList $message) 'ExtensionRequired' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Identity
      }
      foreach ($e in $exts) {
        if ($e -notmatch ('^[0-9]{' + $digits + '}$')) {
          $message = "The extension '{0}' is not valid for the UM dial plan '{1}': its extensions have {2} digits." -f $e, $planName, $digits
          Stop-LabWrite $PSCmdlet (New-Object System.ArgumentException -ArgumentList $message) 'InvalidExtension' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $e
        }
        if (Test-LabExExtensionUsed $planName $e) {
          $message = "The extension '{0}' is already used in the UM dial plan '{1}'. Extensions must be unique in a dial plan." -f $e, $planName
          Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'ExtensionInUse' ([System.Management.Automation.ErrorCategory]::ResourceExists) $e
        }
      }
      $sip = $SIPResourceIdentifier
      if (-not $PSBoundParameters.ContainsKey('SIPResourceIdentifier') -and $uriType -eq 'SipName') {
        foreach ($a in (Get-LabExList $mailbox 'EmailAddresses')) { if ($a -match '^(?i)sip:(.+)$') { $sip = $Matches[1]; break } }
      }
      if ($uriType -ne 'TelExtn' -and [string]::IsNullOrEmpty($sip)) {
        $message = "The UM dial plan '{0}' has the URI type {1}: specify -SIPResourceIdentifier." -f $planName, $uriType
        Stop-LabWrite $PSCmdlet (New-Object System.ArgumentException -ArgumentList $message) 'SIPResourceIdentifierRequired' ([System.Management.Automation.ErrorCategory]::InvalidArgument) $Identity
      }
      if ($ValidateOnly) { return }
      if (-not $PSCmdlet.ShouldProcess($smtp, 'Enable-UMMailbox')) { return }

      $all = New-Object 'System.Collections.Generic.List[string]'
      if ($sip -and $uriType -ne 'TelExtn') { $all.Add($sip) }
      foreach ($e in $exts) { $all.Add($e) }
      $addresses = New-Object 'System.Collections.Generic.List[string]'
      foreach ($a in (Get-LabExList $mailbox 'EmailAddresses')) { $addresses.Add($a) }
      foreach ($x in $all) { $addresses.Add('eum:' + $x + ';phone-context=' + $context) }
      [void](Update-LabExMember $mailbox 'EmailAddresses' ([string[]]$addresses.ToArray()))
      [void](Update-LabExMember $mailbox 'UMEnabled' $true)
      $sipValue = $sip
      if ([string]::IsNullOrEmpty($sipValue)) { $sipValue = $null }
      $values = [ordered]@{ PrimarySmtpAddress = $smtp; UMEnabled = $true; UMDialPlan = $planName; UMMailboxPolicy = (Get-LabStringProperty $policy 'Name'); Extensions = [string[]]$all.ToArray(); SIPResourceIdentifier = $sipValue }
      if ($PSBoundParameters.ContainsKey('AutomaticSpeechRecognitionEnabled')) { $values['AutomaticSpeechRecognitionEnabled'] = [bool]$AutomaticSpeechRecognitionEnabled }
      $index = Add-LabExObject $PSCmdlet 'exchange.umMailboxes' (New-LabExObject 'exchange.umMailboxes' $values @('PrimarySmtpAddress', 'UMEnabled', 'UMDialPlan', 'UMMailboxPolicy', 'Extensions', 'SIPResourceIdentifier')) $smtp
      # Then the mailbox's side: UMEnabled and the EUM proxy addresses.
      Save-LabObject $PSCmdlet 'exchange.mailboxes' 'replace' $m $mailbox $smtp
      Write-LabExObject $PSCmdlet 'exchange.umMailboxes' $index
    } finally {
      $entered[0].Dispose()
    }
  }
}

# Whether a UM mailbox of the dial plan already has this extension.
function Test-LabExExtensionUsed {
  param([string]$DialPlan, [string]$Extension)
  foreach ($o in $script:Store.MaterializeRaw('exchange.umMailboxes', $script:Store.All('exchange.umMailboxes'))) {
    if (-not (Test-LabSameName (Get-LabStringProperty $o 'UMDialPlan') $DialPlan)) { continue }
    if (Test-LabExInList (Get-LabExList $o 'Extensions') $Extension) { return $true }
  }
  return $false
}

<#
  Set-UMMailbox (2010-2016): -UMMailboxPolicy (a policy of the mailbox's own dial plan: the dial plan itself changes only
  by disabling and enabling UM again), and the mailbox's UM feature switches. No -Extensions, no -SIPResourceIdentifier
  (the reference's Set-UMMailbox has neither).
  https://learn.microsoft.com/powershell/module/exchange/set-ummailbox
#>
function Set-UMMailbox {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [string]$UMMailboxPolicy,
    [bool]$AutomaticSpeechRecognitionEnabled,
    [bool]$FaxEnabled,
    [bool]$SubscriberAccessEnabled,
    [bool]$TUIAccessToCalendarEnabled,
    [bool]$TUIAccessToEmailEnabled,
    [bool]$MissedCallNotificationEnabled,
    [bool]$PlayOnPhoneEnabled,
    [bool]$AnonymousCallersCanLeaveMessages,
    [bool]$CallAnsweringRulesEnabled,
    [bool]$PinlessAccessToVoiceMailEnabled,
    [bool]$VoiceMailAnalysisEnabled,
    [string]$OperatorNumber,
    [string]$UMSMSNotificationOption,
    [string]$AllowUMCallsFromNonUsers,
    [switch]$IgnoreDefaultScope,
    [string]$DomainController
  )
  process {
    $entered = Enter-LabExWrite $PSCmdlet $script:UmMailboxRoles
    try {
      $m = Resolve-LabExMailbox $PSCmdlet $Identity
      $smtp = Get-LabStringProperty (Get-LabExCopy 'exchange.mailboxes' $m) 'PrimarySmtpAddress'
      $hits = @($script:Store.Find('exchange.umMailboxes', [string[]]@('PrimarySmtpAddress'), [string[]]@($smtp)))
      if ($hits.Count -eq 0) {
        $message = "The mailbox '{0}' isn't enabled for Unified Messaging." -f $smtp
        Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'NotUMEnabled' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $Identity
      }
      $i = $hits[0]
      $um = Get-LabExCopy 'exchange.umMailboxes' $i
      $changed = $false
      if ($PSBoundParameters.ContainsKey('UMMailboxPolicy')) {
        $policy = Get-LabExCopy 'exchange.mailboxPolicies' (Resolve-LabExObject $PSCmdlet 'exchange.mailboxPolicies' $UMMailboxPolicy)
        $plan = Get-LabStringProperty $policy 'UMDialPlan'
        if (-not (Test-LabSameName $plan (Get-LabStringProperty $um 'UMDialPlan'))) {
          $message = "The UM mailbox policy '{0}' belongs to the UM dial plan '{1}', not to '{2}', the dial plan of '{3}'. To move the mailbox to another dial plan, disable it for UM and enable it again with that policy." -f (Get-LabStringProperty $policy 'Name'), $plan, (Get-LabStringProperty $um 'UMDialPlan'), $smtp
          Stop-LabWrite $PSCmdlet (New-Object System.InvalidOperationException -ArgumentList $message) 'PolicyOfAnotherDialPlan' ([System.Management.Automation.ErrorCategory]::InvalidOperation) $UMMailboxPolicy
        }
        $changed = (Update-LabExMember $um 'UMMailboxPolicy' (Get-LabStringProperty $policy 'Name')) -or $changed
      }
      foreach ($b in 'AutomaticSpeechRecognitionEnabled', 'FaxEnabled', 'SubscriberAccessEnabled', 'TUIAccessToCalendarEnabled', 'TUIAccessToEmailEnabled', 'MissedCallNotificationEnabled', 'PlayOnPhoneEnabled', 'AnonymousCallersCanLeaveMessages', 'CallAnsweringRulesEnabled', 'PinlessAccessToVoiceMailEnabled', 'VoiceMailAnalysisEnabled') {
        if ($PSBoundParameters.ContainsKey($b)) { $changed = (Update-LabExMember $um $b ([bool]$PSBoundParameters[$b])) -or $changed }
      }
      if ($PSBoundParameters.ContainsKey('OperatorNumber')) { $changed = (Update-LabExMember $um 'OperatorNumber' $OperatorNumber) -or $changed }
      if ($PSBoundParameters.ContainsKey('UMSMSNotificationOption')) { $changed = (Update-LabExMember $um 'UMSMSNotificationOption' (ConvertTo-LabExEnum $PSCmdlet 'UMSMSNotificationOption' $UMSMSNotificationOption 'UMSMSNotificationOptions')) -or $changed }
      if ($PSBoundParameters.ContainsKey('AllowUMCallsFromNonUsers')) { $changed = (Update-LabExMember $um 'AllowUMCallsFromNonUsers' (ConvertTo-LabExEnum $PSCmdlet 'AllowUMCallsFromNonUsers' $AllowUMCallsFromNonUsers 'AllowUMCallsFromNonUsersFlags')) -or $changed }
      if (-not $PSCmdlet.ShouldProcess($smtp, 'Set-UMMailbox')) { return }
      Save-LabExChange $PSCmdlet 'exchange.umMailboxes' $i $um $changed $smtp
    } finally {
      $entered[0].Dispose()
    }
  }
}

#endregion
