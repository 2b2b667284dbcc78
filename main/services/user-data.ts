/**
 * Where the console keeps the user's own files (the lab org's writable copy, the audit log of
 * changes): Electron's `userData` directory for this app, computed the way Electron does it
 * (appData + productName), so the CLI and the desktop console share them. `UMC_USER_DATA` overrides.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** electron-builder.yml's productName: the folder Electron's app.getPath('userData') ends with. */
export const PRODUCT_NAME = 'UM Integration Console';

export function userDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.UMC_USER_DATA) return env.UMC_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export function userLabPath(dir: string): string {
  return join(dir, 'lab', 'litwareinc.umcsnap.json');
}

/** The console's own SSH known-hosts file for lab+ssh:// endpoints (main/services/live/known-hosts.ts). */
export function knownHostsPath(dir: string): string {
  return join(dir, 'ssh', 'known_hosts');
}

export function auditLogPath(dir: string): string {
  return join(dir, 'audit', 'changes.jsonl');
}
