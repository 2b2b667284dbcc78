/**
 * A preview's token binds what was shown to what may be applied: 32 hex digits (the contract's token
 * schema), readable until spent or older than ten minutes, the oldest dropped beyond the cap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPreviewTokens, PREVIEW_TTL_MS } from '../../../../../main/services/contacts/preview-tokens';

function manualClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe('preview tokens', () => {
  it('issue returns what was stored for a fresh 32-hex-digit token; get reads it until spent', () => {
    const tokens = createPreviewTokens<{ token: string; n: number }>({ clock: manualClock(), max: 5 });
    const a = tokens.issue((token) => ({ token, n: 1 }));
    const b = tokens.issue((token) => ({ token, n: 2 }));
    assert.match(a.token, /^[0-9a-f]{32}$/);
    assert.notEqual(a.token, b.token);
    assert.deepEqual(tokens.get(a.token), a);
    assert.deepEqual(tokens.get(a.token), a, 'reading does not spend');
    tokens.spend(a.token);
    assert.equal(tokens.get(a.token), null);
    assert.deepEqual(tokens.get(b.token), b);
    assert.equal(tokens.get('0'.repeat(32)), null);
  });

  it('a token older than ten minutes is refused', () => {
    const clock = manualClock();
    const tokens = createPreviewTokens<string>({ clock, max: 5 });
    let token = '';
    tokens.issue((t) => (token = t));
    clock.advance(PREVIEW_TTL_MS);
    assert.equal(tokens.get(token), token, 'still valid at exactly ten minutes');
    clock.advance(1);
    assert.equal(tokens.get(token), null);
  });

  it('beyond the cap the oldest are dropped; clear forgets every token', () => {
    const tokens = createPreviewTokens<string>({ clock: manualClock(), max: 2 });
    const issued = [1, 2, 3, 4].map(() => tokens.issue((t) => t));
    // Pruned before each issue: at most max + 1 kept, the newest always.
    assert.deepEqual(
      issued.map((t) => tokens.get(t) !== null),
      [false, true, true, true],
    );
    tokens.clear();
    assert.deepEqual(
      issued.map((t) => tokens.get(t)),
      [null, null, null, null],
    );
  });
});
