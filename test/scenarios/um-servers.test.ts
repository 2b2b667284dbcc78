/**
 * The UM servers of a SIP URI dial plan: each one in every SIP dial plan (R-D-05), its startup mode
 * Dual (R-D-06, R-D-07), and Exchange 2019, which has no UM at all (R-D-09, R-U-11), as seeds 000,
 * 001 and 003 say them. Baselines: test/scenarios/baselines.ts.
 */
import { buildOrg, exchange2010, exchange2019, type OrgSpec, pbxDialPlan, pbxGateway, server, V2010_SP3 } from '../support/org-builder/org-spec';
import { addSipDialPlan, DIAL_PLAN } from '../support/org-builder/small-org';
import { exchange2010Lync2013Spec, exchange2013Lync2013Spec, healthySpec } from './baselines';
import { runScenarios, type Scenario } from './scenario-harness';
import { SEED_SENTENCES as S } from './seed-sentences';

const V = 'Exchange 2016 + Skype for Business Server 2015';
const V2010 = 'Exchange 2010 SP3 + Lync Server 2013';
const ALICE = 'sip:alice.martin@litwareinc.com';
const OMAR = 'sip:omar.kim@litwareinc.com';

function org(from: () => OrgSpec, mutate: (s: OrgSpec) => void) {
  return () => {
    const s = from();
    mutate(s);
    return buildOrg(s);
  };
}

/** The Exchange 2019 server of the scenarios: Mailbox role, Autodiscover set (so only the UM rules speak). */
function add2019(s: OrgSpec): void {
  s.exchange.servers.push({ ...exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'), autodiscoverInternalUri: 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml' });
}

function userOf(s: OrgSpec, alias: string) {
  return (
    s.users.find((u) => u.alias === alias) ??
    (() => {
      throw new Error(`no user ${alias}`);
    })()
  );
}

export const UM_SERVER_SCENARIOS: readonly Scenario[] = [
  // ------------------------------------------------------------ startup mode (R-D-06, R-D-07)
  {
    id: 'um-startup-um-service-tcp',
    seed: '001',
    quote: S.startupModeDual,
    versions: V,
    change: 'ATL-EX-001’s UM service starts in TCP mode while the SIP dial plan is Secured',
    build: org(healthySpec, (s) => (server(s, 'ATL-EX-001').umService!.startupMode = 'TCP')),
    exactly: true,
    mustFire: [
      { rule: 'R-D-06', object: 'exchangeServer:ATL-EX-001', fix: "Set-UMService -Identity 'ATL-EX-001' -UMStartupMode Dual" },
      { rule: 'R-D-06', object: 'exchangeServer:ATL-EX-001', fix: 'MSExchangeUM | Restart-Service' },
    ],
    mustNotFire: [{ rule: 'R-D-06', object: 'exchangeServer:ATL-EX-002' }, { rule: 'R-D-07' }],
  },
  {
    id: 'um-startup-call-router-tcp',
    seed: '001',
    quote: S.startupModeDual,
    versions: V,
    change: 'ATL-EX-002’s UM call router starts in TCP mode (its UM service stays Dual)',
    build: org(healthySpec, (s) => (server(s, 'ATL-EX-002').callRouter!.startupMode = 'TCP')),
    exactly: true,
    mustFire: [
      { rule: 'R-D-06', object: 'exchangeServer:ATL-EX-002', fix: "Set-UMCallRouterSettings -Server 'ATL-EX-002' -UMStartupMode Dual" },
      { rule: 'R-D-06', object: 'exchangeServer:ATL-EX-002', fix: 'MSExchangeUMCR | Restart-Service' },
    ],
    mustNotFire: [{ rule: 'R-D-06', object: 'exchangeServer:ATL-EX-001' }],
  },
  {
    id: 'um-startup-call-router-tls',
    seed: '001',
    quote: S.startupModeDual,
    versions: V,
    change: 'ATL-EX-002’s UM call router starts in TLS mode: it still answers the Secured SIP dial plan (not an error, only “not Dual”)',
    build: org(healthySpec, (s) => (server(s, 'ATL-EX-002').callRouter!.startupMode = 'TLS')),
    exactly: true,
    mustFire: [{ rule: 'R-D-07', object: 'exchangeServer:ATL-EX-002' }],
    mustNotFire: [{ rule: 'R-D-06' }],
  },
  {
    id: 'um-startup-2010-um-server-tcp',
    seed: '001',
    quote: S.startupModeDual,
    versions: V2010,
    change: 'the Exchange 2010 UM server ATL-EX-001 starts in TCP mode (Set-UMServer, Exchange 2010 only; no call router on 2010)',
    build: org(exchange2010Lync2013Spec, (s) => (server(s, 'ATL-EX-001').umService!.startupMode = 'TCP')),
    exactly: true,
    mustFire: [{ rule: 'R-D-06', object: 'exchangeServer:ATL-EX-001', fix: "Set-UMServer -Identity 'ATL-EX-001' -UMStartupMode Dual" }],
    mustNotFire: [
      { rule: 'R-D-06', object: 'exchangeServer:ATL-EX-002' },
      { rule: 'R-D-06', fix: 'Set-UMService' },
      { rule: 'R-D-06', fix: 'Set-UMCallRouterSettings' },
    ],
  },
  // ------------------------------------------------------------ every UM server in every SIP dial plan (R-D-05)
  {
    id: 'um-dialplan-um-service-missing',
    seed: '001',
    quote: S.addAllServersToSipDialPlan,
    versions: V,
    change: 'ATL-EX-002’s UM service does not list the SIP dial plan (its call router does); one server answers the plan',
    build: org(healthySpec, (s) => (server(s, 'ATL-EX-002').umService!.dialPlans = [])),
    exactly: true,
    mustFire: [
      { rule: 'R-D-05', object: 'exchangeServer:ATL-EX-002', fix: "Set-UMService -Identity 'ATL-EX-002' -DialPlans @{Add='Litware-SIP'}" },
      { rule: 'R-T-02', object: `umDialPlan:${DIAL_PLAN}` },
    ],
    mustNotFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-001' }],
  },
  {
    id: 'um-dialplan-call-router-missing',
    seed: '001',
    quote: S.addAllServersToSipDialPlan,
    versions: V,
    change: 'ATL-EX-001’s call router does not list the SIP dial plan (its UM service does)',
    build: org(healthySpec, (s) => (server(s, 'ATL-EX-001').callRouter!.dialPlans = [])),
    exactly: true,
    mustFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-001', fix: "Set-UMCallRouterSettings -Server 'ATL-EX-001' -DialPlans @{Add='Litware-SIP'}" }],
    mustNotFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-002' }],
  },
  {
    id: 'um-dialplan-second-sip-plan-missing',
    seed: '001',
    quote: S.addAllServersToEverySipDialPlan,
    versions: V,
    change: 'a second SIP dial plan Litware-SIP-2 that ATL-EX-002 (UM service and call router) does not answer',
    build: org(healthySpec, (s) => {
      addSipDialPlan(s, 'Litware-SIP-2');
      const x = server(s, 'ATL-EX-002');
      x.umService!.dialPlans = [DIAL_PLAN];
      x.callRouter!.dialPlans = [DIAL_PLAN];
    }),
    mustFire: [
      { rule: 'R-D-05', object: 'umDialPlan:Litware-SIP-2' },
      { rule: 'R-D-05', object: 'exchangeServer:ATL-EX-002' },
    ],
    mustNotFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-001' }],
  },
  {
    id: 'um-dialplan-pbx-plan-not-answered',
    seed: '001',
    quote: S.addAllServersToEverySipDialPlan,
    versions: V,
    change: 'an extension (TelExtn) dial plan for a PBX gateway that no server’s UM service lists: the rule is about SIP URI dial plans only',
    build: org(healthySpec, (s) => {
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-PBX'), gateways: ['PBX-GW'] });
      s.exchange.gateways.push(pbxGateway('PBX-GW', 'pbx.litwareinc.com', 'Litware-PBX', '5000'));
      s.exchange.mailboxPolicies.push({ name: 'Litware-PBX Default Policy', dialPlan: 'Litware-PBX' });
    }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-D-05' }],
  },
  {
    id: 'um-dialplan-2010-linked-by-server-only',
    seed: '000',
    quote: S.addUmServerToDialPlan,
    versions: V2010,
    change: 'the dial plan’s UMServers is empty; both Exchange 2010 UM servers list it in their own DialPlans (the other side of the same link)',
    build: org(exchange2010Lync2013Spec, (s) => (s.exchange.dialPlans[0].umServers = [])),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-D-05' }],
  },
  {
    id: 'um-dialplan-2010-server-not-linked',
    seed: '000',
    quote: S.addUmServerToDialPlan,
    versions: V2010,
    change: 'Exchange 2010 UM server ATL-EX-002 is neither in the dial plan’s UMServers nor lists it in its DialPlans',
    build: org(exchange2010Lync2013Spec, (s) => {
      s.exchange.dialPlans[0].umServers = ['ATL-EX-001'];
      server(s, 'ATL-EX-002').umService!.dialPlans = [];
    }),
    exactly: true,
    mustFire: [
      { rule: 'R-D-05', object: 'exchangeServer:ATL-EX-002', fix: "Set-UMServer -Identity 'ATL-EX-002' -DialPlans @{Add='Litware-SIP'}" },
      { rule: 'R-T-02', object: `umDialPlan:${DIAL_PLAN}` },
    ],
    mustNotFire: [{ rule: 'R-D-05', object: 'exchangeServer:ATL-EX-001' }],
  },
  {
    id: 'um-dialplan-2013-client-access-only',
    seed: '001',
    quote: S.addAllServersToSipDialPlan,
    versions: 'Exchange 2013 + Lync Server 2013',
    change: 'ATL-EX-002 holds the Exchange 2013 Client Access role only: its call router answers the SIP dial plan, it has no UM service to add',
    build: org(exchange2013Lync2013Spec, (s) => {
      Object.assign(server(s, 'ATL-EX-002'), { roles: 'ClientAccess', umService: null });
      for (const u of s.users) if (u.mailbox?.server === 'ATL-EX-002') u.mailbox.server = 'ATL-EX-001';
    }),
    exactly: true,
    // One Mailbox server left answering the plan: the resilience advice speaks, the membership rule does not.
    mustFire: [{ rule: 'R-T-02', object: `umDialPlan:${DIAL_PLAN}` }],
    mustNotFire: [{ rule: 'R-D-05' }],
  },
  {
    id: 'um-dialplan-2010-beside-2016',
    seed: '000',
    quote: S.addUmServerToDialPlan,
    versions: 'Exchange 2010 SP3 and Exchange 2016 + Skype for Business Server 2015',
    change: 'an Exchange 2010 SP3 UM server joins the two 2016 servers, linked to the SIP dial plan by the plan’s UMServers only',
    build: org(healthySpec, (s) => {
      // Its certificate is not this scenario's concern (the R-X rules judge it): only the dial plan link is.
      s.exchange.servers.push(exchange2010('ATL-EX-010', 'atl-exchange-010.litwareinc.com', V2010_SP3, []));
      s.exchange.dialPlans[0].umServers = ['ATL-EX-010'];
    }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-D-05' }],
  },
  // ------------------------------------------------------------ Exchange 2019: no UM (R-D-09, R-U-11)
  {
    id: 'um-2019-um-mailbox',
    seed: '003',
    quote: S.supportedPairs,
    versions: `${V} + Exchange 2019`,
    change: 'Alice’s UM-enabled mailbox was moved to the Exchange 2019 server ATL-EX-019',
    build: org(healthySpec, (s) => {
      add2019(s);
      userOf(s, 'alice.martin').mailbox!.server = 'ATL-EX-019';
    }),
    exactly: true,
    mustFire: [{ rule: 'R-D-09', object: 'exchangeServer:ATL-EX-019', fix: 'New-MoveRequest' }, { rule: 'R-U-11' }],
    mustNotFire: [{ rule: 'R-D-05' }],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-11'] },
  },
  {
    id: 'um-2019-mailbox-without-um',
    seed: '003',
    quote: S.supportedPairs,
    versions: `${V} + Exchange 2019`,
    change:
      'Omar’s mailbox, which is not UM-enabled, was moved to the Exchange 2019 server ATL-EX-019: no UM-enabled mailbox there for the org rule, but his voice mail could not be enabled there either',
    build: org(healthySpec, (s) => {
      add2019(s);
      userOf(s, 'omar.kim').mailbox!.server = 'ATL-EX-019';
    }),
    exactly: true,
    mustFire: [{ rule: 'R-U-11' }],
    mustNotFire: [{ rule: 'R-D-09' }],
    // Omar is enabled neither for Enterprise Voice nor for UM in the healthy spec; on Exchange 2019, Enable-UMMailbox would not help.
    userExpectation: { sipAddress: OMAR, verdict: 'fails', reasons: ['R-U-02', 'R-U-03', 'R-U-11'] },
  },
  {
    id: 'um-2019-server-beside-um-mailboxes',
    seed: '000',
    quote: S.deployOneOf,
    versions: `${V} + Exchange 2019`,
    change: 'an Exchange 2019 server joins the org; every UM mailbox stays on the 2016 servers',
    build: org(healthySpec, add2019),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-D-09' }, { rule: 'R-D-05' }, { rule: 'R-U-11' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
];

runScenarios('UM servers: dial plan membership, startup mode, Exchange 2019 (seeds 000, 001, 003)', UM_SERVER_SCENARIOS);
