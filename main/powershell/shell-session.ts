/**
 * One Management Shell (Exchange or Skype): a long-lived PowerShell host process holding the remote
 * session, a queue of calls, and the session's life — connecting, open, reconnecting, broken,
 * closed.
 *
 * - Calls run one at a time per shell (one host process), in arrival order, each inside the
 *   per-server concurrency cap (concurrency-limiter.ts).
 * - A call that outlives its timeout is stopped in PowerShell; if it will not stop, the host is
 *   killed and respawned (powershell-host.ts).
 * - A broken session is detected before the next call (the host checks the PSSession state before
 *   every invoke; an idle heartbeat; the host process's exit) and rebuilt with exponential backoff.
 *   The call in flight fails with a clear error, or is retried once when it was a read; queued
 *   calls wait for the new session. Nothing is dropped silently.
 * - Credentials are refused → broken at once, no retry (retrying a wrong password locks accounts).
 * - `close()` removes the remote session (Remove-PSSession, in the host) and ends the process.
 */
import type { Endpoint, ShellName, ShellState, ShellStatus } from '../../shared/connections/profile';
import { type Message, UserError } from '../../shared/i18n/translate';
import type { Clock, Logger } from '../ports';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { OpenSpec, Parameters, PsErrorInfo, PsStreams } from './host-protocol';
import { wireParameters } from './host-protocol';
import { HostCallError, type PowerShellHost, PowerShellError } from './powershell-host';

export type CallMode = 'read' | 'write';

export interface CallOptions {
  readonly mode: CallMode;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly timeoutMs?: number;
  /** Non-terminating errors are returned instead of failing the call (per-server reads). */
  readonly allowErrors?: boolean;
  readonly depth?: number;
}

export interface CallResult {
  readonly objects: readonly unknown[];
  readonly errors: readonly PsErrorInfo[];
  readonly warnings: readonly string[];
  /** Time inside PowerShell (the cmdlet), and end to end as seen from Node. */
  readonly psMs: number;
  readonly totalMs: number;
}

/**
 * The shell's status inside the main process: the view the renderer gets (ShellStatus), with the
 * last error still an i18n message (rendered in the console's language by the service), the next
 * retry as a time, and the host's process id.
 */
export interface SessionStatus extends Omit<ShellStatus, 'lastError' | 'nextRetryInMs'> {
  readonly lastError: Message | null;
  readonly nextRetryAt: number | null;
  /** The host process id (tests, diagnostics). */
  readonly hostPid: number | null;
}

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  /** After this many failed attempts in a row the shell is `broken` until the user reconnects. */
  readonly maxAttempts: number;
}

export interface ShellSessionOptions {
  readonly shell: ShellName;
  readonly endpoint: Endpoint;
  /** The key of the per-server concurrency cap (the server's host name). */
  readonly serverKey: string;
  /** Builds the open request; asked at every (re)connect so a secret is read only when needed. */
  readonly openSpec: () => Promise<OpenSpec>;
  readonly startHost: () => PowerShellHost;
  /** A cheap read-only call whose round trip is the latency shown, run as a heartbeat when idle. */
  readonly probe: { readonly command: string; readonly parameters: Parameters };
  /** Reads the server version once the session is open (null when it cannot be read). */
  readonly readVersion: (call: (command: string, parameters: Parameters) => Promise<CallResult>) => Promise<string | null>;
  readonly limiter: ConcurrencyLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly openTimeoutMs?: number;
  readonly callTimeoutMs?: number;
  readonly heartbeatMs?: number;
  readonly backoff?: Backoff;
  readonly onChange?: () => void;
}

export interface ShellSession {
  readonly shell: ShellName;
  status(): SessionStatus;
  /**
   * The commands the console asked for that the endpoint did not import (the product version has
   * no such cmdlet, or the account's RBAC roles do not grant it), as of the last open; sorted.
   * A call to one of them fails at once with CommandNotAvailableError; the session stays open.
   */
  missingCommands(): readonly string[];
  /** Opens the session; resolves when open, rejects with the reason when the first attempt fails for good. */
  open(): Promise<void>;
  call(command: string, parameters: Parameters, options: CallOptions): Promise<CallResult>;
  /** Drops the session as if the network had (tests; the next call reconnects). */
  close(): Promise<void>;
}

/**
 * A call to a command the endpoint did not import (version or RBAC): refused before it reaches the
 * host, so the session, its queue and its state are untouched.
 */
export class CommandNotAvailableError extends UserError {
  constructor(
    readonly command: string,
    readonly shell: ShellName,
  ) {
    super({ key: 'ps.notAvailable', params: { command, shell: { key: `shell.${shell}` } } });
    this.name = 'CommandNotAvailableError';
  }
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, maxAttempts: 8 };

/** Why an open failed, from PowerShell's error: decides between retrying and giving up. */
export function classifyOpenFailure(e: unknown): 'auth' | 'host-key' | 'unreachable' | 'import' | 'no-wsman' | 'other' {
  const info = e instanceof PowerShellError ? e.info : null;
  const text = `${info?.category ?? ''} ${info?.reason ?? ''} ${info?.exceptionType ?? ''} ${e instanceof Error ? e.message : String(e)}`;
  if (/AuthenticationError|Access is denied|logon failure|unauthori[sz]ed|Permission denied|user name or password is incorrect|\b401\b/i.test(text)) return 'auth';
  if (/WSMan.*(library|client)|no supported WSMan client/i.test(text)) return 'no-wsman';
  if (/UmcHost\.ImportRefused|is not recognized|refused the import/i.test(text)) return 'import';
  // A host key not approved or changed (docs/live-sessions.md, "SSH host keys") is an admin's decision,
  // never a network hiccup: retrying cannot help, so it is not retried (before the `ssh` test below).
  if (/UmcKnownHosts\.|Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(text)) return 'host-key';
  if (/resolve|No such host|refused|timed out|unreachable|Connection closed|ConnectionError|ResourceUnavailable|HostExited|PSRemotingTransportException|\bssh\b/i.test(text)) return 'unreachable';
  return 'other';
}

function openErrorMessage(shell: ShellName, endpoint: string, e: unknown): Message {
  // Our own plain messages (PowerShell missing, no password stored…) are shown as they are.
  if (e instanceof UserError && !(e instanceof PowerShellError) && !(e instanceof HostCallError)) return e.detail;
  const detail =
    e instanceof PowerShellError ? e.info.message.split('\n')[0]!.slice(0, 500) : e instanceof UserError ? e.detail : { key: 'ps.raw', params: { text: e instanceof Error ? e.message : String(e) } };
  const kind = classifyOpenFailure(e);
  const key =
    kind === 'auth'
      ? 'ps.open.auth'
      : kind === 'host-key'
        ? 'ps.open.hostKey'
        : kind === 'unreachable'
          ? 'ps.open.unreachable'
          : kind === 'import'
            ? 'ps.open.import'
            : kind === 'no-wsman'
              ? 'ps.open.noWsman'
              : 'ps.open.failed';
  return { key, params: { shell: { key: `shell.${shell}` }, endpoint, detail: typeof detail === 'string' ? detail : detail } };
}

interface Task {
  readonly command: string;
  readonly parameters: Parameters;
  readonly options: CallOptions;
  readonly resolve: (r: CallResult) => void;
  readonly reject: (e: Error) => void;
  retried: boolean;
}

export function createShellSession(o: ShellSessionOptions): ShellSession {
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const callTimeoutMs = o.callTimeoutMs ?? 120_000;
  let state: ShellState = 'closed';
  let since = o.clock.now().toISOString();
  let host: PowerShellHost | null = null;
  let serverVersion: string | null = null;
  let psVersion: string | null = null;
  let latencyMs: number | null = null;
  let lastError: Message | null = null;
  let attempt = 0;
  let nextRetryAt: number | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let running = 0;
  const queue: Task[] = [];
  let opening: Promise<void> | null = null;
  let generation = 0;
  let missing: ReadonlySet<string> = new Set();

  const setState = (s: ShellState) => {
    if (s !== state) {
      state = s;
      since = o.clock.now().toISOString();
      o.logger.log('info', 'shell state', { shell: o.shell, state: s, attempt });
    }
    o.onChange?.();
  };

  async function stopHost(): Promise<void> {
    const h = host;
    host = null;
    if (h) await h.dispose(3000);
  }

  /** One attempt: start a host, open the session, read the version. */
  async function connectOnce(): Promise<void> {
    await stopHost();
    if (state === 'closed') throw new UserError({ key: 'ps.hostClosed', params: { command: 'New-PSSession' } });
    const gen = ++generation;
    const h = o.startHost();
    host = h;
    h.exited.then(() => {
      // The host died under an open session (crash, kill): rebuild before the next call.
      if (host === h && gen === generation && state === 'open') {
        lastError = { key: 'ps.hostCrashed', params: { shell: { key: `shell.${o.shell}` } } };
        host = null;
        scheduleReconnect(0);
      }
    });
    const ready = await h.ready;
    psVersion = ready.psVersion;
    const spec = await o.openSpec();
    // PowerShell reports every SSH failure as "the SSH transport process has abruptly terminated"
    // (and PowerShell 7.6 sometimes crashes on a refused connection); the SSH client's own line,
    // relayed on the host's console, says why: refused credentials, connection refused.
    const reason = () =>
      h
        .recentStderr()
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Warning: Permanently added|UMC lab noise|^at |Unhandled exception/.test(l))
        .slice(-1)[0];
    let r;
    try {
      r = await h.request({ op: 'open', session: { kind: spec.kind, commands: spec.commands, parameters: wireParameters(spec.parameters) } }, { timeoutMs: o.openTimeoutMs ?? 90_000 });
    } catch (e) {
      const why = e instanceof HostCallError && e.failure === 'host-exited' ? reason() : undefined;
      if (why)
        throw new PowerShellError({ kind: 'open', message: why, category: 'OpenError', reason: 'HostExited', errorId: 'UmcHost.HostExited', targetObject: null, exceptionType: '' }, 'New-PSSession');
      throw e;
    }
    if (!r.ok) {
      const why = reason();
      const info = why && /SSH/i.test(r.error.message) ? { ...r.error, message: `${why} (${r.error.message.split('\n')[0]})` } : r.error;
      throw new PowerShellError(info, 'New-PSSession');
    }
    // A cmdlet the endpoint does not import — absent from this product version, or not granted by the
    // account's RBAC roles (a remote session exposes only the cmdlets of the caller's roles, and
    // Import-PSSession imports "any command that the Get-Command cmdlet can find in the PSSession":
    // https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-pssession,
    // https://learn.microsoft.com/powershell/module/skypeforbusiness/get-csadminrole) — leaves the
    // shell usable for the rest; only an endpoint that imports none of them is refused.
    const notImported = ((r as { missing?: string[] }).missing ?? []).map(String);
    if (notImported.length > 0 && notImported.length >= spec.commands.length) {
      throw new PowerShellError(
        {
          kind: 'open',
          message: `the endpoint refused the import of ${notImported.join(', ')}`,
          category: 'PermissionDenied',
          reason: 'ImportRefused',
          errorId: 'UmcHost.ImportRefused',
          targetObject: notImported.join(', '),
          exceptionType: '',
        },
        'Import-PSSession',
      );
    }
    missing = new Set(notImported);
    if (notImported.length > 0) o.logger.log('info', 'shell opened without some commands', { shell: o.shell, missing: [...missing].sort().join(',') });
    const t0 = performance.now();
    serverVersion = await o
      .readVersion((command, parameters) => (missing.has(command) ? Promise.reject(new CommandNotAvailableError(command, o.shell)) : direct(h, command, parameters, { mode: 'read' })))
      .catch(() => null);
    latencyMs = Math.round(performance.now() - t0);
  }

  function startHeartbeat() {
    stopHeartbeat();
    const every = o.heartbeatMs ?? 30_000;
    if (every <= 0) return;
    heartbeatTimer = setInterval(() => {
      if (state !== 'open' || running > 0 || queue.length > 0) return;
      // An idle session is checked so a drop shows before the user's next call.
      call(o.probe.command, o.probe.parameters, { mode: 'read', timeoutMs: Math.min(callTimeoutMs, 30_000) }).catch(() => undefined);
    }, every);
    heartbeatTimer.unref();
  }
  function stopHeartbeat() {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = null;
  }

  function open(): Promise<void> {
    if (state === 'open') return Promise.resolve();
    if (opening) return opening;
    attempt = 0;
    lastError = null;
    setState('connecting');
    opening = connectOnce()
      .then(() => {
        if (state === 'closed') return stopHost();
        attempt = 0;
        setState('open');
        startHeartbeat();
        pump();
      })
      .catch(async (e: unknown) => {
        if (state === 'closed') throw new UserError({ key: 'ps.hostClosed', params: { command: 'New-PSSession' } });
        lastError = openErrorMessage(o.shell, o.endpoint.display, e);
        o.logger.log('warn', 'shell open failed', { shell: o.shell, reason: classifyOpenFailure(e) });
        const kind = classifyOpenFailure(e);
        if (kind === 'unreachable' || (e instanceof HostCallError && e.failure !== 'host-start')) {
          // The server may come back: keep trying in the background, the UI shows the attempts.
          scheduleReconnect(1);
        } else {
          await stopHost();
          setState('broken');
          failQueue();
        }
        throw new UserError(lastError);
      })
      .finally(() => {
        opening = null;
      });
    return opening;
  }

  function scheduleReconnect(attemptsSoFar: number) {
    stopHeartbeat();
    if (state === 'closed') return;
    // Two signals of one loss (the call's error and the host's exit) schedule one attempt.
    if (attemptsSoFar === 0 && state === 'reconnecting' && retryTimer) return;
    attempt = Math.max(attempt, attemptsSoFar) + 1;
    if (attempt > backoff.maxAttempts) {
      void stopHost();
      nextRetryAt = null;
      setState('broken');
      failQueue();
      return;
    }
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
    nextRetryAt = o.clock.now().getTime() + delay;
    setState('reconnecting');
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      nextRetryAt = null;
      o.onChange?.();
      connectOnce()
        .then(() => {
          if (state === 'closed') return stopHost();
          attempt = 0;
          lastError = null;
          setState('open');
          startHeartbeat();
          pump();
        })
        .catch((e: unknown) => {
          if (state === 'closed') return;
          lastError = openErrorMessage(o.shell, o.endpoint.display, e);
          const kind = classifyOpenFailure(e);
          if (kind === 'auth' || kind === 'import' || kind === 'host-key') {
            void stopHost();
            setState('broken');
            failQueue();
            return;
          }
          scheduleReconnect(attempt);
        });
    }, delay);
  }

  function failQueue() {
    while (queue.length > 0) {
      const t = queue.shift()!;
      t.reject(new UserError({ key: 'ps.notOpen', params: { shell: { key: `shell.${o.shell}` }, state: { key: `session.state.${state}` }, command: t.command } }));
    }
    o.onChange?.();
  }

  /** A call straight to a host (open-time reads, outside the queue). */
  async function direct(h: PowerShellHost, command: string, parameters: Parameters, options: CallOptions): Promise<CallResult> {
    const timeoutMs = options.timeoutMs ?? callTimeoutMs;
    const t0 = performance.now();
    const r = await h.request({ op: 'invoke', command, parameters: wireParameters(parameters), select: options.select, exclude: options.exclude, depth: options.depth ?? 4 }, { timeoutMs });
    const totalMs = performance.now() - t0;
    if (!r.ok) {
      if (r.error.kind === 'stopped') {
        // Stopped by close() (it stops what runs before it removes the session), not by the timeout.
        if (state === 'closed') throw new UserError({ key: 'ps.hostClosed', params: { command } });
        throw new UserError({ key: 'ps.timeout', params: { command, seconds: Math.round(timeoutMs / 1000) } });
      }
      throw new PowerShellError(r.error, command, r.streams);
    }
    const streams = (r as { streams?: PsStreams }).streams;
    const errors = streams?.error ?? [];
    const broken = errors.find((e) => e.kind === 'session-broken');
    if (broken) throw new PowerShellError(broken, command, streams);
    if (errors.length > 0 && !options.allowErrors) throw new PowerShellError(errors[0]!, command, streams);
    return { objects: ((r as { objects?: unknown[] }).objects ?? []) as unknown[], errors, warnings: streams?.warning ?? [], psMs: Number((r as { ms?: number }).ms ?? 0), totalMs };
  }

  function isSessionLoss(e: unknown): boolean {
    return (e instanceof PowerShellError && e.info.kind === 'session-broken') || (e instanceof HostCallError && e.failure === 'host-exited');
  }

  function pump() {
    if (state !== 'open' || running > 0 || queue.length === 0 || !host) return;
    const task = queue.shift()!;
    const h = host;
    running++;
    o.onChange?.();
    void o.limiter.acquire(o.serverKey).then(async (release) => {
      try {
        const result = await direct(h, task.command, task.parameters, task.options);
        latencyMs = Math.max(0, Math.round(result.totalMs - result.psMs));
        task.resolve(result);
      } catch (e) {
        if (isSessionLoss(e)) {
          // The session is gone: rebuild it. A read is retried once on the new session; a write
          // is not (it may have been applied) and says so.
          lastError = { key: 'ps.sessionLost', params: { shell: { key: `shell.${o.shell}` }, detail: e instanceof Error ? e.message.split('\n')[0]!.slice(0, 300) : '' } };
          // The host found the session broken before running the call (UmcHost.SessionBroken): it
          // never ran, so a write is as safe to send again as a read.
          const neverRan = e instanceof PowerShellError && e.info.errorId === 'UmcHost.SessionBroken';
          if ((task.options.mode === 'read' || neverRan) && !task.retried) {
            task.retried = true;
            queue.unshift(task);
          } else {
            task.reject(new UserError({ key: task.options.mode === 'write' ? 'ps.sessionLostWrite' : 'ps.sessionLostRead', params: { shell: { key: `shell.${o.shell}` }, command: task.command } }));
          }
          if (host === h) {
            host = null;
            void h.dispose(2000);
          }
          scheduleReconnect(0);
        } else if (e instanceof HostCallError && e.failure === 'timeout') {
          // The call would not stop: the host was killed. The session is rebuilt; the call is not retried (it would hang again).
          task.reject(new UserError({ key: 'ps.timeoutKilled', params: { command: task.command, seconds: Math.round((task.options.timeoutMs ?? callTimeoutMs) / 1000) } }));
          lastError = { key: 'ps.timeoutKilled', params: { command: task.command, seconds: Math.round((task.options.timeoutMs ?? callTimeoutMs) / 1000) } };
          if (host === h) host = null;
          scheduleReconnect(0);
        } else if (e instanceof HostCallError && e.failure === 'protocol') {
          // The host broke its framing and was killed (powershell-host.ts): the session is rebuilt; the
          // call is not retried, since the same output would break the new host's framing too.
          task.reject(e);
          lastError = e.detail;
          if (host === h) host = null;
          scheduleReconnect(0);
        } else {
          task.reject(e as Error);
        }
      } finally {
        release();
        running--;
        o.onChange?.();
        pump();
      }
    });
  }

  function call(command: string, parameters: Parameters, options: CallOptions): Promise<CallResult> {
    // Known not imported: refused here, without queueing, so nothing about the session changes.
    if (missing.has(command)) return Promise.reject(new CommandNotAvailableError(command, o.shell));
    if (state === 'closed' || state === 'broken') {
      return Promise.reject(new UserError({ key: 'ps.notOpen', params: { shell: { key: `shell.${o.shell}` }, state: { key: `session.state.${state}` }, command } }));
    }
    return new Promise<CallResult>((resolve, reject) => {
      queue.push({ command, parameters, options, resolve, reject, retried: false });
      o.onChange?.();
      pump();
    });
  }

  return {
    shell: o.shell,
    status: () => ({
      shell: o.shell,
      state,
      endpoint: o.endpoint.display,
      serverVersion,
      psVersion,
      latencyMs,
      lastError,
      attempt,
      nextRetryAt,
      queued: queue.length,
      running,
      since,
      hostPid: host?.pid ?? null,
    }),
    missingCommands: () => [...missing].sort(),
    open,
    call,
    async close() {
      stopHeartbeat();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      nextRetryAt = null;
      generation++;
      setState('closed');
      failQueue();
      await stopHost();
    },
  };
}
