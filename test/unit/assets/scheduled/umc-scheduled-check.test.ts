/**
 * The scheduled check for jump hosts (docs/changes.md, "Scheduled checks"): the Task Scheduler definition
 * is well formed and has what the Task Scheduler schema requires and what "run whether user is logged on
 * or not" means (https://learn.microsoft.com/windows/win32/taskschd/task-scheduler-schema); the wrapper
 * parses with real PowerShell's parser, uses no PowerShell 7-only operator (it must run in Windows
 * PowerShell 5.1), and runs end to end in pwsh on the lab endpoint: a first run checks everything, a
 * second run after an admin's change reports only what is new with its cause and mails it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT } from '../../../support/paths';
import { NO_PWSH, PWSH } from '../../../support/powershell';

const WRAPPER = join(ROOT, 'assets', 'scheduled', 'umc-scheduled-check.ps1');
const TASK = join(ROOT, 'assets', 'scheduled', 'umc-scheduled-check.xml');
const dir = mkdtempSync(join(tmpdir(), 'umc-scheduled-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a PowerShell script in pwsh and returns its JSON answer. */
function pwshJson<T>(script: string): T {
  const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.ps1`);
  writeFileSync(file, script);
  const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

describe('the wrapper and the task, read by PowerShell', { skip: NO_PWSH }, () => {
  test('the wrapper parses without error and uses no operator Windows PowerShell 5.1 lacks', () => {
    const r = pwshJson<{ errors: string[]; ps7Tokens: string[]; parameters: string[] }>(`
      $tokens = $null; $errors = $null
      $ast = [System.Management.Automation.Language.Parser]::ParseFile('${WRAPPER}', [ref]$tokens, [ref]$errors)
      # && || (pipeline chains), ?? ??= (null coalescing), ?. ?[ (null-conditional), ? : (ternary): PowerShell 7 only.
      $ps7 = @($tokens | Where-Object { $_.Kind -in 'AndAnd','OrOr','QuestionQuestion','QuestionQuestionEquals','QuestionDot','QuestionLBracket','QuestionMark' } | ForEach-Object { $_.Text })
      [pscustomobject]@{ errors = @($errors | ForEach-Object { $_.Message }); ps7Tokens = $ps7; parameters = @($ast.ParamBlock.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath }) } | ConvertTo-Json -Compress
    `);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.ps7Tokens, []);
    for (const p of ['Exchange', 'Skype', 'User', 'Lab', 'OutputFolder', 'Umc', 'SmtpServer', 'To', 'From', 'MailCredentialFile']) assert.ok(r.parameters.includes(p), p);
    assert.ok(!r.parameters.some((p) => /password/i.test(p)), 'no password parameter: never a password on a command line');
  });

  test('the task definition: well formed, schema 1.2, the elements Task Scheduler requires, daily, run whether logged on or not', () => {
    const r = pwshJson<{
      version: string;
      children: string[];
      trigger: string;
      days: string;
      logonType: string;
      userId: string;
      principalId: string;
      context: string;
      command: string;
      arguments: string;
    }>(`
      $x = [xml](Get-Content -Raw -LiteralPath '${TASK}')
      $ns = New-Object System.Xml.XmlNamespaceManager($x.NameTable)
      $ns.AddNamespace('t', 'http://schemas.microsoft.com/windows/2004/02/mit/task')
      $one = { param($p) $n = $x.SelectSingleNode($p, $ns); if ($n) { $n.InnerText } else { $null } }
      [pscustomobject]@{
        version = $x.DocumentElement.GetAttribute('version')
        children = @($x.DocumentElement.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.NamespaceURI -eq 'http://schemas.microsoft.com/windows/2004/02/mit/task' } | ForEach-Object { $_.LocalName })
        trigger = @($x.SelectNodes('/t:Task/t:Triggers/*', $ns) | ForEach-Object { $_.LocalName }) -join ','
        days = (& $one '/t:Task/t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval')
        logonType = (& $one '/t:Task/t:Principals/t:Principal/t:LogonType')
        userId = (& $one '/t:Task/t:Principals/t:Principal/t:UserId')
        principalId = $x.SelectSingleNode('/t:Task/t:Principals/t:Principal', $ns).GetAttribute('id')
        context = $x.SelectSingleNode('/t:Task/t:Actions', $ns).GetAttribute('Context')
        command = (& $one '/t:Task/t:Actions/t:Exec/t:Command')
        arguments = (& $one '/t:Task/t:Actions/t:Exec/t:Arguments')
      } | ConvertTo-Json -Compress
    `);
    assert.ok(['1.2', '1.3', '1.4'].includes(r.version), r.version);
    for (const e of ['RegistrationInfo', 'Triggers', 'Principals', 'Settings', 'Actions']) assert.ok(r.children.includes(e), e);
    assert.equal(r.trigger, 'CalendarTrigger');
    assert.equal(r.days, '1');
    // "Run whether user is logged on or not" with the password stored: the account's Kerberos credentials reach the servers.
    assert.equal(r.logonType, 'Password');
    assert.match(r.userId, /^[A-Z]+\\[\w-]+\$?$/);
    // The action runs as the principal the task declares (the schema's ContextKeyRef).
    assert.equal(r.context, r.principalId);
    assert.equal(r.command, 'powershell.exe');
    assert.match(r.arguments, /-File "[^"]+\\umc-scheduled-check\.ps1"/);
    // Every parameter the task gives the wrapper is one the wrapper has.
    const given = [...r.arguments.split(/umc-scheduled-check\.ps1"/)[1]!.matchAll(/(?:^|\s)-(\w+)/g)].map((m) => m[1]!);
    const wrapperParameters = [...readFileSync(WRAPPER, 'utf8').matchAll(/\[(?:string|string\[\]|switch|int)\] \$(\w+)/g)].map((m) => m[1]!);
    assert.ok(given.length >= 4);
    for (const p of given) assert.ok(wrapperParameters.includes(p), `-${p} is a parameter of the wrapper`);
    assert.doesNotMatch(r.arguments, /password/i);
  });
});

/** A minimal SMTP relay (RFC 5321: greeting, EHLO, MAIL, RCPT, DATA, QUIT) that keeps what it was sent. */
function smtpRelay() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 relay.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: '', to: [], data: '' };
          inData = false;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 relay.test\r\n');
        else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 OK\r\n');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          socket.write('250 OK\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return {
    messages,
    listen: () => new Promise<number>((res) => server.listen(0, '127.0.0.1', () => res((server.address() as { port: number }).port))),
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}

function runWrapper(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(PWSH!, ['-NoProfile', '-NonInteractive', '-File', WRAPPER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('close', (code) => res({ code, out, err }));
  });
}

describe('a scheduled run on the lab endpoint, in pwsh', { skip: NO_PWSH }, () => {
  test('first run: everything; after an admin’s change: only what is new, with its cause, mailed', async () => {
    // The org the lab endpoint serves: a copy, so the test can change it as an admin would between two runs.
    const labData = join(dir, 'lab.umcsnap.json');
    const lab = JSON.parse(readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8'));
    writeFileSync(labData, JSON.stringify(lab));
    // umc as the tests start it: the sources through tsx (bin/umc.cjs runs the same main() from the build).
    const launcher = join(dir, 'umc-dev.cjs');
    writeFileSync(
      launcher,
      `require(${JSON.stringify(join(ROOT, 'node_modules', 'tsx', 'dist', 'cjs', 'api', 'index.cjs'))}).register();\nrequire(${JSON.stringify(join(ROOT, 'main', 'cli', 'umc.ts'))}).main();\n`,
    );
    const out = join(dir, 'checks');
    const env = { UMC_LAB_DATA: labData, UMC_PWSH: PWSH!, UMC_USER_DATA: join(dir, 'user-data'), LC_ALL: 'en_US.UTF-8' };
    const common = ['-Lab', '-OutputFolder', out, '-Umc', launcher, '-Node', process.execPath];

    const first = await runWrapper(common, env);
    assert.equal(first.code, 1, first.out + first.err); // the lab org has error findings, and on a first run every finding is new
    const files = () => readdirSync(out).sort();
    assert.ok(files().includes('last.umcsnap.json'));
    const firstText = readFileSync(
      join(
        out,
        files().find((f) => f.endsWith('.txt'))!,
      ),
      'utf8',
    );
    assert.match(firstText, /findings: \d+ errors/);
    assert.ok(files().some((f) => /^report-\d{8}-\d{6}\.html$/.test(f)));

    // Set-UMDialPlan Litware-SIP-Secured -VoIPSecurity Unsecured, between the two runs.
    lab.exchange.dialPlans.objects.find((o: { Name: string }) => o.Name === 'Litware-SIP-Secured').VoIPSecurity = 'Unsecured';
    writeFileSync(labData, JSON.stringify(lab));
    await new Promise((r) => setTimeout(r, 1100)); // the dated file names have a one-second resolution
    const relay = smtpRelay();
    try {
      const port = await relay.listen();
      const second = await runWrapper([...common, '-SmtpServer', '127.0.0.1', '-Port', String(port), '-To', 'uc-admins@litwareinc.com', '-From', 'umc-check@litwareinc.com'], env);
      assert.equal(second.code, 1, second.out + second.err);
      const reports = files().filter((f) => f.endsWith('.txt'));
      assert.equal(reports.length, 2);
      const text = readFileSync(join(out, reports[1]!), 'utf8');
      assert.match(text, /^\uFEFF?New since .*last\.umcsnap\.json/);
      assert.match(text, /R-D-04/);
      assert.match(text, /Cause: VoIPSecurity of Litware-SIP-Secured changed Secured → Unsecured/);
      assert.doesNotMatch(text, /R-O-01/, 'what was there at the first run is not repeated');
      assert.equal(relay.messages.length, 1);
      const mail = relay.messages[0]!;
      assert.match(mail.from, /umc-check@litwareinc\.com/);
      assert.match(mail.to.join(), /uc-admins@litwareinc\.com/);
      assert.match(mail.data, /Subject: .*UM integration check: new error findings/);
      // The HTML report attached (its name in the MIME part's headers).
      assert.match(mail.data, /Content-Disposition: attachment/i);
      assert.match(mail.data, /report-\d{8}-\d{6}\.html/);
      const log = readFileSync(join(out, 'umc-scheduled-check.log'), 'utf8').trim().split('\n');
      assert.equal(log.length, 2);
      assert.match(log[1]!, /since the last capture/);
    } finally {
      await relay.close();
    }
  });
});
