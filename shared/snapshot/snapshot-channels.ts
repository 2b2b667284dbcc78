/** Snapshot files: writing what was read, and opening one instead of the live org or the lab. */
import { channel, event, noPayload } from '../contract/channel';
import type { LoadProgress } from './load-progress';

/** What a capture or an open did: the file (null when the user cancelled the dialog). */
export interface SnapshotFileResult {
  readonly path: string | null;
  readonly bytes: number;
  /** Objects written or read, over all sections. */
  readonly objects: number;
}

export const SNAPSHOT_CHANNELS = {
  /** Writes what was read to a snapshot file the user chooses (a main-process save dialog). */
  'snapshot.capture': channel<SnapshotFileResult>()(noPayload),
  /** Loads a snapshot file the user chooses (a main-process open dialog); every screen then shows it. */
  'snapshot.open': channel<SnapshotFileResult>()(noPayload),
} as const;

export const SNAPSHOT_EVENTS = {
  /** Reading the org per section (a large snapshot opened, a capture), the partial org shown meanwhile (shared/snapshot/load-progress.ts). */
  'org.loadProgress': event<LoadProgress>(),
} as const;
