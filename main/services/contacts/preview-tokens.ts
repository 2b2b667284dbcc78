/**
 * Single-use tokens that bind what a preview showed to what may be applied: a preview issues one,
 * apply reads it back and spends it, so a change runs exactly as it was shown and at most once.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports';

/** How long a preview's token may be applied (the contract says 10 minutes). */
export const PREVIEW_TTL_MS = 10 * 60_000;

export interface PreviewTokens<T> {
  /** Stores what `make` builds for a new token (expired and surplus tokens are dropped first). */
  issue(make: (token: string) => T): T;
  /** What the token was issued for; null when unknown, spent or older than the time to live. */
  get(token: string): T | null;
  /** One apply per preview: the token cannot be used again. */
  spend(token: string): void;
  /** Every token forgotten (the data they were shown from is gone). */
  clear(): void;
}

export function createPreviewTokens<T>(deps: { readonly clock: Clock; readonly max: number; readonly ttlMs?: number }): PreviewTokens<T> {
  const ttl = deps.ttlMs ?? PREVIEW_TTL_MS;
  const issued = new Map<string, { readonly at: number; readonly value: T }>();
  const now = () => deps.clock.now().getTime();

  function prune() {
    const t = now();
    for (const [k, p] of issued) if (t - p.at > ttl) issued.delete(k);
    while (issued.size > deps.max) issued.delete(issued.keys().next().value!);
  }

  return {
    issue(make) {
      prune();
      // 128 random bits as 32 hex digits: the contract's token schema.
      const token = randomBytes(16).toString('hex');
      const value = make(token);
      issued.set(token, { at: now(), value });
      return value;
    },
    get(token) {
      const p = issued.get(token);
      return p && now() - p.at <= ttl ? p.value : null;
    },
    spend(token) {
      issued.delete(token);
    },
    clear() {
      issued.clear();
    },
  };
}
