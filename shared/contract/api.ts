/**
 * The renderer's view of the contract: `api.topology.graph({...})`. Built from the channel table
 * for any transport, so the preload (Electron IPC), the in-memory pair (unit tests) and the
 * Playwright bridge (browser tests) expose exactly the same named functions.
 */
import { CHANNELS, type Channel, type Envelope, IpcError, type RequestOf, type ResponseOf } from './channels';

type Namespace<C extends string> = C extends `${infer A}.${string}` ? A : never;
type Method<C extends string, A extends string> = C extends `${A}.${infer B}` ? B : never;

/** `undefined` requests become zero-argument functions. */
type Fn<C extends Channel> = [RequestOf<C>] extends [undefined] ? () => Promise<ResponseOf<C>> : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export type UmcApi = {
  readonly [A in Namespace<Channel>]: { readonly [C in Channel as Method<C, A>]: Fn<C> };
};

/** A transport sends one request and resolves with the envelope main answered. */
export type Transport = (channel: Channel, payload: unknown) => Promise<Envelope<unknown>>;

export function createApi(transport: Transport): UmcApi {
  const api: Record<string, Record<string, (payload?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][method] = async (payload?: unknown) => {
      const envelope = await transport(channel, payload);
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error.code, envelope.error.message);
    };
  }
  for (const ns of Object.values(api)) Object.freeze(ns);
  return Object.freeze(api) as unknown as UmcApi;
}

/** Name of the window global the preload defines (and the browser harness recreates). */
export const API_GLOBAL = 'umc';
/** Electron IPC channel prefix, so our channels never collide with Electron's own. */
export const IPC_PREFIX = 'umc:';
