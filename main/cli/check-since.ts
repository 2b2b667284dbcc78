/**
 * `umc check --since FILE` (docs/changes.md): only what is new since an earlier capture — the findings
 * that appeared between FILE and the org checked, each with the change that caused it — for a scheduled
 * check that mails what broke since yesterday, not the whole catalogue again. The verdict is of the new
 * findings: exit 1 when an error-severity finding appeared, else 0.
 *
 * The org checked is compared as captured (its snapshot file: the lab copy or --snapshot); what the
 * gateway monitor adds to `umc check` lives in no capture and is not part of a diff.
 */
import type { CertificateFacts } from '../../shared/certificates/cert-model';
import { formatDateTime, type Language, translate } from '../../shared/i18n/translate';
import { findingLines } from '../../shared/snapshot/snapshot-diff-text';
import { compareSnapshots, readRawSnapshot } from '../services/snapshot-compare';

export interface SinceRequest {
  /** The earlier capture (a snapshot file). */
  readonly since: string;
  /** The snapshot file of the org checked now. */
  readonly current: string;
  readonly trustedRoots: readonly CertificateFacts[];
  readonly json: boolean;
  readonly lang: Language;
}

export async function sinceReport(r: SinceRequest): Promise<{ readonly text: string; readonly code: number }> {
  const [oldRaw, newRaw] = [await readRawSnapshot(r.since), await readRawSnapshot(r.current)];
  const diff = compareSnapshots(oldRaw, newRaw, { trustedRoots: r.trustedRoots, names: [r.since, r.current] });
  const appeared = diff.findings.appeared;
  const code = appeared.some((f) => f.finding.severity === 'error' && !f.notJudgedOnOtherSide) ? 1 : 0;
  if (r.json) {
    const json = { since: { file: r.since, ...diff.old }, source: diff.new, appeared, resolved: diff.findings.resolved.length, counts: diff.counts };
    return { text: JSON.stringify(json, null, 2) + '\n', code };
  }
  const time = formatDateTime(r.lang, diff.old.capturedAt);
  if (appeared.length === 0) return { text: translate(r.lang, 'diff.since.none', { file: r.since, time }) + '\n', code };
  const lines = [
    translate(r.lang, 'diff.since.heading', { file: r.since, time }),
    translate(r.lang, 'diff.since.summary', { count: appeared.length, resolved: diff.findings.resolved.length }),
    '',
    ...findingLines(r.lang, appeared, 'appeared', diff),
  ];
  return { text: lines.join('\n') + '\n', code };
}
