/**
 * The React Flow canvas: pan/zoom, controls, minimap. Positions are the main process's; nodes are
 * not draggable nor connectable, this map reads the org, it does not edit it.
 */
import { Background, BackgroundVariant, Controls, MiniMap, type Node, type NodeChange, ReactFlow, useNodesInitialized, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import type { ObjectRef } from '../../../../shared/model/org';
import { useI18n } from '../../i18n';
import { SEVERITY_COLOR, SIDE_COLOR } from '../../theme';
import { findNodeId, type MapFlowNode, type MapNodeData, toFlowEdges, toFlowNodes } from './flow-elements';
import { GroupNode } from './group-node';
import { ObjectNode } from './object-node';
import { markTopologyPainted } from './use-topology-graph';

/**
 * Fit paddings. The whole graph: a margin for the zoom controls on the left only (the minimap may
 * cover a corner; the map is often narrow with the details panel open, so width is precious).
 * A few objects (search, jump from Checks): centred well clear of the controls and the minimap.
 */
const FIT_ALL_PADDING = { top: '16px', bottom: '16px', left: '56px', right: '24px' } as const;
const FIT_SOME_PADDING = { top: '60px', bottom: '60px', left: '80px', right: '200px' } as const;
/**
 * The smallest zoom a fit goes to: the node labels (12.5 px, topology.css) stay at least 11 px on
 * screen. The lab org fitted whole into a 1366×768 window came out at 6-px labels nobody can read;
 * at this zoom the fit centres the graph and the minimap shows, and pans to, the rest.
 */
export const READABLE_ZOOM = 0.9;
// Must keep its identity: React Flow copies a changed `fitViewOptions` prop into the store, which
// would overwrite the options of a fitView still queued (ours, with its `nodes`).
const INITIAL_FIT = { padding: FIT_ALL_PADDING, minZoom: READABLE_ZOOM };

// Module-level: React Flow warns (and re-mounts nodes) when nodeTypes is a new object each render.
const NODE_TYPES = { object: ObjectNode, group: GroupNode };

/** Fit the viewport to these nodes ('all' = whole graph) once the graph they belong to is shown. */
export interface FitRequest {
  readonly nodeIds: readonly string[] | 'all';
  readonly nonce: number;
}

interface Props {
  readonly graph: TopologyGraph;
  readonly selected: ObjectRef | null;
  readonly highlighted: ReadonlySet<string> | null;
  readonly fit: FitRequest | null;
  readonly onSelect: (ref: ObjectRef) => void;
  readonly onFitDone: (nonce: number) => void;
  /** Where the user left the map (pan and zoom) for this org: shown as it was, instead of fitted again. */
  readonly viewport: Viewport | null;
  readonly onViewport: (viewport: Viewport) => void;
}

export function TopologyMap({ graph, selected, highlighted, fit, onSelect, onFitDone, viewport, onViewport }: Props) {
  // Read once: the map starts where the user left it; later changes are the map's own.
  const [initialViewport] = useState(viewport);
  const { t } = useI18n();
  const describe = useCallback((n: GraphNode) => (n.group ? t('topology.group.label', { count: n.group.count, kind: t(`kind.${n.kind}`) }) : `${n.label}, ${t(`kind.${n.kind}`)}`), [t]);
  const nodes = useMemo(() => toFlowNodes(graph, selected, highlighted, describe), [graph, selected, highlighted, describe]);
  // React Flow's own control and screen-reader texts, through the i18n layer too.
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('topology.controls.label'),
      'controls.zoomIn.ariaLabel': t('topology.controls.zoomIn'),
      'controls.zoomOut.ariaLabel': t('topology.controls.zoomOut'),
      'controls.fitView.ariaLabel': t('topology.controls.fitView'),
      'minimap.ariaLabel': t('topology.minimap'),
      'node.a11yDescription.default': t('topology.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('topology.a11y.node'),
      'edge.a11yDescription.default': t('topology.a11y.edge'),
    }),
    [t],
  );
  const selectedNodeId = useMemo(() => (selected ? findNodeId(graph, selected) : null), [graph, selected]);
  const edges = useMemo(() => toFlowEdges(graph, selectedNodeId), [graph, selectedNodeId]);

  const refOf = useCallback((id: string) => graph.nodes.find((n) => n.id === id)?.ref ?? null, [graph]);

  const onNodeClick = useCallback(
    (_: unknown, node: Node) => {
      const ref = (node.data as MapNodeData).graphNode.ref;
      if (ref) onSelect(ref);
    },
    [onSelect],
  );

  // Keyboard selection (Enter/Space on a focused node) arrives as a 'select' change, not a click.
  const onNodesChange = useCallback(
    (changes: NodeChange<MapFlowNode>[]) => {
      for (const c of changes) {
        if (c.type !== 'select' || !c.selected) continue;
        const ref = refOf(c.id);
        if (ref) onSelect(ref);
      }
    },
    [onSelect, refOf],
  );

  return (
    <ReactFlow<MapFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodeClick={onNodeClick}
      onNodesChange={onNodesChange}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      zoomOnDoubleClick={false}
      fitView={initialViewport === null}
      fitViewOptions={INITIAL_FIT}
      defaultViewport={initialViewport ?? undefined}
      minZoom={0.05}
      maxZoom={2}
      // Only very large expanded groups need culling; below that every node stays in the DOM.
      onlyRenderVisibleElements={nodes.length > 1500}
      ariaLabelConfig={ariaLabels}
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#cfd4db" />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap<MapFlowNode>
        position="bottom-right"
        pannable
        zoomable
        nodeColor={(n) => (n.data.graphNode.severity ? SEVERITY_COLOR[n.data.graphNode.severity].main : SIDE_COLOR[n.data.graphNode.side])}
        nodeStrokeWidth={0}
        style={{ width: 160, height: 100, border: '1px solid #dde1e6' }}
      />
      <FitOnRequest fit={fit} onDone={onFitDone} />
      <KeepViewport onViewport={onViewport} />
      <PaintedMark />
    </ReactFlow>
  );
}

function FitOnRequest({ fit, onDone }: { fit: FitRequest | null; onDone: (nonce: number) => void }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!fit) return;
    // React Flow queues fitView until the (new) nodes are measured, so this is safe right after a graph change.
    if (fit.nodeIds === 'all') void flow.fitView({ padding: FIT_ALL_PADDING, minZoom: READABLE_ZOOM, duration: 300 });
    else if (fit.nodeIds.length > 0) void flow.fitView({ nodes: fit.nodeIds.map((id) => ({ id })), padding: FIT_SOME_PADDING, maxZoom: 1.1, duration: 350 });
    onDone(fit.nonce);
  }, [fit, flow, onDone]);
  return null;
}

/**
 * Hands every viewport over (pan, zoom, a fit) as it changes: the next visit starts where the user
 * left the map. Read from the store, not on unmount: by then React Flow may have reset it.
 */
function KeepViewport({ onViewport }: { onViewport: (viewport: Viewport) => void }) {
  const [x, y, zoom] = useStore((s) => s.transform);
  useEffect(() => onViewport({ x, y, zoom }), [x, y, zoom, onViewport]);
  return null;
}

/**
 * The store's own `nodesInitialized` flag only updates when the nodes prop changes (we do not feed
 * measurements back into it: positions come from main). `includeHiddenNodes` makes the hook read
 * the measured sizes and handles directly, which is what we want (no node here is hidden).
 */
const MEASURED_IN_LOOKUP = { includeHiddenNodes: true };

/** The benchmark's "painted" mark: after React committed the first nodes and React Flow measured them. */
function PaintedMark() {
  const initialized = useNodesInitialized(MEASURED_IN_LOOKUP);
  useEffect(() => {
    if (initialized) markTopologyPainted();
  }, [initialized]);
  return null;
}
