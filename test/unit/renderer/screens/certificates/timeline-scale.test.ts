import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { daysLeft, expiryStatus, markGeometry, monthTicks, timeWindow, xOf } from '../../../../../renderer/src/screens/certificates/timeline-scale';

const DAY = 86_400_000;
const now = new Date('2026-11-20T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

describe('expiry status', () => {
  test('expired, ≤ 30 days, ≤ 60 days, fine: the thresholds of cert.expiring', () => {
    assert.equal(expiryStatus(at(-1), now), 'expired');
    assert.equal(expiryStatus(at(-0.001), now), 'expired');
    assert.equal(expiryStatus(at(0.5), now), 'expiring-30');
    assert.equal(expiryStatus(at(30), now), 'expiring-30');
    assert.equal(expiryStatus(at(30.01), now), 'expiring-60');
    assert.equal(expiryStatus(at(60), now), 'expiring-60');
    assert.equal(expiryStatus(at(61), now), 'valid');
    assert.equal(expiryStatus('not a date', now), 'expired');
  });
  test('days left counts whole days, negative once expired', () => {
    assert.equal(daysLeft(at(10.5), now), 10);
    assert.equal(daysLeft(at(-3.2), now), -4);
    assert.equal(daysLeft('garbage', now), null);
  });
});

describe('time window', () => {
  test('covers the certificates and today with a month either side at least', () => {
    const w = timeWindow([{ notBefore: at(-100), notAfter: at(200) }], now);
    assert.ok(w.start <= Date.parse(at(-100)) && w.start > Date.parse(at(-110)));
    assert.ok(w.end >= Date.parse(at(200)) && w.end < Date.parse(at(210)));
    const empty = timeWindow([], now);
    assert.ok(empty.start < now.getTime() - 29 * DAY && empty.end > now.getTime() + 29 * DAY);
  });
  test('is clamped to one year back and three years ahead', () => {
    const w = timeWindow([{ notBefore: '2000-01-01T00:00:00Z', notAfter: '2099-01-01T00:00:00Z' }], now);
    // The clamps, plus 2 % of air on each side.
    const span = 4 * 365 * DAY;
    assert.equal(Math.round(w.start), Math.round(now.getTime() - 365 * DAY - span * 0.02));
    assert.equal(Math.round(w.end), Math.round(now.getTime() + 3 * 365 * DAY + span * 0.02));
  });
  test('ignores unreadable dates', () => {
    const w = timeWindow([{ notBefore: 'x', notAfter: 'y' }], now);
    assert.ok(Number.isFinite(w.start) && Number.isFinite(w.end) && w.end > w.start);
  });
});

describe('positions', () => {
  const w = { start: Date.parse('2026-01-01T00:00:00Z'), end: Date.parse('2027-01-01T00:00:00Z') };
  test('a date maps linearly between the plot edges', () => {
    assert.equal(xOf(w.start, w, 100, 500), 100);
    assert.equal(xOf(w.end, w, 100, 500), 500);
    assert.equal(xOf((w.start + w.end) / 2, w, 100, 500), 300);
  });
  test('a validity beyond the window is clamped and flagged for the off-scale arrows', () => {
    const g = markGeometry('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', w, 100, 500);
    assert.deepEqual(g, { from: 100, to: 500, end: 500, offLeft: true, offRight: true });
    const inside = markGeometry('2026-04-01T00:00:00Z', '2026-10-01T00:00:00Z', w, 100, 500);
    assert.ok(inside.from > 100 && inside.to < 500 && inside.from < inside.to);
    assert.equal(inside.offLeft || inside.offRight, false);
    const gone = markGeometry('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', w, 100, 500);
    assert.equal(gone.to, 100);
    assert.equal(gone.from, 100);
    assert.ok(gone.offLeft);
  });
});

describe('month ticks', () => {
  test('monthly over a year, aligned on the first of the month, inside the window', () => {
    const w = { start: Date.parse('2026-01-15T00:00:00Z'), end: Date.parse('2026-12-20T00:00:00Z') };
    const ticks = monthTicks(w, 12);
    assert.equal(ticks[0].toISOString(), '2026-02-01T00:00:00.000Z');
    assert.equal(ticks.at(-1)!.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.ok(ticks.every((d) => d.getUTCDate() === 1 && d.getTime() >= w.start && d.getTime() <= w.end));
  });
  test('quarters or half-years over a longer span, never more than asked', () => {
    const w = { start: Date.parse('2025-11-01T00:00:00Z'), end: Date.parse('2029-11-01T00:00:00Z') };
    const ticks = monthTicks(w, 12);
    assert.ok(ticks.length <= 12 && ticks.length >= 6, String(ticks.length));
    assert.ok(
      ticks.every((d) => d.getUTCMonth() % 6 === 0),
      ticks.map((d) => d.toISOString()).join(),
    );
    const few = monthTicks(w, 4);
    assert.ok(few.length <= 4 && few.every((d) => d.getUTCMonth() === 0));
  });
});
