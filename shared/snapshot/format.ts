/**
 * The snapshot file format (docs/snapshot-format.md): what a live capture writes and what the lab ships.
 *
 * Each section holds one cmdlet's output exactly as it arrives over remote PowerShell and is
 * converted to JSON on the client (docs/remote-shapes.md): enums and AD ids as strings,
 * multi-valued properties as arrays, dates as `\/Date(ms)\/` (Windows PowerShell 5.1) or
 * ISO 8601 (PowerShell 7), plus the remoting extras (PSComputerName, RunspaceId, …).
 */

export const SNAPSHOT_FORMAT = 'umc-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

/** Exchange sections and the exact pipeline a live capture runs for each (the live capture reuses this table). */
export const EXCHANGE_SECTIONS = {
  organization: 'Get-OrganizationConfig | Select-Object Name',
  servers: 'Get-ExchangeServer',
  umServices: 'Get-UMService',
  callRouters: 'Get-UMCallRouterSettings',
  clientAccess: 'Get-ClientAccessService',
  dialPlans: 'Get-UMDialPlan',
  ipGateways: 'Get-UMIPGateway',
  huntGroups: 'Get-UMHuntGroup',
  autoAttendants: 'Get-UMAutoAttendant',
  mailboxPolicies: 'Get-UMMailboxPolicy',
  certificates: 'Get-ExchangeCertificate -Server <each> | Select-Object Identity,Thumbprint,Services,Status,RootCAType,IsSelfSigned,HasPrivateKey,NotAfter,RawData',
  partnerApplications: 'Get-PartnerApplication',
  permissions: 'Get-ADPermission -Identity <org, UM DialPlan Container, UM AutoAttendant Container>',
  mailboxes: 'Get-Mailbox -ResultSize Unlimited | Select-Object DisplayName,PrimarySmtpAddress,ServerName,AccountDisabled,UMEnabled,EmailAddresses',
  umMailboxes: 'Get-UMMailbox -ResultSize Unlimited | Select-Object PrimarySmtpAddress,UMEnabled,UMDialPlan,UMMailboxPolicy,Extensions,SIPResourceIdentifier',
} as const;

export const SKYPE_SECTIONS = {
  sipDomains: 'Get-CsSipDomain',
  sites: 'Get-CsSite',
  pools: 'Get-CsPool',
  registrars: 'Get-CsService -Registrar',
  mediationServers: 'Get-CsService -MediationServer',
  pstnGateways: 'Get-CsService -PstnGateway',
  dialPlans: 'Get-CsDialPlan',
  mediaConfigurations: 'Get-CsMediaConfiguration',
  hostedVoicemailPolicies: 'Get-CsHostedVoicemailPolicy',
  exUmContacts: 'Get-CsExUmContact',
  certificates: 'Get-CsCertificate (on each Front End)',
  oauth: 'Get-CsOAuthConfiguration',
  partnerApplications: 'Get-CsPartnerApplication',
  users:
    'Get-CsUser -ResultSize Unlimited | Select-Object SipAddress,DisplayName,UserPrincipalName,Enabled,RegistrarPool,EnterpriseVoiceEnabled,LineURI,DialPlan,VoicePolicy,HostedVoiceMail,HostedVoicemailPolicy,ExUmEnabled',
} as const;

export type ExchangeSectionName = keyof typeof EXCHANGE_SECTIONS;
export type SkypeSectionName = keyof typeof SKYPE_SECTIONS;

/**
 * How completely a section was read. Absent = `read` (every snapshot written before live fidelity).
 * - `read`: every call of the section answered;
 * - `partial`: some calls failed (a server that did not answer, a page refused): the objects are what came back;
 * - `not-read`: the cmdlet is not available to the account or the product version (RBAC, Exchange 2019
 *   has no UM cmdlets…), or every call failed: `objects` is empty and the rules that need it are not judged.
 */
export type SectionReadStatus = 'read' | 'partial' | 'not-read';

/** Why a section is not read or partial, in words an admin acts on (stored in the snapshot, shown as is). */
export interface SectionNote {
  readonly text: string;
  /** The cmdlet concerned, when one is. */
  readonly cmdlet?: string;
  /** `unavailable`: not imported (version or RBAC); `failed`: the call failed; `skipped`: an object or value the decoder could not read. */
  readonly reason?: 'unavailable' | 'failed' | 'skipped';
  /** The product version or management role that would provide the cmdlet. */
  readonly providedBy?: string;
}

export interface RawSection {
  /** The pipeline that produced the objects (informational; the decoder keys on the section name). */
  readonly command: string;
  readonly objects: readonly unknown[];
  /** Absent = `read`. */
  readonly status?: SectionReadStatus;
  readonly notes?: readonly SectionNote[];
}

/**
 * The one property a capture adds to an object: on per-server reads (`Get-ExchangeCertificate -Server X`,
 * `Get-UMCallRouterSettings -Server X`), the server the call asked — remoting's PSComputerName names the
 * server the session is on, not the one asked, and an ExchangeCertificate carries no server over remoting.
 */
export const QUERIED_SERVER_PROPERTY = 'UmcQueriedServer';

export interface RawSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly formatVersion: number;
  /** ISO 8601 UTC. */
  readonly capturedAt: string;
  readonly source: {
    readonly kind: 'lab' | 'live';
    readonly label: string;
    readonly powerShellVersion: string;
  };
  readonly exchange: Readonly<Record<ExchangeSectionName, RawSection>>;
  readonly skype: Readonly<Record<SkypeSectionName, RawSection>>;
}
