/**
 * SIP reachability probes (issue 5): what is probed and what came back. Pure data and pure
 * functions (no Node, no DOM): the prober (main/services/sip), the CLI and the Gateways screen share them.
 */
import type { ObjectRef } from '../model/org';

export type SipTransport = 'udp' | 'tcp' | 'tls';

export interface ProbeTarget {
  /** As given (`sip:gw01.contoso.com:5060;transport=tcp`) or built from the topology. */
  readonly raw: string;
  readonly host: string;
  /** null: SRV lookup (`_sip._udp`, `_sip._tcp`, `_sips._tcp`), then the default port (5060, 5061 for TLS). */
  readonly port: number | null;
  readonly transport: SipTransport;
}

export type ProbeStatus = 'ok' | 'sip-error' | 'timeout' | 'refused' | 'dns-error' | 'tls-error' | 'protocol-error';

export interface TlsSummary {
  readonly peerSubject: string | null;
  readonly peerSubjectAltNames: readonly string[];
  readonly verified: boolean;
  readonly error: string | null;
}

export interface ProbeResult {
  readonly target: string;
  readonly transport: SipTransport;
  readonly address: string | null;
  readonly port: number | null;
  readonly status: ProbeStatus;
  readonly code: number | null;
  readonly reason: string | null;
  readonly rttMs: number | null;
  /** The Server (or User-Agent) header of the answer. */
  readonly server: string | null;
  /** Plain words: what happened, the likely cause, the next step (English; the UI renders `explanationKey`). */
  readonly explanation: string;
  readonly explanationKey: string;
  readonly explanationParams: Readonly<Record<string, string | number>>;
  readonly tls: TlsSummary | null;
}

export type TargetParse = { readonly ok: true; readonly target: ProbeTarget } | { readonly ok: false; readonly reason: string };

const HOST = /^(?:\[[0-9a-fA-F:.]+\]|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;

/**
 * `sip:HOST[:PORT][;transport=udp|tcp|tls]` or `sips:HOST[:PORT]` (TLS). Without `;transport`, a
 * `sip:` target uses UDP (RFC 3263 default for a numeric or portless sip URI). No user part: an
 * OPTIONS ping goes to the host (Exchange UM pings its gateways the same way).
 */
export function parseTarget(text: string): TargetParse {
  const t = text.trim();
  const m = /^(sips?):([^;]+)((?:;[^;]*)*)$/i.exec(t);
  if (!m) return { ok: false, reason: `"${text}" is not sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT]` };
  const secure = m[1]!.toLowerCase() === 'sips';
  let hostPort = m[2]!;
  if (hostPort.includes('@')) return { ok: false, reason: `"${text}": a probe target has no user part (OPTIONS goes to the host)` };
  let port: number | null = null;
  const pm = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort)!;
  if (!hostPort.startsWith('[') || hostPort.includes(']:')) {
    hostPort = pm[1]!;
    if (pm[2] !== undefined) {
      port = Number(pm[2]);
      if (port < 1 || port > 65535) return { ok: false, reason: `"${text}": port ${pm[2]} is out of range` };
    }
  }
  if (!HOST.test(hostPort)) return { ok: false, reason: `"${text}": "${hostPort}" is not a host name or address` };
  const host = hostPort.startsWith('[') ? hostPort.slice(1, -1) : hostPort;
  let transport: SipTransport = secure ? 'tls' : 'udp';
  for (const p of (m[3] ?? '').split(';').filter(Boolean)) {
    const [k, v] = p.split('=');
    if (k!.toLowerCase() !== 'transport') return { ok: false, reason: `"${text}": unknown parameter ${k}` };
    const tv = (v ?? '').toLowerCase();
    if (tv !== 'udp' && tv !== 'tcp' && tv !== 'tls') return { ok: false, reason: `"${text}": transport must be udp, tcp or tls` };
    if (secure && tv !== 'tls') return { ok: false, reason: `"${text}": sips: is always TLS` };
    transport = tv;
  }
  return { ok: true, target: { raw: t, host, port, transport } };
}

export function defaultPort(transport: SipTransport): number {
  return transport === 'tls' ? 5061 : 5060;
}

/** A probe target derived from the topology: which object it stands for and why it is probed. */
export interface TopologyTarget extends ProbeTarget {
  readonly ref: ObjectRef;
  readonly label: string;
}
