/**
 * Reads a snapshot file (or the lab) and decodes it into the org model, with one clear message
 * for anything wrong: unreadable, too large, not JSON (truncated), not a snapshot, wrong version,
 * a missing section or a property of the wrong type.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { OrgModel, SourceKind } from '../../shared/model/org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { SnapshotError } from '../../shared/snapshot/fields';
import { readCertificateBase64 } from './x509-reader';

/** A snapshot of the 100,000-user org is about 60 MB; 512 MB is past any real org. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export class SnapshotLoadError extends Error {
  constructor(message: string) {
    super(message);
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
    const reason = e instanceof Error ? e.message : String(e);
    throw new SnapshotLoadError(`${file} is not valid JSON (${reason}); the file is truncated or not a snapshot`);
  }
  try {
    return decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: kind, sourceLabel: label });
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotLoadError(`${file}: ${e.message}`);
    throw e;
  }
}

export async function loadSnapshotFile(path: string, kind: SourceKind = 'snapshot'): Promise<OrgModel> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new SnapshotLoadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size > MAX_SNAPSHOT_BYTES) throw new SnapshotLoadError(`${name} is ${Math.round(size / 1048576)} MB; the console opens snapshots up to ${MAX_SNAPSHOT_BYTES / 1048576} MB`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SnapshotLoadError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseSnapshotText(text, name, kind, kind === 'lab' ? undefined : name);
}
