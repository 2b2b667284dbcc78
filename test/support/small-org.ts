/**
 * Small orgs for the rule tests, built through the real path: a plain, mutable `SmallOrgSpec`
 * → raw cmdlet objects (shared/lab/raw-objects) → `assembleSnapshot` → `decodeSnapshot` with
 * Node's certificate reader. So every rule test also exercises the decoder.
 *
 * `healthySpec()` is a minimal org on which no rule fires; a test copies it, breaks one thing and
 * checks the one rule that must notice. Certificates are the real DER ones of the lab file,
 * looked up by subject (`CERT.*`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCertificateBase64 } from '../../main/services/x509-reader';
import { labOrg, labRaw } from './lab';
import {
  assembleSnapshot,
  emptySections,
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
  rawOAuth,
  rawPermission,
  rawPool,
  rawRegistrar,
  rawSipDomain,
  rawSite,
  rawUmMailbox,
  rawUmService,
  type ShapeContext,
} from '../../shared/lab/raw-objects';
import type { Finding } from '../../shared/model/finding';
import type { RuleDefinition } from '../../shared/rules/rule';
import type { CertificateFacts, KnownEncryptionLevel as EncryptionLevel, OrgModel, KnownUmStartupMode as UmStartupMode, KnownUmUriType as UmUriType, KnownVoipSecurity as VoipSecurity } from '../../shared/model/org';
import { evaluateRules, RULE_BY_ID } from '../../shared/rules/engine';
import { decodeSnapshot } from '../../shared/snapshot/decode';

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

export interface SmallOrgSpec {
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
    dialPlans: { identity: string; simpleName: string }[];
    contacts: ContactSpec[];
    certificates: SkypeCertificateSpec[];
    oauth: { autodiscoverUrl: string; realm: string } | null;
    partnerApplications: { identity: string; metadataUrl: string; trust: string; enabled: boolean }[];
  };
  users: UserSpec[];
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

export { labOrg };

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

// ---------------------------------------------------------------- the healthy org

export const POOL = 'atl-cs-001.litwareinc.com';
export const FE = ['atl-fe-01.litwareinc.com', 'atl-fe-02.litwareinc.com', 'atl-fe-03.litwareinc.com'];
export const DIAL_PLAN = 'Litware-SIP';
export const OVA = '+14255550100';
export const AA = 'Litware Main AA';
export const AA_PILOT = '+14255550199';
export const OU = 'OU=RTC Special Accounts,DC=litwareinc,DC=com';
export const SA_CONTACT_ID = `CN={sa-litware-sip},${OU}`;
export const AA_CONTACT_ID = `CN={aa-litware-main},${OU}`;

/**
 * A minimal org where no rule fires:
 * - Exchange 2016 ATL-EX-001 (atl-exchange-001.litwareinc.com, CA-issued certificate naming it) and
 *   ATL-EX-002 (its FQDN is mail.litwareinc.com so the CA-issued mail certificate names it: the lab
 *   has one CA-issued UM certificate only, and two UM servers keep R-T-02 quiet). Both Mailbox +
 *   ClientAccess, UM and call router Dual, both answering the one SIP dial plan.
 * - UM dial plan Litware-SIP: SIP URI, Secured, OVA +14255550100, auto attendant Litware Main AA.
 * - Gateway 1:1 = the SfB 2015 Front End pool atl-cs-001 (3 Front Ends), hunt group pilot Litware-SIP,
 *   the only gateway so it keeps outcalls.
 * - Global media RequireEncryption; Skype dial plan named the PhoneContext; SA and AA contacts.
 * - OAuth: Autodiscover URL to autodiscover.svc, the same 2048-bit OAuthTokenIssuer on each Front End,
 *   partner applications right on both sides; ExchUcUtil's AD permissions.
 * - Four users on the pool, three EV with UM mailboxes on the two 2016 servers.
 */
export function healthySpec(): SmallOrgSpec {
  const domain = 'litwareinc.com';
  return {
    organization: 'Litware',
    netbios: 'LITWARE',
    domain,
    exchange: {
      servers: [
        exchange2016('ATL-EX-001', 'atl-exchange-001.litwareinc.com', [DIAL_PLAN], [
          { subject: CERT.umAtl001, services: 'UM, UMCallRouter' },
          { subject: CERT.exchangeAuth, services: 'SMTP' },
        ]),
        exchange2016('ATL-EX-002', 'mail.litwareinc.com', [DIAL_PLAN], [{ subject: CERT.mail, services: 'IIS, SMTP, UM, UMCallRouter' }]),
      ],
      dialPlans: [
        {
          name: DIAL_PLAN,
          uriType: 'SipName',
          voipSecurity: 'Secured',
          domain,
          digits: 4,
          ova: [OVA],
          gateways: ['1:1'],
          autoAttendants: [AA],
          policies: [`${DIAL_PLAN} Default Policy`],
          umServers: [],
          country: '1',
        },
      ],
      gateways: [
        { name: '1:1', address: POOL, port: 5060, status: 'Enabled', outcalls: true, mwi: true, huntGroups: [{ name: DIAL_PLAN, dialPlan: DIAL_PLAN, pilot: DIAL_PLAN }] },
      ],
      autoAttendants: [{ name: AA, dialPlan: DIAL_PLAN, pilots: [AA_PILOT], enabled: true }],
      mailboxPolicies: [{ name: `${DIAL_PLAN} Default Policy`, dialPlan: DIAL_PLAN }],
      partnerApplications: [{ name: 'LyncEnterprise-ApplicationAccount', metadataUrl: `https://${POOL}/metadata/json/1`, enabled: true }],
      permissions: exchUcUtilPermissions('Litware', 'LITWARE'),
    },
    skype: {
      sites: [{ name: 'Atlanta', siteId: 1, kind: 'CentralSite' }],
      pools: [frontEndPool(POOL, 'Atlanta', [...FE])],
      mediaConfigurations: [{ identity: 'Global', encryption: 'RequireEncryption' }],
      dialPlans: [
        { identity: 'Global', simpleName: 'DefaultProfile' },
        { identity: `${DIAL_PLAN}.${domain}`, simpleName: DIAL_PLAN },
      ],
      contacts: [
        { cn: '{sa-litware-sip}', displayName: 'Subscriber Access', sip: `sip:${DIAL_PLAN}.SA@${domain}`, number: OVA, autoAttendant: false, pool: POOL, enabled: true, ev: true },
        { cn: '{aa-litware-main}', displayName: AA, sip: `sip:LitwareMainAA@${domain}`, number: AA_PILOT, autoAttendant: true, pool: POOL, enabled: true, ev: true },
      ],
      certificates: FE.flatMap((computer) => [
        { computer, use: 'Default', subject: CERT.atlPool },
        { computer, use: 'OAuthTokenIssuer', subject: CERT.oauth },
      ]),
      oauth: { autodiscoverUrl: `https://autodiscover.${domain}/autodiscover/autodiscover.svc`, realm: domain },
      partnerApplications: [{ identity: 'Exchange', metadataUrl: `https://autodiscover.${domain}/autodiscover/metadata/json/1`, trust: 'Full', enabled: true }],
    },
    users: [
      umUser('alice.martin', 'Alice Martin', POOL, 'ATL-EX-001', DIAL_PLAN, '1001'),
      umUser('bruno.dubois', 'Bruno Dubois', POOL, 'ATL-EX-002', DIAL_PLAN, '1002'),
      umUser('megan.obrien', "Megan O'Brien", POOL, 'ATL-EX-001', DIAL_PLAN, '1003'),
      { alias: 'omar.kim', displayName: 'Omar Kim', pool: POOL, enabled: true, ev: false, extension: '1004', mailbox: { server: 'ATL-EX-002', um: null } },
    ],
  };
}

// ---------------------------------------------------------------- building

const CAPTURED_AT = new Date('2026-11-20T09:30:00Z');

/** The raw snapshot (remote PowerShell shapes) for a spec. */
export function buildSnapshot(spec: SmallOrgSpec): unknown {
  const domainDn = spec.domain
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');
  const firstServer = spec.exchange.servers[0]?.fqdn ?? `ex.${spec.domain}`;
  const ctx: ShapeContext = {
    edition: '5.1',
    exchangeComputer: firstServer,
    skypeComputer: spec.skype.pools[0]?.computers[0] ?? `fe.${spec.domain}`,
    runspaceId: '00000000-0000-4000-a000-000000000001',
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
      const c = labCertificate(a.subject);
      ex.certificates.push(
        rawExchangeCertificate(ctx, {
          serverFqdn: sv.fqdn,
          thumbprint: c.facts.thumbprint,
          services: a.services,
          rawData: c.rawData,
          selfSigned: c.facts.isSelfSigned,
          notAfter: new Date(c.facts.notAfter),
        }),
      );
    }
  }

  for (const d of spec.exchange.dialPlans) ex.dialPlans.push(rawDialPlan(ctx, { ...d, ova: [...d.ova], gateways: [...d.gateways], autoAttendants: [...d.autoAttendants], policies: [...d.policies], umServers: [...d.umServers], org }));
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
    const cert = labCertificate(c.subject);
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
        sans: [...cert.facts.dnsNames],
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

  // Round-trip through JSON text, as a snapshot file is read.
  return JSON.parse(JSON.stringify(assembleSnapshot(s, { capturedAt: CAPTURED_AT, kind: 'live', label: 'small org (test)', powerShellVersion: '5.1' })));
}

/** raw objects → assembleSnapshot → decodeSnapshot (Node certificate reader). */
export function buildOrg(spec: SmallOrgSpec): OrgModel {
  return decodeSnapshot(buildSnapshot(spec), { readCertificate: readCertificateBase64 });
}

/** healthySpec(), changed by `mutate`, built. */
export function orgWith(mutate: (spec: SmallOrgSpec) => void): OrgModel {
  const spec = healthySpec();
  mutate(spec);
  return buildOrg(spec);
}

/** The findings of one rule only. */
export function findingsOf(ruleId: string, org: OrgModel): Finding[] {
  const rule = RULE_BY_ID.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in RULES`);
  return evaluateRules(org, [rule]);
}

/** The one finding of a list (fails the test, with the list, when there is not exactly one). */
export function only(findings: readonly Finding[]): Finding {
  assert.equal(findings.length, 1, `expected one finding, got ${findings.length}: ${JSON.stringify(findings, null, 1)}`);
  return findings[0];
}

/** `variant|first object + second object`: enough to tell the findings of one rule apart. */
export function signature(f: Finding): string {
  return `${f.variant}|${objectKeys(f).slice(0, 2).join(' + ')}`;
}

/** Signatures of what one rule finds in the lab org, sorted. */
export function labSignatures(ruleId: string): string[] {
  return findingsOf(ruleId, labOrg()).map(signature).sort();
}

/** `kind:id` of each object a finding names, in order. */
export function objectKeys(f: Finding): string[] {
  return f.objects.map((o) => `${o.kind}:${o.id}`);
}

// ---------------------------------------------------------------- small spec editors

export function server(spec: SmallOrgSpec, name: string): ExchangeServerSpec {
  const s = spec.exchange.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return s;
}

export function gateway(spec: SmallOrgSpec, name: string): UmGatewaySpec {
  const g = spec.exchange.gateways.find((x) => x.name === name);
  if (!g) throw new Error(`no gateway ${name}`);
  return g;
}

export function dialPlan(spec: SmallOrgSpec, name: string): UmDialPlanSpec {
  const d = spec.exchange.dialPlans.find((x) => x.name === name);
  if (!d) throw new Error(`no dial plan ${name}`);
  return d;
}

export function contact(spec: SmallOrgSpec, cn: string): ContactSpec {
  const c = spec.skype.contacts.find((x) => x.cn === cn);
  if (!c) throw new Error(`no contact ${cn}`);
  return c;
}

/** A non-Lync dial plan (extension, unsecured, on an IP-PBX gateway or none): touches no integration rule. */
export function pbxDialPlan(name: string, domain = 'litwareinc.com'): UmDialPlanSpec {
  return { name, uriType: 'TelExtn', voipSecurity: 'Unsecured', domain, digits: 4, ova: [], gateways: [], autoAttendants: [], policies: [], umServers: [], country: '1' };
}

/** A second SIP dial plan answered by every server of the healthy spec, with a pool hunt group on 1:1. */
export function addSipDialPlan(spec: SmallOrgSpec, name: string, voipSecurity: VoipSecurity = 'Secured'): UmDialPlanSpec {
  const d: UmDialPlanSpec = { ...pbxDialPlan(name, spec.domain), uriType: 'SipName', voipSecurity, gateways: ['1:1'] };
  spec.exchange.dialPlans.push(d);
  for (const s of spec.exchange.servers) {
    s.umService?.dialPlans.push(name);
    s.callRouter?.dialPlans.push(name);
  }
  gateway(spec, '1:1').huntGroups.push({ name, dialPlan: name, pilot: name });
  spec.skype.dialPlans.push({ identity: `${name}.${spec.domain}`, simpleName: name });
  return d;
}

/** A gateway whose Address is a Skype pool (what ExchUcUtil creates), with one hunt group per dial plan, pilot = dial plan name. */
export function poolGateway(name: string, poolFqdn: string, dialPlans: string[], o: { outcalls: boolean; mwi: boolean }): UmGatewaySpec {
  return { name, address: poolFqdn, port: 5060, status: 'Enabled', outcalls: o.outcalls, mwi: o.mwi, huntGroups: dialPlans.map((d) => ({ name: d, dialPlan: d, pilot: d })) };
}

/** A classic IP-PBX gateway (IP literal), one hunt group. */
export function pbxGateway(name: string, address: string, dialPlan: string, pilot: string): UmGatewaySpec {
  return { name, address, port: 5060, status: 'Enabled', outcalls: true, mwi: true, huntGroups: [{ name: `${name}-${dialPlan}`, dialPlan, pilot }] };
}

/** Adds a second pool (and its site when new) and links it to the healthy dial plan through `gatewayName`. */
export function addPoolWithGateway(spec: SmallOrgSpec, pool: PoolSpec, site: SiteSpec, gatewayName: string, o: { outcalls: boolean; mwi: boolean }): UmGatewaySpec {
  if (!spec.skype.sites.some((x) => x.name === site.name)) spec.skype.sites.push({ ...site });
  spec.skype.pools.push(pool);
  const g = poolGateway(gatewayName, pool.fqdn, spec.exchange.dialPlans.filter((d) => d.uriType === 'SipName').map((d) => d.name), o);
  spec.exchange.gateways.push(g);
  for (const d of spec.exchange.dialPlans) if (d.uriType === 'SipName') d.gateways.push(gatewayName);
  return g;
}

export const DALLAS: SiteSpec = { name: 'Dallas', siteId: 2, kind: 'CentralSite' };
export const BRANCH: SiteSpec = { name: 'Redmond-Branch', siteId: 3, kind: 'BranchOffice', parent: 'Atlanta' };

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

/**
 * The two baselines every rule test file starts with: each rule silent on the healthy spec, and
 * firing on the lab only on the faults the lab made on purpose (`variant|kind:id + …` signatures).
 */
export function ruleBaselines(area: string, rules: readonly RuleDefinition[], labExpected: Readonly<Record<string, readonly string[]>>): void {
  const healthyOrg = buildOrg(healthySpec());
  describe(`${area} on the healthy spec`, () => {
    for (const rule of rules) test(`${rule.id} is silent on the healthy spec`, () => assert.deepEqual(evaluateRules(healthyOrg, [rule]), []));
  });
  describe(`${area} on the lab: only the faults the lab made on purpose`, () => {
    for (const rule of rules) {
      test(`${rule.id} fires only on the lab's deliberate faults`, () => {
        const expected = labExpected[rule.id] ?? assert.fail(`no lab expectation for ${rule.id}`);
        assert.deepEqual(labSignatures(rule.id), [...expected].sort());
      });
    }
  });
}

/** The one finding `ruleId` raises on `org`, checked for severity, variant and the objects it names (in order). */
export function expectOne(org: OrgModel, ruleId: string, expected: { severity: Finding['severity']; variant: string; objects: readonly string[] }): Finding {
  const f = only(findingsOf(ruleId, org));
  assert.equal(f.severity, expected.severity);
  assert.equal(f.variant, expected.variant);
  assert.deepEqual(objectKeys(f), expected.objects);
  return f;
}
