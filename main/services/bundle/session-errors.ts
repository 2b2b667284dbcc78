/**
 * The last warnings and errors of this session, for the support bundle (docs/support-bundle.md,
 * "Session errors"): a bounded ring beside the logger the composition root gives every service. The
 * logger never receives secrets by design (main/ports.ts), and the ring scrubs again what a record
 * could still carry — a field named like a secret, bytes, a long base64 run (a PFX, a token), a
 * `password=` in a message — so a bundle never holds one even if a caller slipped.
 */
import type { Clock, Logger, LogLevel } from '../../ports';

export interface SessionErrorRecord {
  readonly time: string;
  readonly level: 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

export interface SessionErrors {
  /** The logger to hand the services: every record goes to the inner logger; warnings and errors are also kept. */
  readonly logger: Logger;
  /** The kept records, oldest first. */
  recent(): readonly SessionErrorRecord[];
}

/** A session's last 200 warnings and errors: enough to see what went wrong, bounded whatever runs for days. */
export const SESSION_ERRORS_MAX = 200;
const MAX_TEXT = 500;
export const REMOVED = '[removed]';
const SECRET_NAME = /pass(word|phrase)?|pwd|secret|token|credential|cookie|authori[sz]ation|private|pfx|pkcs|key(?!word)/i;
/** A run a person never types: base64 of bytes, a bearer token, a key. */
const OPAQUE_RUN = /[A-Za-z0-9+/_-]{48,}={0,2}/g;
const SECRET_IN_TEXT = /\b(pass(?:word)?|pwd|secret|token|apikey|api_key)(\s*[=:]\s*|\s+)("[^"]*"|'[^']*'|\S+)/gi;

/** A message or field value with anything that looks like a secret removed, cut to 500 characters. */
export function scrubText(text: string): string {
  const s = text.replace(SECRET_IN_TEXT, (_m, name: string, sep: string) => `${name}${sep}${REMOVED}`).replace(OPAQUE_RUN, REMOVED);
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}

function scrubValue(name: string, value: unknown): string | number | boolean | null {
  if (SECRET_NAME.test(name)) return REMOVED;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return REMOVED;
  if (value instanceof Error) return scrubText(value.message);
  // An object or array: its JSON, scrubbed as text (field names inside included).
  try {
    return scrubText(JSON.stringify(value, (k, v) => (k && SECRET_NAME.test(k) ? REMOVED : v instanceof Uint8Array ? REMOVED : v)) ?? '');
  } catch {
    return REMOVED;
  }
}

export function createSessionErrors(inner: Logger, clock: Clock, max = SESSION_ERRORS_MAX): SessionErrors {
  const ring: SessionErrorRecord[] = [];
  const logger: Logger = {
    log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) {
      inner.log(level, message, fields);
      if (level !== 'warn' && level !== 'error') return;
      const scrubbed: Record<string, string | number | boolean | null> = {};
      for (const [k, v] of Object.entries(fields ?? {})) scrubbed[k] = scrubValue(k, v);
      ring.push({ time: clock.now().toISOString(), level, message: scrubText(message), fields: scrubbed });
      if (ring.length > max) ring.splice(0, ring.length - max);
    },
  };
  return { logger, recent: () => ring.slice() };
}
