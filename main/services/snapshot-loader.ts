/**
 * Reads a snapshot file (or the lab) and decodes it into the org model, with one clear message
 * for anything wrong: unreadable, too large, not JSON (truncated), not a snapshot, wrong version,
 * a missing section or a property of the wrong type. Messages go through the i18n layer.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Message, UserError } from '../../shared/i18n/translate';
import type { OrgModel, SourceKind } from '../../shared/model/org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { SnapshotError } from '../../shared/snapshot/property-readers';
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
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new SnapshotLoadError({ key: 'snapshot.error.read', params: { file: path, reason: (e as Error).message } });
  }
}

export async function loadSnapshotFile(path: string, kind: SourceKind = 'snapshot'): Promise<OrgModel> {
  const name = basename(path);
  const text = await readSnapshotText(path, name);
  return parseSnapshotText(text, name, kind, kind === 'lab' ? undefined : name);
}
