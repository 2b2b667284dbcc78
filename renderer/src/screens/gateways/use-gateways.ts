/**
 * The Gateways screen's state: the target list (reloaded when the org changes), and the sweep's
 * progress with the monitoring history, from the `gateways.progress` event while the screen is
 * open (its current state on arrival, then every change). Probe, monitor and stop only ask: what
 * they start arrives through the event, so an answer never overtakes a newer progress.
 */
import { useCallback, useEffect, useState } from 'react';
import type { GatewayHistoryView, GatewaysProgress, GatewaysView } from '../../../../shared/sip/gateway-channels';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import { useMainEvent } from '../../use-main-event';

export interface Gateways {
  readonly view: GatewaysView | null;
  readonly loadError: string | null;
  readonly progress: GatewaysProgress | null;
  /** The last history received (the progress carries it only when it changed). */
  readonly history: Readonly<Record<string, GatewayHistoryView>>;
  /** The progress stream could not be opened. */
  readonly progressError: string | null;
  addTarget(text: string): Promise<void>;
  removeTarget(raw: string): Promise<void>;
  probeAll(): Promise<void>;
  startMonitor(intervalS: number): Promise<void>;
  stopMonitor(): Promise<void>;
  /** A TLS target's profile (the password goes to main once, to the secret store; undefined keeps the stored one, null removes it). */
  setTlsProfile(raw: string, caFile: string | null, clientPfxFile: string | null, pfxPassword: string | null | undefined): Promise<void>;
  clearTlsProfile(raw: string): Promise<void>;
  chooseTlsFile(): Promise<string | null>;
}

export function useGateways(): Gateways {
  const orgVersion = useOrgVersion();
  const [view, setView] = useState<GatewaysView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgressState] = useState<GatewaysProgress | null>(null);
  const [history, setHistory] = useState<Readonly<Record<string, GatewayHistoryView>>>({});
  const [progressError, setProgressError] = useState<string | null>(null);
  const setProgress = useCallback((p: GatewaysProgress) => {
    setProgressState(p);
    if (p.history) setHistory(p.history);
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

  useMainEvent('gateways.progress', true, setProgress, setProgressError);

  const addTarget = useCallback(async (text: string) => {
    setView(await getApi().gateways.addTarget({ text }));
  }, []);
  const removeTarget = useCallback(async (raw: string) => {
    setView(await getApi().gateways.removeTarget({ raw }));
  }, []);
  const probeAll = useCallback(async () => {
    await getApi().gateways.probe({});
  }, []);
  const startMonitor = useCallback(async (intervalS: number) => {
    await getApi().gateways.monitor({ intervalS });
  }, []);
  const stopMonitor = useCallback(async () => {
    await getApi().gateways.monitorStop();
  }, []);

  const setTlsProfile = useCallback(async (raw: string, caFile: string | null, clientPfxFile: string | null, pfxPassword: string | null | undefined) => {
    setView(await getApi().gateways.setTlsProfile({ raw, caFile, clientPfxFile, ...(pfxPassword !== undefined ? { pfxPassword } : {}) }));
  }, []);
  const clearTlsProfile = useCallback(async (raw: string) => {
    setView(await getApi().gateways.clearTlsProfile({ raw }));
  }, []);
  const chooseTlsFile = useCallback(async () => getApi().gateways.chooseTlsFile(), []);

  return { view, loadError, progress, history, progressError, addTarget, removeTarget, probeAll, startMonitor, stopMonitor, setTlsProfile, clearTlsProfile, chooseTlsFile };
}
