import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode, TopologyGraph } from '../../../../../shared/topology/topology-graph';
import { REVEAL_LIMIT, resolveFocus } from '../../../../../renderer/src/screens/topology/focus';

const node = (id: string, kind: GraphNode['kind'], group: GraphNode['group'] = null): GraphNode => ({
  id,
  ref: group ? null : { kind, id: id.slice(id.indexOf(':') + 1) },
  kind,
  side: 'exchange',
  label: id,
  sublabel: '',
  role: null,
  facts: [],
  severity: null,
  findingCount: 0,
  group,
  x: 0,
  y: 0,
  width: 240,
  height: 58,
});

const graph: TopologyGraph = {
  nodes: [node('umDialPlan:DP', 'umDialPlan'), node('group:umIpGateway', 'umIpGateway', { key: 'umIpGateway', count: 1000 })],
  edges: [],
  groups: [{ key: 'umIpGateway', kind: 'umIpGateway', count: 1000, expanded: false }],
  layoutMs: 1,
  layout: 'elk',
};

test('an object drawn on the map is fitted at once', () => {
  assert.deepEqual(resolveFocus(graph, { items: [{ ref: { kind: 'umDialPlan', id: 'DP' }, groupKey: null }] }, []), { kind: 'fit', nodeIds: ['umDialPlan:DP'] });
});

test('an object folded in a collapsed group is revealed, not the whole group expanded', () => {
  const step = resolveFocus(graph, { items: [{ ref: { kind: 'umIpGateway', id: 'PBX-7' }, groupKey: 'umIpGateway' }] }, []);
  assert.deepEqual(step, { kind: 'reveal', nodeIds: ['umIpGateway:PBX-7'] });
});

test('an object already revealed but still not drawn falls back to its group node (no loop)', () => {
  const step = resolveFocus(graph, { items: [{ ref: { kind: 'umIpGateway', id: 'GONE' }, groupKey: 'umIpGateway' }] }, [], ['umIpGateway:GONE']);
  assert.deepEqual(step, { kind: 'fit', nodeIds: ['group:umIpGateway'] });
});

test('at most REVEAL_LIMIT members are revealed at once', () => {
  const items = Array.from({ length: REVEAL_LIMIT + 50 }, (_, i) => ({ ref: { kind: 'umIpGateway' as const, id: `G${i}` }, groupKey: 'umIpGateway' }));
  const step = resolveFocus(graph, { items }, []);
  assert.equal(step.kind, 'reveal');
  if (step.kind === 'reveal') assert.equal(step.nodeIds.length, REVEAL_LIMIT);
});
