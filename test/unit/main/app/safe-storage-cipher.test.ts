/**
 * Electron's safeStorage as the secret store's cipher (main/app/safe-storage-cipher.ts), under plain
 * Node with a fake safeStorage: on Linux the `basic_text` backend (a key fixed in Chromium's source) and
 * `unknown` (before `ready`) count as no key store, so a password is refused with the reason; a keyring
 * backend, Windows (DPAPI) and macOS (Keychain) encrypt.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SafeStorageLike, safeStorageCipherOf, safeStorageUnavailable } from '../../../../main/app/safe-storage-cipher';
import { createSecretStore, SecretStoreUnavailableError } from '../../../../main/services/secret-store';
import { memorySettingsStore } from '../../../../main/services/ports';

function fakeSafeStorage(backend: string | undefined, encryptionAvailable = true): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => encryptionAvailable,
    // The fixed-key store "encrypts" too: availability must not be taken from this.
    encryptString: (plain: string) => (fake.encrypted++, Buffer.from(`v10${plain}`)),
    decryptString: (b: Buffer) => b.toString().slice(3),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  };
  return fake;
}

describe('safeStorage cipher: which backends protect a secret', () => {
  it('Linux: basic_text and unknown are no keyring; the keyring backends encrypt', () => {
    assert.equal(safeStorageUnavailable(fakeSafeStorage('basic_text'), 'linux'), 'no-keyring');
    assert.equal(safeStorageUnavailable(fakeSafeStorage('unknown'), 'linux'), 'no-keyring');
    assert.equal(safeStorageUnavailable(fakeSafeStorage(undefined), 'linux'), 'no-keyring');
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) assert.equal(safeStorageUnavailable(fakeSafeStorage(backend), 'linux'), null, backend);
  });

  it('no encryption at all is said as such, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) assert.equal(safeStorageUnavailable(fakeSafeStorage('gnome_libsecret', false), platform), 'no-encryption');
  });

  it('Windows and macOS encrypt (DPAPI, Keychain): the Linux backend is not asked', () => {
    assert.equal(safeStorageUnavailable(fakeSafeStorage(undefined), 'win32'), null);
    assert.equal(safeStorageUnavailable(fakeSafeStorage(undefined), 'darwin'), null);
  });

  it('a store over basic_text refuses the password, and encrypts nothing', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const store = createSecretStore(memorySettingsStore(), safeStorageCipherOf(safeStorage, 'linux'));
    await assert.rejects(store.put('p1', 'secret'), (e: unknown) => e instanceof SecretStoreUnavailableError && e.reason === 'no-keyring');
    assert.equal(safeStorage.encrypted, 0);
  });

  it('a store over a keyring keeps the password and reads it back', async () => {
    const store = createSecretStore(memorySettingsStore(), safeStorageCipherOf(fakeSafeStorage('gnome_libsecret'), 'linux'));
    await store.put('p1', 'secret');
    assert.equal(await store.get('p1'), 'secret');
  });
});
