/**
 * The org model: one readonly picture of both sides of the integration, built by
 * `decodeSnapshot` from what the cmdlets return (lab, snapshot file or live session).
 *
 * Runs everywhere (shared/): no Node, no DOM, no Electron.
 * Names follow the cmdlet properties so an admin recognises them (docs/cmdlet-shapes.md).
 */

export type Severity = 'error' | 'warning' | 'info';

export type ExchangeProduct = '2007' | '2010' | '2013' | '2016' | '2019' | 'unknown';

export interface ExchangeVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly revision: number;
  /** Product line derived from major.minor: 14 = 2010, 15.0 = 2013, 15.1 = 2016, 15.2 = 2019 (cmdlet-shapes §2.10). */
  readonly product: ExchangeProduct;
  /** As the cmdlet printed it, e.g. `Version 15.1 (Build 2507.6)`. */
  readonly text: string;
}

export type UmStartupMode = 'TCP' | 'TLS' | 'Dual';

export interface UmServiceSettings {
  readonly startupMode: UmStartupMode;
  /** Dial plans the service answers (Exchange 2010 UM servers; empty list on 2013+ for Get-UMService). */
  readonly dialPlans: readonly string[];
  readonly sipTcpPort: number | null;
  readonly sipTlsPort: number | null;
}

export interface ExchangeServer {
  readonly name: string;
  readonly fqdn: string;
  readonly site: string;
  readonly version: ExchangeVersion;
  /** ServerRole flags as listed by Get-ExchangeServer, e.g. ["Mailbox", "ClientAccess"]. */
  readonly roles: readonly string[];
  readonly isUnifiedMessagingServer: boolean;
  readonly isClientAccessServer: boolean;
  readonly isMailboxServer: boolean;
  /** Get-UMService (Mailbox role, 2013+) or Get-UMServer (2010). Null when the server has no UM service. */
  readonly umService: UmServiceSettings | null;
  /** Get-UMCallRouterSettings (Client Access role, 2013+). */
  readonly callRouter: UmServiceSettings | null;
  /** Get-ClientAccessService / Get-ClientAccessServer AutoDiscoverServiceInternalUri; null when not a CAS or empty. */
  readonly autodiscoverInternalUri: string | null;
}

export type UmUriType = 'TelExtn' | 'E164' | 'SipName';
export type VoipSecurity = 'Unsecured' | 'SIPSecured' | 'Secured';

export interface UmDialPlan {
  readonly name: string;
  readonly uriType: UmUriType;
  readonly voipSecurity: VoipSecurity;
  /** The dial plan FQDN (`<name>.<domain>`), used as Lync dial plan name (pre-2010 SP1) and, first label, as hunt group pilot. */
  readonly phoneContext: string;
  readonly numberOfDigitsInExtension: number;
  /** Outlook Voice Access (subscriber access) numbers. */
  readonly accessTelephoneNumbers: readonly string[];
  readonly pilotIdentifierList: readonly string[];
  readonly umIpGateways: readonly string[];
  readonly umAutoAttendants: readonly string[];
  readonly umMailboxPolicies: readonly string[];
  /** Exchange 2010 UM servers linked to the dial plan. */
  readonly umServers: readonly string[];
  readonly countryOrRegionCode: string;
}

export type GatewayStatus = 'Enabled' | 'Disabled' | 'NoNewCalls';
export type IpAddressFamily = 'IPv4Only' | 'IPv6Only' | 'Any';

export interface UmIpGateway {
  readonly name: string;
  /** UMSmartHost as a string: an IP literal or an FQDN. */
  readonly address: string;
  readonly addressIsIpLiteral: boolean;
  readonly port: number;
  readonly status: GatewayStatus;
  readonly outcallsAllowed: boolean;
  readonly messageWaitingIndicatorAllowed: boolean;
  readonly ipAddressFamily: IpAddressFamily;
  readonly huntGroups: readonly string[];
}

export interface UmHuntGroup {
  /** `<gateway>\<hunt group>`, the identity Get-UMHuntGroup prints. */
  readonly id: string;
  readonly name: string;
  readonly gateway: string;
  readonly dialPlan: string;
  /** Empty string = default hunt group (catches every call). */
  readonly pilotIdentifier: string;
}

export interface UmAutoAttendant {
  readonly name: string;
  readonly dialPlan: string;
  readonly status: 'Enabled' | 'Disabled';
  readonly pilotIdentifierList: readonly string[];
  readonly speechEnabled: boolean;
}

export interface UmMailboxPolicy {
  readonly name: string;
  readonly dialPlan: string;
}

export interface CertificateFacts {
  /** SHA-1 thumbprint, upper-case hex without separators, as Windows shows it. */
  readonly thumbprint: string;
  readonly subject: string;
  readonly subjectCommonName: string | null;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly dnsNames: readonly string[];
  readonly keyAlgorithm: string;
  readonly keySize: number | null;
  readonly isSelfSigned: boolean;
  readonly isCertificateAuthority: boolean;
  /** Extended key usage OIDs; null when the certificate has no EKU extension. */
  readonly extendedKeyUsage: readonly string[] | null;
}

export interface CertificateRef {
  readonly facts: CertificateFacts | null;
  /** Why the raw bytes could not be read, when they could not. */
  readonly unreadable: string | null;
  /** Base64 DER, as RawData arrives over remote PowerShell. */
  readonly rawData: string;
}

export interface ExchangeCertificate extends CertificateRef {
  readonly server: string;
  /** AllowedServices flags as a list: IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter. */
  readonly services: readonly string[];
}

export interface ExchangePartnerApplication {
  readonly name: string;
  readonly authMetadataUrl: string;
  readonly enabled: boolean;
}

export interface AdPermission {
  /** The object the ACE is on, e.g. `UM DialPlan Container`. */
  readonly object: string;
  /** `DOMAIN\group`. */
  readonly user: string;
  readonly accessRights: readonly string[];
  readonly inheritanceType: string;
  readonly deny: boolean;
}

export interface ExchangeSide {
  readonly organizationName: string;
  readonly servers: readonly ExchangeServer[];
  readonly dialPlans: readonly UmDialPlan[];
  readonly ipGateways: readonly UmIpGateway[];
  readonly huntGroups: readonly UmHuntGroup[];
  readonly autoAttendants: readonly UmAutoAttendant[];
  readonly mailboxPolicies: readonly UmMailboxPolicy[];
  readonly certificates: readonly ExchangeCertificate[];
  readonly partnerApplications: readonly ExchangePartnerApplication[];
  readonly permissions: readonly AdPermission[];
}

export type SiteKind = 'CentralSite' | 'BranchOffice';

export interface SkypeSite {
  /** `Site:Atlanta`. */
  readonly identity: string;
  readonly name: string;
  readonly siteId: number;
  readonly kind: SiteKind;
  readonly parentSite: string | null;
}

export type PoolRole = 'FrontEnd' | 'StandardEdition' | 'Director' | 'SurvivableBranchAppliance';
export type SkypeProduct = 'OCS2007R2' | 'Lync2010' | 'Lync2013' | 'SfB2015' | 'SfB2019' | 'unknown';

export interface SkypePool {
  readonly fqdn: string;
  readonly site: string;
  readonly role: PoolRole;
  readonly product: SkypeProduct;
  readonly computers: readonly string[];
  readonly services: readonly string[];
}

export interface MediationServer {
  readonly poolFqdn: string;
  readonly site: string;
  readonly registrar: string | null;
  readonly sipTlsPort: number | null;
  readonly gateways: readonly string[];
}

export interface PstnGateway {
  readonly address: string;
  readonly site: string;
  readonly port: number | null;
  readonly protocol: string;
  readonly mediationServer: string | null;
}

export type CsScope = 'Global' | 'Site' | 'Service' | 'User';

export interface CsDialPlan {
  readonly identity: string;
  readonly scope: CsScope;
  /** The name a UM dial plan's PhoneContext is compared with (the identity without scope prefix). */
  readonly name: string;
  readonly simpleName: string;
}

export type EncryptionLevel = 'RequireEncryption' | 'SupportEncryption' | 'DoNotSupportEncryption';

export interface CsMediaConfiguration {
  readonly identity: string;
  readonly scope: CsScope;
  /** Site name or service pool FQDN the configuration applies to; null for Global. */
  readonly target: string | null;
  readonly encryptionLevel: EncryptionLevel;
}

export interface ExUmContact {
  /** Distinguished name. */
  readonly identity: string;
  readonly displayName: string;
  readonly sipAddress: string;
  readonly displayNumber: string;
  readonly lineUri: string;
  readonly autoAttendant: boolean;
  readonly isSubscriberAccess: boolean;
  readonly registrarPool: string;
  readonly enabled: boolean;
  readonly enterpriseVoiceEnabled: boolean;
  readonly ou: string;
  readonly description: string;
}

export interface SkypeCertificate extends CertificateRef {
  readonly server: string;
  readonly pool: string;
  /** Default, WebServicesInternal, WebServicesExternal, OAuthTokenIssuer, … */
  readonly use: string;
}

export interface OAuthConfiguration {
  readonly exchangeAutodiscoverUrl: string;
  readonly realm: string;
}

export interface SkypePartnerApplication {
  readonly identity: string;
  readonly applicationIdentifier: string;
  readonly metadataUrl: string;
  readonly applicationTrustLevel: string;
  readonly enabled: boolean;
}

export interface SkypeSide {
  readonly defaultSipDomain: string;
  readonly sites: readonly SkypeSite[];
  readonly pools: readonly SkypePool[];
  readonly mediationServers: readonly MediationServer[];
  readonly pstnGateways: readonly PstnGateway[];
  readonly dialPlans: readonly CsDialPlan[];
  readonly mediaConfigurations: readonly CsMediaConfiguration[];
  readonly exUmContacts: readonly ExUmContact[];
  readonly certificates: readonly SkypeCertificate[];
  readonly oauth: OAuthConfiguration | null;
  readonly partnerApplications: readonly SkypePartnerApplication[];
}

export interface SkypeUser {
  readonly sipAddress: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly enabled: boolean;
  readonly registrarPool: string;
  readonly enterpriseVoiceEnabled: boolean;
  readonly lineUri: string;
  readonly dialPlan: string;
  readonly voicePolicy: string;
  readonly hostedVoiceMail: boolean | null;
  readonly hostedVoicemailPolicy: string;
  readonly exUmEnabled: boolean;
}

export interface UmMailbox {
  readonly displayName: string;
  readonly primarySmtpAddress: string;
  readonly umEnabled: boolean;
  readonly umDialPlan: string;
  readonly umMailboxPolicy: string;
  readonly extensions: readonly string[];
  readonly sipResourceIdentifier: string;
  readonly emailAddresses: readonly string[];
  readonly serverName: string;
  readonly accountDisabled: boolean;
}

export type SourceKind = 'lab' | 'snapshot' | 'live';

export interface OrgSource {
  readonly kind: SourceKind;
  /** What the status bar names: the lab org, the file, or the profile. */
  readonly label: string;
  /** When the data was read from the servers (snapshot capturedAt). */
  readonly readAt: string;
  /** PowerShell edition that produced the data, e.g. `5.1` or `7.4`. */
  readonly powerShellVersion: string;
}

export interface OrgModel {
  readonly source: OrgSource;
  readonly exchange: ExchangeSide;
  readonly skype: SkypeSide;
  readonly users: readonly SkypeUser[];
  readonly mailboxes: readonly UmMailbox[];
}

/** A typed reference to one object of the model: what findings name and the map selects. */
export type ObjectKind =
  | 'exchangeServer'
  | 'umDialPlan'
  | 'umIpGateway'
  | 'umHuntGroup'
  | 'umAutoAttendant'
  | 'umMailboxPolicy'
  | 'exchangeCertificate'
  | 'exchangePartnerApplication'
  | 'exchangeOrganization'
  | 'skypeSite'
  | 'skypePool'
  | 'mediationServer'
  | 'pstnGateway'
  | 'csDialPlan'
  | 'csMediaConfiguration'
  | 'exUmContact'
  | 'skypeCertificate'
  | 'oauthConfiguration'
  | 'skypePartnerApplication';

export interface ObjectRef {
  readonly kind: ObjectKind;
  readonly id: string;
}

export const OBJECT_KINDS: readonly ObjectKind[] = [
  'exchangeServer',
  'umDialPlan',
  'umIpGateway',
  'umHuntGroup',
  'umAutoAttendant',
  'umMailboxPolicy',
  'exchangeCertificate',
  'exchangePartnerApplication',
  'exchangeOrganization',
  'skypeSite',
  'skypePool',
  'mediationServer',
  'pstnGateway',
  'csDialPlan',
  'csMediaConfiguration',
  'exUmContact',
  'skypeCertificate',
  'oauthConfiguration',
  'skypePartnerApplication',
];

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}:${ref.id}`;
}
