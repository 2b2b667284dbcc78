/**
 * The Exchange field tables (shared/model/field-table.ts): each model field of an Exchange object ↔
 * the cmdlet property it is read from, how, and how the details panel shows it.
 * Property names as the cmdlets print them (docs/remote-shapes.md).
 */
import type { EnumNumbers, ObjectFields } from './field-table';
import {
  AUTO_ATTENDANT_STATUSES,
  type AdPermission,
  type ExchangeCertificate,
  type ExchangePartnerApplication,
  type ExchangeServer,
  GATEWAY_STATUSES,
  IP_ADDRESS_FAMILIES,
  UM_STARTUP_MODES,
  UM_URI_TYPES,
  type UmAutoAttendant,
  type UmDialPlan,
  type UmHuntGroup,
  type UmIpGateway,
  type UmMailbox,
  type UmMailboxPolicy,
  type UmServiceSettings,
  VOIP_SECURITIES,
} from './org';

/** `2` = Mailbox: the number a rehydrated ServerRole carries (test/fixtures/samples/get-exchangeserver-clixml-1.txt, `<I32>2</I32>`). */
export const SERVER_ROLE_NUMBERS: EnumNumbers = { 2: 'Mailbox' };

export const EXCHANGE_SERVER_FIELDS = {
  cmdlet: 'Get-ExchangeServer',
  fields: {
    // The server's name and FQDN reach fixes (-Server, -ComputerName): refused unless they are names (docs/snapshot-format.md, "Host names").
    name: { property: 'Name', read: 'str', form: 'server', show: 'text' },
    fqdn: { property: 'Fqdn', read: 'str', form: 'host', show: 'text' },
    site: { property: 'Site', read: 'canonical', show: 'text' },
    version: { property: 'AdminDisplayVersion', read: 'version', show: 'version' },
    roles: { property: 'ServerRole', read: 'flags', numbers: SERVER_ROLE_NUMBERS, show: 'list' },
    isUnifiedMessagingServer: { property: 'IsUnifiedMessagingServer', read: 'bool', show: 'bool' },
    isClientAccessServer: { property: 'IsClientAccessServer', read: 'bool' },
    isMailboxServer: { property: 'IsMailboxServer', read: 'bool' },
    umService: { property: null, read: 'derived', why: 'the Get-UMService / Get-UMServer object of the server (umServices section)', show: 'rows' },
    callRouter: { property: null, read: 'derived', why: 'the Get-UMCallRouterSettings object of the server (callRouters section)', show: 'rows' },
    autodiscoverInternalUri: {
      property: 'AutoDiscoverServiceInternalUri',
      cmdlet: 'Get-ClientAccessService',
      read: 'derived',
      why: 'the Get-ClientAccessService / Get-ClientAccessServer object of the server (clientAccess section); null when none or empty',
      show: 'text',
    },
  },
} as const satisfies ObjectFields<ExchangeServer>;

/** Get-UMService (2013/2016) and Get-UMServer (2010) carry the same properties; so does Get-UMCallRouterSettings. */
export const UM_SERVICE_FIELDS = {
  cmdlet: 'Get-UMService',
  alsoFrom: ['Get-UMServer', 'Get-UMCallRouterSettings'],
  fields: {
    startupMode: { property: 'UMStartupMode', read: 'enum', values: UM_STARTUP_MODES, show: 'enum' },
    dialPlans: { property: 'DialPlans', read: 'strList', show: 'list' },
    sipTcpPort: { property: 'SipTcpListeningPort', read: 'optInt' },
    sipTlsPort: { property: 'SipTlsListeningPort', read: 'optInt' },
    certificateThumbprint: {
      property: 'UMCertificateThumbprint',
      output: true,
      read: 'derived',
      why: 'normalized (no spaces or colons, upper case); null when empty, absent when the object has no such property',
    },
  },
} as const satisfies ObjectFields<UmServiceSettings>;

export const UM_DIAL_PLAN_FIELDS = {
  cmdlet: 'Get-UMDialPlan',
  fields: {
    name: { property: 'Name', read: 'str', show: 'text' },
    uriType: { property: 'URIType', read: 'enum', values: UM_URI_TYPES, show: 'enum' },
    voipSecurity: { property: 'VoIPSecurity', read: 'enum', values: VOIP_SECURITIES, show: 'enum' },
    phoneContext: { property: 'PhoneContext', output: true, read: 'optStr', show: 'text' },
    numberOfDigitsInExtension: { property: 'NumberOfDigitsInExtension', read: 'int', show: 'number' },
    accessTelephoneNumbers: { property: 'AccessTelephoneNumbers', read: 'strList', show: 'list' },
    pilotIdentifierList: { property: 'PilotIdentifierList', read: 'strList' },
    umIpGateways: { property: 'UMIPGateway', output: true, read: 'strList', show: 'list' },
    umAutoAttendants: { property: 'UMAutoAttendants', output: true, read: 'strList', show: 'list' },
    umMailboxPolicies: { property: 'UMMailboxPolicies', output: true, read: 'strList', show: 'list' },
    umServers: { property: 'UMServers', output: true, read: 'strList', show: 'list' },
    countryOrRegionCode: { property: 'CountryOrRegionCode', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<UmDialPlan>;

export const UM_IP_GATEWAY_FIELDS = {
  cmdlet: 'Get-UMIPGateway',
  fields: {
    name: { property: 'Name', read: 'str', show: 'text' },
    address: { property: 'Address', read: 'str', form: 'address', show: 'text' },
    addressIsIpLiteral: { property: 'Address', read: 'derived', why: 'whether Address is an IPv4 or IPv6 literal (isIpLiteral)' },
    port: { property: 'Port', read: 'int', show: 'number' },
    status: { property: 'Status', read: 'enum', values: GATEWAY_STATUSES, show: 'enum' },
    outcallsAllowed: { property: 'OutcallsAllowed', read: 'bool', show: 'bool' },
    messageWaitingIndicatorAllowed: { property: 'MessageWaitingIndicatorAllowed', read: 'bool', show: 'bool' },
    // IPAddressFamily exists from Exchange 2013 (Set-UMIPGateway -IPAddressFamily, applicable 2013/2016:
    // https://learn.microsoft.com/powershell/module/exchange/set-umipgateway): empty on 2010.
    ipAddressFamily: { property: 'IPAddressFamily', read: 'optEnum', values: IP_ADDRESS_FAMILIES, show: 'enum' },
    huntGroups: { property: 'HuntGroups', output: true, read: 'strList', show: 'list' },
  },
} as const satisfies ObjectFields<UmIpGateway>;

export const UM_HUNT_GROUP_FIELDS = {
  cmdlet: 'Get-UMHuntGroup',
  fields: {
    id: {
      property: 'Identity',
      read: 'derived',
      why: '`<gateway>\\<hunt group>`; a rehydrated id object carries the name only, so it is rebuilt from UMIPGateway and Name',
      show: 'text',
    },
    name: { property: 'Name', read: 'str', show: 'text' },
    gateway: { property: 'UMIPGateway', read: 'str', show: 'text' },
    dialPlan: { property: 'UMDialPlan', read: 'str', show: 'text' },
    pilotIdentifier: { property: 'PilotIdentifier', read: 'optStr', show: 'text' },
  },
} as const satisfies ObjectFields<UmHuntGroup>;

export const UM_AUTO_ATTENDANT_FIELDS = {
  cmdlet: 'Get-UMAutoAttendant',
  fields: {
    name: { property: 'Name', output: true, read: 'str', show: 'text' },
    dialPlan: { property: 'UMDialPlan', read: 'str', show: 'text' },
    status: { property: 'Status', output: true, read: 'enum', values: AUTO_ATTENDANT_STATUSES, show: 'enum' },
    pilotIdentifierList: { property: 'PilotIdentifierList', output: true, read: 'strList', show: 'list' },
    speechEnabled: { property: 'SpeechEnabled', output: true, read: 'bool', show: 'bool' },
  },
} as const satisfies ObjectFields<UmAutoAttendant>;

export const UM_MAILBOX_POLICY_FIELDS = {
  cmdlet: 'Get-UMMailboxPolicy',
  fields: {
    name: { property: 'Name', output: true, read: 'str', show: 'text' },
    dialPlan: { property: 'UMDialPlan', read: 'str', show: 'text' },
  },
} as const satisfies ObjectFields<UmMailboxPolicy>;

/**
 * Over remoting an ExchangeCertificate arrives as a plain certificate: RawData (and Thumbprint), no
 * Identity, Services or Status (test/fixtures/samples/get-exchangecertificate-clixml-*.txt), so every
 * field is computed. The details panel shows its facts through CERTIFICATE_FACT_FIELDS.
 */
export const EXCHANGE_CERTIFICATE_FIELDS = {
  cmdlet: 'Get-ExchangeCertificate',
  fields: {
    server: { property: 'Identity', read: 'derived', why: 'the server the capture asked (UmcQueriedServer), else the `server` of a `server\\thumbprint` Identity', label: 'Server', show: 'text' },
    services: { property: 'Services', read: 'derived', why: 'the Services flags when carried, else the UM bindings read from UMCertificateThumbprint', show: 'rows' },
    servicesKnown: { property: 'Services', read: 'derived', why: 'whether the capture carried Services' },
    umBindingKnown: { property: 'Services', read: 'derived', why: 'whether the UM / UMCallRouter bindings are known' },
    facts: { property: 'RawData', read: 'derived', why: 'read from the DER bytes by the certificate reader', show: 'rows' },
    unreadable: { property: 'RawData', read: 'derived', why: 'why the certificate reader could not read RawData' },
    rawData: { property: 'RawData', read: 'derived', why: 'base64 of the bytes' },
  },
} as const satisfies ObjectFields<ExchangeCertificate>;

export const EXCHANGE_PARTNER_APPLICATION_FIELDS = {
  cmdlet: 'Get-PartnerApplication',
  fields: {
    name: { property: 'Name', read: 'str', show: 'text' },
    authMetadataUrl: { property: 'AuthMetadataUrl', read: 'optStr', form: 'url', show: 'text' },
    enabled: { property: 'Enabled', read: 'bool', show: 'bool' },
  },
} as const satisfies ObjectFields<ExchangePartnerApplication>;

export const AD_PERMISSION_FIELDS = {
  cmdlet: 'Get-ADPermission',
  fields: {
    object: { property: 'Identity', read: 'str' },
    user: { property: 'User', read: 'str' },
    accessRights: { property: 'AccessRights', read: 'flags' },
    inheritanceType: { property: 'InheritanceType', read: 'str' },
    deny: { property: 'Deny', read: 'bool' },
  },
} as const satisfies ObjectFields<AdPermission>;

/**
 * A mailbox: Get-Mailbox, with its UM settings from Get-UMMailbox (rows marked `cmdlet`). Both are
 * read for every user of the org: the decoder reads these rows through readers generated from them
 * (shared/snapshot/user-field-readers.ts).
 */
export const UM_MAILBOX_FIELDS = {
  cmdlet: 'Get-Mailbox',
  fields: {
    displayName: { property: 'DisplayName', output: true, read: 'derived', why: 'DisplayName, else Name, else the primary SMTP address' },
    primarySmtpAddress: { property: 'PrimarySmtpAddress', output: true, read: 'derived', why: 'PrimarySmtpAddress, else the `SMTP:` proxy address of EmailAddresses' },
    umEnabled: { property: 'UMEnabled', output: true, read: 'derived', why: "Get-UMMailbox's UMEnabled when the mailbox has a UM mailbox, else Get-Mailbox's (false when null)" },
    umDialPlan: { property: 'UMDialPlan', output: true, cmdlet: 'Get-UMMailbox', read: 'optStr' },
    umMailboxPolicy: { property: 'UMMailboxPolicy', cmdlet: 'Get-UMMailbox', read: 'optStr' },
    extensions: { property: 'Extensions', cmdlet: 'Get-UMMailbox', read: 'strList' },
    sipResourceIdentifier: { property: 'SIPResourceIdentifier', cmdlet: 'Get-UMMailbox', read: 'optStr' },
    emailAddresses: { property: 'EmailAddresses', read: 'strList' },
    serverName: { property: 'ServerName', output: true, read: 'optStr', form: 'server' },
    // Null when the version's Get-Mailbox has no such property (Select-Object then writes null): not disabled.
    accountDisabled: { property: 'AccountDisabled', output: true, read: 'boolOrFalse' },
  },
} as const satisfies ObjectFields<UmMailbox>;
