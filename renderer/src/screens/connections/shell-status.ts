/**
 * How a shell's status reads on screen, without React: the state's colour, the retry line, the
 * sizes, and whether a new view means the org on screen changed. Pure, unit-tested on its own.
 */
import type { ConnectionsView, ShellName, ShellState, ShellStatus } from '../../../../shared/connections/profile';
import type { MessageKey } from '../../../../shared/i18n/en';
import type { Params } from '../../../../shared/i18n/translate';

/** Green when usable, blue while opening, amber while recovering, red when broken, grey when closed. */
export const SHELL_STATE_COLOR: Readonly<Record<ShellState, string>> = {
  open: '#1b7f3b',
  connecting: '#1565c0',
  reconnecting: '#b25e00',
  broken: '#c62828',
  closed: '#6b7380',
};

export function isTransitional(state: ShellState): boolean {
  return state === 'connecting' || state === 'reconnecting';
}

/** Milliseconds to the next attempt → whole seconds shown (rounded up: "in 1 s" until it fires). */
export function retrySeconds(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  return Math.max(0, Math.ceil(ms / 1000));
}

/** "attempt N, next try in X s" while connecting or reconnecting; null otherwise. */
export function retryLine(status: Pick<ShellStatus, 'state' | 'attempt' | 'nextRetryInMs'>): { key: MessageKey; params: Params } | null {
  if (!isTransitional(status.state)) return null;
  const seconds = retrySeconds(status.nextRetryInMs);
  const attempt = Math.max(status.attempt, 1);
  if (seconds !== null) return seconds === 0 ? { key: 'connections.shell.retryNow', params: { attempt } } : { key: 'connections.shell.retry', params: { attempt, seconds } };
  return status.attempt > 0 ? { key: 'connections.shell.attempt', params: { attempt } } : null;
}

/** The status of one shell; a closed placeholder when main has not reported it. */
export function shellStatus(view: ConnectionsView | null, shell: ShellName): ShellStatus {
  const found = view?.shells.find((s) => s.shell === shell);
  return found ?? { shell, state: 'closed', endpoint: '', serverVersion: null, psVersion: null, latencyMs: null, lastError: null, attempt: 0, nextRetryInMs: null, queued: 0, running: 0, since: '' };
}

/** Refresh reads through both shells: only when both are open and no read is running. */
export function canRefresh(view: ConnectionsView | null): boolean {
  if (!view || view.reading) return false;
  return shellStatus(view, 'exchange').state === 'open' && shellStatus(view, 'skype').state === 'open';
}

/** Bytes → kilobytes to show: one decimal under 10 KB, whole above; never 0 for a non-empty file. */
export function kilobytes(bytes: number): number {
  if (bytes <= 0) return 0;
  const kb = bytes / 1024;
  if (kb < 10) return Math.max(0.1, Math.round(kb * 10) / 10);
  return Math.round(kb);
}

export function totalObjects(objects: Readonly<Record<string, number>>): number {
  return Object.values(objects).reduce((a, b) => a + b, 0);
}

/**
 * Whether the org on screen changed between two polls: a read finished, or live data was loaded or
 * dropped. The screens that show the org then read it again.
 */
export function orgChanged(prev: ConnectionsView | null, next: ConnectionsView): boolean {
  if (!prev) return false;
  return (prev.reading && !next.reading) || prev.liveDataLoaded !== next.liveDataLoaded;
}

/** Which line sums up the connection under the cards. */
export type ConnectionPhase = 'notConnected' | 'opening' | 'readyToRead' | 'reading' | 'liveLoaded';

/** null when the cards say it better (a shell broken or closed while a profile is active). */
export function connectionPhase(view: ConnectionsView): ConnectionPhase | null {
  if (view.reading) return 'reading';
  if (view.activeProfileId === null) return 'notConnected';
  if (view.liveDataLoaded) return 'liveLoaded';
  if (canRefresh(view)) return 'readyToRead';
  return view.shells.some((s) => isTransitional(s.state)) ? 'opening' : null;
}

/** The read-notes panel's anchor: the status bar's "N sections partial or not read: details" leads to it. */
export const READ_NOTES_ANCHOR = 'read-notes';

/**
 * The note without its trailing "(provided by …)", which the next column shows: the same text serves
 * `umc capture`'s stderr and the snapshot, where that column does not exist.
 */
export function withoutProvider(text: string, providedBy: string | undefined): string {
  if (!providedBy) return text;
  const i = text.lastIndexOf(' (');
  return i > 0 && text.endsWith(')') && text.slice(i).includes(providedBy) ? text.slice(0, i) : text;
}
