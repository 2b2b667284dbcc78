/**
 * The Connections screen's profile protections in Debian's Chromium (docs/live-sessions.md, "Secrets at
 * rest" and "Roles and the policy file"): on a machine whose key store cannot keep a password (Linux
 * without a keyring: Electron's fixed-key basic_text) the password field says why and takes nothing; with
 * the policy file pinning helpdesk the role field says why, Administrator cannot be chosen, and a save the
 * page sends with role admin anyway is refused by the main process. No PowerShell runs.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { processMemoryCipher } from '../../main/services/secret-store';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

describe('Connections: no keyring, and a policy pinning helpdesk', () => {
  let s: ConsoleSession;
  const dir = mkdtempSync(join(tmpdir(), 'umc-browser-protect-'));
  const policy = join(dir, 'policy.json');

  before(async () => {
    writeFileSync(policy, '{ "version": 1, "role": "helpdesk" }');
    const memory = processMemoryCipher();
    s = await openConsole({
      locale: 'en-US',
      powershell: { executable: null },
      secretCipher: { unavailable: () => 'no-keyring', encrypt: (p) => memory.encrypt(p), decrypt: (b) => memory.decrypt(b) },
      rolePolicyFile: policy,
    });
    await s.page.getByTestId('nav-connections').click();
    await s.page.getByTestId('connections-screen').waitFor();
  });
  after(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the form says why no password can be kept and why the profile cannot be admin', async () => {
    const { page } = s;
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-auth').selectOption('credential');
    const note = page.getByTestId('profile-password-unavailable');
    await note.waitFor();
    assert.match(await note.innerText(), /no keyring.*gnome-keyring.*KWallet/s);
    assert.equal(await page.getByTestId('profile-password').isDisabled(), true);
    assert.match(await page.getByTestId('profile-role-locked').innerText(), /pins this console to the helpdesk role/);
    await page.getByRole('combobox', { name: 'Role' }).click();
    assert.equal(await page.getByRole('option', { name: 'Administrator' }).getAttribute('aria-disabled'), 'true');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(SCREENS, 'connections-profile-protections.png') });
  });

  test('a save the page sends with role admin is refused by the main process, and nothing is stored', async () => {
    const message = await s.page.evaluate(() =>
      (window as any).umc.connections.save({ profile: { name: 'Lifted', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'admin' } }).then(
        () => 'saved',
        (e: Error) => e.message,
      ),
    );
    assert.ok(message.includes(`The policy file ${policy}`), message);
    assert.equal((await s.services.connections.view('en')).profiles.length, 0);
    assert.deepEqual(s.errors, []);
  });
});
