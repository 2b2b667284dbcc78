/**
 * The Topology screen's service: the map laid out for a set of expanded groups (each distinct
 * expansion laid out once per loaded org), the search over the map, and one object's details
 * (its properties, the findings on it, the objects it is linked to).
 */
import { UserError } from '../../../shared/i18n/translate';
import { type ObjectRef, refKey } from '../../../shared/model/org';
import { collapseGraph, GROUP_LIMIT } from '../../../shared/topology/collapse';
import { describeObject } from '../../../shared/topology/object-details';
import { expandLayout } from '../../../shared/topology/expand-layout';
import type { ObjectDetails, TopologySearchResult } from '../../../shared/topology/topology-channels';
import type { TopologyGraph } from '../../../shared/topology/topology-graph';
import { packGraph, type TopologyGraphWire } from '../../../shared/topology/graph-wire';
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
  /** The same graph packed for the renderer (shared/topology/graph-wire.ts): what `topology.graph` answers. */
  packedGraph(request: GraphRequest): Promise<TopologyGraphWire>;
  search(query: string): Promise<TopologySearchResult>;
  object(ref: ObjectRef): Promise<ObjectDetails>;
  /** Stops the layouts in flight (their workers end). */
  dispose(): Promise<void>;
}

export function createTopologyService(deps: { readonly org: OrgService; readonly layout: TopologyLayout }): TopologyService {
  const layoutCache = new Map<string, Promise<TopologyGraph>>();
  // Packed once per laid-out graph: going back to a map packs nothing again.
  const packed = new WeakMap<TopologyGraph, TopologyGraphWire>();
  let cacheOwner: LoadedOrg | null = null;

  /**
   * The map for these (sorted) expanded groups. Only the collapsed map (with any search hits
   * revealed) goes through elkjs; each expanded group is placed into the map without it, from the
   * map one expansion smaller (shared/topology/expand-layout.ts): expanding 1,000 gateways took
   * seconds of elkjs, it takes milliseconds on the main thread (measured, docs/large-orgs.md), too
   * little to be worth a worker's start. Collapsing again finds the smaller map in the cache, as it was.
   */
  function laidOut(l: LoadedOrg, expanded: readonly string[], reveal: readonly string[]): Promise<TopologyGraph> {
    const key = `${expanded.join('|')}#${reveal.join('|')}`;
    const cached = layoutCache.get(key);
    if (cached) {
      // Recently used: kept longest (the base of the next expansion is usually the last map shown).
      layoutCache.delete(key);
      layoutCache.set(key, cached);
      return cached;
    }
    // A bounded cache: each distinct expansion is laid out once per loaded org.
    if (layoutCache.size >= LAYOUT_CACHE_SIZE) layoutCache.delete(layoutCache.keys().next().value as string);
    let pending: Promise<TopologyGraph>;
    if (expanded.length === 0) {
      pending = deps.layout.layout(collapseGraph(l.graph, new Set(), l.findingsByNode, new Set(reveal)));
    } else {
      // Grow from a smaller map already laid out when there is one (the user expanded the groups one by one).
      const groupKey = expanded.find((g) => layoutCache.has(`${expanded.filter((e) => e !== g).join('|')}#${reveal.join('|')}`)) ?? expanded[expanded.length - 1];
      const smaller = expanded.filter((g) => g !== groupKey);
      pending = laidOut(l, smaller, reveal).then((base) => {
        const started = performance.now();
        const next = collapseGraph(l.graph, new Set(expanded), l.findingsByNode, new Set(reveal));
        const graph = expandLayout(base, next, groupKey);
        return { ...graph, layoutMs: Math.round(performance.now() - started) };
      });
    }
    layoutCache.set(key, pending);
    pending.catch(() => layoutCache.delete(key));
    return pending;
  }

  async function graphFor(request: GraphRequest): Promise<TopologyGraph> {
    const l = await deps.org.current();
    if (cacheOwner !== l) {
      layoutCache.clear();
      cacheOwner = l;
    }
    return laidOut(l, [...new Set(request.expandedGroups)].sort(), [...new Set(request.reveal ?? [])].sort());
  }

  return {
    graph: graphFor,

    async packedGraph(request) {
      const graph = await graphFor(request);
      let wire = packed.get(graph);
      if (!wire) packed.set(graph, (wire = packGraph(graph)));
      return wire;
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
