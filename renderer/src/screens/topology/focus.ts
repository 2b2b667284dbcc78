/**
 * Bringing objects into view, as pure functions over the graph that is shown. An object may sit in
 * a collapsed group: then the group is expanded first (the main process lays the graph out again)
 * and the request is resolved on the next graph.
 *
 * Expanding is bounded: the main process lays the graph out with elkjs, whose time grows fast with
 * the node count (1,000 gateways take seconds; a few thousand hunt groups take minutes, with main
 * busy meanwhile). A search or a jump from Checks only expands groups while the map stays under
 * EXPANSION_BUDGET nodes; beyond that the group node itself is highlighted and brought into view.
 * The group's own "Show all" button always expands: the user asked for it.
 */
import type { TopologyGraph } from '../../../../shared/contract/channels';
import type { ObjectRef } from '../../../../shared/model/org';
import { findNodeId } from './flow-elements';

export const EXPANSION_BUDGET = 1500;

/** How many members of a just-expanded group to fit: a readable slice, not a smear of specks. */
const EXPANDED_SLICE = 30;

export interface FocusItem {
  readonly ref: ObjectRef;
  /** The group the object folds into, when main said so (search); else found by kind. */
  readonly groupKey: string | null;
}

export type FocusTarget = { readonly items: readonly FocusItem[] } | { readonly all: true } | { readonly expandedGroup: string };

export type FocusStep = { readonly kind: 'expand'; readonly groups: readonly string[] } | { readonly kind: 'fit'; readonly nodeIds: readonly string[] | 'all' };

export function resolveFocus(graph: TopologyGraph, target: FocusTarget, expanded: readonly string[]): FocusStep {
  if ('all' in target) return { kind: 'fit', nodeIds: 'all' };
  if ('expandedGroup' in target) return { kind: 'fit', nodeIds: expandedSlice(graph, target.expandedGroup) };

  const ids: string[] = [];
  const folded = new Set<string>();
  for (const item of target.items) {
    const id = findNodeId(graph, item.ref);
    if (id) {
      ids.push(id);
      continue;
    }
    const group = graph.groups.find((g) => (item.groupKey !== null ? g.key === item.groupKey : g.kind === item.ref.kind) && !g.expanded && !expanded.includes(g.key));
    if (group) folded.add(group.key);
  }
  const affordable = affordableGroups(graph, [...folded]);
  if (affordable.length > 0) return { kind: 'expand', groups: affordable };
  // Groups too large to expand here: show the group node in place of its members.
  for (const key of folded) {
    const node = groupNodeOf(graph, key);
    if (node) ids.push(node);
  }
  return { kind: 'fit', nodeIds: ids };
}

/** The smallest groups first, while the drawn graph stays within the budget. */
export function affordableGroups(graph: TopologyGraph, keys: readonly string[]): string[] {
  let total = graph.nodes.length;
  const chosen: string[] = [];
  const groups = graph.groups.filter((g) => keys.includes(g.key) && !g.expanded).sort((a, b) => a.count - b.count);
  for (const g of groups) {
    if (total + g.count - 1 > EXPANSION_BUDGET) break;
    total += g.count - 1;
    chosen.push(g.key);
  }
  return chosen;
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
