/**
 * Builders of cmdlet output objects in their remote PowerShell JSON shape (docs/remote-shapes.md):
 * the envelope Exchange adds (Identity, Guid, DistinguishedName, WhenChanged, ExchangeVersion…),
 * the remoting extras (PSComputerName, RunspaceId, PSShowComputerName), enums as strings and
 * dates in the form of the PowerShell edition that converted them.
 *
 * Every org outside the shipped code is written with these: the specs (org-spec.ts: the rule tests'
 * small orgs, the generated large orgs) and the lab org (lab-org.ts), so all share one shape.
 */
import { EXCHANGE_SECTIONS, type RawSnapshot, SKYPE_SECTIONS, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from '../../../shared/snapshot/format';

export type PsEdition = '5.1' | '7';

export interface ShapeContext {
  readonly edition: PsEdition;
  /** The server the remote session is open on (PSComputerName). */
  readonly exchangeComputer: string;
  readonly skypeComputer: string;
  readonly runspaceId: string;
  /** AD domain DN, e.g. `DC=litwareinc,DC=com`. */
  readonly domainDn: string;
  readonly when: Date;
}

/** `\/Date(ms)\/` for Windows PowerShell 5.1 (the JSON text; JSON.parse yields `/Date(ms)/`), ISO with offset for 7. */
export function psDate(ctx: ShapeContext, d: Date): string {
  return ctx.edition === '5.1' ? `/Date(${d.getTime()})/` : d.toISOString().replace('Z', '+00:00');
}

/** Deterministic GUID from a string (FNV-1a), so the lab file is the same on every rebuild. */
export function stableGuid(seed: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function remoting(ctx: ShapeContext, computer: string) {
  return { PSComputerName: computer, RunspaceId: ctx.runspaceId, PSShowComputerName: false };
}

/** The Exchange ADObject envelope (docs/remote-shapes.md). */
function exchangeEnvelope(ctx: ShapeContext, name: string, dn: string, category: string) {
  return {
    Identity: name,
    Name: name,
    DistinguishedName: dn,
    Guid: stableGuid(dn),
    ObjectCategory: `${ctx.domainDn.replace(/DC=/g, '').replace(/,/g, '.')}/Configuration/Schema/${category}`,
    ExchangeVersion: '0.10 (14.0.100.0)',
    WhenChanged: psDate(ctx, ctx.when),
    WhenCreated: psDate(ctx, new Date(ctx.when.getTime() - 400 * 86400000)),
    IsValid: true,
    ObjectState: 'Unchanged',
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

const orgDn = (ctx: ShapeContext, org: string) => `CN=${org},CN=Microsoft Exchange,CN=Services,CN=Configuration,${ctx.domainDn}`;

export interface ExchangeServerSpec {
  name: string;
  fqdn: string;
  site: string;
  version: string;
  roles: string;
  org: string;
  um?: boolean;
}

/**
 * Whether a server runs the Client Access services: the ClientAccess role (2010, 2013), or any Exchange
 * 2016 / 2019 Mailbox server, whose ServerRole says only `Mailbox` but whose IsClientAccessServer is true
 * (the real captures in test/fixtures/samples/get-exchangeserver-clixml-1.txt and -2.txt; Microsoft,
 * "Client Access services" in Exchange Server: they are part of the Mailbox server).
 */
export function runsClientAccess(s: { readonly roles: string; readonly version: string }): boolean {
  return /ClientAccess/.test(s.roles) || (/Mailbox/.test(s.roles) && /Version 15\.[12]/.test(s.version));
}

export function rawExchangeServer(ctx: ShapeContext, s: ExchangeServerSpec) {
  const isUm = s.um ?? true;
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${orgDn(ctx, s.org)}`, 'ms-Exch-Exchange-Server'),
    Fqdn: s.fqdn,
    Domain: s.fqdn.slice(s.fqdn.indexOf('.') + 1),
    Site: s.site,
    AdminDisplayVersion: s.version,
    ServerRole: s.roles,
    Edition: 'Enterprise',
    IsMailboxServer: /Mailbox/.test(s.roles),
    IsClientAccessServer: runsClientAccess(s),
    IsUnifiedMessagingServer: isUm,
    IsHubTransportServer: /Mailbox|HubTransport/.test(s.roles),
    IsEdgeServer: false,
    IsE14OrLater: true,
    IsE15OrLater: !s.version.includes('Version 14'),
    IsExchangeTrialEdition: false,
    DataPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox',
    NetworkAddress: [`ncacn_vns_spp:${s.name}`, `netbios:${s.name}`, `ncacn_ip_tcp:${s.fqdn}`],
    StaticDomainControllers: [],
    RemainingTrialPeriod: '00:00:00',
    SerializationData: 'AAEAAAD/////AQAAAAAAAAAMAgAAAA==',
  };
}

export interface UmServiceSpec {
  server: string;
  startupMode: 'TCP' | 'TLS' | 'Dual';
  dialPlans?: string[];
  tcpPort?: number | null;
  tlsPort?: number | null;
}

export function rawUmService(ctx: ShapeContext, s: UmServiceSpec) {
  return {
    Identity: s.server,
    Name: s.server,
    UMStartupMode: s.startupMode,
    DialPlans: s.dialPlans ?? [],
    MaxCallsAllowed: 100,
    IPAddressFamily: 'IPv4Only',
    IPAddressFamilyConfigurable: false,
    SIPAccessService: null,
    SipTcpListeningPort: s.tcpPort ?? null,
    SipTlsListeningPort: s.tlsPort ?? null,
    IrmLogEnabled: true,
    IrmLogMaxAge: '30.00:00:00',
    IrmLogMaxDirectorySize: '250 MB (262,144,000 bytes)',
    GrammarGenerationSchedule: ['Sun.2:00 AM-Sun.2:30 AM', 'Mon.2:00 AM-Mon.2:30 AM'],
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

export function rawCallRouter(ctx: ShapeContext, s: UmServiceSpec) {
  return {
    Identity: s.server,
    UMStartupMode: s.startupMode,
    DialPlans: s.dialPlans ?? [],
    MaxCallsAllowed: null,
    SipTcpListeningPort: s.tcpPort ?? 5060,
    SipTlsListeningPort: s.tlsPort ?? 5061,
    IPAddressFamily: 'IPv4Only',
    IPAddressFamilyConfigurable: false,
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

export function rawClientAccess(ctx: ShapeContext, s: { name: string; fqdn: string; autodiscover: string | null; site: string }) {
  return {
    Name: s.name,
    Fqdn: s.fqdn,
    Identity: s.name,
    AutoDiscoverServiceInternalUri: s.autodiscover,
    AutoDiscoverSiteScope: [s.site],
    OutlookAnywhereEnabled: true,
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

export interface DialPlanSpec {
  name: string;
  uriType: 'TelExtn' | 'E164' | 'SipName';
  voipSecurity: 'Unsecured' | 'SIPSecured' | 'Secured';
  domain: string;
  digits: number;
  ova?: string[];
  gateways?: string[];
  autoAttendants?: string[];
  policies?: string[];
  umServers?: string[];
  country?: string;
  org: string;
}

export function rawDialPlan(ctx: ShapeContext, s: DialPlanSpec) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=UM DialPlan Container,${orgDn(ctx, s.org)}`, 'ms-Exch-UM-Dial-Plan'),
    NumberOfDigitsInExtension: s.digits,
    URIType: s.uriType,
    SubscriberType: 'Enterprise',
    VoIPSecurity: s.voipSecurity,
    GlobalCallRoutingScheme: 'None',
    PhoneContext: `${s.name}.${s.domain}`,
    UMServers: s.umServers ?? [],
    UMMailboxPolicies: s.policies ?? [],
    UMAutoAttendants: s.autoAttendants ?? [],
    UMIPGateway: s.gateways ?? [],
    UMAutoAttendant: null,
    AccessTelephoneNumbers: s.ova ?? [],
    PilotIdentifierList: [],
    EquivalentDialPlanPhoneContexts: [],
    AudioCodec: 'Mp3',
    DefaultLanguage: 'en-US',
    InfoAnnouncementEnabled: 'False',
    DialByNamePrimary: 'LastFirst',
    DialByNameSecondary: 'SMTPAddress',
    ContactScope: 'DialPlan',
    CountryOrRegionCode: s.country ?? '1',
    FaxEnabled: s.uriType !== 'SipName',
    SipResourceIdentifierRequired: s.uriType === 'SipName',
    CallSomeoneEnabled: true,
    SendVoiceMsgEnabled: true,
    MaxCallDuration: 30,
    MaxRecordingDuration: 20,
  };
}

export interface GatewaySpec {
  name: string;
  address: string;
  port?: number;
  status?: 'Enabled' | 'Disabled' | 'NoNewCalls';
  outcalls: boolean;
  mwi: boolean;
  huntGroups: string[];
  org: string;
}

export function rawIpGateway(ctx: ShapeContext, s: GatewaySpec) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=UM IPGateway Container,${orgDn(ctx, s.org)}`, 'ms-Exch-UM-IP-Gateway'),
    Address: s.address,
    Port: s.port ?? 5060,
    Status: s.status ?? 'Enabled',
    OutcallsAllowed: s.outcalls,
    MessageWaitingIndicatorAllowed: s.mwi,
    IPAddressFamily: 'IPv4Only',
    IPAddressFamilyConfigurable: false,
    DelayedSourcePartyInfoEnabled: false,
    Simulator: false,
    GlobalCallRoutingScheme: 'None',
    HuntGroups: s.huntGroups,
  };
}

export function rawHuntGroup(ctx: ShapeContext, s: { name: string; gateway: string; dialPlan: string; pilot: string; org: string }) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=${s.gateway},CN=UM IPGateway Container,${orgDn(ctx, s.org)}`, 'ms-Exch-UM-Hunt-Group'),
    Identity: `${s.gateway}\\${s.name}`,
    UMDialPlan: s.dialPlan,
    UMIPGateway: s.gateway,
    PilotIdentifier: s.pilot,
  };
}

export function rawAutoAttendant(ctx: ShapeContext, s: { name: string; dialPlan: string; pilots: string[]; enabled?: boolean; org: string }) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=UM AutoAttendant Container,${orgDn(ctx, s.org)}`, 'ms-Exch-UM-Auto-Attendant'),
    UMDialPlan: s.dialPlan,
    Status: s.enabled === false ? 'Disabled' : 'Enabled',
    SpeechEnabled: true,
    NameLookupEnabled: true,
    PilotIdentifierList: s.pilots,
    BusinessHoursSchedule: ['Mon.09:00-Mon.17:00', 'Tue.09:00-Tue.17:00', 'Wed.09:00-Wed.17:00', 'Thu.09:00-Thu.17:00', 'Fri.09:00-Fri.17:00'],
    BusinessHoursKeyMapping: ['1,Sales,,,,,,,', '2,Support,,,,,,,'],
    WeekStartDay: 'Monday',
    TimeZone: 'Eastern Standard Time',
    Language: 'en-US',
    InfoAnnouncementEnabled: 'False',
    ContactScope: 'DialPlan',
    MatchedNameSelectionMethod: 'InheritFromDialPlan',
  };
}

export function rawMailboxPolicy(ctx: ShapeContext, s: { name: string; dialPlan: string; org: string }) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=UM Mailbox Policies,${orgDn(ctx, s.org)}`, 'ms-Exch-UM-Recipient-Template'),
    UMDialPlan: s.dialPlan,
    MinPINLength: 6,
    PINLifetime: '60.00:00:00',
    LogonFailuresBeforePINReset: '5',
    MaxLogonAttempts: '15',
    AllowSubscriberAccess: true,
    AllowMissedCallNotifications: true,
    AllowPlayOnPhone: true,
    ProtectAuthenticatedVoiceMail: 'None',
    ProtectUnauthenticatedVoiceMail: 'None',
  };
}

export function rawExchangeCertificate(ctx: ShapeContext, s: { serverFqdn: string; thumbprint: string; services: string; rawData: string; selfSigned: boolean; notAfter: Date }) {
  // What `Select-Object Identity,Thumbprint,Services,…,RawData` returns (docs/remote-shapes.md).
  return {
    Identity: `${s.serverFqdn}\\${s.thumbprint}`,
    Thumbprint: s.thumbprint,
    Services: s.services,
    Status: 'Valid',
    RootCAType: s.selfSigned ? 'Registry' : 'Enterprise',
    IsSelfSigned: s.selfSigned,
    HasPrivateKey: true,
    NotAfter: psDate(ctx, s.notAfter),
    RawData: s.rawData,
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

export function rawExchangePartner(ctx: ShapeContext, s: { name: string; metadataUrl: string; enabled?: boolean; org: string }) {
  return {
    ...exchangeEnvelope(ctx, s.name, `CN=${s.name},CN=Partner Applications,CN=Auth Configuration,${orgDn(ctx, s.org)}`, 'ms-Exch-Auth-Partner-Application'),
    AuthMetadataUrl: s.metadataUrl,
    Enabled: s.enabled ?? true,
    ApplicationIdentifier: '00000004-0000-0ff1-ce00-000000000000',
    Realm: '',
    AcceptSecurityIdentifierInformation: false,
    LinkedAccount: '',
  };
}

export function rawPermission(ctx: ShapeContext, s: { object: string; user: string; rights: string; inheritance: string; deny?: boolean }) {
  return {
    Identity: s.object,
    User: s.user,
    AccessRights: s.rights,
    ExtendedRights: null,
    InheritanceType: s.inheritance,
    IsInherited: false,
    Deny: s.deny ?? false,
    ...remoting(ctx, ctx.exchangeComputer),
  };
}

// The user sections (Get-Mailbox, Get-UMMailbox, Get-CsUser) are captured with
// `Select-Object … -ExcludeProperty PSComputerName,RunspaceId,PSShowComputerName` (docs/snapshot-format.md):
// three remoting members on 100,000 objects would add a third to the file for nothing.
export function rawMailbox(ctx: ShapeContext, s: { displayName: string; smtp: string; server: string; disabled: boolean; umEnabled: boolean; sip?: string; eum?: string[] }) {
  const addresses = [`SMTP:${s.smtp}`];
  if (s.sip) addresses.push(`SIP:${s.sip}`);
  if (s.eum) addresses.push(...s.eum);
  return {
    DisplayName: s.displayName,
    PrimarySmtpAddress: s.smtp,
    ServerName: s.server,
    AccountDisabled: s.disabled,
    UMEnabled: s.umEnabled,
    EmailAddresses: addresses,
  };
}

export function rawUmMailbox(ctx: ShapeContext, s: { smtp: string; dialPlan: string; policy: string; extensions: string[]; sipResourceIdentifier: string }) {
  return {
    PrimarySmtpAddress: s.smtp,
    UMEnabled: true,
    UMDialPlan: s.dialPlan,
    UMMailboxPolicy: s.policy,
    Extensions: s.extensions,
    SIPResourceIdentifier: s.sipResourceIdentifier,
  };
}

// ---------------------------------------------------------------- Skype

export function rawSipDomain(ctx: ShapeContext, s: { name: string; isDefault: boolean }) {
  return { Identity: s.name, Name: s.name, IsDefault: s.isDefault, Authoritative: true, ...remoting(ctx, ctx.skypeComputer) };
}

export function rawSite(ctx: ShapeContext, s: { name: string; siteId: number; kind: 'CentralSite' | 'BranchOffice'; parent?: string }) {
  return {
    Identity: `Site:${s.name}`,
    SiteId: s.siteId,
    SiteType: s.kind,
    DisplayName: s.name,
    Description: '',
    ParentSite: s.parent ? `Site:${s.parent}` : null,
    Pools: [],
    FederationRoute: null,
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawPool(ctx: ShapeContext, s: { fqdn: string; site: string; services: string[]; computers: string[] }) {
  return { Identity: s.fqdn, Fqdn: s.fqdn, Site: `Site:${s.site}`, Services: s.services, Computers: s.computers, ...remoting(ctx, ctx.skypeComputer) };
}

export function rawRegistrar(ctx: ShapeContext, s: { pool: string; site: string; siteId: number; instance: number; version: number }) {
  return {
    Identity: `Registrar:${s.pool}`,
    PoolFqdn: s.pool,
    SiteId: `Site:${s.site}`,
    ServiceId: `${s.siteId}-Registrar-${s.instance}`,
    Role: 'Registrar',
    Version: s.version,
    SipPort: 5061,
    WebServicesPort: 444,
    DependentServiceList: [],
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawMediation(ctx: ShapeContext, s: { pool: string; site: string; siteId: number; instance: number; registrar: string; gateways: string[] }) {
  return {
    Identity: `MediationServer:${s.pool}`,
    PoolFqdn: s.pool,
    SiteId: `Site:${s.site}`,
    ServiceId: `${s.siteId}-MediationServer-${s.instance}`,
    Role: 'MediationServer',
    Version: 6,
    Registrar: `Registrar:${s.registrar}`,
    SipServerTcpPort: 5068,
    SipServerTlsPort: 5067,
    AudioPortStart: 49152,
    AudioPortCount: 8348,
    DependentServiceList: s.gateways.map((g) => `PstnGateway:${g}`),
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawPstnGateway(ctx: ShapeContext, s: { address: string; site: string; siteId: number; instance: number; port: number; protocol: string; mediation: string }) {
  return {
    Identity: `PstnGateway:${s.address}`,
    PoolFqdn: s.address,
    SiteId: `Site:${s.site}`,
    ServiceId: `${s.siteId}-PstnGateway-${s.instance}`,
    Role: 'PstnGateway',
    Version: 6,
    GatewaySipPort: s.port,
    GatewaySipProtocol: s.protocol,
    DependentServiceList: [`MediationServer:${s.mediation}`],
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawCsDialPlan(ctx: ShapeContext, s: { identity: string; simpleName: string; description?: string }) {
  return {
    Identity: s.identity,
    Description: s.description ?? '',
    DialinConferencingRegion: '',
    NormalizationRules: ['Description=;Pattern=^(\\d+)$;Translation=$1;Name=KeepAll;IsInternalExtension=False'],
    CountryCode: '',
    State: '',
    City: '',
    ExternalAccessPrefix: '',
    SimpleName: s.simpleName,
    OptimizeDeviceDialing: false,
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawMediaConfiguration(ctx: ShapeContext, s: { identity: string; encryption: string }) {
  return {
    Identity: s.identity,
    EncryptionLevel: s.encryption,
    MaxVideoRateAllowed: 'VGA600K',
    EnableQoS: false,
    EnableSiren: false,
    EnableInCallQoS: false,
    InCallQoSIntervalSeconds: 0,
    EnableRtpRtcpMultiplexing: true,
    ...remoting(ctx, ctx.skypeComputer),
  };
}

/**
 * Get-CsHostedVoicemailPolicy (HostedVoicemailPolicy): the members New-CsHostedVoicemailPolicy sets
 * (https://learn.microsoft.com/powershell/module/skype/new-cshostedvoicemailpolicy); unset strings print empty.
 */
export function rawHostedVoicemailPolicy(ctx: ShapeContext, s: { identity: string; destination?: string; organization?: string; description?: string }) {
  return {
    Identity: s.identity,
    Description: s.description ?? '',
    Destination: s.destination ?? '',
    Organization: s.organization ?? '',
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawExUmContact(
  ctx: ShapeContext,
  s: { cn: string; ou: string; displayName: string; sip: string; number: string; autoAttendant: boolean; pool: string; enabled?: boolean; ev?: boolean; description?: string },
) {
  return {
    Identity: `CN=${s.cn},${s.ou}`,
    RegistrarPool: s.pool,
    HomeServer: `CN=Lc Services,CN=Microsoft,CN=1:1,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,${ctx.domainDn}`,
    DisplayName: s.displayName,
    SipAddress: s.sip,
    DisplayNumber: s.number,
    LineURI: `tel:${s.number}`,
    OtherIpPhone: [s.autoAttendant ? `AutoAttendant` : `SubscriberAccess`],
    AutoAttendant: s.autoAttendant,
    IsSubscriberAccess: !s.autoAttendant,
    Enabled: s.enabled ?? true,
    EnterpriseVoiceEnabled: s.ev ?? true,
    ExUmEnabled: false,
    HostedVoicemailPolicy: null,
    Description: s.description ?? '',
    ExchangeArchivingPolicy: 'Uninitialized',
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawCsCertificate(
  ctx: ShapeContext,
  s: { computer: string; use: string; subject: string; issuer: string; notBefore: Date; notAfter: Date; serial: string; thumbprint: string; sans: string[]; rawData?: string },
) {
  return {
    Issuer: s.issuer,
    NotAfter: psDate(ctx, s.notAfter),
    NotBefore: psDate(ctx, s.notBefore),
    SerialNumber: s.serial,
    Subject: s.subject,
    AlternativeNames: s.sans,
    Thumbprint: s.thumbprint,
    Use: s.use,
    ...(s.rawData ? { RawData: s.rawData } : {}),
    ...remoting(ctx, s.computer),
  };
}

export function rawOAuth(ctx: ShapeContext, s: { autodiscoverUrl: string; realm: string }) {
  return {
    Identity: 'Global',
    PartnerApplications: [],
    OAuthServers: [],
    Realm: s.realm,
    ExchangeAutodiscoverUrl: s.autodiscoverUrl,
    ExchangeAutodiscoverAllowedDomains: '*',
    ClientAuthorizationOAuthServerIdentity: '',
    ServiceName: '00000004-0000-0ff1-ce00-000000000000',
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawCsPartner(ctx: ShapeContext, s: { identity: string; metadataUrl: string; trust: string; enabled?: boolean }) {
  return {
    Identity: s.identity,
    AuthToken: 'Value',
    ApplicationIdentifier: '00000002-0000-0ff1-ce00-000000000000',
    Realm: '',
    ApplicationTrustLevel: s.trust,
    AcceptSecurityIdentifierInformation: false,
    Enabled: s.enabled ?? true,
    MetadataUrl: s.metadataUrl,
    ...remoting(ctx, ctx.skypeComputer),
  };
}

export function rawCsUser(
  ctx: ShapeContext,
  s: {
    sip: string;
    displayName: string;
    upn: string;
    enabled: boolean;
    pool: string;
    ev: boolean;
    lineUri: string;
    dialPlan: string;
    voicePolicy: string;
    hostedVoiceMail: boolean | null;
    exUm: boolean;
  },
) {
  return {
    SipAddress: s.sip,
    DisplayName: s.displayName,
    UserPrincipalName: s.upn,
    Enabled: s.enabled,
    RegistrarPool: s.pool,
    EnterpriseVoiceEnabled: s.ev,
    LineURI: s.lineUri,
    DialPlan: s.dialPlan,
    VoicePolicy: s.voicePolicy,
    HostedVoiceMail: s.hostedVoiceMail,
    HostedVoicemailPolicy: '',
    ExUmEnabled: s.exUm,
  };
}

// ---------------------------------------------------------------- assembly

export type SectionObjects = {
  exchange: { [K in keyof typeof EXCHANGE_SECTIONS]: unknown[] };
  skype: { [K in keyof typeof SKYPE_SECTIONS]: unknown[] };
};

export function emptySections(): SectionObjects {
  const exchange = Object.fromEntries(Object.keys(EXCHANGE_SECTIONS).map((k) => [k, [] as unknown[]])) as SectionObjects['exchange'];
  const skype = Object.fromEntries(Object.keys(SKYPE_SECTIONS).map((k) => [k, [] as unknown[]])) as SectionObjects['skype'];
  return { exchange, skype };
}

export function assembleSnapshot(sections: SectionObjects, meta: { capturedAt: Date; kind: 'lab' | 'live'; label: string; powerShellVersion: string }): RawSnapshot {
  const wrap = <T extends Record<string, unknown[]>>(objs: T, commands: Record<string, string>) => Object.fromEntries(Object.entries(objs).map(([k, v]) => [k, { command: commands[k], objects: v }]));
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    capturedAt: meta.capturedAt.toISOString(),
    source: { kind: meta.kind, label: meta.label, powerShellVersion: meta.powerShellVersion },
    exchange: wrap(sections.exchange, EXCHANGE_SECTIONS) as unknown as RawSnapshot['exchange'],
    skype: wrap(sections.skype, SKYPE_SECTIONS) as unknown as RawSnapshot['skype'],
  };
}
