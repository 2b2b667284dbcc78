/**
 * `umc known-hosts` and what `umc capture` / `umc connect-test` say about a `lab+ssh://` host key:
 * an unknown host fails with its fingerprint and the command that approves it; approving (audited)
 * lets the capture through; list and remove. Real sshd on loopback, real PowerShell remoting for the
 * capture (test/support/powershell.ts), a user data folder of the test's own (UMC_USER_DATA).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { parseAuditLog } from '../../../../main/services/audit/audit-log';
import { auditLogPath, knownHostsPath } from '../../../../main/services/user-data';
import { ROOT } from '../../../support/paths';
import { NO_SSHD, startSshLab, type SshLab } from '../../../support/powershell';

const dir = mkdtempSync(join(tmpdir(), 'umc-cli-known-hosts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], data: string, locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env: { ...process.env, UMC_USER_DATA: data } });
  return { code, out, err };
}

describe('umc known-hosts: usage and input', () => {
  test('--help prints the usage (exit 0); no command prints it too (exit 2); the main usage names it', async () => {
    const data = join(dir, 'usage');
    const help = await run(['known-hosts', '--help'], data);
    assert.equal(help.code, 0);
    assert.match(help.out, /umc known-hosts approve HOST:PORT --fingerprint SHA256:/);
    assert.equal((await run(['known-hosts'], data)).code, 2);
    assert.match((await run(['known-hosts', '--help', '--lang', 'fr'], data)).out, /HÔTE:PORT/);
    assert.match((await run(['--help'], data)).out, /umc known-hosts list/);
  });

  test('bad input: one line naming what was wrong, exit 2, nothing written', async () => {
    const data = join(dir, 'bad');
    const cases: [string[], RegExp][] = [
      [['known-hosts', 'trust', 'h:22'], /unknown known-hosts command trust/],
      [['known-hosts', 'approve'], /known-hosts approve needs HOST:PORT/],
      [['known-hosts', 'approve', '127.0.0.1:22'], /needs --fingerprint SHA256:/],
      [['known-hosts', 'approve', '-oProxyCommand=x:22', '--fingerprint', `SHA256:${'A'.repeat(43)}`], /not a host name or IP address/],
      [['known-hosts', 'approve', '127.0.0.1:22', '--fingerprint', 'SHA256:nope'], /is not a host key fingerprint/],
      [['known-hosts', 'remove', '127.0.0.1:70000'], /70000 is not a port/],
      [['known-hosts', 'remove', '127.0.0.1:2222'], /no key is known for 127\.0\.0\.1:2222/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args, data);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^umc: [^\n]+\n$/, args.join(' '));
      assert.match(r.err, message, args.join(' '));
    }
    assert.equal(existsSync(knownHostsPath(data)), false);
    const list = await run(['known-hosts', 'list'], data);
    assert.equal(list.code, 0);
    assert.match(list.out, /no known host keys in /);
  });
});

describe('umc capture over lab+ssh:// with the console’s known-hosts file (real sshd, real pwsh)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  const data = join(dir, 'user-data');
  before(async () => {
    ssh = await startSshLab();
  });
  after(async () => {
    await ssh?.stop();
  });

  test('unknown host: refused with the fingerprint and the approve command; approve; capture succeeds; list; remove', async () => {
    const fingerprint = execFileSync('ssh-keygen', ['-lf', ssh.hostKeyFile], { encoding: 'utf8' }).split(' ')[1]!;
    const out = join(dir, 'capture.umcsnap.json');
    const capture = ['capture', '--exchange', 'lab:', '--skype', ssh.endpoint, '--ssh-key', ssh.keyFile, '--out', out];

    const refused = await run(capture, data);
    assert.equal(refused.code, 2, refused.err);
    const lines = refused.err.trimEnd().split('\n');
    assert.equal(lines.length, 2, refused.err);
    assert.equal(lines[0]!.startsWith(`umc: The host key of 127.0.0.1:${ssh.port} is not known: ${fingerprint} (ED25519).`), true, lines[0]);
    assert.equal(lines[1], `umc: to approve it: umc known-hosts approve 127.0.0.1:${ssh.port} --fingerprint ${fingerprint}`);
    assert.equal(existsSync(out), false);

    // The command the refusal printed, as the admin would paste it.
    const approve = await run(lines[1]!.replace(/^umc: to approve it: umc /, '').split(' '), data);
    assert.equal(approve.code, 0, approve.err);
    assert.match(approve.out, new RegExp(`^approved ${fingerprint.replace(/[+/]/g, '\\$&')} \\(ED25519\\) for 127\\.0\\.0\\.1:${ssh.port} in `));
    const [type, blob] = readFileSync(ssh.hostKeyFile, 'utf8').trim().split(' ');
    assert.equal(readFileSync(knownHostsPath(data), 'utf8'), `[127.0.0.1]:${ssh.port} ${type} ${blob}\n`);
    const audit = parseAuditLog(readFileSync(auditLogPath(data)));
    assert.deepEqual(
      audit.entries.map((e) => `${e.cmdlet} ${e.outcome}`),
      ['Approve-SshHostKey applied'],
    );

    const captured = await run(capture, data);
    assert.equal(captured.code, 0, captured.err);
    assert.ok(existsSync(out));

    const list = await run(['known-hosts', 'list', '--json'], data);
    assert.deepEqual(JSON.parse(list.out).keys, [{ host: '127.0.0.1', port: ssh.port, type, fingerprint }]);

    const removed = await run(['known-hosts', 'remove', `127.0.0.1:${ssh.port}`], data);
    assert.equal(removed.code, 0, removed.err);
    assert.match(removed.out, /^removed 1 key of 127\.0\.0\.1:\d+ from /);
    assert.equal(readFileSync(knownHostsPath(data), 'utf8'), '');
  });

  test('connect-test names the approve command too', async () => {
    const other = join(dir, 'user-data-connect-test');
    const r = await run(['connect-test', '--exchange', 'lab:', '--skype', ssh.endpoint, '--ssh-key', ssh.keyFile], other);
    assert.match(r.out, /is not known: SHA256:/);
    assert.match(r.err, new RegExp(`^umc: to approve it: umc known-hosts approve 127\\.0\\.0\\.1:${ssh.port} --fingerprint SHA256:`, 'm'));
  });
});
