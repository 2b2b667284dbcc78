/**
 * The laid-out graph as it crosses from main to the renderer: one JSON text of rows, not a tree of
 * objects. An expanded group of 1,000 gateways is 1,059 nodes and 1,175 edges, about 25,000 values
 * as objects; a transport that copies value by value (Electron's structured clone, Playwright's
 * binding in the browser tests) spent 340–1,250 ms on them, one string of rows it copies at once
 * (docs/large-orgs.md, "The map"). The rows drop what each node would repeat: a node's ref is its
 * id (refKey), an edge's id is "source->target" (collapse.ts), and edges name their nodes by index.
 * Lossless: `unpackGraph(packGraph(g))` deep-equals `g`, whatever the ids.
 */
import { type ObjectRef, refKey } from '../model/org';
import type { GraphEdge, GraphNode, TopologyGraph } from './topology-graph';

export interface TopologyGraphWire {
  /** JSON of WireBody. */
  readonly packed: string;
}

/** 1: the ref is `{ kind, id }` with refKey(ref) === the node's id; 0: no ref (a collapsed group); else the ref itself. */
type WireRef = 0 | 1 | ObjectRef;

type NodeRow = [
  id: string,
  ref: WireRef,
  kind: GraphNode['kind'],
  side: GraphNode['side'],
  label: string,
  sublabel: string,
  role: string | null,
  facts: GraphNode['facts'],
  severity: GraphNode['severity'],
  findingCount: number,
  group: GraphNode['group'],
  x: number,
  y: number,
  width: number,
  height: number,
];

/** Source and target as indexes into the node rows; the id 0 when it is "source->target". */
type EdgeRow = [source: number, target: number, kind: GraphEdge['kind'], id: string | 0];

interface WireBody {
  readonly nodes: readonly NodeRow[];
  readonly edges: readonly EdgeRow[];
  readonly groups: TopologyGraph['groups'];
  readonly layoutMs: number;
  readonly layout: TopologyGraph['layout'];
}

const usualEdgeId = (source: string, target: string) => `${source}->${target}`;

function wireRef(n: GraphNode): WireRef {
  if (n.ref === null) return 0;
  return n.ref.kind === n.kind && refKey(n.ref) === n.id ? 1 : { kind: n.ref.kind, id: n.ref.id };
}

export function packGraph(graph: TopologyGraph): TopologyGraphWire {
  const index = new Map<string, number>();
  const nodes = graph.nodes.map((n, i): NodeRow => {
    index.set(n.id, i);
    return [n.id, wireRef(n), n.kind, n.side, n.label, n.sublabel, n.role, n.facts, n.severity, n.findingCount, n.group, n.x, n.y, n.width, n.height];
  });
  const edges = graph.edges.map((e): EdgeRow => {
    const source = index.get(e.source);
    const target = index.get(e.target);
    // An edge always joins two drawn nodes (collapse.ts); one that does not is a bug, said here rather than drawn wrong.
    if (source === undefined || target === undefined) throw new Error(`Topology edge ${e.id} names a node that is not in the graph.`);
    return [source, target, e.kind, e.id === usualEdgeId(e.source, e.target) ? 0 : e.id];
  });
  const body: WireBody = { nodes, edges, groups: graph.groups, layoutMs: graph.layoutMs, layout: graph.layout };
  return { packed: JSON.stringify(body) };
}

export function unpackGraph(wire: TopologyGraphWire): TopologyGraph {
  const body = JSON.parse(wire.packed) as WireBody;
  const nodes = body.nodes.map(([id, ref, kind, side, label, sublabel, role, facts, severity, findingCount, group, x, y, width, height]): GraphNode => ({
    id,
    ref: ref === 0 ? null : ref === 1 ? { kind, id: id.slice(kind.length + 1) } : ref,
    kind,
    side,
    label,
    sublabel,
    role,
    facts,
    severity,
    findingCount,
    group,
    x,
    y,
    width,
    height,
  }));
  const edges = body.edges.map(([s, t, kind, id]): GraphEdge => {
    const source = nodes[s]!.id;
    const target = nodes[t]!.id;
    return { id: id === 0 ? usualEdgeId(source, target) : id, source, target, kind };
  });
  return { nodes, edges, groups: body.groups, layoutMs: body.layoutMs, layout: body.layout };
}
