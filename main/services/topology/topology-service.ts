/**
 * The Topology screen's service: the map laid out for a set of expanded groups (each distinct
 * expansion laid out once per loaded org), the search over the map, and one object's details
 * (its properties, the findings on it, the objects it is linked to).
 */
import { UserError } from '../../../shared/i18n/translate';
import { type ObjectRef, refKey } from '../../../shared/model/org';
import { collapseGraph, GROUP_LIMIT } from '../../../shared/topology/collapse';
import { describeObject } from '../../../shared/topology/object-details';
import type { ObjectDetails, TopologySearchResult } from '../../../shared/topology/topology-channels';
import type { TopologyGraph } from '../../../shared/topology/topology-graph';
import { labelOf, type LoadedOrg, type OrgService } from '../org-service';
import type { TopologyLayout } from './topology-layout';

/** Distinct expansions kept laid out per loaded org (the oldest is dropped first). */
const LAYOUT_CACHE_SIZE = 32;
/** Matches a search returns, at most. */
const MAX_MATCHES = 200;

export interface GraphRequest {
  readonly expandedGroups: readonly string[];
  /** Node ids drawn on their own even inside a collapsed group (search results). */
  readonly reveal?: readonly string[];
}

export interface TopologyService {
  graph(request: GraphRequest): Promise<TopologyGraph>;
  search(query: string): Promise<TopologySearchResult>;
  object(ref: ObjectRef): Promise<ObjectDetails>;
  /** Stops the layouts in flight (their workers end). */
  dispose(): Promise<void>;
}

export function createTopologyService(deps: { readonly org: OrgService; readonly layout: TopologyLayout }): TopologyService {
  const layoutCache = new Map<string, Promise<TopologyGraph>>();
  let cacheOwner: LoadedOrg | null = null;

  return {
    async graph(request) {
      const l = await deps.org.current();
      if (cacheOwner !== l) {
        layoutCache.clear();
        cacheOwner = l;
      }
      const expanded = [...new Set(request.expandedGroups)].sort();
      const reveal = [...new Set(request.reveal ?? [])].sort();
      const key = `${expanded.join('|')}#${reveal.join('|')}`;
      let pending = layoutCache.get(key);
      if (!pending) {
        // A bounded cache: each distinct expansion is laid out once per loaded org.
        if (layoutCache.size >= LAYOUT_CACHE_SIZE) layoutCache.delete(layoutCache.keys().next().value as string);
        pending = deps.layout.layout(collapseGraph(l.graph, new Set(expanded), l.findingsByNode, new Set(reveal)));
        layoutCache.set(key, pending);
        pending.catch(() => layoutCache.delete(key));
      }
      return pending;
    },

    async search(query) {
      const l = await deps.org.current();
      const q = query.trim().toLowerCase();
      if (q === '') return { matches: [] };
      const matches = [];
      for (const n of l.graph.nodes) {
        if (!n.label.toLowerCase().includes(q) && !n.sublabel.toLowerCase().includes(q)) continue;
        matches.push({ ref: n.ref, label: n.label, nodeId: n.id, groupKey: null as string | null });
        if (matches.length >= MAX_MATCHES) break;
      }
      // Which matches sit in a group that is large enough to be collapsed: the renderer expands it.
      const counts = new Map<string, number>();
      for (const n of l.graph.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
      return { matches: matches.map((m) => ({ ...m, groupKey: (counts.get(m.ref.kind) ?? 0) > GROUP_LIMIT ? m.ref.kind : null })) };
    },

    async object(ref) {
      const l = await deps.org.current();
      const described = describeObject(l.org, ref);
      if (!described) throw new UserError({ key: 'topology.error.noObject', params: { kind: { key: `kind.${ref.kind}` }, id: ref.id } });
      const id = refKey(ref);
      // The findings badged on this node (certificates badge their server) and those naming it directly.
      const badged = new Set(l.findingsByNode.get(id) ?? []);
      const findings = l.findings.filter((f) => badged.has(f) || f.objects.some((o) => o.kind === ref.kind && o.id === ref.id));
      const related = new Map<string, ObjectRef>();
      for (const e of l.graph.edges) {
        const other = e.source === id ? e.target : e.target === id ? e.source : null;
        const node = other ? l.nodeById.get(other) : undefined;
        if (node) related.set(node.id, node.ref);
      }
      return {
        ref,
        title: described.title,
        properties: described.properties,
        findings,
        related: [...related.values()].map((r) => ({ ref: r, label: labelOf(l, r) })),
      };
    },

    dispose: () => deps.layout.dispose(),
  };
}
