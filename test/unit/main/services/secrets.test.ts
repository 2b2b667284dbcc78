/**
 * Secrets never reach disk in plain text, the logs, a snapshot, or the renderer (docs/live-sessions.md,
 * "Secrets"): a stored-credential profile is saved and connected through the IPC contract (the same dispatcher
 * the preload uses), the org is read and captured to a file; then the settings file, every log
 * line, every IPC answer and the snapshot are searched for the password.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createApi, type Transport } from '../../../../shared/contract/api';
import { createMainServices } from '../../../../main/compose';
import { jsonLogger } from '../../../../main/ports';
import { fileSettingsStore } from '../../../../main/services/settings-file-store';
import { createSecretStore, processMemoryCipher, type SecretCipher, SecretStoreUnavailableError } from '../../../../main/services/secret-store';
import { UserError } from '../../../../shared/i18n/translate';
import { migrateConnections } from '../../../../main/services/connection-profiles';
import { memorySettingsStore } from '../../../../main/services/ports';
import { waitFor } from '../../../support/live';
import { labRuntime, NO_PWSH } from '../../../support/powershell';
import { ROOT } from '../../../support/paths';

const PASSWORD = 'Pa$$w0rd-“secret”-\u00e9-' + 'Z'.repeat(12);
const ORIGIN = 'app://umc';

describe('secret store', () => {
  it('keeps only ciphertext in the settings, and reads it back in the same process', async () => {
    const settings = memorySettingsStore();
    const store = createSecretStore(settings, processMemoryCipher());
    await store.put('p1', PASSWORD);
    assert.ok(!JSON.stringify(await settings.read()).includes(PASSWORD));
    assert.equal(await store.get('p1'), PASSWORD);
    assert.equal(await store.has('p1'), true);
    await store.remove('p1');
    assert.equal(await store.get('p1'), null);
  });

  it('another process (another key) cannot read what was stored', async () => {
    const settings = memorySettingsStore();
    await createSecretStore(settings, processMemoryCipher()).put('p1', PASSWORD);
    await assert.rejects(createSecretStore(settings, processMemoryCipher()).get('p1'));
  });

  it('refuses to store a password when no OS encryption is available', async () => {
    const store = createSecretStore(memorySettingsStore(), { unavailable: () => 'no-encryption', encrypt: () => Buffer.alloc(0), decrypt: () => '' });
    await assert.rejects(store.put('p1', PASSWORD), /Kerberos/);
  });

  it('Linux without a keyring (basic_text): refuses to store, and to read what was stored, saying why in both languages', async () => {
    // A cipher that "works" — as Chromium's fixed-key basic_text backend does — but reports no keyring.
    const settings = memorySettingsStore();
    const plain = processMemoryCipher();
    await createSecretStore(settings, plain).put('p1', PASSWORD);
    let written = 0;
    const basicText: SecretCipher = { unavailable: () => 'no-keyring', encrypt: (t) => (written++, plain.encrypt(t)), decrypt: (b) => plain.decrypt(b) };
    const store = createSecretStore(settings, basicText);
    assert.equal(store.unavailable(), 'no-keyring');
    const before = JSON.stringify(await settings.read());
    const refusal = await store.put('p2', PASSWORD).then(
      () => assert.fail('a password was stored without a keyring'),
      (e: unknown) => e,
    );
    assert.ok(refusal instanceof SecretStoreUnavailableError && refusal instanceof UserError);
    assert.equal(refusal.reason, 'no-keyring');
    assert.match(refusal.render('en'), /no keyring.*gnome-keyring.*KWallet.*Kerberos/s);
    assert.match(refusal.render('fr'), /pas de trousseau.*gnome-keyring.*KWallet.*Kerberos/s);
    assert.equal(written, 0, 'nothing encrypted under the fixed key');
    assert.equal(JSON.stringify(await settings.read()), before, 'the settings unchanged');
    // The one kept before is there (hasSecret), but never read back as if it were protected.
    assert.equal(await store.has('p1'), true);
    await assert.rejects(store.get('p1'), (e: unknown) => e instanceof SecretStoreUnavailableError && /no keyring/.test(e.message));
    assert.equal(await store.get('absent'), null);
  });
});

describe('profile storage: schema and migrations', () => {
  it('migrates version 1 profiles to version 2', () => {
    const v2 = migrateConnections({
      version: 1,
      activeProfileId: null,
      profiles: [{ id: 'prod', name: 'Prod', exchangeServer: 'ex01.litwareinc.com', skypePool: 'pool01.litwareinc.com', useCredential: true, userName: 'LITWARE\\admin' }],
    });
    assert.deepEqual(v2.profiles, [
      { id: 'prod', name: 'Prod', exchange: 'ex01.litwareinc.com', skype: 'pool01.litwareinc.com', authentication: 'credential', userName: 'LITWARE\\admin', forest: null },
    ]);
  });
  it('keeps the valid profiles of a damaged store and drops the rest', () => {
    const s = migrateConnections({
      version: 2,
      activeProfileId: 'x',
      profiles: [
        { id: 'ok', name: 'Ok', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', userName: null, forest: null },
        { id: 'BAD ID', name: '' },
      ],
    });
    assert.deepEqual(
      s.profiles.map((p) => p.id),
      ['ok'],
    );
  });
  it('starts empty on nothing', () => {
    assert.deepEqual(migrateConnections(undefined).profiles, []);
  });
});

describe('no secret in the settings file, the logs, a snapshot or any IPC answer', { skip: NO_PWSH }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-secrets-'));
  const settingsPath = join(dir, 'settings.json');
  const snapshotPath = join(dir, 'capture.umcsnap.json');
  const logLines: string[] = [];
  const answers: string[] = [];
  const services = createMainServices({
    root: ROOT,
    allowedOrigins: [ORIGIN],
    settings: fileSettingsStore(settingsPath),
    logger: jsonLogger((l) => logLines.push(l), 'debug'),
    powershell: labRuntime(),
    dialogs: { chooseSavePath: async () => snapshotPath, chooseOpenPath: async () => snapshotPath },
  });
  const inner = services.transportFor({ url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true });
  const recording: Transport = async (channel, payload) => {
    const answer = await inner(channel, payload);
    answers.push(JSON.stringify(answer));
    return answer;
  };
  const api = createApi(recording);
  after(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds', async () => {
    // A stored-credential profile against a real server address: the password goes to PowerShell
    // (on the host's stdin) when the session opens, and nowhere else.
    const v1 = await api.connections.save({
      profile: { name: 'Prod', exchange: 'ex01.litwareinc.com', skype: 'pool01.litwareinc.com', authentication: 'credential', userName: 'LITWARE\\umadmin', password: PASSWORD },
    });
    const prod = v1.profiles.find((p) => p.name === 'Prod')!;
    assert.equal(prod.hasSecret, true);
    await api.connections.connect({ id: prod.id });
    await waitFor(() => services.connections.shells().exchange?.status().state !== 'connecting', 60_000, 'the open attempt');
    await api.connections.list();

    // The lab profile: read the org, capture it to a file.
    const v2 = await api.connections.save({ profile: { name: 'Lab', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos' } });
    await api.connections.connect({ id: v2.profiles.find((p) => p.name === 'Lab')!.id });
    await waitFor(() => services.connections.shells().skype?.status().state === 'open' && services.connections.shells().exchange?.status().state === 'open', 60_000, 'the lab shells');
    const captured = await api.snapshot.capture();
    assert.equal(captured.path, snapshotPath);
    await api.connections.list();
    await api.connections.disconnect();

    const settingsText = readFileSync(settingsPath, 'utf8');
    assert.ok(settingsText.includes('LITWARE\\\\umadmin'), 'the settings file was written');
    assert.ok(JSON.parse(settingsText).secrets[prod.id], 'the secret is stored, encrypted');
    for (const [where, text] of [
      ['settings file', settingsText],
      ['logs', logLines.join('\n')],
      ['IPC answers', answers.join('\n')],
      ['snapshot', readFileSync(snapshotPath, 'utf8')],
    ] as const) {
      assert.ok(text.length > 0, `${where} is not empty`);
      assert.ok(!text.includes(PASSWORD), `no password in the ${where}`);
      assert.ok(!text.includes('Pa$$w0rd'), `no part of the password in the ${where}`);
    }
  });
});
