/**
 * The built-in lab org: litwareinc.com, as in the seeds (Microsoft's examples use atl-cs-001 and
 * autodiscover.litwareinc.com). Exchange 2016 with three UM-capable servers and one Exchange 2019
 * server; Skype for Business Server 2015 with an Enterprise Edition Front End pool, a Standard
 * Edition server, a Director pool, a Survivable Branch Appliance and a second Front End pool added
 * after ExchUcUtil ran.
 *
 * Deliberate faults (each names the rule it breaks) sit beside healthy twins, so every rule is
 * seen firing and staying silent in one org; LAB_CASE_USERS do the same for the voice-mail rules of
 * one user (R-U-…). scripts/make-lab.ts writes the result to
 * assets/lab/litwareinc.umcsnap.json with real certificates made by openssl.
 *
 * Written object by object with raw-objects.ts rather than as an OrgSpec (org-spec.ts): the order of
 * its objects is the committed file's, which the console ships and
 * test/unit/support/org-builder/lab-org.test.ts holds byte for byte.
 */
import type { RawSnapshot } from '../../../shared/snapshot/format';
import {
  assembleSnapshot,
  emptySections,
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
  rawHostedVoicemailPolicy,
  rawMediation,
  rawOAuth,
  rawPermission,
  rawPool,
  rawPstnGateway,
  rawRegistrar,
  rawSipDomain,
  rawSite,
  rawUmService,
  type ShapeContext,
} from './raw-objects';
import { addCaseUsers, addUsers, type CaseUser } from './users';

/** One certificate as the lab needs it: DER bytes plus the fields Get-CsCertificate prints. */
export interface LabCertificate {
  readonly rawData: string;
  readonly thumbprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly dnsNames: readonly string[];
}

export const LAB_CERTIFICATE_NAMES = [
  'exUm001', // CA-issued UM/UMCallRouter certificate of ATL-EX-001 (healthy)
  'exSelf002', // the self-signed certificate Exchange setup creates, enabled for UM on ATL-EX-002 (R-X-01)
  'exWildcard003', // *.litwareinc.com enabled for UM and UMCallRouter on DAL-EX-003 (R-X-02)
  'exAuth', // Microsoft Exchange Server Auth Certificate (self-signed, SMTP: normal)
  'exMail', // mail.litwareinc.com for IIS/SMTP
  'csAtlPool', // atl-cs-001 Default + WebServicesInternal
  'csWebExt', // webext.litwareinc.com WebServicesExternal (expires three weeks after capture)
  'csOAuth', // OAuthTokenIssuer (healthy, 2048 bits)
  'csOAuthOld', // a stale 1024-bit OAuthTokenIssuer left on one Front End (R-O-05, R-O-06)
  'csDalSe', // dal-cs-se01 Default
  'csDalPool', // dal-cs-002 Default
  'csDirector', // atl-dir-001 Default
  'csSba', // red-sba-01 Default
] as const;

export type LabCertificateName = (typeof LAB_CERTIFICATE_NAMES)[number];
export type LabCertificates = Readonly<Record<LabCertificateName, LabCertificate>>;

/** How scripts/make-lab.ts makes each lab certificate with openssl (subject `CN=<cn>`). */
export interface LabCertificateSpec {
  cn: string;
  sans: string[];
  bits: number;
  days: number;
  /** Start this many days before now. */
  backdate: number;
  issuer: 'root' | 'self';
  eku: string;
}

export const LAB_CERTIFICATE_SPECS: Readonly<Record<LabCertificateName, LabCertificateSpec>> = {
  exUm001: { cn: 'atl-exchange-001.litwareinc.com', sans: ['atl-exchange-001.litwareinc.com', 'atl-exchange-001'], bits: 2048, days: 730, backdate: 200, issuer: 'root', eku: 'serverAuth,clientAuth' },
  exSelf002: { cn: 'ATL-EX-002', sans: ['ATL-EX-002', 'atl-exchange-002.litwareinc.com'], bits: 2048, days: 1826, backdate: 600, issuer: 'self', eku: 'serverAuth' },
  exWildcard003: { cn: '*.litwareinc.com', sans: ['*.litwareinc.com', 'litwareinc.com'], bits: 2048, days: 730, backdate: 90, issuer: 'root', eku: 'serverAuth,clientAuth' },
  exAuth: { cn: 'Microsoft Exchange Server Auth Certificate', sans: [], bits: 2048, days: 1826, backdate: 600, issuer: 'self', eku: 'serverAuth' },
  exMail: { cn: 'mail.litwareinc.com', sans: ['mail.litwareinc.com', 'autodiscover.litwareinc.com'], bits: 2048, days: 730, backdate: 120, issuer: 'root', eku: 'serverAuth' },
  csAtlPool: {
    cn: 'atl-cs-001.litwareinc.com',
    sans: [
      'atl-cs-001.litwareinc.com',
      'atl-fe-01.litwareinc.com',
      'atl-fe-02.litwareinc.com',
      'atl-fe-03.litwareinc.com',
      'sip.litwareinc.com',
      'meet.litwareinc.com',
      'dialin.litwareinc.com',
      'lyncdiscoverinternal.litwareinc.com',
    ],
    bits: 2048,
    days: 730,
    backdate: 300,
    issuer: 'root',
    eku: 'serverAuth,clientAuth',
  },
  csWebExt: { cn: 'webext.litwareinc.com', sans: ['webext.litwareinc.com', 'lyncdiscover.litwareinc.com'], bits: 2048, days: 382, backdate: 362, issuer: 'root', eku: 'serverAuth' },
  csOAuth: { cn: 'litwareinc.com', sans: ['litwareinc.com'], bits: 2048, days: 730, backdate: 300, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csOAuthOld: { cn: 'oauth-old.litwareinc.com', sans: ['oauth-old.litwareinc.com'], bits: 1024, days: 1095, backdate: 900, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csDalSe: {
    cn: 'dal-cs-se01.litwareinc.com',
    sans: ['dal-cs-se01.litwareinc.com', 'sip.litwareinc.com', 'meet.litwareinc.com'],
    bits: 2048,
    days: 730,
    backdate: 250,
    issuer: 'root',
    eku: 'serverAuth,clientAuth',
  },
  csDalPool: {
    cn: 'dal-cs-002.litwareinc.com',
    sans: ['dal-cs-002.litwareinc.com', 'dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'],
    bits: 2048,
    days: 730,
    backdate: 30,
    issuer: 'root',
    eku: 'serverAuth,clientAuth',
  },
  csDirector: {
    cn: 'atl-dir-001.litwareinc.com',
    sans: ['atl-dir-001.litwareinc.com', 'atl-dir-01.litwareinc.com', 'atl-dir-02.litwareinc.com'],
    bits: 2048,
    days: 730,
    backdate: 250,
    issuer: 'root',
    eku: 'serverAuth,clientAuth',
  },
  csSba: { cn: 'red-sba-01.litwareinc.com', sans: ['red-sba-01.litwareinc.com'], bits: 2048, days: 730, backdate: 250, issuer: 'root', eku: 'serverAuth,clientAuth' },
};

export const LAB_CAPTURED_AT = new Date('2026-11-20T09:30:00Z');
/** Generated users; LAB_CASE_USERS come on top of them. */
export const LAB_USER_COUNT = 520;

const ORG = 'Litware';
const DOMAIN = 'litwareinc.com';
const NETBIOS = 'LITWARE';
const OU_CONTACTS = 'OU=RTC Special Accounts,DC=litwareinc,DC=com';

const ATL_POOL = 'atl-cs-001.litwareinc.com';
const SECURED = 'Litware-SIP-Secured';
const healthyMailbox = (extension: string) => ({ server: 'ATL-EX-001', dialPlan: SECURED, extension });

/**
 * Users built for "will this user's voice mail work?": one healthy user, then one per
 * rule R-U-01 … R-U-13, each broken in the one field its rule reads and healthy everywhere else
 * (pool atl-cs-001 whose gateway 1:1 has a hunt group for every dial plan used here, mailbox on
 * the Exchange 2016 server ATL-EX-001 in the SIP URI dial plan Litware-SIP-Secured, SIP resource
 * identifier = SIP address, a unique four-digit extension equal to the LineURI's ;ext=). They
 * reuse the lab's topology: the second Front End pool without a gateway (R-G-01), the Standard
 * Edition server's gateway without a branch hunt group (R-G-02), the Exchange 2019 server and the
 * extension dial plan. Extensions 7000-7199 are theirs (the generated users hold 1000-1536).
 */
export const LAB_CASE_USERS: readonly CaseUser[] = [
  { alias: 'vm.ok', displayName: 'Voicemail OK (healthy)', pool: ATL_POOL, mailbox: healthyMailbox('7000') },
  { alias: 'vm.r-u-01', displayName: 'VM fail R-U-01 (Skype disabled)', pool: ATL_POOL, enabled: false, mailbox: healthyMailbox('7001') },
  { alias: 'vm.r-u-02', displayName: 'VM fail R-U-02 (no Enterprise Voice)', pool: ATL_POOL, ev: false, mailbox: healthyMailbox('7002') },
  { alias: 'vm.r-u-03', displayName: 'VM fail R-U-03 (mailbox not UM-enabled)', pool: ATL_POOL, mailbox: { ...healthyMailbox('7003'), umEnabled: false } },
  // The SIP address changed after Enable-UMMailbox: the mailbox still carries the old one everywhere;
  // joined to the Skype user by PrimarySmtpAddress = UPN.
  { alias: 'vm.r-u-04', displayName: 'VM fail R-U-04 (SIP resource identifier differs)', pool: ATL_POOL, mailbox: { ...healthyMailbox('7004'), sipResource: 'vm.r-u-04.old@litwareinc.com' } },
  // Litware-Ext is TelExtn; gateway 1:1 has a hunt group for it, so only R-U-05 speaks.
  { alias: 'vm.r-u-05', displayName: 'VM fail R-U-05 (extension dial plan, not SIP URI)', pool: ATL_POOL, mailbox: { ...healthyMailbox('7005'), dialPlan: 'Litware-Ext' } },
  { alias: 'vm.r-u-06', displayName: 'VM fail R-U-06 (pool without UM IP gateway)', pool: 'dal-cs-002.litwareinc.com', mailbox: { ...healthyMailbox('7006'), server: 'DAL-EX-003' } },
  // Gateway 2:1 (dal-cs-se01) has a hunt group for Litware-SIP-Secured only.
  { alias: 'vm.r-u-07', displayName: 'VM fail R-U-07 (no hunt group for its dial plan)', pool: 'dal-cs-se01.litwareinc.com', mailbox: { ...healthyMailbox('7007'), dialPlan: 'Litware-SIP-Branch' } },
  // R-U-08 fires for both; vm.r-u-08 is the user the case is about, the twin took its extension
  // (its phone's ;ext= was copied too, so R-U-10 stays silent for it).
  { alias: 'vm.r-u-08', displayName: 'VM fail R-U-08 (extension 7008 shared)', pool: ATL_POOL, mailbox: healthyMailbox('7008') },
  { alias: 'vm.r-u-08.twin', displayName: 'VM fail R-U-08 (twin holding extension 7008 too)', pool: ATL_POOL, lineUri: 'tel:+14255557108;ext=7008', mailbox: healthyMailbox('7008') },
  { alias: 'vm.r-u-09', displayName: 'VM fail R-U-09 (5-digit extension in a 4-digit plan)', pool: ATL_POOL, lineUri: 'tel:+14255557009;ext=70090', mailbox: healthyMailbox('70090') },
  // A warning only: the user still "works".
  { alias: 'vm.r-u-10', displayName: 'VM warn R-U-10 (LineURI ext 7010, UM extension 7110)', pool: ATL_POOL, lineUri: 'tel:+14255557010;ext=7010', mailbox: healthyMailbox('7110') },
  { alias: 'vm.r-u-11', displayName: 'VM fail R-U-11 (mailbox on Exchange 2019)', pool: ATL_POOL, mailbox: { ...healthyMailbox('7011'), server: 'ATL-EX-019' } },
  { alias: 'vm.r-u-12', displayName: 'VM fail R-U-12 (hosted voice mail without policy)', pool: ATL_POOL, hostedVoiceMail: true, mailbox: healthyMailbox('7012') },
  { alias: 'vm.r-u-13', displayName: 'VM fail R-U-13 (AD account disabled)', pool: ATL_POOL, mailbox: { ...healthyMailbox('7013'), disabled: true } },
];

export function buildLabSnapshot(certs: LabCertificates): RawSnapshot {
  const ctx: ShapeContext = {
    edition: '5.1',
    exchangeComputer: 'atl-exchange-001.litwareinc.com',
    skypeComputer: 'atl-fe-01.litwareinc.com',
    runspaceId: '7a3c21f0-5d5e-4f7b-9a61-2f1c0c5b8e11',
    domainDn: 'DC=litwareinc,DC=com',
    when: LAB_CAPTURED_AT,
  };
  const s = emptySections();
  const ex = s.exchange;
  const sk = s.skype;
  const v2016 = 'Version 15.1 (Build 2507.6)';

  // ------------------------------------------------------------------ Exchange servers
  ex.organization.push({ Name: ORG, PSComputerName: ctx.exchangeComputer, RunspaceId: ctx.runspaceId, PSShowComputerName: false });
  const servers = [
    { name: 'ATL-EX-001', fqdn: 'atl-exchange-001.litwareinc.com', site: `${DOMAIN}/Configuration/Sites/Atlanta`, version: v2016, roles: 'Mailbox, ClientAccess' },
    { name: 'ATL-EX-002', fqdn: 'atl-exchange-002.litwareinc.com', site: `${DOMAIN}/Configuration/Sites/Atlanta`, version: v2016, roles: 'Mailbox, ClientAccess' },
    { name: 'DAL-EX-003', fqdn: 'dal-exchange-003.litwareinc.com', site: `${DOMAIN}/Configuration/Sites/Dallas`, version: v2016, roles: 'Mailbox, ClientAccess' },
    // Exchange 2019 in the same org: no UM (IsUnifiedMessagingServer false, docs/remote-shapes.md).
    { name: 'ATL-EX-019', fqdn: 'atl-exchange-019.litwareinc.com', site: `${DOMAIN}/Configuration/Sites/Atlanta`, version: 'Version 15.2 (Build 1544.4)', roles: 'Mailbox', um: false },
  ];
  for (const sv of servers) ex.servers.push(rawExchangeServer(ctx, { ...sv, org: ORG }));

  const sipPlans = ['Litware-SIP-Secured', 'Litware-SIP-Branch'];
  // ATL-EX-001: Dual everywhere, in both SIP dial plans (healthy).
  ex.umServices.push(rawUmService(ctx, { server: 'ATL-EX-001', startupMode: 'Dual', dialPlans: sipPlans }));
  ex.callRouters.push(rawCallRouter(ctx, { server: 'ATL-EX-001', startupMode: 'Dual', dialPlans: sipPlans }));
  // ATL-EX-002: UM service in TLS mode (R-D-07 advisory).
  ex.umServices.push(rawUmService(ctx, { server: 'ATL-EX-002', startupMode: 'TLS', dialPlans: sipPlans }));
  ex.callRouters.push(rawCallRouter(ctx, { server: 'ATL-EX-002', startupMode: 'Dual', dialPlans: sipPlans }));
  // DAL-EX-003: UM service still TCP (R-D-06) and not added to the branch dial plan (R-D-05).
  ex.umServices.push(rawUmService(ctx, { server: 'DAL-EX-003', startupMode: 'TCP', dialPlans: ['Litware-SIP-Secured'] }));
  ex.callRouters.push(rawCallRouter(ctx, { server: 'DAL-EX-003', startupMode: 'Dual', dialPlans: sipPlans }));

  // Autodiscover: ATL-EX-002's internal URI was never set (R-O-01).
  ex.clientAccess.push(rawClientAccess(ctx, { name: 'ATL-EX-001', fqdn: servers[0].fqdn, autodiscover: `https://autodiscover.${DOMAIN}/Autodiscover/Autodiscover.xml`, site: 'Atlanta' }));
  ex.clientAccess.push(rawClientAccess(ctx, { name: 'ATL-EX-002', fqdn: servers[1].fqdn, autodiscover: null, site: 'Atlanta' }));
  ex.clientAccess.push(rawClientAccess(ctx, { name: 'DAL-EX-003', fqdn: servers[2].fqdn, autodiscover: `https://autodiscover.${DOMAIN}/Autodiscover/Autodiscover.xml`, site: 'Dallas' }));
  // Exchange 2019 runs the Client Access services as part of its Mailbox role (runsClientAccess).
  ex.clientAccess.push(rawClientAccess(ctx, { name: 'ATL-EX-019', fqdn: servers[3].fqdn, autodiscover: `https://autodiscover.${DOMAIN}/Autodiscover/Autodiscover.xml`, site: 'Atlanta' }));

  // ------------------------------------------------------------------ UM dial plans
  ex.dialPlans.push(
    rawDialPlan(ctx, {
      name: 'Litware-SIP-Secured',
      uriType: 'SipName',
      voipSecurity: 'Secured',
      domain: DOMAIN,
      digits: 4,
      org: ORG,
      ova: ['+14255550100'],
      gateways: ['1:1', '2:1', '1:2', '3:1', 'SBC-EDGE'],
      autoAttendants: ['Litware Main AA'],
      policies: ['Litware-SIP-Secured Default Policy'],
    }),
    // SIPSecured while the global media configuration requires encryption (R-D-02).
    rawDialPlan(ctx, {
      name: 'Litware-SIP-Branch',
      uriType: 'SipName',
      voipSecurity: 'SIPSecured',
      domain: DOMAIN,
      digits: 4,
      org: ORG,
      ova: ['+14255550200'],
      gateways: ['1:1', '1:2', '3:1'],
      autoAttendants: ['Branch AA'],
      policies: ['Litware-SIP-Branch Default Policy'],
    }),
    // Extension dial plan of the IP-PBX, wrongly linked to the Front End gateway too (R-D-01, R-D-04).
    rawDialPlan(ctx, {
      name: 'Litware-Ext',
      uriType: 'TelExtn',
      voipSecurity: 'Unsecured',
      domain: DOMAIN,
      digits: 4,
      org: ORG,
      ova: ['4000'],
      gateways: ['PBX-ATL', '1:1'],
      policies: ['Litware-Ext Default Policy'],
    }),
    // E.164 dial plan of the Dallas PBX (not used with Skype: R-D-01/R-D-04 stay silent).
    rawDialPlan(ctx, {
      name: 'Litware-E164',
      uriType: 'E164',
      voipSecurity: 'Unsecured',
      domain: DOMAIN,
      digits: 5,
      org: ORG,
      ova: ['+12145550100'],
      gateways: ['PBX-DAL'],
      policies: ['Litware-E164 Default Policy'],
    }),
  );
  for (const d of ['Litware-SIP-Secured', 'Litware-SIP-Branch', 'Litware-Ext', 'Litware-E164']) ex.mailboxPolicies.push(rawMailboxPolicy(ctx, { name: `${d} Default Policy`, dialPlan: d, org: ORG }));

  ex.autoAttendants.push(
    rawAutoAttendant(ctx, { name: 'Litware Main AA', dialPlan: 'Litware-SIP-Secured', pilots: ['+14255550199'], org: ORG }),
    rawAutoAttendant(ctx, { name: 'Branch AA', dialPlan: 'Litware-SIP-Branch', pilots: ['+14255550299'], org: ORG }),
    rawAutoAttendant(ctx, { name: 'Dallas PBX AA', dialPlan: 'Litware-E164', pilots: ['+12145550199'], org: ORG }),
  );

  // ------------------------------------------------------------------ UM IP gateways and hunt groups
  // ExchUcUtil names a pool gateway after the pool's AD common name (site:cluster) and leaves Port 5060.
  const gw = (name: string, address: string, o: { outcalls: boolean; mwi: boolean; status?: 'Enabled' | 'Disabled'; port?: number }, hunt: [string, string, string][]) => {
    ex.ipGateways.push(rawIpGateway(ctx, { name, address, org: ORG, outcalls: o.outcalls, mwi: o.mwi, status: o.status, port: o.port, huntGroups: hunt.map((h) => h[0]) }));
    for (const [hg, dialPlan, pilot] of hunt) ex.huntGroups.push(rawHuntGroup(ctx, { name: hg, gateway: name, dialPlan, pilot, org: ORG }));
  };
  // atl-cs-001: healthy hunt groups, keeps outcalls; plus a stray hunt group to the extension dial plan.
  gw('1:1', 'atl-cs-001.litwareinc.com', { outcalls: true, mwi: true }, [
    ['Litware-SIP-Secured', 'Litware-SIP-Secured', 'Litware-SIP-Secured'],
    ['Litware-SIP-Branch', 'Litware-SIP-Branch', 'Litware-SIP-Branch'],
    ['Litware-Ext', 'Litware-Ext', '4000'],
  ]);
  // dal-cs-se01: outcalls left on after an ExchUcUtil re-run (R-G-03), a hand-made hunt group with a
  // wrong pilot (R-G-02 pilot) and none for the branch dial plan (R-G-02 missing).
  gw('2:1', 'dal-cs-se01.litwareinc.com', { outcalls: true, mwi: true }, [['Litware-SIP', 'Litware-SIP-Secured', 'Litware-SIP']]);
  // The Director's gateway also allows outcalls (R-G-05).
  gw('1:2', 'atl-dir-001.litwareinc.com', { outcalls: true, mwi: true }, [
    ['Litware-SIP-Secured', 'Litware-SIP-Secured', 'Litware-SIP-Secured'],
    ['Litware-SIP-Branch', 'Litware-SIP-Branch', 'Litware-SIP-Branch'],
  ]);
  // The branch appliance's gateway was set like a Front End's (R-G-06).
  gw('3:1', 'red-sba-01.litwareinc.com', { outcalls: true, mwi: true }, [
    ['Litware-SIP-Secured', 'Litware-SIP-Secured', 'Litware-SIP-Secured'],
    ['Litware-SIP-Branch', 'Litware-SIP-Branch', 'Litware-SIP-Branch'],
  ]);
  // A session border controller added by IP address to a Secured dial plan (R-G-07).
  gw('SBC-EDGE', '192.168.10.5', { outcalls: false, mwi: false, port: 5061 }, [['SBC-EDGE-SIP', 'Litware-SIP-Secured', 'Litware-SIP-Secured']]);
  // Classic IP-PBX gateways; the Dallas one was disabled during a migration (R-G-09).
  gw('PBX-ATL', '10.0.0.50', { outcalls: true, mwi: true }, [['PBX-ATL-Ext', 'Litware-Ext', '4000']]);
  gw('PBX-DAL', '10.1.0.20', { outcalls: true, mwi: true, status: 'Disabled' }, [['PBX-DAL-E164', 'Litware-E164', '+12145550100']]);

  // ------------------------------------------------------------------ Exchange certificates
  const exCert = (server: (typeof servers)[number], c: LabCertificate, services: string, selfSigned: boolean) =>
    ex.certificates.push(rawExchangeCertificate(ctx, { serverFqdn: server.fqdn, thumbprint: c.thumbprint, services, rawData: c.rawData, selfSigned, notAfter: new Date(c.notAfter) }));
  exCert(servers[0], certs.exUm001, 'UM, UMCallRouter', false);
  exCert(servers[1], certs.exSelf002, 'IMAP, POP, UM, IIS, SMTP', true); // R-X-01 and R-X-03 (no UMCallRouter)
  exCert(servers[2], certs.exWildcard003, 'UM, UMCallRouter', false); // R-X-02
  for (const sv of servers) {
    exCert(sv, certs.exAuth, 'SMTP', true);
    if (sv !== servers[1]) exCert(sv, certs.exMail, 'IIS, SMTP', false);
  }

  ex.partnerApplications.push(rawExchangePartner(ctx, { name: 'LyncEnterprise-ApplicationAccount', metadataUrl: 'https://atl-cs-001.litwareinc.com/metadata/json/1', org: ORG }));

  // ExchUcUtil's permissions; RTCComponentUniversalServices lost its right on the auto attendant container (R-G-13).
  for (const group of ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices']) {
    ex.permissions.push(rawPermission(ctx, { object: ORG, user: `${NETBIOS}\\${group}`, rights: 'ListChildren', inheritance: 'None' }));
    ex.permissions.push(rawPermission(ctx, { object: 'UM DialPlan Container', user: `${NETBIOS}\\${group}`, rights: 'ListChildren, ReadProperty', inheritance: 'All' }));
    if (group === 'RTCUniversalServerAdmins')
      ex.permissions.push(rawPermission(ctx, { object: 'UM AutoAttendant Container', user: `${NETBIOS}\\${group}`, rights: 'ListChildren, ReadProperty', inheritance: 'All' }));
  }

  // ------------------------------------------------------------------ Skype topology
  sk.sipDomains.push(rawSipDomain(ctx, { name: DOMAIN, isDefault: true }));
  sk.sites.push(
    rawSite(ctx, { name: 'Atlanta', siteId: 1, kind: 'CentralSite' }),
    rawSite(ctx, { name: 'Dallas', siteId: 2, kind: 'CentralSite' }),
    rawSite(ctx, { name: 'Redmond-Branch', siteId: 3, kind: 'BranchOffice', parent: 'Atlanta' }),
  );
  const fe = ['atl-fe-01.litwareinc.com', 'atl-fe-02.litwareinc.com', 'atl-fe-03.litwareinc.com'];
  const dalFe = ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'];
  const dir = ['atl-dir-01.litwareinc.com', 'atl-dir-02.litwareinc.com'];
  const fullServices = (p: string) => [`Registrar:${p}`, `UserServer:${p}`, `WebServer:${p}`, `ConferencingServer:${p}`, `MediationServer:${p}`, `ApplicationServer:${p}`];
  sk.pools.push(
    rawPool(ctx, { fqdn: 'atl-cs-001.litwareinc.com', site: 'Atlanta', services: fullServices('atl-cs-001.litwareinc.com'), computers: fe }),
    rawPool(ctx, { fqdn: 'dal-cs-se01.litwareinc.com', site: 'Dallas', services: fullServices('dal-cs-se01.litwareinc.com'), computers: ['dal-cs-se01.litwareinc.com'] }),
    // Added after ExchUcUtil last ran: no UM IP gateway yet (R-G-01).
    rawPool(ctx, { fqdn: 'dal-cs-002.litwareinc.com', site: 'Dallas', services: fullServices('dal-cs-002.litwareinc.com'), computers: dalFe }),
    rawPool(ctx, { fqdn: 'atl-dir-001.litwareinc.com', site: 'Atlanta', services: ['Registrar:atl-dir-001.litwareinc.com', 'WebServer:atl-dir-001.litwareinc.com'], computers: dir }),
    rawPool(ctx, {
      fqdn: 'red-sba-01.litwareinc.com',
      site: 'Redmond-Branch',
      services: ['Registrar:red-sba-01.litwareinc.com', 'MediationServer:red-sba-01.litwareinc.com'],
      computers: ['red-sba-01.litwareinc.com'],
    }),
  );
  sk.registrars.push(
    rawRegistrar(ctx, { pool: 'atl-cs-001.litwareinc.com', site: 'Atlanta', siteId: 1, instance: 1, version: 6 }),
    rawRegistrar(ctx, { pool: 'dal-cs-se01.litwareinc.com', site: 'Dallas', siteId: 2, instance: 1, version: 6 }),
    rawRegistrar(ctx, { pool: 'dal-cs-002.litwareinc.com', site: 'Dallas', siteId: 2, instance: 2, version: 6 }),
    rawRegistrar(ctx, { pool: 'atl-dir-001.litwareinc.com', site: 'Atlanta', siteId: 1, instance: 2, version: 6 }),
    rawRegistrar(ctx, { pool: 'red-sba-01.litwareinc.com', site: 'Redmond-Branch', siteId: 3, instance: 1, version: 6 }),
  );
  sk.mediationServers.push(
    rawMediation(ctx, { pool: 'atl-cs-001.litwareinc.com', site: 'Atlanta', siteId: 1, instance: 1, registrar: 'atl-cs-001.litwareinc.com', gateways: ['atl-pstn-gw01.litwareinc.com'] }),
    rawMediation(ctx, { pool: 'dal-cs-se01.litwareinc.com', site: 'Dallas', siteId: 2, instance: 1, registrar: 'dal-cs-se01.litwareinc.com', gateways: ['dal-pstn-gw01.litwareinc.com'] }),
    rawMediation(ctx, { pool: 'red-sba-01.litwareinc.com', site: 'Redmond-Branch', siteId: 3, instance: 1, registrar: 'red-sba-01.litwareinc.com', gateways: ['192.168.30.10'] }),
  );
  sk.pstnGateways.push(
    rawPstnGateway(ctx, { address: 'atl-pstn-gw01.litwareinc.com', site: 'Atlanta', siteId: 1, instance: 1, port: 5067, protocol: 'TLS', mediation: 'atl-cs-001.litwareinc.com' }),
    rawPstnGateway(ctx, { address: 'dal-pstn-gw01.litwareinc.com', site: 'Dallas', siteId: 2, instance: 1, port: 5067, protocol: 'TLS', mediation: 'dal-cs-se01.litwareinc.com' }),
    rawPstnGateway(ctx, { address: '192.168.30.10', site: 'Redmond-Branch', siteId: 3, instance: 1, port: 5060, protocol: 'TCP', mediation: 'red-sba-01.litwareinc.com' }),
  );

  // Location profiles: one named as a UM dial plan FQDN; the branch one named without the domain (R-C-11b, advisory on 2016).
  sk.dialPlans.push(
    rawCsDialPlan(ctx, { identity: 'Global', simpleName: 'DefaultProfile' }),
    rawCsDialPlan(ctx, { identity: 'Site:Dallas', simpleName: 'Dallas' }),
    rawCsDialPlan(ctx, { identity: 'Litware-SIP-Secured.litwareinc.com', simpleName: 'Litware-SIP-Secured', description: 'Matches the UM dial plan PhoneContext' }),
    rawCsDialPlan(ctx, { identity: 'Litware-SIP-Branch', simpleName: 'Litware-SIP-Branch' }),
  );
  // Media encryption: the default RequireEncryption globally (clashes with the SIPSecured branch plan,
  // R-D-02); the branch appliance's mediation service set to no encryption (R-D-03 with the Secured plan).
  sk.mediaConfigurations.push(
    rawMediaConfiguration(ctx, { identity: 'Global', encryption: 'RequireEncryption' }),
    rawMediaConfiguration(ctx, { identity: 'Site:Dallas', encryption: 'SupportEncryption' }),
    rawMediaConfiguration(ctx, { identity: 'Service:MediationServer:red-sba-01.litwareinc.com', encryption: 'DoNotSupportEncryption' }),
  );

  // Hosted voice mail policies: the Global one every deployment has (no Destination), a Dallas site policy
  // pointing at a hosted Exchange UM service, and a per-user one.
  sk.hostedVoicemailPolicies.push(
    rawHostedVoicemailPolicy(ctx, { identity: 'Global' }),
    rawHostedVoicemailPolicy(ctx, {
      identity: 'Site:Dallas',
      destination: 'exum.litwareinc-hosted.com',
      organization: 'litwareinc.onmicrosoft.com',
      description: 'Dallas users on hosted Exchange UM',
    }),
    rawHostedVoicemailPolicy(ctx, { identity: 'Tag:ExUM-Hosted', destination: 'exum.litwareinc-hosted.com', organization: 'litwareinc.onmicrosoft.com' }),
  );

  // Exchange UM contact objects: Subscriber Access and AA for the main plan, AA for the branch plan
  // (its Subscriber Access contact is missing: R-C-12), and an old Paris AA that serves nothing (R-C-06).
  const contact = (cn: string, displayName: string, sip: string, number: string, autoAttendant: boolean, extra: { ev?: boolean; pool?: string; description?: string } = {}) =>
    sk.exUmContacts.push(
      rawExUmContact(ctx, { cn, ou: OU_CONTACTS, displayName, sip, number, autoAttendant, pool: extra.pool ?? 'atl-cs-001.litwareinc.com', ev: extra.ev, description: extra.description }),
    );
  contact('{4f1b2c3d-1111-4a5b-9c8d-000000000001}', 'Subscriber Access', 'sip:Litware-SIP-Secured.SA@litwareinc.com', '+14255550100', false, {
    description: 'Outlook Voice Access, Litware-SIP-Secured',
  });
  contact('{4f1b2c3d-1111-4a5b-9c8d-000000000002}', 'Litware Main AA', 'sip:LitwareMainAA@litwareinc.com', '+14255550199', true);
  contact('{4f1b2c3d-1111-4a5b-9c8d-000000000003}', 'Branch AA', 'sip:BranchAA@litwareinc.com', '+14255550299', true, { pool: 'red-sba-01.litwareinc.com' });
  contact('{4f1b2c3d-1111-4a5b-9c8d-000000000004}', 'Paris AA (old)', 'sip:ParisAA@litwareinc.com', '+33155550100', true, { ev: false, description: 'Left over from the Paris office' });

  // ------------------------------------------------------------------ Skype certificates (per server, as Get-CsCertificate on each)
  const csCert = (computer: string, use: string, c: LabCertificate, withRaw = true) =>
    sk.certificates.push(
      rawCsCertificate(ctx, {
        computer,
        use,
        subject: c.subject,
        issuer: c.issuer,
        notBefore: new Date(c.notBefore),
        notAfter: new Date(c.notAfter),
        serial: c.serialNumber,
        thumbprint: c.thumbprint,
        sans: [...c.dnsNames],
        rawData: withRaw ? c.rawData : undefined,
      }),
    );
  for (const f of fe) {
    csCert(f, 'Default', certs.csAtlPool);
    csCert(f, 'WebServicesInternal', certs.csAtlPool);
    csCert(f, 'WebServicesExternal', certs.csWebExt);
    // atl-fe-03 still holds the stale 1024-bit OAuth certificate.
    csCert(f, 'OAuthTokenIssuer', f === fe[2] ? certs.csOAuthOld : certs.csOAuth);
  }
  csCert('dal-cs-se01.litwareinc.com', 'Default', certs.csDalSe);
  csCert('dal-cs-se01.litwareinc.com', 'OAuthTokenIssuer', certs.csOAuth);
  for (const f of dalFe) {
    csCert(f, 'Default', certs.csDalPool);
    csCert(f, 'OAuthTokenIssuer', certs.csOAuth, false); // printed fields only: how Get-CsCertificate arrives without RawData
  }
  for (const d of dir) csCert(d, 'Default', certs.csDirector);
  csCert('red-sba-01.litwareinc.com', 'Default', certs.csSba);

  // OAuth: the Autodiscover URL points at the XML file instead of the service (R-O-02).
  sk.oauth.push(rawOAuth(ctx, { autodiscoverUrl: `https://autodiscover.${DOMAIN}/autodiscover/autodiscover.xml`, realm: DOMAIN }));
  sk.partnerApplications.push(rawCsPartner(ctx, { identity: 'Exchange', metadataUrl: `https://autodiscover.${DOMAIN}/autodiscover/metadata/json/1`, trust: 'Full' }));

  // ------------------------------------------------------------------ users
  addUsers(
    ctx,
    {
      pools: [
        { fqdn: 'atl-cs-001.litwareinc.com', weight: 55, dialPlan: 'Litware-SIP-Secured', mailboxServers: ['ATL-EX-001', 'ATL-EX-002'] },
        { fqdn: 'dal-cs-se01.litwareinc.com', weight: 15, dialPlan: 'Litware-SIP-Secured', mailboxServers: ['DAL-EX-003'] },
        { fqdn: 'dal-cs-002.litwareinc.com', weight: 15, dialPlan: 'Litware-SIP-Secured', mailboxServers: ['DAL-EX-003'] },
        { fqdn: 'red-sba-01.litwareinc.com', weight: 15, dialPlan: 'Litware-SIP-Branch', mailboxServers: ['ATL-EX-002'] },
      ],
      domain: DOMAIN,
      policyOf: (d) => `${d} Default Policy`,
      evShare: 0.85,
      umShare: 0.8,
      disabledShare: 0.02,
      sipMismatchShare: 0.02,
      extensionMismatchShare: 0.02,
      // Three mailboxes already moved to Exchange 2019, one of them still UM-enabled (R-D-09).
      strayServer: { name: 'ATL-EX-019', count: 3, umEnabledCount: 1 },
    },
    LAB_USER_COUNT,
    20261120,
    { users: sk.users, mailboxes: ex.mailboxes, umMailboxes: ex.umMailboxes },
  );
  // After the generated users, so these change none of theirs.
  addCaseUsers(ctx, { domain: DOMAIN, policyOf: (d) => `${d} Default Policy`, sipDialPlans: sipPlans }, LAB_CASE_USERS, { users: sk.users, mailboxes: ex.mailboxes, umMailboxes: ex.umMailboxes });

  return assembleSnapshot(s, { capturedAt: LAB_CAPTURED_AT, kind: 'lab', label: 'litwareinc.com (lab)', powerShellVersion: '5.1' });
}

/** The lab file's text, as committed: Windows PowerShell 5.1's ConvertTo-Json escapes the slashes of its date form ("\\/Date(ms)\\/"). */
export function labSnapshotText(snapshot: RawSnapshot): string {
  return JSON.stringify(snapshot, null, 1).replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"') + '\n';
}
