/**
 * One entry point for every transport (Electron ipcMain, the in-memory pair, the Playwright
 * bridge): check the sender, check the channel, validate the payload against the contract's
 * schema, run the handler, answer an envelope. Handler errors become a message, never a stack.
 */
import { CONTRACT, type Channel, type Envelope, isChannel, type RequestOf, type ResponseOf, WRITE_CHANNELS } from '../../shared/contract/channels';
import { type Language, UserError } from '../../shared/i18n/translate';
import type { Logger } from '../services/ports';
import type { SenderInfo, SenderPolicy } from './sender-policy';

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface Dispatcher {
  dispatch(sender: SenderInfo, channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
}

/**
 * `language` is the console's current language: a user error (UserError, with an i18n message)
 * is answered in it, anything else with its own message.
 */
export function createDispatcher(
  handlers: Handlers,
  policy: SenderPolicy,
  logger: Logger,
  language: () => Promise<Language> = async () => 'en',
  /** Null when write channels may run; else why not (a helpdesk profile is read-only whatever the renderer shows). */
  writeRefusal: () => string | null = () => null,
): Dispatcher {
  return {
    async dispatch(sender, channel, payload) {
      const refused = policy.check(sender);
      if (refused) {
        logger.log('warn', 'ipc request refused', { channel: String(channel).slice(0, 80), reason: refused });
        return { ok: false, error: { code: 'forbidden', message: `request refused: ${refused}` } };
      }
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
