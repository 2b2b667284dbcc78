/** The history's pure model: which captures the retention lets go, "the last capture without errors", the timeline. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAPTURE_ID, captureIdOf, captureSourceOf, expiredCaptures, hadErrors, type HistoryEntry, lastCleanBefore, timelinePoints } from '../../../../shared/history/history-model';

const NOW = new Date('2026-12-07T12:00:00.000Z');

function entry(day: number, o: { id?: string; errors?: boolean; counts?: HistoryEntry['counts'] } = {}): HistoryEntry {
  const at = new Date(NOW.getTime() - day * 86_400_000).toISOString();
  return {
    id: o.id ?? captureIdOf(at, day.toString(16).padStart(6, '0')),
    capturedAt: at,
    source: { kind: 'lab', label: 'lab:' },
    origin: 'gui',
    counts: o.counts ?? { error: day, warning: 1, info: 0 },
    issues: { partial: 0, notRead: 0, failed: o.errors ? 1 : 0, skipped: 0 },
  };
}

describe('capture ids', () => {
  test('the capture time in UTC, compact, and six hex digits; the pattern the channels check', () => {
    const id = captureIdOf('2026-12-07T01:45:09.123Z', 'a1b2c3');
    assert.equal(id, '20261207T014509Z-a1b2c3');
    assert.match(id, CAPTURE_ID);
    for (const bad of ['../index', '20261207T014509Z-A1B2C3', '20261207T014509Z-a1b2c3.json', '', '20261207-a1b2c3']) assert.doesNotMatch(bad, CAPTURE_ID, bad);
  });

  test('the source: the lab endpoint by its text, the two servers by the names given', () => {
    assert.deepEqual(captureSourceOf('lab', 'lab:', 'lab:'), { kind: 'lab', label: 'lab:' });
    assert.deepEqual(captureSourceOf('live', 'exch01.contoso.com', 'pool01.contoso.com'), { kind: 'live', label: 'exch01.contoso.com / pool01.contoso.com' });
  });
});

describe('retention', () => {
  // Ten captures, one a day, day 0 the newest.
  const ten = Array.from({ length: 10 }, (_, d) => entry(d));
  const ids = (days: number[]) => days.map((d) => ten[d]!.id).sort();

  test('keep the last N: the N newest stay, whatever order the index holds them in', () => {
    assert.deepEqual(expiredCaptures([...ten].reverse(), { keepCount: 3, keepDays: null }, NOW, ten[0]!.id).sort(), ids([3, 4, 5, 6, 7, 8, 9]));
    assert.deepEqual(expiredCaptures(ten, { keepCount: 10, keepDays: null }, NOW, null), []);
  });

  test('keep D days: older captures go; a capture exactly D days old stays', () => {
    assert.deepEqual(expiredCaptures(ten, { keepCount: null, keepDays: 5 }, NOW, null).sort(), ids([6, 7, 8, 9]));
  });

  test('both limits: a capture past either one goes', () => {
    assert.deepEqual(expiredCaptures(ten, { keepCount: 8, keepDays: 3 }, NOW, null).sort(), ids([4, 5, 6, 7, 8, 9]));
    assert.deepEqual(expiredCaptures(ten, { keepCount: 2, keepDays: 30 }, NOW, null).sort(), ids([2, 3, 4, 5, 6, 7, 8, 9]));
  });

  test('both off: nothing goes', () => {
    assert.deepEqual(expiredCaptures(ten, { keepCount: null, keepDays: null }, NOW, null), []);
  });

  test('the capture just made is never deleted, even when its own time is past the days limit or it is not the newest', () => {
    const old = entry(400, { id: '20251102T120000Z-0000aa' });
    assert.deepEqual(expiredCaptures([...ten, old], { keepCount: 1, keepDays: 30 }, NOW, old.id).sort(), ids([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    assert.ok(!expiredCaptures([...ten, old], { keepCount: 1, keepDays: 30 }, NOW, old.id).includes(old.id));
    // keepCount 1 and the capture kept is not the newest: the newest (day 0) is the one the count keeps, the other goes.
    assert.deepEqual(expiredCaptures(ten, { keepCount: 1, keepDays: null }, NOW, ten[5]!.id).sort(), ids([1, 2, 3, 4, 6, 7, 8, 9]));
  });
});

describe('the last capture without errors', () => {
  test('the newest clean capture before the newest one; null when every earlier one had errors', () => {
    const list = [entry(0), entry(1, { errors: true }), entry(2), entry(3)];
    assert.equal(lastCleanBefore(list)?.id, list[2]!.id);
    assert.equal(lastCleanBefore(list, list[2]!.id)?.id, list[3]!.id);
    assert.equal(lastCleanBefore([entry(0), entry(1, { errors: true })]), null);
    assert.equal(lastCleanBefore([entry(0)]), null);
    assert.equal(lastCleanBefore([]), null);
  });

  test('errors: a call failed or an object skipped; a section partial or unavailable alone is not one', () => {
    assert.equal(hadErrors(entry(0)), false);
    assert.equal(hadErrors({ ...entry(0), issues: { partial: 1, notRead: 1, failed: 0, skipped: 0 } }), false);
    assert.equal(hadErrors({ ...entry(0), issues: { partial: 0, notRead: 1, failed: 1, skipped: 0 } }), true);
    assert.equal(hadErrors({ ...entry(0), issues: { partial: 0, notRead: 0, failed: 0, skipped: 2 } }), true);
  });
});

describe('the findings timeline', () => {
  test('one point per capture, oldest first, with its counts and whether it had errors', () => {
    const list = [entry(0, { counts: { error: 1, warning: 2, info: 3 } }), entry(2, { errors: true }), entry(1)];
    const points = timelinePoints(list);
    assert.deepEqual(
      points.map((p) => p.id),
      [list[1]!.id, list[2]!.id, list[0]!.id],
    );
    assert.deepEqual(points[2]!.counts, { error: 1, warning: 2, info: 3 });
    assert.deepEqual(
      points.map((p) => p.hadErrors),
      [true, false, false],
    );
  });
});
