/**
 * The path a call to voice mail takes: the user's registrar pool → that pool's UM IP
 * gateway (ExchUcUtil: Address = the pool FQDN, SCRIPT-EXCHUCUTIL) → the hunt group for the user's
 * UM dial plan on it (EX13-HUNTGROUPS) → the UM dial plan (SIP URI, EX13-CREATEDP) → the Exchange
 * servers answering that dial plan (EX13-OVERVIEW; none on Exchange 2019, SFB-UMVM).
 *
 * A hop is red only for a reason that affects this user's calls: the hop is missing or cannot carry
 * the call (its own state), or an org finding of an area the call crosses, of severity error, is about
 * this user's path in every object it names (docs/user-rules.md, "The verdict"). The org rules are not
 * judged again here: their diagnostics (shared/rules/engine.ts evaluateRules) are filtered to the
 * objects of the user's path. An org finding on a hop that does not affect this user (another dial
 * plan, another hunt group, a warning, an area the call does not cross) stays on the hop, neutral.
 */
import type { Diagnostic, DiagnosticMessage, RuleArea } from '../diagnostics/diagnostic';
import { type ObjectRef, refKey } from '../model/org';
import type { CallHop, HopFinding, HopKind } from './user-model';
import { hgKey, isNoUmVersion, type JoinedUser, type UserRuleContext } from './user-rules';

/** refKey → the diagnostics naming that object (every severity). */
export type DiagnosticsByObject = ReadonlyMap<string, readonly Diagnostic[]>;

const cache = new WeakMap<readonly Diagnostic[], DiagnosticsByObject>();

/** Indexes diagnostics by every object they name (once per array). */
export function diagnosticsByObject(findings: readonly Diagnostic[]): DiagnosticsByObject {
  let m = cache.get(findings) as Map<string, Diagnostic[]> | undefined;
  if (!m) {
    m = new Map();
    for (const f of findings) {
      for (const o of new Set(f.objects.map(refKey))) {
        const list = m.get(o);
        if (list) list.push(f);
        else m.set(o, [f]);
      }
    }
    cache.set(findings, m);
  }
  return m;
}

const lower = (s: string) => s.toLowerCase();

/**
 * What a call to voice mail crosses, per hop: a pool is judged on its gateways (R-G: ExchUcUtil's
 * gateway and hunt groups) and on its dial plan's URI type (R-D-01 names the pools), a gateway, hunt
 * group, dial plan or UM server on the dial plan, gateway and certificate rules (R-D startup modes and
 * membership, R-G, R-X: the MTLS between Skype and UM). OAuth, Autodiscover, contacts and the forest
 * (R-O, R-C, R-T) do not carry the call: their findings on a hop are shown neutral.
 */
const PATH_AREAS: Readonly<Record<HopKind, readonly RuleArea[]>> = {
  pool: ['gateways', 'dialPlans'],
  gateway: ['gateways', 'certificates'],
  huntGroup: ['gateways', 'dialPlans'],
  dialPlan: ['dialPlans', 'gateways'],
  umServer: ['dialPlans', 'certificates'],
};

/** The objects of one user's path, by the kinds org findings name. */
interface PathObjects {
  readonly pool: string | null;
  /** The gateway the call takes (the pool's other gateways are not on this user's path). */
  readonly gateway: string | null;
  readonly huntGroup: string | null;
  readonly dialPlan: string | null;
  /** The servers answering the dial plan (usable or not). */
  readonly servers: ReadonlySet<string>;
  /** refKey of each object of the path → its hop. */
  readonly hopOf: ReadonlyMap<string, HopKind>;
}

/** The hop a finding is on: the hop of the first object it names that is on this path (a diagnostic names first the object it is "on", shared/diagnostics/diagnostic.ts). */
function hopOfFinding(f: Diagnostic, p: PathObjects): HopKind | undefined {
  for (const o of f.objects) {
    const k = p.hopOf.get(refKey(o));
    if (k) return k;
  }
  return undefined;
}

/**
 * A finding is about this user's path when, for every kind of path object it names, one of the
 * objects of that kind is the user's: R-G-02 about another dial plan on the user's gateway names a
 * dial plan that is not the user's, so it is not. A server named beside the user's dial plan is the
 * user's (R-D-05: a server that should answer the dial plan and does not); a server named alone must
 * be one answering the dial plan.
 */
export function aboutThisPath(f: Diagnostic, p: Pick<PathObjects, 'pool' | 'gateway' | 'huntGroup' | 'dialPlan' | 'servers'>): boolean {
  const named = (kind: ObjectRef['kind']) => f.objects.filter((o) => o.kind === kind).map((o) => lower(o.id));
  const dimension = (kind: ObjectRef['kind'], mine: string | null) => {
    const ids = named(kind);
    return ids.length === 0 || (mine !== null && ids.includes(lower(mine)));
  };
  if (!dimension('skypePool', p.pool) || !dimension('umIpGateway', p.gateway) || !dimension('umHuntGroup', p.huntGroup) || !dimension('umDialPlan', p.dialPlan)) return false;
  const servers = named('exchangeServer');
  if (servers.length === 0) return true;
  if (p.dialPlan !== null && named('umDialPlan').includes(lower(p.dialPlan))) return true;
  return servers.some((s) => p.servers.has(s));
}

function hop(kind: HopKind, label: string | null, ref: ObjectRef | null, problem: DiagnosticMessage | null, findings: readonly HopFinding[] = []): CallHop {
  return { kind, label, ref, ok: problem === null, problem, findings };
}

/**
 * The org findings naming the hop's objects, each marked whether it affects this user. A hop that is
 * already red for its own state (`problem`) takes every finding about this path on its objects as
 * part of why (R-G-09 on a disabled gateway is a warning for the org, the cause for this user).
 */
function judgeHop(kind: HopKind, label: string | null, refs: readonly ObjectRef[], own: DiagnosticMessage | null, byObject: DiagnosticsByObject | null, p: PathObjects): CallHop {
  const ref = refs[0] ?? null;
  const seen = new Set<Diagnostic>();
  const findings: HopFinding[] = [];
  if (byObject) {
    for (const r of refs) {
      for (const f of byObject.get(refKey(r)) ?? []) {
        if (seen.has(f)) continue;
        seen.add(f);
        // One finding, one hop: R-G-02 names the hunt group, its gateway and dial plan, and is on the hunt group.
        if (hopOfFinding(f, p) !== kind) continue;
        const inArea = f.area !== undefined && PATH_AREAS[kind].includes(f.area);
        const affects = inArea && aboutThisPath(f, p) && (f.severity === 'error' || own !== null);
        findings.push({ finding: f, affects });
      }
    }
  }
  // Affecting findings first, then the neutral ones; the org's order (compareDiagnostics) within each.
  findings.sort((a, b) => Number(b.affects) - Number(a.affects));
  const first = findings.find((x) => x.affects);
  // The object the finding is about on this hop (one server of the hop's several), else the hop.
  const object = first?.finding.objects.find((o) => p.hopOf.get(refKey(o)) === kind)?.id ?? label ?? ref?.id ?? '';
  const problem = own ?? (first ? { key: 'users.hop.affects', params: { object, rule: first.finding.rule } } : null);
  return hop(kind, label, ref, problem, findings);
}

export function callPath(joined: JoinedUser, ctx: UserRuleContext, findings?: readonly Diagnostic[] | DiagnosticsByObject): CallHop[] {
  const byObject = findings ? (Array.isArray(findings) ? diagnosticsByObject(findings as readonly Diagnostic[]) : (findings as DiagnosticsByObject)) : null;
  const S = joined.skype;
  const M = joined.mailbox;

  const poolName = S?.registrarPool.trim() ?? '';
  const pool = poolName ? ctx.poolByFqdn.get(lower(poolName)) : undefined;
  // The gateway: prefer an enabled one with a hunt group for the user's dial plan.
  const dpName = M?.umDialPlan ?? '';
  const gateways = poolName ? (ctx.gatewaysByAddress.get(lower(poolName)) ?? []) : [];
  const hasGroup = (name: string) => !!dpName && ctx.huntGroupByGatewayDialPlan.has(hgKey(name, dpName));
  const gateway = gateways.find((g) => g.status === 'Enabled' && hasGroup(g.name)) ?? gateways.find((g) => hasGroup(g.name)) ?? gateways.find((g) => g.status === 'Enabled') ?? gateways[0];
  const group = gateway && dpName ? ctx.huntGroupByGatewayDialPlan.get(hgKey(gateway.name, dpName)) : undefined;
  const dp = dpName ? ctx.dialPlanByName.get(lower(dpName)) : undefined;
  const servers = dp ? ctx.umServersOf(dp.name) : [];
  const hopOf = new Map<string, HopKind>();
  if (poolName) hopOf.set(refKey({ kind: 'skypePool', id: pool?.fqdn ?? poolName }), 'pool');
  if (gateway) hopOf.set(refKey({ kind: 'umIpGateway', id: gateway.name }), 'gateway');
  if (group) hopOf.set(refKey({ kind: 'umHuntGroup', id: group.id }), 'huntGroup');
  if (dp) hopOf.set(refKey({ kind: 'umDialPlan', id: dp.name }), 'dialPlan');
  for (const s of servers) hopOf.set(refKey({ kind: 'exchangeServer', id: s.name }), 'umServer');
  const objects: PathObjects = {
    pool: pool?.fqdn ?? (poolName || null),
    gateway: gateway?.name ?? null,
    huntGroup: group?.id ?? null,
    dialPlan: dp?.name ?? (dpName || null),
    servers: new Set(servers.map((s) => lower(s.name))),
    hopOf,
  };
  const judge = (kind: HopKind, label: string | null, refs: readonly ObjectRef[], own: DiagnosticMessage | null) => judgeHop(kind, label, refs, own, byObject, objects);
  const path: CallHop[] = [];

  // 1. pool
  if (!S) path.push(hop('pool', null, null, { key: 'users.hop.noUser', params: {} }));
  else if (!poolName) path.push(hop('pool', null, null, { key: 'users.hop.noPool', params: { sip: S.sipAddress } }));
  else if (!pool) path.push(judge('pool', poolName, [{ kind: 'skypePool', id: poolName }], { key: 'users.hop.poolUnknown', params: { pool: poolName } }));
  else path.push(judge('pool', pool.fqdn, [{ kind: 'skypePool', id: pool.fqdn }], null));

  // 2. gateway
  if (!gateway) path.push(hop('gateway', null, null, poolName ? { key: 'users.hop.noGateway', params: { pool: poolName } } : { key: 'users.hop.noPoolForGateway', params: {} }));
  else
    path.push(
      judge(
        'gateway',
        gateway.name,
        [{ kind: 'umIpGateway', id: gateway.name }],
        gateway.status !== 'Enabled' ? { key: 'users.hop.gatewayStatus', params: { gateway: gateway.name, status: gateway.status } } : null,
      ),
    );

  // 3. hunt group for the dial plan on that gateway
  if (!dpName) path.push(hop('huntGroup', null, null, { key: 'users.hop.noDialPlanName', params: {} }));
  else if (!gateway) path.push(hop('huntGroup', null, null, { key: 'users.hop.noGatewayForHuntGroup', params: { dialPlan: dpName } }));
  else if (!group) path.push(hop('huntGroup', null, null, { key: 'users.hop.noHuntGroup', params: { gateway: gateway.name, dialPlan: dpName } }));
  else path.push(judge('huntGroup', group.id, [{ kind: 'umHuntGroup', id: group.id }], null));

  // 4. dial plan
  if (!dpName) path.push(hop('dialPlan', null, null, { key: 'users.hop.noDialPlanName', params: {} }));
  else if (!dp) path.push(hop('dialPlan', dpName, null, { key: 'users.hop.dialPlanUnknown', params: { dialPlan: dpName } }));
  else path.push(judge('dialPlan', dp.name, [{ kind: 'umDialPlan', id: dp.name }], dp.uriType !== 'SipName' ? { key: 'users.hop.notSip', params: { dialPlan: dp.name, uriType: dp.uriType } } : null));

  // 5. UM servers answering the dial plan
  const usable = servers.filter((s) => !isNoUmVersion(s));
  const refs = servers.map((s): ObjectRef => ({ kind: 'exchangeServer', id: s.name }));
  if (!dp) path.push(hop('umServer', null, null, { key: 'users.hop.noDialPlanForServers', params: {} }));
  else if (servers.length === 0) path.push(hop('umServer', null, null, { key: 'users.hop.noServers', params: { dialPlan: dp.name } }));
  else if (usable.length === 0) {
    const label = servers.map((s) => s.name).join(', ');
    path.push(judge('umServer', label, refs, { key: 'users.hop.onlyNoUm', params: { dialPlan: dp.name, servers: label } }));
  } else path.push(judge('umServer', usable.map((s) => s.name).join(', '), refs, null));
  return path;
}

/**
 * The hop problems a user rule already gives as a blocking reason (docs/user-rules.md: R-U-01 no
 * Skype user or no pool, R-U-06 no gateway, R-U-07 no hunt group, R-U-03 no UM mailbox or dial plan,
 * R-U-05 not SIP URI): they make the verdict "fails" through that rule and are not counted again.
 */
export const HOP_PROBLEMS_OF_USER_RULES: ReadonlySet<string> = new Set([
  'users.hop.noUser',
  'users.hop.noPool',
  'users.hop.noGateway',
  'users.hop.noPoolForGateway',
  'users.hop.noDialPlanName',
  'users.hop.noGatewayForHuntGroup',
  'users.hop.noHuntGroup',
  'users.hop.notSip',
  'users.hop.noDialPlanForServers',
]);
