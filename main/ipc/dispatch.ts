/**
 * One entry point for every transport (Electron ipcMain, the in-memory pair, the Playwright
 * bridge): check the sender, check the channel, validate the payload against the contract's
 * schema, run the handler, answer an envelope. Handler errors become a message, never a stack.
 * Subscribing to an event goes through the same sender and schema checks.
 */
import { CONTRACT, type Channel, EVENTS, isChannel, isEventName, type RequestOf, type ResponseOf, WRITE_CHANNELS } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/channel';
import { type Language, UserError } from '../../shared/i18n/translate';
import type { Logger } from '../ports';
import type { EventHub } from './event-hub';
import type { SenderInfo, SenderPolicy } from './sender-policy';

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface Dispatcher {
  dispatch(sender: SenderInfo, channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
  /**
   * Adds `listener` to an event's subscribers (it gets the current state at once): the value is
   * what removes it. Refused like a request: a sender the policy refuses, an unknown event, a payload.
   */
  subscribe(sender: SenderInfo, event: unknown, payload: unknown, listener: (payload: unknown) => void): Envelope<() => void>;
}

export interface DispatcherOptions {
  readonly handlers: Handlers;
  readonly policy: SenderPolicy;
  readonly logger: Logger;
  /** Where the events subscribers listen to are published. */
  readonly events: EventHub;
  /** The console's current language (default English). */
  readonly language?: () => Promise<Language>;
  /** Null when write channels may run; else why not (a helpdesk profile is read-only whatever the renderer shows). */
  readonly writeRefusal?: () => string | null;
}

/**
 * `language` is the console's current language: a user error (UserError, with an i18n message)
 * is answered in it, anything else with its own message.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { handlers, policy, logger, events } = options;
  const language = options.language ?? (async () => 'en' as const);
  const writeRefusal = options.writeRefusal ?? (() => null);
  const refusal = (sender: SenderInfo, name: unknown): Envelope<never> | null => {
    const refused = policy.check(sender);
    if (!refused) return null;
    logger.log('warn', 'ipc request refused', { channel: String(name).slice(0, 80), reason: refused });
    return { ok: false, error: { code: 'forbidden', message: `request refused: ${refused}` } };
  };
  return {
    subscribe(sender, event, payload, listener) {
      const refused = refusal(sender, event);
      if (refused) return refused;
      if (!isEventName(event)) return { ok: false, error: { code: 'unknown-channel', message: `unknown event ${String(event).slice(0, 80)}` } };
      const parsed = EVENTS[event].subscribe.safeParse(payload);
      if (!parsed.success) return { ok: false, error: { code: 'invalid-payload', message: `${event}: payload: ${parsed.error.issues[0]?.message ?? 'invalid'}` } };
      return { ok: true, value: events.subscribe(event, listener) };
    },

    async dispatch(sender, channel, payload) {
      const refused = refusal(sender, channel);
      if (refused) return refused;
      if (!isChannel(channel)) return { ok: false, error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 80)}` } };
      if (WRITE_CHANNELS.has(channel)) {
        const readOnly = writeRefusal();
        if (readOnly) {
          logger.log('warn', 'ipc write refused', { channel, reason: readOnly });
          return { ok: false, error: { code: 'forbidden', message: `request refused: ${readOnly}` } };
        }
      }
      const parsed = CONTRACT[channel].request.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'payload';
        return { ok: false, error: { code: 'invalid-payload', message: `${channel}: ${where}: ${issue?.message ?? 'invalid'}` } };
      }
      try {
        const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        logger.log('error', 'ipc handler failed', { channel, message });
        return { ok: false, error: { code: 'failed', message: e instanceof UserError ? e.render(await language()) : message } };
      }
    },
  };
}
