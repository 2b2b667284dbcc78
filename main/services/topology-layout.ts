/**
 * Lays the topology graph out with elkjs in the main process (machine notes: elk.bundled.js is
 * ~450 KB gzipped, too much for the renderer's initial load), columns fixed Skype → Exchange.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphNode, TopologyGraph } from '../../shared/contract/channels';
import type { CollapsedGraph } from '../../shared/topology/collapse';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 58;

export interface TopologyLayout {
  layout(graph: CollapsedGraph): Promise<TopologyGraph>;
}

export function createElkLayout(): TopologyLayout {
  const elk = new ELK();
  return {
    async layout(graph) {
      const started = performance.now();
      const result = await elk.layout({
        id: 'root',
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'RIGHT',
          'elk.partitioning.activate': 'true',
          'elk.layered.spacing.nodeNodeBetweenLayers': '90',
          'elk.spacing.nodeNode': '18',
          'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
          'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
          'elk.edgeRouting': 'POLYLINE',
        },
        children: graph.nodes.map((n) => ({
          id: n.id,
          width: NODE_WIDTH,
          height: NODE_HEIGHT,
          layoutOptions: { 'elk.partitioning.partition': String(n.column) },
        })),
        edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
      });
      const pos = new Map((result.children ?? []).map((c) => [c.id, c]));
      const nodes: GraphNode[] = graph.nodes.map((n) => {
        const p = pos.get(n.id);
        return {
          id: n.id,
          ref: n.node?.ref ?? null,
          kind: n.kind,
          side: n.side,
          label: n.node?.label ?? '',
          sublabel: n.node?.sublabel ?? '',
          role: n.node?.role ?? null,
          severity: n.severity,
          findingCount: n.findingCount,
          group: n.group,
          x: p?.x ?? 0,
          y: p?.y ?? 0,
          width: NODE_WIDTH,
          height: NODE_HEIGHT,
        };
      });
      return { nodes, edges: graph.edges, groups: graph.groups, layoutMs: Math.round(performance.now() - started) };
    },
  };
}
