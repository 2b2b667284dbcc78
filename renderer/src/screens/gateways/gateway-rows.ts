/**
 * The Gateways screen's pure logic: each row's status from the target and the last sweep, the chip
 * colour per status, the progress figure, and when the renderer keeps polling.
 */
import type { GatewaysProgress, GatewayTarget } from '../../../../shared/contract/channels';
import type { ProbeResult, ProbeStatus } from '../../../../shared/sip/probe-model';

export const POLL_MS = 500;

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

/** The renderer polls while a sweep runs (and until it has seen one answer). */
export function shouldPoll(progress: GatewaysProgress | null): boolean {
  return progress === null || progress.running;
}

/** How many targets a "Probe all" would send anything to. */
export function probeableCount(targets: readonly GatewayTarget[]): number {
  return targets.filter((t) => t.probeable).length;
}
