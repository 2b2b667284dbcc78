/**
 * `umc capture` keeps each capture in the user-data folder's history (docs/capture-history.md), with
 * the retention the console's settings file holds; `--no-history` writes the file only. Real
 * PowerShell on the lab endpoint, a temp folder as the user data (UMC_USER_DATA).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseCapture } from '../../../../main/cli/capture';
import { helpText } from '../../../../main/cli/help';
import { runCli } from '../../../../main/cli/umc';
import { UserError } from '../../../../shared/i18n/translate';
import { ROOT } from '../../../support/paths';
import { NO_PWSH } from '../../../support/powershell';

const dir = mkdtempSync(join(tmpdir(), 'umc-capture-history-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], data: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale: 'en-US', env: { ...process.env, UMC_USER_DATA: data } });
  return { code, out, err };
}

const index = (data: string) => JSON.parse(readFileSync(join(data, 'history', 'index.json'), 'utf8')) as { entries: { id: string; origin: string; source: { kind: string; label: string } }[] };

describe('--no-history', () => {
  test('a flag: parsed, and refused with a value', () => {
    assert.equal(parseCapture(['--endpoint', 'lab', '--out', 'f', '--no-history']).noHistory, true);
    assert.equal(parseCapture(['--endpoint', 'lab', '--out', 'f']).noHistory, false);
    assert.throws(
      () => parseCapture(['--no-history=1']),
      (e: unknown) => e instanceof UserError && e.detail.key === 'cli.unknownOption',
    );
  });

  test('said in umc capture --help, among the options, before the exit codes, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      const text = helpText(lang, 'capture');
      const option = text.indexOf('--no-history');
      assert.ok(option > text.indexOf('--lab-withhold'), text);
      assert.ok(option < text.lastIndexOf('\n\n'), text);
    }
  });
});

describe('umc capture keeps the capture in the history', { skip: NO_PWSH }, () => {
  test('kept with origin cli and the lab endpoint as source; the retention of the settings file applied; --no-history keeps nothing', async () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    // The console's settings: keep one capture.
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ historyKeepCount: 1, historyKeepDays: null }));
    const first = await run(['capture', '--endpoint', 'lab', '--out', join(dir, 'a.umcsnap.json')], data);
    assert.equal(first.code, 0, first.err);
    const one = index(data).entries;
    assert.equal(one.length, 1);
    assert.equal(one[0]!.origin, 'cli');
    assert.deepEqual(one[0]!.source, { kind: 'live', label: 'lab:' });
    // The snapshot kept is the one written.
    assert.equal(readFileSync(join(data, 'history', 'captures', `${one[0]!.id}.umcsnap.json`), 'utf8'), readFileSync(join(dir, 'a.umcsnap.json'), 'utf8'));

    const second = await run(['capture', '--endpoint', 'lab', '--out', join(dir, 'b.umcsnap.json')], data);
    assert.equal(second.code, 0, second.err);
    const two = index(data).entries;
    assert.equal(two.length, 1, 'keep the last 1');
    assert.notEqual(two[0]!.id, one[0]!.id);
    assert.equal(existsSync(join(data, 'history', 'captures', `${one[0]!.id}.umcsnap.json`)), false);

    const quiet = await run(['capture', '--endpoint', 'lab', '--out', join(dir, 'c.umcsnap.json'), '--no-history'], data);
    assert.equal(quiet.code, 0, quiet.err);
    assert.ok(existsSync(join(dir, 'c.umcsnap.json')));
    assert.deepEqual(index(data).entries, two);
  });
});
