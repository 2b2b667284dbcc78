/** Two kept captures compared: their texts parsed and handed to the one diff (main/services/snapshot-compare.ts). */
import { UserError } from '../../../shared/i18n/translate';
import type { RawSnapshot } from '../../../shared/snapshot/format';
import type { SnapshotDiffResult } from '../../../shared/snapshot/snapshot-diff';
import { compareSnapshots as compareRaw } from '../snapshot-compare';

function parse(id: string, text: string): RawSnapshot {
  try {
    return JSON.parse(text) as RawSnapshot;
  } catch (e) {
    throw new UserError({ key: 'history.error.unreadableCapture', params: { id, reason: (e as Error).message } });
  }
}

export function compareCaptures(older: { id: string; text: string }, newer: { id: string; text: string }): SnapshotDiffResult {
  return compareRaw(parse(older.id, older.text), parse(newer.id, newer.text), { names: [`${older.id}.umcsnap.json`, `${newer.id}.umcsnap.json`] });
}
