/**
 * Which org the console shows can change under the screens' feet (Connections: a refresh from the
 * live shells, an opened snapshot, a disconnect back to the lab). A counter says so: whatever reads
 * the org (status bar, Topology, Checks) depends on it and reads again when it moves.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

interface OrgVersion {
  readonly version: number;
  readonly changed: () => void;
}

const OrgVersionContext = createContext<OrgVersion>({ version: 0, changed: () => {} });

export function OrgVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(() => ({ version, changed }), [version, changed]);
  return <OrgVersionContext.Provider value={value}>{children}</OrgVersionContext.Provider>;
}

/** Changes whenever the org on screen was replaced: use it as a dependency of a read. */
export function useOrgVersion(): number {
  return useContext(OrgVersionContext).version;
}

/** Call after an action that replaced the org (refresh, open snapshot, disconnect). */
export function useOrgChanged(): () => void {
  return useContext(OrgVersionContext).changed;
}
