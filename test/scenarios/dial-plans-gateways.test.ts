/**
 * Scenarios of the dial plan and gateway rules (R-D-02/03/04, R-G-02, R-G-07, R-G-08), each one change
 * from the healthy spec, with the seed sentence it rests on:
 * - the VoIP security × media encryption matrix (shared/rules/encryption-matrix.ts), its nine cells on
 *   Exchange 2013 + Lync Server 2013 (seed 001) and again on Exchange 2010 SP3 + Skype for Business
 *   Server 2015 (seed 000): the same outcome on both, as both seeds say;
 * - the pilot identifier of a pool gateway's hunt group: the dial plan's name (seeds 000 and 001);
 * - every address form Microsoft's New-UMIPGateway / Set-UMIPGateway examples use, read and judged;
 * - two gateways on one IP literal (event 1175, seed 004) in different spellings, without DNS.
 */
import type { OrgModel } from '../../shared/model/org';
import { ENCRYPTION_MATRIX, type EncryptionCell } from '../../shared/rules/encryption-matrix';
import { dialPlan, exchange2010, gateway, pbxDialPlan, pbxGateway, V2010_SP3, V2013, type OrgSpec } from '../support/org-builder/org-spec';
import { DIAL_PLAN, orgWith } from '../support/org-builder/small-org';
import { runScenarios, type Scenario } from './scenario-harness';

const DP_REF = `umDialPlan:${DIAL_PLAN}`;
const MATRIX_RULES = ['R-D-02', 'R-D-03', 'R-D-04'] as const;

// ---------------------------------------------------------------- the seeds' sentences

const PILOT_001 = 'L’identificateur de pilote pour le groupement de postes sera le nom du plan de numérotation associé à la passerelle IP de messagerie unifiée correspondante.';
const PILOT_000 = 'L’identificateur pilote du groupe de recherche est le nom du plan de numérotation associé à la passerelle correspondante.';
const ALIGN_000 =
  'Pour que les périphériques Lync Phone Edition fonctionnent dans un environnement avec l’intégration de la messagerie unie Exchange, les paramètres de chiffrement Skype Entreprise Server doivent s’aligner sur les paramètres de sécurité du plan de numérotation de messagerie unie Exchange.';
const MTLS_000 = 'Les certificats sont requis pour la sécurité MTLS (Transport Level Security) mutuelle entre les serveurs exécutant la messagerie un jour Exchange et Skype Entreprise Server.';
const IP_OR_FQDN_004 = 'Lorsque vous créez une passerelle IP de messagerie unifiée, vous pouvez la configurer pour utiliser une adresse IP ou un nom de domaine complet.';
const CERT_SECURED_001 =
  'Si votre déploiement comprend des passerelles VoIP ou PBX IP, et si vous utilisez un plan de numérotation en mode SIP sécurisé ou en mode sécurisé, un certificat approuvé est requis entre les serveurs d’accès au client et les serveurs de boîte aux lettres, et les passerelles VoIP ou PBX IP.';
const EVENT_1175_004 = "Dans certains cas, si deux passerelles VoIP, PBX IP ou SBC sont configurés pour utiliser la même adresse IP, un événement avec l'ID 1175 sera journalisé.";

// ---------------------------------------------------------------- versions of the healthy spec

/** Exchange 2013 + Lync Server 2013 (Registrar version 5): the versions seed 001 is written for. */
function exchange2013Lync2013(s: OrgSpec): void {
  for (const x of s.exchange.servers) x.version = V2013;
  for (const p of s.skype.pools) p.registrarVersion = 5;
}

/** Exchange 2010 SP3 (one UM role per server, no call router) + Skype for Business Server 2015 (Registrar version 6): seed 000. */
function exchange2010SfB2015(s: OrgSpec): void {
  s.exchange.servers = s.exchange.servers.map((x) => ({ ...exchange2010(x.name, x.fqdn, V2010_SP3, [DIAL_PLAN]), certificates: x.certificates }));
  for (const p of s.skype.pools) p.registrarVersion = 6;
}

// ---------------------------------------------------------------- the encryption matrix

function matrixScenario(cell: EncryptionCell, version: '2013' | '2010'): Scenario {
  const onVersion = version === '2013' ? exchange2013Lync2013 : exchange2010SfB2015;
  // Seed 000 (Exchange 2010 with Skype for Business 2015) says the same as seed 001 in fewer words: the
  // levels must align with the dial plan, and Skype talks mutual TLS to Exchange UM.
  const seed = version === '2013' ? cell.seed : '000';
  const quote = version === '2013' ? cell.quote : cell.voipSecurity === 'Unsecured' ? MTLS_000 : ALIGN_000;
  const others = MATRIX_RULES.filter((r) => r !== cell.rule).map((rule) => ({ rule }));
  return {
    id: `matrix-${version}-${cell.voipSecurity}-${cell.level}`,
    seed,
    quote,
    versions: version === '2013' ? 'Exchange 2013 + Lync Server 2013' : 'Exchange 2010 SP3 + Skype for Business Server 2015',
    change: `dial plan ${cell.voipSecurity}, global media configuration ${cell.level}: ${cell.outcome}`,
    build: () =>
      orgWith((s) => {
        onVersion(s);
        dialPlan(s, DIAL_PLAN).voipSecurity = cell.voipSecurity;
        s.skype.mediaConfigurations = [{ identity: 'Global', encryption: cell.level }];
      }),
    mustFire: cell.rule ? [{ rule: cell.rule, object: DP_REF }] : [],
    mustNotFire: cell.rule ? others : MATRIX_RULES.map((rule) => ({ rule })),
  };
}

const matrix: Scenario[] = (['2013', '2010'] as const).flatMap((v) => ENCRYPTION_MATRIX.map((cell) => matrixScenario(cell, v)));

// ---------------------------------------------------------------- the pilot identifier

/** The healthy org with its dial plan renamed after creation: the PhoneContext keeps the old name (Set-UMDialPlan -Name changes the name only). */
function renamedDialPlan(pilot: string): () => OrgModel {
  return () => {
    const org = orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = pilot));
    return {
      ...org,
      exchange: { ...org.exchange, dialPlans: org.exchange.dialPlans.map((d) => (d.name === DIAL_PLAN ? { ...d, phoneContext: 'Litware-Old.litwareinc.com' } : d)) },
    };
  };
}

const pilots: Scenario[] = [
  {
    id: 'pilot-renamed-plan-name',
    seed: '001',
    quote: PILOT_001,
    change: 'dial plan renamed (PhoneContext Litware-Old.litwareinc.com), hunt group pilot = the dial plan name',
    build: renamedDialPlan(DIAL_PLAN),
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-02' }],
  },
  {
    id: 'pilot-renamed-plan-first-label',
    seed: '001',
    quote: PILOT_001,
    change: 'dial plan renamed, hunt group pilot = the first label of the PhoneContext (Litware-Old), not the name',
    build: renamedDialPlan('Litware-Old'),
    mustFire: [{ rule: 'R-G-02', object: `umHuntGroup:1:1\\${DIAL_PLAN}` }],
    mustNotFire: [],
  },
  {
    id: 'pilot-phone-context',
    seed: '000',
    quote: PILOT_000,
    versions: 'Exchange 2010 SP3 + Skype for Business Server 2015',
    change: 'hunt group pilot = the whole PhoneContext (Litware-SIP.litwareinc.com) instead of the dial plan name',
    build: () =>
      orgWith((s) => {
        exchange2010SfB2015(s);
        gateway(s, '1:1').huntGroups[0].pilot = `${DIAL_PLAN}.litwareinc.com`;
      }),
    mustFire: [{ rule: 'R-G-02', object: `umHuntGroup:1:1\\${DIAL_PLAN}` }],
    mustNotFire: [],
  },
  {
    id: 'pilot-name-other-case',
    seed: '000',
    quote: PILOT_000,
    change: 'hunt group pilot = the dial plan name in lower case',
    build: () => orgWith((s) => (gateway(s, '1:1').huntGroups[0].pilot = DIAL_PLAN.toLowerCase())),
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-02' }],
  },
];

// ---------------------------------------------------------------- address forms

/** A session border controller at `address` linked to the healthy Secured SIP dial plan (an FQDN is needed there). */
function sbcOn(address: string): () => OrgModel {
  return () =>
    orgWith((s) => {
      s.exchange.gateways.push({
        name: 'SBC-EDGE',
        address,
        port: 5061,
        status: 'Enabled',
        outcalls: false,
        mwi: false,
        huntGroups: [{ name: 'SBC-EDGE-SIP', dialPlan: DIAL_PLAN, pilot: DIAL_PLAN }],
      });
      dialPlan(s, DIAL_PLAN).gateways.push('SBC-EDGE');
    });
}

/** The forms of New-UMIPGateway / Set-UMIPGateway -Address examples (10.10.10.1, fe80::39bd:88f7:6969:d223%11) and the other RFC 4291 spellings. */
const LITERALS: readonly [string, string][] = [
  ['ipv4', '10.10.10.1'],
  ['ipv6-zone', 'fe80::39bd:88f7:6969:d223%11'],
  ['ipv6-compressed', '2001:db8::1'],
  ['ipv6-full', '2001:0DB8:0000:0000:0000:0000:0000:0001'],
  ['ipv4-mapped', '::ffff:10.10.10.1'],
  ['ipv6-brackets', '[2001:db8::5]'],
];

const addresses: Scenario[] = [
  ...LITERALS.map(([form, address]): Scenario => ({
    id: `address-${form}-secured`,
    seed: '001',
    quote: CERT_SECURED_001,
    change: `an SBC gateway at ${address} (read as an IP literal) linked to the Secured SIP dial plan`,
    build: sbcOn(address),
    mustFire: [{ rule: 'R-G-07', object: 'umIpGateway:SBC-EDGE' }],
    mustNotFire: [],
  })),
  {
    id: 'address-fqdn-secured',
    seed: '004',
    quote: IP_OR_FQDN_004,
    change: 'an SBC gateway at the FQDN MyUMIPGateway.contoso.com linked to the Secured SIP dial plan',
    build: sbcOn('MyUMIPGateway.contoso.com'),
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-07' }, { rule: 'R-G-08' }],
  },
  {
    id: 'address-ipv6-zone-unsecured-pbx',
    seed: '004',
    quote: IP_OR_FQDN_004,
    change: 'an IP-PBX gateway at fe80::39bd:88f7:6969:d223%11 on its own Unsecured extension dial plan (an IP address is allowed there)',
    build: () =>
      orgWith((s) => {
        s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-Ext'), gateways: ['PBX-ATL'] });
        s.exchange.gateways.push(pbxGateway('PBX-ATL', 'fe80::39bd:88f7:6969:d223%11', 'Litware-Ext', '4000'));
      }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-07' }, { rule: 'R-G-08' }],
  },
];

// ---------------------------------------------------------------- two gateways on one literal address

/** Two IP-PBX gateways, each on its own Unsecured extension dial plan, at `a` and `b`. */
function twoPbx(a: string, b: string): () => OrgModel {
  return () =>
    orgWith((s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('PBX-A-Ext'), gateways: ['PBX-A'] }, { ...pbxDialPlan('PBX-B-Ext'), gateways: ['PBX-B'] });
      s.exchange.gateways.push(pbxGateway('PBX-A', a, 'PBX-A-Ext', '4000'), pbxGateway('PBX-B', b, 'PBX-B-Ext', '5000'));
    });
}

const SAME: readonly [string, string, string][] = [
  ['loopback-spellings', '::1', '0:0:0:0:0:0:0:1'],
  ['case-and-zeros', '2001:DB8::A', '2001:0db8:0:0:0:0:0:000a'],
  ['zone-spellings', 'fe80::39bd:88f7:6969:d223%11', 'FE80:0:0:0:39BD:88F7:6969:D223%11'],
  ['ipv4-and-mapped', '10.10.10.1', '::ffff:10.10.10.1'],
  ['ipv4-twice', '10.10.10.1', '10.10.10.1'],
  ['brackets', '[2001:db8::1]', '2001:db8::1'],
];

const DIFFERENT: readonly [string, string, string][] = [
  ['two-ipv4', '10.10.10.1', '10.10.10.2'],
  ['two-zones', 'fe80::39bd:88f7:6969:d223%11', 'fe80::39bd:88f7:6969:d223%12'],
  ['ipv4-and-fqdn', '10.10.10.1', 'pbx.litwareinc.com'],
];

const shared: Scenario[] = [
  ...SAME.map(([id, a, b]): Scenario => ({
    id: `same-address-${id}`,
    seed: '004',
    quote: EVENT_1175_004,
    change: `two IP-PBX gateways at ${a} and ${b}: one address, two spellings`,
    build: twoPbx(a, b),
    mustFire: [
      { rule: 'R-G-08', object: 'umIpGateway:PBX-A' },
      { rule: 'R-G-08', object: 'umIpGateway:PBX-B' },
    ],
    mustNotFire: [{ rule: 'R-G-07' }],
  })),
  ...DIFFERENT.map(([id, a, b]): Scenario => ({
    id: `different-address-${id}`,
    seed: '004',
    quote: EVENT_1175_004,
    change: `two IP-PBX gateways at ${a} and ${b}: two addresses (or a name no DNS was asked about)`,
    build: twoPbx(a, b),
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-08' }],
  })),
];

runScenarios('dial plans and gateways: as the seeds say', [...matrix, ...pilots, ...addresses, ...shared]);
