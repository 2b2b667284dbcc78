/**
 * The gateway monitor's history on disk (docs/live-sessions.md "Gateways over time"): read once when
 * the gateway service starts, written whole through the one atomic write, and debounced — a sweep
 * publishes one result per target, and a 300-target sweep must not cost 300 writes of a 5 MB file.
 * Writes are coalesced: the first change arms a timer of `debounceMs` (default 5 s), the changes
 * that follow ride on it, and `flush()` (the end of a sweep, dispose) writes at once.
 *
 * A file that is not ours, of another version, or torn is logged with its reason, reported as a
 * notice, and treated as empty — never a crash; the next write replaces it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boundHistory, decodeHistory, encodeHistory, type MonitorHistoryState } from '../../../shared/sip/monitor-history-file';
import type { Logger } from '../../ports';
import { writeFileAtomic } from '../atomic-write';

/** Where the history lives in the user-data folder (main/services/user-data.ts). */
export function monitorHistoryPath(userDataDir: string): string {
  return join(userDataDir, 'gateways', 'monitor-history.json');
}

export const DEFAULT_HISTORY_DEBOUNCE_MS = 5000;

export type HistoryLoad =
  { readonly kind: 'none' } | { readonly kind: 'loaded'; readonly state: MonitorHistoryState; readonly savedAt: number } | { readonly kind: 'refused'; readonly reason: string };

/** Reads the history file: absent → none, unreadable or foreign → refused with the reason. Never throws. */
export async function readMonitorHistory(path: string, now: number): Promise<HistoryLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'refused', reason: e instanceof Error ? e.message : String(e) };
  }
  const decoded = decodeHistory(text);
  if (!decoded.ok) return { kind: 'refused', reason: decoded.reason };
  return { kind: 'loaded', state: boundHistory(decoded.state, now), savedAt: decoded.savedAt };
}

export interface MonitorHistoryStore {
  readonly path: string;
  /** The kept history (empty when there was none or it was refused). */
  load(): Promise<HistoryLoad>;
  /** Marks the history changed: written within `debounceMs`, with what `current()` holds then. */
  changed(): void;
  /** Writes now if something changed since the last write. */
  flush(): Promise<void>;
  /** Writes performed (tests and the bench count them). */
  readonly writes: () => number;
  dispose(): Promise<void>;
}

export interface MonitorHistoryStoreDeps {
  readonly path: string;
  /** The state to write, read when the write happens (the latest, not the one at `changed()`). */
  readonly current: () => MonitorHistoryState;
  readonly now: () => number;
  readonly logger?: Logger;
  readonly debounceMs?: number;
}

export function createMonitorHistoryStore(deps: MonitorHistoryStoreDeps): MonitorHistoryStore {
  const debounceMs = deps.debounceMs ?? DEFAULT_HISTORY_DEBOUNCE_MS;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let writes = 0;
  let disposed = false;

  const write = (): Promise<void> => {
    // One write at a time, in order: the later one always carries the latest state.
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      const now = deps.now();
      const text = JSON.stringify(encodeHistory(boundHistory(deps.current(), now), now));
      try {
        await writeFileAtomic(deps.path, text, { mkdirs: true });
        writes++;
      } catch (e) {
        deps.logger?.log('warn', 'gateway monitor history not written', { path: deps.path, error: e instanceof Error ? e.message : String(e) });
      }
    });
    return writing;
  };

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await write();
  };

  return {
    path: deps.path,
    async load() {
      const loaded = await readMonitorHistory(deps.path, deps.now());
      if (loaded.kind === 'refused') deps.logger?.log('warn', 'gateway monitor history ignored: starting empty', { path: deps.path, reason: loaded.reason });
      return loaded;
    },
    changed() {
      if (disposed) return;
      dirty = true;
      if (!timer) timer = setTimeout(() => void flush(), debounceMs);
    },
    flush,
    writes: () => writes,
    async dispose() {
      disposed = true;
      await flush();
    },
  };
}
