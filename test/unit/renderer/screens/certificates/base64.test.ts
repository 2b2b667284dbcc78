import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { base64FromBytes, bytesFromBase64 } from '../../../../../renderer/src/screens/certificates/base64';

test('matches Node for every length around the chunk boundary', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 49151, 49152, 49153, 49154, 98304, 100000]) {
    const bytes = randomBytes(n);
    assert.equal(base64FromBytes(new Uint8Array(bytes)), bytes.toString('base64'), `length ${n}`);
  }
});

test('takes an ArrayBuffer or a view into a larger buffer', () => {
  const bytes = randomBytes(1000);
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.equal(base64FromBytes(ab), bytes.toString('base64'));
  const view = new Uint8Array(ab, 10, 500);
  assert.equal(base64FromBytes(view), Buffer.from(view).toString('base64'));
});

// Its speed on 10 MB is measured by `npm run bench` (bench/certificates.ts), not bounded here.
test('10 MB (the largest file the reader accepts) comes out whole', () => {
  const bytes = new Uint8Array(randomBytes(10 * 1024 * 1024));
  const b64 = base64FromBytes(bytes);
  assert.equal(b64.length, Math.ceil(bytes.length / 3) * 4);
  assert.equal(b64, Buffer.from(bytes).toString('base64'));
});

test('bytesFromBase64 is its inverse (a DER export gives the certificate’s own bytes)', () => {
  for (const n of [0, 1, 2, 3, 1000, 49153]) {
    const bytes = randomBytes(n);
    assert.ok(Buffer.from(bytesFromBase64(bytes.toString('base64'))).equals(bytes), `length ${n}`);
  }
  assert.deepEqual([...bytesFromBase64('AQID\nBA==')], [1, 2, 3, 4]);
});
