/**
 * Polls a main-process channel while `enabled`: at once, then every `intervalMs`, one request at a
 * time (a slow main process gets no pile of requests), nothing applied after unmount.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { errorMessage } from './api';

export function usePolling<T>(enabled: boolean, intervalMs: number, fetch: () => Promise<T>, onValue: (value: T) => void, onError: (message: string | null) => void): void {
  // The latest callbacks, without restarting the timer when they change (set after render, before the effects run).
  const latest = useRef({ fetch, onValue, onError });
  useLayoutEffect(() => {
    latest.current = { fetch, onValue, onError };
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let inFlight = false;
    const poll = () => {
      if (inFlight) return;
      inFlight = true;
      Promise.resolve()
        .then(() => latest.current.fetch())
        .then(
          (value) => {
            if (!live) return;
            latest.current.onValue(value);
            latest.current.onError(null);
          },
          (e: unknown) => live && latest.current.onError(errorMessage(e)),
        )
        .finally(() => {
          inFlight = false;
        });
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled, intervalMs]);
}
