/**
 * The main process already laid the graph out (elkjs, positions in GraphNode): this only maps it
 * to React Flow nodes and edges, with the selection and search highlights as node data.
 */
import type { Edge, Node } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { EdgeKind, GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import { type ObjectRef, refKey } from '../../../../shared/model/org';

export interface MapNodeData extends Record<string, unknown> {
  readonly graphNode: GraphNode;
  readonly selected: boolean;
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

/**
 * `describe` gives the accessible name of a node (name and translated kind): React Flow puts it on
 * the focusable node wrapper, which our node component does not render.
 */
export function toFlowNodes(graph: TopologyGraph, selected: ObjectRef | null, highlighted: ReadonlySet<string> | null, describe: (node: GraphNode) => string): MapFlowNode[] {
  const selectedKey = selected ? refKey(selected) : null;
  return graph.nodes.map((n) => {
    const isHighlighted =
      highlighted !== null && (highlighted.has(n.id) || (n.ref !== null && highlighted.has(refKey(n.ref))) || (n.group !== null && highlighted.has(groupHighlightKey(n.group.key))));
    return {
      id: n.id,
      type: n.group ? 'group' : 'object',
      position: { x: n.x, y: n.y },
      width: n.width,
      height: n.height,
      draggable: false,
      connectable: false,
      // Group nodes are not objects: nothing to select, only a button to expand.
      selectable: n.group === null,
      ariaLabel: describe(n),
      data: {
        graphNode: n,
        selected: selectedKey !== null && n.ref !== null && refKey(n.ref) === selectedKey,
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
const EDGE_STYLE: Readonly<Record<EdgeKind, CSSProperties>> = {
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

/** Where an object is drawn: its own node, or null (collapsed in a group, or not a map object). */
export function findNodeId(graph: TopologyGraph, ref: ObjectRef): string | null {
  const key = refKey(ref);
  return graph.nodes.find((n) => n.ref !== null && refKey(n.ref) === key)?.id ?? null;
}
