/**
 * The ports only the main-process services are given by the composition root (main/compose.ts).
 * Tests pass in-memory implementations; Electron passes its own (main/app). The clock and the
 * logger, which the PowerShell layer takes too, are in main/ports.ts.
 */

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
