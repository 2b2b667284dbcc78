import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FileInspection } from '../../../../../shared/certificates/cert-model';
import { MAX_CERT_FILE_BYTES } from '../../../../../shared/certificates/cert-model';
import {
  ACCEPT,
  applyCancelled,
  applyFailure,
  applyResults,
  batches,
  batchSummary,
  fileSeverity,
  type InspectEntry,
  isTooLarge,
  MAX_BASE64_PER_CALL,
  MAX_FILES_PER_CALL,
  needsPassword,
  newErrors,
  nextPasswordEntry,
  requestOptions,
} from '../../../../../renderer/src/screens/certificates/inspect-model';
import { cert, finding } from './fixtures';

function e(id: number, over: Partial<InspectEntry> = {}): InspectEntry {
  return { id, name: `f${id}.cer`, size: 100, data: 'AAAA', state: 'inspecting', result: null, passwordDismissed: false, ...over };
}
const ok = (file: string, findings = [finding('cert.crl-missing', 'info')]): FileInspection => ({ file, error: null, certificates: [cert({ findings })] });
const failed = (file: string, code: NonNullable<FileInspection['error']>['code']): FileInspection => ({ file, error: { code, message: code }, certificates: [] });

describe('before reading', () => {
  test('files over 10 MB are refused in the renderer too', () => {
    assert.equal(isTooLarge(MAX_CERT_FILE_BYTES), false);
    assert.equal(isTooLarge(MAX_CERT_FILE_BYTES + 1), true);
  });
  test('the file picker offers every supported format', () => {
    for (const ext of ['.cer', '.crt', '.pem', '.der', '.p7b', '.p7c', '.pfx', '.p12']) assert.ok(ACCEPT.split(',').includes(ext), ext);
  });
  test('an empty FQDN and "none" are left out of the request', () => {
    assert.deepEqual(requestOptions({ fqdn: '  ', purpose: 'none' }), {});
    assert.deepEqual(requestOptions({ fqdn: ' exch01.contoso.com ', purpose: 'um' }), { fqdn: 'exch01.contoso.com', purpose: 'um' });
  });
});

describe('batches', () => {
  test('at most 50 files per call; files without bytes are not sent', () => {
    const many = Array.from({ length: 120 }, (_, i) => e(i));
    const b = batches([...many, e(999, { data: null })]);
    assert.deepEqual(
      b.map((x) => x.length),
      [MAX_FILES_PER_CALL, MAX_FILES_PER_CALL, 20],
    );
    assert.ok(!b.flat().some((x) => x.id === 999));
  });
  test('large files split the calls by size, a single large file still goes', () => {
    const big = 'A'.repeat(MAX_BASE64_PER_CALL - 10);
    const b = batches([e(1, { data: big }), e(2, { data: 'AAAAAAAAAAAAAAAAAAAA' }), e(3)]);
    assert.deepEqual(
      b.map((x) => x.map((y) => y.id)),
      [[1], [2, 3]],
    );
  });
});

describe('answers', () => {
  test('each answer lands on its file; the others keep theirs; one failure hides nothing', () => {
    const list = [e(1), e(2), e(3, { state: 'done', result: ok('f3.cer') })];
    const next = applyResults(list, [list[0], list[1]], [failed('f1.cer', 'not-a-certificate'), ok('f2.cer')]);
    assert.equal(next[0].state, 'done');
    assert.equal(next[0].result?.error?.code, 'not-a-certificate');
    assert.equal(fileSeverity(next[0]), 'error');
    assert.equal(next[1].result?.certificates.length, 1);
    assert.equal(fileSeverity(next[1]), 'info');
    assert.equal(next[2], list[2]);
  });
  test('a failed call marks only its files, with the reason', () => {
    const list = [e(1), e(2)];
    const next = applyFailure(list, [list[1]], 'bridge down');
    assert.equal(next[0], list[0]);
    assert.equal(next[1].result?.error?.code, 'unreadable');
    assert.equal(next[1].result?.error?.message, 'bridge down');
  });
  test('Cancel: the files of the calls not sent say cancelled; a cancelled file is an error, not a password to ask for', () => {
    const list = [e(1, { state: 'done', result: ok('f1.cer') }), e(2), e(3)];
    const next = applyCancelled(list, [list[1], list[2]], 'the inspection was cancelled before this file was read');
    assert.equal(next[0], list[0]);
    assert.deepEqual(
      next.slice(1).map((x) => [x.state, x.result?.error?.code]),
      [
        ['done', 'cancelled'],
        ['done', 'cancelled'],
      ],
    );
    assert.equal(fileSeverity(next[1]), 'error');
    assert.equal(nextPasswordEntry(next), null);
  });
  test('the password dialog asks for the first PFX waiting, not for one the user dismissed', () => {
    let list = applyResults([e(1), e(2), e(3)], [e(1), e(2), e(3)], [ok('f1.cer'), failed('f2.pfx', 'password-required'), failed('f3.pfx', 'password-required')]);
    assert.deepEqual(list.map(needsPassword), [false, true, true]);
    assert.equal(nextPasswordEntry(list)?.id, 2);
    list = list.map((x) => (x.id === 2 ? { ...x, passwordDismissed: true } : x));
    assert.equal(nextPasswordEntry(list)?.id, 3);
    // A wrong password asks again (a new answer resets the dismissal).
    list = applyResults(list, [list[1]], [failed('f2.pfx', 'wrong-password')]);
    assert.equal(nextPasswordEntry(list)?.id, 2);
    assert.equal(fileSeverity(list[1]), 'warning');
    // The right one: its certificate shows and nothing waits for it.
    list = applyResults(list, [list[1], list[2]], [ok('f2.pfx', []), ok('f3.pfx', [])]);
    assert.equal(nextPasswordEntry(list), null);
    assert.equal(fileSeverity(list[1]), 'none');
  });
  test('a file refused unread never asks for a password', () => {
    assert.equal(needsPassword(e(1, { data: null, state: 'done', result: failed('x.pfx', 'password-required') })), false);
  });
});

describe('the batch line and the new errors at the top', () => {
  test('"12 files: 10 read, 2 refused": read, refused and still pending counted from the entries', () => {
    const list = [
      e(1, { state: 'done', result: ok('a') }),
      e(2, { state: 'done', result: failed('b', 'not-a-certificate') }),
      e(3, { state: 'inspecting' }),
      e(4, { state: 'done', result: failed('d', 'password-required') }),
    ];
    assert.deepEqual(batchSummary(list), { files: 4, read: 1, refused: 2, pending: 1 });
    assert.deepEqual(batchSummary([]), { files: 0, read: 0, refused: 0, pending: 0 });
  });
  test('new errors: only the last batch, read and refused; not a file waiting for its password, nor a cancelled one', () => {
    const list = [
      e(5, { state: 'done', result: failed('new-bad', 'unreadable') }),
      e(6, { state: 'done', result: failed('new-pfx', 'password-required') }),
      e(7, { state: 'done', result: failed('new-cancelled', 'cancelled') }),
      e(8, { state: 'done', result: ok('new-good') }),
      e(1, { state: 'done', result: failed('old-bad', 'too-large') }),
    ];
    assert.deepEqual(
      newErrors(list, [5, 6, 7, 8]).map((x) => x.id),
      [5],
    );
    assert.deepEqual(newErrors(list, []), []);
  });
});
