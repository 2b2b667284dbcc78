/**
 * The one way to describe an org outside the shipped code: an `OrgSpec` (plain, mutable data, one
 * entry per object a cmdlet returns) built through the real path — raw cmdlet objects in their remote
 * PowerShell shapes (raw-objects.ts) → `assembleSnapshot` → `decodeSnapshot` with Node's certificate
 * reader. The small hand-made orgs of the rule tests (small-org.ts) and the generated large orgs of
 * the benchmarks and scale tests (generate-org.ts) are both specs built here.
 *
 * Certificates are the real DER ones of the committed lab file, named by subject (`CERT.*`).
 */
import { readCertificateBase64 } from '../../../main/services/certificates/certificate-reader';
import { dnsNamesOf } from '../../../shared/certificates/cert-model';
import type {
  CertificateFacts,
  KnownEncryptionLevel as EncryptionLevel,
  OrgModel,
  KnownUmStartupMode as UmStartupMode,
  KnownUmUriType as UmUriType,
  KnownVoipSecurity as VoipSecurity,
} from '../../../shared/model/org';
import { decodeSnapshot } from '../../../shared/snapshot/decode';
import type { RawSnapshot } from '../../../shared/snapshot/format';
import { labRaw } from '../lab';
import {
  assembleSnapshot,
  emptySections,
  type PsEdition,
  rawAutoAttendant,
  rawCallRouter,
  rawClientAccess,
  runsClientAccess,
  rawCsCertificate,
  rawCsDialPlan,
  rawCsPartner,
  rawCsUser,
  rawDialPlan,
  rawExchangeCertificate,
  rawExchangePartner,
  rawExchangeServer,
  rawExUmContact,
  rawHuntGroup,
  rawIpGateway,
  rawMailbox,
  rawMailboxPolicy,
  rawMediaConfiguration,
  rawHostedVoicemailPolicy,
  rawOAuth,
  rawPermission,
  rawPool,
  rawRegistrar,
  rawSipDomain,
  rawSite,
  rawUmMailbox,
  rawUmService,
  type ShapeContext,
} from './raw-objects';
import { addUsers, type UserPlan } from './users';
import { addMixedUsers, type MixedUserPlan } from './user-mix';

// ---------------------------------------------------------------- the spec

export interface UmServiceSpec {
  startupMode: UmStartupMode;
  dialPlans: string[];
}

export interface ExchangeCertificateAssignment {
  /** Subject of a lab certificate, e.g. `CERT.umAtl001`. */
  subject: string;
  /** AllowedServices as Get-ExchangeCertificate prints them, e.g. `UM, UMCallRouter`. */
  services: string;
}

export interface ExchangeServerSpec {
  name: string;
  fqdn: string;
  /** AD site name (the builder writes `<domain>/Configuration/Sites/<site>`). */
  site: string;
  /** AdminDisplayVersion as printed, e.g. `Version 15.1 (Build 2507.6)`. */
  version: string;
  /** ServerRole flags, e.g. `Mailbox, ClientAccess`. IsMailboxServer / IsClientAccessServer follow from them. */
  roles: string;
  /** IsUnifiedMessagingServer (false on Exchange 2019). */
  um: boolean;
  /** Get-UMService (Get-UMServer on 2010); null: no object for this server. */
  umService: UmServiceSpec | null;
  /** Get-UMCallRouterSettings; null: no object for this server. */
  callRouter: UmServiceSpec | null;
  /** Get-ClientAccessService AutoDiscoverServiceInternalUri; written only when the roles include ClientAccess. */
  autodiscoverInternalUri: string | null;
  certificates: ExchangeCertificateAssignment[];
}

export interface UmDialPlanSpec {
  name: string;
  uriType: UmUriType;
  voipSecurity: VoipSecurity;
  /** PhoneContext is `<name>.<domain>`. */
  domain: string;
  digits: number;
  /** Outlook Voice Access numbers. */
  ova: string[];
  /** UMIPGateway back-links. */
  gateways: string[];
  autoAttendants: string[];
  policies: string[];
  /** Exchange 2010 UM servers linked to the plan. */
  umServers: string[];
  country: string;
}

export interface HuntGroupSpec {
  name: string;
  dialPlan: string;
  pilot: string;
}

export interface UmGatewaySpec {
  name: string;
  address: string;
  port: number;
  status: 'Enabled' | 'Disabled' | 'NoNewCalls';
  outcalls: boolean;
  mwi: boolean;
  huntGroups: HuntGroupSpec[];
}

export interface AutoAttendantSpec {
  name: string;
  dialPlan: string;
  pilots: string[];
  enabled: boolean;
}

export interface PermissionSpec {
  /** Get-ADPermission Identity: the organization name or `UM DialPlan Container` / `UM AutoAttendant Container`. */
  object: string;
  /** `DOMAIN\group`. */
  user: string;
  /** AccessRights flags, e.g. `ListChildren, ReadProperty`. */
  rights: string;
  inheritance: string;
  /** An explicit Deny entry. */
  deny?: boolean;
}

export interface SiteSpec {
  name: string;
  siteId: number;
  kind: 'CentralSite' | 'BranchOffice';
  parent?: string;
}

/**
 * A Get-CsPool object; the decoder derives the role: Registrar + UserServer = Front End (or Standard
 * Edition when the only computer is the pool itself); Registrar without UserServer = Director in a
 * central site, SBA in a branch site. Use the helpers `frontEndPool` & co.
 */
export interface PoolSpec {
  fqdn: string;
  site: string;
  services: string[];
  computers: string[];
  /** Registrar service Version (3 OCS 2007 R2, 4 Lync 2010, 5 Lync 2013, 6 SfB 2015, 7 SfB 2019); null: no registrar object. */
  registrarVersion: number | null;
}

export interface ContactSpec {
  cn: string;
  displayName: string;
  sip: string;
  number: string;
  autoAttendant: boolean;
  pool: string;
  enabled: boolean;
  ev: boolean;
  /** Parent OU DN; default `OU=RTC Special Accounts,<domain DN>`. */
  ou?: string;
}

export interface SkypeCertificateSpec {
  /** The server Get-CsCertificate ran on (PSComputerName). */
  computer: string;
  use: string;
  /** Subject of a lab certificate, e.g. `CERT.oauth`. */
  subject: string;
  /**
   * Printed fields only (no RawData), as Get-CsCertificate arrives when the capture could not add
   * the bytes: the decoder then takes the facts from the printed properties (key size unknown).
   */
  printedOnly?: boolean;
  /** Overrides the printed Issuer (implies printedOnly), e.g. to make the Skype side trust another CA. */
  issuer?: string;
}

export interface UserSpec {
  /** SIP address and mailbox are `<alias>@<domain>`. */
  alias: string;
  displayName: string;
  pool: string;
  enabled: boolean;
  ev: boolean;
  extension: string;
  /** null: no mailbox. `um` null: mailbox not UM-enabled. */
  mailbox: { server: string; um: { dialPlan: string; policy: string } | null } | null;
}

/** One org described: what each cmdlet would return, as plain mutable data (tests change one thing and build). */
export interface OrgSpec {
  /** Exchange organization name (Get-OrganizationConfig Name). */
  organization: string;
  netbios: string;
  /** AD domain, also the default SIP domain. */
  domain: string;
  exchange: {
    servers: ExchangeServerSpec[];
    dialPlans: UmDialPlanSpec[];
    gateways: UmGatewaySpec[];
    autoAttendants: AutoAttendantSpec[];
    mailboxPolicies: { name: string; dialPlan: string }[];
    partnerApplications: { name: string; metadataUrl: string; enabled: boolean }[];
    permissions: PermissionSpec[];
  };
  skype: {
    sites: SiteSpec[];
    pools: PoolSpec[];
    mediaConfigurations: { identity: string; encryption: EncryptionLevel }[];
    /** Get-CsHostedVoicemailPolicy; absent: the Global policy every deployment has, with no Destination. */
    hostedVoicemailPolicies?: { identity: string; destination?: string; organization?: string }[];
    dialPlans: { identity: string; simpleName: string }[];
    contacts: ContactSpec[];
    certificates: SkypeCertificateSpec[];
    oauth: { autodiscoverUrl: string; realm: string } | null;
    partnerApplications: { identity: string; metadataUrl: string; trust: string; enabled: boolean }[];
  };
  users: UserSpec[];
  /** Users made in bulk on top of `users` (deterministic for a seed): the generated large orgs. */
  generatedUsers?: { plan: UserPlan; count: number; seed: number };
  /** Users made in bulk with a mix of healthy and faulty users (user-mix.ts): the generated large orgs. */
  mixedUsers?: { plan: MixedUserPlan; count: number; seed: number };
  /** Certificates made for this org (e.g. by openssl), by subject; looked up before the lab file's. */
  extraCertificates?: ReadonlyMap<string, LabCert>;
  /** How the capture is stamped; default: Windows PowerShell 5.1, a live capture labelled "small org (test)". */
  capture?: { edition?: PsEdition; runspaceId?: string; kind?: 'lab' | 'live'; label?: string };
}

// ---------------------------------------------------------------- lab certificates

/** Subjects of the real certificates in the lab file. */
export const CERT = {
  /** CA-issued (Litware Root CA), CN and SAN atl-exchange-001.litwareinc.com. */
  umAtl001: 'CN=atl-exchange-001.litwareinc.com',
  /** Self-signed, CN ATL-EX-002, SAN ATL-EX-002 and atl-exchange-002.litwareinc.com. */
  selfSignedAtl002: 'CN=ATL-EX-002',
  /** CA-issued wildcard *.litwareinc.com. */
  wildcard: 'CN=*.litwareinc.com',
  /** Self-signed Microsoft Exchange Server Auth Certificate. */
  exchangeAuth: 'CN=Microsoft Exchange Server Auth Certificate',
  /** CA-issued, SAN mail.litwareinc.com and autodiscover.litwareinc.com. */
  mail: 'CN=mail.litwareinc.com',
  /** atl-cs-001 pool certificate, SAN atl-fe-01..03 too. */
  atlPool: 'CN=atl-cs-001.litwareinc.com',
  webExt: 'CN=webext.litwareinc.com',
  /** The healthy OAuthTokenIssuer, 2048 bits. */
  oauth: 'CN=litwareinc.com',
  /** A stale OAuthTokenIssuer, 1024 bits. */
  oauthOld1024: 'CN=oauth-old.litwareinc.com',
  dalSe: 'CN=dal-cs-se01.litwareinc.com',
  dalPool: 'CN=dal-cs-002.litwareinc.com',
  director: 'CN=atl-dir-001.litwareinc.com',
  sba: 'CN=red-sba-01.litwareinc.com',
} as const;

export interface LabCert {
  readonly rawData: string;
  readonly facts: CertificateFacts;
}

let labJson: ReturnType<typeof labRaw> | undefined;
let labCerts: Map<string, LabCert> | undefined;

/** The lab snapshot JSON, read once (read-only here; tests that mutate it call labRaw()). */
function labSnapshotJson() {
  labJson ??= labRaw();
  return labJson;
}

/** A real lab certificate by subject (`CERT.*`). */
export function labCertificate(subject: string): LabCert {
  if (!labCerts) {
    labCerts = new Map();
    const j = labSnapshotJson() as { exchange: { certificates: { objects: { RawData?: string }[] } }; skype: { certificates: { objects: { RawData?: string }[] } } };
    for (const o of [...j.exchange.certificates.objects, ...j.skype.certificates.objects]) {
      if (!o.RawData) continue;
      const facts = readCertificateBase64(o.RawData);
      if (!labCerts.has(facts.subject)) labCerts.set(facts.subject, { rawData: o.RawData, facts });
    }
  }
  const c = labCerts.get(subject);
  if (!c) throw new Error(`no lab certificate with subject ${subject}; known: ${[...labCerts.keys()].join(' | ')}`);
  return c;
}

// ---------------------------------------------------------------- helpers for specs

export const V2010_RTM = 'Version 14.0 (Build 639.21)';
export const V2010_SP3 = 'Version 14.3 (Build 123.4)';
export const V2013 = 'Version 15.0 (Build 1497.2)';
export const V2016 = 'Version 15.1 (Build 2507.6)';
export const V2019 = 'Version 15.2 (Build 1544.4)';

const fullServices = (fqdn: string) => ['Registrar', 'UserServer', 'WebServer', 'ConferencingServer', 'MediationServer', 'ApplicationServer'].map((s) => `${s}:${fqdn}`);

/** Enterprise Edition Front End pool: Registrar + UserServer, several computers. */
export function frontEndPool(fqdn: string, site: string, computers: string[], registrarVersion: number | null = 6): PoolSpec {
  return { fqdn, site, services: fullServices(fqdn), computers, registrarVersion };
}

/** Standard Edition server: UserServer, the only computer is the pool itself. */
export function standardEditionPool(fqdn: string, site: string, registrarVersion: number | null = 6): PoolSpec {
  return { fqdn, site, services: fullServices(fqdn), computers: [fqdn], registrarVersion };
}

/** Director: Registrar without UserServer, in a central site. */
export function directorPool(fqdn: string, site: string, computers: string[], registrarVersion: number | null = 6): PoolSpec {
  return { fqdn, site, services: [`Registrar:${fqdn}`, `WebServer:${fqdn}`], computers, registrarVersion };
}

/** Survivable Branch Appliance: Registrar without UserServer, in a BranchOffice site. */
export function sbaPool(fqdn: string, site: string, registrarVersion: number | null = 6): PoolSpec {
  return { fqdn, site, services: [`Registrar:${fqdn}`, `MediationServer:${fqdn}`], computers: [fqdn], registrarVersion };
}

/** The ACEs ExchUcUtil grants both RTC groups (SCRIPT-EXCHUCUTIL phase B). */
export function exchUcUtilPermissions(organization: string, netbios: string): PermissionSpec[] {
  const out: PermissionSpec[] = [];
  for (const group of ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices']) {
    const user = `${netbios}\\${group}`;
    out.push({ object: organization, user, rights: 'ListChildren', inheritance: 'None' });
    out.push({ object: 'UM DialPlan Container', user, rights: 'ListChildren, ReadProperty', inheritance: 'All' });
    out.push({ object: 'UM AutoAttendant Container', user, rights: 'ListChildren, ReadProperty', inheritance: 'All' });
  }
  return out;
}

/** A 2016 Mailbox + Client Access server, UM and call router in Dual mode answering the given dial plans. */
export function exchange2016(name: string, fqdn: string, dialPlans: string[], certificates: ExchangeCertificateAssignment[]): ExchangeServerSpec {
  return {
    name,
    fqdn,
    site: 'Atlanta',
    version: V2016,
    roles: 'Mailbox, ClientAccess',
    um: true,
    umService: { startupMode: 'Dual', dialPlans: [...dialPlans] },
    callRouter: { startupMode: 'Dual', dialPlans: [...dialPlans] },
    autodiscoverInternalUri: 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml',
    certificates,
  };
}

/** An EV user homed on `pool` with a UM mailbox on `server` in `dialPlan`. */
export function umUser(alias: string, displayName: string, pool: string, server: string, dialPlan: string, extension: string): UserSpec {
  return { alias, displayName, pool, enabled: true, ev: true, extension, mailbox: { server, um: { dialPlan, policy: `${dialPlan} Default Policy` } } };
}

// ---------------------------------------------------------------- spec editors

export function server(spec: OrgSpec, name: string): ExchangeServerSpec {
  const s = spec.exchange.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return s;
}

export function gateway(spec: OrgSpec, name: string): UmGatewaySpec {
  const g = spec.exchange.gateways.find((x) => x.name === name);
  if (!g) throw new Error(`no gateway ${name}`);
  return g;
}

export function dialPlan(spec: OrgSpec, name: string): UmDialPlanSpec {
  const d = spec.exchange.dialPlans.find((x) => x.name === name);
  if (!d) throw new Error(`no dial plan ${name}`);
  return d;
}

export function contact(spec: OrgSpec, cn: string): ContactSpec {
  const c = spec.skype.contacts.find((x) => x.cn === cn);
  if (!c) throw new Error(`no contact ${cn}`);
  return c;
}

/** A non-Lync dial plan (extension, unsecured, on an IP-PBX gateway or none): touches no integration rule. */
export function pbxDialPlan(name: string, domain = 'litwareinc.com'): UmDialPlanSpec {
  return { name, uriType: 'TelExtn', voipSecurity: 'Unsecured', domain, digits: 4, ova: [], gateways: [], autoAttendants: [], policies: [], umServers: [], country: '1' };
}

/** A gateway whose Address is a Skype pool (what ExchUcUtil creates), with one hunt group per dial plan, pilot = dial plan name. */
export function poolGateway(name: string, poolFqdn: string, dialPlans: string[], o: { outcalls: boolean; mwi: boolean }): UmGatewaySpec {
  return { name, address: poolFqdn, port: 5060, status: 'Enabled', outcalls: o.outcalls, mwi: o.mwi, huntGroups: dialPlans.map((d) => ({ name: d, dialPlan: d, pilot: d })) };
}

/** A classic IP-PBX gateway (IP literal), one hunt group. */
export function pbxGateway(name: string, address: string, dialPlan: string, pilot: string): UmGatewaySpec {
  return { name, address, port: 5060, status: 'Enabled', outcalls: true, mwi: true, huntGroups: [{ name: `${name}-${dialPlan}`, dialPlan, pilot }] };
}

/** An Exchange 2010 UM server (Mailbox, ClientAccess, UnifiedMessaging roles) answering `dialPlans`. */
export function exchange2010(name: string, fqdn: string, version: string, dialPlans: string[]): ExchangeServerSpec {
  return {
    name,
    fqdn,
    site: 'Atlanta',
    version,
    roles: 'Mailbox, ClientAccess, UnifiedMessaging',
    um: true,
    umService: { startupMode: 'Dual', dialPlans: [...dialPlans] },
    callRouter: null,
    autodiscoverInternalUri: 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml',
    certificates: [],
  };
}

/** An Exchange 2019 Mailbox server: no UM (IsUnifiedMessagingServer false). */
export function exchange2019(name: string, fqdn: string): ExchangeServerSpec {
  return { name, fqdn, site: 'Atlanta', version: V2019, roles: 'Mailbox', um: false, umService: null, callRouter: null, autodiscoverInternalUri: null, certificates: [] };
}

// ---------------------------------------------------------------- building

const CAPTURED_AT = new Date('2026-11-20T09:30:00Z');

/** The raw snapshot (remote PowerShell shapes) for a spec. */
export function buildRawSnapshot(spec: OrgSpec): RawSnapshot {
  const domainDn = spec.domain
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');
  const firstServer = spec.exchange.servers[0]?.fqdn ?? `ex.${spec.domain}`;
  const ctx: ShapeContext = {
    edition: spec.capture?.edition ?? '5.1',
    exchangeComputer: firstServer,
    skypeComputer: spec.skype.pools[0]?.computers[0] ?? `fe.${spec.domain}`,
    runspaceId: spec.capture?.runspaceId ?? '00000000-0000-4000-a000-000000000001',
    domainDn,
    when: CAPTURED_AT,
  };
  const org = spec.organization;
  const s = emptySections();
  const ex = s.exchange;
  const sk = s.skype;

  ex.organization.push({ Name: org, PSComputerName: ctx.exchangeComputer, RunspaceId: ctx.runspaceId, PSShowComputerName: false });
  for (const sv of spec.exchange.servers) {
    ex.servers.push(rawExchangeServer(ctx, { name: sv.name, fqdn: sv.fqdn, site: `${spec.domain}/Configuration/Sites/${sv.site}`, version: sv.version, roles: sv.roles, org, um: sv.um }));
    if (sv.umService) ex.umServices.push(rawUmService(ctx, { server: sv.name, startupMode: sv.umService.startupMode, dialPlans: [...sv.umService.dialPlans] }));
    if (sv.callRouter) ex.callRouters.push(rawCallRouter(ctx, { server: sv.name, startupMode: sv.callRouter.startupMode, dialPlans: [...sv.callRouter.dialPlans] }));
    if (runsClientAccess(sv)) ex.clientAccess.push(rawClientAccess(ctx, { name: sv.name, fqdn: sv.fqdn, autodiscover: sv.autodiscoverInternalUri, site: sv.site }));
    for (const a of sv.certificates) {
      const c = spec.extraCertificates?.get(a.subject) ?? labCertificate(a.subject);
      ex.certificates.push(
        rawExchangeCertificate(ctx, {
          serverFqdn: sv.fqdn,
          thumbprint: c.facts.thumbprint,
          services: a.services,
          rawData: c.rawData,
          selfSigned: c.facts.selfSigned,
          notAfter: new Date(c.facts.notAfter),
        }),
      );
    }
  }

  for (const d of spec.exchange.dialPlans)
    ex.dialPlans.push(rawDialPlan(ctx, { ...d, ova: [...d.ova], gateways: [...d.gateways], autoAttendants: [...d.autoAttendants], policies: [...d.policies], umServers: [...d.umServers], org }));
  for (const g of spec.exchange.gateways) {
    ex.ipGateways.push(rawIpGateway(ctx, { name: g.name, address: g.address, port: g.port, status: g.status, outcalls: g.outcalls, mwi: g.mwi, huntGroups: g.huntGroups.map((h) => h.name), org }));
    for (const h of g.huntGroups) ex.huntGroups.push(rawHuntGroup(ctx, { name: h.name, gateway: g.name, dialPlan: h.dialPlan, pilot: h.pilot, org }));
  }
  for (const a of spec.exchange.autoAttendants) ex.autoAttendants.push(rawAutoAttendant(ctx, { name: a.name, dialPlan: a.dialPlan, pilots: [...a.pilots], enabled: a.enabled, org }));
  for (const p of spec.exchange.mailboxPolicies) ex.mailboxPolicies.push(rawMailboxPolicy(ctx, { ...p, org }));
  for (const p of spec.exchange.partnerApplications) ex.partnerApplications.push(rawExchangePartner(ctx, { ...p, org }));
  for (const p of spec.exchange.permissions) ex.permissions.push(rawPermission(ctx, p));

  // Skype
  sk.sipDomains.push(rawSipDomain(ctx, { name: spec.domain, isDefault: true }));
  for (const site of spec.skype.sites) sk.sites.push(rawSite(ctx, site));
  const siteIdOf = (name: string) => spec.skype.sites.find((x) => x.name.toLowerCase() === name.toLowerCase())?.siteId ?? 1;
  const instance = new Map<string, number>();
  for (const p of spec.skype.pools) {
    sk.pools.push(rawPool(ctx, { fqdn: p.fqdn, site: p.site, services: [...p.services], computers: [...p.computers] }));
    if (p.registrarVersion !== null) {
      const n = (instance.get(p.site) ?? 0) + 1;
      instance.set(p.site, n);
      sk.registrars.push(rawRegistrar(ctx, { pool: p.fqdn, site: p.site, siteId: siteIdOf(p.site), instance: n, version: p.registrarVersion }));
    }
  }
  for (const d of spec.skype.dialPlans) sk.dialPlans.push(rawCsDialPlan(ctx, d));
  for (const m of spec.skype.mediaConfigurations) sk.mediaConfigurations.push(rawMediaConfiguration(ctx, m));
  // "A global policy will always exist and can't be removed" (New-CsHostedVoicemailPolicy -Identity).
  for (const h of spec.skype.hostedVoicemailPolicies ?? [{ identity: 'Global' }]) sk.hostedVoicemailPolicies.push(rawHostedVoicemailPolicy(ctx, h));
  for (const c of spec.skype.contacts)
    sk.exUmContacts.push(
      rawExUmContact(ctx, {
        cn: c.cn,
        ou: c.ou ?? `OU=RTC Special Accounts,${domainDn}`,
        displayName: c.displayName,
        sip: c.sip,
        number: c.number,
        autoAttendant: c.autoAttendant,
        pool: c.pool,
        enabled: c.enabled,
        ev: c.ev,
      }),
    );
  for (const c of spec.skype.certificates) {
    const cert = spec.extraCertificates?.get(c.subject) ?? labCertificate(c.subject);
    const printedOnly = c.printedOnly === true || c.issuer !== undefined;
    sk.certificates.push(
      rawCsCertificate(ctx, {
        computer: c.computer,
        use: c.use,
        subject: cert.facts.subject,
        issuer: c.issuer ?? cert.facts.issuer,
        notBefore: new Date(cert.facts.notBefore),
        notAfter: new Date(cert.facts.notAfter),
        serial: cert.facts.serialNumber,
        thumbprint: cert.facts.thumbprint,
        sans: dnsNamesOf(cert.facts),
        rawData: printedOnly ? undefined : cert.rawData,
      }),
    );
  }
  if (spec.skype.oauth) sk.oauth.push(rawOAuth(ctx, spec.skype.oauth));
  for (const p of spec.skype.partnerApplications) sk.partnerApplications.push(rawCsPartner(ctx, p));

  // Users and mailboxes
  for (const u of spec.users) {
    const address = `${u.alias}@${spec.domain}`;
    sk.users.push(
      rawCsUser(ctx, {
        sip: `sip:${address}`,
        displayName: u.displayName,
        upn: address,
        enabled: u.enabled,
        pool: u.pool,
        ev: u.ev,
        lineUri: u.ev ? `tel:+1425555${u.extension};ext=${u.extension}` : '',
        dialPlan: '',
        voicePolicy: u.ev ? 'Litware-Voice' : '',
        hostedVoiceMail: null,
        exUm: !!u.mailbox?.um,
      }),
    );
    if (!u.mailbox) continue;
    const um = u.mailbox.um;
    const phoneContext = um ? `${um.dialPlan}.${spec.domain}` : '';
    ex.mailboxes.push(
      rawMailbox(ctx, {
        displayName: u.displayName,
        smtp: address,
        server: u.mailbox.server,
        disabled: !u.enabled,
        umEnabled: !!um,
        sip: address,
        eum: um ? [`eum:${address};phone-context=${phoneContext}`, `eum:${u.extension};phone-context=${phoneContext}`] : undefined,
      }),
    );
    if (um) ex.umMailboxes.push(rawUmMailbox(ctx, { smtp: address, dialPlan: um.dialPlan, policy: um.policy, extensions: [address, u.extension], sipResourceIdentifier: address }));
  }

  if (spec.generatedUsers) {
    const g = spec.generatedUsers;
    addUsers(ctx, g.plan, g.count, g.seed, { users: sk.users, mailboxes: ex.mailboxes, umMailboxes: ex.umMailboxes });
  }
  if (spec.mixedUsers) {
    const g = spec.mixedUsers;
    addMixedUsers(ctx, g.plan, g.count, g.seed, { users: sk.users, mailboxes: ex.mailboxes, umMailboxes: ex.umMailboxes });
  }

  return assembleSnapshot(s, { capturedAt: CAPTURED_AT, kind: spec.capture?.kind ?? 'live', label: spec.capture?.label ?? 'small org (test)', powerShellVersion: ctx.edition === '7' ? '7.4' : '5.1' });
}

/** The raw snapshot round-tripped through JSON text, as a snapshot file is read. */
export function buildSnapshot(spec: OrgSpec): unknown {
  return JSON.parse(JSON.stringify(buildRawSnapshot(spec)));
}

/** raw objects → assembleSnapshot → decodeSnapshot (Node certificate reader). */
export function buildOrg(spec: OrgSpec): OrgModel {
  return decodeSnapshot(buildSnapshot(spec), { readCertificate: readCertificateBase64 });
}
