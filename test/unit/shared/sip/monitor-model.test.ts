/** The SIP monitoring model: history bounds, availability, latency, sparkline, and each flag firing and silent. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  appendSample,
  availability,
  clampInterval,
  EMPTY_HISTORY,
  latencyStats,
  MAX_MONITOR_INTERVAL_S,
  MIN_MONITOR_INTERVAL_S,
  type MonitoredTarget,
  monitorFlags,
  sparkline,
  type TargetHistory,
} from '../../../../shared/sip/monitor-model';
import type { ProbeResult } from '../../../../shared/sip/probe-model';

const result = (status: ProbeResult['status'], addresses: string[], rttMs: number | null = status === 'ok' ? 12 : null): ProbeResult => ({
  target: 'sip:x',
  transport: 'udp',
  address: addresses[0] ?? null,
  addresses,
  port: 5060,
  status,
  code: status === 'ok' ? 200 : null,
  reason: null,
  rttMs,
  server: null,
  explanation: '',
  explanationKey: 'probe.explain.ok',
  explanationParams: {},
  tls: null,
});

const history = (...rs: ProbeResult[]): TargetHistory => rs.reduce((h, r, i) => appendSample(h, r, 1000 * (i + 1)), EMPTY_HISTORY);
const peer = (raw: string, host: string, h: TargetHistory, fromTopology = true): MonitoredTarget => ({ raw, host, fromTopology, history: h });

describe('history', () => {
  it('keeps the last max samples, the first resolved addresses and when they were seen', () => {
    let h = EMPTY_HISTORY;
    h = appendSample(h, result('dns-error', []), 1);
    assert.equal(h.firstAddresses, null, 'a probe that resolved nothing sets no first address');
    for (let i = 2; i <= 6; i++) h = appendSample(h, result('ok', [`10.0.0.${i}`]), i, 3);
    assert.deepEqual(
      h.samples.map((s) => s.at),
      [4, 5, 6],
    );
    assert.deepEqual(h.firstAddresses, ['10.0.0.2']);
    assert.equal(h.firstSeenAt, 2);
    assert.deepEqual(h.lastAddresses, ['10.0.0.6']);
    const after = appendSample(h, result('dns-error', []), 7, 3);
    assert.deepEqual(after.lastAddresses, ['10.0.0.6'], 'a failed lookup keeps the last addresses known');
  });

  it('availability and latency over the samples', () => {
    assert.deepEqual(availability([]), { ok: 0, total: 0, percent: null });
    const h = history(result('ok', ['a'], 10), result('timeout', ['a']), result('ok', ['a'], 30), result('sip-error', ['a'], 20));
    assert.deepEqual(availability(h.samples), { ok: 2, total: 4, percent: 50 });
    assert.deepEqual(latencyStats(h.samples), { minMs: 10, medianMs: 20, maxMs: 30 });
    assert.deepEqual(latencyStats(history(result('timeout', ['a'])).samples), { minMs: null, medianMs: null, maxMs: null });
    assert.equal(availability(history(result('ok', ['a']), result('ok', ['a']), result('refused', ['a'])).samples).percent, 66.7);
  });

  it('sparkline points: oldest left, the largest round trip on top, no answer as null', () => {
    const h = history(result('ok', ['a'], 10), result('timeout', ['a']), result('ok', ['a'], 20));
    const pts = sparkline(h.samples, 100, 22);
    assert.deepEqual(
      pts.map((p) => p.x),
      [0, 50, 100],
    );
    assert.equal(pts[1]!.y, null);
    assert.equal(pts[2]!.y, 1, 'the largest at the top (1 px margin)');
    assert.equal(pts[0]!.y, 11);
    assert.deepEqual(sparkline([], 100, 22), []);
    assert.deepEqual(
      sparkline(history(result('ok', ['a'], 5)).samples, 100, 22).map((p) => p.x),
      [50],
    );
  });

  it('the monitor interval is clamped to the contract range', () => {
    assert.equal(clampInterval(1), MIN_MONITOR_INTERVAL_S);
    assert.equal(clampInterval(1e9), MAX_MONITOR_INTERVAL_S);
    assert.equal(clampInterval(15.4), 15);
  });
});

describe('flags', () => {
  it('R-G-08 fires for two topology peers with different names on one address', () => {
    const flags = monitorFlags([peer('sip:gw1', 'gw1.contoso.com', history(result('ok', ['10.1.1.1']))), peer('sip:gw2', 'gw2.contoso.com', history(result('ok', ['10.1.1.1', '10.1.1.2'])))]);
    assert.deepEqual(
      flags.get('sip:gw1')?.map((f) => [f.id, f.severity, f.params.others]),
      [['R-G-08', 'warning', 'gw2.contoso.com']],
    );
    assert.deepEqual(
      flags.get('sip:gw2')?.map((f) => [f.id, f.params.address]),
      [['R-G-08', '10.1.1.1']],
    );
  });

  it('R-G-08 is silent for one host on two ports, for typed targets, and for distinct addresses', () => {
    const one = history(result('ok', ['10.1.1.1']));
    assert.equal(monitorFlags([peer('sip:ex1:5060', 'ex1.contoso.com', one), peer('sips:ex1:5063', 'EX1.contoso.com', one)]).size, 0);
    assert.equal(monitorFlags([peer('sip:gw1', 'gw1.contoso.com', one), peer('sip:typed', 'gw9.contoso.com', one, false)]).size, 0);
    assert.equal(monitorFlags([peer('sip:gw1', 'gw1.contoso.com', one), peer('sip:gw2', 'gw2.contoso.com', history(result('ok', ['10.1.1.2'])))]).size, 0);
  });

  it('address-changed fires for a name whose address set moved, typed or not; silent for a reordering and for an IP literal', () => {
    const moved = history(result('ok', ['10.0.0.1']), result('ok', ['10.0.0.9']));
    assert.deepEqual(
      monitorFlags([peer('sip:gw1', 'gw1.contoso.com', moved)])
        .get('sip:gw1')
        ?.map((f) => [f.id, f.params.before, f.params.after]),
      [['address-changed', '10.0.0.1', '10.0.0.9']],
    );
    assert.equal(monitorFlags([peer('sip:t', 'gw7.contoso.com', moved, false)]).get('sip:t')?.[0]?.id, 'address-changed');
    const reordered = history(result('ok', ['10.0.0.1', '10.0.0.2']), result('ok', ['10.0.0.2', '10.0.0.1']));
    assert.equal(monitorFlags([peer('sip:gw1', 'gw1.contoso.com', reordered)]).size, 0);
    assert.equal(monitorFlags([peer('sip:10.0.0.1', '10.0.0.1', moved)]).size, 0);
  });

  it('R-G-10 fires when the last probe of a topology peer failed; silent once it answers again, and for typed targets', () => {
    const down = history(result('ok', ['10.0.0.1']), result('timeout', ['10.0.0.1']));
    assert.deepEqual(
      monitorFlags([peer('sip:gw1', 'gw1.contoso.com', down)])
        .get('sip:gw1')
        ?.map((f) => [f.id, f.severity, f.params.status]),
      [['R-G-10', 'error', 'timeout']],
    );
    const back = appendSample(down, result('ok', ['10.0.0.1']), 99);
    assert.equal(monitorFlags([peer('sip:gw1', 'gw1.contoso.com', back)]).size, 0);
    assert.equal(monitorFlags([peer('sip:t', 'gw1.contoso.com', down, false)]).size, 0);
  });
});
