/**
 * The bundle service: the files of a bundle from the redacted snapshot (findings judged again on it),
 * the session errors pseudonymised with the same table, and a write that leaves both files or neither.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { BUNDLE_FILES } from '../../../../../shared/bundle/bundle-contents';
import { buildSupportBundle, type BundleInput, writeSupportBundle, zipBundle } from '../../../../../main/services/bundle/support-bundle';
import { ROOT } from '../../../../support/paths';

const raw = JSON.parse(readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8')) as unknown;
const input = (o: Partial<BundleInput> = {}): BundleInput => ({
  raw,
  kind: 'lab',
  redact: true,
  language: 'en',
  consoleVersion: '9.9.9',
  now: new Date('2026-12-07T02:00:00Z'),
  seed: 'service-test',
  sessionErrors: [{ time: '2026-12-07T01:59:00.000Z', level: 'warn', message: 'shell open failed on atl-exchange-001.litwareinc.com', fields: { user: 'victor.williams0@litwareinc.com', n: 1 } }],
  ...o,
});

describe('the support bundle service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bundle-service-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every file; the session errors carry the same pseudonyms as the snapshot', () => {
    const built = buildSupportBundle(input(), 'x.zip.mapping.json');
    assert.deepEqual(Object.keys(built.files).sort(), [...BUNDLE_FILES].sort());
    const errors = strFromU8(built.files['session-errors.json']);
    assert.ok(!/atl-exchange-001|victor\.williams0/i.test(errors), errors);
    const host = built.mapping!.entries.find((e) => e.original.toLowerCase() === 'atl-exchange-001')!.pseudonym;
    assert.match(errors, new RegExp(`on ${host}\\.litwareinc\\.com`));
    assert.ok(strFromU8(built.files['snapshot.umcsnap.json']).includes(`${host}.litwareinc.com`));
    const versions = JSON.parse(strFromU8(built.files['versions.json'])) as Record<string, unknown>;
    assert.equal(versions.console, '9.9.9');
    assert.ok(built.findings > 10);
    const zip = unzipSync(zipBundle(built, new Date()));
    assert.deepEqual(Object.keys(zip).sort(), [...BUNDLE_FILES].sort());
  });

  test('written whole or not at all: an output that cannot be written leaves no mapping either', async () => {
    const target = join(dir, 'taken.zip');
    mkdirSync(target);
    await assert.rejects(writeSupportBundle(target, input()));
    assert.ok(!existsSync(`${target}.mapping.json`));
    const ok = await writeSupportBundle(join(dir, 'ok.zip'), input());
    assert.equal(ok.files, BUNDLE_FILES.length);
    assert.ok(existsSync(ok.mappingPath!) && existsSync(ok.path));
  });
});
