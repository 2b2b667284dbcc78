/**
 * The host-key channels as the renderer reaches them (the in-memory transport into the real dispatcher):
 * the schema refuses what is not a host, a port or a fingerprint before any handler runs; approve and
 * remove are write channels (refused while a helpdesk profile is active) and audited; the Connections
 * view carries the refused key so the screen can offer Approve. Real sshd on loopback, real pwsh.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../main/compose';
import { memorySettingsStore } from '../../../../main/services/ports';
import { parseAuditLog } from '../../../../main/services/audit/audit-log';
import { ROOT } from '../../../support/paths';
import { labRuntime, NO_PWSH, NO_SSHD, startSshLab, type SshLab } from '../../../support/powershell';
import { waitFor } from '../../../support/live';
import type { KnownHostKeyView } from '../../../../shared/connections/known-host';

const ORIGIN = 'app://umc';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true };

function servicesIn(dir: string, sshKeyFile?: string): MainServices {
  return createMainServices({
    root: ROOT,
    allowedOrigins: [ORIGIN],
    settings: memorySettingsStore(),
    userLabPath: join(dir, 'lab.json'),
    auditPath: join(dir, 'audit.jsonl'),
    powershell: labRuntime({ knownHostsFile: join(dir, 'known_hosts'), ...(sshKeyFile ? { sshKeyFile } : {}), backoff: { initialMs: 100, maxMs: 100, maxAttempts: 1 } }),
  });
}

describe('connections.approveHostKey / removeHostKey / knownHosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-kh-channels-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the schema refuses a host that is an option or a pattern, a bad port, a bad fingerprint: no handler runs', async () => {
    const services = servicesIn(join(dir, 'schema'));
    try {
      const t = services.transportFor(sender);
      const fp = `SHA256:${'A'.repeat(43)}`;
      for (const payload of [
        { host: '-oProxyCommand=x', port: 22, fingerprint: fp },
        { host: '*', port: 22, fingerprint: fp },
        { host: 'h', port: 0, fingerprint: fp },
        { host: 'h', port: 22, fingerprint: 'SHA256:x' },
        { host: 'h', port: 22, fingerprint: fp, extra: 1 },
      ]) {
        const r = await t('connections.approveHostKey', payload as never);
        assert.equal(r.ok, false, JSON.stringify(payload));
        assert.equal(!r.ok && r.error.code, 'invalid-payload', JSON.stringify(payload));
      }
      assert.equal(existsSync(join(dir, 'schema', 'known_hosts')), false);
    } finally {
      await services.dispose();
    }
  });

  it('a helpdesk profile active: approve and remove are refused by the main process', { skip: NO_PWSH }, async () => {
    const services = servicesIn(join(dir, 'helpdesk'));
    try {
      const t = services.transportFor(sender);
      await services.connections.save({ name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' });
      await services.connections.connect((await services.connections.view('en')).profiles[0]!.id);
      const approve = await t('connections.approveHostKey', { host: '127.0.0.1', port: 2222, fingerprint: `SHA256:${'A'.repeat(43)}` });
      const remove = await t('connections.removeHostKey', { host: '127.0.0.1', port: 2222 });
      for (const r of [approve, remove]) assert.equal(!r.ok && r.error.code, 'forbidden', JSON.stringify(r));
    } finally {
      await services.dispose();
    }
  });
});

describe('the Connections view offers the refused key; approving it through the channel opens the shell (real sshd, real pwsh)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  const dir = mkdtempSync(join(tmpdir(), 'umc-kh-view-'));
  before(async () => {
    ssh = await startSshLab();
  });
  after(async () => {
    await ssh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refused → view.hostKey → approveHostKey (audited) → connect opens → removeHostKey', async () => {
    const services = servicesIn(dir, ssh.keyFile);
    try {
      const t = services.transportFor(sender);
      const fingerprint = execFileSync('ssh-keygen', ['-lf', ssh.hostKeyFile], { encoding: 'utf8' }).split(' ')[1]!;
      await services.connections.save({ name: 'SSH lab', exchange: 'lab:', skype: ssh.endpoint, authentication: 'kerberos' });
      const id = (await services.connections.view('en')).profiles[0]!.id;
      await services.connections.connect(id);
      await waitFor(() => services.connections.shells().skype?.status().state === 'broken', 60_000, 'the skype shell refused');
      const skype = (await services.connections.view('en')).shells.find((s) => s.shell === 'skype')!;
      assert.deepEqual(skype.hostKey, { kind: 'unknown', host: '127.0.0.1', port: ssh.port, fingerprint });
      assert.match(skype.lastError ?? '', /is not known: SHA256:.+ \(ED25519\)/);
      assert.equal(skype.attempt, 0, 'not retried: it waits for the admin');

      const approved = await t('connections.approveHostKey', { host: '127.0.0.1', port: ssh.port, fingerprint });
      assert.ok(approved.ok, JSON.stringify(approved));
      const listed = await t('connections.knownHosts', undefined);
      assert.deepEqual(listed.ok && (listed.value as readonly KnownHostKeyView[]).map((k) => [k.host, k.port, k.fingerprint]), [['127.0.0.1', ssh.port, fingerprint]]);
      await services.connections.connect(id);
      await waitFor(() => services.connections.shells().skype?.status().state === 'open', 120_000, 'the skype shell open');
      assert.equal((await services.connections.view('en')).shells.find((s) => s.shell === 'skype')!.hostKey, undefined);
      await services.connections.disconnect();

      const removed = await t('connections.removeHostKey', { host: '127.0.0.1', port: ssh.port });
      assert.deepEqual(removed.ok && removed.value, { removed: 1 });
      const audit = parseAuditLog(readFileSync(join(dir, 'audit.jsonl')));
      assert.deepEqual(
        audit.entries.map((e) => `${e.cmdlet} ${e.outcome}`).reverse(), // newest first
        ['Approve-SshHostKey applied', 'Remove-SshHostKey applied'],
      );
    } finally {
      await services.dispose();
    }
  });
});
