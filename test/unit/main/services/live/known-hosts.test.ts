/**
 * The console's SSH known-hosts file (main/services/live/known-hosts.ts) and the `lab+ssh://` open that
 * uses it: trust on first use with an explicit approval bound to the fingerprint the admin saw, then
 * strict checking; a changed key is refused as a possible man-in-the-middle and never replaced.
 * Real sshd on loopback, real ssh-keyscan / ssh-keygen, real PowerShell remoting over SSH
 * (test/support/powershell.ts); without them the tests say why they skip.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderMessage, UserError } from '../../../../../shared/i18n/translate';
import { createAuditLog } from '../../../../../main/services/audit/audit-log';
import {
  checkedHost,
  createKnownHosts,
  fingerprintOf,
  HOST_KEY_CHANGED,
  HOST_KEY_UNKNOWN,
  type HostKey,
  HostKeyRefusal,
  type HostKeyScanner,
  parseHostPort,
  parseKeyLines,
  sshKeyscan,
} from '../../../../../main/services/live/known-hosts';
import { systemClock } from '../../../../../main/ports';
import { classifyOpenFailure } from '../../../../../main/powershell/shell-session';
import { labProfile, liveService } from '../../../../support/live';
import { NO_SSHD, startSshLab, type SshLab } from '../../../../support/powershell';

const keyOf = (e: unknown) => (e instanceof UserError ? e.detail.key : String(e));
const paramsOf = (e: unknown) => (e instanceof UserError ? (e.detail.params ?? {}) : {}) as Record<string, string>;

/** ssh-keygen's own fingerprint of a public key file: the reference the console's must equal. */
function sshKeygenFingerprint(pubFile: string): { fingerprint: string; label: string } {
  const [, fingerprint, ...rest] = execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).trim().split(' ');
  return { fingerprint: fingerprint!, label: rest[rest.length - 1]!.replace(/[()]/g, '') };
}

/** Another ed25519 key, as a MITM's server would present it. */
function otherKey(dir: string): HostKey {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
  const [type, blob] = readFileSync(join(dir, 'other.pub'), 'utf8').split(' ');
  return { type: type!, blob: blob!, fingerprint: fingerprintOf(blob!), label: 'ED25519' };
}

/** pwsh processes this test process started and that still run (the hosts must all be gone). */
function ownPwsh(): string[] {
  const r = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /pwsh|dotnet/.test(l));
}

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'umc-known-hosts-'));
  const audit = createAuditLog({ path: join(dir, 'audit.jsonl'), clock: systemClock });
  // A space in the path, as in the user data folder ("UM Integration Console"): ssh_config splits unquoted values on whitespace.
  return { dir, file: join(dir, 'UM Integration Console', 'known_hosts'), audit, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('host and fingerprint input is data, checked before any process runs', () => {
  const never: HostKeyScanner = async () => {
    throw new Error('the scanner must not run for a refused host');
  };

  it('refuses what ssh-keyscan would read as an option, a pattern or a list', async () => {
    const s = scratch();
    try {
      const kh = createKnownHosts({ path: s.file, audit: s.audit, scan: never });
      for (const host of ['-oProxyCommand=touch /tmp/x', '-p1', 'a b', '*', 'host,other', 'h\nx', '', '[::1]', 'a..b', 'é.example']) {
        assert.throws(
          () => checkedHost(host),
          (e) => keyOf(e) === 'knownHosts.error.host',
          host,
        );
        await assert.rejects(kh.verify(host, 22), (e) => keyOf(e) === 'knownHosts.error.host', host);
        await assert.rejects(kh.approve(host, 22, `SHA256:${'A'.repeat(43)}`), (e) => keyOf(e) === 'knownHosts.error.host', host);
      }
      for (const port of [0, 65536, 1.5, Number.NaN]) await assert.rejects(kh.verify('127.0.0.1', port), (e) => keyOf(e) === 'knownHosts.error.port', String(port));
      for (const fp of ['', 'SHA256:short', `MD5:${'a'.repeat(43)}`, `SHA256:${'A'.repeat(42)}=`, `SHA256:${'A'.repeat(43)} `])
        await assert.rejects(kh.approve('127.0.0.1', 22, fp), (e) => keyOf(e) === 'knownHosts.error.fingerprint', fp);
      assert.equal(existsSync(s.file), false, 'nothing was written');
    } finally {
      s.dispose();
    }
  });

  it('a refusal waits for the admin: never read as a network failure to retry, whatever its fingerprints hold', async () => {
    // A fingerprint is base64: it can hold "ssh" or "401" between word boundaries, which the open's classifier reads as reasons.
    const refusal = new HostKeyRefusal({ key: HOST_KEY_UNKNOWN, params: { host: 'h:22', hostName: 'h', port: 22, fingerprints: 'SHA256:a+ssh/401+refused (ED25519)', fingerprint: 'SHA256:a' } });
    assert.equal(classifyOpenFailure(refusal), 'host-key');
    // ssh's own refusal (the key changed between the check and the open) is not retried either.
    assert.equal(classifyOpenFailure(new Error('ssh: Host key verification failed.')), 'host-key');
    assert.match(renderMessage('en', refusal.detail), /SHA256:a\+ssh\/401\+refused/);
    await assert.rejects(sshKeyscan('/nonexistent/ssh-keyscan')('127.0.0.1', 22), (e) => e instanceof HostKeyRefusal && keyOf(e) === 'knownHosts.error.noKeyscan');
    assert.equal(classifyOpenFailure(await sshKeyscan('/nonexistent/ssh-keyscan')('127.0.0.1', 22).catch((e: unknown) => e)), 'host-key');
  });

  it('HOST:PORT as the CLI takes it', () => {
    assert.deepEqual(parseHostPort('127.0.0.1:2222'), { host: '127.0.0.1', port: 2222 });
    assert.deepEqual(parseHostPort('Lab.Example.com'), { host: 'lab.example.com', port: 22 });
    assert.deepEqual(parseHostPort('[::1]:2222'), { host: '::1', port: 2222 });
    for (const bad of ['127.0.0.1:', ':22', 'a:b:c', '-x:22', 'h:99999']) assert.throws(() => parseHostPort(bad), UserError, bad);
  });

  it('reads only plain key lines: comments, markers, hashed and malformed lines are skipped', () => {
    const blob = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    const lines = parseKeyLines(
      ['# comment', '@cert-authority * ssh-ed25519 ' + blob, '|1|abc=|def= ssh-ed25519 ' + blob, 'host ssh-ed25519', 'host bogus-type ' + blob, `[H]:2222 ssh-ed25519 ${blob} c`].join('\n'),
    );
    assert.deepEqual(
      lines.map((l) => l.field),
      ['[h]:2222'],
    );
  });
});

describe('the known-hosts file against a real sshd (ssh-keyscan, ssh-keygen)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  before(async () => {
    ssh = await startSshLab();
  });
  after(async () => {
    await ssh?.stop();
  });

  it("fingerprints are ssh-keygen's (SHA256 of the key blob)", async () => {
    const keys = await sshKeyscan()('127.0.0.1', ssh.port);
    const reference = sshKeygenFingerprint(ssh.hostKeyFile);
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!.fingerprint, reference.fingerprint);
    assert.equal(keys[0]!.label, reference.label);
  });

  it('approve writes exactly the scanned key line (mode 0600) and audits the intent and the outcome', async () => {
    const s = scratch();
    try {
      const kh = createKnownHosts({ path: s.file, audit: s.audit, operator: () => 'tester' });
      const { fingerprint } = sshKeygenFingerprint(ssh.hostKeyFile);
      const entry = await kh.approve('127.0.0.1', ssh.port, fingerprint);
      const [type, blob] = readFileSync(ssh.hostKeyFile, 'utf8').trim().split(' ');
      assert.equal(readFileSync(s.file, 'utf8'), `[127.0.0.1]:${ssh.port} ${type} ${blob}\n`);
      assert.equal(statSync(s.file).mode & 0o777, 0o600);
      assert.equal(entry.fingerprint, fingerprint);
      assert.deepEqual(
        (await kh.list()).map((e) => [e.host, e.port, e.fingerprint]),
        [['127.0.0.1', ssh.port, fingerprint]],
      );
      const log = await s.audit.read();
      assert.equal(log.entries.length, 1);
      const r = log.entries[0]!;
      assert.equal(r.cmdlet, 'Approve-SshHostKey');
      assert.equal(r.outcome, 'applied');
      assert.equal(r.operator, 'tester');
      assert.deepEqual(r.parameters.find((p) => p.name === 'Fingerprint')?.value, fingerprint);
      // Approving the same key again changes nothing (and writes no audit entry).
      await kh.approve('127.0.0.1', ssh.port, fingerprint);
      assert.equal(readFileSync(s.file, 'utf8').split('\n').filter(Boolean).length, 1);
      assert.equal((await s.audit.read()).entries.length, 1);
      await kh.verify('127.0.0.1', ssh.port);
    } finally {
      s.dispose();
    }
  });

  it('(E4) an approval whose fingerprint the server no longer presents is refused; nothing is written', async () => {
    const s = scratch();
    try {
      const kh = createKnownHosts({ path: s.file, audit: s.audit });
      const stale = otherKey(s.dir).fingerprint;
      await assert.rejects(kh.approve('127.0.0.1', ssh.port, stale), (e) => {
        assert.equal(keyOf(e), 'knownHosts.error.stale');
        assert.equal(paramsOf(e).fingerprint, stale);
        assert.match(paramsOf(e).now ?? '', new RegExp(sshKeygenFingerprint(ssh.hostKeyFile).fingerprint.replace(/[+/]/g, '\\$&')));
        return true;
      });
      assert.equal(existsSync(s.file), false);
      assert.equal((await s.audit.read()).entries.length, 0);
    } finally {
      s.dispose();
    }
  });

  it('a changed key: verify refuses it as changed (was, now); approve refuses until the old key is removed (audited)', async () => {
    const s = scratch();
    try {
      const kh = createKnownHosts({ path: s.file, audit: s.audit });
      const old = otherKey(s.dir);
      const { fingerprint } = sshKeygenFingerprint(ssh.hostKeyFile);
      const keep = `other.example ${old.type} ${old.blob}\n`;
      mkdirSync(join(s.dir, 'UM Integration Console'));
      writeFileSync(s.file, `${keep}[127.0.0.1]:${ssh.port} ${old.type} ${old.blob}\n`);
      await assert.rejects(kh.verify('127.0.0.1', ssh.port), (e) => {
        assert.equal(keyOf(e), HOST_KEY_CHANGED);
        assert.equal(paramsOf(e).was, `${old.fingerprint} (ED25519)`);
        assert.equal(paramsOf(e).now, `${fingerprint} (ED25519)`);
        assert.match(renderMessage('en', (e as UserError).detail), /changed \(was SHA256:.+, now SHA256:.+\): possible man-in-the-middle/);
        return true;
      });
      await assert.rejects(kh.approve('127.0.0.1', ssh.port, fingerprint), (e) => keyOf(e) === 'knownHosts.error.removeFirst');
      assert.equal(await kh.remove('127.0.0.1', ssh.port), 1);
      assert.equal(readFileSync(s.file, 'utf8'), keep, 'only that host’s line went');
      await assert.rejects(kh.verify('127.0.0.1', ssh.port), (e) => keyOf(e) === HOST_KEY_UNKNOWN);
      await kh.approve('127.0.0.1', ssh.port, fingerprint);
      await kh.verify('127.0.0.1', ssh.port);
      assert.deepEqual((await s.audit.read()).entries.map((r) => `${r.cmdlet} ${r.outcome}`).reverse(), ['Remove-SshHostKey applied', 'Approve-SshHostKey applied']);
      await assert.rejects(kh.remove('other.example', 2222), (e) => keyOf(e) === 'knownHosts.error.notKnown');
    } finally {
      s.dispose();
    }
  });
});

describe('lab+ssh:// through the connections service: strict host keys (real pwsh, real sshd on loopback)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  const s = scratch();
  before(async () => {
    ssh = await startSshLab();
  });
  after(async () => {
    await ssh?.stop();
    s.dispose();
    assert.deepEqual(ownPwsh(), [], 'no PowerShell host left running');
  });

  it('(E1) an empty known-hosts file: the connection is refused with the server’s fingerprint, before any SSH session', async () => {
    const live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: s.file });
    try {
      await assert.rejects(live.service.connectAndWait(labProfile('lab:', ssh.endpoint)), (e) => {
        assert.equal(keyOf(e), HOST_KEY_UNKNOWN, String(e));
        const { fingerprint, label } = sshKeygenFingerprint(ssh.hostKeyFile);
        assert.equal(paramsOf(e).fingerprint, fingerprint);
        assert.equal(paramsOf(e).host, `127.0.0.1:${ssh.port}`);
        assert.equal(renderMessage('en', (e as UserError).detail).startsWith(`The host key of 127.0.0.1:${ssh.port} is not known: ${fingerprint} (${label}).`), true);
        return true;
      });
      assert.equal(ssh.sessionPids().length, 0, 'no SSH session was opened');
      assert.equal(existsSync(s.file), false, 'nothing was trusted on the way');
    } finally {
      await live.service.dispose();
    }
  });

  it('(E1b) ssh itself checks strictly: a key the file does not hold is refused even when the pre-check is fooled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-kh-strict-'));
    const fake = otherKey(dir);
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[127.0.0.1]:${ssh.port} ${fake.type} ${fake.blob}\n`);
    // A scanner that lies (as a MITM between the scan and the connection would): it reports the known key.
    const live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: file, hostKeyScanner: async () => [fake], backoff: { initialMs: 50, maxMs: 50, maxAttempts: 1 } });
    try {
      await assert.rejects(live.service.connectAndWait(labProfile('lab:', ssh.endpoint)), (e) => {
        assert.match(renderMessage('en', (e as UserError).detail), /Host key verification failed/, String(e));
        return true;
      });
      assert.equal(readFileSync(file, 'utf8'), `[127.0.0.1]:${ssh.port} ${fake.type} ${fake.blob}\n`, 'ssh added or replaced nothing');
    } finally {
      await live.service.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('(E2) approving the fingerprint the refusal showed: the session opens and objects cross real remoting', async () => {
    const live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: s.file });
    try {
      const refused = await live.service.connectAndWait(labProfile('lab:', ssh.endpoint)).then(
        () => assert.fail('connected to an unknown host'),
        (e: unknown) => e,
      );
      await createKnownHosts({ path: s.file, audit: s.audit }).approve('127.0.0.1', ssh.port, paramsOf(refused).fingerprint!);
      await live.service.connectAndWait(labProfile('lab:', ssh.endpoint));
      const pools = await live.service.shells().skype!.call('Get-CsPool', {}, { mode: 'read' });
      assert.equal((pools.objects[0] as Record<string, unknown>).PSComputerName, '127.0.0.1');
      await live.service.disconnect();
      for (let i = 0; i < 200 && ssh.sessionPids().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(ssh.sessionPids().length, 0, 'the remote session was removed');
    } finally {
      await live.service.dispose();
    }
  });

  it('(E3) the entry rewritten to another key: refused as changed, never replaced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-kh-changed-'));
    const old = otherKey(dir);
    const file = join(dir, 'known_hosts');
    const text = `[127.0.0.1]:${ssh.port} ${old.type} ${old.blob}\n`;
    writeFileSync(file, text);
    const live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: file });
    try {
      await assert.rejects(live.service.connectAndWait(labProfile('lab:', ssh.endpoint)), (e) => {
        assert.equal(keyOf(e), HOST_KEY_CHANGED, String(e));
        assert.equal(paramsOf(e).was, `${old.fingerprint} (ED25519)`);
        assert.equal(paramsOf(e).now, `${sshKeygenFingerprint(ssh.hostKeyFile).fingerprint} (ED25519)`);
        return true;
      });
      assert.equal(readFileSync(file, 'utf8'), text);
      assert.equal(ssh.sessionPids().length, 0);
    } finally {
      await live.service.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
