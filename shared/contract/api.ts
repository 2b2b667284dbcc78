/**
 * The renderer's view of the contract: `api.topology.graph({...})`, and `api.on(event, listener)`
 * for what main pushes. Built from the tables for any transport, so the preload (Electron IPC),
 * the in-memory pair (unit tests) and the Playwright bridge (browser tests) expose exactly the same
 * named functions.
 */
import { type Envelope, IpcError } from './channel';
import { CHANNELS, type Channel, type EventName, type EventPayload, type RequestOf, type ResponseOf } from './channels';

type Namespace<C extends string> = C extends `${infer A}.${string}` ? A : never;
type Method<C extends string, A extends string> = C extends `${A}.${infer B}` ? B : never;

/** `undefined` requests become zero-argument functions. */
type Fn<C extends Channel> = [RequestOf<C>] extends [undefined] ? () => Promise<ResponseOf<C>> : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

/** Listens to an event: the listener gets the current state at once, then each change; the result stops listening. */
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

export type UmcApi = {
  readonly [A in Namespace<Channel>]: { readonly [C in Channel as Method<C, A>]: Fn<C> };
} & { readonly on: Subscribe };

/** A transport sends one request and resolves with the envelope main answered. */
export type Transport = (channel: Channel, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * Opens one stream of an event from main: `deliver` gets the current state, then each change,
 * until the returned function closes the stream. createApi opens at most one per event and shares it.
 */
export type EventStream = (event: EventName, deliver: (payload: unknown) => void) => () => void;

/** A transport without events (a test that only calls channels): listening is refused loudly. */
const noEventStream: EventStream = (event) => {
  throw new Error(`this transport carries no events (${event})`);
};

/**
 * One stream per event, shared by its listeners: a listener that joins an open stream gets the
 * latest payload at once, as the first one did.
 */
function sharedStreams(open: EventStream): Subscribe {
  const streams = new Map<EventName, { listeners: Set<(payload: unknown) => void>; latest: { value: unknown } | null; close: () => void }>();
  return (event, listener) => {
    const deliver = listener as (payload: unknown) => void;
    let stream = streams.get(event);
    if (stream) {
      stream.listeners.add(deliver);
      if (stream.latest) deliver(stream.latest.value);
    } else {
      const opened: { listeners: Set<(payload: unknown) => void>; latest: { value: unknown } | null; close: () => void } = { listeners: new Set([deliver]), latest: null, close: () => undefined };
      stream = opened;
      streams.set(event, opened);
      try {
        opened.close = open(event, (payload) => {
          opened.latest = { value: payload };
          for (const l of [...opened.listeners]) l(payload);
        });
      } catch (e) {
        streams.delete(event);
        throw e;
      }
    }
    const joined = stream;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      joined.listeners.delete(deliver);
      if (joined.listeners.size === 0 && streams.get(event) === joined) {
        streams.delete(event);
        joined.close();
      }
    };
  };
}

export function createApi(transport: Transport, events: EventStream = noEventStream): UmcApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string];
    const methods = (api[ns] ??= {}) as Record<string, (payload?: unknown) => Promise<unknown>>;
    methods[method] = async (payload?: unknown) => {
      const envelope = await transport(channel, payload);
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error.code, envelope.error.message);
    };
  }
  for (const ns of Object.values(api)) Object.freeze(ns);
  api.on = sharedStreams(events);
  return Object.freeze(api) as unknown as UmcApi;
}

/** Name of the window global the preload defines (and the browser harness recreates). */
export const API_GLOBAL = 'umc';
/** Electron IPC channel prefix, so our channels never collide with Electron's own. */
export const IPC_PREFIX = 'umc:';
/** The Electron IPC channels a window opens and closes an event stream on (main/app/main.ts, main/preload/preload.ts). */
export const IPC_SUBSCRIBE = `${IPC_PREFIX}subscribe`;
export const IPC_UNSUBSCRIBE = `${IPC_PREFIX}unsubscribe`;
