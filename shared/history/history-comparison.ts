/** What the Changes screen shows for two captures: the two entries and the snapshot diff of their captures (shared/snapshot/snapshot-diff.ts, plain JSON). */
import type { SnapshotDiffResult } from '../snapshot/snapshot-diff';
import type { HistoryEntry } from './history-model';

export interface HistoryComparison {
  readonly older: HistoryEntry;
  readonly newer: HistoryEntry;
  readonly diff: SnapshotDiffResult;
}
