/**
 * The contract over a function call: unit tests drive the renderer-side API against the real
 * handlers, payloads cloned both ways as structured clone would (no shared references).
 */
import type { EventStream, Transport } from '../../shared/contract/api';
import { IpcError } from '../../shared/contract/channel';
import type { Dispatcher } from './dispatch';
import type { SenderInfo } from './sender-policy';

export function inMemoryTransport(dispatcher: Dispatcher, sender: SenderInfo): Transport {
  return async (channel, payload) => structuredClone(await dispatcher.dispatch(sender, channel, payload === undefined ? undefined : structuredClone(payload)));
}

/** The events over a function call: each payload cloned as Electron's webContents.send would. */
export function inMemoryEvents(dispatcher: Dispatcher, sender: SenderInfo): EventStream {
  return (event, deliver) => {
    const subscribed = dispatcher.subscribe(sender, event, undefined, (payload) => deliver(structuredClone(payload)));
    if (!subscribed.ok) throw new IpcError(subscribed.error.code, subscribed.error.message);
    return subscribed.value;
  };
}
