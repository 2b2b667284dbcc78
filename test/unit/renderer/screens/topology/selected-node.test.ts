import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSelectedNodeStore } from '../../../../../renderer/src/screens/topology/selected-node';

describe('the map’s selected node', () => {
  test('a change wakes the node left and the node chosen, no other', () => {
    const store = createSelectedNodeStore();
    const woken: string[] = [];
    const ids = ['umIpGateway:PBX-GW-1', 'umIpGateway:PBX-GW-2', 'umIpGateway:PBX-GW-3'];
    const unsubscribe = ids.map((id) => store.subscribe(id, () => woken.push(id)));
    assert.equal(store.get(), null);
    store.set(ids[0]!);
    assert.deepEqual(woken, [ids[0]]);
    store.set(ids[1]!);
    assert.deepEqual(woken, [ids[0], ids[0], ids[1]]);
    assert.equal(store.get(), ids[1]);
    store.set(ids[1]!);
    assert.equal(woken.length, 3, 'the same node again wakes nobody');
    store.set(null);
    assert.deepEqual(woken.slice(3), [ids[1]]);
    for (const u of unsubscribe) u();
    store.set(ids[2]!);
    assert.equal(woken.length, 4, 'an unsubscribed node is not woken');
  });

  test('two nodes drawn for one id (a remount) are both told', () => {
    const store = createSelectedNodeStore();
    let count = 0;
    const a = store.subscribe('pool:1', () => count++);
    store.subscribe('pool:1', () => count++);
    store.set('pool:1');
    assert.equal(count, 2);
    a();
    store.set(null);
    assert.equal(count, 3);
  });
});
