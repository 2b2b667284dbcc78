/**
 * The gateway monitor's history file: what is written reads back the same, the bounds hold (samples
 * per target, targets, age), and a file that is not ours or is torn is refused whole with its reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundHistory, decodeHistory, encodeHistory, MAX_SAMPLE_AGE_MS, MONITOR_HISTORY_FORMAT, type MonitorHistoryState } from '../../../../shared/sip/monitor-history-file';
import type { ProbeSample, TargetHistory } from '../../../../shared/sip/monitor-model';

const NOW = Date.UTC(2026, 11, 7, 2, 0, 0);
const sample = (at: number, status: ProbeSample['status'] = 'ok', address: string | null = '192.0.2.10'): ProbeSample => ({ at, status, rttMs: status === 'ok' ? 12 : null, address });
const history = (samples: ProbeSample[], first: string[] | null = ['192.0.2.10'], last: string[] | null = first): TargetHistory => ({
  samples,
  firstAddresses: first,
  firstSeenAt: first ? (samples[0]?.at ?? null) : null,
  lastAddresses: last,
});

describe('monitor history file', () => {
  it('reads back what was written: samples, first/last addresses, first-seen time, typed targets', () => {
    const state: MonitorHistoryState = {
      histories: new Map([
        ['sip:gw1.litwareinc.com:5060;transport=tcp', history([sample(NOW - 60_000), sample(NOW, 'timeout', '192.0.2.11')], ['192.0.2.10'], ['192.0.2.11'])],
        ['sip:192.0.2.99', history([sample(NOW - 1000, 'refused', '192.0.2.99')], null, null)],
      ]),
      typed: ['sip:192.0.2.99'],
    };
    const text = JSON.stringify(encodeHistory(state, NOW));
    const back = decodeHistory(text);
    assert.ok(back.ok);
    assert.equal(back.savedAt, NOW);
    assert.deepEqual(back.state.typed, ['sip:192.0.2.99']);
    assert.deepEqual([...back.state.histories], [...state.histories]);
  });

  it('keeps at most maxSamples per target, drops samples older than a week, and keeps the most recent targets', () => {
    const old = NOW - MAX_SAMPLE_AGE_MS - 1;
    const state: MonitorHistoryState = {
      histories: new Map([
        ['sip:a', history([sample(old), sample(NOW - 3000), sample(NOW - 2000), sample(NOW - 1000)])],
        ['sip:b', history([sample(old)])],
        ['sip:c', history([sample(old)], null, null)],
        ['sip:d', history([sample(NOW - 500)])],
      ]),
      typed: [],
    };
    const bounded = boundHistory(state, NOW, 2, 2);
    // d and a are the two most recently probed; b kept its first address but is third; c held nothing.
    assert.deepEqual([...bounded.histories.keys()], ['sip:d', 'sip:a']);
    assert.deepEqual(
      bounded.histories.get('sip:a')!.samples.map((s) => s.at),
      [NOW - 2000, NOW - 1000],
    );
    const wide = boundHistory(state, NOW, 10, 10);
    assert.deepEqual(wide.histories.get('sip:b')!.samples, [], 'the week-old sample is gone');
    assert.deepEqual(wide.histories.get('sip:b')!.firstAddresses, ['192.0.2.10'], 'the first-seen address stays');
    assert.equal(wide.histories.has('sip:c'), false);
  });

  it('refuses a file that is not JSON, not ours, of another version, or with a malformed sample', () => {
    const good = encodeHistory({ histories: new Map([['sip:a', history([sample(NOW)])]]), typed: [] }, NOW);
    const cases: [string, string, RegExp][] = [
      ['torn', JSON.stringify(good).slice(0, 40), /^not JSON/],
      ['foreign', JSON.stringify({ hello: 'world' }), /^format is null, not umc-gateway-monitor-history/],
      ['a snapshot', JSON.stringify({ format: 'umc-snapshot', version: 1 }), /format is "umc-snapshot"/],
      ['version 2', JSON.stringify({ ...good, version: 2 }), /^version 2 is not 1/],
      ['bad status', JSON.stringify({ ...good, targets: [{ ...good.targets[0]!, samples: [[NOW, 'fine', 1, null]] }] }), /sip:a: a sample is malformed/],
      ['array', '[]', /format is null/],
    ];
    for (const [name, text, reason] of cases) {
      const r = decodeHistory(text);
      assert.equal(r.ok, false, name);
      assert.match((r as { reason: string }).reason, reason, name);
    }
    assert.equal(good.format, MONITOR_HISTORY_FORMAT);
  });
});
