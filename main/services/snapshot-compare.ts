/**
 * Two captures compared (docs/changes.md): the raw diff (shared/snapshot/snapshot-diff.ts) and the findings
 * of each side judged as `umc check` judges them (decode, the admin's trusted roots, the rule engine), so
 * the findings that appeared or were resolved carry the change that caused them. Used by `umc diff`,
 * `umc check --since` and the Changes screen.
 */
import type { CertificateFacts } from '../../shared/certificates/cert-model';
import { evaluateRules, notJudged } from '../../shared/rules/engine';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import type { RawSnapshot } from '../../shared/snapshot/format';
import { SnapshotError } from '../../shared/snapshot/property-readers';
import { compareFindings, diffSnapshots, type JudgedSide, type SnapshotDiffResult } from '../../shared/snapshot/snapshot-diff';
import { readCertificateBase64 } from './certificates/certificate-reader';
import { withTrustedRoots } from './certificates/trusted-roots';
import { readSnapshotText, SnapshotLoadError } from './snapshot-loader';

export interface CompareOptions {
  /** The certificates an admin adds (umc check --trusted-roots), judged beside each side's own (R-X-01). */
  readonly trustedRoots?: readonly CertificateFacts[];
}

/** One side decoded and judged; `file` names it in a message when the snapshot cannot be decoded. */
export function judgeSnapshot(raw: RawSnapshot, file: string, options: CompareOptions = {}): JudgedSide {
  let org;
  try {
    org = withTrustedRoots(decodeSnapshot(raw, { readCertificate: readCertificateBase64 }), options.trustedRoots ?? []);
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotLoadError({ key: 'snapshot.error.invalid', params: { file, reason: e.detail } });
    throw e;
  }
  return { findings: evaluateRules(org), notJudged: notJudged(org).map((n) => n.id) };
}

/** The diff of two snapshots already read, with the findings appeared and resolved. Throws SnapshotLoadError on a snapshot that cannot be decoded. */
export function compareSnapshots(oldRaw: RawSnapshot, newRaw: RawSnapshot, options: CompareOptions & { readonly names?: readonly [string, string] } = {}): SnapshotDiffResult {
  const [oldName, newName] = options.names ?? ['old', 'new'];
  const oldSide = judgeSnapshot(oldRaw, oldName, options);
  const newSide = judgeSnapshot(newRaw, newName, options);
  return compareFindings(diffSnapshots(oldRaw, newRaw), oldSide, newSide);
}

/**
 * A snapshot file read as JSON, refused with one message naming the file and what is wrong (as the
 * loader's, main/services/snapshot-loader.ts): missing, unreadable, too large, not JSON. Whether it is a
 * snapshot at all is the decoder's (judgeSnapshot).
 */
export async function readRawSnapshot(path: string): Promise<RawSnapshot> {
  const text = await readSnapshotText(path);
  try {
    return JSON.parse(text) as RawSnapshot;
  } catch (e) {
    throw new SnapshotLoadError({ key: 'snapshot.error.json', params: { file: path, reason: e instanceof Error ? e.message : String(e) } });
  }
}

/** Two snapshot files compared (umc diff OLD NEW, the Changes screen's two captures). */
export async function compareSnapshotFiles(oldPath: string, newPath: string, options: CompareOptions = {}): Promise<SnapshotDiffResult> {
  const [oldRaw, newRaw] = [await readRawSnapshot(oldPath), await readRawSnapshot(newPath)];
  return compareSnapshots(oldRaw, newRaw, { ...options, names: [oldPath, newPath] });
}
