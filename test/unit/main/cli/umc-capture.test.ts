/**
 * `umc capture` against real PowerShell: the lab endpoint in the local host, and over SSH remoting
 * for the failures a server can cause (unreachable, refused credentials). Every failure: exit 2,
 * one line on stderr, nothing at --out (not even a temporary file).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { CapturePhase } from '../../../../main/cli/capture';
import { runCli } from '../../../../main/cli/umc';
import { powerShellAssets } from '../../../../main/powershell/powershell-locator';
import { ROOT } from '../../../support/paths';
import { freePort, NO_PWSH, NO_SSHD, startSshLab } from '../../../support/powershell';

const dir = mkdtempSync(join(tmpdir(), 'umc-capture-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const outFile = () => join(dir, `snap-${++n}.umcsnap.json`);

interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly locale?: string;
  readonly signal?: AbortSignal;
  readonly onPhase?: (p: CapturePhase) => void;
}

async function run(args: string[], o: RunOptions = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    root: ROOT,
    locale: o.locale ?? 'en-US',
    env: { ...process.env, ...o.env },
    signal: o.signal,
    onPhase: o.onPhase,
  });
  return { code, out, err };
}

/** Nothing at the path, and no temporary file next to it. */
function assertNoFile(path: string) {
  assert.equal(existsSync(path), false, `${path} must not exist`);
  const leftovers = existsSync(dirname(path)) ? readdirSync(dirname(path)).filter((f) => f.startsWith(basename(path))) : [];
  assert.deepEqual(leftovers, [], 'no partial file');
}

function assertOneLine(r: { code: number; out: string; err: string }, message: RegExp) {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^umc: [^\n]+\n$/, 'exactly one line on stderr');
  assert.match(r.err.trimEnd(), message);
  assert.doesNotMatch(r.err, /\n\s+at |UserError|PowerShellError/);
}

type Report = { source: { kind: string }; findings: { rule: string; objects: { kind: string; id: string }[] }[] };
const keyed = (r: Report) => r.findings.map((f) => `${f.rule} ${f.objects.map((o) => `${o.kind}:${o.id}`).join(',')}`).sort();

/** The direct child processes of a pid (the project's pwsh is a .NET tool shim running `dotnet pwsh.dll` as its child). */
function children(pid: number): number[] {
  return spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
}
/** Running (a zombie, which runs nothing, does not count: this container's pid 1 may not reap orphans). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return process.platform !== 'linux';
    } catch {
      return false;
    }
  }
};
async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return what();
}

describe('umc capture --endpoint lab', { skip: NO_PWSH }, () => {
  test('writes a snapshot that checks exactly like the lab; one summary line on stdout', async () => {
    const out = outFile();
    const r = await run(['capture', '--endpoint', 'lab', '--out', out]);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Captured [\d,]+ objects in \d+ calls, [\d.]+ s: .+\n$/);
    assert.ok(r.out.trimEnd().endsWith(out));
    assertNoFile(`${out}.`); // no temporary file beside it
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(snapshot.source.kind, 'live');

    const fromFile = await run(['check', '--snapshot', out, '--json']);
    const lab = await run(['check', '--lab', '--json']);
    assert.equal(fromFile.err, '');
    assert.equal(fromFile.code, lab.code);
    const a = JSON.parse(fromFile.out) as Report;
    const b = JSON.parse(lab.out) as Report;
    assert.equal(a.source.kind, 'snapshot');
    assert.equal(b.source.kind, 'lab');
    assert.ok(b.findings.length >= 12);
    assert.deepEqual(keyed(a), keyed(b));
  });

  // The PowerShell processes of the interrupted capture: the hosts Node started (the pwsh shim) and
  // what each runs (`dotnet pwsh.dll`, a grandchild).
  let interruptedHosts: { hosts: number[]; shells: number[] } = { hosts: [], shells: [] };

  test('interrupted (SIGINT) while reading: sessions closed, exit 130, one line, no file', async () => {
    const out = outFile();
    const fault = join(dir, 'slow.json');
    writeFileSync(fault, JSON.stringify({ 'Get-OrganizationConfig': { delayMs: 30_000 } }));
    const interrupt = new AbortController();
    const before = new Set(children(process.pid));
    const t0 = Date.now();
    const r = await run(['capture', '--endpoint', 'lab', '--out', out], {
      env: { UMC_LAB_FAULT_FILE: fault },
      signal: interrupt.signal,
      onPhase: (p) => {
        if (p !== 'reading') return;
        const hosts = children(process.pid).filter((x) => !before.has(x));
        interruptedHosts = { hosts, shells: hosts.flatMap(children) };
        // The first read (Get-OrganizationConfig) now hangs in PowerShell.
        setTimeout(() => interrupt.abort(), 500);
      },
    });
    assert.equal(r.code, 130);
    assert.equal(r.out, '');
    assert.match(r.err, /^umc: interrupted: the sessions were closed and no file was written\n$/);
    assert.ok(Date.now() - t0 < 25_000, 'did not wait for the hung call');
    assertNoFile(out);
    assert.equal(interruptedHosts.hosts.length, 2, 'two PowerShell hosts ran');
    assert.deepEqual(interruptedHosts.hosts.filter(alive), [], 'the host processes have ended');
  });

  test(
    'no PowerShell keeps running after the interrupted capture',
    async () => {
      assert.ok(interruptedHosts.shells.length > 0);
      assert.ok(await until(() => interruptedHosts.shells.every((p) => !alive(p)), 5_000), `left running: ${interruptedHosts.shells.filter(alive)}`);
    },
  );
});

describe('umc capture failures: exit 2, one line on stderr, no file', () => {
  test('PowerShell missing (UMC_PWSH=/nonexistent)', async () => {
    const out = outFile();
    const r = await run(['capture', '--endpoint', 'lab', '--out', out], { env: { UMC_PWSH: '/nonexistent' } });
    assertOneLine(r, /^umc: .*PowerShell.*UMC_PWSH/);
    assertNoFile(out);
  });

  test('--out missing, or in a directory that does not exist (English and French)', async () => {
    assertOneLine(await run(['capture', '--endpoint', 'lab']), /^umc: capture needs --out FILE$/);
    assertOneLine(await run(['capture', '--endpoint', 'lab', '--out']), /^umc: --out needs a value$/);
    const out = join(dir, 'no-such-dir', 'x.json');
    assertOneLine(await run(['capture', '--endpoint', 'lab', '--out', out]), /^umc: cannot write .*x\.json: the directory .*no-such-dir does not exist$/);
    const fr = await run(['capture', '--endpoint', 'lab', '--out', out], { locale: 'fr_FR.UTF-8' });
    assertOneLine(fr, /^umc: impossible d’écrire .*x\.json\u00a0: le dossier .*no-such-dir n’existe pas$/);
    assertNoFile(out);
    assert.equal(existsSync(dirname(out)), false);
  });

  test('bad arguments: endpoints, a password on the command line, no password to read', async () => {
    const out = outFile();
    assertOneLine(await run(['capture', '--exchange', 'exch01', '--skype', 'pool.contoso.com', '--out', out]), /^umc: --exchange exch01: not a fully qualified server name/);
    assertOneLine(await run(['capture', '--exchange', 'exch01.contoso.com', '--out', out]), /^umc: capture needs --endpoint lab, or both --exchange and --skype$/);
    assertOneLine(await run(['capture', '--endpoint', 'lab', '--skype', 'lab:', '--out', out]), /^umc: --endpoint cannot be used with --exchange or --skype$/);
    assertOneLine(await run(['capture', '--endpoint', 'lab', '--password', 'hunter2', '--out', out]), /^umc: a password is never accepted on the command line/);
    assertOneLine(await run(['capture', '--exchange', 'lab+ssh://root@127.0.0.1:22', '--skype', 'lab:', '--out', out]), /^umc: lab\+ssh:\/\/ endpoints need --ssh-key FILE$/);
    const noPassword = await run(['capture', '--exchange', 'exch01.contoso.com', '--skype', 'pool01.contoso.com', '--user', 'CONTOSO\\admin', '--out', out], { env: { UMC_PASSWORD: undefined } });
    assertOneLine(noPassword, /^umc: no password for CONTOSO\\admin: set UMC_PASSWORD/);
    assertNoFile(out);
  });

  test('unreachable server', { skip: NO_PWSH }, async () => {
    const out = outFile();
    const key = join(dir, 'any-key');
    writeFileSync(key, 'not a key\n');
    const port = await freePort(); // free, so nothing listens there
    const r = await run(['capture', '--exchange', `lab+ssh://root@127.0.0.1:${port}`, '--skype', 'lab:', '--ssh-key', key, '--out', out]);
    // PowerShell 7.6 sometimes crashes (SIGABRT, "Broken pipe" in SSHClientSessionTransportManager.CloseConnection)
    // when ssh exits at once; the service then reports the host's end instead of "cannot reach".
    assertOneLine(r, new RegExp(`^umc: Exchange Management Shell: (cannot reach|could not open a session on) lab\\+ssh://root@127\\.0\\.0\\.1:${port}: `));
    assertNoFile(out);
  });

  test('an endpoint that refuses the import of a cmdlet the capture needs', { skip: NO_PWSH }, async () => {
    const out = outFile();
    const lab = dirname(powerShellAssets(ROOT).labModule);
    const copy = join(dir, 'UmcLabEndpoint');
    mkdirSync(copy);
    copyFileSync(join(lab, 'UmcLabEndpoint.psm1'), join(copy, 'UmcLabEndpoint.psm1'));
    const manifest = readFileSync(join(lab, 'UmcLabEndpoint.psd1'), 'utf8');
    assert.match(manifest, /'Get-UMDialPlan', /);
    writeFileSync(join(copy, 'UmcLabEndpoint.psd1'), manifest.replace("'Get-UMDialPlan', ", ''));
    const r = await run(['capture', '--endpoint', 'lab', '--out', out], { env: { UMC_LAB_MODULE: join(copy, 'UmcLabEndpoint.psd1') } });
    assertOneLine(r, /^umc: Exchange Management Shell: .* refused to import the cmdlets the console uses: .*Get-UMDialPlan/);
    assertNoFile(out);
  });

  test('refused credentials (the lab over SSH, a key it does not know)', { skip: NO_SSHD }, async () => {
    const ssh = await startSshLab();
    try {
      const wrong = join(dir, 'wrong-key');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
      const out = outFile();
      const r = await run(['capture', '--exchange', ssh.endpoint, '--skype', 'lab:', '--ssh-key', wrong, '--out', out]);
      assertOneLine(r, new RegExp(`^umc: Exchange Management Shell: ${ssh.endpoint.replace(/[.+]/g, '\\$&')} refused the credentials: `));
      assertNoFile(out);
    } finally {
      await ssh.stop();
    }
  });
});

describe('the installed command', { skip: NO_PWSH }, () => {
  test('Ctrl+C (SIGINT) during a capture: exit 130, one line, no file, the hosts ended', async () => {
    assert.ok(existsSync(join(ROOT, 'out', 'cli', 'umc.cjs')), 'run `npm run build` first');
    const out = outFile();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'umc.cjs'), 'capture', '--endpoint', 'lab', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let hosts: number[] = [];
    assert.ok(await until(() => (hosts = children(child.pid!)).length >= 2, 30_000), 'the PowerShell hosts started');
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /^umc: interrupted: the sessions were closed and no file was written\n$/);
    assertNoFile(out);
    assert.deepEqual(hosts.filter(alive), [], 'the host processes have ended');
  });
});
