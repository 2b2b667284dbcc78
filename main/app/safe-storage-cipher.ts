/**
 * Electron's safeStorage as the secret store's cipher (main/services/secret-store.ts). Kept apart, with
 * no Electron import (it takes safeStorage's shape, not the module), so a test can run the same logic
 * under plain Node with a fake safeStorage; main/app/electron-platform.ts hands it the real one.
 *
 * On Linux, safeStorage may be "available" and still protect nothing: without a keyring (no
 * gnome-keyring/libsecret or KWallet in the session, or `--password-store=basic`) Chromium selects its
 * `basic_text` backend, which encrypts with a key written in its source code. Electron reports the
 * choice through `safeStorage.getSelectedStorageBackend()` (Linux only; `unknown` before `ready`):
 * https://www.electronjs.org/docs/latest/api/safe-storage. Such a backend is treated as no key store.
 */
import type { SecretCipher, SecretUnavailableReason } from '../services/secret-store';

/** The part of Electron's `safeStorage` the cipher uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only (https://www.electronjs.org/docs/latest/api/safe-storage). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

/** The Linux backends that keep the key outside the settings file (a keyring the session unlocks). */
const KEYRING_BACKENDS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** Why safeStorage cannot protect a secret on this platform now, or null when it can. */
export function safeStorageUnavailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretUnavailableReason | null {
  if (!safeStorage.isEncryptionAvailable()) return 'no-encryption';
  if (platform !== 'linux') return null;
  // `basic_text` (fixed key) and `unknown` (not decided yet) both mean: no keyring protects it.
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return KEYRING_BACKENDS.has(backend) ? null : 'no-keyring';
}

export function safeStorageCipherOf(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    unavailable: () => safeStorageUnavailable(safeStorage, platform),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
