/**
 * The Connections screen when a `lab+ssh://` server's host key is not known, then changed (Debian's
 * Chromium, the real main-process services, real PowerShell remoting over a real sshd on loopback):
 * the shell card says so with the fingerprint; Approve asks with the exact fingerprint, then the shell
 * opens; a changed key is refused as a possible man-in-the-middle until the old key is removed.
 * Screenshots in test-results/screens/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { labRuntime, NO_SSHD, type SshLab, startSshLab } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

describe('Connections: SSH host keys of lab+ssh:// (real sshd, real PowerShell)', { skip: NO_SSHD }, () => {
  let s: ConsoleSession;
  let ssh: SshLab;
  const dir = mkdtempSync(join(tmpdir(), 'umc-browser-known-hosts-'));
  const knownHosts = join(dir, 'UM Integration Console', 'known_hosts');

  before(async () => {
    ssh = await startSshLab();
    s = await openConsole({
      locale: 'en-US',
      powershell: labRuntime({ sshKeyFile: ssh.keyFile, knownHostsFile: knownHosts, heartbeatMs: 0, backoff: { initialMs: 500, maxMs: 500, maxAttempts: 1 } }),
    });
    await s.page.getByTestId('nav-connections').click();
    await s.page.getByTestId('connections-screen').waitFor();
  });
  after(async () => {
    await s?.close();
    await ssh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const skypeCard = () => s.page.locator('[data-testid="shell-card"][data-shell="skype"]');

  test('unknown key: the card shows the fingerprint; Approve asks with it; the shell then opens', async () => {
    const fingerprint = execFileSync('ssh-keygen', ['-lf', ssh.hostKeyFile], { encoding: 'utf8' }).split(' ')[1]!;
    await s.page.getByTestId('profile-add').click();
    await s.page.getByTestId('profile-name').fill('Lab over SSH');
    await s.page.getByTestId('profile-exchange').fill('lab:');
    await s.page.getByTestId('profile-skype').fill(ssh.endpoint);
    await s.page.getByTestId('profile-save').click();
    await s.page.getByTestId('profile-form').waitFor({ state: 'detached' });
    const row = s.page.locator('[data-testid="profile-row"]', { hasText: 'Lab over SSH' });
    await row.getByTestId('connect').click();

    await s.page.waitForSelector('[data-testid="shell-card"][data-shell="skype"][data-state="broken"] [data-testid="host-key"][data-kind="unknown"]', { timeout: 120_000 });
    const error = await skypeCard().getByTestId('shell-error').innerText();
    assert.ok(error.includes(`The host key of 127.0.0.1:${ssh.port} is not known: ${fingerprint} (ED25519).`), error);
    await s.page.screenshot({ path: join(SCREENS, 'connections-host-key-unknown.png') });

    await skypeCard().getByTestId('host-key-approve').click();
    const question = await s.page.getByTestId('host-key-question').innerText();
    assert.ok(question.includes(fingerprint) && question.includes(`127.0.0.1:${ssh.port}`), question);
    await s.page.screenshot({ path: join(SCREENS, 'connections-host-key-approve.png') });
    await s.page.getByTestId('host-key-confirm').click();
    // Approved, then the profile connects again by itself.
    await s.page.waitForSelector('[data-testid="shell-card"][data-shell="skype"][data-state="open"]', { timeout: 180_000 });
    assert.equal(await skypeCard().getByTestId('host-key').count(), 0);
    const [type, blob] = readFileSync(ssh.hostKeyFile, 'utf8').trim().split(' ');
    assert.equal(readFileSync(knownHosts, 'utf8'), `[127.0.0.1]:${ssh.port} ${type} ${blob}\n`);
  });

  test('changed key: refused as a possible man-in-the-middle; Remove the old key, then the new one is offered', async () => {
    await s.page.getByTestId('disconnect').click();
    await s.page.waitForSelector('[data-testid="shell-card"][data-state="open"]', { state: 'detached', timeout: 60_000 });
    // The known entry now names another key: to the console, the server's key changed.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
    const [type, blob] = readFileSync(join(dir, 'other.pub'), 'utf8').split(' ');
    writeFileSync(knownHosts, `[127.0.0.1]:${ssh.port} ${type} ${blob}\n`);
    const row = s.page.locator('[data-testid="profile-row"]', { hasText: 'Lab over SSH' });
    await row.getByTestId('connect').click();
    await s.page.waitForSelector('[data-testid="shell-card"][data-shell="skype"][data-state="broken"] [data-testid="host-key"][data-kind="changed"]', { timeout: 120_000 });
    assert.match(await skypeCard().getByTestId('shell-error').innerText(), /changed \(was SHA256:.+, now SHA256:.+\): possible man-in-the-middle/);
    await s.page.screenshot({ path: join(SCREENS, 'connections-host-key-changed.png') });

    await skypeCard().getByTestId('host-key-remove').click();
    await s.page.getByTestId('host-key-confirm').click();
    // Removed, then the profile connects again by itself: the server's key is offered for approval.
    await s.page.waitForSelector('[data-testid="shell-card"][data-shell="skype"][data-state="broken"] [data-testid="host-key"][data-kind="unknown"]', { timeout: 120_000 });
    assert.equal(readFileSync(knownHosts, 'utf8'), '');
    await s.page.getByTestId('disconnect').click();
    assert.deepEqual(s.errors, []);
  });
});
