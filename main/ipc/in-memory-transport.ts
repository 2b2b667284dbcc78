/**
 * The contract over a function call: unit tests drive the renderer-side API against the real
 * handlers, payloads cloned both ways as structured clone would (no shared references).
 */
import type { Transport } from '../../shared/contract/api';
import type { Dispatcher } from './dispatch';
import type { SenderInfo } from './sender-policy';

export function inMemoryTransport(dispatcher: Dispatcher, sender: SenderInfo): Transport {
  return async (channel, payload) => structuredClone(await dispatcher.dispatch(sender, channel, payload === undefined ? undefined : structuredClone(payload)));
}
