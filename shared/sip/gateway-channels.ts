/**
 * The Gateways screen's channels: the SIP peers (from the topology or typed), a sweep of SIP
 * OPTIONS probes, the monitor, and the `gateways.progress` event that follows both.
 */
import { z } from 'zod';
import { channel, event, noPayload } from '../contract/channel';
import type { ObjectRef } from '../model/org';
import { type Availability, type LatencyStats, MAX_MONITOR_INTERVAL_S, MIN_MONITOR_INTERVAL_S, type MonitorFlag, type ProbeSample } from './monitor-model';
import type { ProbeResult, SipTransport } from './probe-model';

/** One SIP peer on the Gateways screen: from the topology or typed by the user. */
export interface GatewayTarget {
  readonly raw: string;
  readonly host: string;
  readonly port: number | null;
  readonly transport: SipTransport;
  readonly source: 'topology' | 'typed';
  /** The topology object it stands for (null for a typed target). */
  readonly ref: ObjectRef | null;
  readonly label: string | null;
  /** False: nothing is ever sent for it (the lab org's hosts do not exist). */
  readonly probeable: boolean;
  readonly notProbeableReason: 'lab' | null;
}

export interface GatewaysView {
  readonly targets: readonly GatewayTarget[];
  /** The loaded org is the built-in lab: its targets are listed, never probed. */
  readonly lab: boolean;
}

/** One target's monitoring history as the screen shows it (the service keeps up to MAX_SAMPLES). */
export interface GatewayHistoryView {
  /** The latest samples, oldest first (at most SPARK_SAMPLES: the sparkline's width). */
  readonly recent: readonly ProbeSample[];
  /** Over every sample kept. */
  readonly availability: Availability;
  readonly latency: LatencyStats;
  readonly firstAddresses: readonly string[] | null;
  readonly firstSeenAt: number | null;
  readonly lastAddresses: readonly string[] | null;
  readonly flags: readonly MonitorFlag[];
}

export interface GatewaysMonitorState {
  readonly active: boolean;
  readonly intervalS: number | null;
  /** Sweeps the monitor has started since it was switched on. */
  readonly rounds: number;
  /** Epoch ms of the next sweep, null while one runs or when off. */
  readonly nextAt: number | null;
}

/** The sweep started by gateways.probe (or the monitor): live while it runs, the last one's results after. */
export interface GatewaysProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** By target raw. */
  readonly results: Readonly<Record<string, ProbeResult>>;
  readonly monitor: GatewaysMonitorState;
  /** Bumped by every result. */
  readonly revision: number;
  /** By target raw; null when the caller already holds this revision (GatewayService.progress(since)). */
  readonly history: Readonly<Record<string, GatewayHistoryView>> | null;
}

export const GATEWAY_CHANNELS = {
  'gateways.targets': channel<GatewaysView>()(noPayload),
  /** Adds a typed target for this session; a malformed one is refused with the parse reason. */
  'gateways.addTarget': channel<GatewaysView>()(z.strictObject({ text: z.string().max(300) })),
  'gateways.removeTarget': channel<GatewaysView>()(z.strictObject({ raw: z.string().max(300) })),
  /** Starts a sweep of every probeable target and returns at once; the results follow in the gateways.progress event. */
  'gateways.probe': channel<GatewaysProgress>()(
    z.strictObject({
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
    }),
  ),
  /** Probes everything every `intervalS` seconds and keeps the history per target, until gateways.monitorStop. */
  'gateways.monitor': channel<GatewaysProgress>()(
    z.strictObject({
      intervalS: z.number().int().min(MIN_MONITOR_INTERVAL_S).max(MAX_MONITOR_INTERVAL_S),
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
    }),
  ),
  'gateways.monitorStop': channel<GatewaysProgress>()(noPayload),
} as const;

export const GATEWAY_EVENTS = {
  /** The sweep and the monitor, with the whole history: pushed as results arrive. */
  'gateways.progress': event<GatewaysProgress>(),
} as const;
