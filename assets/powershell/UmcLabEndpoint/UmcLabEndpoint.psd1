@{
  RootModule           = 'UmcLabEndpoint.psm1'
  ModuleVersion        = '1.0.0'
  GUID                 = '4b7e9a51-3c2d-4e8f-9a1b-6d5c0e2f7a13'
  Author               = 'UM Integration Console'
  Description          = 'Lab endpoint: the Exchange and Skype for Business cmdlets the console calls (the Get-* reads, the Exchange UM contact writes, the configuration writes of the fixes), answered from a snapshot file (docs/snapshot-format.md) with objects of the real types (UmcLabEndpoint.Types.cs), per product version (docs/lab-endpoint.md). Lab use only.'
  FileList             = @('UmcLabEndpoint.psm1', 'UmcLabEndpoint.Types.cs', 'UmcLabEndpoint.ExchangeWrites.ps1', 'UmcLabEndpoint.SkypeWrites.ps1', 'UmcLabEndpoint.SyntheticTests.ps1')
  PowerShellVersion    = '5.1'
  CompatiblePSEditions = @('Desktop', 'Core')
  FunctionsToExport    = @(
    'Initialize-UmcLabEndpoint', 'Get-UmcLabEndpointInfo',
    'Get-OrganizationConfig', 'Get-ExchangeServer', 'Get-UMService', 'Get-UMServer', 'Get-UMCallRouterSettings', 'Get-ClientAccessService', 'Get-ClientAccessServer',
    'Get-UMDialPlan', 'Get-UMIPGateway', 'Get-UMHuntGroup', 'Get-UMAutoAttendant', 'Get-UMMailboxPolicy',
    'Get-ExchangeCertificate', 'Get-PartnerApplication', 'Get-ADPermission', 'Get-Mailbox', 'Get-UMMailbox',
    'Get-CsSipDomain', 'Get-CsSite', 'Get-CsPool', 'Get-CsService', 'Get-CsDialPlan', 'Get-CsMediaConfiguration', 'Get-CsHostedVoicemailPolicy',
    'Get-CsExUmContact', 'Get-CsCertificate', 'Get-CsOAuthConfiguration', 'Get-CsPartnerApplication', 'Get-CsUser',
    'New-CsExUmContact', 'Set-CsExUmContact', 'Move-CsExUmContact', 'Remove-CsExUmContact', 'Test-CsOUPermission',
    'Get-OrganizationalUnit', 'Get-Group', 'Get-User',
    'New-UMDialPlan', 'Set-UMDialPlan', 'New-UMHuntGroup', 'Remove-UMHuntGroup', 'New-UMIPGateway', 'Set-UMIPGateway', 'Enable-UMIPGateway', 'Set-UMService', 'Set-UMServer', 'Set-UMCallRouterSettings', 'Enable-ExchangeCertificate', 'Set-ClientAccessService', 'Set-ClientAccessServer', 'Add-ADPermission', 'New-PartnerApplication', 'Enable-UMMailbox', 'Set-UMMailbox',
    'Set-CsUser', 'Grant-CsHostedVoicemailPolicy', 'New-CsHostedVoicemailPolicy', 'Set-CsMediaConfiguration', 'Set-CsOAuthConfiguration', 'Set-CsCertificate', 'New-CsPartnerApplication', 'Set-CsPartnerApplication', 'New-CsDialPlan',
    'Test-CsExUMConnectivity', 'Test-CsExUMVoiceMail'
  )
  CmdletsToExport      = @()
  VariablesToExport    = @()
  AliasesToExport      = @()
}
