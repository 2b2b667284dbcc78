import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { UsersCheckProgress } from '../../../../shared/users/user-channels';
import { createEventHub } from '../../../../main/ipc/event-hub';

const EMPTY = { checked: 0, working: 0, failing: 0, atRisk: 0, byRule: {}, notFound: [], ambiguous: [] };
const state = (done: number, running = true): UsersCheckProgress => ({ running, done, total: 100, summary: EMPTY, failing: [], finishedAt: null });

describe('the event hub: what main pushes, coalesced', () => {
  test('a subscriber gets the current state at once, then the changes', () => {
    const hub = createEventHub({ intervalMs: 0 });
    let current = state(0);
    hub.publish('users.checkProgress', () => current);
    const seen: number[] = [];
    const stop = hub.subscribe('users.checkProgress', (p) => seen.push(p.done));
    current = state(5);
    hub.publish('users.checkProgress', () => current);
    stop();
    current = state(9);
    hub.publish('users.checkProgress', () => current);
    assert.deepEqual(seen, [0, 5], 'nothing after unsubscribing');
    hub.dispose();
  });

  test('a stream never published gives nothing on subscribe; other events are not mixed in', () => {
    const hub = createEventHub({ intervalMs: 0 });
    const seen: unknown[] = [];
    hub.subscribe('users.checkProgress', (p) => seen.push(p));
    hub.publish('contacts.importProgress', () => ({ running: false, done: 0, total: 0, stopped: false, results: [] }));
    assert.deepEqual(seen, []);
    hub.dispose();
  });

  test('a burst of changes is delivered at most once per interval, and the last one always arrives', async () => {
    const hub = createEventHub({ intervalMs: 60 });
    let current = state(0);
    let reads = 0;
    const read = () => {
      reads++;
      return current;
    };
    const seen: number[] = [];
    hub.subscribe('users.checkProgress', (p) => seen.push(p.done));
    // Never published: nothing delivered on subscribe.
    assert.deepEqual(seen, []);
    for (let i = 1; i <= 100; i++) {
      current = state(i, i < 100);
      hub.publish('users.checkProgress', read);
    }
    // The first change goes at once; the 99 others wait for the interval and arrive as one.
    assert.deepEqual(seen, [1]);
    await sleep(120);
    assert.deepEqual(seen, [1, 100]);
    assert.equal(reads, 2, 'the state is read when delivered, not at each change');
    hub.dispose();
  });

  test('dispose cancels what is pending and drops the listeners', async () => {
    const hub = createEventHub({ intervalMs: 30 });
    const seen: number[] = [];
    hub.subscribe('users.checkProgress', (p) => seen.push(p.done));
    hub.publish('users.checkProgress', () => state(1));
    hub.publish('users.checkProgress', () => state(2));
    hub.dispose();
    await sleep(60);
    hub.publish('users.checkProgress', () => state(3));
    assert.deepEqual(seen, [1]);
  });

  test('a listener that throws does not stop the others', () => {
    const warnings: string[] = [];
    const hub = createEventHub({ intervalMs: 0, logger: { log: (_level, message) => warnings.push(message) } });
    const seen: number[] = [];
    hub.subscribe('users.checkProgress', () => {
      throw new Error('boom');
    });
    hub.subscribe('users.checkProgress', (p) => seen.push(p.done));
    hub.publish('users.checkProgress', () => state(7));
    assert.deepEqual(seen, [7]);
    assert.deepEqual(warnings, ['event listener failed']);
    hub.dispose();
  });
});
