/**
 * Bringing objects into view, as pure functions over the graph that is shown. An object may sit in
 * a collapsed group: then it is *revealed* — drawn on its own while the rest of the group stays
 * one node (`topology.graph` `reveal`) — and the request resolves on the next graph. Expanding a
 * whole group is left to the group's own "Show all" button: a search hit among 2,900 hunt groups
 * must not lay out the other 2,899 (elkjs time grows fast with the node count).
 */
import type { TopologyGraph } from '../../../../shared/topology/topology-graph';
import type { ObjectRef } from '../../../../shared/model/org';
import { findNodeId } from './flow-elements';

/** How many members of a just-expanded group to fit: a readable slice, not a smear of specks. */
const EXPANDED_SLICE = 30;

export interface FocusItem {
  readonly ref: ObjectRef;
  /** The group the object folds into, when main said so (search); else found by kind. */
  readonly groupKey: string | null;
}

export type FocusTarget = { readonly items: readonly FocusItem[] } | { readonly all: true } | { readonly expandedGroup: string };

export type FocusStep = { readonly kind: 'reveal'; readonly nodeIds: readonly string[] } | { readonly kind: 'fit'; readonly nodeIds: readonly string[] | 'all' };

/** The most members one focus request draws out of collapsed groups (the contract's limit). */
export const REVEAL_LIMIT = 200;

/**
 * Objects folded in a collapsed group are *revealed* (drawn on their own, the rest of the group
 * staying one node: main lays out only what is drawn) rather than expanding the whole group. A
 * request already revealed that still finds nothing falls back to showing the group node.
 */
export function resolveFocus(graph: TopologyGraph, target: FocusTarget, expanded: readonly string[], revealed: readonly string[] = []): FocusStep {
  if ('all' in target) return { kind: 'fit', nodeIds: 'all' };
  if ('expandedGroup' in target) return { kind: 'fit', nodeIds: expandedSlice(graph, target.expandedGroup) };

  const ids: string[] = [];
  const folded = new Set<string>();
  const toReveal: string[] = [];
  for (const item of target.items) {
    const id = findNodeId(graph, item.ref);
    if (id) {
      ids.push(id);
      continue;
    }
    const group = graph.groups.find((g) => (item.groupKey !== null ? g.key === item.groupKey : g.kind === item.ref.kind) && !g.expanded && !expanded.includes(g.key));
    if (!group) continue;
    const nodeId = `${item.ref.kind}:${item.ref.id}`;
    if (!revealed.includes(nodeId) && toReveal.length < REVEAL_LIMIT) toReveal.push(nodeId);
    else folded.add(group.key);
  }
  if (toReveal.length > 0) return { kind: 'reveal', nodeIds: [...new Set([...revealed, ...toReveal])].slice(-REVEAL_LIMIT) };
  // Members that could not be drawn on their own: show their group node in their place.
  for (const key of folded) {
    const node = groupNodeOf(graph, key);
    if (node) ids.push(node);
  }
  return { kind: 'fit', nodeIds: ids };
}

export function groupNodeOf(graph: TopologyGraph, key: string): string | null {
  return graph.nodes.find((n) => n.group?.key === key)?.id ?? null;
}

function expandedSlice(graph: TopologyGraph, groupKey: string): string[] | 'all' {
  const kind = graph.groups.find((g) => g.key === groupKey)?.kind;
  const members = graph.nodes.filter((n) => n.kind === kind && n.group === null);
  if (members.length === 0) return 'all';
  // Around the first member (the one drawn first), nearest first.
  const anchor = members[0];
  const distance = (n: (typeof members)[number]) => Math.abs(n.y - anchor.y) + Math.abs(n.x - anchor.x);
  return [...members]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, EXPANDED_SLICE)
    .map((n) => n.id);
}
