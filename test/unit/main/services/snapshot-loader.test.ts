/**
 * A large snapshot file read in stages (main/services/snapshot-loader.ts loadSnapshotFileInStages): every
 * section's count reported, the org without the user sections handed over before the whole one, the whole one
 * the same as one parse of the file gives, and a broken file refused with the same message. Real files on disk:
 * the generated org (test/support/org-builder), pieces made small so a test file takes the sectioned path.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { labSnapshotPath, loadSnapshotFile, loadSnapshotFileInStages, SnapshotLoadError } from '../../../../main/services/snapshot-loader';
import type { OrgModel } from '../../../../shared/model/org';
import { refKey } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import type { RawSnapshot } from '../../../../shared/snapshot/format';
import { STILL_READING_NOTE, USER_SECTIONS } from '../../../../shared/snapshot/load-progress';
import { generateSnapshot } from '../../../support/org-builder/generate-org';

const dir = mkdtempSync(join(tmpdir(), 'umc-staged-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = { minBytes: 0, pieceBytes: 20_000, largeBytes: 40_000 };
const raw: RawSnapshot = generateSnapshot({ exchangeServers: 3, dialPlans: 6, gateways: 20, users: 1_500 });
const text = JSON.stringify(raw);
const file = join(dir, 'generated.umcsnap.json');
writeFileSync(file, text);

interface Seen {
  readonly events: string[];
  readonly sections: Map<string, { objects: number; state: string }[]>;
  partial: OrgModel | null;
}

async function staged(path: string, sizes = SMALL): Promise<{ org: OrgModel; seen: Seen }> {
  const seen: Seen = { events: [], sections: new Map(), partial: null };
  const org = await loadSnapshotFileInStages(
    path,
    'snapshot',
    {
      onSection: (key, objects, state) => {
        seen.events.push(`section ${key}`);
        seen.sections.set(key, [...(seen.sections.get(key) ?? []), { objects, state }]);
      },
      onPartial: (p) => {
        seen.events.push('partial');
        seen.partial = p;
      },
    },
    sizes,
  );
  return { org, seen };
}

const findingIds = (org: OrgModel) => evaluateRules(org).map((d) => `${d.rule}|${d.objects.map(refKey).sort().join(',')}|${d.message.key}`);

describe('a large snapshot read in stages', () => {
  test('every section counted, the partial org before the user sections end, the whole org as one parse gives it', async () => {
    const { org, seen } = await staged(file);
    const whole = await loadSnapshotFile(file, 'snapshot');
    assert.deepEqual(org, whole);
    assert.deepEqual(findingIds(org), findingIds(whole));
    for (const [side, sections] of [
      ['exchange', raw.exchange],
      ['skype', raw.skype],
    ] as const)
      for (const [name, section] of Object.entries(sections)) {
        const reports = seen.sections.get(`${side}.${name}`);
        assert.ok(reports, `${side}.${name} reported`);
        assert.equal(reports.at(-1)!.objects, section.objects.length, `${side}.${name} count`);
        assert.equal(reports.at(-1)!.state, section.status ?? 'read', `${side}.${name} state`);
      }
    // The user sections: "reading" with their count before the partial org, complete after it.
    const partialAt = seen.events.indexOf('partial');
    assert.ok(partialAt > 0);
    for (const key of USER_SECTIONS) {
      assert.equal(seen.sections.get(key)![0]!.state, 'reading');
      assert.ok(seen.events.indexOf(`section ${key}`) < partialAt);
      assert.ok(seen.events.lastIndexOf(`section ${key}`) > partialAt);
    }
    const partial = seen.partial!;
    assert.equal(partial.users.length, 0);
    assert.equal(partial.mailboxes.length, 0);
    for (const key of USER_SECTIONS) assert.ok(partial.readState?.[key]?.notes.some((n) => n.text === STILL_READING_NOTE) && partial.readState[key]!.status === 'not-read', key);
    assert.deepEqual(partial.exchange.ipGateways, whole.exchange.ipGateways);
    assert.deepEqual(partial.skype.pools, whole.skype.pools);
    assert.equal(whole.users.length, 1_500);
  });

  test('a truncated file is refused with the message one parse gives', async () => {
    const broken = join(dir, 'truncated.umcsnap.json');
    writeFileSync(broken, text.slice(0, Math.floor(text.length * 0.7)));
    const expected = await loadSnapshotFile(broken, 'snapshot').then(
      () => assert.fail('the whole parse accepted a truncated file'),
      (e: unknown) => e as SnapshotLoadError,
    );
    assert.ok(expected instanceof SnapshotLoadError);
    await assert.rejects(staged(broken), (e: unknown) => e instanceof SnapshotLoadError && JSON.stringify(e.detail) === JSON.stringify(expected.detail));
  });

  test('a snapshot of another version is refused as before, no partial org shown', async () => {
    const other = join(dir, 'version.umcsnap.json');
    writeFileSync(other, JSON.stringify({ ...raw, formatVersion: 99 }));
    const seen: string[] = [];
    await assert.rejects(
      loadSnapshotFileInStages(other, 'snapshot', { onPartial: () => void seen.push('partial') }, SMALL),
      (e: unknown) => e instanceof SnapshotLoadError && e.detail.key === 'snapshot.error.invalid',
    );
    assert.deepEqual(seen, []);
  });

  test('a small file (the lab) is read in one go: nothing reported, the same org', async () => {
    const events: string[] = [];
    const org = await loadSnapshotFileInStages(labSnapshotPath(join(__dirname, '../../../..')), 'lab', { onSection: (k) => events.push(k), onPartial: () => void events.push('partial') });
    assert.deepEqual(events, []);
    assert.deepEqual(org, await loadSnapshotFile(labSnapshotPath(join(__dirname, '../../../..')), 'lab'));
    assert.ok(readFileSync(labSnapshotPath(join(__dirname, '../../../..'))).length < 8 * 1024 * 1024);
  });

  test('a missing file names the file', async () => {
    await assert.rejects(staged(join(dir, 'nope.umcsnap.json')), (e: unknown) => e instanceof SnapshotLoadError && e.detail.key === 'snapshot.error.read');
  });
});
