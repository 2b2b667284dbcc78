/**
 * The Gateways screen's pure logic: each row's status from the target and the last sweep, the chip
 * colour per status, the progress figure, and when the renderer keeps polling.
 */
import type { GatewaysProgress, GatewayTarget } from '../../../../shared/sip/gateway-channels';
import type { SparkPoint } from '../../../../shared/sip/monitor-model';
import type { ProbeResult, ProbeStatus } from '../../../../shared/sip/probe-model';

/** `pending`: part of the running sweep, no answer yet; `not-probed`: no result for it. */
export type RowStatus = ProbeStatus | 'not-probed' | 'pending';

export interface GatewayRow {
  readonly target: GatewayTarget;
  readonly status: RowStatus;
  readonly result: ProbeResult | null;
}

export function gatewayRows(targets: readonly GatewayTarget[], progress: GatewaysProgress | null): GatewayRow[] {
  return targets.map((target) => {
    const result = target.probeable ? (progress?.results[target.raw] ?? null) : null;
    const status: RowStatus = result ? result.status : target.probeable && progress?.running ? 'pending' : 'not-probed';
    return { target, status, result };
  });
}

export type ChipColor = 'success' | 'warning' | 'error' | 'default' | 'info';

export function statusColor(status: RowStatus): ChipColor {
  switch (status) {
    case 'ok':
      return 'success';
    case 'sip-error':
    case 'timeout':
      return 'warning';
    case 'pending':
      return 'info';
    case 'not-probed':
      return 'default';
    default:
      return 'error';
  }
}

/** 0–100 for the progress bar; an empty sweep is complete. */
export function percentDone(progress: GatewaysProgress | null): number {
  if (!progress || progress.total === 0) return progress ? 100 : 0;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

/** The monitor's interval choices, in seconds. */
export const MONITOR_INTERVALS = [5, 15, 30, 60, 300] as const;

/** Whole seconds until the monitor's next sweep (null when none is scheduled). */
export function secondsUntil(nextAt: number | null, now: number): number | null {
  return nextAt === null ? null : Math.max(0, Math.ceil((nextAt - now) / 1000));
}

/** An SVG path for the sparkline: answered samples joined, a gap where a probe got no answer. */
export function sparkPath(points: readonly SparkPoint[]): string {
  let d = '';
  let open = false;
  for (const p of points) {
    if (p.y === null) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${p.x} ${p.y}`;
    open = true;
  }
  return d;
}

/** How many targets a "Probe all" would send anything to. */
export function probeableCount(targets: readonly GatewayTarget[]): number {
  return targets.filter((t) => t.probeable).length;
}

/** The columns filled only by a probe or the monitor: shown when at least one row has a value. */
export type ResultColumn = 'answer' | 'rtt' | 'server' | 'address' | 'availability' | 'history';

/**
 * The result columns some row fills. Before any probe (and always on the lab org, whose hosts are
 * never probed) they would all be empty: hidden, the table fits a 1366-px window with its actions.
 */
export function filledColumns(
  rows: readonly GatewayRow[],
  history: Readonly<Record<string, { readonly availability: { readonly percent: number | null }; readonly recent: readonly unknown[] } | undefined>>,
): ReadonlySet<ResultColumn> {
  const filled = new Set<ResultColumn>();
  for (const { target, result } of rows) {
    if (result?.code != null) filled.add('answer');
    if (result?.rttMs != null) filled.add('rtt');
    if (result?.server) filled.add('server');
    if (result?.address) filled.add('address');
    const h = history[target.raw];
    if (h && h.availability.percent !== null) filled.add('availability');
    if (h && h.recent.length > 0) filled.add('history');
  }
  return filled;
}

/**
 * A SIP URI cut into the pieces a line may break between: after the scheme's colon, before each
 * `;parameter` and `:port`, and after each dot and `@` of the host — never inside a label, so
 * `sbc-edge-01` stays whole where `word-break: break-all` split it anywhere.
 */
export function uriBreakPieces(uri: string): string[] {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(uri)?.[0] ?? '';
  const pieces = scheme ? [scheme] : [];
  // An IPv6 literal ([2001:db8::1]) is one piece: its colons are not separators.
  for (const part of uri.slice(scheme.length).split(/(\[[^\]]*\])/)) {
    if (part.startsWith('[')) pieces.push(part);
    else pieces.push(...part.split(/(?=[;:?])|(?<=[.@])/));
  }
  return pieces.filter((p) => p !== '');
}
