/**
 * Pages sized by measurement: a section's first page is small (DEFAULT_PAGE_SIZE), the next ones hold
 * as many objects as fit in PAGE_TARGET_MS at the speed the shell answered, within bounds; every user is
 * read once, whatever the sizes; a fixed pageSize is kept as given.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureSnapshot, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MIN_PAGE_SIZE, PAGE_TARGET_MS, pageSizeFor, type ShellCall } from '../../../../../main/services/live/capture';
import type { CallResult } from '../../../../../main/powershell/shell-session';

const result = (objects: unknown[], totalMs: number): CallResult => ({ objects, errors: [], warnings: [], psMs: totalMs, totalMs });

/** Users sip:<name>@x, names spread over the alphabet as real first letters are (several per letter). */
const USERS = Array.from({ length: 12_000 }, (_, i) => ({ SipAddress: `sip:${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'aeiou'[i % 5]}${i}@contoso.com` }));

/** Evaluates the capture's partition filters as Get-CsUser does: `-like 'p*'` and `-notlike 'q*'` clauses, ignoring case. */
function matches(filter: string, key: string): boolean {
  const value = key.toLowerCase();
  for (const [, op, prefix] of filter.matchAll(/SipAddress -(like|notlike) '([^']*)\*'/g)) {
    if ((op === 'like') !== value.startsWith(prefix!.toLowerCase())) return false;
  }
  return true;
}

/** A Skype shell answering Get-CsUser pages at `msPerObject`; every other cmdlet empty. Records each page asked. */
function skypeShell(msPerObject: number, pages: number[]): ShellCall {
  return async (command, parameters) => {
    if (command !== 'Get-CsUser') return result([], 1);
    const size = Number(parameters.ResultSize);
    pages.push(size);
    const hits = USERS.filter((u) => matches(String(parameters.Filter), u.SipAddress)).slice(0, size);
    return result(hits, 5 + hits.length * msPerObject);
  };
}
const exchange: ShellCall = async (command) => result(command === 'Get-OrganizationConfig' ? [{ Name: 'Contoso' }] : [], 1);
const options = { label: 'x', powerShellVersion: '7', now: () => new Date(0) };

describe('pages sized by measurement', () => {
  it('pageSizeFor: what fits in the target time, bounded; nothing from a page too small to say', () => {
    assert.equal(pageSizeFor(1001, 1001 * 0.5), 10_000);
    assert.equal(pageSizeFor(1001, 1001 * 0.01), MAX_PAGE_SIZE);
    assert.equal(pageSizeFor(1001, 1001 * 100), MIN_PAGE_SIZE);
    assert.equal(pageSizeFor(1000, PAGE_TARGET_MS), 1000);
    assert.equal(pageSizeFor(99, 1000), null);
    assert.equal(pageSizeFor(500, 0), null);
  });

  it('a fast shell: a small first page, then large ones; every user once, in few calls', async () => {
    const pages: number[] = [];
    const r = await captureSnapshot({ exchange, skype: skypeShell(0.5, pages) }, options);
    assert.equal(pages[0], DEFAULT_PAGE_SIZE + 1);
    assert.ok(
      // 0.5 ms an object and 5 ms a call: a little under 10,000 objects in 5 s.
      pages.slice(1).every((p) => p > 9_000 && p <= 10_001),
      pages.join(' '),
    );
    const got = r.snapshot.skype.users.objects.map((u) => (u as { SipAddress: string }).SipAddress).sort();
    assert.deepEqual(got, USERS.map((u) => u.SipAddress).sort());
    // The root overflows once; the 26 letters and the remainder then fit in one page each.
    assert.equal(pages.length, 1 + 26 + 1);
  });

  it('a slow shell: pages shrink to what fits in the target time, still every user once', async () => {
    const pages: number[] = [];
    const r = await captureSnapshot({ exchange, skype: skypeShell(20, pages) }, options);
    assert.ok(
      pages.slice(1).every((p) => p > 240 && p <= PAGE_TARGET_MS / 20 + 1),
      pages.join(' '),
    );
    assert.equal(r.snapshot.skype.users.objects.length, USERS.length);
  });

  it('a fixed page size is kept as given', async () => {
    const pages: number[] = [];
    const r = await captureSnapshot({ exchange, skype: skypeShell(0.5, pages) }, { ...options, pageSize: 700 });
    assert.deepEqual([...new Set(pages)], [701]);
    assert.equal(r.snapshot.skype.users.objects.length, USERS.length);
  });
});
