import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOrgGraph } from '../../../../shared/topology/build-graph';
import { collapseGraph } from '../../../../shared/topology/collapse';
import { graphNodeFrom } from '../../../../shared/topology/expand-layout';
import { packGraph, unpackGraph } from '../../../../shared/topology/graph-wire';
import type { GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import { labOrg } from '../../../support/lab';

/** The lab's map, every group open and one left collapsed, placed on a stand-in grid. */
function labGraph(expanded: readonly string[]): TopologyGraph {
  const collapsed = collapseGraph(buildOrgGraph(labOrg()), new Set(expanded), new Map());
  return {
    nodes: collapsed.nodes.map((n, i) => graphNodeFrom(n, { x: n.column * 330, y: i * 76.5, width: 240, height: 58 })),
    edges: collapsed.edges,
    groups: collapsed.groups,
    layoutMs: 12,
    layout: 'incremental',
  };
}

const node = (over: Partial<GraphNode> & Pick<GraphNode, 'id'>): GraphNode => ({
  ref: null,
  kind: 'umIpGateway',
  side: 'exchange',
  label: '',
  sublabel: '',
  role: null,
  facts: [],
  severity: null,
  findingCount: 0,
  group: null,
  x: 0,
  y: 0,
  width: 240,
  height: 58,
  ...over,
});

describe('the graph as it crosses to the renderer', () => {
  test('the lab’s map comes back equal, field for field', () => {
    const graph = labGraph([]);
    assert.ok(graph.nodes.some((n) => n.facts.length > 0) && graph.nodes.some((n) => n.role !== null) && graph.nodes.some((n) => n.severity === null));
    assert.deepEqual(unpackGraph(packGraph(graph)), graph);
  });

  test('one string, shorter than the graph as JSON: the repeated ref and edge ids are not sent', () => {
    const graph = labGraph([]);
    const wire = packGraph(graph);
    assert.equal(typeof wire.packed, 'string');
    assert.ok(wire.packed.length < JSON.stringify(graph).length * 0.75, `${wire.packed.length} vs ${JSON.stringify(graph).length} characters`);
  });

  test('a ref that is not its node id, an edge id of another form, a collapsed group: all kept', () => {
    const graph: TopologyGraph = {
      nodes: [
        node({ id: 'umIpGateway:PBX-GW-1', ref: { kind: 'umIpGateway', id: 'PBX-GW-1' }, label: 'PBX-GW-1', severity: 'error', findingCount: 2 }),
        node({ id: 'odd-node', ref: { kind: 'umIpGateway', id: 'PBX-GW-2' } }),
        node({ id: 'umHuntGroup:x', ref: { kind: 'umIpGateway', id: 'x' }, kind: 'umHuntGroup' }),
        node({ id: 'group:umDialPlan', kind: 'umDialPlan', group: { key: 'umDialPlan', count: 200 }, facts: [{ kind: 'computers', count: 3 }] }),
      ],
      edges: [
        { id: 'umIpGateway:PBX-GW-1->odd-node', source: 'umIpGateway:PBX-GW-1', target: 'odd-node', kind: 'gateway-huntgroup' },
        { id: 'custom', source: 'odd-node', target: 'group:umDialPlan', kind: 'huntgroup-dialplan' },
      ],
      groups: [{ key: 'umDialPlan', kind: 'umDialPlan', count: 200, expanded: false }],
      layoutMs: 0,
      layout: 'elk',
    };
    assert.deepEqual(unpackGraph(packGraph(graph)), graph);
  });

  test('an edge to a node not in the graph is refused, naming the edge', () => {
    const graph: TopologyGraph = {
      nodes: [node({ id: 'a' })],
      edges: [{ id: 'a->b', source: 'a', target: 'b', kind: 'pool-gateway' }],
      groups: [],
      layoutMs: 0,
      layout: 'elk',
    };
    assert.throws(() => packGraph(graph), /a->b/);
  });
});
