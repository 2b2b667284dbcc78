/**
 * One PowerShell host process (assets/powershell/umc-host.ps1) and its request/response pipe.
 *
 * Opens a process; `dispose()` closes it (stdin end → the script removes its remote session →
 * exit; killed after a grace period). A call that outlives its timeout is first stopped in
 * PowerShell (`cancel` → PowerShell.Stop(), which keeps the session); if the host does not answer
 * within the stop grace, the process is killed (docs/live-sessions.md, "Timeouts, crashes, drops":
 * a timeout that only stops waiting, as node-powershell's does, leaves the command running). The
 * caller (shell-session.ts) respawns.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type Message, UserError } from '../../shared/i18n/translate';
import type { Logger } from '../ports';
import { encodeRequest, HostOutputReader, HostProtocolError, type HostRequest, type HostResponse, type PsErrorInfo, type PsStreams } from './host-protocol';
import { hostEnvironment } from './host-environment';
import { assertUnpackedIntact } from '../unpacked-integrity';

/** Requests without their id: the host assigns ids. */
type RequestBody = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface HostProcessOptions {
  /** pwsh or powershell.exe. */
  readonly executable: string;
  readonly script: string;
  /** Extra environment (the lab fault file in tests). Secrets never go here: they travel on stdin. */
  readonly env?: Readonly<Record<string, string>>;
  readonly logger: Logger;
  /** For logs: `exchange`, `skype`. */
  readonly label: string;
  readonly startTimeoutMs?: number;
  /** The longest output line accepted (default MAX_FRAME_BYTES); tests lower it to reach the cap quickly. */
  readonly maxFrameBytes?: number;
}

export interface HostReady {
  readonly psVersion: string;
  readonly psEdition: string;
}

export interface CallOptions {
  readonly timeoutMs: number;
  /** How long a stopped call may take to answer before the process is killed. */
  readonly stopGraceMs?: number;
}

/** Why a call failed on the Node side of the pipe (the host answered nothing usable). */
export type HostFailure = 'timeout' | 'host-exited' | 'host-start' | 'disposed' | 'protocol';

export class HostCallError extends UserError {
  constructor(
    readonly failure: HostFailure,
    detail: UserError['detail'],
  ) {
    super(detail);
    this.name = 'HostCallError';
  }
}

/** An error PowerShell reported (the host answered ok:false), kept structured. */
export class PowerShellError extends UserError {
  constructor(
    readonly info: PsErrorInfo,
    readonly command: string,
    readonly streams?: PsStreams,
  ) {
    super({ key: 'ps.error', params: { command, category: info.category, message: info.message } });
    this.name = 'PowerShellError';
  }
}

export interface PowerShellHost {
  readonly pid: number;
  readonly ready: Promise<HostReady>;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** The last console lines that were not frames, and stderr (where PowerShell relays the SSH client's reason: "Permission denied", "Connection refused"). */
  recentStderr(): string;
  request(body: RequestBody, options: CallOptions): Promise<HostResponse>;
  /** Kills the process at once (a hung call, a test simulating a crash). */
  kill(): void;
  dispose(graceMs?: number): Promise<void>;
}

interface Pending {
  readonly resolve: (r: HostResponse) => void;
  readonly reject: (e: Error) => void;
  readonly timers: NodeJS.Timeout[];
  readonly command: string;
}

export function startPowerShellHost(options: HostProcessOptions): PowerShellHost {
  assertUnpackedIntact(options.script, { withSiblings: true }); // the host script and the lab module beside it are the ones this build shipped (main/unpacked-integrity.ts)
  const nonce = randomBytes(16).toString('hex');
  const child: ChildProcess = spawn(options.executable, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', options.script], {
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    // Its own process group: the .NET tool `pwsh` is a launcher that starts `dotnet pwsh.dll` as a
    // child, so a kill must reach the whole group or the real PowerShell would be left running.
    detached: process.platform !== 'win32',
    // An explicit environment, not the console's (main/powershell/host-environment.ts): no secret is handed on.
    env: hostEnvironment(process.env, { ...options.env, UMC_HOST_NONCE: nonce, NO_COLOR: '1', TERM: 'dumb', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' }),
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exitedFlag = false;
  /** How the process ended (exit code or signal), for calls made after it did. */
  let exitedWith = '?';
  let disposed = false;
  let stderrTail = '';
  const noise: string[] = [];
  /** Set when the host broke its framing: every call then fails with it, and the process is killed. */
  let protocolFailure: HostProtocolError | null = null;

  let readyResolve!: (r: HostReady) => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<HostReady>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  ready.catch(() => undefined);
  const startTimer = setTimeout(() => {
    readyReject(new HostCallError('host-start', { key: 'ps.hostStartTimeout', params: { seconds: Math.round((options.startTimeoutMs ?? 60_000) / 1000) } }));
    killAll();
  }, options.startTimeoutMs ?? 60_000);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      exitedWith = String(code ?? signal);
      clearTimeout(startTimer);
      const why = disposed ? null : stderrTail.trim().split('\n').slice(-3).join(' ').slice(0, 400);
      options.logger.log(disposed ? 'debug' : 'warn', 'powershell host exited', { shell: options.label, code, signal });
      readyReject(new HostCallError('host-start', { key: 'ps.hostExitedAtStart', params: { code: String(code ?? signal), detail: why ?? '' } }));
      for (const [id, p] of pending) {
        pending.delete(id);
        p.timers.forEach(clearTimeout);
        p.reject(
          disposed
            ? new HostCallError('disposed', { key: 'ps.hostClosed', params: { command: p.command } })
            : protocolFailure
              ? protocolError(p.command, protocolFailure, reader.maxLineBytes)
              : new HostCallError('host-exited', { key: 'ps.hostExited', params: { command: p.command, code: String(code ?? signal) } }),
        );
      }
      resolve({ code, signal });
    });
  });
  child.once('error', (e) => {
    // spawn failed (no such executable): reported as a start failure.
    exitedFlag = true;
    clearTimeout(startTimer);
    readyReject(new HostCallError('host-start', { key: 'ps.spawnFailed', params: { executable: options.executable, detail: e.message } }));
  });

  // Bytes, not text: the reader decodes each whole line once (a character split between two reads
  // stays whole) and looks for the line end only in new bytes, so a 100,000-object frame costs
  // what its size does (docs/live-sessions.md, "The host and its framing").
  const reader = new HostOutputReader(nonce, options.maxFrameBytes);
  child.stdout!.on('data', (chunk: Buffer) => {
    if (protocolFailure) return;
    let items;
    try {
      items = reader.push(chunk);
    } catch (e) {
      if (!(e instanceof HostProtocolError)) throw e;
      breakFraming(e);
      return;
    }
    for (const item of items) {
      if (item.kind === 'noise') {
        // Console noise from a cmdlet (Write-Host, [Console]::Out, ANSI): not data.
        options.logger.log('debug', 'powershell host noise', { shell: options.label, bytes: item.bytes });
        // Kept in memory (never logged): PowerShell relays the SSH client's reason here.
        noise.push(item.text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').slice(0, 500));
        if (noise.length > 10) noise.shift();
        continue;
      }
      const frame = item.frame;
      if (frame.id === 0 && frame.ok) {
        clearTimeout(startTimer);
        readyResolve({ psVersion: String((frame as Record<string, unknown>).psVersion ?? ''), psEdition: String((frame as Record<string, unknown>).psEdition ?? '') });
        continue;
      }
      const p = pending.get(frame.id);
      if (!p) continue;
      pending.delete(frame.id);
      p.timers.forEach(clearTimeout);
      p.resolve(frame);
    }
  });

  /** The host broke its framing: its output can no longer be trusted, so every call fails with that and the process goes. */
  function breakFraming(e: HostProtocolError): void {
    protocolFailure = e;
    options.logger.log('warn', 'powershell host broke its framing: host killed', { shell: options.label, detail: e.detail });
    readyReject(protocolError('pwsh', e, reader.maxLineBytes));
    for (const [id, p] of pending) {
      pending.delete(id);
      p.timers.forEach(clearTimeout);
      p.reject(protocolError(p.command, e, reader.maxLineBytes));
    }
    killAll();
  }
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  child.stdin!.on('error', () => undefined); // EPIPE after a crash: the exit handler reports it

  /** Kills the host and everything it started (its process group). */
  function killAll(): void {
    if (exitedFlag && process.platform === 'win32') return;
    try {
      if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }

  function write(request: HostRequest): void {
    if (exitedFlag || !child.stdin!.writable) return;
    child.stdin!.write(encodeRequest(request));
  }

  return {
    pid: child.pid ?? -1,
    ready,
    exited,
    alive: () => !exitedFlag,
    recentStderr: () => `${noise.join('\n')}\n${stderrTail}`,
    request(body, callOptions) {
      if (protocolFailure) return Promise.reject(protocolError(commandOf(body), protocolFailure, reader.maxLineBytes));
      if (exitedFlag) return Promise.reject(new HostCallError('host-exited', { key: 'ps.hostExited', params: { command: commandOf(body), code: exitedWith } }));
      const id = nextId++;
      return new Promise<HostResponse>((resolve, reject) => {
        const timers: NodeJS.Timeout[] = [];
        const command = commandOf(body);
        pending.set(id, { resolve, reject, timers, command });
        timers.push(
          setTimeout(() => {
            // First ask PowerShell to stop the pipeline; kill if it does not answer in time.
            write({ id: nextId++, op: 'cancel', target: id });
            timers.push(
              setTimeout(() => {
                if (!pending.has(id)) return;
                pending.delete(id);
                reject(new HostCallError('timeout', { key: 'ps.timeoutKilled', params: { command, seconds: Math.round(callOptions.timeoutMs / 1000) } }));
                options.logger.log('warn', 'powershell call did not stop: host killed', { shell: options.label, command });
                killAll();
              }, callOptions.stopGraceMs ?? 3000),
            );
          }, callOptions.timeoutMs),
        );
        write({ ...(body as object), id } as HostRequest);
      });
    },
    kill() {
      killAll();
    },
    async dispose(graceMs = 5000) {
      if (disposed) return exited.then(() => undefined);
      disposed = true;
      clearTimeout(startTimer);
      if (!exitedFlag) {
        // `close` removes the remote session; the end of stdin makes the script exit.
        write({ id: nextId++, op: 'close' });
        child.stdin!.end();
        const timer = setTimeout(killAll, graceMs);
        await exited;
        clearTimeout(timer);
      }
      // The launcher may exit before its child: make sure nothing of the group outlives dispose.
      if (process.platform !== 'win32') {
        const end = Date.now() + graceMs;
        while (groupAlive(child.pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
        if (groupAlive(child.pid)) killAll();
      }
      child.stdout!.removeAllListeners();
      child.stderr!.removeAllListeners();
    },
  };
}

/**
 * Whether any process of the group led by pid is still running. Zombies do not count: where the
 * container's pid 1 does not reap orphans, a killed group leaves zombies that run nothing.
 */
export function groupAlive(pid: number | undefined): boolean {
  if (!pid || pid < 0) return false;
  if (process.platform === 'linux') {
    try {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        } catch {
          continue;
        }
        // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses: split after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
      }
      return false;
    } catch {
      /* no /proc: fall through */
    }
  }
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function protocolError(command: string, e: HostProtocolError, maxLineBytes: number): HostCallError {
  const detail: Message = e.reason === 'too-long' ? { key: 'ps.hostProtocol.tooLong', params: { bytes: maxLineBytes } } : { key: 'ps.hostProtocol.badFrame', params: {} };
  return new HostCallError('protocol', { key: 'ps.hostProtocol', params: { command, detail } });
}

function commandOf(body: RequestBody): string {
  return 'command' in body ? body.command : body.op;
}
