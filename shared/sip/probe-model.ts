/**
 * SIP reachability probes: what is probed and what came back. Pure data and pure
 * functions (no Node, no DOM): the prober (main/services/sip), the CLI and the Gateways screen share them.
 */
import { isIpv4Literal, isIpv6Literal } from '../model/host-name';
import type { Diagnostic } from '../diagnostics/diagnostic';
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
  readonly peerIssuer: string | null;
  /** ISO 8601 UTC. */
  readonly peerNotAfter: string | null;
  readonly peerThumbprint: string | null;
  /** The peer certificate judged by the certificate rules (cert.*) for the probed name, purpose `gateway`. */
  readonly findings: readonly Diagnostic[];
}

export interface ProbeResult {
  readonly target: string;
  readonly transport: SipTransport;
  /** The address the answer (or the last failure) came from. */
  readonly address: string | null;
  /** Every address the name resolved to, in the order tried (RFC 3263: the next on refusal). */
  readonly addresses: readonly string[];
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

export type TargetParse =
  { readonly ok: true; readonly target: ProbeTarget } | { readonly ok: false; readonly reason: string; readonly key: string; readonly params: Readonly<Record<string, string>> };

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A SIP URI's IPv4 host: dotted decimal without leading zeros (the one IP-literal predicate: shared/model/host-name.ts). */
export function isIPv4(text: string): boolean {
  return isIpv4Literal(text, true);
}

/** A SIP URI's IPv6 host, inside its brackets: RFC 4291 text forms, no zone index. */
export function isIPv6(text: string): boolean {
  return isIpv6Literal(text);
}

function fail(key: string, reason: string, params: Record<string, string>): TargetParse {
  return { ok: false, reason, key: `probe.target.${key}`, params };
}

/**
 * `sip:HOST[:PORT][;transport=udp|tcp|tls]` or `sips:HOST[:PORT]` (TLS). Without `;transport`, a
 * `sip:` target uses UDP (RFC 3263 default for a numeric or portless sip URI). No user part: an
 * OPTIONS ping goes to the host (Exchange UM pings its gateways the same way). IPv6 in brackets.
 * `reason` is English; `key`/`params` (`probe.target.*`) render it in the user's language.
 */
export function parseTarget(text: string): TargetParse {
  const t = text.trim();
  const target = t;
  const m = /^(sips?):([^;]+)((?:;[^;]*)*)$/i.exec(t);
  if (!m) return fail('syntax', `"${text}" is not sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT]`, { target: text });
  const secure = m[1]!.toLowerCase() === 'sips';
  let hostPort = m[2]!;
  if (hostPort.includes('@')) return fail('userPart', `"${text}": a probe target has no user part (OPTIONS goes to the host)`, { target });
  let port: number | null = null;
  const pm = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort)!;
  if (!hostPort.startsWith('[') || hostPort.includes(']:')) {
    hostPort = pm[1]!;
    if (pm[2] !== undefined) {
      port = Number(pm[2]);
      if (port < 1 || port > 65535) return fail('port', `"${text}": port ${pm[2]} is out of range`, { target, port: pm[2] });
    }
  }
  // A trailing dot (an absolute FQDN) is the same name.
  const bare = hostPort.startsWith('[') && hostPort.endsWith(']') ? hostPort.slice(1, -1) : hostPort.replace(/(?<=[A-Za-z0-9-])\.$/, '');
  const bracketed = hostPort.startsWith('[');
  const valid = bracketed ? hostPort.endsWith(']') && isIPv6(bare) : /^[0-9.]+$/.test(bare) ? isIPv4(bare) : HOST_NAME.test(bare) && !/\.[0-9]+$/.test(bare);
  if (!valid) return fail('host', `"${text}": "${hostPort}" is not a host name or address`, { target, host: hostPort });
  const host = bare;
  let transport: SipTransport = secure ? 'tls' : 'udp';
  for (const p of (m[3] ?? '').split(';').filter(Boolean)) {
    const [k, v] = p.split('=');
    if (k!.trim().toLowerCase() !== 'transport') return fail('param', `"${text}": unknown parameter ${k}`, { target, param: k! });
    const tv = (v ?? '').trim().toLowerCase();
    if (tv !== 'udp' && tv !== 'tcp' && tv !== 'tls') return fail('transport', `"${text}": transport must be udp, tcp or tls`, { target });
    if (secure && tv !== 'tls') return fail('sips', `"${text}": sips: is always TLS`, { target });
    transport = tv;
  }
  return { ok: true, target: { raw: t, host, port, transport } };
}

/** How long one probe may take, DNS included (Exchange's own OPTIONS ping waits about as long). */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/**
 * Probes in flight at once. The sweep bench (bench/sip.ts: 300 loopback targets, a third silent,
 * 2 s timeout) finishes in 2.1 s at 128 and 4.1 s at 64, so 128 keeps a sweep within twice the
 * timeout; 128 sockets are far below any file-descriptor limit.
 */
export const DEFAULT_PROBE_CONCURRENCY = 128;

export function defaultPort(transport: SipTransport): number {
  return transport === 'tls' ? 5061 : 5060;
}

/** A probe target derived from the topology: which object it stands for and why it is probed. */
export interface TopologyTarget extends ProbeTarget {
  readonly ref: ObjectRef;
  readonly label: string;
}
