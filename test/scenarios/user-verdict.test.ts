/**
 * User-level scenarios: will this user's voice mail work, is it at risk, or will it not work? Each is
 * one change on the healthy small org (test/support/org-builder/small-org.ts, where Alice Martin works),
 * judged by the org rules and by Alice's verdict (shared/users/verdict.ts): a user rule error → fails;
 * an org finding on her call path that affects her, or a hop that cannot carry the call → at risk; an org
 * finding that does not affect her (another dial plan, a warning) → still works (docs/user-rules.md,
 * "The verdict").
 */
import { CERT } from '../support/org-builder/org-spec';
import { DIAL_PLAN, orgWith, POOL } from '../support/org-builder/small-org';
import { runScenarios, type Scenario } from './scenario-harness';

const ALICE = 'sip:alice.martin@litwareinc.com';
const VERSIONS = 'Exchange 2016 + Skype for Business Server 2015';

const Q = {
  enable: 'Activez vos utilisateurs pour la messagerie unifiée et Enterprise Voice.',
  pilot: 'L’identificateur pilote du groupe de recherche est le nom du plan de numérotation associé à la passerelle correspondante.',
  gatewayPerPool:
    'Crée un objet passerelle IP de messagerie unifiée dans Active Directory pour chaque pool Skype Entreprise Server Enterprise Edition ou serveur Standard Edition qui héberge des utilisateurs activés pour Voix Entreprise.',
  gatewayCalls:
    'Vous devez créer et configurer une passerelle IP de messagerie unifiée pour chaque passerelle VoIP, PBX IP, PBX compatible SIP ou contrôleur de frontière de session (SBC) qui doit accepter des appels entrants ou envoyer des appels sortants.',
  startup:
    'Définissez le mode de démarrage et le port d’écoute TLS sur les serveurs d’accès au client et de boîte aux lettres qui sont ajoutés au plan de numérotation URI SIP sur Double puis redémarrez le service de messagerie unifiée MicrosoftExchange sur chaque serveur de boîte aux lettres et le service MicrosoftExchange Unified Messaging Call Router sur chaque serveur d’accès au client.',
  allServers: 'Ajoutez tous les serveurs d’accès au client et de boîtes aux lettres au plan de numérotation URI SIP.',
  certificates: 'Télécharger et installer des certificats pour chaque serveur de messagerie unie Exchange à partir d’une autorité de certification racine (CA) de confiance.',
  uniqueExtension:
    'Sur le serveur de messagerie unifiée Exchange, assurez-vous qu’une stratégie de boîte aux lettres de messagerie unifiée a été créée et que chaque utilisateur dispose d’une attribution de numéro de poste unique, puis activez l’utilisateur pour la messagerie unifiée.',
  sipDialPlan: 'Créez un ou plusieurs plans de numérotation URI SIP de messagerie unifiée, chacun correspondant à un profil d’emplacement Lync Server.',
} as const;

const SECOND = 'Litware-SIP-2';

const scenarios: readonly Scenario[] = [
  {
    id: 'user-verdict-01-baseline-works',
    seed: '001',
    quote: Q.enable,
    versions: VERSIONS,
    change: 'none: the healthy org, Alice is EV and UM-enabled on the SIP URI dial plan',
    build: () => orgWith(() => {}),
    mustFire: [],
    mustNotFire: [{ rule: 'R-U-02' }, { rule: 'R-U-03' }, { rule: 'R-G-02' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'user-verdict-02-pilot-mismatch-at-risk',
    seed: '000',
    quote: Q.pilot,
    versions: VERSIONS,
    change: `the hunt group for ${DIAL_PLAN} on the pool's gateway has the pilot identifier Wrong-Pilot`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.gateways[0].huntGroups[0].pilot = 'Wrong-Pilot';
      }),
    mustFire: [{ rule: 'R-G-02', object: `umHuntGroup:1:1\\${DIAL_PLAN}` }],
    mustNotFire: [{ rule: 'R-U-07' }],
    userExpectation: { sipAddress: ALICE, verdict: 'at-risk' },
  },
  {
    id: 'user-verdict-03-other-dial-plan-without-hunt-group-works',
    seed: '000',
    quote: Q.pilot,
    versions: VERSIONS,
    change: `a second SIP URI dial plan ${SECOND}, answered by both servers, has no hunt group on the pool's gateway`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.dialPlans.push({ ...spec.exchange.dialPlans[0], name: SECOND, gateways: [], autoAttendants: [], policies: [], ova: [] });
        for (const s of spec.exchange.servers) {
          s.umService?.dialPlans.push(SECOND);
          s.callRouter?.dialPlans.push(SECOND);
        }
      }),
    mustFire: [{ rule: 'R-G-02', object: `umDialPlan:${SECOND}` }],
    mustNotFire: [{ rule: 'R-G-02', object: `umDialPlan:${DIAL_PLAN}` }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'user-verdict-04-gateway-disabled-at-risk',
    seed: '004',
    quote: Q.gatewayCalls,
    versions: VERSIONS,
    change: "the pool's only UM IP gateway 1:1 is Disabled",
    build: () =>
      orgWith((spec) => {
        spec.exchange.gateways[0].status = 'Disabled';
      }),
    mustFire: [{ rule: 'R-G-09', object: 'umIpGateway:1:1' }],
    mustNotFire: [{ rule: 'R-U-06' }, { rule: 'R-U-07' }],
    userExpectation: { sipAddress: ALICE, verdict: 'at-risk' },
  },
  {
    id: 'user-verdict-05-tcp-startup-mode-at-risk',
    seed: '001',
    quote: Q.startup,
    versions: VERSIONS,
    change: 'ATL-EX-002 (a UM server of the secured dial plan) has its UM service in TCP startup mode',
    build: () =>
      orgWith((spec) => {
        spec.exchange.servers[1].umService!.startupMode = 'TCP';
      }),
    mustFire: [{ rule: 'R-D-06', object: 'exchangeServer:ATL-EX-002' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'at-risk' },
  },
  {
    id: 'user-verdict-06-server-not-in-dial-plan-at-risk',
    seed: '001',
    quote: Q.allServers,
    versions: VERSIONS,
    change: `ATL-EX-002's UM service does not list ${DIAL_PLAN} (its call router still does)`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.servers[1].umService!.dialPlans = [];
      }),
    mustFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-002' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'at-risk' },
  },
  {
    id: 'user-verdict-07-self-signed-um-certificate-at-risk',
    seed: '000',
    quote: Q.certificates,
    versions: VERSIONS,
    change: 'ATL-EX-001 has a self-signed certificate for UM and UMCallRouter instead of the CA-issued one',
    build: () =>
      orgWith((spec) => {
        spec.exchange.servers[0].certificates[0] = { subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' };
      }),
    mustFire: [{ rule: 'R-X-01', object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'at-risk' },
  },
  {
    id: 'user-verdict-08-not-enterprise-voice-fails',
    seed: '001',
    quote: Q.enable,
    versions: VERSIONS,
    change: 'Alice is not enabled for Enterprise Voice',
    build: () =>
      orgWith((spec) => {
        spec.users.find((u) => u.alias === 'alice.martin')!.ev = false;
      }),
    mustFire: [{ rule: 'R-U-02' }],
    mustNotFire: [{ rule: 'R-U-03' }],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-02'] },
  },
  {
    id: 'user-verdict-09-shared-extension-fails',
    seed: '000',
    quote: Q.uniqueExtension,
    versions: VERSIONS,
    change: "Bruno's UM extension is 1001, Alice's",
    build: () =>
      orgWith((spec) => {
        spec.users.find((u) => u.alias === 'bruno.dubois')!.extension = '1001';
      }),
    mustFire: [{ rule: 'R-U-08' }],
    mustNotFire: [{ rule: 'R-U-09' }],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-08'] },
  },
  {
    id: 'user-verdict-10-no-gateway-fails',
    seed: '000',
    quote: Q.gatewayPerPool,
    versions: VERSIONS,
    change: `no UM IP gateway has the address ${POOL} (ExchUcUtil not run)`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.gateways = [];
        for (const d of spec.exchange.dialPlans) d.gateways = [];
      }),
    mustFire: [{ rule: 'R-G-01', object: `skypePool:${POOL}` }, { rule: 'R-U-06' }],
    mustNotFire: [{ rule: 'R-U-07' }],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-06'] },
  },
  {
    id: 'user-verdict-11-telephone-extension-dial-plan-fails',
    seed: '001',
    quote: Q.sipDialPlan,
    versions: VERSIONS,
    change: `the dial plan ${DIAL_PLAN} has the URI type TelExtn instead of SIP URI`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.dialPlans[0].uriType = 'TelExtn';
      }),
    mustFire: [{ rule: 'R-U-05' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-05'] },
  },
  {
    id: 'user-verdict-12-server-missing-other-dial-plan-works',
    seed: '001',
    quote: Q.allServers,
    versions: VERSIONS,
    change: `a second SIP URI dial plan ${SECOND} (with its hunt group on 1:1) is not listed by ATL-EX-002: the finding names a server of Alice's path, but not her dial plan`,
    build: () =>
      orgWith((spec) => {
        spec.exchange.dialPlans.push({ ...spec.exchange.dialPlans[0], name: SECOND, gateways: ['1:1'], autoAttendants: [], policies: [], ova: [] });
        spec.exchange.gateways[0].huntGroups.push({ name: SECOND, dialPlan: SECOND, pilot: SECOND });
        spec.exchange.servers[0].umService!.dialPlans.push(SECOND);
        spec.exchange.servers[0].callRouter!.dialPlans.push(SECOND);
      }),
    mustFire: [{ rule: 'R-D-05', object: `umDialPlan:${SECOND}` }],
    mustNotFire: [{ rule: 'R-D-05', object: `umDialPlan:${DIAL_PLAN}` }, { rule: 'R-G-02' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
];

runScenarios('user verdict: works, at risk, fails (one change on the healthy org)', scenarios);
