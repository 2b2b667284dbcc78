/**
 * The Gateways service (issue 5): lab targets are listed but never handed to the prober; typed
 * targets are parsed (a malformed one refused with its reason) and probed in the background with
 * progress; dispose stops a running sweep.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createGatewayService, type SweepFunction } from '../../../../main/services/gateway-service';
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
    assert.deepEqual(v.targets.map((t) => t.raw), expected.map((t) => t.raw));
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
    assert.deepEqual(seen.map((t) => t.raw), ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061']);
    const labHosts = new Set(topologyTargets(lab).map((t) => t.host.toLowerCase()));
    assert.ok(seen.every((t) => !labHosts.has(t.host.toLowerCase())));
    const p = s.progress();
    assert.equal(p.done, 2);
    assert.deepEqual(Object.keys(p.results).sort(), ['sip:127.0.0.1:5999;transport=tcp', 'sips:[::1]:5061']);
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
    assert.deepEqual(seen.map((t) => t.raw), ['sip:127.0.0.1']);
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
    });
    const after = await s.removeTarget('sip:gw.example.net:5060;transport=udp');
    assert.equal(after.targets.filter((t) => t.source === 'typed').length, 0);
  });
});

describe('sweep lifecycle', () => {
  it('a second start while one runs leaves it alone; dispose aborts it', async () => {
    let calls = 0;
    let aborted = false;
    const sweep: SweepFunction = (targets, options) => {
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
