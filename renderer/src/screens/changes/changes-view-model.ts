/**
 * The Changes screen's pure logic (docs/capture-history.md): which two captures are picked first,
 * the sections worth showing, and the findings timeline's geometry (an SVG drawn without a chart library).
 */
import type { HistoryEntry, TimelinePoint } from '../../../../shared/history/history-model';
import type { Severity } from '../../../../shared/model/org';
import type { SectionDiff } from '../../../../shared/snapshot/snapshot-diff';

export interface Pair {
  readonly older: string;
  readonly newer: string;
}

/** The newest capture against the one before it; null with fewer than two. `entries` newest first. */
export function initialPair(entries: readonly HistoryEntry[]): Pair | null {
  return entries.length >= 2 ? { older: entries[1]!.id, newer: entries[0]!.id } : null;
}

/** A point clicked on the timeline: that capture against the newest (or against the one after it when it is the newest). */
export function pairFromPoint(entries: readonly HistoryEntry[], id: string): Pair | null {
  if (entries.length < 2) return null;
  const newest = entries[0]!.id;
  return id === newest ? { older: entries[1]!.id, newer: newest } : { older: id, newer: newest };
}

/** The sections a reader needs: those with a change, those not compared, those read in part with a change. */
export function sectionsShown(sections: readonly SectionDiff[]): SectionDiff[] {
  return sections.filter((s) => s.status === 'not-compared' || s.added.length + s.removed.length + s.changed.length > 0);
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface TimelineGeometry {
  readonly width: number;
  readonly height: number;
  /** The top of the scale (the largest count, at least 1). */
  readonly max: number;
  readonly points: readonly { readonly id: string; readonly x: number; readonly y: Readonly<Record<Severity, number>> }[];
  /** One polyline per severity: "x,y x,y …". */
  readonly lines: Readonly<Record<Severity, string>>;
}

/**
 * Points spread evenly left to right (one per capture, oldest first — evenly, not by time: captures an
 * hour and a month apart stay clickable), counts from the bottom up on a shared scale.
 */
export function timelineGeometry(points: readonly TimelinePoint[], width: number, height: number, pad = 14): TimelineGeometry {
  const max = Math.max(1, ...points.flatMap((p) => SEVERITIES.map((s) => p.counts[s])));
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const xOf = (i: number) => (points.length === 1 ? width / 2 : pad + (innerW * i) / (points.length - 1));
  const yOf = (n: number) => pad + innerH - (innerH * n) / max;
  const placed = points.map((p, i) => ({ id: p.id, x: xOf(i), y: { error: yOf(p.counts.error), warning: yOf(p.counts.warning), info: yOf(p.counts.info) } }));
  const line = (s: Severity) => placed.map((p) => `${p.x.toFixed(1)},${p.y[s].toFixed(1)}`).join(' ');
  return { width, height, max, points: placed, lines: { error: line('error'), warning: line('warning'), info: line('info') } };
}
