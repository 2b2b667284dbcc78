/**
 * The gateway monitor's history across restarts: written by the gateway service to the user-data
 * folder (a temp dir here), read again by a new service over the same folder before any probe (the
 * typed targets with it), bounded, written in few debounced writes, and a corrupt or foreign file
 * gives a notice and an empty history, never a crash.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGatewayService, type SweepFunction } from '../../../../../main/services/gateway-service';
import { createOrgService } from '../../../../../main/services/org-service';
import { createMonitorHistoryStore, monitorHistoryPath } from '../../../../../main/services/sip/monitor-history-store';
import { labSnapshotPath, loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import type { Logger } from '../../../../../main/ports';
import type { OrgModel } from '../../../../../shared/model/org';
import { decodeHistory } from '../../../../../shared/sip/monitor-history-file';
import type { TargetHistory } from '../../../../../shared/sip/monitor-model';
import type { ProbeResult } from '../../../../../shared/sip/probe-model';
import { topologyTargets } from '../../../../../shared/sip/topology-targets';
import { ROOT } from '../../../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'umc-monitor-history-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let org: OrgModel;
before(async () => {
  const lab = await loadSnapshotFile(labSnapshotPath(ROOT), 'lab');
  // A snapshot (not the lab): its topology targets are probeable, by the scripted sweep below only.
  org = { ...lab, source: { ...lab.source, kind: 'snapshot' } };
});

/** Answers every target from a table (nothing is sent anywhere); the clock is the test's. */
function scripted(statusOf: (raw: string) => ProbeResult['status'] = () => 'ok') {
  const sweep: SweepFunction = async (targets, options) =>
    targets.map((t, i) => {
      const status = statusOf(t.raw);
      const r: ProbeResult = {
        target: t.raw,
        transport: t.transport,
        address: '192.0.2.10',
        addresses: ['192.0.2.10'],
        port: t.port,
        status,
        code: status === 'ok' ? 200 : null,
        reason: null,
        rttMs: status === 'ok' ? 7 : null,
        server: null,
        explanation: '',
        explanationKey: 'probe.explain.ok',
        explanationParams: {},
        tls: null,
      };
      options.onResult?.(r, i);
      return r;
    });
  return sweep;
}

async function untilIdle(s: { progress(): { running: boolean } }) {
  while (s.progress().running) await new Promise((r) => setTimeout(r, 5));
}

function capturingLogger() {
  const lines: { level: string; message: string; fields?: Readonly<Record<string, unknown>> }[] = [];
  const logger: Logger = { log: (level, message, fields) => lines.push({ level, message, fields }) };
  return { lines, logger };
}

describe('gateway monitor history across restarts', () => {
  it('a new service over the same folder shows the kept history and the typed targets before any probe', async () => {
    const path = monitorHistoryPath(join(dir, 'restart'));
    let clock = Date.UTC(2026, 11, 7, 1, 0, 0);
    const first = createGatewayService({ org: createOrgService(async () => org), sweep: scripted(), historyPath: path, historyDebounceMs: 60_000, clock: { now: () => new Date(clock) } });
    await first.addTarget('sip:192.0.2.10:5070;transport=tcp');
    for (let i = 0; i < 3; i++) {
      await first.startSweep({ includeTopology: true, timeoutMs: 100, concurrency: 4 });
      await untilIdle(first);
      clock += 60_000;
    }
    const before = first.progress().history!;
    await first.dispose();

    const second = createGatewayService({ org: createOrgService(async () => org), sweep: scripted(), historyPath: path, clock: { now: () => new Date(clock) } });
    const view = await second.targets();
    assert.equal(view.targets[0]!.raw, 'sip:192.0.2.10:5070;transport=tcp', 'the typed target is back, first');
    const kept = second.progress().history!;
    assert.deepEqual(Object.keys(kept).sort(), Object.keys(before).sort());
    const typed = kept['sip:192.0.2.10:5070;transport=tcp']!;
    assert.equal(typed.recent.length, 3);
    assert.deepEqual(typed.availability, { ok: 3, total: 3, percent: 100 });
    assert.equal(typed.firstSeenAt, Date.UTC(2026, 11, 7, 1, 0, 0));
    assert.deepEqual(typed.lastAddresses, ['192.0.2.10']);
    assert.equal(second.progress().historyNotice, null);
    const histories = await second.monitorHistories();
    assert.equal(histories.size, topologyTargets(org).length + 1);
    await second.dispose();
  });

  it('keeps MAX_SAMPLES per target on disk too, and a removed typed target is gone after the restart', async () => {
    const path = monitorHistoryPath(join(dir, 'bounds'));
    const first = createGatewayService({ org: createOrgService(async () => org), sweep: scripted(), historyPath: path, maxSamples: 2 });
    await first.addTarget('sip:192.0.2.20');
    await first.addTarget('sip:192.0.2.21');
    for (let i = 0; i < 4; i++) {
      await first.startSweep({ includeTopology: false, timeoutMs: 100, concurrency: 4 });
      await untilIdle(first);
    }
    await first.removeTarget('sip:192.0.2.21');
    await first.dispose();
    const file = decodeHistory(readFileSync(path, 'utf8'));
    assert.ok(file.ok);
    assert.deepEqual(file.state.typed, ['sip:192.0.2.20']);
    assert.deepEqual([...file.state.histories.keys()], ['sip:192.0.2.20']);
    assert.equal(file.state.histories.get('sip:192.0.2.20')!.samples.length, 2);
  });

  for (const [name, text] of [
    ['torn', '{"format":"umc-gateway-monitor-history","version":1,"savedAt":17'],
    ['foreign', JSON.stringify({ format: 'umc-snapshot', formatVersion: 1 })],
  ] as const) {
    it(`a ${name} file: a notice and a log line, an empty history, and the next write replaces it`, async () => {
      const path = monitorHistoryPath(join(dir, name));
      const folder = join(dir, name, 'gateways');
      rmSync(folder, { recursive: true, force: true });
      await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
      writeFileSync(path, text);
      const { lines, logger } = capturingLogger();
      const s = createGatewayService({ org: createOrgService(async () => org), sweep: scripted(), historyPath: path, logger });
      await s.targets();
      assert.deepEqual(s.progress().historyNotice, { key: 'gatewayHistory.notice.refused', params: { file: path } });
      assert.deepEqual(s.progress().history, {});
      assert.ok(lines.some((l) => l.level === 'warn' && l.message === 'gateway monitor history ignored: starting empty' && typeof l.fields?.reason === 'string'));
      await s.startSweep({ includeTopology: true, timeoutMs: 100, concurrency: 4 });
      await untilIdle(s);
      await s.dispose();
      const back = decodeHistory(readFileSync(path, 'utf8'));
      assert.ok(back.ok, 'replaced by a valid history');
      assert.equal(back.state.histories.size, topologyTargets(org).length);
    });
  }
});

describe('monitor history store', () => {
  it('coalesces the changes of a 300-result sweep into one write; flush with nothing new writes nothing', async () => {
    const path = join(dir, 'debounce', 'gateways', 'monitor-history.json');
    const histories = new Map<string, TargetHistory>();
    const store = createMonitorHistoryStore({ path, current: () => ({ histories, typed: [] }), now: () => Date.UTC(2026, 11, 7), debounceMs: 60_000 });
    for (let i = 0; i < 300; i++) {
      histories.set(`sip:192.0.2.${i % 250}:${5060 + i}`, {
        samples: [{ at: Date.UTC(2026, 11, 7), status: 'ok', rttMs: 3, address: '192.0.2.1' }],
        firstAddresses: ['192.0.2.1'],
        firstSeenAt: Date.UTC(2026, 11, 7),
        lastAddresses: ['192.0.2.1'],
      });
      store.changed();
    }
    assert.equal(store.writes(), 0, 'nothing written while the debounce runs');
    await store.flush();
    assert.equal(store.writes(), 1);
    await store.flush();
    assert.equal(store.writes(), 1, 'nothing changed since: no second write');
    const back = decodeHistory(readFileSync(path, 'utf8'));
    assert.ok(back.ok);
    assert.equal(back.state.histories.size, 300);
    await store.dispose();
  });

  it('a missing file is no history and no notice', async () => {
    const store = createMonitorHistoryStore({ path: join(dir, 'absent', 'monitor-history.json'), current: () => ({ histories: new Map(), typed: [] }), now: () => 0 });
    assert.deepEqual(await store.load(), { kind: 'none' });
    await store.dispose();
  });
});
