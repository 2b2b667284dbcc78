/**
 * The requests in flight (main/ipc/in-flight.ts): `settled` waits for the window's reads to end and for a quiet
 * spell after them, never past its bound — a staged load decodes the users only then.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Dispatcher } from '../../../../main/ipc/dispatch';
import { trackInFlight } from '../../../../main/ipc/in-flight';

const sender = { url: 'app://umc/index.html', isMainFrame: true, trustedContents: true };

function gated() {
  const gates: (() => void)[] = [];
  const inner: Dispatcher = {
    dispatch: () => new Promise((resolve) => gates.push(() => resolve({ ok: true, value: null }))),
    subscribe: () => ({ ok: true, value: () => undefined }),
  };
  return { ...trackInFlight(inner), open: () => gates.shift()!() };
}

describe('requests in flight', () => {
  test('settled waits for the last request to end, then for the quiet spell', async () => {
    const t = gated();
    let opened = false;
    let settledAfterOpen: boolean | null = null;
    const answered = t.dispatcher.dispatch(sender, 'org.summary', undefined);
    assert.equal(t.inFlight.count(), 1);
    const settled = t.inFlight.settled(10_000, 20).then(() => (settledAfterOpen = opened));
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(settledAfterOpen, null, 'still in flight');
    opened = true;
    t.open();
    await Promise.all([answered, settled]);
    assert.equal(settledAfterOpen, true);
    assert.equal(t.inFlight.count(), 0);
  });

  test('never past its bound: a request that does not end does not hold the load', async () => {
    const t = gated();
    void t.dispatcher.dispatch(sender, 'topology.graph', {});
    await t.inFlight.settled(30, 5);
    assert.equal(t.inFlight.count(), 1);
    t.open();
  });

  test('nothing in flight and nothing sent lately: at once', async () => {
    const t = gated();
    await t.inFlight.settled(60_000, 0);
    assert.equal(t.inFlight.count(), 0);
  });
});
