/**
 * The selected node, kept outside React Flow's node list. Handing React Flow a new node array on a
 * click makes its store adopt every node again and run the selector of every subscribed node, edge
 * and minimap node (https://reactflow.dev/learn/advanced-use/performance): with 1,059 nodes that
 * was most of a selection's time (docs/large-orgs.md, "The map"). Here a node asks only whether it
 * is the selected one, and a change wakes the listeners of two ids: the node left and the node chosen.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

export interface SelectedNodeStore {
  get(): string | null;
  set(nodeId: string | null): void;
  /** Called when `nodeId` becomes or stops being the selected node; returns the unsubscribe. */
  subscribe(nodeId: string, listener: () => void): () => void;
}

export function createSelectedNodeStore(): SelectedNodeStore {
  let selected: string | null = null;
  const listeners = new Map<string, Set<() => void>>();
  const wake = (nodeId: string | null) => {
    if (nodeId === null) return;
    for (const l of listeners.get(nodeId) ?? []) l();
  };
  return {
    get: () => selected,
    set(nodeId) {
      if (nodeId === selected) return;
      const left = selected;
      selected = nodeId;
      wake(left);
      wake(nodeId);
    },
    subscribe(nodeId, listener) {
      let set = listeners.get(nodeId);
      if (!set) listeners.set(nodeId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(nodeId);
      };
    },
  };
}

/** The map provides its own store; the default one (never set) says "nothing selected". */
export const SelectedNodeContext = createContext<SelectedNodeStore>(createSelectedNodeStore());

/** Whether this node is the selected one: re-renders the node only when that answer changes. */
export function useNodeSelected(nodeId: string): boolean {
  const store = useContext(SelectedNodeContext);
  const subscribe = useCallback((listener: () => void) => store.subscribe(nodeId, listener), [store, nodeId]);
  return useSyncExternalStore(subscribe, () => store.get() === nodeId);
}
