/**
 * The one atomic write, streamed (writeChunksAtomic) and the snapshot file written through it
 * (writeSnapshotFile): the same bytes as JSON.stringify, whole or not at all — an iterator that fails
 * half-way leaves the target as it was and no temporary file behind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeChunksAtomic } from '../../../../main/services/atomic-write';
import { writeSnapshotFile } from '../../../../main/services/live/connections-service';
import { UserError } from '../../../../shared/i18n/translate';
import { LAB_PATH } from '../../../support/lab';

const dir = mkdtempSync(join(tmpdir(), 'umc-atomic-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const partials = () => readdirSync(dir).filter((n) => n.includes('.partial'));

describe('the atomic write, streamed', () => {
  test('writes every chunk in order across several buffered writes, mode 0600, and returns the bytes', async () => {
    const p = join(dir, 'chunks.txt');
    const chunks = Array.from({ length: 500 }, (_, i) => `${i}:é;`);
    const bytes = await writeChunksAtomic(p, chunks, { bufferBytes: 64 });
    assert.equal(readFileSync(p, 'utf8'), chunks.join(''));
    assert.equal(bytes, Buffer.byteLength(chunks.join('')));
    if (process.platform !== 'win32') assert.equal(statSync(p).mode & 0o777, 0o600);
    assert.deepEqual(partials(), []);
  });

  test('takes an async iterable too', async () => {
    const p = join(dir, 'async.txt');
    async function* gen() {
      for (let i = 0; i < 3; i++) yield `line ${i}\n`;
    }
    await writeChunksAtomic(p, gen());
    assert.equal(readFileSync(p, 'utf8'), 'line 0\nline 1\nline 2\n');
  });

  test('an iterator that fails half-way (after some bytes reached the disk) leaves the target untouched', async () => {
    const p = join(dir, 'kept.json');
    writeFileSync(p, '{"before":true}');
    function* failing() {
      for (let i = 0; i < 100; i++) yield 'x'.repeat(100);
      throw new Error('the capture was interrupted');
    }
    await assert.rejects(writeChunksAtomic(p, failing(), { bufferBytes: 1000 }), /interrupted/);
    assert.equal(readFileSync(p, 'utf8'), '{"before":true}');
    assert.deepEqual(partials(), []);
  });
});

describe('a snapshot file, streamed', () => {
  test('is the bytes of JSON.stringify and parses back to the same snapshot', async () => {
    const lab = JSON.parse(readFileSync(LAB_PATH, 'utf8'));
    const p = join(dir, 'lab.umcsnap.json');
    const bytes = await writeSnapshotFile(p, lab);
    const text = readFileSync(p, 'utf8');
    assert.equal(text, JSON.stringify(lab));
    assert.equal(bytes, Buffer.byteLength(text));
    assert.deepEqual(JSON.parse(text), lab);
  });

  test('a folder that does not exist: a clear error naming the file, nothing written', async () => {
    const p = join(dir, 'missing', 'x.umcsnap.json');
    await assert.rejects(writeSnapshotFile(p, JSON.parse(readFileSync(LAB_PATH, 'utf8'))), (e: unknown) => e instanceof UserError && e.detail.key === 'snapshot.error.write' && e.message.includes(p));
    assert.deepEqual(partials(), []);
  });
});
