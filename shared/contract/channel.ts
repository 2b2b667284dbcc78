/**
 * The machinery every feature's channel file uses: how a channel and an event are declared, and
 * the envelope main answers with. A feature declares its channels beside its domain
 * (shared/<feature>/<feature>-channels.ts); shared/contract/channels.ts assembles them.
 *
 * Channel and event names are `area.action`.
 */
import { z } from 'zod';

/** `channel<Response>()(requestSchema)`: the request type is inferred from its schema. */
export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });
}

/**
 * `event<Payload>()`: a stream main pushes (progress of a background run). A subscription carries
 * no request: its schema refuses anything sent with it, as `noPayload` does for a channel. The
 * payload is typed, not parsed: only what the renderer sends is parsed, and main sends its own shapes.
 */
export function event<Payload>() {
  return { subscribe: noPayload, payload: undefined as unknown as Payload };
}

/** A channel (or an event subscription) that takes nothing. */
export const noPayload = z.undefined();

export type IpcErrorCode = 'forbidden' | 'unknown-channel' | 'invalid-payload' | 'failed';

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: IpcErrorCode; readonly message: string } };

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}
