/**
 * The Skype for Business field tables (shared/model/field-table.ts): each model field of a Skype
 * object ↔ the cmdlet property it is read from, how, and how the details panel shows it.
 * Property names as the cmdlets print them (docs/remote-shapes.md).
 */
import type { ObjectFields } from './field-table';
import {
  type CsDialPlan,
  type CsMediaConfiguration,
  type HostedVoicemailPolicy,
  ENCRYPTION_LEVELS,
  type ExUmContact,
  type MediationServer,
  type OAuthConfiguration,
  type PstnGateway,
  SITE_KINDS,
  type SkypeCertificate,
  type SkypePartnerApplication,
  type SkypePool,
  type SkypeSite,
  type SkypeUser,
} from './org';

export const SKYPE_SITE_FIELDS = {
  cmdlet: 'Get-CsSite',
  fields: {
    identity: { property: 'Identity', read: 'str', show: 'text' },
    name: { property: 'DisplayName', output: true, read: 'derived', why: 'DisplayName, else the Identity without its `Site:` prefix' },
    siteId: { property: 'SiteId', output: true, read: 'int', show: 'number' },
    kind: { property: 'SiteType', output: true, read: 'enum', values: SITE_KINDS, show: 'enum' },
    parentSite: { property: 'ParentSite', output: true, read: 'strOrNull', show: 'text' },
  },
} as const satisfies ObjectFields<SkypeSite>;

export const SKYPE_POOL_FIELDS = {
  cmdlet: 'Get-CsPool',
  fields: {
    fqdn: { property: 'Fqdn', output: true, read: 'str', form: 'host', show: 'text' },
    site: { property: 'Site', read: 'str', show: 'text' },
    role: {
      property: 'Services',
      output: true,
      read: 'derived',
      why: 'from the services the pool runs (Get-CsPool has no role property) and its site type',
      label: 'Role (Get-CsService)',
      show: 'enum',
    },
    product: {
      property: 'Version',
      cmdlet: 'Get-CsService',
      read: 'derived',
      why: 'the Version of the pool’s Registrar service (Get-CsService -Registrar), as a product',
      label: 'Version (Get-CsService -Registrar)',
      show: 'enum',
    },
    computers: { property: 'Computers', output: true, read: 'strList', form: 'host', show: 'list' },
    services: { property: 'Services', output: true, read: 'derived', why: 'Services without empty items', show: 'list' },
  },
} as const satisfies ObjectFields<SkypePool>;

/** Get-CsService -MediationServer. */
export const MEDIATION_SERVER_FIELDS = {
  cmdlet: 'Get-CsService',
  alsoFrom: ['Get-CsMediationServer'],
  fields: {
    poolFqdn: { property: 'PoolFqdn', read: 'str', form: 'host', show: 'text' },
    site: { property: 'SiteId', read: 'str', show: 'text' },
    registrar: { property: 'Registrar', read: 'derived', why: 'the Registrar service identity without its `Registrar:` prefix; null when none', show: 'text' },
    sipTlsPort: { property: 'SipServerTlsPort', output: true, read: 'optInt', show: 'number' },
    gateways: { property: 'DependentServiceList', read: 'derived', why: 'the `PstnGateway:` services of DependentServiceList, without the prefix', show: 'list' },
  },
} as const satisfies ObjectFields<MediationServer>;

/** Get-CsService -PstnGateway. */
export const PSTN_GATEWAY_FIELDS = {
  cmdlet: 'Get-CsService',
  alsoFrom: ['Get-CsPstnGateway'],
  fields: {
    address: { property: 'PoolFqdn', read: 'str', form: 'address', show: 'text' },
    site: { property: 'SiteId', read: 'str', show: 'text' },
    port: { property: 'GatewaySipPort', output: true, read: 'optInt', show: 'number' },
    protocol: { property: 'GatewaySipProtocol', output: true, read: 'optStr', show: 'text' },
    mediationServer: {
      property: 'DependentServiceList',
      read: 'derived',
      why: 'the `MediationServer:` service of DependentServiceList, without the prefix; null when none',
      label: 'MediationServer',
      show: 'text',
    },
  },
} as const satisfies ObjectFields<PstnGateway>;

export const CS_DIAL_PLAN_FIELDS = {
  cmdlet: 'Get-CsDialPlan',
  fields: {
    identity: { property: 'Identity', read: 'str', show: 'text' },
    scope: { property: 'Identity', read: 'derived', why: 'the scope the Identity names (Global, Site:, Service:, else User)', label: 'Scope', show: 'enum' },
    name: { property: 'Identity', read: 'derived', why: 'the Identity without its scope prefix' },
    simpleName: { property: 'SimpleName', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<CsDialPlan>;

export const CS_MEDIA_CONFIGURATION_FIELDS = {
  cmdlet: 'Get-CsMediaConfiguration',
  fields: {
    identity: { property: 'Identity', read: 'str', show: 'text' },
    scope: { property: 'Identity', read: 'derived', why: 'the scope the Identity names (Global, Site:, Service:, else User)' },
    target: { property: 'Identity', read: 'derived', why: 'the site or pool the Identity names; null for Global' },
    encryptionLevel: { property: 'EncryptionLevel', read: 'enum', values: ENCRYPTION_LEVELS, show: 'enum' },
  },
} as const satisfies ObjectFields<CsMediaConfiguration>;

/** Get-CsHostedVoicemailPolicy: the members its New-/Set- pages list (Identity, Description, Destination, Organization). */
export const HOSTED_VOICEMAIL_POLICY_FIELDS = {
  cmdlet: 'Get-CsHostedVoicemailPolicy',
  fields: {
    identity: { property: 'Identity', read: 'str', show: 'text' },
    scope: { property: 'Identity', read: 'derived', why: 'the scope the Identity names (Global, Site:, else per-user)' },
    target: { property: 'Identity', read: 'derived', why: 'the site or per-user name the Identity names; null for Global' },
    destination: { property: 'Destination', read: 'optStr', show: 'text' },
    organization: { property: 'Organization', read: 'optStr', show: 'text' },
    description: { property: 'Description', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<HostedVoicemailPolicy>;

/** Get-CsExUmContact (docs/contact-objects.md). */
export const EX_UM_CONTACT_FIELDS = {
  cmdlet: 'Get-CsExUmContact',
  fields: {
    identity: { property: 'Identity', read: 'derived', why: 'the contact’s DN; a rehydrated id object keeps it in DistinguishedName', show: 'text' },
    displayName: { property: 'DisplayName', output: true, read: 'optStr', show: 'text' },
    sipAddress: { property: 'SipAddress', read: 'optStr', show: 'text' },
    displayNumber: { property: 'DisplayNumber', read: 'optStr', show: 'text' },
    lineUri: { property: 'LineURI', output: true, read: 'optStr', show: 'text' },
    autoAttendant: { property: 'AutoAttendant', read: 'bool', show: 'bool' },
    isSubscriberAccess: { property: 'IsSubscriberAccess', output: true, read: 'bool', show: 'bool' },
    registrarPool: { property: 'RegistrarPool', read: 'optStr', form: 'host', show: 'text' },
    enabled: { property: 'Enabled', read: 'bool', show: 'bool' },
    enterpriseVoiceEnabled: { property: 'EnterpriseVoiceEnabled', read: 'bool', show: 'bool' },
    ou: { property: null, read: 'derived', why: 'the parent of the Identity DN', label: 'OU', show: 'text' },
    description: { property: 'Description', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<ExUmContact>;

/** Get-CsCertificate (on each Front End). */
export const SKYPE_CERTIFICATE_FIELDS = {
  cmdlet: 'Get-CsCertificate',
  fields: {
    server: { property: 'PSComputerName', output: true, read: 'derived', why: 'the server the capture asked (UmcQueriedServer), else remoting’s PSComputerName', show: 'text', label: 'Server' },
    pool: { property: null, read: 'derived', why: 'the pool whose Computers list the server', show: 'text', label: 'Pool' },
    use: { property: 'Use', read: 'str', show: 'text' },
    facts: {
      property: 'RawData',
      output: true,
      read: 'derived',
      why: 'read from RawData when the capture added it, else from the printed Thumbprint, Subject, Issuer, SerialNumber, NotBefore, NotAfter, AlternativeNames',
      show: 'rows',
    },
    unreadable: { property: 'RawData', output: true, read: 'derived', why: 'why the certificate reader could not read RawData' },
    rawData: { property: 'RawData', output: true, read: 'derived', why: 'base64 of the bytes; empty when the capture had none' },
  },
} as const satisfies ObjectFields<SkypeCertificate>;

export const OAUTH_CONFIGURATION_FIELDS = {
  cmdlet: 'Get-CsOAuthConfiguration',
  fields: {
    exchangeAutodiscoverUrl: { property: 'ExchangeAutodiscoverUrl', read: 'optStr', form: 'url', show: 'text' },
    realm: { property: 'Realm', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<OAuthConfiguration>;

export const SKYPE_PARTNER_APPLICATION_FIELDS = {
  cmdlet: 'Get-CsPartnerApplication',
  fields: {
    identity: { property: 'Identity', read: 'str', show: 'text' },
    applicationIdentifier: { property: 'ApplicationIdentifier', read: 'optStr', show: 'text' },
    metadataUrl: { property: 'MetadataUrl', read: 'optStr', form: 'url', show: 'text' },
    applicationTrustLevel: { property: 'ApplicationTrustLevel', read: 'optStr', show: 'text' },
    enabled: { property: 'Enabled', read: 'bool', show: 'bool' },
  },
} as const satisfies ObjectFields<SkypePartnerApplication>;

/**
 * Get-CsUser: read for every user of the org, through the reader generated from these rows
 * (shared/snapshot/user-field-readers.ts).
 */
export const SKYPE_USER_FIELDS = {
  cmdlet: 'Get-CsUser',
  fields: {
    sipAddress: { property: 'SipAddress', read: 'optStr' },
    displayName: { property: 'DisplayName', output: true, read: 'optStr' },
    userPrincipalName: { property: 'UserPrincipalName', output: true, read: 'optStr' },
    enabled: { property: 'Enabled', read: 'bool' },
    registrarPool: { property: 'RegistrarPool', read: 'optStr', form: 'host' },
    enterpriseVoiceEnabled: { property: 'EnterpriseVoiceEnabled', read: 'bool' },
    lineUri: { property: 'LineURI', read: 'optStr' },
    dialPlan: { property: 'DialPlan', output: true, read: 'optStr' },
    voicePolicy: { property: 'VoicePolicy', output: true, read: 'optStr' },
    // HostedVoiceMail prints blank when unset: null, not false.
    hostedVoiceMail: { property: 'HostedVoiceMail', read: 'optBool' },
    hostedVoicemailPolicy: { property: 'HostedVoicemailPolicy', output: true, read: 'optStr' },
    exUmEnabled: { property: 'ExUmEnabled', output: true, read: 'bool' },
  },
} as const satisfies ObjectFields<SkypeUser>;
