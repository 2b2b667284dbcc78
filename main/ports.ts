/**
 * The Node-side ports every part of the main process may be given, whatever its room: the
 * PowerShell layer (main/powershell) and the services (main/services) both take a clock and a
 * logger, so neither depends on the other for them. The composition root (main/compose.ts) passes
 * the real ones; tests pass their own.
 */

export interface Disposable {
  dispose(): void | Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Logs as JSON lines to a writable (stderr by default); the logger never receives secrets. */
export function jsonLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields) {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
