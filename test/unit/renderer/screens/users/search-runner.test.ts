import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSearchRunner, SEARCH_DEBOUNCE_MS } from '../../../../../renderer/src/screens/users/search-runner';

/** Hand-driven timers and requests: each search is a promise the test resolves when it likes. */
function harness() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const requests: { query: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const results: [string, string | null][] = [];
  const errors: [string, string][] = [];
  const busy: boolean[] = [];
  const runner = createSearchRunner<string>({
    search: (query) => new Promise<string>((resolve, reject) => requests.push({ query, resolve, reject })),
    onResult: (q, r) => results.push([q, r]),
    onError: (q, m) => errors.push([q, m]),
    onBusy: (b) => busy.push(b),
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return { runner, requests, results, errors, busy, advance, flush };
}

describe('search while typing', () => {
  test('keystrokes inside the debounce send one request, for the last text', async () => {
    const h = harness();
    h.runner.type('v');
    h.advance(50);
    h.runner.type('vm');
    h.advance(50);
    h.runner.type('vm.');
    h.advance(SEARCH_DEBOUNCE_MS - 1);
    assert.equal(h.requests.length, 0);
    h.advance(1);
    assert.deepEqual(
      h.requests.map((r) => r.query),
      ['vm.'],
    );
    h.requests[0].resolve('answer vm.');
    await h.flush();
    assert.deepEqual(h.results, [['vm.', 'answer vm.']]);
    assert.equal(h.busy.at(-1), false);
  });

  test('one request in flight: the next waits, and the stale answer is dropped', async () => {
    const h = harness();
    h.runner.type('a');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('ab');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('abc');
    h.advance(SEARCH_DEBOUNCE_MS);
    // Still only the first request out.
    assert.deepEqual(
      h.requests.map((r) => r.query),
      ['a'],
    );
    h.requests[0].resolve('answer a');
    await h.flush();
    // "a" is no longer in the box: dropped; the latest text goes out at once (not "ab").
    assert.deepEqual(h.results, []);
    assert.deepEqual(
      h.requests.map((r) => r.query),
      ['a', 'abc'],
    );
    assert.equal(h.busy.at(-1), true);
    h.requests[1].resolve('answer abc');
    await h.flush();
    assert.deepEqual(h.results, [['abc', 'answer abc']]);
    assert.equal(h.busy.at(-1), false);
  });

  test('an answer arriving after more typing (debounce pending) is dropped too', async () => {
    const h = harness();
    h.runner.type('x');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('xy');
    h.requests[0].resolve('answer x');
    await h.flush();
    assert.deepEqual(h.results, []);
    assert.equal(h.busy.at(-1), true, 'still waiting for "xy"');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.requests[1].resolve('answer xy');
    await h.flush();
    assert.deepEqual(h.results, [['xy', 'answer xy']]);
  });

  test('an emptied box clears the results at once and sends nothing', async () => {
    const h = harness();
    h.runner.type('vm');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('  ');
    assert.deepEqual(h.results, [['  ', null]]);
    h.requests[0].resolve('late');
    await h.flush();
    assert.deepEqual(h.results, [['  ', null]]);
    h.advance(1000);
    assert.equal(h.requests.length, 1);
    assert.equal(h.busy.at(-1), false);
  });

  test('a failed search reports its message for the current text only', async () => {
    const h = harness();
    h.runner.type('bad');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.requests[0].reject(new Error('service down'));
    await h.flush();
    assert.deepEqual(h.errors, [['bad', 'service down']]);
    h.runner.type('bad2');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('bad23');
    h.requests[1].reject(new Error('old failure'));
    await h.flush();
    assert.deepEqual(h.errors, [['bad', 'service down']]);
  });

  test('after dispose nothing is sent or applied', async () => {
    const h = harness();
    h.runner.type('vm');
    h.advance(SEARCH_DEBOUNCE_MS);
    h.runner.type('vm.o');
    h.runner.dispose();
    h.requests[0].resolve('late');
    await h.flush();
    h.advance(1000);
    h.runner.type('more');
    h.advance(1000);
    assert.deepEqual(h.results, []);
    assert.equal(h.requests.length, 1);
  });
});
