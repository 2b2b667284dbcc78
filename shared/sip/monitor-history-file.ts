/**
 * The gateway monitor's history as kept on disk between runs of the console (docs/live-sessions.md
 * "Gateways over time"): pure encoding, decoding and bounds. The file lives in the user-data folder;
 * main/services/sip/monitor-history-store.ts reads and writes it.
 *
 * Bounds, so the file stays small whatever the monitor ran over:
 * - MAX_SAMPLES per target (shared/sip/monitor-model.ts): the bound the running monitor already keeps;
 * - MAX_KEPT_TARGETS targets, the most recently probed first: a 300-target sweep (the sweep bench's
 *   size) fits with room for typed targets and a second org;
 * - samples older than MAX_SAMPLE_AGE_MS are dropped: a week covers "it worked last week" and no
 *   more; the first-seen addresses stay (they are what "address changed since first seen" compares).
 * Samples are written as tuples (`[at, status, rtt, address]`): 300 targets × 360 samples is about
 * 5 MB as tuples, twice that as objects.
 */
import { MAX_SAMPLES, type ProbeSample, type TargetHistory } from './monitor-model';
import type { ProbeStatus } from './probe-model';

export const MONITOR_HISTORY_FORMAT = 'umc-gateway-monitor-history';
export const MONITOR_HISTORY_VERSION = 1;
export const MAX_KEPT_TARGETS = 512;
export const MAX_SAMPLE_AGE_MS = 7 * 24 * 3600 * 1000;

const STATUSES: readonly ProbeStatus[] = ['ok', 'sip-error', 'timeout', 'refused', 'dns-error', 'tls-error', 'protocol-error'];

export type SampleTuple = readonly [at: number, status: ProbeStatus, rttMs: number | null, address: string | null];

export interface KeptTarget {
  readonly raw: string;
  readonly samples: readonly SampleTuple[];
  readonly firstAddresses: readonly string[] | null;
  readonly firstSeenAt: number | null;
  readonly lastAddresses: readonly string[] | null;
}

export interface MonitorHistoryFile {
  readonly format: typeof MONITOR_HISTORY_FORMAT;
  readonly version: typeof MONITOR_HISTORY_VERSION;
  /** Epoch ms of the write. */
  readonly savedAt: number;
  /** The targets the user typed (the session list survives with its history). */
  readonly typed: readonly string[];
  readonly targets: readonly KeptTarget[];
}

/** What the console keeps in memory: the history per target raw, and the typed targets in order. */
export interface MonitorHistoryState {
  readonly histories: ReadonlyMap<string, TargetHistory>;
  readonly typed: readonly string[];
}

export const EMPTY_MONITOR_HISTORY: MonitorHistoryState = { histories: new Map(), typed: [] };

const lastAt = (h: TargetHistory) => h.samples[h.samples.length - 1]?.at ?? h.firstSeenAt ?? 0;

/** The state within the bounds at `now`: old samples dropped, at most `maxSamples` per target, the most recent MAX_KEPT_TARGETS targets. */
export function boundHistory(state: MonitorHistoryState, now: number, maxSamples: number = MAX_SAMPLES, maxTargets: number = MAX_KEPT_TARGETS): MonitorHistoryState {
  const oldest = now - MAX_SAMPLE_AGE_MS;
  const kept = [...state.histories]
    .map(([raw, h]) => {
      const recent = h.samples.filter((s) => s.at >= oldest);
      return [raw, { ...h, samples: recent.slice(Math.max(0, recent.length - maxSamples)) }] as const;
    })
    // A target with no sample left and no address known holds nothing worth keeping.
    .filter(([, h]) => h.samples.length > 0 || h.firstAddresses !== null)
    .sort((a, b) => lastAt(b[1]) - lastAt(a[1]))
    .slice(0, maxTargets);
  return { histories: new Map(kept), typed: state.typed };
}

export function encodeHistory(state: MonitorHistoryState, savedAt: number): MonitorHistoryFile {
  return {
    format: MONITOR_HISTORY_FORMAT,
    version: MONITOR_HISTORY_VERSION,
    savedAt,
    typed: [...state.typed],
    targets: [...state.histories].map(([raw, h]) => ({
      raw,
      samples: h.samples.map((s): SampleTuple => [s.at, s.status, s.rttMs, s.address]),
      firstAddresses: h.firstAddresses,
      firstSeenAt: h.firstSeenAt,
      lastAddresses: h.lastAddresses,
    })),
  };
}

export type DecodedHistory = { readonly ok: true; readonly state: MonitorHistoryState; readonly savedAt: number } | { readonly ok: false; readonly reason: string };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = 300): v is string => typeof v === 'string' && v.length <= max;
const isAddresses = (v: unknown): v is string[] | null => v === null || (Array.isArray(v) && v.length <= 64 && v.every((a) => isText(a, 64)));

function decodeSample(v: unknown): ProbeSample | null {
  if (!Array.isArray(v) || v.length !== 4) return null;
  const [at, status, rtt, address] = v as unknown[];
  if (!isNumber(at) || !STATUSES.includes(status as ProbeStatus) || !(rtt === null || isNumber(rtt)) || !(address === null || isText(address, 64))) return null;
  return { at, status: status as ProbeStatus, rttMs: rtt as number | null, address: address as string | null };
}

/**
 * The state a file's text holds; a file that is not JSON, not this format, of another version or with
 * a malformed entry is refused whole with the reason (English, for the log): a half-read history
 * would judge gateways on samples that are not theirs.
 */
export function decodeHistory(text: string): DecodedHistory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'not a JSON object' };
  const d = data as Record<string, unknown>;
  if (d.format !== MONITOR_HISTORY_FORMAT) return { ok: false, reason: `format is ${JSON.stringify(d.format ?? null)}, not ${MONITOR_HISTORY_FORMAT}` };
  if (d.version !== MONITOR_HISTORY_VERSION) return { ok: false, reason: `version ${JSON.stringify(d.version ?? null)} is not ${MONITOR_HISTORY_VERSION}` };
  if (!isNumber(d.savedAt)) return { ok: false, reason: 'savedAt is not a time' };
  if (!Array.isArray(d.typed) || !d.typed.every((t) => isText(t))) return { ok: false, reason: 'typed is not a list of targets' };
  if (!Array.isArray(d.targets)) return { ok: false, reason: 'targets is not a list' };
  const histories = new Map<string, TargetHistory>();
  for (const [i, t] of (d.targets as unknown[]).entries()) {
    const e = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    if (!isText(e.raw) || !Array.isArray(e.samples) || !isAddresses(e.firstAddresses) || !isAddresses(e.lastAddresses) || !(e.firstSeenAt === null || isNumber(e.firstSeenAt)))
      return { ok: false, reason: `target ${i} is malformed` };
    const samples: ProbeSample[] = [];
    for (const s of e.samples as unknown[]) {
      const sample = decodeSample(s);
      if (!sample) return { ok: false, reason: `target ${e.raw}: a sample is malformed` };
      samples.push(sample);
    }
    histories.set(e.raw, { samples, firstAddresses: e.firstAddresses, firstSeenAt: e.firstSeenAt as number | null, lastAddresses: e.lastAddresses });
  }
  return { ok: true, state: { histories, typed: d.typed as string[] }, savedAt: d.savedAt };
}
