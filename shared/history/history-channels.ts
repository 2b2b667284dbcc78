/** The capture history's channels: the list and timeline, two captures compared, the retention setting (docs/capture-history.md). */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import { CAPTURE_ID, type HistoryEntry, RETENTION_MAX_COUNT, RETENTION_MAX_DAYS, type RetentionPolicy, type TimelinePoint } from './history-model';
import type { HistoryComparison } from './history-comparison';

/** An entry the history could not read: the index line or the capture file, and why (rendered in the console's language). */
export interface UnreadableCapture {
  /** The capture's id when the entry had one; null for the index itself or an entry without a valid id. */
  readonly id: string | null;
  readonly reason: string;
}

export interface HistoryView {
  /** Newest first; entries whose snapshot file is missing are in `unreadable`, not here. */
  readonly entries: readonly HistoryEntry[];
  readonly unreadable: readonly UnreadableCapture[];
  readonly timeline: readonly TimelinePoint[];
  readonly retention: RetentionPolicy;
  /** The newest capture without errors before the newest capture (the one-click comparison); null when none. */
  readonly lastClean: string | null;
  /** Where the captures are kept (shown so the admin knows where the org's data is). */
  readonly folder: string;
}

const captureId = z.string().regex(CAPTURE_ID, 'a capture id: 20261207T014500Z-a1b2c3');

export const HISTORY_CHANNELS = {
  'history.list': channel<HistoryView>()(noPayload),
  /** `older` → `newer`: the diff of the two captures, the findings appeared and resolved with their causes. */
  'history.compare': channel<HistoryComparison>()(z.strictObject({ older: captureId, newer: captureId })),
  /** The retention setting, applied at once (captures past it are deleted, never the newest). */
  'history.setRetention': channel<HistoryView>()(
    z.strictObject({
      keepCount: z.number().int().min(1).max(RETENTION_MAX_COUNT).nullable(),
      keepDays: z.number().int().min(1).max(RETENTION_MAX_DAYS).nullable(),
    }),
  ),
} as const;
