/**
 * The laid-out graph for a set of expanded groups (and of members revealed in collapsed ones). Keeps showing the previous graph while the next
 * one is computed, and says whether what is shown matches the groups asked for (`current`), so
 * focus requests wait for the right graph instead of acting on a stale one.
 */
import { useEffect, useState } from 'react';
import { unpackGraph } from '../../../../shared/topology/graph-wire';
import type { TopologyGraph } from '../../../../shared/topology/topology-graph';
import { errorMessage, getApi } from '../../api';

export interface GraphState {
  readonly graph: TopologyGraph | null;
  /** The shown graph is the answer for the current expanded groups. */
  readonly current: boolean;
  readonly error: string | null;
}

// The benchmark reads the first arrival only (per page load), not every re-layout.
let dataMarked = false;

/**
 * The laid-out graphs of the org on screen, by request: leaving the Topology screen and coming back
 * shows the same map at once, without asking main to lay it out again. Another org (orgVersion in
 * the key) empties it; a few expansions at most are kept.
 */
const laidOut = { org: -1, graphs: new Map<string, TopologyGraph>() };
const LAID_OUT_MAX = 8;

/** Keeps a laid-out graph; the key holds the org version, so another org's graphs are dropped. */
function keepLaidOut(key: string, orgVersion: number, graph: TopologyGraph): void {
  if (orgVersion < laidOut.org) return; // a late answer for an org no longer shown
  if (laidOut.org !== orgVersion) {
    laidOut.graphs.clear();
    laidOut.org = orgVersion;
  }
  if (laidOut.graphs.size >= LAID_OUT_MAX) laidOut.graphs.delete(laidOut.graphs.keys().next().value as string);
  laidOut.graphs.set(key, graph);
}

/** Each request to main for a layout leaves this mark: the browser test counts them (none on a return). */
export const LAYOUT_REQUEST_MARK = 'umc:topology-layout-request';

/** Each answer of main with a laid-out graph leaves this mark; its detail says how main laid it out (`layout`, in `layoutMs`) and how many nodes. */
export const GRAPH_ARRIVED_MARK = 'umc:topology-graph-arrived';

/** `orgVersion` (org-version.tsx) is part of the key: another org loaded means another graph. */
export function useTopologyGraph(expandedGroups: readonly string[], reveal: readonly string[] = [], orgVersion = 0): GraphState {
  // The request, and a stable key for it: callers pass new arrays on every render.
  const request = { expandedGroups: [...expandedGroups].sort(), reveal: [...reveal].sort() };
  const key = JSON.stringify({ ...request, orgVersion });
  const [state, setState] = useState<{ graph: TopologyGraph | null; forKey: string | null; error: string | null; errorKey: string | null }>(() => {
    const kept = laidOut.graphs.get(key) ?? null;
    return { graph: kept, forKey: kept ? key : null, error: null, errorKey: null };
  });

  useEffect(() => {
    const kept = laidOut.graphs.get(key);
    if (kept) {
      setState((s) => (s.forKey === key ? s : { graph: kept, forKey: key, error: null, errorKey: null }));
      return;
    }
    let live = true;
    performance.mark(LAYOUT_REQUEST_MARK);
    getApi()
      .topology.graph(request)
      .then(
        (wire) => {
          const graph = unpackGraph(wire);
          // Each answer too: the bench splits click → drawn into asking main and drawing.
          performance.mark(GRAPH_ARRIVED_MARK, { detail: { layout: graph.layout, layoutMs: graph.layoutMs, nodes: graph.nodes.length } });
          keepLaidOut(key, orgVersion, graph);
          if (!live) return;
          if (!dataMarked) {
            dataMarked = true;
            performance.mark('umc:topology-data');
          }
          setState({ graph, forKey: key, error: null, errorKey: null });
        },
        (e: unknown) => live && setState((s) => ({ ...s, error: errorMessage(e), errorKey: key })),
      );
    return () => {
      live = false;
    };
    // `request` is rebuilt on each render; `key` says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { graph: state.graph, current: state.forKey === key, error: state.errorKey === key ? state.error : null };
}

let paintedMarked = false;

/** Called once the map has committed (and measured) its first nodes: mark on the next frame. */
export function markTopologyPainted(): void {
  if (paintedMarked) return;
  paintedMarked = true;
  requestAnimationFrame(() => performance.mark('umc:topology-painted'));
}
