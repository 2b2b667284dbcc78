/**
 * The history's channels as the renderer reaches them (the in-memory transport into the real
 * dispatcher and services): the schemas refuse malformed ids and retention values before any handler
 * runs; an unknown capture gets a message naming it; two kept captures compare through the one diff.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../main/compose';
import { memorySettingsStore } from '../../../../main/services/ports';
import { createApi } from '../../../../shared/contract/api';
import type { RawSnapshot } from '../../../../shared/snapshot/format';
import { ROOT } from '../../../support/paths';
import { labRaw } from '../../../support/lab';

const ORIGIN = 'app://umc';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true };
const dir = mkdtempSync(join(tmpdir(), 'umc-history-channels-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function servicesIn(name: string): MainServices {
  return createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings: memorySettingsStore(), auditPath: join(dir, `${name}.jsonl`), historyDir: join(dir, name) });
}

describe('history.* channels', () => {
  it('the schemas refuse a malformed id, an extra field, a retention out of range: no handler runs', async () => {
    const services = servicesIn('schema');
    try {
      const t = services.transportFor(sender);
      for (const payload of [
        { older: '../index', newer: '20261207T014500Z-abcdef' },
        { older: '20261207T014500Z-abcdef' },
        { older: '20261207T014500Z-abcdef', newer: '20261207T014501Z-abcdef', x: 1 },
      ]) {
        const r = await t('history.compare', payload as never);
        assert.equal(!r.ok && r.error.code, 'invalid-payload', JSON.stringify(payload));
      }
      for (const payload of [{ keepCount: 0, keepDays: null }, { keepCount: 1.5, keepDays: null }, { keepCount: null, keepDays: 100_000 }, { keepCount: 3 }]) {
        const r = await t('history.setRetention', payload as never);
        assert.equal(!r.ok && r.error.code, 'invalid-payload', JSON.stringify(payload));
      }
    } finally {
      await services.dispose();
    }
  });

  it('an unknown capture id, or the same capture twice: a clear message naming what is wrong', async () => {
    const services = servicesIn('unknown');
    try {
      const t = services.transportFor(sender);
      const r = await t('history.compare', { older: '20261207T014500Z-abcdef', newer: '20261207T014501Z-abcdef' });
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error.message : '', /There is no capture 20261207T014500Z-abcdef in the history/);
      const same = await t('history.compare', { older: '20261207T014500Z-abcdef', newer: '20261207T014500Z-abcdef' });
      assert.match(!same.ok ? same.error.message : '', /Choose two different captures/);
    } finally {
      await services.dispose();
    }
  });

  it('two kept captures: the list newest first with its timeline, and their comparison names the change (older → newer whatever the order asked)', async () => {
    const services = servicesIn('compare');
    try {
      const api = createApi(services.transportFor(sender));
      assert.deepEqual((await api.history.list()).entries, []);
      const first = labRaw();
      const second = labRaw();
      second.capturedAt = '2026-12-03T09:00:00.000Z';
      const plan = second.exchange.dialPlans.objects.find((p: { Name: string }) => p.Name === 'Litware-SIP-Secured');
      plan.VoIPSecurity = 'Unsecured';
      const a = await services.history.record({ snapshot: first as RawSnapshot, source: { kind: 'lab', label: 'lab:' }, origin: 'gui' });
      const b = await services.history.record({ snapshot: second as RawSnapshot, source: { kind: 'lab', label: 'lab:' }, origin: 'cli' });
      const view = await api.history.list();
      assert.deepEqual(
        view.entries.map((e) => e.id),
        [b.entry.id, a.entry.id],
      );
      assert.deepEqual(
        view.timeline.map((p) => p.id),
        [a.entry.id, b.entry.id],
      );
      assert.equal(view.lastClean, a.entry.id);
      const c = await api.history.compare({ older: b.entry.id, newer: a.entry.id });
      assert.equal(c.older.id, a.entry.id);
      assert.equal(c.newer.id, b.entry.id);
      const dialPlans = c.diff.sections.find((s) => s.cmdlet === 'Get-UMDialPlan');
      const change = dialPlans?.changed.find((o) => o.label.includes('Litware-SIP-Secured'));
      assert.deepEqual(
        change?.properties.map((p) => [p.property, p.old, p.new]),
        [['VoIPSecurity', 'Secured', 'Unsecured']],
      );
      assert.equal(c.diff.hasChanges, true);
    } finally {
      await services.dispose();
    }
  });
});
