/**
 * The org model: one readonly picture of both sides of the integration, built by
 * `decodeSnapshot` from what the cmdlets return (lab, snapshot file or live session).
 *
 * Runs everywhere (shared/): no Node, no DOM, no Electron.
 * Names follow the cmdlet properties so an admin recognises them (docs/remote-shapes.md).
 */

import type { CertificateFacts } from '../certificates/cert-model';
import type { Message } from '../i18n/translate';

export type Severity = 'error' | 'warning' | 'info';

/** Product lines AdminDisplayVersion maps to (shared/snapshot/property-readers.ts parseExchangeVersion). */
export const EXCHANGE_PRODUCTS = ['2007', '2010', '2013', '2016', '2019', 'unknown'] as const;
export type ExchangeProduct = (typeof EXCHANGE_PRODUCTS)[number];

export interface ExchangeVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly revision: number;
  /** Product line derived from major.minor: 14 = 2010, 15.0 = 2013, 15.1 = 2016, 15.2 = 2019 (docs/remote-shapes.md). */
  readonly product: ExchangeProduct;
  /** As the cmdlet printed it, e.g. `Version 15.1 (Build 2507.6)`. */
  readonly text: string;
}

/**
 * Enum types are `Known | (string & {})`: a value a newer product version (or an unusual org) sends
 * that the console does not know is kept and shown as it came, never refused (docs/snapshot-format.md).
 * Comparisons with the known names work as before.
 */
export const UM_STARTUP_MODES = ['TCP', 'TLS', 'Dual'] as const;
export type KnownUmStartupMode = (typeof UM_STARTUP_MODES)[number];
export type UmStartupMode = KnownUmStartupMode | (string & {});

export interface UmServiceSettings {
  readonly startupMode: UmStartupMode;
  /** Dial plans the service answers (Exchange 2010 UM servers; empty list on 2013+ for Get-UMService). */
  readonly dialPlans: readonly string[];
  readonly sipTcpPort: number | null;
  readonly sipTlsPort: number | null;
  /**
   * UMCertificateThumbprint: the certificate Exchange binds to this UM service or call router (set by
   * Enable-ExchangeCertificate -Services UM / UMCallRouter). Null when none is bound; absent when the
   * object did not carry the property (then the binding is unknown).
   */
  readonly certificateThumbprint?: string | null;
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

export const UM_URI_TYPES = ['TelExtn', 'E164', 'SipName'] as const;
export type KnownUmUriType = (typeof UM_URI_TYPES)[number];
export type UmUriType = KnownUmUriType | (string & {});
export const VOIP_SECURITIES = ['Unsecured', 'SIPSecured', 'Secured'] as const;
export type KnownVoipSecurity = (typeof VOIP_SECURITIES)[number];
export type VoipSecurity = KnownVoipSecurity | (string & {});

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

export const GATEWAY_STATUSES = ['Enabled', 'Disabled', 'NoNewCalls'] as const;
export type KnownGatewayStatus = (typeof GATEWAY_STATUSES)[number];
export type GatewayStatus = KnownGatewayStatus | (string & {});
export const IP_ADDRESS_FAMILIES = ['IPv4Only', 'IPv6Only', 'Any'] as const;
export type KnownIpAddressFamily = (typeof IP_ADDRESS_FAMILIES)[number];
export type IpAddressFamily = KnownIpAddressFamily | (string & {});

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

export const AUTO_ATTENDANT_STATUSES = ['Enabled', 'Disabled'] as const;
export type AutoAttendantStatus = (typeof AUTO_ATTENDANT_STATUSES)[number] | (string & {});

export interface UmAutoAttendant {
  readonly name: string;
  readonly dialPlan: string;
  readonly status: AutoAttendantStatus;
  readonly pilotIdentifierList: readonly string[];
  readonly speechEnabled: boolean;
}

export interface UmMailboxPolicy {
  readonly name: string;
  readonly dialPlan: string;
}

/** A certificate's facts: the one shape, read once (shared/certificates/cert-model.ts). */
export type { CertificateFacts } from '../certificates/cert-model';

export interface CertificateRef {
  readonly facts: CertificateFacts | null;
  /** Why the raw bytes could not be read, when they could not. */
  readonly unreadable: string | null;
  /** Base64 DER, as RawData arrives over remote PowerShell. */
  readonly rawData: string;
}

export interface ExchangeCertificate extends CertificateRef {
  /** The server the certificate was read on; empty when unknown. */
  readonly server: string;
  /**
   * AllowedServices flags as a list: IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter. When
   * `servicesKnown` is false, only the UM bindings found (`umBindingKnown`) are listed.
   */
  readonly services: readonly string[];
  /**
   * True when `services` is the certificate's whole AllowedServices list (the capture carried
   * `Services`). False over remoting, where an ExchangeCertificate arrives as a plain certificate
   * (RawData only): the services other than UM and UMCallRouter are then unknown, never "none".
   */
  readonly servicesKnown: boolean;
  /**
   * True when whether the certificate is bound to UM and UMCallRouter is known: from `Services`, or
   * from the UMCertificateThumbprint of the server's UM service and call router. False when neither
   * could be read (then `services` may miss UM bindings).
   */
  readonly umBindingKnown: boolean;
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

export const SITE_KINDS = ['CentralSite', 'BranchOffice'] as const;
export type KnownSiteKind = (typeof SITE_KINDS)[number];
export type SiteKind = KnownSiteKind | (string & {});

export interface SkypeSite {
  /** `Site:Atlanta`. */
  readonly identity: string;
  readonly name: string;
  readonly siteId: number;
  readonly kind: SiteKind;
  readonly parentSite: string | null;
}

export const POOL_ROLES = ['FrontEnd', 'StandardEdition', 'Director', 'SurvivableBranchAppliance'] as const;
export type PoolRole = (typeof POOL_ROLES)[number];
export const SKYPE_PRODUCTS = ['OCS2007R2', 'Lync2010', 'Lync2013', 'SfB2015', 'SfB2019', 'unknown'] as const;
export type SkypeProduct = (typeof SKYPE_PRODUCTS)[number];

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

export const CS_SCOPES = ['Global', 'Site', 'Service', 'User'] as const;
export type CsScope = (typeof CS_SCOPES)[number];

export interface CsDialPlan {
  readonly identity: string;
  readonly scope: CsScope;
  /** The name a UM dial plan's PhoneContext is compared with (the identity without scope prefix). */
  readonly name: string;
  readonly simpleName: string;
}

export const ENCRYPTION_LEVELS = ['RequireEncryption', 'SupportEncryption', 'DoNotSupportEncryption'] as const;
export type KnownEncryptionLevel = (typeof ENCRYPTION_LEVELS)[number];
export type EncryptionLevel = KnownEncryptionLevel | (string & {});

export interface CsMediaConfiguration {
  readonly identity: string;
  readonly scope: CsScope;
  /** Site name or service pool FQDN the configuration applies to; null for Global. */
  readonly target: string | null;
  readonly encryptionLevel: EncryptionLevel;
}

/**
 * Get-CsHostedVoicemailPolicy (Microsoft.Rtc.Management.WritableConfig.Policy.Voice.HostedVoicemailPolicy):
 * the members New-CsHostedVoicemailPolicy sets (https://learn.microsoft.com/powershell/module/skype/new-cshostedvoicemailpolicy).
 * The Identity is `Global`, `site:<site>` (assigned to the users homed on that site) or a per-user name
 * (`Tag:<name>`, granted with Grant-CsHostedVoicemailPolicy).
 */
export interface HostedVoicemailPolicy {
  readonly identity: string;
  readonly scope: CsScope;
  /** The site name of a site policy, the name of a per-user policy; null for Global. */
  readonly target: string | null;
  /** FQDN of the hosted Exchange UM service; empty: "the enable will fail" (New-CsHostedVoicemailPolicy -Destination). */
  readonly destination: string;
  /** Comma-separated Exchange tenants (FQDNs). */
  readonly organization: string;
  readonly description: string;
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
  /** Get-CsHostedVoicemailPolicy: Global, site and per-user policies. */
  readonly hostedVoicemailPolicies: readonly HostedVoicemailPolicy[];
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

/** A section key as the snapshot names it: `exchange.umServices`, `skype.certificates`. */
export type SectionKey = `exchange.${string}` | `skype.${string}`;

/** How one section of the org was read (from the snapshot's section status and the decoder's own notes). */
export interface SectionReadState {
  readonly status: 'read' | 'partial' | 'not-read';
  /** Capture notes and decoder notes (an object or value skipped), in the order they arose. */
  readonly notes: readonly ReadStateNote[];
}

/** One note on a section: a capture note (from the snapshot) or a decoder note (an object or value skipped). */
export interface ReadStateNote {
  /** In English (capture notes: as the snapshot holds them). */
  readonly text: string;
  readonly cmdlet?: string;
  readonly reason?: 'unavailable' | 'failed' | 'skipped';
  readonly providedBy?: string;
  /** Decoder notes: the same text as an i18n message, to show in the user's language (`renderMessage`). */
  readonly message?: Message;
}

export interface OrgModel {
  /**
   * Sections that were not read completely (`partial`, `not-read`) or were read with notes (`read`: e.g.
   * duplicates counted once), by key; a section absent from this map was read whole, without a note.
   * Rules that need a `not-read` section are not judged (shared/rules/engine.ts, shared/rules/rule-needs.ts).
   */
  readonly readState?: Readonly<Record<SectionKey, SectionReadState>>;
  readonly source: OrgSource;
  readonly exchange: ExchangeSide;
  readonly skype: SkypeSide;
  readonly users: readonly SkypeUser[];
  readonly mailboxes: readonly UmMailbox[];
  /**
   * Root certificates an admin adds (a PEM bundle: `umc check --trusted-roots FILE`, the setting
   * `trustedRootsFile`), beside the certificates the snapshot carries; the chain of an org certificate
   * is built from both (shared/certificates/chain.ts). Never written to a snapshot.
   */
  readonly trustedRoots?: readonly CertificateFacts[];
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
