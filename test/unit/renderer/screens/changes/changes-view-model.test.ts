/** The Changes screen's pure logic: the pair picked first and from a timeline point, the sections shown, the timeline's geometry. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { initialPair, pairFromPoint, sectionsShown, timelineGeometry } from '../../../../../renderer/src/screens/changes/changes-view-model';
import type { HistoryEntry } from '../../../../../shared/history/history-model';
import type { SectionDiff } from '../../../../../shared/snapshot/snapshot-diff';

const e = (id: string): HistoryEntry => ({
  id,
  capturedAt: '2026-12-01T00:00:00.000Z',
  source: { kind: 'lab', label: 'lab:' },
  origin: 'gui',
  counts: { error: 0, warning: 0, info: 0 },
  issues: { partial: 0, notRead: 0, failed: 0, skipped: 0 },
});

describe('the pair of captures', () => {
  const newestFirst = [e('c'), e('b'), e('a')];
  test('first: the newest against the one before; none with fewer than two', () => {
    assert.deepEqual(initialPair(newestFirst), { older: 'b', newer: 'c' });
    assert.equal(initialPair([e('a')]), null);
  });
  test('a point clicked: that capture against the newest; the newest itself against the one before', () => {
    assert.deepEqual(pairFromPoint(newestFirst, 'a'), { older: 'a', newer: 'c' });
    assert.deepEqual(pairFromPoint(newestFirst, 'c'), { older: 'b', newer: 'c' });
  });
});

describe('sections shown', () => {
  const s = (o: Partial<SectionDiff>): SectionDiff => ({
    section: 'exchange.dialPlans',
    cmdlet: 'Get-UMDialPlan',
    status: 'compared',
    oldStatus: 'read',
    newStatus: 'read',
    added: [],
    removed: [],
    changed: [],
    ...o,
  });
  test('a section with a change or not compared; an unchanged one is left out', () => {
    const changed = s({ changed: [{ key: 'k', label: 'L', refs: [], properties: [] }] });
    const notCompared = s({ status: 'not-compared', newStatus: 'not-read' });
    assert.deepEqual(sectionsShown([s({}), changed, notCompared]), [changed, notCompared]);
  });
});

describe('the timeline', () => {
  const p = (id: string, error: number, warning: number, info: number) => ({ id, capturedAt: '2026-12-01T00:00:00.000Z', counts: { error, warning, info }, hadErrors: false });
  test('one point per capture, evenly spread, the largest count at the top, zero at the bottom', () => {
    const g = timelineGeometry([p('a', 4, 2, 0), p('b', 1, 0, 8), p('c', 0, 0, 0)], 200, 100, 10);
    assert.equal(g.max, 8);
    assert.deepEqual(
      g.points.map((x) => x.x),
      [10, 100, 190],
    );
    assert.equal(g.points[1]!.y.info, 10);
    assert.equal(g.points[2]!.y.error, 90);
    assert.equal(g.points[0]!.y.error, 50);
    assert.equal(g.lines.error, '10.0,50.0 100.0,80.0 190.0,90.0');
  });
  test('one capture: in the middle; all counts zero: a scale of 1, not a division by zero', () => {
    const g = timelineGeometry([p('a', 0, 0, 0)], 200, 100, 10);
    assert.equal(g.max, 1);
    assert.equal(g.points[0]!.x, 100);
    assert.equal(g.points[0]!.y.error, 90);
  });
});
