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
  /** TLS targets: the CA bundle and client certificate the probe uses (null: the system's roots, no client certificate). */
  readonly tlsProfile: GatewayTlsProfile | null;
}

/**
 * A TLS target's profile as the screen sees it: paths and counts, and whether a PFX password is kept
 * in the secret store — never the password (main/services/sip/tls-profiles.ts).
 */
export interface GatewayTlsProfile {
  /** The PEM bundle of CAs to trust for this target. */
  readonly caFile: string | null;
  /** Certificates the bundle holds (read by the one certificate reader when the profile was set). */
  readonly caCount: number;
  /** The PKCS#12 file of the client certificate and key for mutual TLS. */
  readonly clientPfxFile: string | null;
  readonly hasPassword: boolean;
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
  /** Why the history kept from an earlier run was not used (`gatewayHistory.notice.*`); null when it was, or there was none. */
  readonly historyNotice: { readonly key: string; readonly params: Readonly<Record<string, string>> } | null;
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
  /**
   * Sets a TLS target's profile (kept in the settings; the PFX password in the secret store):
   * `pfxPassword` absent keeps the stored one, null or '' removes it.
   */
  'gateways.setTlsProfile': channel<GatewaysView>()(
    z.strictObject({
      raw: z.string().max(300),
      caFile: z.string().max(4096).nullable(),
      clientPfxFile: z.string().max(4096).nullable(),
      pfxPassword: z.string().max(1024).nullable().optional(),
    }),
  ),
  'gateways.clearTlsProfile': channel<GatewaysView>()(z.strictObject({ raw: z.string().max(300) })),
  /** The open dialog for a profile's file; null when dismissed. */
  'gateways.chooseTlsFile': channel<string | null>()(noPayload),
} as const;

export const GATEWAY_EVENTS = {
  /** The sweep and the monitor, with the whole history: pushed as results arrive. */
  'gateways.progress': event<GatewaysProgress>(),
} as const;
