import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GatewaysProgress, GatewayTarget } from '../../../../../shared/sip/gateway-channels';
import type { ProbeResult } from '../../../../../shared/sip/probe-model';
import { filledColumns, gatewayRows, percentDone, probeableCount, secondsUntil, sparkPath, statusColor, uriBreakPieces } from '../../../../../renderer/src/screens/gateways/gateway-rows';

const target = (raw: string, probeable: boolean): GatewayTarget => ({
  raw,
  host: 'h',
  port: 5060,
  transport: 'udp',
  source: probeable ? 'typed' : 'topology',
  ref: null,
  label: null,
  probeable,
  notProbeableReason: probeable ? null : 'lab',
  tlsProfile: null,
});
const result = (raw: string, status: ProbeResult['status']): ProbeResult => ({
  target: raw,
  transport: 'udp',
  address: '127.0.0.1',
  addresses: ['127.0.0.1'],
  port: 5060,
  status,
  code: null,
  reason: null,
  rttMs: null,
  server: null,
  explanation: '',
  explanationKey: 'probe.explain.ok',
  explanationParams: {},
  tls: null,
});
const progress = (running: boolean, results: ProbeResult[], total = results.length, monitoring = false): GatewaysProgress => ({
  running,
  done: results.length,
  total,
  results: Object.fromEntries(results.map((r) => [r.target, r])),
  monitor: { active: monitoring, intervalS: monitoring ? 15 : null, rounds: 0, nextAt: null },
  revision: results.length,
  history: null,
  historyNotice: null,
});

describe('gateway rows', () => {
  it('a lab target is never probed, even with a result of the same raw', () => {
    const rows = gatewayRows([target('a', false)], progress(false, [result('a', 'ok')]));
    assert.equal(rows[0]!.status, 'not-probed');
    assert.equal(rows[0]!.result, null);
  });

  it('pending while the sweep runs, then its status; not probed before any sweep', () => {
    const ts = [target('a', true), target('b', true)];
    assert.deepEqual(
      gatewayRows(ts, null).map((r) => r.status),
      ['not-probed', 'not-probed'],
    );
    assert.deepEqual(
      gatewayRows(ts, progress(true, [result('a', 'refused')], 2)).map((r) => r.status),
      ['refused', 'pending'],
    );
    assert.deepEqual(
      gatewayRows(ts, progress(false, [result('a', 'refused'), result('b', 'ok')])).map((r) => r.status),
      ['refused', 'ok'],
    );
  });

  it('colours, percent, polling and the probeable count', () => {
    assert.equal(statusColor('ok'), 'success');
    assert.equal(statusColor('sip-error'), 'warning');
    assert.equal(statusColor('refused'), 'error');
    assert.equal(statusColor('tls-error'), 'error');
    assert.equal(statusColor('not-probed'), 'default');
    assert.equal(percentDone(null), 0);
    assert.equal(percentDone(progress(false, [], 0)), 100);
    assert.equal(percentDone(progress(true, [result('a', 'ok')], 3)), 33);
    assert.equal(probeableCount([target('a', true), target('b', false)]), 1);
  });
});

describe('monitor helpers', () => {
  it('the countdown rounds up and never goes negative', () => {
    assert.equal(secondsUntil(null, 1000), null);
    assert.equal(secondsUntil(5_500, 1_000), 5);
    assert.equal(secondsUntil(5_001, 1_000), 5);
    assert.equal(secondsUntil(900, 1_000), 0);
  });

  it('the sparkline path joins answered probes and breaks at a probe without answer', () => {
    assert.equal(sparkPath([]), '');
    assert.equal(
      sparkPath([
        { x: 0, y: 10 },
        { x: 5, y: 2 },
      ]),
      'M0 10L5 2',
    );
    assert.equal(
      sparkPath([
        { x: 0, y: 10 },
        { x: 5, y: null },
        { x: 10, y: 4 },
        { x: 15, y: 6 },
      ]),
      'M0 10M10 4L15 6',
    );
  });
});

describe('the columns a 1366-px window can afford', () => {
  it('before any probe only the fixed columns are shown: every result column would be empty', () => {
    const rows = gatewayRows([target('a', false), target('b', true)], null);
    assert.deepEqual([...filledColumns(rows, {})], []);
  });

  it('a refused probe fills no answer, round trip or server; its address is shown', () => {
    const rows = gatewayRows([target('a', true)], progress(false, [result('a', 'refused')]));
    assert.deepEqual([...filledColumns(rows, {})], ['address']);
  });

  it('an answer fills its columns; the monitor adds availability and history', () => {
    const answered: ProbeResult = { ...result('a', 'ok'), code: 200, reason: 'OK', rttMs: 3.2, server: 'Kamailio (5.7)' };
    const rows = gatewayRows([target('a', true)], progress(false, [answered]));
    const history = { a: { availability: { percent: 100 }, recent: [{}] } };
    assert.deepEqual([...filledColumns(rows, history)].sort(), ['address', 'answer', 'availability', 'history', 'rtt', 'server']);
  });
});

describe('where a SIP URI may wrap', () => {
  it('between the scheme, host labels, port and parameters — never inside a label', () => {
    assert.deepEqual(uriBreakPieces('sips:sbc-edge-branch-office-01.fabrikam-telecom.example:5067;transport=tls'), [
      'sips:',
      'sbc-edge-branch-office-01.',
      'fabrikam-telecom.',
      'example',
      ':5067',
      ';transport=tls',
    ]);
  });

  it('keeps an IPv6 literal whole and splits after the user part', () => {
    assert.deepEqual(uriBreakPieces('sip:[2001:db8::1]:5060'), ['sip:', '[2001:db8::1]', ':5060']);
    assert.deepEqual(uriBreakPieces('sip:ex.umc@litwareinc.com;transport=tcp'), ['sip:', 'ex.', 'umc@', 'litwareinc.', 'com', ';transport=tcp']);
  });

  it('the pieces put together are the URI, character for character', () => {
    for (const uri of ['sip:10.0.0.1', 'sip:127.0.0.1:5999;transport=tcp', 'atl-cs-001.litwareinc.com:5068']) assert.equal(uriBreakPieces(uri).join(''), uri);
  });
});
