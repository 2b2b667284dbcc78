/**
 * The capture history on disk (docs/capture-history.md): every capture kept in the user-data folder
 * as its snapshot file (`history/captures/<id>.umcsnap.json`) plus one entry in `history/index.json`.
 *
 * Every file goes through the one atomic write (main/services/atomic-write.ts): a crash leaves the
 * old index or the new one. A capture's file is written before the index names it, and a capture the
 * retention lets go leaves the index before its file is deleted — so the index never names a file
 * that was never written, and a crash between the two steps leaves at most an orphan file, never a
 * broken entry. An entry the store cannot read (a hand-edited or truncated index, a file deleted
 * outside the console) is reported by id and reason; the rest of the history stays usable.
 *
 * Within one process the writes are serialised (one promise chain). Two processes (the console and a
 * scheduled `umc capture`) writing at the same instant may lose the other's entry from the index
 * (its file stays); documented, not locked.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  byTime,
  CAPTURE_ID,
  captureIdOf,
  type CaptureOrigin,
  DEFAULT_RETENTION,
  expiredCaptures,
  type HistoryEntry,
  type HistorySource,
  RETENTION_MAX_COUNT,
  RETENTION_MAX_DAYS,
  type RetentionPolicy,
} from '../../../shared/history/history-model';
import type { Message } from '../../../shared/i18n/translate';
import { UserError } from '../../../shared/i18n/translate';
import type { RawSnapshot } from '../../../shared/snapshot/format';
import { evaluateRules } from '../../../shared/rules/engine';
import type { Clock, Logger } from '../../ports';
import type { SettingsStore } from '../ports';
import { writeChunksAtomic, writeFileAtomic } from '../atomic-write';
import { snapshotJsonPieces } from '../../../shared/snapshot/snapshot-json';
import { decodeSnapshotObject } from '../snapshot-loader';

export const INDEX_FORMAT = 'umc-capture-history';
export const INDEX_VERSION = 1;

/** The settings store's keys of the retention setting (null or absent: the default; 0 is never stored). */
export const RETENTION_SETTINGS = { keepCount: 'historyKeepCount', keepDays: 'historyKeepDays' } as const;

export function historyDir(userData: string): string {
  return join(userData, 'history');
}

const countSchema = z.number().int().min(0);
const entrySchema = z.object({
  id: z.string().regex(CAPTURE_ID),
  capturedAt: z.string().datetime({ offset: true }),
  source: z.object({ kind: z.enum(['lab', 'live', 'file']), label: z.string().max(1000) }),
  origin: z.enum(['gui', 'cli']),
  counts: z.object({ error: countSchema, warning: countSchema, info: countSchema }),
  issues: z.object({ partial: countSchema, notRead: countSchema, failed: countSchema, skipped: countSchema }),
});

/** An entry or file the store could not read: the id when known, and why (a message to render). */
export interface UnreadableEntry {
  readonly id: string | null;
  readonly reason: Message;
}

export interface HistoryRead {
  /** Entries whose file is there, oldest first. */
  readonly entries: readonly HistoryEntry[];
  readonly unreadable: readonly UnreadableEntry[];
}

export interface RecordInput {
  readonly snapshot: RawSnapshot;
  readonly source: HistorySource;
  readonly origin: CaptureOrigin;
}

export interface HistoryStore {
  readonly folder: string;
  read(): Promise<HistoryRead>;
  /** Keeps the capture and applies the retention; returns its entry and the ids the retention deleted. */
  record(input: RecordInput): Promise<{ readonly entry: HistoryEntry; readonly deleted: readonly string[] }>;
  /** The snapshot of a capture the index names (UserError when the id is unknown or its file unreadable). */
  snapshot(id: string): Promise<{ readonly entry: HistoryEntry; readonly text: string }>;
  retention(): Promise<RetentionPolicy>;
  /** Stores the setting and applies it at once (never deleting the newest capture). */
  setRetention(policy: RetentionPolicy): Promise<readonly string[]>;
}

export interface HistoryStoreDeps {
  readonly dir: string;
  readonly settings: SettingsStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tests: the write of the index, to inject a failure (default: the atomic write). */
  readonly writeIndex?: (path: string, text: string) => Promise<unknown>;
}

function limit(value: unknown, fallback: number | null, max: number): number | null {
  if (value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

/** Issues of a raw snapshot: sections partial or not read, and the notes the capture left, by reason. */
export function issuesOf(snapshot: RawSnapshot): HistoryEntry['issues'] {
  const issues = { partial: 0, notRead: 0, failed: 0, skipped: 0 };
  for (const side of [snapshot.exchange, snapshot.skype]) {
    for (const section of Object.values(side ?? {})) {
      if (section.status === 'partial') issues.partial++;
      else if (section.status === 'not-read') issues.notRead++;
      for (const n of section.notes ?? []) {
        if (n.reason === 'failed') issues.failed++;
        else if (n.reason === 'skipped') issues.skipped++;
      }
    }
  }
  return issues;
}

export function createHistoryStore(deps: HistoryStoreDeps): HistoryStore {
  const indexPath = join(deps.dir, 'index.json');
  const capturesDir = join(deps.dir, 'captures');
  const fileOf = (id: string) => join(capturesDir, `${id}.umcsnap.json`);
  const writeIndex = deps.writeIndex ?? ((path: string, text: string) => writeFileAtomic(path, text, { mkdirs: true }));
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  /** The index as stored: valid entries, and what could not be read. `corrupt`: the file itself is not an index. */
  async function readIndex(): Promise<{ entries: HistoryEntry[]; unreadable: UnreadableEntry[]; corrupt: boolean }> {
    let text: string;
    try {
      text = await readFile(indexPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadable: [], corrupt: false };
      return { entries: [], unreadable: [{ id: null, reason: { key: 'history.unreadable.index', params: { reason: (e as Error).message } } }], corrupt: true };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return { entries: [], unreadable: [{ id: null, reason: { key: 'history.unreadable.index', params: { reason: (e as Error).message } } }], corrupt: true };
    }
    const doc = parsed as { format?: unknown; formatVersion?: unknown; entries?: unknown };
    if (!doc || typeof doc !== 'object' || doc.format !== INDEX_FORMAT || doc.formatVersion !== INDEX_VERSION || !Array.isArray(doc.entries)) {
      return { entries: [], unreadable: [{ id: null, reason: { key: 'history.unreadable.index', params: { reason: `not a ${INDEX_FORMAT} version ${INDEX_VERSION} file` } } }], corrupt: true };
    }
    const entries: HistoryEntry[] = [];
    const unreadable: UnreadableEntry[] = [];
    const seen = new Set<string>();
    doc.entries.forEach((raw: unknown, i: number) => {
      const r = entrySchema.safeParse(raw);
      const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' && CAPTURE_ID.test((raw as { id: string }).id) ? (raw as { id: string }).id : null;
      if (!r.success || seen.has(r.data.id)) {
        unreadable.push({ id, reason: { key: 'history.unreadable.entry', params: { position: i + 1 } } });
        return;
      }
      seen.add(r.data.id);
      entries.push(r.data);
    });
    return { entries, unreadable, corrupt: false };
  }

  async function fileExists(id: string): Promise<boolean> {
    return (await stat(fileOf(id)).catch(() => null))?.isFile() ?? false;
  }

  async function write(entries: readonly HistoryEntry[]): Promise<void> {
    const sorted = [...entries].sort(byTime);
    await writeIndex(indexPath, JSON.stringify({ format: INDEX_FORMAT, formatVersion: INDEX_VERSION, entries: sorted }, null, 1));
  }

  async function retention(): Promise<RetentionPolicy> {
    const s = await deps.settings.read();
    return {
      keepCount: limit(s[RETENTION_SETTINGS.keepCount], DEFAULT_RETENTION.keepCount, RETENTION_MAX_COUNT),
      keepDays: limit(s[RETENTION_SETTINGS.keepDays], DEFAULT_RETENTION.keepDays, RETENTION_MAX_DAYS),
    };
  }

  /** Drops the expired entries from the index first, then their files (a crash in between leaves orphan files only). */
  async function applyRetention(entries: HistoryEntry[], keep: string | null): Promise<{ kept: HistoryEntry[]; deleted: string[] }> {
    const deleted = expiredCaptures(entries, await retention(), deps.clock.now(), keep);
    if (deleted.length === 0) return { kept: entries, deleted };
    const gone = new Set(deleted);
    const kept = entries.filter((e) => !gone.has(e.id));
    await write(kept);
    for (const id of deleted) await unlink(fileOf(id)).catch(() => undefined);
    deps.logger.log('info', 'capture history: retention', { deleted: deleted.length, kept: kept.length });
    return { kept, deleted };
  }

  async function read(): Promise<HistoryRead> {
    const index = await readIndex();
    const entries: HistoryEntry[] = [];
    const unreadable = [...index.unreadable];
    for (const e of index.entries) {
      if (await fileExists(e.id)) entries.push(e);
      else unreadable.push({ id: e.id, reason: { key: 'history.unreadable.missingFile', params: { file: `${e.id}.umcsnap.json` } } });
    }
    return { entries, unreadable };
  }

  return {
    folder: deps.dir,
    read: () => serial(read),
    retention,

    record: (input) =>
      serial(async () => {
        // The counts the Checks screen shows for this org: the same decoder and rule engine as `umc check`
        // (the roots an admin adds are not part of a capture, so R-X-01 judges the capture's own certificates).
        // Decoded as it is and written streamed: a large capture is never held again as one string (docs/large-orgs.md).
        const org = decodeSnapshotObject(input.snapshot, 'capture', input.snapshot.source.kind, input.snapshot.source.label);
        const counts = { error: 0, warning: 0, info: 0 };
        for (const f of evaluateRules(org)) counts[f.severity]++;
        const entry: HistoryEntry = {
          id: captureIdOf(input.snapshot.capturedAt, randomBytes(3).toString('hex')),
          capturedAt: input.snapshot.capturedAt,
          source: { kind: input.source.kind, label: input.source.label.slice(0, 1000) },
          origin: input.origin,
          counts,
          issues: issuesOf(input.snapshot),
        };
        await writeChunksAtomic(fileOf(entry.id), snapshotJsonPieces(input.snapshot), { mkdirs: true });
        const index = await readIndex();
        // A corrupt index is kept beside (never overwritten): the admin or support can still read what it held.
        if (index.corrupt) await rename(indexPath, join(deps.dir, `index.unreadable-${entry.id}.json`)).catch(() => undefined);
        const entries = [...index.entries, entry];
        try {
          await write(entries);
        } catch (e) {
          // The index was not replaced: the capture's file would be an orphan; remove it and say why.
          await unlink(fileOf(entry.id)).catch(() => undefined);
          throw e;
        }
        const { deleted } = await applyRetention(entries, entry.id);
        deps.logger.log('info', 'capture history: recorded', { id: entry.id, origin: entry.origin });
        return { entry, deleted };
      }),

    async snapshot(id) {
      if (!CAPTURE_ID.test(id)) throw new UserError({ key: 'history.error.unknownCapture', params: { id } });
      const { entries } = await readIndex();
      const entry = entries.find((e) => e.id === id);
      if (!entry) throw new UserError({ key: 'history.error.unknownCapture', params: { id } });
      try {
        return { entry, text: await readFile(fileOf(id), 'utf8') };
      } catch (e) {
        throw new UserError({ key: 'history.error.unreadableCapture', params: { id, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (e as Error).message } });
      }
    },

    setRetention: (policy) =>
      serial(async () => {
        const current = await deps.settings.read();
        await deps.settings.write({ ...current, [RETENTION_SETTINGS.keepCount]: policy.keepCount, [RETENTION_SETTINGS.keepDays]: policy.keepDays });
        const index = await readIndex();
        if (index.corrupt) return [];
        const newest = [...index.entries].sort(byTime).at(-1)?.id ?? null;
        return (await applyRetention(index.entries, newest)).deleted;
      }),
  };
}
