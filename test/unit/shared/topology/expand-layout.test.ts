import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../support/org-builder/generate-org';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { buildOrgGraph, type OrgGraph } from '../../../../shared/topology/build-graph';
import { type CollapsedGraph, type CollapsedNode, collapseGraph } from '../../../../shared/topology/collapse';
import { expandLayout, graphNodeFrom, gridColumns, gridOrder } from '../../../../shared/topology/expand-layout';
import type { GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';

const W = 240;
const H = 58;

/**
 * A stand-in for elkjs's layout of the collapsed map: one column per graph column, nodes stacked
 * in it. What matters here is that it is a valid layout (no overlaps) of the same nodes.
 */
function columnLayout(g: CollapsedGraph): TopologyGraph {
  const rows = new Map<number, number>();
  const nodes = g.nodes.map((n) => {
    const row = rows.get(n.column) ?? 0;
    rows.set(n.column, row + 1);
    return graphNodeFrom(n, { x: n.column * (W + 90), y: row * (H + 18), width: W, height: H });
  });
  return { nodes, edges: g.edges, groups: g.groups, layoutMs: 0, layout: 'elk' };
}

function overlaps(nodes: readonly GraphNode[]): string[] {
  // Sweep by x: only nodes whose x ranges meet are compared.
  const sorted = [...nodes].sort((a, b) => a.x - b.x);
  const found: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.width; j++) {
      const b = sorted[j];
      if (a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id} × ${b.id}`);
    }
  }
  return found;
}

function checkMap(g: TopologyGraph, expected: CollapsedGraph) {
  assert.deepEqual(overlaps(g.nodes), [], 'no two node rectangles intersect');
  assert.deepEqual(new Set(g.nodes.map((n) => n.id)), new Set(expected.nodes.map((n) => n.id)), 'every node of the collapsed graph is placed, once');
  assert.equal(g.nodes.length, expected.nodes.length);
  const ids = new Set(g.nodes.map((n) => n.id));
  for (const e of g.edges) assert.ok(ids.has(e.source) && ids.has(e.target), `edge ${e.id} joins placed nodes`);
  assert.deepEqual(g.edges, expected.edges);
  assert.deepEqual(g.groups, expected.groups);
}

const big = (() => {
  const raw = generateSnapshot({ exchangeServers: 5, dialPlans: 30, gateways: 1000, users: 10 });
  return buildOrgGraph(decodeSnapshot(raw, { readCertificate: readCertificateBase64 }));
})();

const collapse = (graph: OrgGraph, expanded: readonly string[], findings: ReadonlyMap<string, readonly Diagnostic[]> = new Map(), reveal: readonly string[] = []) =>
  collapseGraph(graph, new Set(expanded), findings, new Set(reveal));

describe('expanding a group without laying the map out again', () => {
  test('1,000 gateways take their group’s slot: all placed, nothing overlaps, edges join placed nodes', () => {
    const base = columnLayout(collapse(big, []));
    const next = collapse(big, ['umIpGateway']);
    const g = expandLayout(base, next, 'umIpGateway');
    checkMap(g, next);
    assert.equal(g.layout, 'incremental');
    assert.equal(g.nodes.filter((n) => n.kind === 'umIpGateway').length, 1000);
    const group = base.nodes.find((n) => n.group?.key === 'umIpGateway')!;
    const members = g.nodes.filter((n) => n.kind === 'umIpGateway');
    // The block starts at the group's place and is a grid of the group's node size.
    assert.equal(Math.min(...members.map((n) => n.x)), group.x);
    assert.equal(Math.min(...members.map((n) => n.y)), group.y);
    assert.equal(new Set(members.map((n) => n.x)).size, gridColumns(1000, W, H));
    assert.ok(members.every((n) => n.width === group.width && n.height === group.height));
  });

  test('what sits left or above stays; right of the column moves right, below it in its column moves down — nothing else', () => {
    const base = columnLayout(collapse(big, []));
    const group = base.nodes.find((n) => n.group?.key === 'umIpGateway')!;
    const g = expandLayout(base, collapse(big, ['umIpGateway']), 'umIpGateway');
    const at = new Map(g.nodes.map((n) => [n.id, n]));
    let right = 0;
    let below = 0;
    for (const old of base.nodes) {
      if (old.id === group.id) continue;
      const now = at.get(old.id)!;
      if (old.x >= group.x + group.width) {
        right++;
        assert.equal(now.y, old.y, `${old.id} keeps its row`);
        assert.ok(now.x > old.x, `${old.id} moves right`);
      } else if (old.x === group.x && old.y > group.y) {
        below++;
        assert.equal(now.x, old.x);
        assert.ok(now.y > old.y, `${old.id} moves down`);
      } else {
        assert.deepEqual([now.x, now.y], [old.x, old.y], `${old.id} stays`);
      }
    }
    assert.ok(right > 0 && below > 0, 'the generated org has nodes on both sides of the gateway group');
  });

  test('collapsing again gives back the original places: every move is the block’s size', () => {
    const base = columnLayout(collapse(big, []));
    const group = base.nodes.find((n) => n.group?.key === 'umIpGateway')!;
    const g = expandLayout(base, collapse(big, ['umIpGateway']), 'umIpGateway');
    const members = g.nodes.filter((n) => n.kind === 'umIpGateway');
    const dx = Math.max(...members.map((n) => n.x + n.width)) - group.x - group.width;
    const dy = Math.max(...members.map((n) => n.y + n.height)) - group.y - group.height;
    const at = new Map(g.nodes.map((n) => [n.id, n]));
    for (const old of base.nodes) {
      const now = at.get(old.id);
      if (!now) continue;
      const back = { x: old.x >= group.x + group.width ? now.x - dx : now.x, y: old.x < group.x + group.width && old.y > group.y && old.x + old.width > group.x ? now.y - dy : now.y };
      assert.deepEqual(back, { x: old.x, y: old.y }, old.id);
    }
  });

  test('groups expanded one after another (gateways, then hunt groups) still never overlap', () => {
    const base = columnLayout(collapse(big, []));
    const one = expandLayout(base, collapse(big, ['umIpGateway']), 'umIpGateway');
    const twoCollapsed = collapse(big, ['umIpGateway', 'umHuntGroup']);
    const two = expandLayout(one, twoCollapsed, 'umHuntGroup');
    checkMap(two, twoCollapsed);
    // The gateways keep their grid: only moved as a whole, never reshuffled.
    const gw = (g: TopologyGraph) => g.nodes.filter((n) => n.kind === 'umIpGateway').map((n) => `${n.id}@${n.x - one.nodes.find((m) => m.kind === 'umIpGateway')!.x},${n.y}`);
    assert.deepEqual(gw(two), gw(one));
  });

  test('members revealed by a search keep their place; the rest of the group fills the grid', () => {
    const reveal = ['umIpGateway:PBX-GW-0042'];
    const base = columnLayout(collapse(big, [], new Map(), reveal));
    const next = collapse(big, ['umIpGateway'], new Map(), reveal);
    const g = expandLayout(base, next, 'umIpGateway');
    checkMap(g, next);
    const before = base.nodes.find((n) => n.id === reveal[0])!;
    const after = g.nodes.find((n) => n.id === reveal[0])!;
    // Drawn below the group node in its column: moved down by the block's extra height, never into the grid.
    const group = base.nodes.find((n) => n.group?.key === 'umIpGateway')!;
    const grid = g.nodes.filter((n) => n.kind === 'umIpGateway' && n.id !== reveal[0]);
    assert.equal(after.x, before.x);
    assert.equal(after.y - before.y, Math.max(...grid.map((n) => n.y + n.height)) - group.y - group.height);
    assert.equal(g.nodes.filter((n) => n.kind === 'umIpGateway').length, 1000);
  });

  test('a group with no node in the map (all its members already drawn) or an unknown key changes no place', () => {
    const base = columnLayout(collapse(big, []));
    const g = expandLayout(base, collapse(big, []), 'no-such-group');
    assert.deepEqual(
      g.nodes.map((n) => [n.id, n.x, n.y]),
      base.nodes.map((n) => [n.id, n.x, n.y]),
    );
  });

  test('new nodes with no group slot go in a block below the whole map', () => {
    const next = collapse(big, ['umIpGateway']);
    const withoutGroup: TopologyGraph = { ...columnLayout(collapse(big, [])), nodes: columnLayout(collapse(big, [])).nodes.filter((n) => n.group?.key !== 'umIpGateway') };
    const g = expandLayout(withoutGroup, next, 'umIpGateway');
    checkMap(g, next);
    const bottom = Math.max(...withoutGroup.nodes.map((n) => n.y + n.height));
    assert.ok(g.nodes.filter((n) => n.kind === 'umIpGateway').every((n) => n.y > bottom));
  });

  test('the grid puts errors first, then warnings, then the healthy, each by name with numbers in order', () => {
    const node = (label: string, severity: CollapsedNode['severity']): CollapsedNode => ({
      id: `umIpGateway:${label}`,
      node: { id: `umIpGateway:${label}`, ref: { kind: 'umIpGateway', id: label }, kind: 'umIpGateway', side: 'exchange', label, sublabel: '', role: null, facts: [], column: 2 },
      kind: 'umIpGateway',
      side: 'exchange',
      column: 2,
      severity,
      findingCount: severity ? 1 : 0,
      group: null,
    });
    const sorted = [node('GW-10', null), node('GW-2', null), node('GW-9', 'warning'), node('GW-1', 'error'), node('GW-3', 'info')].sort(gridOrder);
    assert.deepEqual(
      sorted.map((n) => n.node!.label),
      ['GW-1', 'GW-9', 'GW-3', 'GW-2', 'GW-10'],
    );
    assert.equal(gridColumns(1, W, H), 1);
    assert.equal(gridColumns(0, W, H), 1);
    assert.ok(gridColumns(1000, W, H) > 1 && gridColumns(1000, W, H) < 1000);
  });
});
