/**
 * How electron-store keeps the preferences (main/app/electron-settings-store.ts). Kept apart, with no
 * Electron import, so a test can give the same options to `conf` — the store electron-store wraps —
 * under plain Node.
 */
export const SETTINGS_STORE_OPTIONS = {
  name: 'settings',
  // A corrupt file must never be wiped silently.
  clearInvalidConfig: false,
  // Readable by the user alone (conf's default is 0o666 less the umask: 0o644, world-readable).
  configFileMode: 0o600,
} as const;
