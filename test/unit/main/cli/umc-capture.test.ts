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
import { knownHostsPath } from '../../../../main/services/user-data';
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
  return spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
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
  test('writes a snapshot that checks exactly like the lab; one summary line on stdout, the capture notes on stderr', async () => {
    const out = outFile();
    const r = await run(['capture', '--endpoint', 'lab', '--out', out]);
    // Get-CsCertificate answers for the Front End the session is on only: said, the rest read whole.
    assert.equal(
      r.err,
      'umc: warning: skype.certificates (partial): Get-CsCertificate answers for the server the session is on only (atl-fe-01.litwareinc.com): the certificates of the other Skype for Business servers were not read\n',
    );
    assert.equal(r.code, 0);
    assert.match(r.out, /^Captured [\d,]+ objects in \d+ calls, [\d.]+ s: .+\n$/);
    assert.ok(r.out.trimEnd().endsWith(out));
    assertNoFile(`${out}.`); // no temporary file beside it
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(snapshot.source.kind, 'live');

    const fromFile = await run(['check', '--snapshot', out, '--json']);
    const lab = await run(['check', '--lab', '--json']);
    assert.match(fromFile.err, /skype\.certificates \(partial\): Get-CsCertificate answers for the server the session is on only/);
    assert.equal(fromFile.code, lab.code);
    const a = JSON.parse(fromFile.out) as Report;
    const b = JSON.parse(lab.out) as Report;
    assert.equal(a.source.kind, 'snapshot');
    assert.equal(b.source.kind, 'lab');
    assert.ok(b.findings.length >= 12);
    // The lab file holds every Skype server's certificates; a session reads the Front End it is on only
    // (Get-CsCertificate has no -Server): the findings on the other servers' OAuth certificates — one
    // server's certificate differing from the others' (R-O-05), a weak key on atl-fe-03 (R-O-06) — cannot
    // be seen from atl-fe-01. Everything else is the same.
    assert.deepEqual(
      keyed(b).filter((f) => !keyed(a).includes(f)),
      [
        'R-O-05 skypeCertificate:atl-fe-01.litwareinc.com|OAuthTokenIssuer,skypeCertificate:atl-fe-02.litwareinc.com|OAuthTokenIssuer,skypeCertificate:atl-fe-03.litwareinc.com|OAuthTokenIssuer,skypeCertificate:dal-cs-se01.litwareinc.com|OAuthTokenIssuer,skypeCertificate:dal-fe-01.litwareinc.com|OAuthTokenIssuer,skypeCertificate:dal-fe-02.litwareinc.com|OAuthTokenIssuer',
        'R-O-06 skypeCertificate:atl-fe-03.litwareinc.com|OAuthTokenIssuer',
      ],
    );
    assert.deepEqual(
      keyed(a).filter((f) => !keyed(b).includes(f)),
      [],
    );
  });

  test('--lab-versions and --lab-withhold: a partial read is written (exit 0, the notes on stderr); check names what it could not judge', async () => {
    const out = outFile();
    const r = await run(['capture', '--endpoint', 'lab', '--lab-versions', 'exchange=2019,skype=2015', '--lab-withhold', 'Get-CsCertificate', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Captured [\d,]+ objects in \d+ calls/);
    const lines = r.err.trimEnd().split('\n');
    for (const section of ['dialPlans', 'ipGateways', 'huntGroups', 'autoAttendants', 'mailboxPolicies', 'umMailboxes']) {
      assert.ok(
        lines.some((l) =>
          new RegExp(`^umc: warning: exchange\\.${section} \\(not read\\): Get-UM\\w+ is not available to this account/version \\(provided by Exchange 2010, Exchange 2013, Exchange 2016; `).test(l),
        ),
        section,
      );
    }
    assert.ok(
      lines.includes(
        'umc: warning: skype.certificates (not read): Get-CsCertificate is not available to this account/version (provided by Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019; roles: CsAdministrator, CsServerAdministrator, CsUserAdministrator, CsVoiceAdministrator, CsViewOnlyAdministrator, CsHelpDesk)',
      ),
    );
    assert.equal(lines.length, 7, r.err);
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(snapshot.exchange.dialPlans.status, 'not-read');
    assert.equal(snapshot.skype.certificates.status, 'not-read');
    assert.match(snapshot.exchange.servers.objects[0].AdminDisplayVersion, /^Version 15\.2 /);

    const check = await run(['check', '--snapshot', out, '--json']);
    const report = JSON.parse(check.out) as Report & { notJudged: { rule: string; sections: string[] }[] };
    const notJudgedRules = report.notJudged.map((n) => n.rule);
    for (const rule of ['R-D-05', 'R-G-02', 'R-X-01', 'R-O-04']) assert.ok(notJudgedRules.includes(rule), rule);
    assert.ok(!report.findings.some((f) => notJudgedRules.includes(f.rule)), 'no finding from a rule not judged');
    const text = await run(['check', '--snapshot', out]);
    assert.match(text.out, /R-D-05/);
  });

  test('French notes', async () => {
    const out = outFile();
    const r = await run(['capture', '--endpoint', 'lab', '--lab-withhold', 'Get-UMHuntGroup', '--out', out], { locale: 'fr_FR.UTF-8' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^umc: avertissement\u00a0: exchange\.huntGroups \(non lue\)\u00a0: Get-UMHuntGroup n’est pas disponible pour ce compte ou cette version \(fournie par Exchange 2010/m);
  });

  test('a cmdlet the endpoint does not import: the read is made without it, exit 0, the section not read, the note on stderr', async () => {
    const out = outFile();
    const lab = dirname(powerShellAssets(ROOT).labModule);
    const copy = join(dir, 'UmcLabEndpointNoDialPlan');
    mkdirSync(copy);
    copyFileSync(join(lab, 'UmcLabEndpoint.psm1'), join(copy, 'UmcLabEndpoint.psm1'));
    for (const f of readdirSync(lab).filter((f) => f.endsWith('.cs'))) copyFileSync(join(lab, f), join(copy, f));
    const manifest = readFileSync(join(lab, 'UmcLabEndpoint.psd1'), 'utf8');
    assert.match(manifest, /'Get-UMDialPlan', /);
    writeFileSync(join(copy, 'UmcLabEndpoint.psd1'), manifest.replace("'Get-UMDialPlan', ", ''));
    const r = await run(['capture', '--endpoint', 'lab', '--out', out], { env: { UMC_LAB_MODULE: join(copy, 'UmcLabEndpoint.psd1') } });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Captured [\d,]+ objects in \d+ calls/);
    assert.match(
      r.err,
      /^umc: warning: exchange\.dialPlans \(not read\): Get-UMDialPlan is not available to this account\/version \(provided by Exchange 2010, Exchange 2013, Exchange 2016; roles: [^)]*UM Management[^)]*\)$/m,
    );
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(snapshot.exchange.dialPlans.status, 'not-read');
    assert.deepEqual(snapshot.exchange.dialPlans.objects, []);
    assert.equal(snapshot.exchange.dialPlans.notes[0].cmdlet, 'Get-UMDialPlan');
    assert.equal(snapshot.exchange.dialPlans.notes[0].reason, 'unavailable');
    assert.ok(snapshot.exchange.ipGateways.objects.length > 0, 'the rest was read');
    assert.equal(snapshot.exchange.ipGateways.status, undefined);
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

  test('no PowerShell keeps running after the interrupted capture', async () => {
    assert.ok(interruptedHosts.shells.length > 0);
    assert.ok(await until(() => interruptedHosts.shells.every((p) => !alive(p)), 5_000), `left running: ${interruptedHosts.shells.filter(alive)}`);
  });
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

  test('bad lab profiles: --lab-versions / --lab-withhold values, or without --endpoint lab', async () => {
    const out = outFile();
    for (const v of ['exchange=2007', 'skype=2016', 'exchange=2016,exchange=2019', 'exchange=2016;skype=2015', 'exchange', 'Exchange=2016', 'exchange=2016,']) {
      assertOneLine(
        await run(['capture', '--endpoint', 'lab', '--lab-versions', v, '--out', out]),
        new RegExp(`^umc: --lab-versions ${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: expected exchange=2010\\|2013\\|2016\\|2019,skype=2013\\|2015\\|2019`),
      );
    }
    for (const v of ['Get-UMService;Remove-Item', 'Get-UMService,', 'Get-UMService,Get-UMService', "Get-UM'Service", Array.from({ length: 51 }, (_, i) => `Get-X${i}`).join(',')]) {
      assertOneLine(await run(['capture', '--endpoint', 'lab', '--lab-withhold', v, '--out', out]), /^umc: --lab-withhold .*: expected cmdlet names separated by commas/);
    }
    assertOneLine(
      await run(['capture', '--exchange', 'ex01.contoso.com', '--skype', 'pool.contoso.com', '--lab-versions', 'exchange=2016', '--out', out]),
      /^umc: --lab-versions and --lab-withhold need --endpoint lab$/,
    );
    const fr = await run(['capture', '--endpoint', 'lab', '--lab-versions', 'exchange=2007', '--out', out], { locale: 'fr_FR.UTF-8' });
    assertOneLine(fr, /^umc: --lab-versions exchange=2007\u00a0: attendu exchange=2010/);
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

  test('an endpoint that imports none of the cmdlets the capture needs', { skip: NO_PWSH }, async () => {
    const out = outFile();
    const lab = dirname(powerShellAssets(ROOT).labModule);
    const copy = join(dir, 'UmcLabEndpointNothing');
    mkdirSync(copy);
    copyFileSync(join(lab, 'UmcLabEndpoint.psm1'), join(copy, 'UmcLabEndpoint.psm1'));
    for (const f of readdirSync(lab).filter((f) => f.endsWith('.cs'))) copyFileSync(join(lab, f), join(copy, f));
    const manifest = readFileSync(join(lab, 'UmcLabEndpoint.psd1'), 'utf8');
    const exported = /FunctionsToExport\s*=\s*@\([^)]*\)/.exec(manifest);
    assert.ok(exported);
    writeFileSync(join(copy, 'UmcLabEndpoint.psd1'), manifest.replace(exported[0], "FunctionsToExport = @('Initialize-UmcLabEndpoint')"));
    const r = await run(['capture', '--endpoint', 'lab', '--out', out], { env: { UMC_LAB_MODULE: join(copy, 'UmcLabEndpoint.psd1') } });
    assertOneLine(r, /^umc: (Exchange|Skype for Business Server) Management Shell: .* refused to import the cmdlets the console uses: .*Get-/);
    assertNoFile(out);
  });

  test('refused credentials (the lab over SSH, a key it does not know)', { skip: NO_SSHD }, async () => {
    const ssh = await startSshLab();
    try {
      const wrong = join(dir, 'wrong-key');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
      const out = outFile();
      // The sshd's host key, approved by the console's service into a user data folder of this test's own.
      const data = join(dir, 'user-data-credentials');
      mkdirSync(dirname(knownHostsPath(data)), { recursive: true });
      copyFileSync(ssh.knownHostsFile, knownHostsPath(data));
      const r = await run(['capture', '--exchange', ssh.endpoint, '--skype', 'lab:', '--ssh-key', wrong, '--out', out], { env: { UMC_USER_DATA: data } });
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
