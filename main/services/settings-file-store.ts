/**
 * Settings in a JSON file, written atomically (temporary file, fsync, rename) so a crash never
 * leaves half a file. Used by the CLI and the browser harness; Electron uses electron-store.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write';
import type { SettingsStore } from './ports';

export function fileSettingsStore(path: string): SettingsStore {
  return {
    async read() {
      try {
        const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
        // A corrupt settings file must not stop the console: defaults apply, the file is kept.
        return {};
      }
    },
    async write(values) {
      await writeFileAtomic(path, JSON.stringify(values, null, 2), { mode: 0o600, mkdirs: true });
    },
  };
}
