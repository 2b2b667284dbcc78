/**
 * Builds large orgs of the lab's shape for benchmarks and scale tests (e.g. 50 Exchange
 * servers, 200 dial plans, 1,000 gateways, 100,000 users). Deterministic for a given seed.
 * Certificates are real: a pool of DER certificates (taken from the lab file) is reused.
 */
import type { RawSnapshot } from '../snapshot/format';
import type { LabCertificate } from './lab-org';
import {
  assembleSnapshot,
  emptySections,
  type PsEdition,
  rawAutoAttendant,
  rawCallRouter,
  rawClientAccess,
  rawCsCertificate,
  rawCsDialPlan,
  rawCsPartner,
  rawDialPlan,
  rawExchangeCertificate,
  rawExchangePartner,
  rawExchangeServer,
  rawExUmContact,
  rawHuntGroup,
  rawIpGateway,
  rawMailboxPolicy,
  rawMediaConfiguration,
  rawOAuth,
  rawPermission,
  rawPool,
  rawRegistrar,
  rawSipDomain,
  rawSite,
  rawUmService,
  type ShapeContext,
} from './raw-objects';
import { addUsers } from './users';

export interface GenerateOptions {
  readonly exchangeServers: number;
  readonly dialPlans: number;
  readonly gateways: number;
  readonly users: number;
  readonly seed?: number;
  readonly edition?: PsEdition;
  /** Real certificates to hand out (at least one). */
  readonly certificates: readonly LabCertificate[];
}

const DOMAIN = 'fabrikam.example';
const ORG = 'Fabrikam';

export function generateSnapshot(o: GenerateOptions): RawSnapshot {
  if (o.certificates.length === 0) throw new Error('generateSnapshot needs at least one certificate');
  const when = new Date('2026-11-20T09:30:00Z');
  const ctx: ShapeContext = {
    edition: o.edition ?? '7',
    exchangeComputer: `ex-001.${DOMAIN}`,
    skypeComputer: `fe-001-1.${DOMAIN}`,
    runspaceId: '0b8f2c1e-6a33-4c55-8d0e-3f3d8a1c2b77',
    domainDn: 'DC=fabrikam,DC=example',
    when,
  };
  const s = emptySections();
  const ex = s.exchange;
  const sk = s.skype;
  const cert = (i: number) => o.certificates[i % o.certificates.length];

  // Skype: one pool gateway per pool, the rest of the gateways are IP-PBX / SBC peers.
  const poolCount = Math.max(1, Math.min(o.gateways, Math.round(o.gateways / 10)));
  const siteCount = Math.max(1, Math.round(poolCount / 10));
  const sipPlanCount = Math.max(1, Math.round(o.dialPlans / 10));

  ex.organization.push({ Name: ORG });
  const serverNames: string[] = [];
  for (let i = 1; i <= o.exchangeServers; i++) {
    const name = `EX-${String(i).padStart(3, '0')}`;
    serverNames.push(name);
    const fqdn = `${name.toLowerCase()}.${DOMAIN}`;
    ex.servers.push(rawExchangeServer(ctx, { name, fqdn, site: `${DOMAIN}/Configuration/Sites/Site-${(i % siteCount) + 1}`, version: 'Version 15.1 (Build 2507.6)', roles: 'Mailbox, ClientAccess', org: ORG }));
  }

  const sipPlans: string[] = [];
  const otherPlans: string[] = [];
  for (let i = 1; i <= o.dialPlans; i++) {
    const sip = i <= sipPlanCount;
    const name = sip ? `SIP-${String(i).padStart(3, '0')}` : `PBX-${String(i).padStart(3, '0')}`;
    (sip ? sipPlans : otherPlans).push(name);
  }
  for (const name of serverNames) {
    ex.umServices.push(rawUmService(ctx, { server: name, startupMode: 'Dual', dialPlans: sipPlans }));
    ex.callRouters.push(rawCallRouter(ctx, { server: name, startupMode: 'Dual', dialPlans: sipPlans }));
    ex.clientAccess.push(rawClientAccess(ctx, { name, fqdn: `${name.toLowerCase()}.${DOMAIN}`, autodiscover: `https://autodiscover.${DOMAIN}/Autodiscover/Autodiscover.xml`, site: 'Site-1' }));
    const c = cert(serverNames.indexOf(name));
    ex.certificates.push(rawExchangeCertificate(ctx, { serverFqdn: `${name.toLowerCase()}.${DOMAIN}`, thumbprint: c.thumbprint, services: 'UM, UMCallRouter', rawData: c.rawData, selfSigned: false, notAfter: new Date(c.notAfter) }));
  }

  const pools: string[] = [];
  for (let i = 1; i <= siteCount; i++) sk.sites.push(rawSite(ctx, { name: `Site-${i}`, siteId: i, kind: 'CentralSite' }));
  sk.sipDomains.push(rawSipDomain(ctx, { name: DOMAIN, isDefault: true }));
  for (let i = 1; i <= poolCount; i++) {
    const fqdn = `pool-${String(i).padStart(3, '0')}.${DOMAIN}`;
    pools.push(fqdn);
    const site = `Site-${((i - 1) % siteCount) + 1}`;
    const computers = [`fe-${String(i).padStart(3, '0')}-1.${DOMAIN}`, `fe-${String(i).padStart(3, '0')}-2.${DOMAIN}`];
    sk.pools.push(rawPool(ctx, { fqdn, site, services: [`Registrar:${fqdn}`, `UserServer:${fqdn}`, `WebServer:${fqdn}`], computers }));
    sk.registrars.push(rawRegistrar(ctx, { pool: fqdn, site, siteId: ((i - 1) % siteCount) + 1, instance: i, version: 6 }));
    for (const computer of computers) {
      const c = cert(i);
      sk.certificates.push(rawCsCertificate(ctx, { computer, use: 'Default', subject: c.subject, issuer: c.issuer, notBefore: new Date(c.notBefore), notAfter: new Date(c.notAfter), serial: c.serialNumber, thumbprint: c.thumbprint, sans: [...c.dnsNames], rawData: c.rawData }));
      sk.certificates.push(rawCsCertificate(ctx, { computer, use: 'OAuthTokenIssuer', subject: cert(0).subject, issuer: cert(0).issuer, notBefore: new Date(cert(0).notBefore), notAfter: new Date(cert(0).notAfter), serial: cert(0).serialNumber, thumbprint: cert(0).thumbprint, sans: [...cert(0).dnsNames] }));
    }
    // Pool gateways as ExchUcUtil makes them: one hunt group per SIP dial plan; outcalls on the first pool only.
    const gwName = `${((i - 1) % siteCount) + 1}:${i}`;
    ex.ipGateways.push(rawIpGateway(ctx, { name: gwName, address: fqdn, outcalls: i === 1, mwi: true, huntGroups: sipPlans, org: ORG }));
    for (const dp of sipPlans) ex.huntGroups.push(rawHuntGroup(ctx, { name: dp, gateway: gwName, dialPlan: dp, pilot: dp, org: ORG }));
  }
  const pbxGateways = o.gateways - poolCount;
  const pbxFor = new Map<string, string[]>();
  for (let i = 1; i <= pbxGateways; i++) {
    const name = `PBX-GW-${String(i).padStart(4, '0')}`;
    const dp = otherPlans.length ? otherPlans[i % otherPlans.length] : sipPlans[0];
    pbxFor.set(dp, [...(pbxFor.get(dp) ?? []), name]);
    ex.ipGateways.push(rawIpGateway(ctx, { name, address: `pbx-${i}.${DOMAIN}`, outcalls: true, mwi: true, huntGroups: [`${name}-HG`], org: ORG }));
    ex.huntGroups.push(rawHuntGroup(ctx, { name: `${name}-HG`, gateway: name, dialPlan: dp, pilot: String(1000 + i), org: ORG }));
  }
  sipPlans.forEach((dp, i) => {
    ex.dialPlans.push(
      rawDialPlan(ctx, { name: dp, uriType: 'SipName', voipSecurity: 'Secured', domain: DOMAIN, digits: 5, org: ORG, ova: [`+1800555${String(i).padStart(4, '0')}`], gateways: ex.ipGateways.slice(0, poolCount).map((g) => (g as { Name: string }).Name), autoAttendants: [`${dp} AA`], policies: [`${dp} Default Policy`] }),
    );
    ex.autoAttendants.push(rawAutoAttendant(ctx, { name: `${dp} AA`, dialPlan: dp, pilots: [`+1800666${String(i).padStart(4, '0')}`], org: ORG }));
    sk.exUmContacts.push(rawExUmContact(ctx, { cn: `{sa-${i}}`, ou: 'OU=UM,DC=fabrikam,DC=example', displayName: `${dp} SA`, sip: `sip:${dp}.sa@${DOMAIN}`, number: `+1800555${String(i).padStart(4, '0')}`, autoAttendant: false, pool: pools[0] }));
    sk.exUmContacts.push(rawExUmContact(ctx, { cn: `{aa-${i}}`, ou: 'OU=UM,DC=fabrikam,DC=example', displayName: `${dp} AA`, sip: `sip:${dp}.aa@${DOMAIN}`, number: `+1800666${String(i).padStart(4, '0')}`, autoAttendant: true, pool: pools[0] }));
    sk.dialPlans.push(rawCsDialPlan(ctx, { identity: `${dp}.${DOMAIN}`, simpleName: dp }));
  });
  otherPlans.forEach((dp, i) => {
    ex.dialPlans.push(rawDialPlan(ctx, { name: dp, uriType: i % 2 ? 'TelExtn' : 'E164', voipSecurity: 'Unsecured', domain: DOMAIN, digits: 4, org: ORG, gateways: pbxFor.get(dp) ?? [], policies: [`${dp} Default Policy`] }));
  });
  for (const dp of [...sipPlans, ...otherPlans]) ex.mailboxPolicies.push(rawMailboxPolicy(ctx, { name: `${dp} Default Policy`, dialPlan: dp, org: ORG }));
  ex.partnerApplications.push(rawExchangePartner(ctx, { name: 'LyncEnterprise-ApplicationAccount', metadataUrl: `https://${pools[0]}/metadata/json/1`, org: ORG }));
  for (const group of ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices']) {
    ex.permissions.push(rawPermission(ctx, { object: ORG, user: `FABRIKAM\\${group}`, rights: 'ListChildren', inheritance: 'None' }));
    for (const object of ['UM DialPlan Container', 'UM AutoAttendant Container'])
      ex.permissions.push(rawPermission(ctx, { object, user: `FABRIKAM\\${group}`, rights: 'ListChildren, ReadProperty', inheritance: 'All' }));
  }
  sk.dialPlans.push(rawCsDialPlan(ctx, { identity: 'Global', simpleName: 'DefaultProfile' }));
  sk.mediaConfigurations.push(rawMediaConfiguration(ctx, { identity: 'Global', encryption: 'RequireEncryption' }));
  sk.oauth.push(rawOAuth(ctx, { autodiscoverUrl: `https://autodiscover.${DOMAIN}/autodiscover/autodiscover.svc`, realm: DOMAIN }));
  sk.partnerApplications.push(rawCsPartner(ctx, { identity: 'Exchange', metadataUrl: `https://autodiscover.${DOMAIN}/autodiscover/metadata/json/1`, trust: 'Full' }));

  addUsers(
    ctx,
    {
      pools: pools.map((fqdn, i) => ({ fqdn, weight: 1, dialPlan: sipPlans[i % sipPlans.length], mailboxServers: [serverNames[i % serverNames.length]] })),
      domain: DOMAIN,
      policyOf: (d) => `${d} Default Policy`,
      evShare: 0.9,
      umShare: 0.8,
      disabledShare: 0.01,
      sipMismatchShare: 0.005,
      extensionMismatchShare: 0.005,
    },
    o.users,
    o.seed ?? 42,
    { users: sk.users, mailboxes: ex.mailboxes, umMailboxes: ex.umMailboxes },
  );

  return assembleSnapshot(s, { capturedAt: when, kind: 'lab', label: `generated ${o.exchangeServers} servers / ${o.gateways} gateways / ${o.users} users`, powerShellVersion: ctx.edition === '7' ? '7.4' : '5.1' });
}
