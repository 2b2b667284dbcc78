/**
 * Every cmdlet (and script) the console sends to a Management Shell or shows an admin to run: its
 * parameters and the product versions that have them, written from Microsoft's cmdlet reference
 * (each row names its page; docs/cmdlet-reference.md says the same in words). The capture uses it
 * to say which version or role would provide a missing cmdlet; the generated-commands test checks
 * every command text the console builds against it, per target version.
 *
 * Versions come from each page's `applicable:` front matter and each parameter's "Applicable:" line
 * (MicrosoftDocs/office-docs-powershell). Exchange 2019 has no Unified Messaging cmdlets (the
 * pages list Exchange Server 2010/2013/2016 only). "Lync Server 2010" and the online services are
 * left out: the console does not target them. Roles: for Exchange, the built-in role groups the
 * feature permissions topics name (https://learn.microsoft.com/exchange/permissions/feature-permissions/feature-permissions);
 * for Skype, the RBAC roles / groups the cmdlet page (or its Lync Server 2013 version) names under
 * "Who can run this cmdlet".
 *
 * Pure data: no Node, no DOM.
 */
export type ProductVersion = 'Exchange2010' | 'Exchange2013' | 'Exchange2016' | 'Exchange2019' | 'Lync2013' | 'SfB2015' | 'SfB2019';

export interface CmdletParameter {
  readonly name: string;
  readonly versions: readonly ProductVersion[];
}

export interface CmdletReference {
  readonly name: string;
  readonly product: 'exchange' | 'skype' | 'ad' | 'windows';
  /** Versions that have the cmdlet. */
  readonly versions: readonly ProductVersion[];
  readonly parameters: readonly CmdletParameter[];
  /** Exchange management role groups / Skype RBAC roles that grant it. */
  readonly roles: readonly string[];
  /** The Microsoft page the row was written from. */
  readonly source: string;
}

// ------------------------------------------------------------------ version sets

const E10: readonly ProductVersion[] = ['Exchange2010'];
const E10_16: readonly ProductVersion[] = ['Exchange2010', 'Exchange2013', 'Exchange2016'];
const E10_19: readonly ProductVersion[] = ['Exchange2010', 'Exchange2013', 'Exchange2016', 'Exchange2019'];
const E13_16: readonly ProductVersion[] = ['Exchange2013', 'Exchange2016'];
const E13_19: readonly ProductVersion[] = ['Exchange2013', 'Exchange2016', 'Exchange2019'];
const E16: readonly ProductVersion[] = ['Exchange2016'];
const E16_19: readonly ProductVersion[] = ['Exchange2016', 'Exchange2019'];
const S13_19: readonly ProductVersion[] = ['Lync2013', 'SfB2015', 'SfB2019'];
const S15_19: readonly ProductVersion[] = ['SfB2015', 'SfB2019'];
/** Windows and Active Directory cmdlets run wherever the fix targets: every version. */
const ANY: readonly ProductVersion[] = [...E10_19, ...S13_19];

/** Parameters as `[versions, 'Name Name …']` groups. */
function params(...groups: readonly (readonly [readonly ProductVersion[], string])[]): CmdletParameter[] {
  const out: CmdletParameter[] = [];
  for (const [versions, names] of groups) for (const name of names.split(/\s+/).filter(Boolean)) out.push({ name, versions });
  return out;
}

const ex = (name: string) => `https://learn.microsoft.com/powershell/module/exchange/${name.toLowerCase()}`;
const sk = (name: string) => `https://learn.microsoft.com/powershell/module/skype/${name.toLowerCase()}`;

// ------------------------------------------------------------------ roles

/** Exchange UM configuration (dial plans, gateways, hunt groups, auto attendants, policies, UM and call router services). */
const UM_READ = ['Organization Management', 'UM Management', 'View-Only Organization Management'];
const UM_WRITE = ['Organization Management', 'UM Management'];
/** UM properties of mailboxes. */
const UM_MAILBOX_READ = ['Organization Management', 'UM Management', 'Recipient Management', 'View-Only Organization Management'];
const UM_MAILBOX_WRITE = ['Organization Management', 'UM Management', 'Recipient Management'];
const RECIPIENT_READ = ['Organization Management', 'Recipient Management', 'View-Only Organization Management'];
const RECIPIENT_WRITE = ['Organization Management', 'Recipient Management'];
const SERVER_READ = ['Organization Management', 'Server Management', 'View-Only Organization Management'];
const SERVER_WRITE = ['Organization Management', 'Server Management'];
const ORG_READ = ['Organization Management', 'View-Only Organization Management'];
const ORG_WRITE = ['Organization Management'];
/** Skype for Business: read-only cmdlets are in every RBAC role. */
const CS_READ = ['CsAdministrator', 'CsServerAdministrator', 'CsUserAdministrator', 'CsVoiceAdministrator', 'CsViewOnlyAdministrator', 'CsHelpDesk'];
const CS_USER_WRITE = ['CsAdministrator', 'CsUserAdministrator', 'RTCUniversalUserAdmins'];
const CS_VOICE_WRITE = ['CsAdministrator', 'CsVoiceAdministrator', 'RTCUniversalServerAdmins'];
const CS_SERVER_WRITE = ['CsAdministrator', 'CsServerAdministrator', 'RTCUniversalServerAdmins'];
const CS_ADMIN = ['CsAdministrator', 'RTCUniversalServerAdmins'];

/** Exchange's Confirm/WhatIf/DomainController trio, on every write cmdlet. */
const EX_WRITE_COMMON = 'Confirm DomainController WhatIf';
/** Skype's configuration cmdlets' Identity/Filter/LocalStore. */
const CS_GET_CONFIG = 'Identity Filter LocalStore';

export const CMDLET_REFERENCE: readonly CmdletReference[] = [
  // ================================================================ Exchange: capture reads
  { name: 'Get-OrganizationConfig', product: 'exchange', versions: E10_19, parameters: params([E10_19, 'DomainController']), roles: ORG_READ, source: ex('Get-OrganizationConfig') },
  { name: 'Get-ExchangeServer', product: 'exchange', versions: E10_19, parameters: params([E10_19, 'Identity Domain DomainController Status']), roles: SERVER_READ, source: ex('Get-ExchangeServer') },
  { name: 'Get-UMServer', product: 'exchange', versions: E10, parameters: params([E10, 'Identity DomainController']), roles: UM_READ, source: ex('Get-UMServer') },
  { name: 'Get-UMService', product: 'exchange', versions: E13_16, parameters: params([E13_16, 'Identity DomainController']), roles: UM_READ, source: ex('Get-UMService') },
  { name: 'Get-UMCallRouterSettings', product: 'exchange', versions: E13_16, parameters: params([E13_16, 'Server DomainController']), roles: UM_READ, source: ex('Get-UMCallRouterSettings') },
  {
    name: 'Get-ClientAccessService',
    product: 'exchange',
    versions: E16_19,
    parameters: params([E16_19, 'Identity DomainController IncludeAlternateServiceAccountCredentialPassword IncludeAlternateServiceAccountCredentialStatus']),
    roles: SERVER_READ,
    source: ex('Get-ClientAccessService'),
  },
  {
    name: 'Get-ClientAccessServer',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Identity DomainController IncludeAlternateServiceAccountCredentialPassword IncludeAlternateServiceAccountCredentialStatus']),
    roles: SERVER_READ,
    source: ex('Get-ClientAccessServer'),
  },
  { name: 'Get-UMDialPlan', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity DomainController']), roles: UM_READ, source: ex('Get-UMDialPlan') },
  { name: 'Get-UMIPGateway', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity DomainController IncludeSimulator']), roles: UM_READ, source: ex('Get-UMIPGateway') },
  { name: 'Get-UMHuntGroup', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity DomainController UMDialPlan']), roles: UM_READ, source: ex('Get-UMHuntGroup') },
  { name: 'Get-UMAutoAttendant', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity DomainController UMDialPlan']), roles: UM_READ, source: ex('Get-UMAutoAttendant') },
  { name: 'Get-UMMailboxPolicy', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity DomainController UMDialPlan']), roles: UM_READ, source: ex('Get-UMMailboxPolicy') },
  {
    name: 'Get-ExchangeCertificate',
    product: 'exchange',
    versions: E10_19,
    // Identity (Server\Thumbprint) only from Exchange 2013; 2010 names a certificate by -Thumbprint (with -Server).
    parameters: params([E10_19, 'Thumbprint DomainController DomainName Instance Server'], [E13_19, 'Identity']),
    roles: SERVER_READ,
    source: ex('Get-ExchangeCertificate'),
  },
  {
    name: 'Get-PartnerApplication',
    product: 'exchange',
    versions: E13_19,
    parameters: params([E13_19, 'Identity DomainController Organization']),
    roles: ORG_READ,
    source: ex('Get-PartnerApplication'),
  },
  { name: 'Get-ADPermission', product: 'exchange', versions: E10_19, parameters: params([E10_19, 'Identity DomainController Owner User']), roles: ORG_READ, source: ex('Get-ADPermission') },
  {
    name: 'Get-Mailbox',
    product: 'exchange',
    versions: E10_19,
    parameters: params(
      [
        E10_19,
        'Identity Anr Arbitration Archive Credential Database DomainController Filter IgnoreDefaultScope OrganizationalUnit ReadFromDomainController RecipientTypeDetails RemoteArchive ResultSize Server SortBy',
      ],
      [E13_19, 'Monitoring PublicFolder'],
      [E16_19, 'AuditLog AuxAuditLog GroupMailbox Migration SupervisoryReviewPolicy'],
    ),
    roles: RECIPIENT_READ,
    source: ex('Get-Mailbox'),
  },
  {
    name: 'Get-UMMailbox',
    product: 'exchange',
    versions: E10_16,
    parameters: params([E10_16, 'Identity Anr Credential DomainController Filter IgnoreDefaultScope OrganizationalUnit ReadFromDomainController ResultSize SortBy']),
    roles: UM_MAILBOX_READ,
    source: ex('Get-UMMailbox'),
  },

  // ================================================================ Exchange: the contact editor's reads (R-C-09, R-C-10)
  {
    name: 'Get-OrganizationalUnit',
    product: 'exchange',
    versions: E10_19,
    // -ResultSize and -SearchText only from Exchange 2013: on 2010 the cmdlet returns its default page (1,000).
    parameters: params([E10_19, 'Identity DomainController IncludeContainers SingleNodeOnly'], [E13_19, 'ResultSize SearchText']),
    roles: RECIPIENT_READ,
    source: ex('Get-OrganizationalUnit'),
  },
  {
    name: 'Get-Group',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Identity Anr Credential DomainController Filter IgnoreDefaultScope OrganizationalUnit ReadFromDomainController RecipientTypeDetails ResultSize SortBy']),
    roles: RECIPIENT_READ,
    source: ex('Get-Group'),
  },
  {
    name: 'Get-User',
    product: 'exchange',
    versions: E10_19,
    parameters: params(
      [E10_19, 'Identity Anr Arbitration Credential DomainController Filter IgnoreDefaultScope OrganizationalUnit ReadFromDomainController RecipientTypeDetails ResultSize SortBy'],
      [E13_19, 'PublicFolder'],
      [E16_19, 'AuditLog AuxAuditLog SupervisoryReviewPolicy'],
    ),
    roles: RECIPIENT_READ,
    source: ex('Get-User'),
  },

  // ================================================================ Skype for Business: capture reads
  { name: 'Get-CsSipDomain', product: 'skype', versions: S13_19, parameters: params([S13_19, 'Identity Filter']), roles: CS_READ, source: sk('Get-CsSipDomain') },
  { name: 'Get-CsSite', product: 'skype', versions: S13_19, parameters: params([S13_19, 'Identity Filter']), roles: CS_READ, source: sk('Get-CsSite') },
  { name: 'Get-CsPool', product: 'skype', versions: S13_19, parameters: params([S13_19, 'Identity Filter Site']), roles: CS_READ, source: sk('Get-CsPool') },
  {
    name: 'Get-CsService',
    product: 'skype',
    versions: S13_19,
    parameters: params(
      [
        S13_19,
        'Identity Filter PoolFqdn ApplicationDatabase ApplicationServer ArchivingDatabase ArchivingServer BackupServer CentralManagement CentralManagementDatabase ConferencingServer Director EdgeServer FileStore ManagementServer MediationServer MonitoringDatabase MonitoringServer PersistentChatComplianceDatabase PersistentChatDatabase PersistentChatServer PstnGateway Registrar TrustedApplicationPool UserDatabase UserServer WacServer WebServer',
      ],
      [['Lync2013'], 'LegalInterceptServer'],
      [S15_19, 'VideoGateway VideoInteropServer'],
    ),
    roles: CS_READ,
    source: sk('Get-CsService'),
  },
  { name: 'Get-CsDialPlan', product: 'skype', versions: S13_19, parameters: params([S13_19, CS_GET_CONFIG]), roles: CS_READ, source: sk('Get-CsDialPlan') },
  { name: 'Get-CsMediaConfiguration', product: 'skype', versions: S13_19, parameters: params([S13_19, CS_GET_CONFIG]), roles: CS_READ, source: sk('Get-CsMediaConfiguration') },
  // -Tenant: Lync Server 2013 onwards (its Applicable: line).
  { name: 'Get-CsHostedVoicemailPolicy', product: 'skype', versions: S13_19, parameters: params([S13_19, `${CS_GET_CONFIG} Tenant`]), roles: CS_READ, source: sk('Get-CsHostedVoicemailPolicy') },
  {
    name: 'Get-CsExUmContact',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Identity Filter LdapFilter Credential DomainController OU ResultSize']),
    roles: CS_READ,
    source: sk('Get-CsExUmContact'),
  },
  {
    name: 'Get-CsCertificate',
    product: 'skype',
    versions: S13_19,
    // No -Server: it answers for the computer the session runs on (the page: "certificates on the local computers").
    parameters: params([S13_19, 'Type Report Identity']),
    roles: CS_READ,
    source: sk('Get-CsCertificate'),
  },
  { name: 'Get-CsOAuthConfiguration', product: 'skype', versions: S13_19, parameters: params([S13_19, CS_GET_CONFIG]), roles: CS_READ, source: sk('Get-CsOAuthConfiguration') },
  { name: 'Get-CsPartnerApplication', product: 'skype', versions: S13_19, parameters: params([S13_19, 'Identity Filter LocalStore Tenant']), roles: CS_READ, source: sk('Get-CsPartnerApplication') },
  {
    name: 'Get-CsUser',
    product: 'skype',
    versions: S13_19,
    parameters: params(
      [S13_19, 'Identity Credential DomainController Filter LdapFilter OnOfficeCommunicationServer OU ResultSize UnAssignedUser'],
      [['Lync2013'], 'OnLyncServer'],
      [S15_19, 'OnModernServer'],
    ),
    roles: CS_READ,
    source: sk('Get-CsUser'),
  },
  // Runs on the local computer only and takes no parameter: the session's own server version.
  { name: 'Get-CsServerVersion', product: 'skype', versions: S13_19, parameters: [], roles: CS_READ, source: sk('Get-CsServerVersion') },

  // ================================================================ Skype for Business: the contact editor
  {
    name: 'Test-CsOUPermission',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'ObjectType OU Domain DomainController GlobalCatalog Report']),
    roles: CS_ADMIN,
    source: sk('Test-CsOUPermission'),
  },
  {
    name: 'New-CsExUmContact',
    product: 'skype',
    versions: S13_19,
    // No -DomainController on New- (unlike Set- and Move-).
    parameters: params([S13_19, 'SipAddress RegistrarPool DisplayNumber OU AutoAttendant Description PassThru WhatIf Confirm']),
    roles: CS_USER_WRITE,
    source: sk('New-CsExUmContact'),
  },
  {
    name: 'Set-CsExUmContact',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Identity AutoAttendant Description DisplayNumber DomainController Enabled EnterpriseVoiceEnabled ExchangeArchivingPolicy PassThru SipAddress Confirm WhatIf']),
    roles: CS_USER_WRITE,
    source: sk('Set-CsExUmContact'),
  },
  {
    name: 'Move-CsExUmContact',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Target Identity DomainController Force PassThru ProxyPool IgnoreBackendStoreException Confirm WhatIf'], [S15_19, 'Report UserList UseLegacyMode']),
    roles: CS_USER_WRITE,
    source: sk('Move-CsExUmContact'),
  },
  { name: 'Remove-CsExUmContact', product: 'skype', versions: S13_19, parameters: params([S13_19, 'Identity Confirm WhatIf']), roles: CS_USER_WRITE, source: sk('Remove-CsExUmContact') },

  // ================================================================ The synthetic voice-mail tests (docs/voicemail-tests.md)
  // Both Skype pages: "applicable: Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019";
  // the Lync Server 2013 versions run locally as RTCUniversalServerAdmins, remotely with an RBAC role holding them.
  {
    name: 'Test-CsExUMConnectivity',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'TargetFqdn UserCredential UserSipAddress Authentication Force OutLoggerVariable OutVerboseVariable RegistrarPort']),
    roles: CS_ADMIN,
    source: sk('Test-CsExUMConnectivity'),
  },
  {
    name: 'Test-CsExUMVoiceMail',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'TargetFqdn SenderCredential SenderSipAddress ReceiverSipAddress WaveFile Authentication Force OutLoggerVariable OutVerboseVariable RegistrarPort']),
    roles: CS_ADMIN,
    source: sk('Test-CsExUMVoiceMail'),
  },
  // The page lists Exchange 2010–2019, but a 2019 server has no UM service to test (SFB-UMVM): the UM versions only.
  // -CallRouter (LocalLoop) is Exchange 2013 or later.
  {
    name: 'Test-UMConnectivity',
    product: 'exchange',
    versions: E10_16,
    parameters: params(
      [
        E10_16,
        'Phone PIN TUILogon UMDialPlan UMIPGateway DiagDtmfDurationInMilisecs DiagDtmfSequence DiagInitialSilenceInMilisecs DiagInterDtmfDiffGapInMilisecs DiagInterDtmfGapInMilisecs From ResetPIN TUILogonAll CertificateThumbprint Confirm DomainController ListenPort MediaSecured MonitoringContext RemotePort Secured Timeout WhatIf',
      ],
      [E13_16, 'CallRouter'],
    ),
    roles: UM_WRITE,
    source: ex('Test-UMConnectivity'),
  },

  // ================================================================ Exchange: fix texts
  {
    name: 'Set-UMDialPlan',
    product: 'exchange',
    versions: E10_16,
    parameters: params([
      E10_16,
      'Identity AccessTelephoneNumbers AllowDialPlanSubscribers AllowedInCountryOrRegionGroups AllowedInternationalGroups AllowExtensions AllowHeuristicADCallingLineIdResolution AudioCodec AutomaticSpeechRecognitionEnabled CallAnsweringRulesEnabled CallSomeoneEnabled ConfiguredInCountryOrRegionGroups ConfiguredInternationalGroups Confirm ContactAddressList ContactRecipientContainer ContactScope CountryOrRegionCode DefaultLanguage DialByNamePrimary DialByNameSecondary DomainController EquivalentDialPlanPhoneContexts Extension FaxEnabled ForceUpgrade InCountryOrRegionNumberFormat InfoAnnouncementEnabled InfoAnnouncementFilename InputFailuresBeforeDisconnect InternationalAccessCode InternationalNumberFormat LegacyPromptPublishingPoint LogonFailuresBeforeDisconnect MatchedNameSelectionMethod MaxCallDuration MaxRecordingDuration Name NationalNumberPrefix NumberingPlanFormats OperatorExtension OutsideLineAccessCode PilotIdentifierList RecordingIdleTimeout SendVoiceMsgEnabled TUIPromptEditingEnabled UMAutoAttendant VoIPSecurity WelcomeGreetingEnabled WelcomeGreetingFilename WhatIf',
    ]),
    roles: UM_WRITE,
    source: ex('Set-UMDialPlan'),
  },
  {
    name: 'New-UMDialPlan',
    product: 'exchange',
    versions: E10_16,
    parameters: params([
      E10_16,
      'Name CountryOrRegionCode NumberOfDigitsInExtension AccessTelephoneNumbers DefaultLanguage FaxEnabled GenerateUMMailboxPolicy URIType VoIPSecurity ' + EX_WRITE_COMMON,
    ]),
    roles: UM_WRITE,
    source: ex('New-UMDialPlan'),
  },
  {
    name: 'New-UMHuntGroup',
    product: 'exchange',
    versions: E10_16,
    parameters: params([E10_16, 'Name UMDialPlan UMIPGateway PilotIdentifier ' + EX_WRITE_COMMON]),
    roles: UM_WRITE,
    source: ex('New-UMHuntGroup'),
  },
  { name: 'Remove-UMHuntGroup', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity ' + EX_WRITE_COMMON]), roles: UM_WRITE, source: ex('Remove-UMHuntGroup') },
  {
    name: 'Set-UMIPGateway',
    product: 'exchange',
    versions: E10_16,
    parameters: params(
      [E10_16, 'Identity Address DelayedSourcePartyInfoEnabled ForceUpgrade MessageWaitingIndicatorAllowed Name OutcallsAllowed Port Simulator Status ' + EX_WRITE_COMMON],
      [E13_16, 'IPAddressFamily'],
    ),
    roles: UM_WRITE,
    source: ex('Set-UMIPGateway'),
  },
  { name: 'Enable-UMIPGateway', product: 'exchange', versions: E10_16, parameters: params([E10_16, 'Identity ' + EX_WRITE_COMMON]), roles: UM_WRITE, source: ex('Enable-UMIPGateway') },
  {
    // -UMDialPlan links the new gateway to a dial plan by a default hunt group; -IPAddressFamily from 2013,
    // -GlobalCallRoutingScheme 2010 only (the parameters' Applicable lines).
    name: 'New-UMIPGateway',
    product: 'exchange',
    versions: E10_16,
    parameters: params([E10_16, 'Name Address UMDialPlan ' + EX_WRITE_COMMON], [E13_16, 'IPAddressFamily'], [E10, 'GlobalCallRoutingScheme']),
    roles: UM_WRITE,
    source: ex('New-UMIPGateway'),
  },
  {
    name: 'Set-UMService',
    product: 'exchange',
    versions: E13_16,
    parameters: params([
      E13_16,
      'Identity DialPlans GrammarGenerationSchedule IPAddressFamily IPAddressFamilyConfigurable IrmLogEnabled IrmLogMaxAge IrmLogMaxDirectorySize IrmLogMaxFileSize IrmLogPath MaxCallsAllowed SIPAccessService Status UMStartupMode ' +
        EX_WRITE_COMMON,
    ]),
    roles: UM_WRITE,
    source: ex('Set-UMService'),
  },
  {
    name: 'Set-UMServer',
    product: 'exchange',
    versions: E10,
    parameters: params([
      E10,
      'Identity DialPlans ExternalServiceFqdn GrammarGenerationSchedule IrmLogEnabled IrmLogMaxAge IrmLogMaxDirectorySize IrmLogMaxFileSize IrmLogPath MaxCallsAllowed SIPAccessService SipTcpListeningPort SipTlsListeningPort Status UMStartupMode ' +
        EX_WRITE_COMMON,
    ]),
    roles: UM_WRITE,
    source: ex('Set-UMServer'),
  },
  {
    name: 'Set-UMCallRouterSettings',
    product: 'exchange',
    versions: E13_16,
    parameters: params([E13_16, 'Server DialPlans IPAddressFamily IPAddressFamilyConfigurable MaxCallsAllowed SipTcpListeningPort SipTlsListeningPort UMStartupMode ' + EX_WRITE_COMMON]),
    roles: UM_WRITE,
    source: ex('Set-UMCallRouterSettings'),
  },
  {
    name: 'Enable-UMMailbox',
    product: 'exchange',
    versions: E10_16,
    parameters: params(
      [E10_16, 'Identity UMMailboxPolicy AutomaticSpeechRecognitionEnabled Extensions IgnoreDefaultScope NotifyEmail PilotNumber PIN PINExpired SIPResourceIdentifier ValidateOnly ' + EX_WRITE_COMMON],
      [E16, 'EnableCloudVoiceMail SendWelcomeMail'],
    ),
    roles: UM_MAILBOX_WRITE,
    source: ex('Enable-UMMailbox'),
  },
  {
    // No -Extensions and no -SIPResourceIdentifier: those are Enable-UMMailbox's (set once) and the
    // mailbox's EUM proxy addresses afterwards (Set-Mailbox -EmailAddresses).
    name: 'Set-UMMailbox',
    product: 'exchange',
    versions: E10_16,
    parameters: params(
      [
        E10_16,
        'Identity AllowUMCallsFromNonUsers AnonymousCallersCanLeaveMessages AutomaticSpeechRecognitionEnabled CallAnsweringAudioCodec CallAnsweringRulesEnabled FaxEnabled IgnoreDefaultScope MissedCallNotificationEnabled Name OperatorNumber PinlessAccessToVoiceMailEnabled PlayOnPhoneEnabled SubscriberAccessEnabled TUIAccessToCalendarEnabled TUIAccessToEmailEnabled UMMailboxPolicy UMSMSNotificationOption VoiceMailAnalysisEnabled ' +
          EX_WRITE_COMMON,
      ],
      [E13_16, 'ImListMigrationCompleted'],
    ),
    roles: UM_MAILBOX_WRITE,
    source: ex('Set-UMMailbox'),
  },
  {
    // The page lists some 200 parameters; the row lists the ones the console uses. EUM proxy
    // addresses (eum:<extension or SIP address>;phone-context=<dial plan phone context>) are how an
    // extension or SIP address of a UM-enabled mailbox is added or changed after Enable-UMMailbox
    // (Exchange 2013 "Add an extension number for a UM-enabled user": Set-Mailbox -EmailAddresses).
    name: 'Set-Mailbox',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Identity EmailAddresses ' + EX_WRITE_COMMON]),
    roles: RECIPIENT_WRITE,
    source: ex('Set-Mailbox'),
  },
  {
    // The page lists some 60 parameters; the row lists the ones the console uses (Example 2: -Identity -TargetDatabase).
    name: 'New-MoveRequest',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Identity TargetDatabase BatchName ' + EX_WRITE_COMMON]),
    roles: RECIPIENT_WRITE,
    source: ex('New-MoveRequest'),
  },
  {
    name: 'Enable-ExchangeCertificate',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Thumbprint Services DoNotRequireSsl Force NetworkServiceAllowed Server ' + EX_WRITE_COMMON], [E13_19, 'Identity']),
    roles: SERVER_WRITE,
    source: ex('Enable-ExchangeCertificate'),
  },
  {
    name: 'New-ExchangeCertificate',
    product: 'exchange',
    versions: E10_19,
    // -RequestFile: Exchange 2013 only (removed from 2016/2019 by the 2022 H1 CUs); elsewhere the request is written to the screen.
    parameters: params(
      [
        E10_19,
        'BinaryEncoded GenerateRequest DomainName Force FriendlyName IncludeAcceptedDomains IncludeAutoDiscover IncludeServerFQDN IncludeServerNetBIOSName Instance KeySize PrivateKeyExportable Server Services SubjectKeyIdentifier SubjectName ' +
          EX_WRITE_COMMON,
      ],
      [['Exchange2013'], 'RequestFile'],
    ),
    roles: SERVER_WRITE,
    source: ex('New-ExchangeCertificate'),
  },
  {
    name: 'Set-ClientAccessService',
    product: 'exchange',
    versions: E16_19,
    parameters: params([
      E16_19,
      'Identity AlternateServiceAccountCredential Array AutoDiscoverServiceInternalUri AutoDiscoverSiteScope CleanUpInvalidAlternateServiceAccountCredentials RemoveAlternateServiceAccountCredentials ' +
        EX_WRITE_COMMON,
    ]),
    roles: SERVER_WRITE,
    source: ex('Set-ClientAccessService'),
  },
  {
    name: 'Set-ClientAccessServer',
    product: 'exchange',
    versions: E10_19,
    parameters: params(
      [
        E10_19,
        'Identity AlternateServiceAccountCredential AutoDiscoverServiceInternalUri AutoDiscoverSiteScope CleanUpInvalidAlternateServiceAccountCredentials RemoveAlternateServiceAccountCredentials ' +
          EX_WRITE_COMMON,
      ],
      [E13_19, 'Array'],
      [E10, 'IrmLogEnabled IrmLogMaxAge IrmLogMaxDirectorySize IrmLogMaxFileSize IrmLogPath IsOutOfService'],
    ),
    roles: SERVER_WRITE,
    source: ex('Set-ClientAccessServer'),
  },
  {
    name: 'Add-ADPermission',
    product: 'exchange',
    versions: E10_19,
    parameters: params([E10_19, 'Identity Instance Owner User AccessRights ChildObjectTypes Deny ExtendedRights InheritanceType InheritedObjectType Properties ' + EX_WRITE_COMMON]),
    roles: ORG_WRITE,
    source: ex('Add-ADPermission'),
  },
  {
    // Two parameter sets: ACSTrustApplication (-ApplicationIdentifier, -Realm) and AuthMetadataUrl (-AuthMetadataUrl,
    // -TrustAnySSLCertificate). -AccountType from 2016; -IssuerIdentifier, -ActAsPermissions, -AppOnlyPermissions 2013 only.
    name: 'New-PartnerApplication',
    product: 'exchange',
    versions: E13_19,
    parameters: params(
      [E13_19, 'Name ApplicationIdentifier Realm AuthMetadataUrl TrustAnySSLCertificate AcceptSecurityIdentifierInformation Enabled LinkedAccount ' + EX_WRITE_COMMON],
      [E16_19, 'AccountType'],
      [['Exchange2013'], 'IssuerIdentifier ActAsPermissions AppOnlyPermissions'],
    ),
    roles: ORG_WRITE,
    source: ex('New-PartnerApplication'),
  },
  {
    // Exchange's script that creates the UM IP gateways and hunt groups for each Lync/Skype pool and grants the AD permissions; takes no parameter.
    name: 'ExchUcUtil.ps1',
    product: 'exchange',
    versions: E10_16,
    parameters: [],
    roles: ORG_WRITE,
    source: 'https://learn.microsoft.com/skypeforbusiness/deploy/deploy-enterprise-voice/configure-unified-messaging-on-microsoft-exchange',
  },
  {
    // Exchange's script that makes Lync/Skype a partner application of Exchange (OAuth, Exchange 2013 and later).
    name: 'Configure-EnterprisePartnerApplication.ps1',
    product: 'exchange',
    versions: E13_19,
    parameters: params([E13_19, 'AuthMetaDataUrl ApplicationType']),
    roles: ORG_WRITE,
    source: 'https://learn.microsoft.com/skypeforbusiness/deploy/integrate-with-exchange-server/oauth-with-partner-applications',
  },

  // ================================================================ Skype for Business: fix texts
  {
    name: 'Set-CsUser',
    product: 'skype',
    versions: S13_19,
    parameters: params(
      [
        S13_19,
        'Identity AcpInfo AudioVideoDisabled DomainController Enabled EnterpriseVoiceEnabled HostedVoiceMail LineServerURI LineURI PassThru PrivateLine RemoteCallControlTelephonyEnabled SipAddress WhatIf Confirm',
      ],
      [S13_19, 'ExchangeArchivingPolicy'],
    ),
    roles: CS_USER_WRITE,
    source: sk('Set-CsUser'),
  },
  {
    name: 'Enable-CsUser',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Identity RegistrarPool SipAddressType SipDomain SipAddress HostingProviderProxyFqdn ProxyPool DomainController PassThru WhatIf Confirm']),
    // The page: "By default, members of the following groups are authorized to run the Enable-CsUser cmdlet locally: RTCUniversalUserAdmins."
    roles: CS_USER_WRITE,
    source: sk('Enable-CsUser'),
  },
  {
    name: 'Grant-CsHostedVoicemailPolicy',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Identity PolicyName DomainController PassThru WhatIf Confirm']),
    // Its Lync Server 2010 page: "members of the following groups are authorized to run the Grant-CsHostedVoicemailPolicy cmdlet locally: RTCUniversalUserAdmins."
    roles: CS_USER_WRITE,
    source: sk('Grant-CsHostedVoicemailPolicy'),
  },
  {
    // Its parameters are the members Get-CsHostedVoicemailPolicy returns (Identity, Description, Destination, Organization).
    name: 'New-CsHostedVoicemailPolicy',
    product: 'skype',
    versions: S13_19,
    // -Tenant: "Applicable: Lync Server 2013, Skype for Business Server 2015" (not 2019).
    parameters: params([S13_19, 'Identity Description Destination Organization Force InMemory WhatIf Confirm'], [['Lync2013', 'SfB2015'], 'Tenant']),
    roles: CS_VOICE_WRITE,
    source: sk('New-CsHostedVoicemailPolicy'),
  },
  {
    name: 'Set-CsMediaConfiguration',
    product: 'skype',
    versions: S13_19,
    parameters: params(
      [S13_19, 'Identity EnableQoS EnableSiren EncryptionLevel Force Instance MaxVideoRateAllowed Confirm WhatIf'],
      [['Lync2013'], 'EnableAdaptiveBandWidthEstimation EnableG722StereoCodec EnableH264Codec'],
      [S15_19, 'EnableInCallQoS EnableRtpRtcpMultiplexing EnableVideoBasedSharing InCallQoSIntervalSeconds'],
      [['SfB2019'], 'EnableDtls EnableServerFecForVideoInterop EnableSilkForAudioVideoConferences WaitIceCompletedToAddDialOutUser'],
    ),
    roles: CS_VOICE_WRITE,
    source: sk('Set-CsMediaConfiguration'),
  },
  {
    name: 'Set-CsOAuthConfiguration',
    product: 'skype',
    versions: S13_19,
    parameters: params(
      [S13_19, 'Identity ExchangeAutodiscoverAllowedDomains ExchangeAutodiscoverUrl Force Instance Realm ServiceName Tenant Confirm WhatIf'],
      [S15_19, 'ClientAuthorizationOAuthServerIdentity'],
    ),
    roles: CS_ADMIN,
    source: sk('Set-CsOAuthConfiguration'),
  },
  {
    name: 'Set-CsCertificate',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Thumbprint Type Force Reference Report EffectiveDate Identity Password Path Roll Confirm WhatIf']),
    roles: CS_SERVER_WRITE,
    source: sk('Set-CsCertificate'),
  },
  {
    name: 'Request-CsCertificate',
    product: 'skype',
    versions: S13_19,
    parameters: params([
      S13_19,
      'New Type CA CaAccount CaPassword City Clear ClientEKU ComputerFqdn Country DomainName Force FriendlyName GlobalCatalog GlobalSettingsDomainController KeyAlg KeySize List Organization OU Output PrivateKeyExportable State Template Report RequestId Retrieve AllSipDomain WhatIf Confirm',
    ]),
    roles: CS_SERVER_WRITE,
    source: sk('Request-CsCertificate'),
  },
  {
    name: 'New-CsPartnerApplication',
    product: 'skype',
    versions: S13_19,
    parameters: params([
      S13_19,
      'Identity ApplicationIdentifier ApplicationTrustLevel UseOAuthServer AcceptSecurityIdentifierInformation Enabled Force InMemory Realm Tenant CertificateFileData CertificateRawData MetadataUrl Confirm WhatIf',
    ]),
    roles: CS_ADMIN,
    source: sk('New-CsPartnerApplication'),
  },
  {
    name: 'Set-CsPartnerApplication',
    product: 'skype',
    versions: S13_19,
    parameters: params([
      S13_19,
      'Identity CertificateFileData CertificateRawData AcceptSecurityIdentifierInformation ApplicationTrustLevel Enabled Force Tenant UseOAuthServer MetadataUrl Instance Confirm WhatIf',
    ]),
    roles: CS_ADMIN,
    source: sk('Set-CsPartnerApplication'),
  },
  {
    name: 'New-CsDialPlan',
    product: 'skype',
    versions: S13_19,
    parameters: params([
      S13_19,
      'Identity City CountryCode Description DialinConferencingRegion ExternalAccessPrefix Force InMemory NormalizationRules OptimizeDeviceDialing SimpleName State Confirm WhatIf',
    ]),
    roles: CS_VOICE_WRITE,
    source: sk('New-CsDialPlan'),
  },
  {
    name: 'Stop-CsWindowsService',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Name ComputerName Graceful InputObject NoWait Force Report LeaveClsAgentRunning LeaveWebServerRunning Confirm WhatIf']),
    roles: CS_SERVER_WRITE,
    source: sk('Stop-CsWindowsService'),
  },
  {
    name: 'Start-CsWindowsService',
    product: 'skype',
    versions: S13_19,
    parameters: params([S13_19, 'Name ComputerName InputObject NoWait Force Report Confirm WhatIf']),
    roles: CS_SERVER_WRITE,
    source: sk('Start-CsWindowsService'),
  },

  // ================================================================ Active Directory module (the domain's admins)
  {
    name: 'Get-ADUser',
    product: 'ad',
    versions: ANY,
    parameters: params([ANY, 'Filter Identity LDAPFilter AuthType Credential Partition Properties ResultPageSize ResultSetSize SearchBase SearchScope Server']),
    roles: ['Domain Users (read)'],
    source: 'https://learn.microsoft.com/powershell/module/activedirectory/get-aduser',
  },
  {
    // -Identity takes a DN, GUID, SID or sAMAccountName (not a UPN): the account is piped from Get-ADUser (the page's Example 3).
    name: 'Enable-ADAccount',
    product: 'ad',
    versions: ANY,
    parameters: params([ANY, 'Identity AuthType Credential Partition PassThru Server Confirm WhatIf']),
    roles: ['Account Operators', 'Domain Admins'],
    source: 'https://learn.microsoft.com/powershell/module/activedirectory/enable-adaccount',
  },

  // ================================================================ Windows PowerShell
  {
    // -ComputerName (Windows PowerShell 5.1): the service object of another server, which Restart-Service takes from the pipeline.
    name: 'Get-Service',
    product: 'windows',
    versions: ANY,
    parameters: params([ANY, 'Name ComputerName DependentServices RequiredServices DisplayName Include Exclude InputObject']),
    roles: ['local Administrators'],
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-service?view=powershell-5.1',
  },
  {
    // No -ComputerName in Windows PowerShell 5.1: the service comes from Get-Service -ComputerName through the pipeline (the page's Example 3 pipes Get-Service).
    name: 'Restart-Service',
    product: 'windows',
    versions: ANY,
    parameters: params([ANY, 'Name DisplayName InputObject Force PassThru Include Exclude Confirm WhatIf']),
    roles: ['local Administrators'],
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/restart-service?view=powershell-5.1',
  },
  {
    // Shaping happens in the console's own PowerShell (the Exchange endpoint runs in no-language mode).
    name: 'Select-Object',
    product: 'windows',
    versions: ANY,
    parameters: params([ANY, 'Property ExcludeProperty ExpandProperty First Last Skip SkipLast Unique Wait Index InputObject']),
    roles: [],
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-object?view=powershell-5.1',
  },
  {
    name: 'Where-Object',
    product: 'windows',
    versions: ANY,
    parameters: params([ANY, 'FilterScript Property Value InputObject EQ NE GT GE LT LE Like NotLike Match NotMatch Contains NotContains In NotIn Is IsNot CEQ CNE CLike CMatch']),
    roles: [],
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/where-object?view=powershell-5.1',
  },
  // ---- certificate renewal (shared/certificates/renewal.ts): the steps the Certificates screen and umc cert show
  {
    name: 'Import-ExchangeCertificate',
    product: 'exchange',
    versions: E10_19,
    // -FileName is 2013+; -FileData (the file read with Get-Content -Encoding Byte) works on every version.
    parameters: params([E10_19, 'FileData Instance FriendlyName Password PrivateKeyExportable Server ' + EX_WRITE_COMMON], [E13_19, 'FileName']),
    roles: SERVER_WRITE,
    source: ex('Import-ExchangeCertificate'),
  },
  {
    name: 'Set-AuthConfig',
    product: 'exchange',
    versions: E13_19,
    parameters: params([
      E13_19,
      'CertificateThumbprint SkipImmediateCertificateDeployment ClearPreviousCertificate PublishCertificate NewCertificateEffectiveDate NewCertificateThumbprint Realm ServiceName Force Server ' +
        EX_WRITE_COMMON,
    ]),
    roles: ['Organization Management'],
    source: ex('Set-AuthConfig'),
  },
  {
    // An executable (IIS), not a cmdlet: restarts IIS so Exchange reloads its partner applications.
    name: 'iisreset',
    product: 'windows',
    versions: ANY,
    parameters: [],
    roles: ['local Administrators'],
    source: 'https://learn.microsoft.com/exchange/plan-and-deploy/integration-with-sharepoint-and-skype/integration-with-sharepoint-and-skype',
  },
];

const BY_NAME: ReadonlyMap<string, CmdletReference> = new Map(CMDLET_REFERENCE.map((c) => [c.name.toLowerCase(), c]));

/** A product version as admins name it (the same in every language: product names). */
export const PRODUCT_VERSION_LABEL: Readonly<Record<ProductVersion, string>> = {
  Exchange2010: 'Exchange 2010',
  Exchange2013: 'Exchange 2013',
  Exchange2016: 'Exchange 2016',
  Exchange2019: 'Exchange 2019',
  Lync2013: 'Lync Server 2013',
  SfB2015: 'Skype for Business Server 2015',
  SfB2019: 'Skype for Business Server 2019',
};

/** The row of a cmdlet or script, by name (case-insensitive, as PowerShell resolves command names). */
export function cmdletReference(name: string): CmdletReference | undefined {
  return BY_NAME.get(name.toLowerCase());
}
