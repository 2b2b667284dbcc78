/**
 * The edges of a large map (past CULL_ABOVE nodes) drawn as one SVG layer under the nodes, a path
 * per edge kind, instead of one React Flow edge each (flow-elements.ts, edgePaths). The layer sits in
 * React Flow's viewport (ViewportPortal), so it pans and zooms with the nodes. It is decoration for
 * the eye: not focusable and hidden from screen readers, the details panel lists each object's links.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { TopologyGraph } from '../../../../shared/topology/topology-graph';
import { EDGE_STYLE, edgePaths } from './flow-elements';

const ACTIVE_STYLE = { stroke: '#1f5fa8', strokeWidth: 2.4 } as const;

function EdgeLayerView({ graph, selectedNodeId }: { graph: TopologyGraph; selectedNodeId: string | null }) {
  const paths = useMemo(() => edgePaths(graph, selectedNodeId), [graph, selectedNodeId]);
  const count = paths.reduce((sum, p) => sum + p.count, 0);
  return (
    <ViewportPortal>
      <svg className="umc-edge-layer" aria-hidden="true" data-testid="topology-edge-layer" data-edge-count={count}>
        {paths.map((p) => (
          <path
            key={p.key}
            className={p.active ? 'umc-edge-layer__path umc-edge--active' : 'umc-edge-layer__path'}
            data-edge-kind={p.kind}
            d={p.d}
            style={p.active ? ACTIVE_STYLE : EDGE_STYLE[p.kind]}
          />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const EdgeLayer = memo(EdgeLayerView);
