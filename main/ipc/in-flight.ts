/**
 * The window's requests main has not answered yet. A staged load (main/services/snapshot-loader.ts) shows the
 * partial org, then decodes the user sections in one synchronous call that holds main's thread: it first waits
 * until the window has read the partial org — the requests it had waiting and those the new org's event makes it
 * send, the map's layout among them (it runs in a worker and comes back through the event loop) — so the first
 * screen is drawn from the partial org (docs/large-orgs.md, "First screen while reading").
 */
import type { Dispatcher } from './dispatch';

export interface InFlight {
  /**
   * Resolves once no request is in flight and none started for `quietMs`, counted from the call at the earliest
   * (the window has had time to react to the new org and read what it wanted), or after `maxMs` whatever is
   * still running.
   */
  settled(maxMs: number, quietMs?: number): Promise<void>;
  readonly count: () => number;
}

/**
 * Long enough for the window to react to the partial org: its waiting reads answered, it draws and sends the next
 * ones (a screen's lazy chunk is served by main, which is free meanwhile): measured about 110 ms in the browser
 * tests on 2 busy cores.
 */
export const QUIET_MS = 250;

export function trackInFlight(dispatcher: Dispatcher): { readonly dispatcher: Dispatcher; readonly inFlight: InFlight } {
  let count = 0;
  let lastStart = -Infinity;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  return {
    dispatcher: {
      ...dispatcher,
      async dispatch(sender, channel, payload) {
        count++;
        lastStart = performance.now();
        try {
          return await dispatcher.dispatch(sender, channel, payload);
        } finally {
          count--;
          if (count === 0) wake();
        }
      },
    },
    inFlight: {
      count: () => count,
      settled(maxMs, quietMs = QUIET_MS) {
        const calledAt = performance.now();
        const deadline = calledAt + maxMs;
        return new Promise<void>((resolve) => {
          let timer: ReturnType<typeof setTimeout> | null = null;
          const check = () => {
            if (timer) clearTimeout(timer);
            timer = null;
            waiters = waiters.filter((w) => w !== check);
            const now = performance.now();
            const quietSince = Math.max(lastStart, calledAt);
            if (now >= deadline || (count === 0 && now - quietSince >= quietMs)) return resolve();
            // Busy: woken when the last request ends; quiet not yet long enough: checked again when it is.
            if (count > 0) waiters.push(check);
            timer = setTimeout(check, Math.max(1, Math.min(deadline, count > 0 ? deadline : quietSince + quietMs) - now));
          };
          check();
        });
      },
    },
  };
}
