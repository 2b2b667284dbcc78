/**
 * The ports the main-process services are given by the composition root (main/compose.ts).
 * Tests pass in-memory implementations; Electron passes its own (main/app).
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

/** Settings persisted between runs: only preferences, never a secret. */
export interface SettingsStore {
  read(): Promise<Readonly<Record<string, unknown>>>;
  write(values: Readonly<Record<string, unknown>>): Promise<void>;
}

export function memorySettingsStore(initial: Record<string, unknown> = {}): SettingsStore {
  let values: Readonly<Record<string, unknown>> = { ...initial };
  return {
    read: async () => values,
    write: async (v) => {
      values = { ...v };
    },
  };
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
