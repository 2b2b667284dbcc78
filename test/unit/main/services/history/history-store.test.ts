/**
 * The capture history on disk: each capture kept with its counts, the retention applied after each new
 * capture (never the one just made), entries that cannot be read reported while the rest stays usable,
 * and the index never half written. Real files in a temp folder, the lab org as the capture.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createHistoryStore, type HistoryStore, issuesOf, RETENTION_SETTINGS } from '../../../../../main/services/history/history-store';
import { analyseOrg } from '../../../../../main/services/org-service';
import { memorySettingsStore, type SettingsStore } from '../../../../../main/services/ports';
import { silentLogger } from '../../../../../main/ports';
import { UserError } from '../../../../../shared/i18n/translate';
import type { RawSnapshot } from '../../../../../shared/snapshot/format';
import { labOrg, labRaw } from '../../../../support/lab';

const root = mkdtempSync(join(tmpdir(), 'umc-history-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** The lab snapshot as captured at `at` (each test its own copy). */
function capture(at: string, edit?: (raw: Record<string, any>) => void): RawSnapshot {
  const raw = labRaw();
  raw.capturedAt = at;
  edit?.(raw);
  return raw as RawSnapshot;
}

function storeIn(o: { settings?: SettingsStore; now?: string; writeIndex?: (p: string, t: string) => Promise<unknown> } = {}): { store: HistoryStore; dir: string } {
  const dir = join(root, `h${++n}`);
  const store = createHistoryStore({
    dir,
    settings: o.settings ?? memorySettingsStore(),
    clock: { now: () => new Date(o.now ?? '2026-12-07T12:00:00.000Z') },
    logger: silentLogger,
    writeIndex: o.writeIndex,
  });
  return { store, dir };
}

const files = (dir: string) => (existsSync(join(dir, 'captures')) ? readdirSync(join(dir, 'captures')).sort() : []);
const day = (d: number) => new Date(Date.parse('2026-12-07T09:00:00.000Z') - d * 86_400_000).toISOString();
const src = { kind: 'lab', label: 'lab:' } as const;

describe('recording a capture', () => {
  test('its snapshot file and an index entry: time, source, who, the findings counts the Checks screen shows, the read issues', async () => {
    const { store, dir } = storeIn();
    const { entry, deleted } = await store.record({ snapshot: capture(day(0)), source: src, origin: 'gui' });
    assert.deepEqual(deleted, []);
    assert.equal(entry.capturedAt, day(0));
    assert.deepEqual(entry.source, src);
    assert.equal(entry.origin, 'gui');
    assert.deepEqual(entry.counts, analyseOrg(labOrg()).counts);
    assert.deepEqual(entry.issues, { partial: 0, notRead: 0, failed: 0, skipped: 0 });
    assert.deepEqual(files(dir), [`${entry.id}.umcsnap.json`]);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'captures', `${entry.id}.umcsnap.json`), 'utf8')), capture(day(0)));
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    assert.equal(index.format, 'umc-capture-history');
    assert.deepEqual(index.entries, [entry]);
    assert.deepEqual(await store.read(), { entries: [entry], unreadable: [] });
    assert.equal((await store.snapshot(entry.id)).text, JSON.stringify(capture(day(0))));
  });

  test('a section not read because a call failed, one partial, one unavailable: counted by reason', async () => {
    const raw = capture(day(0), (r) => {
      r.exchange.ipGateways = { ...r.exchange.ipGateways, status: 'not-read', objects: [], notes: [{ text: 'Get-UMIPGateway: access denied', cmdlet: 'Get-UMIPGateway', reason: 'failed' }] };
      r.exchange.huntGroups = { ...r.exchange.huntGroups, status: 'not-read', objects: [], notes: [{ text: 'Get-UMHuntGroup is not available', cmdlet: 'Get-UMHuntGroup', reason: 'unavailable' }] };
      r.skype.certificates = { ...r.skype.certificates, status: 'partial', notes: [{ text: 'one server only', cmdlet: 'Get-CsCertificate' }] };
    });
    assert.deepEqual(issuesOf(raw), { partial: 1, notRead: 2, failed: 1, skipped: 0 });
    const { store } = storeIn();
    assert.deepEqual((await store.record({ snapshot: raw, source: src, origin: 'cli' })).entry.issues, { partial: 1, notRead: 2, failed: 1, skipped: 0 });
  });

  test('a capture that is not a snapshot is refused with the decoder’s message; nothing is kept', async () => {
    const { store, dir } = storeIn();
    const bad = capture(day(0), (r) => (r.formatVersion = 999));
    await assert.rejects(store.record({ snapshot: bad, source: src, origin: 'gui' }), (e: unknown) => e instanceof UserError && e.detail.key === 'snapshot.error.invalid');
    assert.deepEqual(files(dir), []);
    assert.equal(existsSync(join(dir, 'index.json')), false);
  });
});

describe('retention', () => {
  test('keep the last N: applied after each capture; the oldest files and entries go, the newest stays', async () => {
    const { store, dir } = storeIn({ settings: memorySettingsStore({ [RETENTION_SETTINGS.keepCount]: 2, [RETENTION_SETTINGS.keepDays]: null }) });
    const a = await store.record({ snapshot: capture(day(3)), source: src, origin: 'gui' });
    const b = await store.record({ snapshot: capture(day(2)), source: src, origin: 'gui' });
    const c = await store.record({ snapshot: capture(day(1)), source: src, origin: 'cli' });
    assert.deepEqual(c.deleted, [a.entry.id]);
    assert.deepEqual(
      (await store.read()).entries.map((e) => e.id),
      [b.entry.id, c.entry.id],
    );
    assert.deepEqual(files(dir), [`${b.entry.id}.umcsnap.json`, `${c.entry.id}.umcsnap.json`]);
  });

  test('keep D days; the capture just made stays even when its own time is older than D days', async () => {
    const { store } = storeIn({ settings: memorySettingsStore({ [RETENTION_SETTINGS.keepCount]: null, [RETENTION_SETTINGS.keepDays]: 7 }) });
    const recent = await store.record({ snapshot: capture(day(1)), source: src, origin: 'gui' });
    const old = await store.record({ snapshot: capture(day(30)), source: src, origin: 'gui' });
    assert.deepEqual(old.deleted, []);
    assert.deepEqual((await store.read()).entries.map((e) => e.id).sort(), [old.entry.id, recent.entry.id].sort());
    // The next capture applies the limit to it.
    const next = await store.record({ snapshot: capture(day(0)), source: src, origin: 'gui' });
    assert.deepEqual(next.deleted, [old.entry.id]);
  });

  test('the defaults when the settings hold nothing or nonsense; setRetention stores and applies at once, keeping the newest', async () => {
    const settings = memorySettingsStore({ [RETENTION_SETTINGS.keepCount]: -3, [RETENTION_SETTINGS.keepDays]: 'x' });
    const { store } = storeIn({ settings });
    assert.deepEqual(await store.retention(), { keepCount: 60, keepDays: 365 });
    const ids = [];
    for (const d of [4, 3, 2, 1]) ids.push((await store.record({ snapshot: capture(day(d)), source: src, origin: 'gui' })).entry.id);
    assert.deepEqual((await store.setRetention({ keepCount: 1, keepDays: null })).slice().sort(), ids.slice(0, 3).sort());
    assert.deepEqual((await settings.read())[RETENTION_SETTINGS.keepCount], 1);
    assert.deepEqual(await store.retention(), { keepCount: 1, keepDays: null });
    assert.deepEqual(
      (await store.read()).entries.map((e) => e.id),
      [ids[3]],
    );
  });
});

describe('what cannot be read', () => {
  test('a corrupt index entry and a missing file are named; the other entries stay usable', async () => {
    const { store, dir } = storeIn();
    const a = await store.record({ snapshot: capture(day(3)), source: src, origin: 'gui' });
    const b = await store.record({ snapshot: capture(day(2)), source: src, origin: 'gui' });
    const c = await store.record({ snapshot: capture(day(1)), source: src, origin: 'gui' });
    const path = join(dir, 'index.json');
    const index = JSON.parse(readFileSync(path, 'utf8'));
    index.entries[0].counts.error = 'many';
    writeFileSync(path, JSON.stringify(index));
    rmSync(join(dir, 'captures', `${c.entry.id}.umcsnap.json`));
    const read = await store.read();
    assert.deepEqual(
      read.entries.map((e) => e.id),
      [b.entry.id],
    );
    assert.deepEqual(read.unreadable, [
      { id: a.entry.id, reason: { key: 'history.unreadable.entry', params: { position: 1 } } },
      { id: c.entry.id, reason: { key: 'history.unreadable.missingFile', params: { file: `${c.entry.id}.umcsnap.json` } } },
    ]);
    await assert.rejects(store.snapshot(c.entry.id), (e: unknown) => e instanceof UserError && e.detail.key === 'history.error.unreadableCapture');
    await assert.rejects(store.snapshot(a.entry.id), (e: unknown) => e instanceof UserError && e.detail.key === 'history.error.unknownCapture');
    assert.equal((await store.snapshot(b.entry.id)).entry.id, b.entry.id);
  });

  test('an index that is not JSON is named, kept beside, and the next capture starts a new index', async () => {
    const { store, dir } = storeIn();
    await store.record({ snapshot: capture(day(2)), source: src, origin: 'gui' });
    writeFileSync(join(dir, 'index.json'), '{"format":"umc-capture-history","formatVersion":1,"entries":[{"id"');
    const read = await store.read();
    assert.deepEqual(read.entries, []);
    assert.equal(read.unreadable.length, 1);
    assert.equal(read.unreadable[0]!.id, null);
    assert.equal(read.unreadable[0]!.reason.key, 'history.unreadable.index');
    const next = await store.record({ snapshot: capture(day(1)), source: src, origin: 'gui' });
    assert.deepEqual((await store.read()).entries, [next.entry]);
    const aside = readdirSync(dir).filter((f) => f.startsWith('index.unreadable-'));
    assert.equal(aside.length, 1);
    assert.match(readFileSync(join(dir, aside[0]!), 'utf8'), /"entries":\[\{"id"$/);
  });

  test('an unknown or malformed id is refused with a message naming it', async () => {
    const { store } = storeIn();
    for (const id of ['20261207T014500Z-abcdef', '../../etc/passwd']) {
      await assert.rejects(store.snapshot(id), (e: unknown) => e instanceof UserError && e.detail.key === 'history.error.unknownCapture' && e.message.includes(id));
    }
  });
});

describe('the index is never half written', () => {
  test('a write of the index failing midway: the previous index is intact, the new capture’s file removed, no temporary file left', async () => {
    let fail = false;
    const { writeFileAtomic } = await import('../../../../../main/services/atomic-write');
    const { store, dir } = storeIn({
      writeIndex: async (path, text) => {
        if (!fail) return writeFileAtomic(path, text, { mkdirs: true });
        // The real atomic write over a content that cannot be written (a failing fill): what a full disk does midway.
        return writeFileAtomic(path, {
          [Symbol.iterator]: () => ({
            next: () => {
              throw new Error('ENOSPC: no space left on device');
            },
          }),
        } as unknown as Uint8Array);
      },
    });
    const a = await store.record({ snapshot: capture(day(2)), source: src, origin: 'gui' });
    const before = readFileSync(join(dir, 'index.json'), 'utf8');
    fail = true;
    await assert.rejects(store.record({ snapshot: capture(day(1)), source: src, origin: 'gui' }));
    assert.equal(readFileSync(join(dir, 'index.json'), 'utf8'), before);
    assert.deepEqual(files(dir), [`${a.entry.id}.umcsnap.json`]);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('.partial')),
      [],
    );
    fail = false;
    assert.deepEqual((await store.read()).entries, [a.entry]);
  });
});
