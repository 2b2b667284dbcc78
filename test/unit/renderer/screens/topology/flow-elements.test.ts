import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOrgGraph } from '../../../../../shared/topology/build-graph';
import { collapseGraph } from '../../../../../shared/topology/collapse';
import { graphNodeFrom } from '../../../../../shared/topology/expand-layout';
import type { TopologyGraph } from '../../../../../shared/topology/topology-graph';
import { edgePaths, toFlowEdges, toFlowNodes, withActiveEdges } from '../../../../../renderer/src/screens/topology/flow-elements';
import { labOrg } from '../../../../support/lab';

const collapsed = collapseGraph(buildOrgGraph(labOrg()), new Set(), new Map());
const graph: TopologyGraph = {
  nodes: collapsed.nodes.map((n, i) => graphNodeFrom(n, { x: n.column * 330, y: i * 76, width: 240, height: 58 })),
  edges: collapsed.edges,
  groups: collapsed.groups,
  layoutMs: 0,
  layout: 'elk',
};
const GATEWAY = 'umIpGateway:1:2';

describe('selection on the map', () => {
  test('the nodes carry no selection: a click hands React Flow the same node list (selected-node.ts draws it)', () => {
    const nodes = toFlowNodes(graph, null, (n) => n.label);
    assert.equal(nodes.length, graph.nodes.length);
    assert.ok(nodes.every((n) => !('selected' in n) && !('selected' in n.data)));
  });

  test('the selected node’s edges are drawn active; the other edge objects are kept', () => {
    const base = toFlowEdges(graph, null);
    const active = withActiveEdges(base, GATEWAY);
    const changed = active.filter((e, i) => e !== base[i]);
    assert.ok(changed.length > 0);
    assert.ok(changed.every((e) => (e.source === GATEWAY || e.target === GATEWAY) && e.className?.includes('umc-edge--active') && e.zIndex === 1));
    assert.equal(active.filter((e) => e.source === GATEWAY || e.target === GATEWAY).length, changed.length);
    assert.deepEqual(
      active.map((e) => e.className?.split(' ').sort().join(' ')),
      toFlowEdges(graph, GATEWAY).map((e) => e.className?.split(' ').sort().join(' ')),
    );
    assert.equal(withActiveEdges(base, null), base);
  });

  test('every node says its size and handles: React Flow has nothing to measure', () => {
    for (const n of toFlowNodes(graph, null, (g) => g.label)) {
      assert.deepEqual(n.measured, { width: 240, height: 58 });
      assert.deepEqual(
        n.handles?.map((h) => [h.type, h.position, h.x, h.y]),
        [
          ['target', 'left', -0.5, 28.5],
          ['source', 'right', 239.5, 28.5],
        ],
      );
    }
  });

  test('a large map’s edge layer: every edge once, one path per kind, the selected node’s edges last', () => {
    const plain = edgePaths(graph, null);
    assert.equal(
      plain.reduce((sum, p) => sum + p.count, 0),
      graph.edges.length,
    );
    assert.deepEqual(plain.map((p) => p.kind).sort(), [...new Set(graph.edges.map((e) => e.kind))].sort());
    assert.ok(plain.every((p) => !p.active && (p.d.match(/M/g) ?? []).length === p.count));
    const selected = edgePaths(graph, GATEWAY);
    const mine = graph.edges.filter((e) => e.source === GATEWAY || e.target === GATEWAY).length;
    const active = selected.filter((p) => p.active);
    assert.ok(mine > 0);
    assert.equal(
      active.reduce((sum, p) => sum + p.count, 0),
      mine,
    );
    assert.ok(
      selected.slice(-active.length).every((p) => p.active),
      'drawn on top of the others',
    );
    assert.equal(
      selected.reduce((sum, p) => sum + p.count, 0),
      graph.edges.length,
    );
  });

  test('an edge runs from the right side of its source to the left side of its target', () => {
    const e = graph.edges[0]!;
    const from = graph.nodes.find((n) => n.id === e.source)!;
    const to = graph.nodes.find((n) => n.id === e.target)!;
    const d = edgePaths({ ...graph, edges: [e] }, null)[0]!.d;
    assert.ok(d.startsWith(`M${from.x + from.width},${from.y + from.height / 2}C`), d);
    assert.ok(d.endsWith(` ${to.x},${to.y + to.height / 2}`), d);
  });
});
