/**
 * The expiry timeline's geometry, pure: the time window it shows, where a date falls on it, the
 * month ticks of its axis and each certificate's expiry status (its colour).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** How a certificate stands against its expiry: the timeline's colours and the legend. */
export type ExpiryStatus = 'expired' | 'expiring-30' | 'expiring-60' | 'valid';
export const EXPIRY_STATUSES: readonly ExpiryStatus[] = ['expired', 'expiring-30', 'expiring-60', 'valid'];

export const STATUS_COLOR: Readonly<Record<ExpiryStatus, string>> = {
  expired: '#c62828',
  'expiring-30': '#b25e00',
  'expiring-60': '#c99a00',
  valid: '#2e7d32',
};

/** Whole days from `now` until `notAfter` (negative once expired); null for an unreadable date. */
export function daysLeft(notAfter: string, now: Date): number | null {
  const end = Date.parse(notAfter);
  if (Number.isNaN(end)) return null;
  return Math.floor((end - now.getTime()) / DAY_MS);
}

/** The same thresholds as cert.expiring: ≤ 30 days a warning, ≤ 60 days info. */
export function expiryStatus(notAfter: string, now: Date): ExpiryStatus {
  const end = Date.parse(notAfter);
  if (Number.isNaN(end) || end < now.getTime()) return 'expired';
  const left = end - now.getTime();
  if (left <= 30 * DAY_MS) return 'expiring-30';
  if (left <= 60 * DAY_MS) return 'expiring-60';
  return 'valid';
}

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * From min(notBefore, now − 30 days) to max(notAfter, now + 30 days), clamped to now − 1 year …
 * now + 3 years: one certificate valid for 20 years must not squash the others to a dot.
 */
export function timeWindow(dates: readonly { readonly notBefore: string; readonly notAfter: string }[], now: Date): TimeWindow {
  const t = now.getTime();
  const earliest = t - 365 * DAY_MS;
  const latest = t + 3 * 365 * DAY_MS;
  let start = t - 30 * DAY_MS;
  let end = t + 30 * DAY_MS;
  for (const d of dates) {
    const nb = Date.parse(d.notBefore);
    const na = Date.parse(d.notAfter);
    if (!Number.isNaN(nb)) start = Math.min(start, nb);
    if (!Number.isNaN(na)) end = Math.max(end, na);
  }
  start = Math.max(start, earliest);
  end = Math.min(end, latest);
  // A little air on both sides so a mark never sits on the frame.
  const pad = (end - start) * 0.02;
  return { start: start - pad, end: end + pad };
}

/** A date's x between `x0` and `x1` (not clamped). */
export function xOf(time: number, w: TimeWindow, x0: number, x1: number): number {
  return x0 + ((time - w.start) / (w.end - w.start)) * (x1 - x0);
}

export interface MarkGeometry {
  /** The validity bar, clamped to the plot. */
  readonly from: number;
  readonly to: number;
  /** The notAfter end cap, clamped. */
  readonly end: number;
  /** The validity starts before / ends after the window: an arrow says so. */
  readonly offLeft: boolean;
  readonly offRight: boolean;
}

export function markGeometry(notBefore: string, notAfter: string, w: TimeWindow, x0: number, x1: number): MarkGeometry {
  const nb = Date.parse(notBefore);
  const na = Date.parse(notAfter);
  const start = Number.isNaN(nb) ? w.start : nb;
  const end = Number.isNaN(na) ? w.end : na;
  const clamp = (x: number) => Math.min(x1, Math.max(x0, x));
  const to = clamp(xOf(end, w, x0, x1));
  return {
    from: Math.min(clamp(xOf(start, w, x0, x1)), to),
    to,
    end: to,
    offLeft: start < w.start,
    offRight: end > w.end,
  };
}

/** Month starts (UTC) inside the window, every 1, 2, 3, 6 or 12 months so at most `maxTicks` show. */
export function monthTicks(w: TimeWindow, maxTicks = 12): Date[] {
  const months = (w.end - w.start) / (30.44 * DAY_MS);
  const step = [1, 2, 3, 6, 12].find((s) => months / s <= maxTicks) ?? 12;
  const first = new Date(w.start);
  const year = first.getUTCFullYear();
  // Months counted from January of the first year; aligned on the step (quarters start in
  // Jan/Apr/Jul/Oct, years in January).
  let m = first.getUTCMonth() + 1;
  while (m % step !== 0) m += 1;
  const ticks: Date[] = [];
  for (let d = new Date(Date.UTC(year, m, 1)); d.getTime() <= w.end; m += step, d = new Date(Date.UTC(year, m, 1))) {
    if (d.getTime() >= w.start) ticks.push(d);
  }
  return ticks;
}
