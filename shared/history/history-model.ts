/**
 * The capture history's pure model (docs/capture-history.md): what an index entry holds, which
 * captures the retention setting lets go, "the last capture without errors", and the findings
 * timeline. The store that writes the files is main/services/history/history-store.ts.
 */
import type { Severity } from '../model/org';

/** Where a capture was read from: the lab endpoint, the two servers (their names), or a snapshot file. */
export type CaptureSourceKind = 'lab' | 'live' | 'file';

/** Who made it: the console's Connections screen, or `umc capture` (by hand or scheduled). */
export type CaptureOrigin = 'gui' | 'cli';

export interface HistorySource {
  readonly kind: CaptureSourceKind;
  /** `lab`, `exch01.contoso.com / pool01.contoso.com`, or the file's name. */
  readonly label: string;
}

/**
 * What a capture could not read whole, counted from the snapshot's section statuses and notes
 * (docs/snapshot-format.md): sections partial or not read, and the notes by reason — `failed` (a call
 * failed: a server did not answer, access denied), `skipped` (an object the decoder could not read).
 */
export interface CaptureIssues {
  readonly partial: number;
  readonly notRead: number;
  readonly failed: number;
  readonly skipped: number;
}

/** One capture in the history's index (`history/index.json`). */
export interface HistoryEntry {
  /** `20261207T014500Z-a1b2c3`: the capture time (UTC) and six random hex digits; also its file's name. */
  readonly id: string;
  /** The snapshot's own capturedAt (ISO 8601 UTC): when the servers were read. */
  readonly capturedAt: string;
  readonly source: HistorySource;
  readonly origin: CaptureOrigin;
  /** The org rules' findings on this capture, by severity. */
  readonly counts: Readonly<Record<Severity, number>>;
  readonly issues: CaptureIssues;
}

/** The id format: checked by the channels' schemas and by the store before it opens a file. */
export const CAPTURE_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** `2026-12-07T01:45:00.123Z` + `a1b2c3` → `20261207T014500Z-a1b2c3`. */
export function captureIdOf(capturedAt: string, random: string): string {
  const compact = capturedAt.replace(/[-:]/g, '').replace(/\.\d+/, '').slice(0, 15);
  return `${compact}Z-${random}`;
}

/**
 * A capture "with errors": a call failed or an object was skipped. A section the version or the
 * account's role does not provide (`unavailable`), and Get-CsCertificate answering for the session's
 * own server only, are the same at every capture of that org: counting them would leave no capture
 * "without errors" on Exchange 2010 or on any Skype pool of more than one server.
 */
export function hadErrors(e: HistoryEntry): boolean {
  return e.issues.failed + e.issues.skipped > 0;
}

/**
 * The retention setting: keep the newest `keepCount` captures and those younger than `keepDays`
 * days; a capture is deleted when it is past either limit. `null`: that limit is off.
 */
export interface RetentionPolicy {
  readonly keepCount: number | null;
  readonly keepDays: number | null;
}

/** A capture a day for two months, and nothing older than a year: about 50 × the snapshot's size on disk. */
export const DEFAULT_RETENTION: RetentionPolicy = { keepCount: 60, keepDays: 365 };
export const RETENTION_MAX_COUNT = 10_000;
export const RETENTION_MAX_DAYS = 3650;

const DAY_MS = 86_400_000;

/** Oldest first, by capture time then id (two captures in one second keep their order by id). */
export function byTime(a: HistoryEntry, b: HistoryEntry): number {
  return a.capturedAt < b.capturedAt ? -1 : a.capturedAt > b.capturedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The ids the retention lets go, given the entries, the policy and now. `keep` (the capture just
 * made) is never among them, even when its own time is past the days limit (a clock set wrong, a
 * snapshot imported from long ago): deleting what the admin has just captured would lose the one
 * capture they asked for.
 */
export function expiredCaptures(entries: readonly HistoryEntry[], policy: RetentionPolicy, now: Date, keep: string | null): string[] {
  const newestFirst = [...entries].sort(byTime).reverse();
  const cutoff = policy.keepDays === null ? null : now.getTime() - policy.keepDays * DAY_MS;
  const out: string[] = [];
  newestFirst.forEach((e, i) => {
    if (e.id === keep) return;
    const tooMany = policy.keepCount !== null && i >= policy.keepCount;
    const tooOld = cutoff !== null && Date.parse(e.capturedAt) < cutoff;
    if (tooMany || tooOld) out.push(e.id);
  });
  return out;
}

/** The newest capture without errors older than `newer` (by default: before the newest capture); null when there is none. */
export function lastCleanBefore(entries: readonly HistoryEntry[], newer?: string): HistoryEntry | null {
  const sorted = [...entries].sort(byTime);
  const end = newer === undefined ? sorted.length - 1 : sorted.findIndex((e) => e.id === newer);
  for (let i = end - 1; i >= 0; i--) if (!hadErrors(sorted[i]!)) return sorted[i]!;
  return null;
}

/** One point of the findings timeline: a capture, its time and its counts. */
export interface TimelinePoint {
  readonly id: string;
  readonly capturedAt: string;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly hadErrors: boolean;
}

/** One point per capture, oldest first. */
export function timelinePoints(entries: readonly HistoryEntry[]): TimelinePoint[] {
  return [...entries].sort(byTime).map((e) => ({ id: e.id, capturedAt: e.capturedAt, counts: e.counts, hadErrors: hadErrors(e) }));
}

/** A capture's source as the index keeps it: the lab endpoint, or the two servers by the names the admin gave. */
export function captureSourceOf(kind: 'lab' | 'live', exchange: string, skype: string): HistorySource {
  return { kind, label: exchange === skype ? exchange : `${exchange} / ${skype}` };
}
