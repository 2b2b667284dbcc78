/**
 * The integration as a graph: what the Topology map draws. Pure; the layout (positions) is added
 * by the main process (elkjs), so the renderer only paints.
 *
 * Edges are the links that carry the integration: pool → UM IP gateway (Address = pool
 * FQDN), gateway → hunt group → UM dial plan, dial plan → the Exchange servers answering it, Skype
 * dial plan (location profile) → UM dial plan whose PhoneContext it is named after, contact → the
 * auto attendant or dial plan (OVA number) it serves.
 */
import { type Diagnostic, worstSeverity } from '../diagnostics/diagnostic';
import type { ObjectKind, ObjectRef, OrgModel, Severity } from '../model/org';
import { refKey } from '../model/org';
import type { EdgeKind, GraphSide, NodeFact } from './topology-graph';
import { phoneDigits as digits } from '../model/phone';

export interface RawNode {
  readonly id: string;
  readonly ref: ObjectRef;
  readonly kind: ObjectKind;
  readonly side: GraphSide;
  readonly label: string;
  readonly sublabel: string;
  readonly role: string | null;
  /** What the renderer translates after the sublabel (a pool's computer count, a Status that is not Enabled). */
  readonly facts: readonly NodeFact[];
  /** Column, left to right: Skype sites → pools → … → Exchange servers. */
  readonly column: number;
}

export interface RawEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
}

export interface OrgGraph {
  readonly nodes: readonly RawNode[];
  readonly edges: readonly RawEdge[];
}

const lower = (s: string) => s.toLowerCase();
/** Enabled is the usual state and says nothing; Disabled and NoNewCalls are worth a word on the map. */
const statusFact = (status: string): NodeFact[] => (status === 'Enabled' ? [] : [{ kind: 'status', value: status }]);

export function buildOrgGraph(org: OrgModel): OrgGraph {
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  const ids = new Set<string>();
  const add = (kind: ObjectKind, id: string, side: GraphSide, column: number, label: string, sublabel: string, role: string | null = null, facts: readonly NodeFact[] = []) => {
    const ref = { kind, id };
    const key = refKey(ref);
    if (ids.has(key)) return key;
    ids.add(key);
    nodes.push({ id: key, ref, kind, side, label, sublabel, role, facts, column });
    return key;
  };
  const link = (source: string, target: string, kind: EdgeKind) => {
    if (ids.has(source) && ids.has(target)) edges.push({ source, target, kind });
  };
  const key = (kind: ObjectKind, id: string) => refKey({ kind, id });
  const { exchange, skype } = org;

  // Skype side ----------------------------------------------------------
  for (const s of skype.sites) add('skypeSite', s.identity, 'skype', 0, s.name, `${s.kind} · SiteId ${s.siteId}`);
  const poolKey = new Map<string, string>();
  for (const p of skype.pools) {
    const k = add('skypePool', p.fqdn, 'skype', 1, p.fqdn, p.product === 'unknown' ? '' : p.product, p.role, [{ kind: 'computers', count: p.computers.length }]);
    poolKey.set(lower(p.fqdn), k);
    link(key('skypeSite', p.site), k, 'site-pool');
  }
  if (skype.oauth) add('oauthConfiguration', 'Global', 'skype', 1, 'Global', skype.oauth.exchangeAutodiscoverUrl || '—');
  for (const m of skype.mediationServers) {
    const k = add('mediationServer', m.poolFqdn, 'skype', 2, m.poolFqdn, `SipServerTlsPort ${m.sipTlsPort ?? '—'}`);
    const pk = poolKey.get(lower(m.poolFqdn));
    if (pk) link(pk, k, 'pool-mediation');
  }
  for (const g of skype.pstnGateways) {
    const k = add('pstnGateway', g.address, 'skype', 3, g.address, `${g.protocol || '—'} ${g.port ?? ''}`.trim());
    if (g.mediationServer) link(key('mediationServer', g.mediationServer), k, 'mediation-pstn');
  }
  for (const d of skype.dialPlans) add('csDialPlan', d.identity, 'skype', 2, d.identity, d.simpleName ? `SimpleName ${d.simpleName}` : d.scope);

  // Exchange side -------------------------------------------------------
  for (const g of exchange.ipGateways) {
    const k = add('umIpGateway', g.name, 'exchange', 2, g.name, `${g.address}:${g.port} · OutcallsAllowed ${g.outcallsAllowed ? 'True' : 'False'}`, null, statusFact(g.status));
    const pk = poolKey.get(lower(g.address));
    if (pk) link(pk, k, 'pool-gateway');
  }
  for (const h of exchange.huntGroups) {
    const k = add('umHuntGroup', h.id, 'exchange', 3, h.id, `PilotIdentifier ${h.pilotIdentifier || '—'}`);
    link(key('umIpGateway', h.gateway), k, 'gateway-huntgroup');
  }
  for (const d of exchange.dialPlans) {
    add('umDialPlan', d.name, 'exchange', 4, d.name, `${d.uriType} · ${d.voipSecurity} · ${d.phoneContext}`);
  }
  for (const h of exchange.huntGroups) link(key('umHuntGroup', h.id), key('umDialPlan', h.dialPlan), 'huntgroup-dialplan');
  for (const s of exchange.servers) {
    const k = add('exchangeServer', s.name, 'exchange', 5, s.name, `Exchange ${s.version.product} · ${s.roles.join(', ')}${s.umService ? ` · UMStartupMode ${s.umService.startupMode}` : ''}`);
    const answered = new Set([...(s.umService?.dialPlans ?? []), ...(s.callRouter?.dialPlans ?? [])].map(lower));
    for (const d of exchange.dialPlans) if (answered.has(lower(d.name)) || d.umServers.some((x) => lower(x) === lower(s.name))) link(key('umDialPlan', d.name), k, 'dialplan-server');
  }
  for (const a of exchange.autoAttendants) {
    const k = add('umAutoAttendant', a.name, 'exchange', 5, a.name, a.pilotIdentifierList.join(', '), null, statusFact(a.status));
    link(key('umDialPlan', a.dialPlan), k, 'dialplan-autoattendant');
  }
  for (const p of exchange.mailboxPolicies) {
    const k = add('umMailboxPolicy', p.name, 'exchange', 5, p.name, p.dialPlan);
    link(key('umDialPlan', p.dialPlan), k, 'dialplan-policy');
  }
  if (exchange.organizationName) add('exchangeOrganization', exchange.organizationName, 'exchange', 5, exchange.organizationName, `Get-ExchangeServer: ${exchange.servers.length}`);

  // Location profile ↔ UM dial plan, by PhoneContext name (OcsUmUtil's check, docs/contact-objects.md §1.2).
  const dialPlanByContext = new Map(exchange.dialPlans.map((d) => [lower(d.phoneContext), d.name]));
  for (const d of skype.dialPlans) {
    const dp = dialPlanByContext.get(lower(d.name));
    if (dp) link(key('csDialPlan', d.identity), key('umDialPlan', dp), 'locationprofile-dialplan');
  }

  // Contacts ↔ what they serve and where they are homed.
  const aaByNumber = new Map<string, string>();
  for (const a of exchange.autoAttendants) for (const p of a.pilotIdentifierList) aaByNumber.set(digits(p), a.name);
  const dpByOva = new Map<string, string>();
  for (const d of exchange.dialPlans) for (const n of d.accessTelephoneNumbers) dpByOva.set(digits(n), d.name);
  for (const c of skype.exUmContacts) {
    const k = add('exUmContact', c.identity, 'skype', 2, c.displayName || c.sipAddress, `${c.autoAttendant ? 'AutoAttendant' : 'IsSubscriberAccess'} · ${c.displayNumber}`);
    const pk = poolKey.get(lower(c.registrarPool));
    if (pk) link(pk, k, 'contact-pool');
    const n = digits(c.displayNumber);
    const target = c.autoAttendant ? aaByNumber.get(n) : dpByOva.get(n);
    if (target) link(k, key(c.autoAttendant ? 'umAutoAttendant' : 'umDialPlan', target), 'contact-target');
  }

  return { nodes, edges };
}

/**
 * Which node carries a finding's badge for each object it names: most refs are nodes; a
 * certificate badges its server (Exchange) or pool (Skype); partner applications badge the
 * organization / OAuth node.
 */
export function badgeTargets(org: OrgModel, refs: readonly ObjectRef[]): string[] {
  const out = new Set<string>();
  for (const r of refs) {
    switch (r.kind) {
      case 'exchangeCertificate': {
        const server = r.id.slice(0, r.id.indexOf('\\'));
        const s = org.exchange.servers.find((x) => lower(x.fqdn) === lower(server) || lower(x.name) === lower(server));
        if (s) out.add(refKey({ kind: 'exchangeServer', id: s.name }));
        break;
      }
      case 'skypeCertificate': {
        const server = r.id.slice(0, r.id.indexOf('|'));
        const c = org.skype.certificates.find((x) => x.server === server);
        if (c) out.add(refKey({ kind: 'skypePool', id: c.pool }));
        break;
      }
      case 'skypePartnerApplication':
        out.add(refKey({ kind: 'oauthConfiguration', id: 'Global' }));
        break;
      case 'exchangePartnerApplication':
        out.add(refKey({ kind: 'exchangeOrganization', id: org.exchange.organizationName }));
        break;
      case 'csMediaConfiguration':
        break; // the pools it applies to are named in the same finding
      default:
        out.add(refKey(r));
    }
  }
  return [...out];
}

export function findingsByNode(org: OrgModel, findings: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const m = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    for (const id of badgeTargets(org, f.objects)) {
      const list = m.get(id);
      if (list) list.push(f);
      else m.set(id, [f]);
    }
  }
  return m;
}

export function severityOf(findings: readonly Diagnostic[] | undefined): Severity | null {
  return findings ? worstSeverity(findings.map((f) => f.severity)) : null;
}
