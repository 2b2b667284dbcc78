/**
 * The connections view, polled every second while the Connections screen is shown, and the
 * actions that answer a new view (save, delete, connect, disconnect). Answers are applied in the
 * order they were asked: a slow poll never overwrites what a later action returned.
 */
import { usePolling } from '../../use-polling';
import { useCallback, useRef, useState } from 'react';
import type { ConnectionsView } from '../../../../shared/connections/profile';
import { getApi } from '../../api';
import { useOrgChanged } from '../../org-version';
import { orgChanged } from './shell-status';

export const POLL_MS = 1000;

export interface Connections {
  readonly view: ConnectionsView | null;
  /** The last poll failed (null once one succeeds again). */
  readonly pollError: string | null;
  /** Runs an action that answers a view, applies it, and resolves with it (rejects as the call does). */
  readonly run: (call: () => Promise<ConnectionsView>) => Promise<ConnectionsView>;
}

export function useConnections(): Connections {
  const [view, setView] = useState<ConnectionsView | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const asked = useRef(0);
  const applied = useRef(0);
  const last = useRef<ConnectionsView | null>(null);
  const onOrgChanged = useOrgChanged();

  const apply = useCallback(
    (ticket: number, next: ConnectionsView) => {
      if (ticket < applied.current) return;
      applied.current = ticket;
      if (orgChanged(last.current, next)) onOrgChanged();
      last.current = next;
      setView(next);
    },
    [onOrgChanged],
  );

  const run = useCallback(
    async (call: () => Promise<ConnectionsView>) => {
      const ticket = ++asked.current;
      const next = await call();
      apply(ticket, next);
      return next;
    },
    [apply],
  );

  usePolling(
    true,
    POLL_MS,
    () => {
      const ticket = ++asked.current;
      return getApi()
        .connections.list()
        .then((next) => ({ ticket, next }));
    },
    ({ ticket, next }) => apply(ticket, next),
    setPollError,
  );

  return { view, pollError, run };
}
