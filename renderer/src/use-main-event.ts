/**
 * Listens to an event main pushes (shared/contract/channels.ts EVENTS) while mounted and
 * `enabled`: the stream's current state at once, then each change (main coalesces them). Nothing
 * is applied after unmount; a stream that cannot be opened is reported through `onError`.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/contract/channels';
import { errorMessage, getApi } from './api';

export function useMainEvent<E extends EventName>(event: E, enabled: boolean, onPayload: (payload: EventPayload<E>) => void, onError: (message: string | null) => void): void {
  // The latest callbacks, without opening the stream again when they change (set after render, before the effects run).
  const latest = useRef({ onPayload, onError });
  useLayoutEffect(() => {
    latest.current = { onPayload, onError };
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let close: () => void = () => undefined;
    try {
      close = getApi().on(event, (payload) => {
        if (live) latest.current.onPayload(payload);
      });
      latest.current.onError(null);
    } catch (e) {
      latest.current.onError(errorMessage(e));
    }
    return () => {
      live = false;
      close();
    };
  }, [event, enabled]);
}
