import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConcurrencyLimiter } from '../../../../main/powershell/concurrency-limiter';

describe('concurrency limiter', () => {
  it('caps calls per server, serves waiters in order, servers independent', async () => {
    const l = createConcurrencyLimiter(2);
    const a1 = await l.acquire('ex01');
    const a2 = await l.acquire('ex01');
    const b1 = await l.acquire('pool01');
    const order: number[] = [];
    const w3 = l.acquire('ex01').then((r) => (order.push(3), r));
    const w4 = l.acquire('ex01').then((r) => (order.push(4), r));
    await new Promise((r) => setImmediate(r));
    assert.equal(l.inUse('ex01'), 2);
    assert.equal(l.waiting('ex01'), 2);
    a1();
    a1(); // a second release of the same slot is ignored
    const r3 = await w3;
    assert.deepEqual(order, [3]);
    a2();
    const r4 = await w4;
    assert.deepEqual(order, [3, 4]);
    r3();
    r4();
    b1();
    assert.equal(l.inUse('ex01'), 0);
    assert.equal(l.inUse('pool01'), 0);
  });
  it('refuses a cap that is not a positive integer', () => {
    assert.throws(() => createConcurrencyLimiter(0));
  });
});
