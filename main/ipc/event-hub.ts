/**
 * The events main pushes (shared/contract/channels.ts EVENTS), delivered to their subscribers.
 * A service publishes that its stream changed and how to read it; the hub reads it when it
 * delivers, at most once per `intervalMs` per stream (a sweep of hundreds of gateways changes
 * hundreds of times a second; the screen needs a few frames a second), and the last change is
 * always delivered. A new subscriber gets the stream's current state at once.
 */
import type { EventName, EventPayload, EventSink } from '../../shared/contract/channels';
import type { Logger } from '../ports';

/**
 * Between two deliveries of one stream, at least: the screens redraw four times a second, and a
 * gateway sweep's payload carries every target's history (about 50 KB for 200 targets).
 */
export const EVENT_INTERVAL_MS = 250;

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

export interface EventHub extends EventSink {
  /** The listener gets the current state (when the stream was ever published), then each change; the result removes it. */
  subscribe<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** Cancels the pending deliveries and drops every listener. */
  dispose(): void;
}

interface Stream {
  read: (() => unknown) | null;
  readonly listeners: Set<(payload: unknown) => void>;
  /** performance.now() of the last delivery. */
  lastAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createEventHub(options: { readonly intervalMs?: number; readonly logger?: Logger } = {}): EventHub {
  const intervalMs = options.intervalMs ?? EVENT_INTERVAL_MS;
  const streams = new Map<EventName, Stream>();
  let disposed = false;

  const streamOf = (event: EventName): Stream => {
    let s = streams.get(event);
    if (!s) {
      s = { read: null, listeners: new Set(), lastAt: -Infinity, timer: null };
      streams.set(event, s);
    }
    return s;
  };

  const send = (event: EventName, listener: (payload: unknown) => void, payload: unknown) => {
    try {
      listener(payload);
    } catch (e) {
      options.logger?.log('warn', 'event listener failed', { event, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const deliver = (event: EventName, s: Stream) => {
    s.timer = null;
    s.lastAt = performance.now();
    if (!s.read || s.listeners.size === 0) return;
    const payload = s.read();
    for (const l of [...s.listeners]) send(event, l, payload);
  };

  return {
    publish(event, read) {
      if (disposed) return;
      const s = streamOf(event);
      s.read = read;
      if (s.timer || s.listeners.size === 0) return;
      const wait = s.lastAt + intervalMs - performance.now();
      if (wait <= 0) deliver(event, s);
      else s.timer = setTimeout(() => deliver(event, s), wait);
    },

    subscribe(event, listener) {
      const s = streamOf(event);
      const l = listener as (payload: unknown) => void;
      if (disposed) return () => undefined;
      s.listeners.add(l);
      if (s.read) send(event, l, s.read());
      return () => {
        s.listeners.delete(l);
        if (s.listeners.size === 0 && s.timer) {
          clearTimeout(s.timer);
          s.timer = null;
        }
      };
    },

    dispose() {
      disposed = true;
      for (const s of streams.values()) {
        if (s.timer) clearTimeout(s.timer);
        s.timer = null;
        s.listeners.clear();
      }
    },
  };
}
