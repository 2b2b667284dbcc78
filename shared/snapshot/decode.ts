/**
 * decodeSnapshot: raw snapshot JSON (remote PowerShell shapes) → readonly OrgModel.
 * Pure: the only outside help is the certificate reader, passed in (Node's X509 in main/).
 */
import type {
  AdPermission,
  CertificateFacts,
  CsDialPlan,
  CsMediaConfiguration,
  CsScope,
  ExchangeCertificate,
  ExchangePartnerApplication,
  ExchangeProduct,
  ExchangeServer,
  ExchangeVersion,
  ExUmContact,
  MediationServer,
  OrgModel,
  PoolRole,
  PstnGateway,
  SkypeCertificate,
  SkypePartnerApplication,
  SkypePool,
  SkypeProduct,
  SkypeSite,
  SkypeUser,
  SourceKind,
  UmAutoAttendant,
  UmDialPlan,
  UmHuntGroup,
  UmIpGateway,
  UmMailbox,
  UmMailboxPolicy,
  UmServiceSettings,
} from '../model/org';
import {
  asObject,
  bool,
  bytesBase64,
  date,
  enumOf,
  flags,
  int,
  optBool,
  optInt,
  optStr,
  type Place,
  type RawObject,
  SnapshotError,
  str,
  strList,
} from './fields';
import {
  EXCHANGE_SECTIONS,
  type ExchangeSectionName,
  SKYPE_SECTIONS,
  type SkypeSectionName,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
} from './format';

/** Reads DER certificate bytes (base64). Throws with a readable message when it cannot. */
export type CertificateReader = (rawDataBase64: string) => CertificateFacts;

export interface DecodeOptions {
  readonly readCertificate: CertificateReader;
  /** Overrides what the status bar shows (e.g. the file name for an opened snapshot). */
  readonly sourceKind?: SourceKind;
  readonly sourceLabel?: string;
}

type Decoder<T> = (o: RawObject, p: Place) => T;

function section<T>(group: Record<string, unknown>, groupName: string, name: string, command: string, decode: Decoder<T>): T[] {
  const raw = group[name];
  if (raw === undefined) throw new SnapshotError({ key: 'snapshot.noSection', params: { section: `${groupName}.${name}`, command } });
  const sec = raw as { objects?: unknown };
  if (raw === null || typeof raw !== 'object' || !Array.isArray(sec.objects)) {
    throw new SnapshotError({ key: 'snapshot.sectionShape', params: { section: `${groupName}.${name}` } });
  }
  const objects = sec.objects as unknown[];
  const out: T[] = new Array(objects.length);
  const sectionPath = `${groupName}.${name}`;
  for (let i = 0; i < objects.length; i++) {
    const place = { section: sectionPath, index: i };
    out[i] = decode(asObject(objects[i], place), place);
  }
  return out;
}

// ---------------------------------------------------------------- Exchange

const VERSION_TEXT = /Version\s+(\d+)\.(\d+)\s*\(Build\s+(\d+)\.(\d+)\)/i;

/** `Version 15.1 (Build 2507.6)` → 15.1.2507.6, product 2016 (cmdlet-shapes §2.10). */
export function parseExchangeVersion(text: string): ExchangeVersion | null {
  const m = VERSION_TEXT.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  let product: ExchangeProduct = 'unknown';
  if (major === 8) product = '2007';
  else if (major === 14) product = '2010';
  else if (major === 15 && minor === 0) product = '2013';
  else if (major === 15 && minor === 1) product = '2016';
  else if (major === 15 && minor >= 2) product = '2019';
  return { major, minor, build: Number(m[3]), revision: Number(m[4]), product, text };
}

const STARTUP_MODES = ['TCP', 'TLS', 'Dual'] as const;

function umServiceSettings(o: RawObject, p: Place): UmServiceSettings {
  return {
    startupMode: enumOf(o, 'UMStartupMode', STARTUP_MODES, p),
    dialPlans: strList(o, 'DialPlans', p),
    sipTcpPort: optInt(o, 'SipTcpListeningPort', p),
    sipTlsPort: optInt(o, 'SipTlsListeningPort', p),
  };
}

/** Exchange identities of per-server settings are the server name (or FQDN): compare on the first label. */
function hostKey(nameOrFqdn: string): string {
  const dot = nameOrFqdn.indexOf('.');
  return (dot < 0 ? nameOrFqdn : nameOrFqdn.slice(0, dot)).toLowerCase();
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export function isIpLiteral(address: string): boolean {
  const m = IPV4.exec(address);
  if (m) return m.slice(1).every((n) => Number(n) <= 255);
  return address.includes(':') && /^[0-9a-f:.[\]]+$/i.test(address);
}

function certificateRef(
  rawData: string,
  read: CertificateReader,
): { facts: CertificateFacts | null; unreadable: string | null; rawData: string } {
  try {
    return { facts: read(rawData), unreadable: null, rawData };
  } catch (e) {
    return { facts: null, unreadable: e instanceof Error ? e.message : String(e), rawData };
  }
}

// ---------------------------------------------------------------- Skype

/** `Site:Atlanta` → `Atlanta`; `Registrar:pool.x` → `pool.x` (XDS / service identities, cmdlet-shapes §3). */
function afterPrefix(identity: string): string {
  const i = identity.indexOf(':');
  return i < 0 ? identity.trim() : identity.slice(i + 1).trim();
}

function scopeOf(identity: string): { scope: CsScope; target: string | null } {
  const lower = identity.toLowerCase();
  if (lower === 'global') return { scope: 'Global', target: null };
  if (lower.startsWith('site:')) return { scope: 'Site', target: identity.slice(5) };
  if (lower.startsWith('service:')) return { scope: 'Service', target: afterPrefix(identity.slice(8)) };
  return { scope: 'User', target: identity.startsWith('Tag:') ? identity.slice(4) : identity };
}

/**
 * Registrar service Version → product (cmdlet-shapes §3.2 gives 5 = Lync 2013; the others are
 * inferred from the release order and should be confirmed on a live server).
 */
function skypeProduct(version: number | null): SkypeProduct {
  switch (version) {
    case 3:
      return 'OCS2007R2';
    case 4:
      return 'Lync2010';
    case 5:
      return 'Lync2013';
    case 6:
      return 'SfB2015';
    case 7:
      return 'SfB2019';
    default:
      return 'unknown';
  }
}

/** First RDN removed from a DN, honouring escaped commas (`CN=Doe\, John,OU=…`). */
export function parentDn(dn: string): string {
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === '\\') {
      i++;
      continue;
    }
    if (dn[i] === ',') return dn.slice(i + 1).trim();
  }
  return '';
}

/** One Get-CsExUmContact object (post-remoting shape) as the model holds it. */
function decodeExUmContactAt(o: RawObject, p: Place): ExUmContact {
  const identity = str(o, 'Identity', p);
  return {
    identity,
    displayName: optStr(o, 'DisplayName', p),
    sipAddress: optStr(o, 'SipAddress', p),
    displayNumber: optStr(o, 'DisplayNumber', p),
    lineUri: optStr(o, 'LineURI', p),
    autoAttendant: bool(o, 'AutoAttendant', p),
    isSubscriberAccess: bool(o, 'IsSubscriberAccess', p),
    registrarPool: optStr(o, 'RegistrarPool', p),
    enabled: bool(o, 'Enabled', p),
    enterpriseVoiceEnabled: bool(o, 'EnterpriseVoiceEnabled', p),
    ou: parentDn(identity),
    description: optStr(o, 'Description', p),
  };
}

/**
 * A contact read back after a write (issue 6) through the same decoder as a snapshot's
 * skype.exUmContacts section; throws SnapshotError naming the field when the object is not one.
 */
export function decodeExUmContact(o: unknown): ExUmContact {
  const place: Place = { section: 'skype.exUmContacts', index: 0 };
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotError({ key: 'snapshot.notObject' });
  return decodeExUmContactAt(o as RawObject, place);
}

type MailboxPart = ReturnType<typeof mailboxAt>;
type UmMailboxPart = ReturnType<typeof umMailboxAt>;

function mailboxAt(o: RawObject, p: Place) {
  return {
    displayName: str(o, 'DisplayName', p),
    primarySmtpAddress: str(o, 'PrimarySmtpAddress', p),
    serverName: optStr(o, 'ServerName', p),
    accountDisabled: bool(o, 'AccountDisabled', p),
    umEnabled: bool(o, 'UMEnabled', p),
    emailAddresses: strList(o, 'EmailAddresses', p),
  };
}

function umMailboxAt(o: RawObject, p: Place) {
  return {
    primarySmtpAddress: str(o, 'PrimarySmtpAddress', p),
    umEnabled: bool(o, 'UMEnabled', p),
    umDialPlan: optStr(o, 'UMDialPlan', p),
    umMailboxPolicy: optStr(o, 'UMMailboxPolicy', p),
    extensions: strList(o, 'Extensions', p),
    sipResourceIdentifier: optStr(o, 'SIPResourceIdentifier', p),
  };
}

const NO_STRINGS: readonly string[] = [];

/** A mailbox (Get-Mailbox) with its UM settings (Get-UMMailbox, null when it is not UM-enabled). */
function mergeMailbox(m: MailboxPart, um: UmMailboxPart | null): UmMailbox {
  return {
    displayName: m.displayName,
    primarySmtpAddress: m.primarySmtpAddress,
    umEnabled: um ? um.umEnabled : m.umEnabled,
    umDialPlan: um?.umDialPlan ?? '',
    umMailboxPolicy: um?.umMailboxPolicy ?? '',
    extensions: um?.extensions ?? NO_STRINGS,
    sipResourceIdentifier: um?.sipResourceIdentifier ?? '',
    emailAddresses: m.emailAddresses,
    serverName: m.serverName,
    accountDisabled: m.accountDisabled,
  };
}

function skypeUserAt(o: RawObject, p: Place): SkypeUser {
  return {
    sipAddress: optStr(o, 'SipAddress', p),
    displayName: optStr(o, 'DisplayName', p),
    userPrincipalName: optStr(o, 'UserPrincipalName', p),
    enabled: bool(o, 'Enabled', p),
    registrarPool: optStr(o, 'RegistrarPool', p),
    enterpriseVoiceEnabled: bool(o, 'EnterpriseVoiceEnabled', p),
    lineUri: optStr(o, 'LineURI', p),
    dialPlan: optStr(o, 'DialPlan', p),
    voicePolicy: optStr(o, 'VoicePolicy', p),
    hostedVoiceMail: optBool(o, 'HostedVoiceMail', p),
    hostedVoicemailPolicy: optStr(o, 'HostedVoicemailPolicy', p),
    exUmEnabled: bool(o, 'ExUmEnabled', p),
  };
}

const asRaw = (o: unknown, section: string): RawObject => {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotError({ key: 'snapshot.notObject' });
  void section;
  return o as RawObject;
};

/** One Get-CsUser object read fresh (issue 7's live lookups), through the snapshot's decoder. */
export function decodeSkypeUser(o: unknown): SkypeUser {
  return skypeUserAt(asRaw(o, 'skype.users'), { section: 'skype.users', index: 0 });
}

/** One Get-Mailbox object and its Get-UMMailbox object (null when none), through the snapshot's decoder. */
export function decodeMailbox(mailbox: unknown, umMailbox: unknown | null): UmMailbox {
  const m = mailboxAt(asRaw(mailbox, 'exchange.mailboxes'), { section: 'exchange.mailboxes', index: 0 });
  const um = umMailbox == null ? null : umMailboxAt(asRaw(umMailbox, 'exchange.umMailboxes'), { section: 'exchange.umMailboxes', index: 0 });
  return mergeMailbox(m, um);
}

// ---------------------------------------------------------------- entry point

export function decodeSnapshot(input: unknown, options: DecodeOptions): OrgModel {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SnapshotError({ key: 'snapshot.notObject' });
  }
  const top = input as Record<string, unknown>;
  if (top.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError({ key: 'snapshot.notSnapshot', params: { format: JSON.stringify(top.format ?? null), expected: SNAPSHOT_FORMAT } });
  }
  if (top.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotError({ key: 'snapshot.version', params: { version: JSON.stringify(top.formatVersion ?? null), supported: SNAPSHOT_FORMAT_VERSION } });
  }
  const rootPlace: Place = { section: 'snapshot', index: 0 };
  const capturedAt = date(top as RawObject, 'capturedAt', rootPlace);
  const source = top.source;
  if (source === null || typeof source !== 'object') throw new SnapshotError({ key: 'snapshot.noSource' });
  const src = source as RawObject;
  const srcPlace: Place = { section: 'source', index: 0 };
  const srcKind = enumOf(src, 'kind', ['lab', 'live'] as const, srcPlace);
  const srcLabel = str(src, 'label', srcPlace);
  const psVersion = str(src, 'powerShellVersion', srcPlace);

  for (const group of ['exchange', 'skype'] as const) {
    const g = top[group];
    if (g === null || typeof g !== 'object' || Array.isArray(g)) throw new SnapshotError({ key: 'snapshot.noGroup', params: { group } });
  }
  const ex = top.exchange as Record<string, unknown>;
  const sk = top.skype as Record<string, unknown>;
  const exSec = <T>(name: ExchangeSectionName, d: Decoder<T>) => section(ex, 'exchange', name, EXCHANGE_SECTIONS[name], d);
  const skSec = <T>(name: SkypeSectionName, d: Decoder<T>) => section(sk, 'skype', name, SKYPE_SECTIONS[name], d);
  const read = options.readCertificate;

  // Exchange ------------------------------------------------------------
  const orgs = exSec('organization', (o, p) => str(o, 'Name', p));
  const umServices = exSec('umServices', (o, p) => ({ id: str(o, 'Identity', p), settings: umServiceSettings(o, p) }));
  const callRouters = exSec('callRouters', (o, p) => ({ id: str(o, 'Identity', p), settings: umServiceSettings(o, p) }));
  const clientAccess = exSec('clientAccess', (o, p) => ({
    name: str(o, 'Name', p),
    uri: optStr(o, 'AutoDiscoverServiceInternalUri', p),
  }));
  const byHost = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [hostKey(i.id), i]));
  const umByHost = byHost(umServices);
  const crByHost = byHost(callRouters);
  const casByHost = new Map(clientAccess.map((c) => [hostKey(c.name), c]));

  const servers = exSec('servers', (o, p): ExchangeServer => {
    const name = str(o, 'Name', p);
    const versionText = str(o, 'AdminDisplayVersion', p);
    const version = parseExchangeVersion(versionText);
    if (!version) throw new SnapshotError({ key: 'snapshot.badVersion', params: { where: `${p.section}[${p.index}].AdminDisplayVersion`, value: versionText } });
    const key = hostKey(name);
    const cas = casByHost.get(key);
    return {
      name,
      fqdn: str(o, 'Fqdn', p),
      site: optStr(o, 'Site', p),
      version,
      roles: flags(o, 'ServerRole', p),
      isUnifiedMessagingServer: bool(o, 'IsUnifiedMessagingServer', p),
      isClientAccessServer: bool(o, 'IsClientAccessServer', p),
      isMailboxServer: bool(o, 'IsMailboxServer', p),
      umService: umByHost.get(key)?.settings ?? null,
      callRouter: crByHost.get(key)?.settings ?? null,
      autodiscoverInternalUri: cas ? (cas.uri === '' ? null : cas.uri) : null,
    };
  });

  const dialPlans = exSec(
    'dialPlans',
    (o, p): UmDialPlan => ({
      name: str(o, 'Name', p),
      uriType: enumOf(o, 'URIType', ['TelExtn', 'E164', 'SipName'] as const, p),
      voipSecurity: enumOf(o, 'VoIPSecurity', ['Unsecured', 'SIPSecured', 'Secured'] as const, p),
      phoneContext: optStr(o, 'PhoneContext', p),
      numberOfDigitsInExtension: int(o, 'NumberOfDigitsInExtension', p),
      accessTelephoneNumbers: strList(o, 'AccessTelephoneNumbers', p),
      pilotIdentifierList: strList(o, 'PilotIdentifierList', p),
      umIpGateways: strList(o, 'UMIPGateway', p),
      umAutoAttendants: strList(o, 'UMAutoAttendants', p),
      umMailboxPolicies: strList(o, 'UMMailboxPolicies', p),
      umServers: strList(o, 'UMServers', p),
      countryOrRegionCode: optStr(o, 'CountryOrRegionCode', p),
    }),
  );

  const ipGateways = exSec('ipGateways', (o, p): UmIpGateway => {
    const address = str(o, 'Address', p);
    return {
      name: str(o, 'Name', p),
      address,
      addressIsIpLiteral: isIpLiteral(address),
      port: int(o, 'Port', p),
      status: enumOf(o, 'Status', ['Enabled', 'Disabled', 'NoNewCalls'] as const, p),
      outcallsAllowed: bool(o, 'OutcallsAllowed', p),
      messageWaitingIndicatorAllowed: bool(o, 'MessageWaitingIndicatorAllowed', p),
      ipAddressFamily: enumOf(o, 'IPAddressFamily', ['IPv4Only', 'IPv6Only', 'Any'] as const, p),
      huntGroups: strList(o, 'HuntGroups', p),
    };
  });

  const huntGroups = exSec(
    'huntGroups',
    (o, p): UmHuntGroup => ({
      id: str(o, 'Identity', p),
      name: str(o, 'Name', p),
      gateway: str(o, 'UMIPGateway', p),
      dialPlan: str(o, 'UMDialPlan', p),
      pilotIdentifier: optStr(o, 'PilotIdentifier', p),
    }),
  );

  const autoAttendants = exSec(
    'autoAttendants',
    (o, p): UmAutoAttendant => ({
      name: str(o, 'Name', p),
      dialPlan: str(o, 'UMDialPlan', p),
      status: enumOf(o, 'Status', ['Enabled', 'Disabled'] as const, p),
      pilotIdentifierList: strList(o, 'PilotIdentifierList', p),
      speechEnabled: bool(o, 'SpeechEnabled', p),
    }),
  );

  const mailboxPolicies = exSec(
    'mailboxPolicies',
    (o, p): UmMailboxPolicy => ({ name: str(o, 'Name', p), dialPlan: str(o, 'UMDialPlan', p) }),
  );

  const exchangeCertificates = exSec('certificates', (o, p): ExchangeCertificate => {
    // Identity is `ServerFQDN\Thumbprint` (cmdlet-shapes §2.11): the only place the server is named.
    const identity = str(o, 'Identity', p);
    const slash = identity.indexOf('\\');
    return {
      server: slash < 0 ? '' : identity.slice(0, slash),
      services: flags(o, 'Services', p),
      ...certificateRef(bytesBase64(o, 'RawData', p), read),
    };
  });

  const exchangePartners = exSec(
    'partnerApplications',
    (o, p): ExchangePartnerApplication => ({
      name: str(o, 'Name', p),
      authMetadataUrl: optStr(o, 'AuthMetadataUrl', p),
      enabled: bool(o, 'Enabled', p),
    }),
  );

  const permissions = exSec(
    'permissions',
    (o, p): AdPermission => ({
      object: str(o, 'Identity', p),
      user: str(o, 'User', p),
      accessRights: flags(o, 'AccessRights', p),
      inheritanceType: str(o, 'InheritanceType', p),
      deny: bool(o, 'Deny', p),
    }),
  );

  const mailboxes = exSec('mailboxes', mailboxAt);
  const umMailboxes = exSec('umMailboxes', umMailboxAt);
  const umBySmtp = new Map(umMailboxes.map((u) => [u.primarySmtpAddress.toLowerCase(), u]));
  const mergedMailboxes = mailboxes.map((m): UmMailbox => mergeMailbox(m, umBySmtp.get(m.primarySmtpAddress.toLowerCase()) ?? null));

  // Skype ---------------------------------------------------------------
  const sipDomains = skSec('sipDomains', (o, p) => ({ name: str(o, 'Name', p), isDefault: bool(o, 'IsDefault', p) }));
  const sites = skSec(
    'sites',
    (o, p): SkypeSite => ({
      identity: str(o, 'Identity', p),
      name: optStr(o, 'DisplayName', p) || afterPrefix(str(o, 'Identity', p)),
      siteId: int(o, 'SiteId', p),
      kind: enumOf(o, 'SiteType', ['CentralSite', 'BranchOffice'] as const, p),
      parentSite: optStr(o, 'ParentSite', p) || null,
    }),
  );
  const siteKind = new Map(sites.map((s) => [s.identity.toLowerCase(), s.kind]));

  const registrars = skSec('registrars', (o, p) => ({
    pool: str(o, 'PoolFqdn', p).toLowerCase(),
    version: optInt(o, 'Version', p),
  }));
  const registrarVersion = new Map(registrars.map((r) => [r.pool, r.version]));

  const pools = skSec('pools', (o, p): SkypePool => {
    const fqdn = str(o, 'Fqdn', p);
    const site = str(o, 'Site', p);
    const services = strList(o, 'Services', p);
    const computers = strList(o, 'Computers', p);
    const has = (role: string) => services.some((s) => s.toLowerCase().startsWith(role.toLowerCase() + ':'));
    // Role from the services the pool runs (Get-CsPool has no role property): a Registrar
    // without UserServer is a Director in a central site and an SBA in a branch site;
    // a UserServer pool whose only computer is the pool itself is a Standard Edition server.
    let role: PoolRole = 'FrontEnd';
    if (has('Registrar') && !has('UserServer')) {
      role = siteKind.get(site.toLowerCase()) === 'BranchOffice' ? 'SurvivableBranchAppliance' : 'Director';
    } else if (computers.length === 1 && computers[0].toLowerCase() === fqdn.toLowerCase()) {
      role = 'StandardEdition';
    }
    return {
      fqdn,
      site,
      role,
      product: skypeProduct(registrarVersion.get(fqdn.toLowerCase()) ?? null),
      computers,
      services: services.filter((s) => !!s),
    };
  });

  const mediationServers = skSec(
    'mediationServers',
    (o, p): MediationServer => ({
      poolFqdn: str(o, 'PoolFqdn', p),
      site: str(o, 'SiteId', p),
      registrar: optStr(o, 'Registrar', p) ? afterPrefix(optStr(o, 'Registrar', p)) : null,
      sipTlsPort: optInt(o, 'SipServerTlsPort', p),
      gateways: strList(o, 'DependentServiceList', p)
        .filter((s) => s.toLowerCase().startsWith('pstngateway:'))
        .map(afterPrefix),
    }),
  );

  const pstnGateways = skSec('pstnGateways', (o, p): PstnGateway => {
    const mediation = strList(o, 'DependentServiceList', p).find((s) => s.toLowerCase().startsWith('mediationserver:'));
    return {
      address: str(o, 'PoolFqdn', p),
      site: str(o, 'SiteId', p),
      port: optInt(o, 'GatewaySipPort', p),
      protocol: optStr(o, 'GatewaySipProtocol', p),
      mediationServer: mediation ? afterPrefix(mediation) : null,
    };
  });

  const csDialPlans = skSec('dialPlans', (o, p): CsDialPlan => {
    const identity = str(o, 'Identity', p);
    const { scope, target } = scopeOf(identity);
    return { identity, scope, name: target ?? identity, simpleName: optStr(o, 'SimpleName', p) };
  });

  const mediaConfigurations = skSec('mediaConfigurations', (o, p): CsMediaConfiguration => {
    const identity = str(o, 'Identity', p);
    const { scope, target } = scopeOf(identity);
    return {
      identity,
      scope,
      target,
      encryptionLevel: enumOf(o, 'EncryptionLevel', ['RequireEncryption', 'SupportEncryption', 'DoNotSupportEncryption'] as const, p),
    };
  });

  const exUmContacts = skSec('exUmContacts', decodeExUmContactAt);

  const poolOfComputer = new Map<string, string>();
  for (const pool of pools) for (const c of pool.computers) poolOfComputer.set(c.toLowerCase(), pool.fqdn);

  const skypeCertificates = skSec('certificates', (o, p): SkypeCertificate => {
    const server = str(o, 'PSComputerName', p);
    const raw = o.RawData === undefined || o.RawData === null ? '' : bytesBase64(o, 'RawData', p);
    // Get-CsCertificate has no RawData of its own; when the capture could not add it, the
    // printed fields still give the facts the rules need (key size then unknown).
    const ref = raw
      ? certificateRef(raw, read)
      : {
          rawData: '',
          unreadable: null,
          facts: {
            thumbprint: str(o, 'Thumbprint', p).toUpperCase(),
            subject: str(o, 'Subject', p),
            subjectCommonName: /CN=([^,]+)/i.exec(str(o, 'Subject', p))?.[1]?.trim() ?? null,
            issuer: str(o, 'Issuer', p),
            serialNumber: optStr(o, 'SerialNumber', p),
            notBefore: date(o, 'NotBefore', p),
            notAfter: date(o, 'NotAfter', p),
            dnsNames: strList(o, 'AlternativeNames', p),
            keyAlgorithm: 'unknown',
            keySize: null,
            isSelfSigned: str(o, 'Subject', p) === str(o, 'Issuer', p),
            isCertificateAuthority: false,
            extendedKeyUsage: null,
          },
        };
    return { server, pool: poolOfComputer.get(server.toLowerCase()) ?? server, use: str(o, 'Use', p), ...ref };
  });

  const oauthConfigs = skSec('oauth', (o, p) => ({
    exchangeAutodiscoverUrl: optStr(o, 'ExchangeAutodiscoverUrl', p),
    realm: optStr(o, 'Realm', p),
  }));

  const skypePartners = skSec(
    'partnerApplications',
    (o, p): SkypePartnerApplication => ({
      identity: str(o, 'Identity', p),
      applicationIdentifier: optStr(o, 'ApplicationIdentifier', p),
      metadataUrl: optStr(o, 'MetadataUrl', p),
      applicationTrustLevel: optStr(o, 'ApplicationTrustLevel', p),
      enabled: bool(o, 'Enabled', p),
    }),
  );

  const users = skSec('users', skypeUserAt);

  return {
    source: {
      kind: options.sourceKind ?? srcKind,
      label: options.sourceLabel ?? srcLabel,
      readAt: capturedAt,
      powerShellVersion: psVersion,
    },
    exchange: {
      organizationName: orgs[0] ?? '',
      servers,
      dialPlans,
      ipGateways,
      huntGroups,
      autoAttendants,
      mailboxPolicies,
      certificates: exchangeCertificates,
      partnerApplications: exchangePartners,
      permissions,
    },
    skype: {
      defaultSipDomain: sipDomains.find((d) => d.isDefault)?.name ?? sipDomains[0]?.name ?? '',
      sites,
      pools,
      mediationServers,
      pstnGateways,
      dialPlans: csDialPlans,
      mediaConfigurations,
      exUmContacts,
      certificates: skypeCertificates,
      oauth: oauthConfigs[0] ?? null,
      partnerApplications: skypePartners,
    },
    users,
    mailboxes: mergedMailboxes,
  };
}
