/**
 * A cap on concurrent calls per server, shared by every shell that talks to it, so the console
 * stays inside Exchange's remote PowerShell throttling (the default policy allows a user a few
 * concurrent shells and operations — docs/live-sessions.md, "Timeouts, crashes, drops"). Waiters are
 * served in arrival order.
 */
export interface ConcurrencyLimiter {
  readonly cap: number;
  /** Resolves with a release function once a slot for `key` is free. */
  acquire(key: string): Promise<() => void>;
  inUse(key: string): number;
  waiting(key: string): number;
}

export function createConcurrencyLimiter(cap: number): ConcurrencyLimiter {
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`concurrency cap must be a positive integer, got ${cap}`);
  const used = new Map<string, number>();
  const queues = new Map<string, (() => void)[]>();
  const releaseFor = (key: string) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queues.get(key)?.shift();
      if (next) next();
      else used.set(key, (used.get(key) ?? 1) - 1);
    };
  };
  return {
    cap,
    acquire(key) {
      const n = used.get(key) ?? 0;
      if (n < cap) {
        used.set(key, n + 1);
        return Promise.resolve(releaseFor(key));
      }
      return new Promise((resolve) => {
        const q = queues.get(key) ?? [];
        q.push(() => resolve(releaseFor(key)));
        queues.set(key, q);
      });
    },
    inUse: (key) => used.get(key) ?? 0,
    waiting: (key) => queues.get(key)?.length ?? 0,
  };
}
