/**
 * The Gateways screen's service (issue 5): the SIP peers of the loaded org plus the targets the
 * user typed (kept in memory for the session), and one background sweep of SIP OPTIONS probes at a
 * time whose progress the renderer polls. On the built-in lab org the topology's hosts do not
 * exist: they are listed, marked not probeable, and nothing is ever sent for them (not even DNS).
 */
import type { GatewaysProgress, GatewaysView, GatewayTarget } from '../../shared/contract/channels';
import { UserError } from '../../shared/i18n/translate';
import { parseTarget, type ProbeResult, type ProbeTarget } from '../../shared/sip/probe-model';
import { topologyTargets } from '../../shared/sip/topology-targets';
import type { OrgService } from './org-service';
import type { Logger } from './ports';
import { sweepTargets } from './sip/sip-prober';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_CONCURRENCY = 16;
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
  progress(): GatewaysProgress;
  /** Stops a running sweep and waits for it to end. */
  dispose(): Promise<void>;
}

export interface GatewayServiceDeps {
  readonly org: OrgService;
  readonly logger?: Logger;
  /** The sweeper (tests inject one to see exactly what would be sent). */
  readonly sweep?: SweepFunction;
}

/** The renderer-facing entry for a parsed typed target. */
function typedEntry(t: ProbeTarget): GatewayTarget {
  return { raw: t.raw, host: t.host, port: t.port, transport: t.transport, source: 'typed', ref: null, label: null, probeable: true, notProbeableReason: null };
}

/** Parses a typed target; a malformed one throws the parse reason as a user error. */
function parseTyped(text: string): ProbeTarget {
  const parsed = parseTarget(text);
  if (!parsed.ok) throw new UserError({ key: parsed.key, params: parsed.params });
  return parsed.target;
}

export function createGatewayService(deps: GatewayServiceDeps): GatewayService {
  const sweep = deps.sweep ?? sweepTargets;
  const typed: ProbeTarget[] = [];
  let state: { running: boolean; done: number; total: number; results: Record<string, ProbeResult> } = { running: false, done: 0, total: 0, results: {} };
  let controller: AbortController | null = null;
  let pending: Promise<void> | null = null;
  let disposed = false;

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
    }));
    const known = new Set(fromTopology.map((t) => t.raw.toLowerCase()));
    // Typed targets first: the user sees what they just added above a long topology list.
    return { targets: [...typed.filter((t) => !known.has(t.raw.toLowerCase())).map(typedEntry), ...fromTopology], lab };
  };

  const snapshot = (): GatewaysProgress => ({ running: state.running, done: state.done, total: state.total, results: { ...state.results } });

  return {
    targets: view,

    async addTarget(text) {
      addTyped(parseTyped(text));
      return view();
    },

    async removeTarget(raw) {
      const i = typed.findIndex((t) => t.raw.toLowerCase() === raw.trim().toLowerCase());
      if (i >= 0) typed.splice(i, 1);
      return view();
    },

    async startSweep(request) {
      if (disposed) throw new Error('the gateway service is disposed');
      for (const text of request.typed ?? []) addTyped(parseTyped(text));
      if (state.running) return snapshot();
      const all = (await view()).targets;
      // Only what may be probed: never a lab host, and topology targets only when asked.
      const chosen: ProbeTarget[] = all
        .filter((t) => t.probeable && (t.source === 'typed' || request.includeTopology))
        .map((t) => ({ raw: t.raw, host: t.host, port: t.port, transport: t.transport }));
      const ac = new AbortController();
      controller = ac;
      const current = { running: true, done: 0, total: chosen.length, results: {} as Record<string, ProbeResult> };
      state = current;
      if (chosen.length === 0) {
        current.running = false;
        controller = null;
        return snapshot();
      }
      pending = sweep(chosen, {
        timeoutMs: request.timeoutMs,
        concurrency: request.concurrency,
        signal: ac.signal,
        onResult: (r) => {
          if (state !== current) return;
          current.results[r.target] = r;
          current.done++;
        },
      }).then(
        () => undefined,
        (e: unknown) => {
          if (!ac.signal.aborted) deps.logger?.log('warn', 'gateway sweep failed', { error: e instanceof Error ? e.message : String(e) });
        },
      ).finally(() => {
        current.running = false;
        if (controller === ac) controller = null;
      });
      return snapshot();
    },

    progress: snapshot,

    async dispose() {
      disposed = true;
      controller?.abort();
      await pending;
    },
  };
}
