/**
 * The Gateways screen's state: the target list (reloaded when the org changes), the sweep's
 * progress, polled every 500 ms while a sweep or the monitor runs (one request at a time, like
 * connections.list), and the monitoring history, fetched only when its revision moved.
 */
import { usePolling } from '../../use-polling';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GatewayHistoryView, GatewaysProgress, GatewaysView } from '../../../../shared/contract/channels';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import { POLL_MS, shouldPoll } from './gateway-rows';

export interface Gateways {
  readonly view: GatewaysView | null;
  readonly loadError: string | null;
  readonly progress: GatewaysProgress | null;
  /** The last history received (the progress carries it only when it changed). */
  readonly history: Readonly<Record<string, GatewayHistoryView>>;
  readonly pollError: string | null;
  addTarget(text: string): Promise<void>;
  removeTarget(raw: string): Promise<void>;
  probeAll(): Promise<void>;
  startMonitor(intervalS: number): Promise<void>;
  stopMonitor(): Promise<void>;
}

export function useGateways(): Gateways {
  const orgVersion = useOrgVersion();
  const [view, setView] = useState<GatewaysView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgressState] = useState<GatewaysProgress | null>(null);
  const [history, setHistory] = useState<Readonly<Record<string, GatewayHistoryView>>>({});
  const [pollError, setPollError] = useState<string | null>(null);
  const revision = useRef<number | undefined>(undefined);
  const setProgress = useCallback((p: GatewaysProgress) => {
    setProgressState(p);
    if (p.history) {
      setHistory(p.history);
      revision.current = p.revision;
    }
  }, []);

  useEffect(() => {
    let live = true;
    getApi()
      .gateways.targets()
      .then(
        (v) => live && (setView(v), setLoadError(null)),
        (e: unknown) => live && setLoadError(errorMessage(e)),
      );
    return () => {
      live = false;
    };
  }, [orgVersion]);

  const running = shouldPoll(progress);
  usePolling(running, POLL_MS, () => getApi().gateways.progress({ since: revision.current }), setProgress, setPollError);

  const addTarget = useCallback(async (text: string) => {
    setView(await getApi().gateways.addTarget({ text }));
  }, []);
  const removeTarget = useCallback(async (raw: string) => {
    setView(await getApi().gateways.removeTarget({ raw }));
  }, []);
  const probeAll = useCallback(async () => {
    setProgress(await getApi().gateways.probe({}));
  }, [setProgress]);
  const startMonitor = useCallback(
    async (intervalS: number) => {
      setProgress(await getApi().gateways.monitor({ intervalS }));
    },
    [setProgress],
  );
  const stopMonitor = useCallback(async () => {
    setProgress(await getApi().gateways.monitorStop());
  }, [setProgress]);

  return { view, loadError, progress, history, pollError, addTarget, removeTarget, probeAll, startMonitor, stopMonitor };
}
