/**
 * Settings in a JSON file, written atomically (temporary file, fsync, rename) so a crash never
 * leaves half a file. Used by the CLI and the browser harness; Electron uses electron-store.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
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
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(values, null, 2));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    },
  };
}
