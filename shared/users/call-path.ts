/**
 * The path a call to voice mail takes: the user's registrar pool → that pool's UM IP
 * gateway (ExchUcUtil: Address = the pool FQDN, SCRIPT-EXCHUCUTIL) → the hunt group for the user's
 * UM dial plan on it (EX13-HUNTGROUPS) → the UM dial plan (SIP URI, EX13-CREATEDP) → the Exchange
 * servers answering that dial plan (EX13-OVERVIEW; none on Exchange 2019, SFB-UMVM).
 * Each hop is green when it is there and no org finding of severity error names it.
 */
import type { Diagnostic, DiagnosticMessage, RuleArea } from '../diagnostics/diagnostic';
import { type ObjectRef, refKey } from '../model/org';
import type { CallHop, HopKind } from './user-model';
import { hgKey, isNoUmVersion, type JoinedUser, type UserRuleContext } from './user-rules';

/** refKey → the error diagnostics naming that object. */
export type DiagnosticsByObject = ReadonlyMap<string, readonly Diagnostic[]>;

const cache = new WeakMap<readonly Diagnostic[], DiagnosticsByObject>();

/** Indexes error diagnostics by every object they name (once per array). */
export function errorDiagnosticsByObject(findings: readonly Diagnostic[]): DiagnosticsByObject {
  let m = cache.get(findings) as Map<string, Diagnostic[]> | undefined;
  if (!m) {
    m = new Map();
    for (const f of findings) {
      if (f.severity !== 'error') continue;
      for (const o of f.objects) {
        const list = m.get(refKey(o));
        if (list) list.push(f);
        else m.set(refKey(o), [f]);
      }
    }
    cache.set(findings, m);
  }
  return m;
}

const lower = (s: string) => s.toLowerCase();

function hop(kind: HopKind, label: string | null, ref: ObjectRef | null, problem: DiagnosticMessage | null): CallHop {
  return { kind, label, ref, ok: problem === null, problem };
}

/**
 * A green hop turns red when an error finding of an area the call goes through names one of its
 * objects. What a call to voice mail crosses: a pool is judged on its gateways (R-G: ExchUcUtil's
 * gateway and hunt groups), a gateway, hunt group, dial plan or UM server on the dial plan, gateway
 * and certificate rules (R-D startup modes, R-G, R-X: the MTLS between Skype and UM). OAuth,
 * Autodiscover, contacts and the forest (R-O, R-C, R-T) do not carry the call, so they do not colour it.
 */
const PATH_AREAS: Readonly<Record<HopKind, readonly RuleArea[]>> = {
  pool: ['gateways'],
  gateway: ['gateways', 'certificates'],
  huntGroup: ['gateways', 'dialPlans'],
  dialPlan: ['dialPlans', 'gateways'],
  umServer: ['dialPlans', 'certificates'],
};

function withDiagnostics(kind: HopKind, label: string | null, refs: readonly ObjectRef[], byObject: DiagnosticsByObject | null): CallHop {
  const ref = refs[0] ?? null;
  if (byObject) {
    for (const r of refs) {
      const f = (byObject.get(refKey(r)) ?? []).find((x) => x.area !== undefined && PATH_AREAS[kind].includes(x.area));
      if (f) return hop(kind, label, ref, { key: 'users.hop.finding', params: { object: r.id, rule: f.rule } });
    }
  }
  return hop(kind, label, ref, null);
}

export function callPath(joined: JoinedUser, ctx: UserRuleContext, findings?: readonly Diagnostic[] | DiagnosticsByObject): CallHop[] {
  const byObject = findings ? (Array.isArray(findings) ? errorDiagnosticsByObject(findings as readonly Diagnostic[]) : (findings as DiagnosticsByObject)) : null;
  const S = joined.skype;
  const M = joined.mailbox;
  const path: CallHop[] = [];

  // 1. pool
  const poolName = S?.registrarPool.trim() ?? '';
  const pool = poolName ? ctx.poolByFqdn.get(lower(poolName)) : undefined;
  if (!S) path.push(hop('pool', null, null, { key: 'users.hop.noUser', params: {} }));
  else if (!poolName) path.push(hop('pool', null, null, { key: 'users.hop.noPool', params: { sip: S.sipAddress } }));
  else if (!pool) path.push(hop('pool', poolName, { kind: 'skypePool', id: poolName }, { key: 'users.hop.poolUnknown', params: { pool: poolName } }));
  else path.push(withDiagnostics('pool', pool.fqdn, [{ kind: 'skypePool', id: pool.fqdn }], byObject));

  // 2. gateway: prefer an enabled one with a hunt group for the user's dial plan.
  const dpName = M?.umDialPlan ?? '';
  const gateways = poolName ? (ctx.gatewaysByAddress.get(lower(poolName)) ?? []) : [];
  const hasGroup = (name: string) => !!dpName && ctx.huntGroupByGatewayDialPlan.has(hgKey(name, dpName));
  const gateway = gateways.find((g) => g.status === 'Enabled' && hasGroup(g.name)) ?? gateways.find((g) => hasGroup(g.name)) ?? gateways.find((g) => g.status === 'Enabled') ?? gateways[0];
  if (!gateway) path.push(hop('gateway', null, null, poolName ? { key: 'users.hop.noGateway', params: { pool: poolName } } : { key: 'users.hop.noPoolForGateway', params: {} }));
  else if (gateway.status !== 'Enabled')
    path.push(hop('gateway', gateway.name, { kind: 'umIpGateway', id: gateway.name }, { key: 'users.hop.gatewayStatus', params: { gateway: gateway.name, status: gateway.status } }));
  else path.push(withDiagnostics('gateway', gateway.name, [{ kind: 'umIpGateway', id: gateway.name }], byObject));

  // 3. hunt group for the dial plan on that gateway
  const group = gateway && dpName ? ctx.huntGroupByGatewayDialPlan.get(hgKey(gateway.name, dpName)) : undefined;
  if (!dpName) path.push(hop('huntGroup', null, null, { key: 'users.hop.noDialPlanName', params: {} }));
  else if (!gateway) path.push(hop('huntGroup', null, null, { key: 'users.hop.noGatewayForHuntGroup', params: { dialPlan: dpName } }));
  else if (!group) path.push(hop('huntGroup', null, null, { key: 'users.hop.noHuntGroup', params: { gateway: gateway.name, dialPlan: dpName } }));
  else path.push(withDiagnostics('huntGroup', group.id, [{ kind: 'umHuntGroup', id: group.id }], byObject));

  // 4. dial plan
  const dp = dpName ? ctx.dialPlanByName.get(lower(dpName)) : undefined;
  if (!dpName) path.push(hop('dialPlan', null, null, { key: 'users.hop.noDialPlanName', params: {} }));
  else if (!dp) path.push(hop('dialPlan', dpName, null, { key: 'users.hop.dialPlanUnknown', params: { dialPlan: dpName } }));
  else if (dp.uriType !== 'SipName') path.push(hop('dialPlan', dp.name, { kind: 'umDialPlan', id: dp.name }, { key: 'users.hop.notSip', params: { dialPlan: dp.name, uriType: dp.uriType } }));
  else path.push(withDiagnostics('dialPlan', dp.name, [{ kind: 'umDialPlan', id: dp.name }], byObject));

  // 5. UM servers answering the dial plan
  const servers = dp ? ctx.umServersOf(dp.name) : [];
  const usable = servers.filter((s) => !isNoUmVersion(s));
  const label = servers.length ? servers.map((s) => s.name).join(', ') : null;
  if (!dp) path.push(hop('umServer', null, null, { key: 'users.hop.noDialPlanForServers', params: {} }));
  else if (servers.length === 0) path.push(hop('umServer', null, null, { key: 'users.hop.noServers', params: { dialPlan: dp.name } }));
  else if (usable.length === 0) path.push(hop('umServer', label, { kind: 'exchangeServer', id: servers[0].name }, { key: 'users.hop.onlyNoUm', params: { dialPlan: dp.name, servers: label ?? '' } }));
  else
    path.push(
      withDiagnostics(
        'umServer',
        usable.map((s) => s.name).join(', '),
        usable.map((s) => ({ kind: 'exchangeServer', id: s.name })),
        byObject,
      ),
    );
  return path;
}
