/** What map nodes can ask of the screen (expand a group), without threading callbacks through node data. */
import { createContext, useContext } from 'react';

export interface TopologyActions {
  expandGroup(key: string): void;
}

export const TopologyActionsContext = createContext<TopologyActions>({ expandGroup: () => undefined });

export function useTopologyActions(): TopologyActions {
  return useContext(TopologyActionsContext);
}
