/**
 * Indexes every rule needs, built once per evaluation so each rule stays a small pure function
 * and a 1,000-gateway org is still checked in linear time.
 */
import type { CsMediaConfiguration, EncryptionLevel, ExchangeServer, OrgModel, SkypePool, UmDialPlan, UmHuntGroup, UmIpGateway } from '../model/org';

export interface RuleContext {
  readonly org: OrgModel;
  readonly poolByFqdn: ReadonlyMap<string, SkypePool>;
  readonly gatewayByName: ReadonlyMap<string, UmIpGateway>;
  readonly dialPlanByName: ReadonlyMap<string, UmDialPlan>;
  readonly huntGroupsByGateway: ReadonlyMap<string, readonly UmHuntGroup[]>;
  readonly huntGroupsByDialPlan: ReadonlyMap<string, readonly UmHuntGroup[]>;
  /** Gateways whose Address is a Skype pool FQDN (ExchUcUtil's pool gateways), by gateway name. */
  readonly poolOfGateway: ReadonlyMap<string, SkypePool>;
  /**
   * UM dial plans that carry Lync/Skype traffic: linked by a hunt group to a pool gateway.
   * Rules "for dial plans used with Lync" (R-D-01, R-D-04) apply to these only.
   */
  readonly skypeLinkedDialPlans: readonly UmDialPlan[];
  /** Lync-facing SIP URI dial plans (the ones every UM server must answer). */
  readonly lyncSipDialPlans: readonly UmDialPlan[];
  /** Pools linked to a dial plan through its hunt groups. */
  poolsOfDialPlan(dialPlan: string): readonly SkypePool[];
  /** The media configuration that applies to a pool: service, else site, else global scope. */
  effectiveMediaConfiguration(pool: SkypePool): CsMediaConfiguration | null;
  /** Exchange servers that can run UM (2013/2016 Mailbox and CAS, 2010 UM role). */
  readonly umServers: readonly ExchangeServer[];
}

const lower = (s: string) => s.toLowerCase();

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

export function buildRuleContext(org: OrgModel): RuleContext {
  const { exchange, skype } = org;
  const poolByFqdn = new Map(skype.pools.map((p) => [lower(p.fqdn), p]));
  const gatewayByName = new Map(exchange.ipGateways.map((g) => [lower(g.name), g]));
  const dialPlanByName = new Map(exchange.dialPlans.map((d) => [lower(d.name), d]));
  const huntGroupsByGateway = groupBy(exchange.huntGroups, (h) => lower(h.gateway));
  const huntGroupsByDialPlan = groupBy(exchange.huntGroups, (h) => lower(h.dialPlan));
  const poolOfGateway = new Map<string, SkypePool>();
  for (const g of exchange.ipGateways) {
    const pool = poolByFqdn.get(lower(g.address));
    if (pool) poolOfGateway.set(lower(g.name), pool);
  }
  const poolsOfDialPlanMap = new Map<string, SkypePool[]>();
  for (const h of exchange.huntGroups) {
    const pool = poolOfGateway.get(lower(h.gateway));
    if (!pool) continue;
    const list = poolsOfDialPlanMap.get(lower(h.dialPlan)) ?? [];
    if (!list.includes(pool)) list.push(pool);
    poolsOfDialPlanMap.set(lower(h.dialPlan), list);
  }
  const skypeLinkedDialPlans = exchange.dialPlans.filter((d) => poolsOfDialPlanMap.has(lower(d.name)));
  // A SIP URI dial plan is Lync-facing even before ExchUcUtil linked it: SipName exists for Lync (seed 001).
  const lyncSipDialPlans = exchange.dialPlans.filter((d) => d.uriType === 'SipName');

  const mediaByScope = new Map<string, CsMediaConfiguration>();
  for (const m of skype.mediaConfigurations) {
    mediaByScope.set(`${m.scope}:${lower(m.target ?? '')}`, m);
  }
  const siteName = (identity: string) => lower(identity.replace(/^site:/i, ''));
  const effectiveMediaConfiguration = (pool: SkypePool): CsMediaConfiguration | null =>
    mediaByScope.get(`Service:${lower(pool.fqdn)}`) ?? mediaByScope.get(`Site:${siteName(pool.site)}`) ?? mediaByScope.get('Global:') ?? null;

  const umServers = exchange.servers.filter(
    (s) => (s.version.product === '2013' || s.version.product === '2016' ? s.isMailboxServer || s.isClientAccessServer : s.isUnifiedMessagingServer) && s.version.product !== '2019',
  );

  return {
    org,
    poolByFqdn,
    gatewayByName,
    dialPlanByName,
    huntGroupsByGateway,
    huntGroupsByDialPlan,
    poolOfGateway,
    skypeLinkedDialPlans,
    lyncSipDialPlans,
    poolsOfDialPlan: (dp) => poolsOfDialPlanMap.get(lower(dp)) ?? [],
    effectiveMediaConfiguration,
    umServers,
  };
}

export type { EncryptionLevel };
