/**
 * The Gateways screen's state: the target list (reloaded when the org changes), and the sweep's
 * progress, polled every 500 ms while a sweep runs (one request at a time, like connections.list).
 */
import { usePolling } from '../../use-polling';
import { useCallback, useEffect, useState } from 'react';
import type { GatewaysProgress, GatewaysView } from '../../../../shared/contract/channels';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import { POLL_MS, shouldPoll } from './gateway-rows';

export interface Gateways {
  readonly view: GatewaysView | null;
  readonly loadError: string | null;
  readonly progress: GatewaysProgress | null;
  readonly pollError: string | null;
  addTarget(text: string): Promise<void>;
  removeTarget(raw: string): Promise<void>;
  probeAll(): Promise<void>;
}

export function useGateways(): Gateways {
  const orgVersion = useOrgVersion();
  const [view, setView] = useState<GatewaysView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<GatewaysProgress | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);

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
  usePolling(running, POLL_MS, () => getApi().gateways.progress(), setProgress, setPollError);

  const addTarget = useCallback(async (text: string) => {
    setView(await getApi().gateways.addTarget({ text }));
  }, []);
  const removeTarget = useCallback(async (raw: string) => {
    setView(await getApi().gateways.removeTarget({ raw }));
  }, []);
  const probeAll = useCallback(async () => {
    setProgress(await getApi().gateways.probe({}));
  }, []);

  return { view, loadError, progress, pollError, addTarget, removeTarget, probeAll };
}
