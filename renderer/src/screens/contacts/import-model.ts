/**
 * CSV import in the renderer: the size check before reading, the progress figure, when to poll,
 * the result of each previewed row by its line, and the counts of the outcomes. Pure functions.
 */
import type { ImportPreview, ImportProgress, ImportRowResult } from '../../../../shared/contacts/contact-channels';
import { MAX_CSV_BYTES } from '../../../../shared/contacts/contact-model';

/** The contract refuses more than MAX_CSV_BYTES: say so before reading the file at all. */
export function isCsvTooLarge(size: number): boolean {
  return size > MAX_CSV_BYTES;
}

/** Rows the apply would send a cmdlet for. */
export function rowsToApply(preview: ImportPreview): number {
  return preview.counts.create + preview.counts.update;
}

export function importPercent(progress: ImportProgress | null): number {
  if (!progress) return 0;
  if (progress.total === 0) return 100;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

export function resultsByLine(results: readonly ImportRowResult[]): Map<number, ImportRowResult> {
  return new Map(results.map((r) => [r.line, r]));
}

export const IMPORT_OUTCOMES: readonly ImportRowResult['outcome'][] = ['applied', 'skipped', 'refused', 'failed', 'unknown', 'stale', 'not-run'];

export function outcomeCounts(results: readonly ImportRowResult[]): Record<ImportRowResult['outcome'], number> {
  const counts: Record<ImportRowResult['outcome'], number> = { applied: 0, skipped: 0, refused: 0, failed: 0, unknown: 0, stale: 0, 'not-run': 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

export type ChipColor = 'success' | 'warning' | 'error' | 'default' | 'info';

export function actionColor(action: ImportPreview['rows'][number]['action']): ChipColor {
  switch (action) {
    case 'create':
      return 'info';
    case 'update':
      return 'warning';
    case 'skip':
      return 'default';
    case 'invalid':
      return 'error';
  }
}

/** Applied / refused… and the audit's outcomes share their colours. */
export function outcomeColor(outcome: ImportRowResult['outcome']): ChipColor {
  switch (outcome) {
    case 'applied':
      return 'success';
    case 'skipped':
    case 'not-run':
      return 'default';
    case 'stale':
    case 'unknown':
      return 'warning';
    case 'refused':
    case 'failed':
      return 'error';
  }
}
