/**
 * The Gateways screen's service: the SIP peers of the loaded org plus the targets the
 * user typed (kept in memory for the session), one background sweep of SIP OPTIONS probes at a
 * time whose progress is published as the `gateways.progress` event, and the monitor: a sweep every N seconds, each result
 * kept in a bounded history per target from which the availability, the latency series and the
 * R-G-08 / R-G-10 / address-changed flags are derived (shared/sip/monitor-model.ts).
 * The history (and the typed targets) is kept across restarts in the user-data folder when
 * `historyPath` is given (main/services/sip/monitor-history-store.ts, docs/live-sessions.md
 * "Gateways over time"), and what the monitor judges becomes findings (shared/sip/monitor-findings.ts).
 * On the built-in lab org the topology's hosts do not exist: they are listed, marked not
 * probeable, and nothing is ever sent for them (not even DNS).
 */
import { type EventSink, NO_EVENTS } from '../../shared/contract/channels';
import type { GatewayHistoryView, GatewaysProgress, GatewaysView, GatewayTarget } from '../../shared/sip/gateway-channels';
import { UserError } from '../../shared/i18n/translate';
import { appendSample, availability, EMPTY_HISTORY, latencyStats, MAX_SAMPLES, monitorFlags, SPARK_SAMPLES, type TargetHistory } from '../../shared/sip/monitor-model';
import { DEFAULT_PROBE_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS, parseTarget, type ProbeResult, type ProbeTarget } from '../../shared/sip/probe-model';
import { topologyTargets } from '../../shared/sip/topology-targets';
import { boundHistory } from '../../shared/sip/monitor-history-file';
import { createMonitorHistoryStore, type MonitorHistoryStore } from './sip/monitor-history-store';
import type { TlsMaterial, TlsProfileInput, TlsProfiles } from './sip/tls-profiles';
import type { Language } from '../../shared/i18n/translate';
import type { OrgService } from './org-service';
import { type Clock, type Logger, systemClock } from '../ports';
import { sweepTargets } from './sip/sip-prober';

export const DEFAULT_TIMEOUT_MS = DEFAULT_PROBE_TIMEOUT_MS;
export const DEFAULT_CONCURRENCY = DEFAULT_PROBE_CONCURRENCY;
/** Typed targets kept for the session, at most. */
export const MAX_TYPED = 200;

export type SweepFunction = typeof sweepTargets;

export interface SweepRequest {
  /** Texts to add as typed targets before the sweep (malformed ones are refused). */
  readonly typed?: readonly string[];
  readonly includeTopology: boolean;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

export interface GatewayService {
  targets(): Promise<GatewaysView>;
  addTarget(text: string): Promise<GatewaysView>;
  removeTarget(raw: string): Promise<GatewaysView>;
  /** Starts a sweep in the background (a sweep already running is left alone) and returns at once. */
  startSweep(request: SweepRequest): Promise<GatewaysProgress>;
  /** `since`: the revision the caller holds (the history is left out when unchanged). */
  progress(since?: number): GatewaysProgress;
  /** Sweeps now and then every `intervalS` seconds (a sweep still running when one is due is not doubled). */
  startMonitor(request: MonitorRequest): Promise<GatewaysProgress>;
  stopMonitor(): GatewaysProgress;
  /** Sets a TLS target's profile (CA bundle, client PFX; the password to the secret store) and lists the targets again. */
  setTlsProfile(raw: string, input: TlsProfileInput): Promise<GatewaysView>;
  clearTlsProfile(raw: string): Promise<GatewaysView>;
  /** The open dialog for a profile's file (null when dismissed or without a dialog). */
  chooseTlsFile(): Promise<string | null>;
  /** The history of every target kept (the Checks screen judges the org's gateways from it); waits for the kept file to be read. */
  monitorHistories(): Promise<ReadonlyMap<string, TargetHistory>>;
  /** Stops the monitor and a running sweep and waits for it to end. */
  dispose(): Promise<void>;
}

export interface MonitorRequest {
  readonly intervalS: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

export interface GatewayServiceDeps {
  readonly org: OrgService;
  readonly logger?: Logger;
  /** Stamps the samples (tests fix it). */
  readonly clock?: Clock;
  /** The sweeper (tests inject one to see exactly what would be sent). */
  readonly sweep?: SweepFunction;
  /** Samples kept per target (tests shrink it). */
  readonly maxSamples?: number;
  /** Where `gateways.progress` is published (the screen listens; the CLI does not). */
  readonly events?: EventSink;
  /** The history file in the user-data folder; absent: the history lives as long as the service. */
  readonly historyPath?: string;
  /** How long changes wait to be written together (default 5 s). */
  readonly historyDebounceMs?: number;
  /** The per-target TLS profiles (settings + secret store); absent: no profile can be set. */
  readonly tlsProfiles?: TlsProfiles;
  readonly chooseOpenPath?: () => Promise<string | null>;
  /** The language a CA bundle's read errors are reported in. */
  readonly language?: () => Promise<Language>;
}

/** The renderer-facing entry for a parsed typed target. */
function typedEntry(t: ProbeTarget): GatewayTarget {
  return { raw: t.raw, host: t.host, port: t.port, transport: t.transport, source: 'typed', ref: null, label: null, probeable: true, notProbeableReason: null, tlsProfile: null };
}

/** Parses a typed target; a malformed one throws the parse reason as a user error. */
function parseTyped(text: string): ProbeTarget {
  const parsed = parseTarget(text);
  if (!parsed.ok) throw new UserError({ key: parsed.key, params: parsed.params });
  return parsed.target;
}

export function createGatewayService(deps: GatewayServiceDeps): GatewayService {
  const sweep = deps.sweep ?? sweepTargets;
  const now = () => (deps.clock ?? systemClock).now().getTime();
  const maxSamples = deps.maxSamples ?? MAX_SAMPLES;
  const typed: ProbeTarget[] = [];
  let state: { running: boolean; done: number; total: number; results: Record<string, ProbeResult> } = { running: false, done: 0, total: 0, results: {} };
  let controller: AbortController | null = null;
  let pending: Promise<void> | null = null;
  let disposed = false;
  /** By target raw; pruned to the targets listed at each sweep so it stays bounded. */
  const histories = new Map<string, TargetHistory>();
  let revision = 0;
  /** The last list the screen saw (the flags are computed over it). */
  let lastTargets: readonly GatewayTarget[] = [];
  /** Why the kept history was not used (a file not ours, torn, unreadable): shown once on the screen. */
  let historyNotice: GatewaysProgress['historyNotice'] = null;
  const store: MonitorHistoryStore | null = deps.historyPath
    ? createMonitorHistoryStore({ path: deps.historyPath, current: () => ({ histories, typed: typed.map((t) => t.raw) }), now, logger: deps.logger, debounceMs: deps.historyDebounceMs })
    : null;
  const monitor: { active: boolean; intervalS: number | null; rounds: number; nextAt: number | null; timer: ReturnType<typeof setTimeout> | null; request: MonitorRequest | null } = {
    active: false,
    intervalS: null,
    rounds: 0,
    nextAt: null,
    timer: null,
    request: null,
  };

  const events = deps.events ?? NO_EVENTS;
  /** Every change of the sweep, the history or the monitor: the event hub reads snapshot() when it delivers. */
  const changed = () => events.publish('gateways.progress', () => snapshot());

  const addTyped = (t: ProbeTarget) => {
    if (typed.some((x) => x.raw.toLowerCase() === t.raw.toLowerCase())) return;
    if (typed.length >= MAX_TYPED) throw new UserError({ key: 'gateways.error.tooMany', params: { max: MAX_TYPED } });
    typed.push(t);
  };

  const view = async (): Promise<GatewaysView> => {
    const l = await deps.org.current();
    const lab = l.org.source.kind === 'lab';
    const fromTopology: GatewayTarget[] = topologyTargets(l.org).map((t) => ({
      raw: t.raw,
      host: t.host,
      port: t.port,
      transport: t.transport,
      source: 'topology',
      ref: t.ref,
      label: t.label,
      probeable: !lab,
      notProbeableReason: lab ? 'lab' : null,
      tlsProfile: null,
    }));
    const known = new Set(fromTopology.map((t) => t.raw.toLowerCase()));
    // Typed targets first: the user sees what they just added above a long topology list.
    const profiles = deps.tlsProfiles ? await deps.tlsProfiles.all() : {};
    const targets = [...typed.filter((t) => !known.has(t.raw.toLowerCase())).map(typedEntry), ...fromTopology].map((t) =>
      t.transport === 'tls' && profiles[t.raw.toLowerCase()] ? { ...t, tlsProfile: profiles[t.raw.toLowerCase()]! } : t,
    );
    lastTargets = targets;
    return { targets, lab };
  };

  const historyViews = (): Record<string, GatewayHistoryView> => {
    const monitored = lastTargets.filter((t) => histories.has(t.raw)).map((t) => ({ raw: t.raw, host: t.host, fromTopology: t.source === 'topology', history: histories.get(t.raw)! }));
    const flags = monitorFlags(monitored);
    const out: Record<string, GatewayHistoryView> = {};
    for (const m of monitored) {
      const h = m.history;
      out[m.raw] = {
        recent: h.samples.slice(-SPARK_SAMPLES),
        availability: availability(h.samples),
        latency: latencyStats(h.samples),
        firstAddresses: h.firstAddresses,
        firstSeenAt: h.firstSeenAt,
        lastAddresses: h.lastAddresses,
        flags: flags.get(m.raw) ?? [],
      };
    }
    return out;
  };

  const snapshot = (since?: number): GatewaysProgress => ({
    running: state.running,
    done: state.done,
    total: state.total,
    results: { ...state.results },
    monitor: { active: monitor.active, intervalS: monitor.intervalS, rounds: monitor.rounds, nextAt: monitor.nextAt },
    revision,
    history: since === revision ? null : historyViews(),
    historyNotice,
  });

  /** Starts one sweep; `done` resolves when it ends (never rejects). */
  const runSweep = async (request: SweepRequest): Promise<{ done: Promise<void> }> => {
    const all = (await view()).targets;
    // Only what may be probed: never a lab host, and topology targets only when asked.
    const chosen: ProbeTarget[] = all.filter((t) => t.probeable && (t.source === 'typed' || request.includeTopology)).map((t) => ({ raw: t.raw, host: t.host, port: t.port, transport: t.transport }));
    // Targets not listed now (another org's, a typed one of an earlier run) keep their history within the bounds.
    const bounded = boundHistory({ histories, typed: [] }, now(), maxSamples).histories;
    for (const raw of [...histories.keys()]) if (!bounded.has(raw)) histories.delete(raw);
    // Each TLS target's profile, read before anything is sent: a file gone or a password that no longer opens the PFX is the caller's error.
    const material = new Map<string, TlsMaterial>();
    if (deps.tlsProfiles) {
      for (const t of chosen) {
        if (t.transport !== 'tls') continue;
        const m = await deps.tlsProfiles.material(t.raw);
        if (m) material.set(t.raw, m);
      }
    }
    const ac = new AbortController();
    controller = ac;
    const current = { running: true, done: 0, total: chosen.length, results: {} as Record<string, ProbeResult> };
    state = current;
    if (chosen.length === 0) {
      current.running = false;
      controller = null;
      changed();
      return { done: Promise.resolve() };
    }
    changed();
    const run = sweep(chosen, {
      timeoutMs: request.timeoutMs,
      concurrency: request.concurrency,
      signal: ac.signal,
      tlsFor: (t) => material.get(t.raw),
      onResult: (r) => {
        if (state !== current) return;
        current.results[r.target] = r;
        current.done++;
        histories.set(r.target, appendSample(histories.get(r.target) ?? EMPTY_HISTORY, r, now(), maxSamples));
        revision++;
        store?.changed();
        changed();
      },
    })
      .then(
        () => undefined,
        (e: unknown) => {
          if (!ac.signal.aborted) deps.logger?.log('warn', 'gateway sweep failed', { error: e instanceof Error ? e.message : String(e) });
        },
      )
      .finally(async () => {
        current.running = false;
        if (controller === ac) controller = null;
        changed();
        await store?.flush();
      });
    pending = run;
    return { done: run };
  };

  /** The monitor's loop: sweep, then wait what is left of the interval; a slow sweep is never doubled. */
  const monitorRound = async (): Promise<void> => {
    monitor.timer = null;
    monitor.nextAt = null;
    if (!monitor.active || disposed || !monitor.request) return;
    const started = now();
    if (!state.running) {
      monitor.rounds++;
      await (
        await runSweep({ includeTopology: true, timeoutMs: monitor.request.timeoutMs, concurrency: monitor.request.concurrency })
      ).done;
    } else await pending;
    if (!monitor.active || disposed) return;
    const wait = Math.max(0, monitor.request.intervalS * 1000 - (now() - started));
    monitor.nextAt = now() + wait;
    // Every round is guarded: a TLS profile whose file is gone stops the monitor with a log line, never an unhandled rejection.
    monitor.timer = setTimeout(() => void guardedRound(), wait);
    changed();
  };

  const guardedRound = () =>
    monitorRound().catch((e: unknown) => {
      deps.logger?.log('warn', 'gateway monitor round failed', { error: e instanceof Error ? e.message : String(e) });
      stopMonitor();
    });

  const stopMonitor = () => {
    monitor.active = false;
    monitor.nextAt = null;
    if (monitor.timer) clearTimeout(monitor.timer);
    monitor.timer = null;
    changed();
  };

  // The stream exists from the start: a screen that subscribes before any sweep gets the idle state.
  changed();

  /** The kept history, read once at start (an app restart); every request waits for it. */
  const ready: Promise<void> = store
    ? store.load().then(async (loaded) => {
        if (loaded.kind === 'refused') historyNotice = { key: 'gatewayHistory.notice.refused', params: { file: store.path } };
        if (loaded.kind !== 'loaded') return;
        for (const [raw, h] of loaded.state.histories) if (!histories.has(raw)) histories.set(raw, h);
        for (const text of loaded.state.typed) {
          const parsed = parseTarget(text);
          // A typed target kept by an earlier version that no longer parses is dropped, not fatal.
          if (parsed.ok && typed.length < MAX_TYPED && !typed.some((x) => x.raw.toLowerCase() === parsed.target.raw.toLowerCase())) typed.push(parsed.target);
        }
        // The screen draws the kept history before any probe: list the targets now so historyViews() has them.
        await view().catch(() => undefined);
        revision++;
        changed();
      })
    : Promise.resolve();

  return {
    async targets() {
      await ready;
      return view();
    },

    async addTarget(text) {
      await ready;
      addTyped(parseTyped(text));
      store?.changed();
      return view();
    },

    async removeTarget(raw) {
      await ready;
      const i = typed.findIndex((t) => t.raw.toLowerCase() === raw.trim().toLowerCase());
      if (i >= 0) {
        histories.delete(typed[i]!.raw);
        typed.splice(i, 1);
        revision++;
        store?.changed();
        changed();
      }
      return view();
    },

    async setTlsProfile(raw, input) {
      await ready;
      if (!deps.tlsProfiles) throw new Error('no TLS profile store');
      const target = (await view()).targets.find((t) => t.raw.toLowerCase() === raw.trim().toLowerCase());
      if (!target || target.transport !== 'tls') throw new UserError({ key: 'gatewayHistory.profile.notTls', params: { target: raw } });
      await deps.tlsProfiles.set(target.raw, input, deps.language ? await deps.language() : 'en');
      return view();
    },

    async clearTlsProfile(raw) {
      await ready;
      await deps.tlsProfiles?.clear(raw);
      return view();
    },

    chooseTlsFile: async () => (deps.chooseOpenPath ? deps.chooseOpenPath() : null),

    async monitorHistories() {
      await ready;
      return histories;
    },

    async startSweep(request) {
      if (disposed) throw new Error('the gateway service is disposed');
      await ready;
      for (const text of request.typed ?? []) addTyped(parseTyped(text));
      if (state.running) return snapshot();
      // Marked running at once so a second request does not start a second sweep; the sweep itself
      // is not awaited: the renderer follows it through the gateways.progress event.
      state = { running: true, done: 0, total: 0, results: {} };
      try {
        await runSweep(request);
      } catch (e) {
        state = { running: false, done: 0, total: 0, results: {} };
        throw e;
      }
      return snapshot();
    },

    progress: snapshot,

    async startMonitor(request) {
      if (disposed) throw new Error('the gateway service is disposed');
      await ready;
      stopMonitor();
      monitor.active = true;
      if (!(request.intervalS > 0)) throw new Error(`monitor interval must be positive, got ${request.intervalS}`);
      monitor.intervalS = request.intervalS;
      monitor.rounds = 0;
      monitor.request = { ...request, intervalS: monitor.intervalS };
      void guardedRound();
      changed();
      return snapshot();
    },

    stopMonitor() {
      stopMonitor();
      monitor.intervalS = null;
      changed();
      return snapshot();
    },

    async dispose() {
      disposed = true;
      stopMonitor();
      controller?.abort();
      await pending;
      await ready;
      await store?.dispose();
    },
  };
}
