/**
 * The React Flow canvas: pan/zoom, controls, minimap. Positions are the main process's; nodes are
 * not draggable nor connectable, this map reads the org, it does not edit it.
 */
import { Background, BackgroundVariant, Controls, type Edge, MiniMap, type Node, type NodeChange, ReactFlow, useNodesInitialized, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { GraphNode, TopologyGraph } from '../../../../shared/topology/topology-graph';
import type { ObjectRef } from '../../../../shared/model/org';
import { useI18n } from '../../i18n';
import { SEVERITY_COLOR, SIDE_COLOR } from '../../theme';
import { findNodeId, type MapFlowNode, type MapNodeData, toFlowEdges, toFlowNodes, withActiveEdges } from './flow-elements';
import { EdgeLayer } from './edge-layer';
import { GroupNode } from './group-node';
import { DETAILS_WIDTH } from './object-details-panel';
import { ObjectNode } from './object-node';
import { createSelectedNodeStore, SelectedNodeContext } from './selected-node';
import { markTopologyPainted } from './use-topology-graph';

/**
 * Fit paddings. The whole graph: a margin for the zoom controls on the left only (the minimap may
 * cover a corner; the map is often narrow with the details panel open, so width is precious).
 * A few objects (search, jump from Checks): centred well clear of the controls and the minimap.
 */
const FIT_ALL_PADDING = { top: '16px', bottom: '16px', left: '56px', right: '24px' } as const;
const FIT_SOME_PADDING = { top: '60px', bottom: '60px', left: '80px', right: '200px' } as const;
/**
 * The same with the details panel open: it lies over the map's right side (DETAILS_WIDTH wide,
 * object-details-panel.tsx) instead of narrowing it, so a fit keeps what it shows clear of it.
 */
const FIT_ALL_PADDING_BESIDE_DETAILS = { ...FIT_ALL_PADDING, right: `${DETAILS_WIDTH + 24}px` } as const;
const FIT_SOME_PADDING_BESIDE_DETAILS = { ...FIT_SOME_PADDING, right: `${DETAILS_WIDTH + 60}px` } as const;
/**
 * The smallest zoom a fit goes to: the node labels (12.5 px, topology.css) stay at least 11 px on
 * screen. The lab org fitted whole into a 1366×768 window came out at 6-px labels nobody can read;
 * at this zoom the fit centres the graph and the minimap shows, and pans to, the rest.
 */
export const READABLE_ZOOM = 0.9;
// Must keep its identity: React Flow copies a changed `fitViewOptions` prop into the store, which
// would overwrite the options of a fitView still queued (ours, with its `nodes`).
const INITIAL_FIT = { padding: FIT_ALL_PADDING, minZoom: READABLE_ZOOM };

/**
 * Past this many nodes only those in view are drawn. The collapsed maps (60 nodes for the
 * 1,000-gateway org) and the lab stay whole in the DOM; an expanded group of hundreds is culled.
 */
export const CULL_ABOVE = 300;

// Never mutated: the one empty edge list, so a large map hands React Flow the same array every render.
const NO_EDGES: Edge[] = [];

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
  /** The details panel lies over the map's right side: fits keep clear of it. */
  readonly detailsOpen: boolean;
  readonly highlighted: ReadonlySet<string> | null;
  readonly fit: FitRequest | null;
  readonly onSelect: (ref: ObjectRef) => void;
  readonly onFitDone: (nonce: number) => void;
  /** Where the user left the map (pan and zoom) for this org: shown as it was, instead of fitted again. */
  readonly viewport: Viewport | null;
  readonly onViewport: (viewport: Viewport) => void;
}

export function TopologyMap({ graph, selected, detailsOpen, highlighted, fit, onSelect, onFitDone, viewport, onViewport }: Props) {
  // Read once: the map starts where the user left it; later changes are the map's own.
  const [initialViewport] = useState(viewport);
  const { t } = useI18n();
  const describe = useCallback((n: GraphNode) => (n.group ? t('topology.group.label', { count: n.group.count, kind: t(`kind.${n.kind}`) }) : `${n.label}, ${t(`kind.${n.kind}`)}`), [t]);
  // Built once per graph (and search); a selection does not touch them (selected-node.ts).
  const nodes = useMemo(() => toFlowNodes(graph, highlighted, describe), [graph, highlighted, describe]);
  const [selectedStore] = useState(createSelectedNodeStore);
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
  // Before paint: the node drawn selected in the same frame as the details panel.
  useLayoutEffect(() => selectedStore.set(selectedNodeId), [selectedStore, selectedNodeId]);
  const large = nodes.length > CULL_ABOVE;
  // A large map's edges are one SVG layer (edge-layer.tsx), not React Flow edges.
  const baseEdges = useMemo(() => (large ? NO_EDGES : toFlowEdges(graph, null)), [graph, large]);
  const edges = useMemo(() => (large ? NO_EDGES : withActiveEdges(baseEdges, selectedNodeId)), [large, baseEdges, selectedNodeId]);

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
    <SelectedNodeContext.Provider value={selectedStore}>
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
        // An expanded large group (1,000 gateways) is drawn where the viewport looks only: drawing and
        // measuring every node took over a second in Chromium (docs/large-orgs.md, "The map").
        onlyRenderVisibleElements={large}
        ariaLabelConfig={ariaLabels}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#cfd4db" />
        <Controls showInteractive={false} position="bottom-left" />
        {/* Not for an expanded large group: the minimap draws every node, culled or not, each one subscribed
          to React Flow's store; the fit after expanding shows where the members are. */}
        {!large && (
          <MiniMap<MapFlowNode>
            position="bottom-right"
            pannable
            zoomable
            nodeColor={(n) => (n.data.graphNode.severity ? SEVERITY_COLOR[n.data.graphNode.severity].main : SIDE_COLOR[n.data.graphNode.side])}
            nodeStrokeWidth={0}
            style={{ width: 160, height: 100, border: '1px solid #dde1e6' }}
          />
        )}
        {large && <EdgeLayer graph={graph} selectedNodeId={selectedNodeId} />}
        <FitOnRequest fit={fit} detailsOpen={detailsOpen} jump={large} onDone={onFitDone} />
        <KeepViewport onViewport={onViewport} />
        <PaintedMark />
      </ReactFlow>
    </SelectedNodeContext.Provider>
  );
}

/**
 * `jump`: on a large map the fit lands at once instead of gliding. Each frame of a glide over a
 * culled map mounts the nodes coming into view and unmounts those leaving it: 140–170 ms of script
 * per frame after expanding 1,000 gateways (measured, docs/large-orgs.md).
 */
function FitOnRequest({ fit, detailsOpen, jump, onDone }: { fit: FitRequest | null; detailsOpen: boolean; jump: boolean; onDone: (nonce: number) => void }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!fit) return;
    const duration = (ms: number) => (jump ? 0 : ms);
    // React Flow queues fitView until the (new) nodes are measured, so this is safe right after a graph change.
    if (fit.nodeIds === 'all') void flow.fitView({ padding: detailsOpen ? FIT_ALL_PADDING_BESIDE_DETAILS : FIT_ALL_PADDING, minZoom: READABLE_ZOOM, duration: duration(300) });
    else if (fit.nodeIds.length > 0)
      void flow.fitView({ nodes: fit.nodeIds.map((id) => ({ id })), padding: detailsOpen ? FIT_SOME_PADDING_BESIDE_DETAILS : FIT_SOME_PADDING, maxZoom: 1.1, duration: duration(350) });
    onDone(fit.nonce);
    // A fit asked for once: the panel opening or closing later does not fit again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
