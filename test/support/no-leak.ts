/**
 * "Everything that opens something returns something that closes it", checked: runs `f`, then waits
 * a short grace (closes are asynchronous) until nothing it opened is still alive, by Node's own
 * count of active resources (process.getActiveResourcesInfo: timers, sockets, pipes, processes).
 */
import assert from 'node:assert/strict';

export interface NoLeakOptions {
  /** Resource kinds the test's own harness keeps open and may open or close meanwhile (e.g. 'TTYWrap'). */
  readonly ignore: readonly string[];
  /** What "closed" means in this test, for the assertion message: "every socket and timer closed". */
  readonly what: string;
  /** Grace: checks, and the pause between them. */
  readonly attempts?: number;
  readonly pauseMs?: number;
}

const pause = (ms: number) => new Promise((res) => setTimeout(res, ms));

export async function expectNoLeak<T>(f: () => Promise<T>, options: NoLeakOptions): Promise<T> {
  const ignored = new Set(options.ignore);
  const resources = () =>
    process
      .getActiveResourcesInfo()
      .filter((r) => !ignored.has(r))
      .sort();
  const before = resources();
  const r = await f();
  // What is open now and was not before (a multiset difference: something that was open before,
  // such as a file read of a hook, may have finished meanwhile).
  const opened = () => {
    const left = [...before];
    return resources().filter((x) => {
      const i = left.indexOf(x);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  for (let i = 0; i < (options.attempts ?? 40) && opened().length > 0; i++) await pause(options.pauseMs ?? 25);
  assert.deepEqual(opened(), [], options.what);
  return r;
}
