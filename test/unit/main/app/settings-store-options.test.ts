/**
 * The preferences file electron-store writes is readable by the user alone: the options of
 * main/app/settings-store-options.ts given to `conf` (the store electron-store wraps), under plain
 * Node, in a temporary directory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Conf from 'conf';
import { SETTINGS_STORE_OPTIONS } from '../../../../main/app/settings-store-options';

test('settings.json is created with mode 0600, and a corrupt file is not wiped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-settings-'));
  const previous = process.umask(0o022);
  try {
    // electron-store hands `name` to conf as `configName`, the rest as is.
    const { name, ...rest } = SETTINGS_STORE_OPTIONS;
    const store = new Conf<Record<string, unknown>>({ ...rest, configName: name, cwd: dir, projectName: 'umc-test' });
    store.set('language', 'fr');
    const file = join(dir, 'settings.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(SETTINGS_STORE_OPTIONS.clearInvalidConfig, false);
  } finally {
    process.umask(previous);
    rmSync(dir, { recursive: true, force: true });
  }
});
