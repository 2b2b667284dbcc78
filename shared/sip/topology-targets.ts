/**
 * What to probe, from the topology: every SIP peer of the integration with the transport
 * its configuration implies. Pure.
 * - UM IP gateways: their address and port; TLS when a dial plan behind them (through its hunt
 *   groups) is SIPSecured or Secured, else TCP (Exchange UM talks SIP over TCP or TLS, seed
 *   "Déployer la messagerie unifiée Exchange": VoIP security decides the transport).
 * - Skype pools (Front End, Standard Edition, Director, SBA): TLS 5061.
 * - Mediation servers: TLS on their SipServerTlsPort (5067 by default); PSTN gateways: their port
 *   and protocol as the topology states them.
 * - Exchange 2013/2016 UM: the Call Router on 5060 (TCP) / 5061 (TLS) and the UM service on
 *   5062 / 5063, per their startup mode (TCP, TLS, or Dual = both).
 */
import type { ObjectRef, OrgModel, UmServiceSettings } from '../model/org';
import type { SipTransport, TopologyTarget } from './probe-model';

function target(host: string, port: number, transport: SipTransport, ref: ObjectRef, label: string): TopologyTarget {
  const raw = transport === 'tls' ? `sips:${host}:${port}` : `sip:${host}:${port};transport=${transport}`;
  return { raw, host, port, transport, ref, label };
}

function umListeners(settings: UmServiceSettings, tcpDefault: number, tlsDefault: number): { port: number; transport: SipTransport }[] {
  const out: { port: number; transport: SipTransport }[] = [];
  if (settings.startupMode !== 'TLS') out.push({ port: settings.sipTcpPort ?? tcpDefault, transport: 'tcp' });
  if (settings.startupMode !== 'TCP') out.push({ port: settings.sipTlsPort ?? tlsDefault, transport: 'tls' });
  return out;
}

export function topologyTargets(org: OrgModel): TopologyTarget[] {
  const out: TopologyTarget[] = [];
  const secured = new Set(org.exchange.dialPlans.filter((d) => d.voipSecurity !== 'Unsecured').map((d) => d.name.toLowerCase()));
  // The dial plans behind each gateway, in one pass over the hunt groups (1,000 gateways × thousands of hunt groups otherwise).
  const plansOf = new Map<string, string[]>();
  for (const h of org.exchange.huntGroups) {
    const key = h.gateway.toLowerCase();
    const plans = plansOf.get(key);
    if (plans) plans.push(h.dialPlan.toLowerCase());
    else plansOf.set(key, [h.dialPlan.toLowerCase()]);
  }
  for (const g of org.exchange.ipGateways) {
    const tls = (plansOf.get(g.name.toLowerCase()) ?? []).some((p) => secured.has(p));
    out.push(target(g.address, g.port, tls ? 'tls' : 'tcp', { kind: 'umIpGateway', id: g.name }, g.name));
  }
  for (const s of org.exchange.servers) {
    if (s.version.major < 15) continue;
    if (s.callRouter) for (const l of umListeners(s.callRouter, 5060, 5061)) out.push(target(s.fqdn, l.port, l.transport, { kind: 'exchangeServer', id: s.name }, `${s.name} (UM Call Router)`));
    if (s.umService) for (const l of umListeners(s.umService, 5062, 5063)) out.push(target(s.fqdn, l.port, l.transport, { kind: 'exchangeServer', id: s.name }, `${s.name} (UM service)`));
  }
  for (const p of org.skype.pools) out.push(target(p.fqdn, 5061, 'tls', { kind: 'skypePool', id: p.fqdn }, p.fqdn));
  for (const m of org.skype.mediationServers) out.push(target(m.poolFqdn, m.sipTlsPort ?? 5067, 'tls', { kind: 'mediationServer', id: m.poolFqdn }, `${m.poolFqdn} (Mediation)`));
  for (const g of org.skype.pstnGateways) {
    const proto = g.protocol.toLowerCase();
    const transport: SipTransport = proto === 'tls' ? 'tls' : proto === 'udp' ? 'udp' : 'tcp';
    out.push(target(g.address, g.port ?? (transport === 'tls' ? 5061 : 5060), transport, { kind: 'pstnGateway', id: g.address }, g.address));
  }
  const seen = new Set<string>();
  return out.filter((t) => (seen.has(t.raw.toLowerCase()) ? false : (seen.add(t.raw.toLowerCase()), true)));
}
