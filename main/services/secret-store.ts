/**
 * Secrets (stored credentials' passwords) at rest: only ever encrypted by the operating system's
 * key store — Electron `safeStorage` in the app (DPAPI on Windows) — and kept as ciphertext in the
 * settings file under `secrets`. Never written in plain text, never logged, never sent to the
 * renderer (the renderer only learns `hasSecret`). Kerberos profiles need no secret at all.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SettingsStore } from './ports';

/** What safeStorage offers (electron `safeStorage.encryptString/decryptString/isEncryptionAvailable`). */
export interface SecretCipher {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export interface SecretStore {
  available(): boolean;
  put(key: string, secret: string): Promise<void>;
  get(key: string): Promise<string | null>;
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export class SecretStoreUnavailableError extends Error {
  constructor() {
    super('no operating-system encryption is available to store a password; use Kerberos (the current Windows identity)');
    this.name = 'SecretStoreUnavailableError';
  }
}

export function createSecretStore(settings: SettingsStore, cipher: SecretCipher): SecretStore {
  const all = async () => ((await settings.read()).secrets ?? {}) as Readonly<Record<string, string>>;
  return {
    available: () => cipher.available(),
    async put(key, secret) {
      if (!cipher.available()) throw new SecretStoreUnavailableError();
      const values = await settings.read();
      const secrets = { ...((values.secrets ?? {}) as Record<string, string>), [key]: cipher.encrypt(secret).toString('base64') };
      await settings.write({ ...values, secrets });
    },
    async get(key) {
      const b64 = (await all())[key];
      if (!b64 || !cipher.available()) return null;
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
    available: () => true,
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
