/**
 * SIP OPTIONS reachability probes over UDP, TCP and TLS, IPv4 and IPv6, with DNS A/AAAA
 * and SRV. One probe = one transaction to one resolved address, bounded by `timeoutMs` (DNS included);
 * every socket and timer is closed on every path. Only the named host (or what its DNS names) is contacted.
 */
import dgram from 'node:dgram';
import { lookup as dnsLookup, Resolver } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { defaultPort, type ProbeResult, type ProbeStatus, type ProbeTarget, type SipTransport, type TlsSummary } from '../../../shared/sip/probe-model';
import { probeExplanation } from '../../../shared/sip/probe-explain';
import { inspectCertificateDer } from '../certificates/certificate-reader';
import { buildOptions, matchesRequest, type OptionsRequest, parseDatagram, serverOf, type SipMessage, SipProtocolError, SipStreamParser } from './sip-message';

/** RFC 3261 timers: T1 (first retransmission) and T2 (cap for non-INVITE retransmissions). */
export const T1_MS = 500;
export const T2_MS = 4000;

export interface SrvRecordLike {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface ProbeResolver {
  /** A and AAAA records (through the system resolver, /etc/hosts included). */
  lookup(host: string): Promise<{ address: string; family: number }[]>;
  /** SRV records; rejects with code ENOTFOUND/ENODATA when there are none. */
  srv(name: string): Promise<SrvRecordLike[]>;
}

export interface ProbeOptions {
  readonly timeoutMs: number;
  readonly ca?: readonly Buffer[];
  readonly clientCert?: Buffer;
  readonly clientKey?: Buffer;
  /** The client certificate and key as one PKCS#12 file (a gateway's TLS profile, main/services/sip/tls-profiles.ts), with its password. */
  readonly clientPfx?: Buffer;
  readonly clientPfxPassphrase?: string;
  readonly signal?: AbortSignal;
  readonly resolve?: ProbeResolver;
  /** The date the peer's certificate is judged at (tests fix it; default: now). */
  readonly now?: () => Date;
}

export function systemResolver(timeoutMs: number): ProbeResolver {
  return {
    lookup: (host) => dnsLookup(host, { all: true, verbatim: true }),
    srv: async (name) => {
      const r = new Resolver({ timeout: Math.max(100, Math.min(timeoutMs, 2000)), tries: 1 });
      return r.resolveSrv(name);
    },
  };
}

const errCode = (e: unknown): string => ((e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e))).toString();
const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'NXDOMAIN']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);

/** RFC 6761 §6.4: `.invalid` names never resolve; answered locally, without a query. */
function isInvalidName(host: string): boolean {
  return /(^|\.)invalid\.?$/i.test(host);
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The probe was aborted', 'AbortError');
}

interface Outcome {
  status: ProbeStatus;
  detail: string;
  variant: string;
  code?: number;
  reason?: string;
  rttMs?: number;
  server?: string | null;
  tls?: TlsSummary | null;
  params?: Record<string, string | number>;
}

class Deadline {
  readonly at: number;
  constructor(ms: number) {
    this.at = performance.now() + ms;
  }
  get left(): number {
    return Math.max(0, this.at - performance.now());
  }
}

/** Races a promise against the deadline and the abort signal; the timer never outlives the race. */
function withDeadline<T>(p: Promise<T>, deadline: Deadline, signal: AbortSignal | undefined): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => finish(() => reject(abortError(signal!)));
    const timer = setTimeout(() => finish(() => resolve('timeout')), deadline.left);
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => finish(() => resolve(v)),
      (e) => finish(() => reject(e)),
    );
  });
}

interface Resolved {
  addresses: { address: string; family: number }[];
  port: number;
  srvName: string | null;
}

async function resolveTarget(target: ProbeTarget, resolver: ProbeResolver, deadline: Deadline, signal?: AbortSignal): Promise<Resolved | Outcome> {
  const family = net.isIP(target.host);
  if (family) return { addresses: [{ address: target.host, family }], port: target.port ?? defaultPort(target.transport), srvName: null };
  if (isInvalidName(target.host)) return { status: 'dns-error', variant: 'dnsNotFound', detail: 'ENOTFOUND' };
  let name = target.host;
  let port = target.port ?? defaultPort(target.transport);
  let srvName: string | null = null;
  if (target.port === null) {
    const service = target.transport === 'tls' ? '_sips._tcp' : target.transport === 'tcp' ? '_sip._tcp' : '_sip._udp';
    try {
      const records = await withDeadline(resolver.srv(`${service}.${target.host}`), deadline, signal);
      if (records === 'timeout') return { status: 'dns-error', variant: 'dnsTimeout', detail: 'timeout' };
      const best = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
      if (best && best.name && best.name !== '.') {
        name = best.name;
        port = best.port;
        srvName = `${service}.${target.host}`;
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      // No SRV record (or an SRV failure): the default port on the name itself (RFC 3263 §4.2).
    }
  }
  if (isInvalidName(name)) return { status: 'dns-error', variant: 'dnsNotFound', detail: 'ENOTFOUND', params: { host: name } };
  try {
    const found = await withDeadline(resolver.lookup(name), deadline, signal);
    if (found === 'timeout') return { status: 'dns-error', variant: 'dnsTimeout', detail: 'timeout', params: { host: name } };
    if (found.length === 0) return { status: 'dns-error', variant: 'dnsNotFound', detail: 'ENODATA', params: { host: name } };
    return { addresses: found, port, srvName };
  } catch (e) {
    if (signal?.aborted) throw e;
    const code = errCode(e);
    return { status: 'dns-error', variant: NOT_FOUND.has(code) ? 'dnsNotFound' : 'dnsFailed', detail: code, params: { host: name } };
  }
}

/** One transaction's plumbing: settles once, and closes everything it was given. */
function transaction<T>(signal: AbortSignal | undefined, body: (settle: (v: T) => void, fail: (e: unknown) => void, onCleanup: (f: () => void) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let done = false;
    const close = () => {
      signal?.removeEventListener('abort', onAbort);
      for (const c of cleanups.splice(0).reverse()) {
        try {
          c();
        } catch {
          /* closing an already-closed socket */
        }
      }
    };
    const settle = (v: T) => {
      if (done) return;
      done = true;
      close();
      resolve(v);
    };
    const fail = (e: unknown) => {
      if (done) return;
      done = true;
      close();
      reject(e);
    };
    const onAbort = () => fail(abortError(signal!));
    if (signal?.aborted) return reject(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      body(settle, fail, (f) => (done ? f() : cleanups.push(f)));
    } catch (e) {
      fail(e);
    }
  });
}

function answered(m: SipMessage, sentAt: number): Outcome {
  const rttMs = Math.round((performance.now() - sentAt) * 10) / 10;
  const ok = m.code >= 200 && m.code < 300;
  return {
    status: ok ? 'ok' : 'sip-error',
    variant: ok ? 'ok' : m.code === 503 ? 'sipError503' : m.code === 403 || m.code === 401 || m.code === 407 ? 'sipErrorAuth' : 'sipError',
    detail: `${m.code} ${m.reason}`,
    code: m.code,
    reason: m.reason,
    rttMs,
    server: serverOf(m),
  };
}

function protocolError(e: unknown): Outcome {
  return { status: 'protocol-error', variant: 'protocolError', detail: e instanceof SipProtocolError ? e.detail : errCode(e) };
}

/** OpenSSL alert codes a peer sends when it refuses the client's certificate or wants one. */
const CLIENT_CERT_ALERTS =
  /^ERR_SSL_(TLSV13_ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_HANDSHAKE_FAILURE|SSLV3_ALERT_BAD_CERTIFICATE|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_CERTIFICATE_UNKNOWN|TLSV1_ALERT_ACCESS_DENIED|SSLV3_ALERT_UNSUPPORTED_CERTIFICATE|SSLV3_ALERT_CERTIFICATE_EXPIRED|SSLV3_ALERT_CERTIFICATE_REVOKED|TLSV1_ALERT_DECRYPT_ERROR)$/;

function socketFailure(e: unknown, stage: 'connect' | 'answer'): Outcome {
  const code = errCode(e);
  if (code === 'ECONNREFUSED') return { status: 'refused', variant: 'refused', detail: code };
  if (UNREACHABLE.has(code)) return { status: 'refused', variant: 'unreachable', detail: code };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { status: stage === 'connect' ? 'refused' : 'protocol-error', variant: 'closed', detail: code };
  return { status: 'refused', variant: 'socketError', detail: code };
}

function probeUdp(address: string, family: number, host: string, port: number, deadline: Deadline, signal?: AbortSignal): Promise<Outcome> {
  return transaction<Outcome>(signal, (settle, _fail, onCleanup) => {
    const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    onCleanup(() => socket.close());
    let req: OptionsRequest | null = null;
    let sentAt = 0;
    let interval = T1_MS;
    let retransmit: NodeJS.Timeout | undefined;
    const overall = setTimeout(() => settle({ status: 'timeout', variant: 'timeoutUdp', detail: 'timeout' }), deadline.left);
    onCleanup(() => {
      clearTimeout(overall);
      clearTimeout(retransmit);
    });
    const send = () => {
      socket.send(req!.bytes, (e) => {
        if (e) settle(socketFailure(e, 'connect'));
      });
    };
    const schedule = () => {
      retransmit = setTimeout(() => {
        send();
        interval = Math.min(interval * 2, T2_MS); // Timer E for a non-INVITE request: doubles up to T2
        schedule();
      }, interval);
    };
    socket.on('error', (e) => settle(socketFailure(e, 'connect')));
    socket.on('message', (msg) => {
      if (!req) return;
      let m: SipMessage;
      try {
        m = parseDatagram(msg);
      } catch (e) {
        return settle(protocolError(e));
      }
      if (!matchesRequest(m, req)) return; // a stray message: keep waiting
      if (m.code < 200) {
        // Provisional: stop the fast retransmissions (RFC 3261 §17.1.2.2, Timer E at T2).
        interval = T2_MS;
        return;
      }
      settle(answered(m, sentAt));
    });
    socket.connect(port, address, () => {
      const local = socket.address();
      req = buildOptions({ host, port, transport: 'udp', localAddress: local.address, localPort: local.port });
      sentAt = performance.now();
      send();
      schedule();
    });
  });
}

/**
 * The peer certificate as the TLS row shows it, judged by the per-certificate rules
 * (expiry, wildcard, weak key or signature, name against the probed host) for the purpose `gateway`.
 * An IP target has no name to compare, so `cert.name.mismatch` is left to the TLS name check.
 */
function summarize(cert: tls.PeerCertificate | null, verified: boolean, error: string | null, host: string, now: Date): TlsSummary {
  const has = cert && Object.keys(cert).length > 0;
  const subject =
    has && cert.subject
      ? Object.entries(cert.subject)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
          .join(', ')
      : null;
  const sans = has && cert.subjectaltname ? cert.subjectaltname.split(/,\s*/).filter(Boolean) : [];
  let judged: ReturnType<typeof inspectCertificateDer> | null = null;
  if (has && cert.raw) {
    try {
      judged = inspectCertificateDer(cert.raw, { now, fqdn: net.isIP(host) ? undefined : host, purpose: 'gateway' });
    } catch {
      judged = null; // a certificate Node accepted but our reader does not: shown without findings
    }
  }
  return {
    peerSubject: subject || null,
    peerSubjectAltNames: sans,
    verified,
    error,
    peerIssuer: judged?.issuer ?? null,
    peerNotAfter: judged?.notAfter ?? null,
    peerThumbprint: judged?.thumbprint ?? null,
    findings: judged?.findings ?? [],
  };
}

/** The names a certificate carries: DNS SANs and IP SANs, else the subject CN. */
function certificateNames(cert: tls.PeerCertificate): string[] {
  const sans = (cert.subjectaltname ?? '')
    .split(/,\s*/)
    .map((s) => /^(?:DNS|IP Address):(.*)$/.exec(s)?.[1])
    .filter((s): s is string => !!s);
  if (sans.length) return sans;
  const cn = cert.subject?.CN;
  return cn ? (Array.isArray(cn) ? cn : [cn]) : [];
}

function probeStream(transport: 'tcp' | 'tls', address: string, host: string, port: number, deadline: Deadline, o: ProbeOptions): Promise<Outcome> {
  const now = (o.now ?? (() => new Date()))();
  return transaction<Outcome>(o.signal, (settle, _fail, onCleanup) => {
    let stage: 'connect' | 'handshake' | 'answer' = 'connect';
    let tlsSummary: TlsSummary | null = null;
    const socket: net.Socket =
      transport === 'tls'
        ? tls.connect({
            host: address,
            port,
            servername: net.isIP(host) ? undefined : host,
            ca: o.ca && o.ca.length ? [...o.ca] : undefined,
            cert: o.clientCert,
            key: o.clientKey,
            pfx: o.clientPfx,
            passphrase: o.clientPfxPassphrase,
            rejectUnauthorized: false,
            ALPNProtocols: undefined,
          })
        : net.connect({ host: address, port });
    onCleanup(() => socket.destroy());
    const overall = setTimeout(
      () =>
        settle({
          status: 'timeout',
          variant: stage === 'connect' ? 'timeoutConnect' : stage === 'handshake' ? 'timeoutTls' : 'timeoutStream',
          detail: 'timeout',
          tls: tlsSummary,
        }),
      deadline.left,
    );
    onCleanup(() => clearTimeout(overall));
    const parser = new SipStreamParser();
    let req: OptionsRequest | null = null;
    let sentAt = 0;
    const start = () => {
      stage = 'answer';
      req = buildOptions({ host, port, transport, localAddress: socket.localAddress ?? '0.0.0.0', localPort: socket.localPort ?? 0 });
      sentAt = performance.now();
      socket.write(req.bytes);
    };
    socket.on('data', (chunk: Buffer) => {
      if (!req) return settle({ ...protocolError(new SipProtocolError('data before the request was sent')), tls: tlsSummary });
      let messages: SipMessage[];
      try {
        messages = parser.push(chunk);
      } catch (e) {
        return settle({ ...protocolError(e), tls: tlsSummary });
      }
      for (const m of messages) {
        if (!matchesRequest(m, req) || m.code < 200) continue;
        return settle({ ...answered(m, sentAt), tls: tlsSummary });
      }
    });
    socket.on('error', (e) => {
      // The peer refused our client certificate (or its absence) with a TLS alert. Under TLS 1.3 the
      // alert arrives after our side finished the handshake, so it can come at the 'answer' stage.
      if (transport === 'tls' && CLIENT_CERT_ALERTS.test(errCode(e))) {
        const detail = errCode(e);
        return settle({
          status: 'tls-error',
          variant: 'tlsClientCert',
          detail,
          params: { given: o.clientCert || o.clientPfx ? 'yes' : 'no' },
          tls: tlsSummary ?? summarize(null, false, detail, host, now),
        });
      }
      const out = socketFailure(e, stage === 'answer' ? 'answer' : 'connect');
      if (stage === 'handshake' && out.variant !== 'refused' && out.variant !== 'unreachable') {
        const detail = errCode(e) === 'ECONNRESET' ? 'the peer closed the connection during the handshake' : e.message;
        return settle({ status: 'tls-error', variant: 'tlsHandshake', detail, tls: summarize(null, false, detail, host, now) });
      }
      settle({ ...out, tls: tlsSummary });
    });
    socket.on('close', () => {
      if (stage === 'handshake') {
        const detail = 'the peer closed the connection during the handshake';
        return settle({ status: 'tls-error', variant: 'tlsHandshake', detail, tls: summarize(null, false, detail, host, now) });
      }
      settle({
        status: stage === 'connect' ? 'refused' : 'protocol-error',
        variant: 'closed',
        detail: parser.pending ? `closed after ${parser.pending} bytes that are not a whole SIP message` : 'closed',
        tls: tlsSummary,
      });
    });
    if (transport === 'tcp') socket.once('connect', start);
    else {
      socket.once('connect', () => (stage = 'handshake'));
      socket.once('secureConnect', () => {
        const t = socket as tls.TLSSocket;
        const cert = t.getPeerCertificate();
        const chainError = t.authorized ? null : String(t.authorizationError ?? 'not trusted');
        const identityError = cert && Object.keys(cert).length ? tls.checkServerIdentity(host, cert) : new Error('no certificate');
        if (identityError) {
          const presented = certificateNames(cert).join(', ') || '(no name)';
          const detail = `the certificate names ${presented}, not ${host}`;
          return settle({
            status: 'tls-error',
            variant: 'tlsName',
            detail,
            params: { presented },
            tls: summarize(cert, false, chainError ? `${detail}; ${chainError}` : detail, host, now),
          });
        }
        if (chainError) {
          const s = summarize(cert, false, chainError, host, now);
          return settle({ status: 'tls-error', variant: 'tlsUntrusted', detail: chainError, params: { subject: s.peerSubject ?? '' }, tls: s });
        }
        tlsSummary = summarize(cert, true, null, host, now);
        start();
      });
    }
  });
}

function result(target: ProbeTarget, address: string | null, addresses: readonly string[], port: number | null, o: Outcome, timeoutMs: number): ProbeResult {
  const params: Record<string, string | number> = {
    host: target.host,
    transport: target.transport.toUpperCase(),
    address: address === null ? '' : address.includes(':') ? `[${address}]` : address,
    port: String(port ?? target.port ?? defaultPort(target.transport)),
    seconds: Math.round(timeoutMs / 100) / 10,
    detail: o.detail,
    code: o.code === undefined ? '' : String(o.code),
    reason: o.reason ?? '',
    rtt: o.rttMs ?? '',
    ...o.params,
  };
  const e = probeExplanation(o.variant, params);
  return {
    target: target.raw,
    transport: target.transport,
    address,
    addresses,
    port,
    status: o.status,
    code: o.code ?? null,
    reason: o.reason ?? null,
    rttMs: o.rttMs ?? null,
    server: o.server ?? null,
    explanation: e.text,
    explanationKey: e.key,
    explanationParams: params,
    tls: o.tls ?? null,
  };
}

/** Probes one target; resolves (never rejects) except when `signal` aborts. */
export async function probeTarget(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = new Deadline(options.timeoutMs);
  const resolver = options.resolve ?? systemResolver(options.timeoutMs);
  if (options.signal?.aborted) throw abortError(options.signal);
  const r = await resolveTarget(target, resolver, deadline, options.signal);
  if ('status' in r) return result(target, null, [], target.port, r, options.timeoutMs);
  let last: { address: string; outcome: Outcome } | null = null;
  // Each resolved address in turn while the previous one refused the connection (RFC 3263 §4.3).
  for (const a of r.addresses) {
    const outcome =
      target.transport === 'udp'
        ? await probeUdp(a.address, a.family, target.host, r.port, deadline, options.signal)
        : await probeStream(target.transport, a.address, target.host, r.port, deadline, options);
    last = { address: a.address, outcome };
    if (outcome.status !== 'refused' || deadline.left <= 0) break;
  }
  return result(
    target,
    last!.address,
    r.addresses.map((a) => a.address),
    r.port,
    last!.outcome,
    options.timeoutMs,
  );
}

export interface SweepOptions extends ProbeOptions {
  readonly concurrency: number;
  /** Called as each probe starts (the bench counts the probes in flight with it). */
  readonly onStart?: (index: number) => void;
  readonly onResult?: (result: ProbeResult, index: number) => void;
  /** Per-target TLS material (a target's TLS profile) over the sweep's own `ca` / client certificate. */
  readonly tlsFor?: (target: ProbeTarget) => Partial<Pick<ProbeOptions, 'ca' | 'clientPfx' | 'clientPfxPassphrase'>> | undefined;
}

/** Probes every target, at most `concurrency` at a time; results in the order of `targets`. */
export async function sweepTargets(targets: readonly ProbeTarget[], options: SweepOptions): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(targets.length);
  const limit = Math.max(1, Math.floor(options.concurrency) || 1);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const i = next++;
      options.onStart?.(i);
      const own = options.tlsFor?.(targets[i]!);
      results[i] = await probeTarget(targets[i]!, own ? { ...options, ...own } : options);
      options.onResult?.(results[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, targets.length) }, worker));
  return results;
}

export type { SipTransport };
