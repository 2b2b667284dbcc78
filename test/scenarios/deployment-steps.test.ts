/**
 * Facts of seed 000's deployment table that the org and the user verdict must hold: ExchUcUtil's read
 * permission on the UM containers (R-G-13), its UM IP gateway for each pool hosting Enterprise Voice
 * users (R-G-01), and the last steps for each user (Enterprise Voice, UM with a unique extension, the
 * SIP address on the mailbox). Baseline: healthySpec() (Exchange 2016 + Skype for Business Server 2015).
 */
import { buildOrg, frontEndPool, type OrgSpec, umUser } from '../support/org-builder/org-spec';
import { addSipDialPlan, DALLAS, DIAL_PLAN, healthySpec } from '../support/org-builder/small-org';
import { runScenarios, type Scenario } from './scenario-harness';
import { SEED_SENTENCES as S } from './seed-sentences';

const V = 'Exchange 2016 + Skype for Business Server 2015';
const COMPONENTS = 'LITWARE\\RTCComponentUniversalServices';
const SERVER_ADMINS = 'LITWARE\\RTCUniversalServerAdmins';
const DP_CONTAINER = 'UM DialPlan Container';
const DAL_POOL = 'dal-cs-002.litwareinc.com';

function org(mutate: (s: OrgSpec) => void) {
  return () => {
    const s = healthySpec();
    mutate(s);
    return buildOrg(s);
  };
}

const isAce = (user: string, object: string) => (p: { user: string; object: string }) => p.user === user && p.object === object;

/** A second Front End pool in Dallas, no UM IP gateway for it, with `users` homed on it. */
function dallasPool(s: OrgSpec, users: OrgSpec['users']): void {
  s.skype.sites.push({ ...DALLAS });
  s.skype.pools.push(frontEndPool(DAL_POOL, DALLAS.name, ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com']));
  s.users.push(...users);
}

export const DEPLOYMENT_STEP_SCENARIOS: readonly Scenario[] = [
  // ------------------------------------------------------------ ExchUcUtil's permissions (R-G-13)
  {
    id: 'deploy-permission-read-missing',
    seed: '000',
    quote: S.exchUcUtilPermissions,
    versions: V,
    change: 'RTCComponentUniversalServices has ListChildren but not ReadProperty on the UM DialPlan Container',
    build: org((s) => {
      const ace = s.exchange.permissions.find(isAce(COMPONENTS, DP_CONTAINER))!;
      ace.rights = 'ListChildren';
    }),
    exactly: true,
    mustFire: [
      {
        rule: 'R-G-13',
        object: 'exchangeOrganization:Litware',
        fix: "Add-ADPermission -Identity 'UM DialPlan Container' -User 'RTCComponentUniversalServices' -AccessRights ListChildren,ReadProperty -InheritanceType All",
      },
    ],
    mustNotFire: [],
  },
  {
    id: 'deploy-permission-split-and-wider',
    seed: '000',
    quote: S.exchUcUtilPermissions,
    versions: V,
    change: 'the UM DialPlan Container rights of RTCComponentUniversalServices come as two entries (ListChildren; GenericRead), both inherited by all descendants',
    build: org((s) => {
      s.exchange.permissions = s.exchange.permissions.filter((p) => !isAce(COMPONENTS, DP_CONTAINER)(p));
      s.exchange.permissions.push(
        { object: DP_CONTAINER, user: COMPONENTS, rights: 'ListChildren', inheritance: 'All' },
        { object: DP_CONTAINER, user: COMPONENTS, rights: 'GenericRead', inheritance: 'All' },
      );
    }),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-13' }],
  },
  {
    id: 'deploy-permission-explicit-deny',
    seed: '000',
    quote: S.exchUcUtilPermissions,
    versions: V,
    change: 'an explicit Deny of ReadProperty for RTCUniversalServerAdmins on the UM DialPlan Container, beside ExchUcUtil’s Allow',
    build: org((s) => s.exchange.permissions.push({ object: DP_CONTAINER, user: SERVER_ADMINS, rights: 'ReadProperty', inheritance: 'All', deny: true })),
    exactly: true,
    mustFire: [{ rule: 'R-G-13' }],
    mustNotFire: [],
  },
  {
    id: 'deploy-permission-not-inherited',
    seed: '001',
    quote: S.exchUcUtilReadPermission,
    versions: V,
    change: 'RTCComponentUniversalServices’ rights on the UM DialPlan Container apply to the container only (inheritance None): the dial plans under it stay unreadable',
    build: org((s) => (s.exchange.permissions.find(isAce(COMPONENTS, DP_CONTAINER))!.inheritance = 'None')),
    exactly: true,
    mustFire: [{ rule: 'R-G-13' }],
    mustNotFire: [],
  },
  {
    id: 'deploy-permission-deny-elsewhere',
    seed: '000',
    quote: S.exchUcUtilPermissions,
    versions: V,
    change: 'a Deny for RTCUniversalServerAdmins on another container (UM Mailbox Policies), none on the dial plan and auto attendant containers',
    build: org((s) => s.exchange.permissions.push({ object: 'UM Mailbox Policies Container', user: SERVER_ADMINS, rights: 'ReadProperty', inheritance: 'All', deny: true })),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-13' }],
  },
  {
    id: 'deploy-permission-names-in-other-case',
    seed: '000',
    quote: S.exchUcUtilPermissions,
    versions: V,
    change: 'the permission entries name the groups and containers in lower case (litware\\rtccomponentuniversalservices, um dialplan container): AD names are case-insensitive',
    build: org((s) => {
      s.exchange.permissions = s.exchange.permissions.map((p) => ({ ...p, user: p.user.toLowerCase(), object: p.object === 'Litware' ? p.object : p.object.toLowerCase() }));
    }),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-13' }],
  },
  // ------------------------------------------------------------ a UM IP gateway for each pool hosting Enterprise Voice users (R-G-01)
  {
    id: 'deploy-gateway-for-ev-pool-missing',
    seed: '000',
    quote: S.exchUcUtilGatewayPerPool,
    versions: V,
    change: 'a second Front End pool in Dallas hosts an Enterprise Voice user; ExchUcUtil was not run again, so no UM IP gateway for it',
    build: org((s) => dallasPool(s, [umUser('dora.lee', 'Dora Lee', DAL_POOL, 'ATL-EX-001', DIAL_PLAN, '1005')])),
    mustFire: [{ rule: 'R-G-01', object: `skypePool:${DAL_POOL}` }, { rule: 'R-U-06' }],
    mustNotFire: [{ rule: 'R-G-01', object: 'skypePool:atl-cs-001.litwareinc.com' }],
    userExpectation: { sipAddress: 'sip:dora.lee@litwareinc.com', verdict: 'fails', reasons: ['R-U-06'] },
  },
  {
    id: 'deploy-gateway-for-pool-without-ev',
    seed: '000',
    quote: S.exchUcUtilGatewayPerPool,
    versions: V,
    change: 'a second Front End pool in Dallas hosts only a user not enabled for Enterprise Voice: no UM IP gateway is needed for it',
    build: org((s) => dallasPool(s, [{ alias: 'ed.ng', displayName: 'Ed Ng', pool: DAL_POOL, enabled: true, ev: false, extension: '1006', mailbox: { server: 'ATL-EX-001', um: null } }])),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-G-01' }],
  },
  // ------------------------------------------------------------ the last steps, per user (user verdict)
  {
    id: 'deploy-user-not-enterprise-voice',
    seed: '000',
    quote: S.enableUsersForEnterpriseVoice,
    versions: V,
    change: 'Alice is no longer enabled for Enterprise Voice (her UM mailbox is unchanged)',
    build: org((s) => (s.users.find((u) => u.alias === 'alice.martin')!.ev = false)),
    exactly: true,
    mustFire: [{ rule: 'R-U-02' }],
    mustNotFire: [{ rule: 'R-U-03' }],
    userExpectation: { sipAddress: 'sip:alice.martin@litwareinc.com', verdict: 'fails', reasons: ['R-U-02'] },
  },
  {
    id: 'deploy-user-extension-shared',
    seed: '000',
    quote: S.enableUsersForUm,
    versions: V,
    change: 'Bruno’s UM extension is 1001, Alice’s, in the same dial plan',
    build: org((s) => (s.users.find((u) => u.alias === 'bruno.dubois')!.extension = '1001')),
    exactly: true,
    mustFire: [{ rule: 'R-U-08' }],
    mustNotFire: [],
    userExpectation: { sipAddress: 'sip:bruno.dubois@litwareinc.com', verdict: 'fails', reasons: ['R-U-08'] },
  },
  {
    id: 'deploy-user-extension-same-in-other-plan',
    seed: '000',
    quote: S.enableUsersForUm,
    versions: V,
    change: 'Bruno’s UM extension is 1001 like Alice’s, but in a second SIP dial plan Litware-SIP-2 (extensions are unique per dial plan)',
    build: org((s) => {
      addSipDialPlan(s, 'Litware-SIP-2');
      s.exchange.mailboxPolicies.push({ name: 'Litware-SIP-2 Default Policy', dialPlan: 'Litware-SIP-2' });
      const bruno = s.users.find((u) => u.alias === 'bruno.dubois')!;
      bruno.extension = '1001';
      bruno.mailbox = { server: 'ATL-EX-002', um: { dialPlan: 'Litware-SIP-2', policy: 'Litware-SIP-2 Default Policy' } };
    }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-U-08' }],
    userExpectation: { sipAddress: 'sip:bruno.dubois@litwareinc.com', verdict: 'works' },
  },
];

runScenarios('deployment steps of seed 000: permissions, gateways per pool, users', DEPLOYMENT_STEP_SCENARIOS);
