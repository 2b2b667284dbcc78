/**
 * The Gateways service: lab targets are listed but never handed to the prober; typed
 * targets are parsed (a malformed one refused with its reason) and probed in the background with
 * progress; dispose stops a running sweep; the monitor sweeps on its interval, keeps a bounded
 * history per target and derives the R-G-08 / R-G-10 / address-changed flags from it.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createEventHub } from '../../../../main/ipc/event-hub';
import { createGatewayService, type SweepFunction } from '../../../../main/services/gateway-service';
import type { GatewaysProgress } from '../../../../shared/sip/gateway-channels';
import { createOrgService } from '../../../../main/services/org-service';
import { labSnapshotPath, loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import { UserError } from '../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../shared/model/org';
import type { ProbeResult, ProbeTarget } from '../../../../shared/sip/probe-model';
import { topologyTargets } from '../../../../shared/sip/topology-targets';

const ROOT = join(__dirname, '..', '..', '..', '..');

function fakeResult(t: ProbeTarget): ProbeResult {
  return {
    target: t.raw,
    transport: t.transport,
    address: '127.0.0.1',
    addresses: ['127.0.0.1'],
    port: t.port,
    status: 'ok',
    code: 200,
    reason: 'OK',
    rttMs: 1,
    server: 'fake',
    explanation: 'ok',
    explanationKey: 'probe.explain.ok',
    explanationParams: {},
    tls: null,
  };
}

/** A prober stand-in: records every target it is given (nothing is sent anywhere). */
function recordingSweep() {
  const seen: ProbeTarget[] = [];
  const sweep: SweepFunction = async (targets, options) => {
    const out: ProbeResult[] = [];
    for (const [i, t] of targets.entries()) {
      seen.push(t);
      const r = fakeResult(t);
      out.push(r);
      options.onResult?.(r, i);
    }
    return out;
  };
  return { seen, sweep };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let lab: OrgModel;
before(async () => {
  lab = await loadSnapshotFile(labSnapshotPath(ROOT), 'lab');
});

describe('gateway service on the lab org', () => {
  it('lists every topology target, marked not probeable, and the lab flag', async () => {
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep: recordingSweep().sweep });
    const v = await s.targets();
    assert.equal(v.lab, true);
    const expected = topologyTargets(lab);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      v.targets.map((t) => t.raw),
      expected.map((t) => t.raw),
    );
    for (const t of v.targets) {
      assert.equal(t.probeable, false);
      assert.equal(t.notProbeableReason, 'lab');
      assert.equal(t.source, 'topology');
      assert.ok(t.label);
    }
  });

  it('never hands a lab target to the prober: only typed targets are probed', async () => {
    const { seen, sweep } = recordingSweep();
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep });
    await s.addTarget('sip:127.0.0.1:5999;transport=tcp');
    const started = await s.startSweep({ typed: ['sips:[::1]:5061'], includeTopology: true, timeoutMs: 1000, concurrency: 4 });
    assert.equal(started.total, 2);
    await until(() => !s.progress().running);
    assert.deepEqual(
      seen.map((t) => t.raw),
      ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061'],
    );
    const labHosts = new Set(topologyTargets(lab).map((t) => t.host.toLowerCase()));
    assert.ok(seen.every((t) => !labHosts.has(t.host.toLowerCase())));
    const p = s.progress();
    assert.equal(p.done, 2);
    assert.deepEqual(Object.keys(p.results).sort(), ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061']);
  });

  it('publishes gateways.progress: the idle state at once, the sweep while it runs, the final state always', async () => {
    const hub = createEventHub({ intervalMs: 20 });
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep: recordingSweep().sweep, events: hub });
    const seen: GatewaysProgress[] = [];
    hub.subscribe('gateways.progress', (p) => seen.push(p));
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.running, false);
    await s.startSweep({ typed: ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061'], includeTopology: true, timeoutMs: 1000, concurrency: 4 });
    await until(() => seen.at(-1)?.running === false && seen.at(-1)?.done === 2);
    const last = seen.at(-1)!;
    assert.deepEqual(Object.keys(last.results).sort(), ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061']);
    assert.ok(last.history?.['sips:[::1]:5061'], 'the event carries the history');
    assert.deepEqual(last, s.progress(), 'the last event is the state the service holds');
    hub.dispose();
  });

  it('with only lab targets, a sweep sends nothing and ends at once', async () => {
    const { seen, sweep } = recordingSweep();
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep });
    const p = await s.startSweep({ includeTopology: true, timeoutMs: 1000, concurrency: 4 });
    assert.deepEqual({ running: p.running, done: p.done, total: p.total }, { running: false, done: 0, total: 0 });
    assert.equal(seen.length, 0);
  });
});

describe('gateway service on a real org', () => {
  it('probes the topology targets when asked, and only the typed ones otherwise', async () => {
    const real: OrgModel = { ...lab, source: { ...lab.source, kind: 'snapshot' } };
    const { seen, sweep } = recordingSweep();
    const s = createGatewayService({ org: createOrgService(async () => real), sweep });
    const v = await s.targets();
    assert.equal(v.lab, false);
    assert.ok(v.targets.every((t) => t.probeable));
    await s.addTarget('sip:127.0.0.1');
    await s.startSweep({ includeTopology: false, timeoutMs: 1000, concurrency: 4 });
    await until(() => !s.progress().running);
    assert.deepEqual(
      seen.map((t) => t.raw),
      ['sip:127.0.0.1'],
    );
    seen.length = 0;
    await s.startSweep({ includeTopology: true, timeoutMs: 1000, concurrency: 4 });
    await until(() => !s.progress().running);
    assert.equal(seen.length, topologyTargets(real).length + 1);
  });
});

describe('typed targets', () => {
  it('refuses a malformed target with the parse reason, keeps well-formed ones once, removes them', async () => {
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep: recordingSweep().sweep });
    await assert.rejects(s.addTarget('sip:gw01:99999'), (e: unknown) => e instanceof UserError && e.detail.key === 'probe.target.port' && /out of range/.test(e.message));
    await assert.rejects(s.addTarget('http://x'), (e: unknown) => e instanceof UserError && e.detail.key === 'probe.target.syntax');
    await s.addTarget('  sip:gw.example.net:5060;transport=udp ');
    const v = await s.addTarget('SIP:GW.example.net:5060;transport=udp');
    const typed = v.targets.filter((t) => t.source === 'typed');
    assert.equal(typed.length, 1);
    assert.deepEqual(typed[0], {
      raw: 'sip:gw.example.net:5060;transport=udp',
      host: 'gw.example.net',
      port: 5060,
      transport: 'udp',
      source: 'typed',
      ref: null,
      label: null,
      probeable: true,
      notProbeableReason: null,
      tlsProfile: null,
    });
    const after = await s.removeTarget('sip:gw.example.net:5060;transport=udp');
    assert.equal(after.targets.filter((t) => t.source === 'typed').length, 0);
  });
});

describe('sweep lifecycle', () => {
  it('a second start while one runs leaves it alone; dispose aborts it', async () => {
    let calls = 0;
    let aborted = false;
    const sweep: SweepFunction = (_targets, options) => {
      calls++;
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(options.signal?.reason);
        });
      });
    };
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep });
    await s.addTarget('sip:127.0.0.1:5999');
    assert.equal((await s.startSweep({ includeTopology: true, timeoutMs: 1000, concurrency: 1 })).running, true);
    assert.equal((await s.startSweep({ includeTopology: true, timeoutMs: 1000, concurrency: 1 })).running, true);
    assert.equal(calls, 1);
    await s.dispose();
    assert.equal(aborted, true);
    assert.equal(s.progress().running, false);
  });

  it('with the real prober, a closed loopback TCP port is refused', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const s = createGatewayService({ org: createOrgService(async () => lab) });
    await s.startSweep({ typed: [`sip:127.0.0.1:${port};transport=tcp`], includeTopology: true, timeoutMs: 2000, concurrency: 2 });
    await until(() => !s.progress().running);
    const p = s.progress();
    assert.equal(p.done, 1);
    assert.equal(p.results[`sip:127.0.0.1:${port};transport=tcp`]?.status, 'refused');
    await s.dispose();
  });
});

/** A prober stand-in answering from a table the test changes between rounds: raw → addresses and status. */
function scriptedSweep(table: Map<string, { addresses: string[]; status: ProbeResult['status'] }>) {
  let sweeps = 0;
  const sweep: SweepFunction = async (targets, options) => {
    sweeps++;
    return targets.map((t, i) => {
      const row = table.get(t.raw) ?? { addresses: ['192.0.2.1'], status: 'ok' as const };
      const r: ProbeResult = { ...fakeResult(t), address: row.addresses[0] ?? null, addresses: row.addresses, status: row.status, rttMs: row.status === 'ok' ? 10 + i : null };
      options.onResult?.(r, i);
      return r;
    });
  };
  return { sweep, sweeps: () => sweeps };
}

describe('monitoring', () => {
  const real = (): OrgModel => ({ ...lab, source: { ...lab.source, kind: 'snapshot' } });

  it('sweeps on its interval, keeps a bounded history, and stops', async () => {
    const { sweep, sweeps } = scriptedSweep(new Map());
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep, maxSamples: 3 });
    await s.addTarget('sip:192.0.2.10');
    const started = await s.startMonitor({ intervalS: 0.05, timeoutMs: 100, concurrency: 2 });
    assert.equal(started.monitor.active, true);
    await until(() => sweeps() >= 5);
    const p = s.progress();
    assert.ok(p.monitor.rounds >= 5);
    const h = p.history?.['sip:192.0.2.10'];
    assert.ok(h);
    assert.equal(h.recent.length, 3, 'only the last 3 samples are kept');
    assert.deepEqual(h.availability, { ok: 3, total: 3, percent: 100 });
    assert.equal(h.latency.minMs, 10);
    const stopped = s.stopMonitor();
    assert.equal(stopped.monitor.active, false);
    await until(() => !s.progress().running);
    const n = sweeps();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(sweeps(), n, 'no sweep after stop');
    // The revision the caller holds → no history in the answer; an older one → the history.
    const rev = s.progress().revision;
    assert.equal(s.progress(rev).history, null);
    assert.ok(s.progress(rev - 1).history?.['sip:192.0.2.10']);
    await s.dispose();
  });

  it('on the lab org, monitoring sends nothing for the lab hosts either', async () => {
    const { seen, sweep } = recordingSweep();
    const s = createGatewayService({ org: createOrgService(async () => lab), sweep });
    await s.startMonitor({ intervalS: 0.05, timeoutMs: 100, concurrency: 2 });
    await new Promise((r) => setTimeout(r, 200));
    await s.dispose();
    assert.equal(seen.length, 0);
    assert.deepEqual(s.progress().history, {});
  });

  it('flags two topology peers on one address (R-G-08), an address that moved, and a peer not answering (R-G-10)', async () => {
    const org = real();
    const targets = topologyTargets(org);
    const byHost = new Map<string, string>();
    for (const t of targets) if (!byHost.has(t.host.toLowerCase())) byHost.set(t.host.toLowerCase(), t.raw);
    const [a, b, c] = [...byHost.values()];
    assert.ok(a && b && c, 'the lab topology has at least three distinct hosts');
    const table = new Map<string, { addresses: string[]; status: ProbeResult['status'] }>();
    // Every host on its own address, then a and b share one, c moves and stops answering.
    targets.forEach((t, i) => table.set(t.raw, { addresses: [`198.51.100.${i + 1}`], status: 'ok' }));
    const { sweep } = scriptedSweep(table);
    const s = createGatewayService({ org: createOrgService(async () => org), sweep });
    await s.startSweep({ includeTopology: true, timeoutMs: 100, concurrency: 4 });
    await until(() => !s.progress().running);
    const first = s.progress().history!;
    assert.ok(
      Object.values(first).every((h) => h.flags.length === 0),
      'no flag when every peer has its own address and answers',
    );

    table.set(b, { addresses: table.get(a)!.addresses, status: 'ok' });
    table.set(c, { addresses: ['203.0.113.9'], status: 'timeout' });
    await s.startSweep({ includeTopology: true, timeoutMs: 100, concurrency: 4 });
    await until(() => !s.progress().running);
    const h = s.progress().history!;
    const ids = (raw: string) => h[raw]!.flags.map((f) => f.id).sort();
    assert.deepEqual(ids(a), ['R-G-08']);
    assert.deepEqual(ids(b), ['R-G-08', 'address-changed']);
    assert.deepEqual(ids(c), ['R-G-10', 'address-changed']);
    const shared = h[a]!.flags[0]!;
    assert.equal(shared.params.address, table.get(a)!.addresses[0]);
    assert.equal(h[c]!.availability.percent, 50);
    await s.dispose();
  });
});
