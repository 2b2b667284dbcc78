/**
 * The Changes screen's service (docs/capture-history.md): the history's list and timeline, two
 * captures compared with the snapshot diff (main/services/snapshot-compare.ts, docs/changes.md), the retention setting.
 */
import type { HistoryView } from '../../../shared/history/history-channels';
import type { HistoryComparison } from '../../../shared/history/history-comparison';
import { byTime, lastCleanBefore, type RetentionPolicy, timelinePoints } from '../../../shared/history/history-model';
import { type Language, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { HistoryStore } from './history-store';
import { compareCaptures } from './history-diff';

export interface HistoryService {
  list(language: Language): Promise<HistoryView>;
  compare(older: string, newer: string): Promise<HistoryComparison>;
  setRetention(policy: RetentionPolicy, language: Language): Promise<HistoryView>;
}

export function createHistoryService(store: HistoryStore): HistoryService {
  async function list(language: Language): Promise<HistoryView> {
    const read = await store.read();
    const oldestFirst = [...read.entries].sort(byTime);
    return {
      entries: [...oldestFirst].reverse(),
      unreadable: read.unreadable.map((u) => ({ id: u.id, reason: renderMessage(language, u.reason) })),
      timeline: timelinePoints(oldestFirst),
      retention: await store.retention(),
      lastClean: lastCleanBefore(oldestFirst)?.id ?? null,
      folder: store.folder,
    };
  }
  return {
    list,
    async compare(olderId, newerId) {
      if (olderId === newerId) throw new UserError({ key: 'history.error.sameCapture' });
      // Both read at once; when both fail, the first one asked for is the one named (not whichever failed first).
      const [ra, rb] = await Promise.allSettled([store.snapshot(olderId), store.snapshot(newerId)]);
      if (ra.status === 'rejected') throw ra.reason;
      if (rb.status === 'rejected') throw rb.reason;
      let [a, b] = [ra.value, rb.value];
      // Older → newer whatever order they were picked in: a diff read backwards names every change the wrong way round.
      if (byTime(a.entry, b.entry) > 0) [a, b] = [b, a];
      return { older: a.entry, newer: b.entry, diff: compareCaptures({ id: a.entry.id, text: a.text }, { id: b.entry.id, text: b.text }) };
    },
    async setRetention(policy, language) {
      await store.setRetention(policy);
      return list(language);
    },
  };
}
