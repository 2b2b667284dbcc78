/**
 * Results while typing: each keystroke restarts a short debounce; when it fires, one users.search goes
 * out — never two at once (a fast typist on a slow live endpoint would otherwise pile requests up
 * in main); an answer for a query the box no longer holds is dropped (stale), and the latest query
 * is sent as soon as the request in flight ends. Pure TS with injectable timers, so it is tested
 * without a DOM.
 */

export const SEARCH_DEBOUNCE_MS = 120;

export interface SearchRunnerOptions<R> {
  readonly search: (query: string) => Promise<R>;
  /** The answer for `query`, the box's current query; `null` result: the box is empty. */
  readonly onResult: (query: string, result: R | null) => void;
  readonly onError: (query: string, message: string) => void;
  /** A request for `query` has gone out (a spinner); false when nothing is pending any more. */
  readonly onBusy?: (busy: boolean) => void;
  readonly delayMs?: number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export interface SearchRunner {
  /** The box now holds `query`. */
  type(query: string): void;
  /** Nothing is applied after this (the screen unmounted). */
  dispose(): void;
}

export function createSearchRunner<R>(options: SearchRunnerOptions<R>): SearchRunner {
  const delay = options.delayMs ?? SEARCH_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let latest = '';
  let timer: unknown = null;
  let inFlight = false;
  /** The debounce fired while a request was out: send the latest query when it ends. */
  let queued = false;
  let disposed = false;

  const busy = (b: boolean) => {
    if (!disposed) options.onBusy?.(b);
  };

  const start = (query: string) => {
    inFlight = true;
    busy(true);
    const settle = (apply: () => void) => {
      inFlight = false;
      if (disposed) return;
      // Only the answer for what the box holds now is shown; an older one would flash and vanish.
      if (query === latest) apply();
      if (queued) {
        queued = false;
        if (latest.trim() !== '' && latest !== query) {
          start(latest);
          return;
        }
      }
      // Still waiting on the debounce for a newer query: stay busy until it is answered.
      busy(timer !== null);
    };
    options.search(query).then(
      (r) => settle(() => options.onResult(query, r)),
      (e: unknown) => settle(() => options.onError(query, e instanceof Error && e.message ? e.message : String(e))),
    );
  };

  const fire = () => {
    timer = null;
    if (disposed) return;
    if (inFlight) {
      queued = true;
      return;
    }
    start(latest);
  };

  return {
    type(query: string) {
      if (disposed) return;
      latest = query;
      if (timer !== null) {
        clearTimer(timer);
        timer = null;
      }
      if (query.trim() === '') {
        // An empty box clears the list at once; an answer still in flight is dropped as stale.
        queued = false;
        options.onResult(query, null);
        busy(false);
        return;
      }
      timer = setTimer(fire, delay);
      busy(true);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
