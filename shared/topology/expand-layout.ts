/**
 * Expanding a group without laying the whole map out again. elkjs lays out the collapsed map once
 * (main/services/topology/topology-layout.ts); expanding a group of 1,000 gateways then took
 * seconds, because elkjs ran again over every node (its layered algorithm grows faster than the
 * node count). Here the group's members take the group node's slot as a grid (a block of columns,
 * the worst severity first, then by name), and what sat right of the group's column moves right by
 * the block's extra width, what sat below the group in its column moves down by its extra height:
 * nothing else moves, so the map keeps the shape the user knows (docs/large-orgs.md, "The map").
 * Edges need no routing of their own: the map draws each edge from its source's handle to its
 * target's (React Flow), wherever the nodes are.
 */
import type { Severity } from '../model/org';
import type { CollapsedGraph, CollapsedNode } from './collapse';
import type { GraphNode, TopologyGraph } from './topology-graph';

/** Room between the members of an expanded group: elkjs's own spacing of the collapsed map (nodeNode 18). */
export const GRID_GAP_X = 30;
export const GRID_GAP_Y = 18;

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A drawn node: what collapse.ts says about it, where the layout placed it. */
export function graphNodeFrom(n: CollapsedNode, at: Placement): GraphNode {
  return {
    id: n.id,
    ref: n.node?.ref ?? null,
    kind: n.kind,
    side: n.side,
    label: n.node?.label ?? '',
    sublabel: n.node?.sublabel ?? '',
    role: n.node?.role ?? null,
    facts: n.node?.facts ?? [],
    severity: n.severity,
    findingCount: n.findingCount,
    group: n.group,
    x: at.x,
    y: at.y,
    width: at.width,
    height: at.height,
  };
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const rank = (s: Severity | null) => (s === null ? 3 : SEVERITY_RANK[s]);
const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The members' order in the grid: what needs attention first, then by name (PBX-GW-2 before PBX-GW-10). */
export function gridOrder(a: CollapsedNode, b: CollapsedNode): number {
  return rank(a.severity) - rank(b.severity) || byName.compare(a.node?.label ?? a.id, b.node?.label ?? b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Columns of the grid: a block about as tall as it is wide on screen, so a fit of the whole map stays readable. */
export function gridColumns(count: number, width: number, height: number): number {
  if (count <= 1) return 1;
  return Math.max(1, Math.min(count, Math.round(Math.sqrt((count * (height + GRID_GAP_Y)) / (width + GRID_GAP_X)))));
}

/**
 * The map of `next` (the collapsed graph with `groupKey` now expanded) from `base` (the laid-out map
 * where that group was one node). Every node of `next` already placed in `base` keeps its place
 * (moved by the block's size when right of or below the group); the new ones — the group's members —
 * fill the grid. When `base` has no node for the group (nothing was folded in it), the new nodes go
 * in a block below the whole map. Pure; a few milliseconds for 1,000 members.
 */
export function expandLayout(base: TopologyGraph, next: CollapsedGraph, groupKey: string): TopologyGraph {
  const placed = new Map(base.nodes.map((n) => [n.id, n]));
  const groupNode = base.nodes.find((n) => n.group?.key === groupKey) ?? null;
  const members = next.nodes.filter((n) => !placed.has(n.id)).sort(gridOrder);
  // Members take the group node's size (all nodes of the map have the same size, topology-layout.ts).
  const width = groupNode?.width ?? base.nodes[0]?.width ?? 240;
  const height = groupNode?.height ?? base.nodes[0]?.height ?? 58;
  const columns = gridColumns(members.length, width, height);
  const rows = Math.ceil(members.length / columns);
  const blockWidth = columns * width + (columns - 1) * GRID_GAP_X;
  const blockHeight = rows * height + (rows - 1) * GRID_GAP_Y;

  let origin: { x: number; y: number };
  let move: (n: GraphNode) => { x: number; y: number };
  if (groupNode) {
    origin = { x: groupNode.x, y: groupNode.y };
    const dx = Math.max(0, blockWidth - groupNode.width);
    const dy = Math.max(0, blockHeight - groupNode.height);
    const columnRight = groupNode.x + groupNode.width;
    move = (n) => {
      if (n.x >= columnRight) return { x: n.x + dx, y: n.y }; // right of the group's column
      if (n.x + n.width > groupNode.x && n.y >= groupNode.y + groupNode.height) return { x: n.x, y: n.y + dy }; // below it, in its column
      return { x: n.x, y: n.y };
    };
  } else {
    const left = base.nodes.length ? Math.min(...base.nodes.map((n) => n.x)) : 0;
    const bottom = base.nodes.length ? Math.max(...base.nodes.map((n) => n.y + n.height)) + GRID_GAP_Y * 3 : 0;
    origin = { x: left, y: bottom };
    move = (n) => ({ x: n.x, y: n.y });
  }

  const memberAt = new Map<string, Placement>();
  members.forEach((m, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    memberAt.set(m.id, { x: origin.x + column * (width + GRID_GAP_X), y: origin.y + row * (height + GRID_GAP_Y), width, height });
  });

  // Drawing order: the base's, the members where their group was (the map's focus fits the first members).
  const order = new Map(base.nodes.map((n, i) => [n.id, i]));
  const groupIndex = groupNode ? (order.get(groupNode.id) ?? base.nodes.length) : base.nodes.length;
  const kept: { index: number; node: GraphNode }[] = [];
  for (const n of next.nodes) {
    const old = placed.get(n.id);
    if (!old) continue;
    kept.push({ index: order.get(n.id) ?? 0, node: graphNodeFrom(n, { ...move(old), width: old.width, height: old.height }) });
  }
  kept.sort((a, b) => a.index - b.index);
  const before = kept.filter((k) => k.index < groupIndex).map((k) => k.node);
  const after = kept.filter((k) => k.index >= groupIndex).map((k) => k.node);
  const laidMembers = members.map((m) => graphNodeFrom(m, memberAt.get(m.id) as Placement));
  return {
    nodes: [...before, ...laidMembers, ...after],
    edges: next.edges,
    groups: next.groups,
    // The service times the call (topology-service.ts): shared code reads no clock.
    layoutMs: 0,
    layout: 'incremental',
  };
}
