/**
 * The one door to the main process. The preload (Electron) or the browser-test harness defines
 * `window.umc`; we read it once so every screen calls the same frozen object, and fail loudly
 * (with a readable message, shown on screen) when the page runs without it.
 */
import type { API_GLOBAL, UmcApi } from '../../shared/contract/api';

/**
 * `API_GLOBAL`, checked against the contract at compile time but not imported as a value: the
 * contract module builds its zod schemas on import, which would put zod in the first bundle.
 */
const GLOBAL_NAME: typeof API_GLOBAL = 'umc';

let cached: UmcApi | null = null;

export function getApi(): UmcApi {
  if (cached) return cached;
  const candidate = (window as unknown as Record<string, unknown>)[GLOBAL_NAME];
  if (typeof candidate !== 'object' || candidate === null) {
    throw new Error(`window.${GLOBAL_NAME} is missing: the console must run inside its Electron window (or the test harness), which provides the main-process API.`);
  }
  cached = candidate as UmcApi;
  return cached;
}

/** Error objects from the bridge carry a readable message; anything else is stringified. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
