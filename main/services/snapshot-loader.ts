/**
 * Reads a snapshot file (or the lab) and decodes it into the org model, with one clear message
 * for anything wrong: unreadable, too large, not JSON (truncated), not a snapshot, wrong version,
 * a missing section or a property of the wrong type. Messages go through the i18n layer.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Message, UserError } from '../../shared/i18n/translate';
import type { OrgModel, SectionKey, SourceKind } from '../../shared/model/org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import type { RawSection, RawSnapshot } from '../../shared/snapshot/format';
import { ChunkedObjects } from '../../shared/snapshot/chunked-objects';
import { completedState, pendingSnapshot, type SectionLoadState, USER_SECTIONS } from '../../shared/snapshot/load-progress';
import { SnapshotError } from '../../shared/snapshot/property-readers';
import { decodeSnapshotFileInSections, type PieceSizes } from './snapshot-sections';
import { readCertificateBase64 } from './certificates/certificate-reader';

/** A snapshot of the 100,000-user org is about 100 MB; 512 MB is past any real org. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export class SnapshotLoadError extends UserError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'SnapshotLoadError';
  }
}

export function labSnapshotPath(root: string): string {
  return join(root, 'assets', 'lab', 'litwareinc.umcsnap.json');
}

export function parseSnapshotText(text: string, file: string, kind?: SourceKind, label?: string): OrgModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotLoadError({ key: 'snapshot.error.json', params: { file, reason: e instanceof Error ? e.message : String(e) } });
  }
  return decodeSnapshotObject(raw, file, kind, label);
}

/**
 * The decoder on a snapshot already in memory (parsed from a file, or a capture just read), its SnapshotError as the
 * message naming the file. A capture is decoded as it is, never through JSON.stringify and JSON.parse: a
 * 100,000-user capture is then not held twice more, as text and as a parsed copy (docs/large-orgs.md).
 */
export function decodeSnapshotObject(raw: unknown, file: string, kind?: SourceKind, label?: string): OrgModel {
  try {
    return decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: kind, sourceLabel: label });
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotLoadError({ key: 'snapshot.error.invalid', params: { file, reason: e.detail } });
    throw e;
  }
}

/**
 * A snapshot file's text, refused with one message naming the file: missing, unreadable, too large.
 * The loader and the diff (main/services/snapshot-compare.ts) read through it; `shown` names the file in
 * the too-large message.
 */
export async function readSnapshotText(path: string, shown: string = path): Promise<string> {
  await snapshotSize(path, shown);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new SnapshotLoadError({ key: 'snapshot.error.read', params: { file: path, reason: (e as Error).message } });
  }
}

/** A snapshot file's size, refused with one message naming the file: missing, unreadable, too large. */
async function snapshotSize(path: string, shown: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    const reason: Message | string = (e as NodeJS.ErrnoException).code === 'ENOENT' ? { key: 'snapshot.error.noFile' } : (e as Error).message;
    throw new SnapshotLoadError({ key: 'snapshot.error.read', params: { file: path, reason } });
  }
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new SnapshotLoadError({ key: 'snapshot.error.tooLarge', params: { file: shown, size: String(Math.round(size / 1048576)), limit: String(MAX_SNAPSHOT_BYTES / 1048576) } });
  }
  return size;
}

export async function loadSnapshotFile(path: string, kind: SourceKind = 'snapshot'): Promise<OrgModel> {
  const name = basename(path);
  const text = await readSnapshotText(path, name);
  return parseSnapshotText(text, name, kind, kind === 'lab' ? undefined : name);
}

/** What a staged load reports while it reads (main/services/org-service.ts publishes it as `org.loadProgress`). */
export interface LoadHooks {
  /** A section's objects read so far and its state. */
  readonly onSection?: (key: string, objects: number, state: SectionLoadState) => void;
  /**
   * The org without the user sections (marked not-read, "still reading"), once every other section is in. The
   * user sections are decoded once what it returns settles: the decode holds main's thread, so the org service
   * first lets the window's waiting reads be answered with the partial org (main/ipc/in-flight.ts).
   */
  readonly onPartial?: (org: OrgModel) => void | Promise<void>;
}

/** The number of objects a parsed section holds (an array, or the pieces of a large one: shared/snapshot/chunked-objects.ts). */
function objectCount(section: unknown): number {
  const objects = section !== null && typeof section === 'object' ? (section as { objects?: unknown }).objects : undefined;
  return Array.isArray(objects) ? objects.length : objects instanceof ChunkedObjects ? objects.count : 0;
}

/**
 * A snapshot file read in stages, so the first screen has data long before a large org is decoded whole
 * (docs/large-orgs.md, "First screen while reading"). The file is parsed but for its large sections
 * (main/services/snapshot-sections.ts: they stay in the file, read in pieces by the decoder); every section's
 * count is then known and reported, the org without the user sections (pending: not-read, "still reading") is
 * decoded and handed to `onPartial`, and once what it returns settles the whole org is decoded. A small file, or one the
 * sectioned read cannot take (another shape, a piece that does not parse), is read whole as before: same org,
 * same messages.
 */
export async function loadSnapshotFileInStages(path: string, kind: SourceKind, hooks: LoadHooks, sizes: PieceSizes = {}): Promise<OrgModel> {
  const name = basename(path);
  const label = kind === 'lab' ? undefined : name;
  await snapshotSize(path, name);
  const staged = await decodeSnapshotFileInSections(
    path,
    async (raw): Promise<OrgModel> => {
      const sides = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const sectionsOf = (side: 'exchange' | 'skype'): Record<string, RawSection> => {
        const v = sides[side];
        return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, RawSection>) : {};
      };
      const present: SectionKey[] = [];
      for (const side of ['exchange', 'skype'] as const)
        for (const [sectionName, section] of Object.entries(sectionsOf(side))) {
          const key: SectionKey = `${side}.${sectionName}`;
          present.push(key);
          hooks.onSection?.(key, objectCount(section), USER_SECTIONS.includes(key) ? 'reading' : completedState(section));
        }
      if (hooks.onPartial) {
        const pending = USER_SECTIONS.filter((k) => present.includes(k));
        const head = raw as Pick<RawSnapshot, 'format' | 'formatVersion' | 'capturedAt' | 'source'>;
        let partial: OrgModel | null = null;
        try {
          partial = decodeSnapshotObject(pendingSnapshot(head, sectionsOf('exchange'), sectionsOf('skype'), pending), name, kind, label);
        } catch (e) {
          // A snapshot the decoder refuses is refused by the whole decode below, with its message.
          if (!(e instanceof SnapshotLoadError)) throw e;
        }
        if (partial) await hooks.onPartial(partial);
      }
      const org = decodeSnapshotObject(raw, name, kind, label);
      for (const key of USER_SECTIONS)
        if (present.includes(key))
          hooks.onSection?.(key, objectCount(sectionsOf(key.startsWith('exchange.') ? 'exchange' : 'skype')[key.slice(key.indexOf('.') + 1)]), org.readState?.[key]?.status ?? 'read');
      return org;
    },
    sizes,
  );
  if (staged) return staged;
  // Read in one go: no section to report on the way.
  return parseSnapshotText(await readSnapshotText(path, name), name, kind, label);
}
