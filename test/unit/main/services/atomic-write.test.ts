import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { copyFileAtomic, writeFileAtomic } from '../../../../main/services/atomic-write';

const dir = mkdtempSync(join(tmpdir(), 'umc-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const posix = process.platform !== 'win32';

describe('the one atomic write', () => {
  test('writes the whole content, mode 0600 by default, and returns its size; replaces an existing file', async () => {
    const p = join(dir, 'a.json');
    assert.equal(await writeFileAtomic(p, 'first'), 5);
    assert.equal(await writeFileAtomic(p, 'é second'), Buffer.byteLength('é second'));
    assert.equal(readFileSync(p, 'utf8'), 'é second');
    if (posix) assert.equal(statSync(p).mode & 0o777, 0o600);
    assert.equal(await writeFileAtomic(p, new Uint8Array([1, 2, 3]), { mode: 0o644 }), 3);
    assert.deepEqual([...readFileSync(p)], [1, 2, 3]);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.partial')),
      [],
    );
  });

  test('creates the parent directories when asked, and only then', async () => {
    const p = join(dir, 'x', 'y', 'settings.json');
    await assert.rejects(writeFileAtomic(p, '{}'), { code: 'ENOENT' });
    assert.equal(await writeFileAtomic(p, '{}', { mkdirs: true }), 2);
  });

  test('a failure leaves the target as it was and no temporary file behind', async () => {
    // The target is a non-empty directory: the rename fails after the temporary file was written.
    const target = join(dir, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'kept');
    await assert.rejects(writeFileAtomic(target, 'new content'));
    assert.equal(readFileSync(join(target, 'keep'), 'utf8'), 'kept');
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.partial')),
      [],
    );
  });

  test('copyFileAtomic: the copy whole, mode 0600; a missing source changes nothing', async () => {
    const src = join(dir, 'shipped.json');
    writeFileSync(src, '{"lab":true}', { mode: 0o644 });
    const dest = join(dir, 'copy', 'lab.json');
    assert.equal(await copyFileAtomic(src, dest, { mkdirs: true }), 12);
    assert.equal(readFileSync(dest, 'utf8'), '{"lab":true}');
    if (posix) assert.equal(statSync(dest).mode & 0o777, 0o600);
    await assert.rejects(copyFileAtomic(join(dir, 'nope.json'), dest), { code: 'ENOENT' });
    assert.equal(readFileSync(dest, 'utf8'), '{"lab":true}');
    assert.deepEqual(readdirSync(join(dir, 'copy')), ['lab.json']);
  });
});
