/**
 * Secrets (stored credentials' passwords) at rest: only ever encrypted by the operating system's
 * key store — Electron `safeStorage` in the app (DPAPI on Windows) — and kept as ciphertext in the
 * settings file under `secrets`. Never written in plain text, never logged, never sent to the
 * renderer (the renderer only learns `hasSecret`). Kerberos profiles need no secret at all.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UserError } from '../../shared/i18n/translate';
import type { SettingsStore } from './ports';

/**
 * Why the operating system's key store cannot keep a secret:
 * - `no-encryption`: it offers none (safeStorage.isEncryptionAvailable() is false);
 * - `no-keyring`: Linux without a keyring (no gnome-keyring/libsecret, no KWallet in this session).
 *   Chromium then picks its `basic_text` backend, which "encrypts" with a key fixed in its source
 *   code: anyone who reads the settings file reads the password
 *   (https://www.electronjs.org/docs/latest/api/safe-storage, getSelectedStorageBackend).
 */
export type SecretUnavailableReason = 'no-encryption' | 'no-keyring';

/** What safeStorage offers (main/app/safe-storage-cipher.ts adapts Electron's safeStorage to it). */
export interface SecretCipher {
  /** null when a secret can be encrypted by the OS key store; else why not. */
  unavailable(): SecretUnavailableReason | null;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export interface SecretStore {
  /** null when a password can be stored and read; else why not (the Connections screen says it). */
  unavailable(): SecretUnavailableReason | null;
  put(key: string, secret: string): Promise<void>;
  get(key: string): Promise<string | null>;
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/** A password cannot be stored or read here: the message says why and what to do (both languages). */
export class SecretStoreUnavailableError extends UserError {
  constructor(readonly reason: SecretUnavailableReason) {
    super({ key: `secrets.unavailable.${reason}` });
    this.name = 'SecretStoreUnavailableError';
  }
}

export function createSecretStore(settings: SettingsStore, cipher: SecretCipher): SecretStore {
  const all = async () => ((await settings.read()).secrets ?? {}) as Readonly<Record<string, string>>;
  const refuseUnavailable = () => {
    const reason = cipher.unavailable();
    if (reason) throw new SecretStoreUnavailableError(reason);
  };
  return {
    unavailable: () => cipher.unavailable(),
    async put(key, secret) {
      refuseUnavailable();
      const values = await settings.read();
      const secrets = { ...((values.secrets ?? {}) as Record<string, string>), [key]: cipher.encrypt(secret).toString('base64') };
      await settings.write({ ...values, secrets });
    },
    async get(key) {
      const b64 = (await all())[key];
      if (!b64) return null;
      // A secret kept while the key store was unusable (or one that cannot be decrypted here) is
      // refused with the reason, never read as if it were protected.
      refuseUnavailable();
      return cipher.decrypt(Buffer.from(b64, 'base64'));
    },
    has: async (key) => typeof (await all())[key] === 'string',
    async remove(key) {
      const values = await settings.read();
      const secrets = { ...((values.secrets ?? {}) as Record<string, string>) };
      delete secrets[key];
      await settings.write({ ...values, secrets });
    },
  };
}

/**
 * A stand-in for the OS key store where Electron is absent (the CLI, tests, the browser harness):
 * AES-256-GCM under a key that lives only in this process's memory — what it encrypts cannot be
 * read back by another process, so nothing usable reaches disk. Named for what it is.
 */
export function processMemoryCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    unavailable: () => null,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
