/**
 * Gateway monitoring, pure: the probe history kept per target, its availability figure and
 * latency series, and the two flags Exchange cares about that a single probe cannot show:
 * - R-G-08 / event 1175: Exchange UM builds its list of trusted SIP peers from FQDNs and refuses to
 *   tell two peers apart when they resolve to the same IP address ([EX13-CONNECTGW], [EX13-IPGW];
 *   seed 004: "lorsque deux noms de domaine complets correspondent à la même adresse IP, cet événement
 *   est alors journalisé"). Flagged when two topology peers with different host names share an address.
 * - An FQDN peer whose addresses changed since first seen: Exchange resolves a gateway's FQDN once and
 *   keeps the address until MSExchangeUM / MSExchangeUMCR restarts, so a DNS change is not seen by UM
 *   until then (the same behaviour that makes R-D-08 ask for a restart).
 * - R-G-10: the last probe of a topology peer failed (Exchange logs 1088 / 1400 for a gateway that
 *   does not answer its OPTIONS).
 */
import type { Severity } from '../model/org';
import { isIPv4, isIPv6, type ProbeResult, type ProbeStatus } from './probe-model';

/** Samples kept per target: half an hour at the shortest interval (5 s), six hours at 60 s. */
export const MAX_SAMPLES = 360;
/** Samples sent to the screen per target for its sparkline (the availability uses all kept). */
export const SPARK_SAMPLES = 60;
export const MIN_MONITOR_INTERVAL_S = 5;
export const MAX_MONITOR_INTERVAL_S = 3600;

export interface ProbeSample {
  /** Epoch milliseconds of the result. */
  readonly at: number;
  readonly status: ProbeStatus;
  readonly rttMs: number | null;
  readonly address: string | null;
}

export interface TargetHistory {
  readonly samples: readonly ProbeSample[];
  /** The addresses seen at the first probe that resolved the name (null until then). */
  readonly firstAddresses: readonly string[] | null;
  readonly firstSeenAt: number | null;
  /** The addresses of the latest probe that resolved the name. */
  readonly lastAddresses: readonly string[] | null;
}

export const EMPTY_HISTORY: TargetHistory = { samples: [], firstAddresses: null, firstSeenAt: null, lastAddresses: null };

/** The history with one more result; the oldest sample drops out past `max`. */
export function appendSample(history: TargetHistory, result: ProbeResult, at: number, max: number = MAX_SAMPLES): TargetHistory {
  const sample: ProbeSample = { at, status: result.status, rttMs: result.rttMs, address: result.address };
  const samples = history.samples.length >= max ? [...history.samples.slice(history.samples.length - max + 1), sample] : [...history.samples, sample];
  const resolved = result.addresses.length > 0 ? [...result.addresses] : null;
  return {
    samples,
    firstAddresses: history.firstAddresses ?? resolved,
    firstSeenAt: history.firstAddresses ? history.firstSeenAt : resolved ? at : null,
    lastAddresses: resolved ?? history.lastAddresses,
  };
}

export interface Availability {
  readonly ok: number;
  readonly total: number;
  /** 0–100 with one decimal; null before any sample. */
  readonly percent: number | null;
}

export function availability(samples: readonly ProbeSample[]): Availability {
  const ok = samples.filter((s) => s.status === 'ok').length;
  return { ok, total: samples.length, percent: samples.length ? Math.round((ok / samples.length) * 1000) / 10 : null };
}

export interface LatencyStats {
  readonly minMs: number | null;
  readonly medianMs: number | null;
  readonly maxMs: number | null;
}

/** Over the answered samples (an `ok` or `sip-error` answer has a round trip). */
export function latencyStats(samples: readonly ProbeSample[]): LatencyStats {
  const rtts = samples
    .map((s) => s.rttMs)
    .filter((r): r is number => r !== null)
    .sort((a, b) => a - b);
  if (!rtts.length) return { minMs: null, medianMs: null, maxMs: null };
  const mid = rtts.length >> 1;
  const median = rtts.length % 2 ? rtts[mid]! : (rtts[mid - 1]! + rtts[mid]!) / 2;
  return { minMs: rtts[0]!, medianMs: median, maxMs: rtts[rtts.length - 1]! };
}

export interface SparkPoint {
  readonly x: number;
  /** null: no answer (drawn as a failure mark on the baseline). */
  readonly y: number | null;
}

/**
 * The sparkline's points in a `width` × `height` box: one per sample, oldest left, round trip up
 * (scaled to the largest round trip shown; a flat line when all are equal).
 */
export function sparkline(samples: readonly ProbeSample[], width: number, height: number): SparkPoint[] {
  if (!samples.length) return [];
  const max = Math.max(1, ...samples.map((s) => s.rttMs ?? 0));
  const step = samples.length > 1 ? width / (samples.length - 1) : 0;
  return samples.map((s, i) => ({
    x: Math.round((samples.length > 1 ? i * step : width / 2) * 10) / 10,
    y: s.rttMs === null ? null : Math.round((height - 1 - (s.rttMs / max) * (height - 2)) * 10) / 10,
  }));
}

export type MonitorFlagId = 'R-G-08' | 'R-G-10' | 'address-changed';

export interface MonitorFlag {
  readonly id: MonitorFlagId;
  readonly severity: Severity;
  /** `gateways.flag.*` in en.ts / fr.ts. */
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface MonitoredTarget {
  readonly raw: string;
  readonly host: string;
  /** Only topology peers are trusted peers of Exchange; a typed target is never part of R-G-08/R-G-10. */
  readonly fromTopology: boolean;
  readonly history: TargetHistory;
}

const isAddressLiteral = (host: string) => isIPv4(host) || isIPv6(host);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** Every flag per target raw (targets without a flag are absent). */
export function monitorFlags(targets: readonly MonitoredTarget[]): Map<string, MonitorFlag[]> {
  const out = new Map<string, MonitorFlag[]>();
  const add = (raw: string, f: MonitorFlag) => {
    const list = out.get(raw) ?? [];
    if (!list.some((x) => x.id === f.id)) list.push(f);
    out.set(raw, list);
  };

  // R-G-08: the hosts behind each address, among the topology's peers.
  const hostsByAddress = new Map<string, Set<string>>();
  for (const t of targets) {
    if (!t.fromTopology) continue;
    for (const a of t.history.lastAddresses ?? []) {
      const set = hostsByAddress.get(a) ?? new Set<string>();
      set.add(t.host.toLowerCase());
      hostsByAddress.set(a, set);
    }
  }
  for (const t of targets) {
    if (!t.fromTopology) continue;
    for (const a of t.history.lastAddresses ?? []) {
      const others = [...(hostsByAddress.get(a) ?? [])].filter((h) => h !== t.host.toLowerCase()).sort();
      if (others.length) add(t.raw, { id: 'R-G-08', severity: 'warning', key: 'gateways.flag.sharedAddress', params: { address: a, others: others.join(', ') } });
    }
  }

  for (const t of targets) {
    const h = t.history;
    // A name whose addresses moved: Exchange still uses the first one until its UM services restart.
    if (!isAddressLiteral(t.host) && h.firstAddresses && h.lastAddresses && !sameSet(h.firstAddresses, h.lastAddresses)) {
      add(t.raw, {
        id: 'address-changed',
        severity: 'warning',
        key: 'gateways.flag.addressChanged',
        params: { host: t.host, before: h.firstAddresses.join(', '), after: h.lastAddresses.join(', ') },
      });
    }
    const last = h.samples[h.samples.length - 1];
    if (t.fromTopology && last && last.status !== 'ok') {
      add(t.raw, { id: 'R-G-10', severity: 'error', key: 'gateways.flag.notAnswering', params: { host: t.host, status: last.status } });
    }
  }
  return out;
}

/** Seconds for the monitor, clamped to what the contract accepts. */
export function clampInterval(seconds: number): number {
  return Math.min(MAX_MONITOR_INTERVAL_S, Math.max(MIN_MONITOR_INTERVAL_S, Math.round(seconds)));
}
