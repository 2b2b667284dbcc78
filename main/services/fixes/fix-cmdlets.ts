/**
 * The cmdlets a fix plan may run (shared/fixes/fix-planner.ts), per Management Shell: what an admin
 * profile's sessions and the lab editor shell import beside the reads (Import-PSSession -CommandName).
 * A session that did not get one (its version has no such cmdlet, or the RBAC role lacks it) lists it in
 * ShellSession.missingCommands(), and a plan that needs it is refused (docs/fixes.md, "Safety rules").
 */
import type { FixShell } from '../../../shared/fixes/fix-model';

export const FIX_CMDLETS: Readonly<Record<FixShell, readonly string[]>> = {
  exchange: [
    'New-UMDialPlan',
    'Set-UMDialPlan',
    'New-UMHuntGroup',
    'Remove-UMHuntGroup',
    'New-UMIPGateway',
    'Set-UMIPGateway',
    'Enable-UMIPGateway',
    // Exchange 2013/2016 (Set-UMService, Set-UMCallRouterSettings) and Exchange 2010 (Set-UMServer).
    'Set-UMService',
    'Set-UMServer',
    'Set-UMCallRouterSettings',
    'Enable-ExchangeCertificate',
    // Exchange 2016 (Set-ClientAccessService) and 2010/2013 (Set-ClientAccessServer).
    'Set-ClientAccessService',
    'Set-ClientAccessServer',
    'Add-ADPermission',
    'New-PartnerApplication',
    'Enable-UMMailbox',
    'Set-UMMailbox',
  ],
  skype: [
    'Set-CsUser',
    'Grant-CsHostedVoicemailPolicy',
    'New-CsHostedVoicemailPolicy',
    'Set-CsMediaConfiguration',
    'Set-CsOAuthConfiguration',
    'Set-CsCertificate',
    'New-CsPartnerApplication',
    'Set-CsPartnerApplication',
    'New-CsDialPlan',
  ],
};
