/**
 * The main process already laid the graph out (elkjs, positions in GraphNode): this only maps it
 * to React Flow nodes and edges, with the search highlights as node data (the selection: selected-node.ts).
 */
import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { EdgeKind, GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import { type ObjectRef, refKey } from '../../../../shared/model/org';

export interface MapNodeData extends Record<string, unknown> {
  readonly graphNode: GraphNode;
  readonly highlighted: boolean;
  /** A search is active and this node is not a match: fade it so the matches stand out. */
  readonly dimmed: boolean;
}

export type ObjectFlowNode = Node<MapNodeData, 'object'>;
export type GroupFlowNode = Node<MapNodeData, 'group'>;
export type MapFlowNode = ObjectFlowNode | GroupFlowNode;

/** Key of an object on the map: the ref key for objects, the node id for groups. */
export function nodeKey(node: GraphNode): string {
  return node.ref ? refKey(node.ref) : node.id;
}

/** Highlight entry for a collapsed group that holds search matches. */
export function groupHighlightKey(groupKey: string): string {
  return `group-with-matches:${groupKey}`;
}

/** The 1-px handles (topology.css .umc-handle), centred on the node's left and right sides. */
function handlesOf(n: GraphNode): NodeHandle[] {
  const y = n.height / 2 - 0.5;
  return [
    { type: 'target', position: Position.Left, x: -0.5, y, width: 1, height: 1 },
    { type: 'source', position: Position.Right, x: n.width - 0.5, y, width: 1, height: 1 },
  ];
}

/**
 * `describe` gives the accessible name of a node (name and translated kind): React Flow puts it on
 * the focusable node wrapper, which our node component does not render.
 */
export function toFlowNodes(graph: TopologyGraph, highlighted: ReadonlySet<string> | null, describe: (node: GraphNode) => string): MapFlowNode[] {
  return graph.nodes.map((n) => {
    const isHighlighted =
      highlighted !== null && (highlighted.has(n.id) || (n.ref !== null && highlighted.has(refKey(n.ref))) || (n.group !== null && highlighted.has(groupHighlightKey(n.group.key))));
    return {
      id: n.id,
      type: n.group ? 'group' : 'object',
      position: { x: n.x, y: n.y },
      width: n.width,
      height: n.height,
      // Main gave every node its size and our nodes draw their handles at mid-height on the left and
      // right (object-node.tsx, group-node.tsx): said here, React Flow neither observes nor measures
      // the nodes (@xyflow/system adoptUserNodes, parseHandles). Measuring the 86 nodes in view of an
      // expanded 1,000-gateway group and re-rendering them after took 200–400 ms (docs/large-orgs.md).
      measured: { width: n.width, height: n.height },
      handles: handlesOf(n),
      draggable: false,
      connectable: false,
      // Group nodes are not objects: nothing to select, only a button to expand.
      selectable: n.group === null,
      ariaLabel: describe(n),
      data: {
        graphNode: n,
        highlighted: isHighlighted,
        dimmed: highlighted !== null && highlighted.size > 0 && !isHighlighted,
      },
    } satisfies MapFlowNode;
  });
}

/**
 * The integration path (pool → gateway → hunt group → dial plan → servers) is drawn solid and
 * darker; links made by naming (location profile, contacts) dashed; context links (site, mediation,
 * PSTN, policies) light.
 */
export const EDGE_STYLE: Readonly<Record<EdgeKind, CSSProperties>> = {
  'pool-gateway': { stroke: '#4b5b70', strokeWidth: 1.8 },
  'gateway-huntgroup': { stroke: '#4b5b70', strokeWidth: 1.5 },
  'huntgroup-dialplan': { stroke: '#4b5b70', strokeWidth: 1.5 },
  'dialplan-server': { stroke: '#4b5b70', strokeWidth: 1.5 },
  'dialplan-autoattendant': { stroke: '#8a94a3', strokeWidth: 1.2 },
  'dialplan-policy': { stroke: '#a9b1bc', strokeWidth: 1, strokeDasharray: '2 3' },
  'locationprofile-dialplan': { stroke: '#00838f', strokeWidth: 1.3, strokeDasharray: '6 4' },
  'contact-target': { stroke: '#00838f', strokeWidth: 1.3, strokeDasharray: '6 4' },
  'contact-pool': { stroke: '#8a94a3', strokeWidth: 1.1, strokeDasharray: '6 4' },
  'site-pool': { stroke: '#b3bac4', strokeWidth: 1 },
  'pool-mediation': { stroke: '#b3bac4', strokeWidth: 1 },
  'mediation-pstn': { stroke: '#b3bac4', strokeWidth: 1 },
};

export function toFlowEdges(graph: TopologyGraph, selectedNodeId: string | null): Edge[] {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return graph.edges.map((e) => {
    const active = selectedNodeId !== null && (e.source === selectedNodeId || e.target === selectedNodeId);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'default',
      selectable: false,
      focusable: false,
      className: active ? `umc-edge umc-edge--${e.kind} umc-edge--active` : `umc-edge umc-edge--${e.kind}`,
      style: EDGE_STYLE[e.kind],
      zIndex: active ? 1 : 0,
      // Names only, no words: reads the same in every language.
      ariaLabel: `${labels.get(e.source) ?? e.source} → ${labels.get(e.target) ?? e.target}`,
      data: { kind: e.kind },
    };
  });
}

/**
 * The selection drawn on edges: those of the selected node active, every other edge object kept as
 * is (React Flow compares edge objects by identity: https://reactflow.dev/learn/advanced-use/performance).
 * The selected node itself is not in the node list: selected-node.ts.
 */
export function withActiveEdges(edges: readonly Edge[], selectedNodeId: string | null): Edge[] {
  if (selectedNodeId === null) return edges as Edge[];
  return edges.map((e) => (e.source === selectedNodeId || e.target === selectedNodeId ? { ...e, className: `${e.className ?? ''} umc-edge--active`, zIndex: 1 } : e));
}

/** Where an object is drawn: its own node, or null (collapsed in a group, or not a map object). */
export function findNodeId(graph: TopologyGraph, ref: ObjectRef): string | null {
  const key = refKey(ref);
  return graph.nodes.find((n) => n.ref !== null && refKey(n.ref) === key)?.id ?? null;
}

/** One SVG path drawing every edge of one kind (or the selected node's edges, `active`). */
export interface EdgePath {
  readonly key: string;
  readonly kind: EdgeKind;
  readonly active: boolean;
  readonly d: string;
  readonly count: number;
}

/**
 * React Flow's bezier between a source handle on the right and a target handle on the left (its
 * getBezierPath with the default curvature 0.25, @xyflow/system), from main's positions: the node
 * components put their handles at mid-height on those sides (object-node.tsx, group-node.tsx).
 */
function bezier(from: GraphNode, to: GraphNode): string {
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  const tx = to.x;
  const ty = to.y + to.height / 2;
  const dx = tx - sx;
  const offset = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  return `M${sx},${sy}C${sx + offset},${sy} ${tx - offset},${ty} ${tx},${ty}`;
}

/**
 * The edges of a large map as a few paths, one per kind, plus one for the selected node's edges
 * (drawn last, on top). An expanded group of 1,000 gateways has over a thousand edges; as React
 * Flow edges each one is a component subscribed to its store and an SVG element, and measuring the
 * nodes in view re-rendered them all: 400–600 ms of the first frame (docs/large-orgs.md, "The map").
 */
export function edgePaths(graph: TopologyGraph, selectedNodeId: string | null): EdgePath[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, { kind: EdgeKind; active: boolean; d: string[] }>();
  for (const e of graph.edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    const active = selectedNodeId !== null && (e.source === selectedNodeId || e.target === selectedNodeId);
    const key = active ? `active:${e.kind}` : e.kind;
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { kind: e.kind, active, d: [] }));
    part.d.push(bezier(from, to));
  }
  // The active paths after the others: SVG paints in document order.
  return [...parts].map(([key, p]) => ({ key, kind: p.kind, active: p.active, d: p.d.join(''), count: p.d.length })).sort((a, b) => Number(a.active) - Number(b.active));
}
