import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { liveInspectWorkers } from '../../../../main/services/certificates/inspect-runner';
import { certFixtures, type Fixtures, PFX_PASSWORD, UNICODE_PASSWORD, writeCostlyPfx } from '../../../support/cert-fixtures';
import { englishWordsIn } from '../../../support/french-text';
import { ROOT } from '../../../support/paths';

let fx: Fixtures;
before(() => {
  fx = certFixtures();
});
const dir = mkdtempSync(join(tmpdir(), 'umc-cert-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale });
  return { code, out, err };
}
const p = (name: string) => fx.path(name);
function passwordFile(text: string): string {
  const f = join(dir, `pw-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(f, text);
  return f;
}

describe('umc cert inspect', () => {
  test('--json: the shape of the issue; exit 0 for good certificates', async () => {
    const r = await run(['cert', 'inspect', p('leaf-good.cer'), p('chain.p7b'), '--json', '--fqdn', 'um01.contoso.com']);
    assert.equal(r.err, '');
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['summary', 'files']);
    assert.deepEqual(j.summary, { files: 2, read: 2, refused: 0 });
    assert.equal(j.files.length, 2);
    assert.deepEqual(Object.keys(j.files[0]), ['file', 'error', 'certificates', 'chain']);
    assert.equal(j.files[0].file, p('leaf-good.cer'));
    assert.equal(j.files[0].error, null);
    const c = j.files[0].certificates[0];
    assert.deepEqual(Object.keys(c), [
      'subject',
      'issuer',
      'thumbprint',
      'sha256Thumbprint',
      'serialNumber',
      'notBefore',
      'notAfter',
      'keyAlgorithm',
      'keySize',
      'signatureAlgorithm',
      'subjectAltNames',
      'extendedKeyUsage',
      'keyUsage',
      'isCA',
      'pathLength',
      'selfSigned',
      'hasPrivateKey',
      'findings',
    ]);
    assert.equal(c.keyAlgorithm, 'RSA');
    assert.equal(c.keySize, 2048);
    assert.deepEqual(c.findings, []);
    assert.equal(j.files[1].certificates.length, 3);
    assert.equal(r.code, 0);
  });

  test('an error finding → exit 1, with rule, severity and message', async () => {
    const r = await run(['cert', 'inspect', p('leaf-wildcard-cn.crt'), p('leaf-sha1.crt'), '--json']);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.files[0].certificates[0].findings, [{ rule: 'cert.subject.wildcard', severity: 'error', message: j.files[0].certificates[0].findings[0].message }]);
    assert.match(j.files[0].certificates[0].findings[0].message, /wildcard/);
    assert.equal(j.files[1].certificates[0].findings[0].rule, 'cert.signature.weak');
    // A warning alone is exit 0.
    assert.equal((await run(['cert', 'inspect', p('leaf-sha1.crt')])).code, 0);
    // A name mismatch with --fqdn is an error; not with --purpose oauth.
    assert.equal((await run(['cert', 'inspect', p('leaf-good.crt'), '--fqdn', 'um09.contoso.com'])).code, 1);
    assert.equal((await run(['cert', 'inspect', p('leaf-good.crt'), '--fqdn=um09.contoso.com', '--purpose=oauth'])).code, 0);
  });

  test('one unreadable file among good ones: exit 2, the others still reported', async () => {
    const r = await run(['cert', 'inspect', p('leaf-good.cer'), join(dir, 'missing.cer'), dir, p('leaf-expired.cer'), '--json']);
    assert.equal(r.code, 2);
    const j = JSON.parse(r.out);
    assert.deepEqual(
      j.files.map((f: { error: { code: string } | null }) => f.error?.code ?? null),
      [null, 'unreadable', 'unreadable', null],
    );
    assert.equal(j.files[3].certificates[0].findings[0].rule, 'cert.expired');
    assert.deepEqual(j.files[1].certificates, []);
    assert.match(j.files[2].error.message, /directory/);
  });

  test('the password comes from the first line of --password-file', async () => {
    const good = passwordFile(`${PFX_PASSWORD}\nsecond line ignored\n`);
    const r = await run(['cert', 'inspect', p('chain-modern.pfx'), '--password-file', good, '--json']);
    assert.equal(r.code, 0, r.out + r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(
      j.files[0].certificates.map((c: { hasPrivateKey: boolean }) => c.hasPrivateKey),
      [true, false, false],
    );
    assert.equal((await run(['cert', 'inspect', p('chain-unicode-legacy.pfx'), '--password-file', passwordFile(`\uFEFF${UNICODE_PASSWORD}\r\n`)])).code, 0);
    const none = await run(['cert', 'inspect', p('chain-modern.pfx'), '--json']);
    assert.equal(none.code, 2);
    assert.equal(JSON.parse(none.out).files[0].error.code, 'password-required');
    const wrong = await run(['cert', 'inspect', p('chain-modern.pfx'), '--password-file', passwordFile('nope\n'), '--json']);
    assert.equal(JSON.parse(wrong.out).files[0].error.code, 'wrong-password');
    assert.equal(wrong.code, 2);
    // The password never appears in the output.
    assert.ok(!r.out.includes(PFX_PASSWORD));
  });

  test('wrong calls: one localized line on stderr, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['cert', 'inspect'], /at least one FILE/],
      [['cert', 'inspect', 'x.pfx', '--password', 'secret'], /never accepted on the command line/],
      [['cert', 'inspect', 'x.pfx', '--purpose', 'edge'], /--purpose edge/],
      [['cert', 'inspect', 'x.pfx', '--fqdn'], /--fqdn needs a value/],
      [['cert', 'inspect', 'x.pfx', '--bogus'], /unknown option --bogus/],
      [['cert', 'view', 'x.pfx'], /unknown cert command view/],
      [['cert', 'inspect', 'x.pfx', '--password-file', join(dir, 'none.txt')], /cannot read the password file/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.ok(!r.err.includes('secret'));
    }
    const fr = await run(['cert', 'inspect', '--lang', 'fr']);
    assert.match(fr.err, /au moins un FICHIER/);
    assert.match((await run(['cert', 'inspect'], 'fr-FR')).err, /au moins un FICHIER/);
  });

  test('text output: readable, localized, with a summary', async () => {
    const r = await run(['cert', 'inspect', p('leaf-expiring20.crt'), p('leaf-rsa1024.cer'), join(dir, 'missing.cer')]);
    assert.equal(r.code, 2);
    assert.match(r.out, /Certificate 1: CN=soon\.contoso\.com, O=Contoso/);
    assert.match(r.out, /Thumbprint\s+[0-9A-F]{40}/);
    assert.match(r.out, /WARNING\s+cert\.expiring\s+The certificate expires on/);
    assert.match(r.out, /ERROR\s+cert\.key\.weak\s+The RSA key has 1,024 bits/);
    assert.match(r.out, /ERROR \(unreadable\): no such file/);
    assert.match(r.out, /3 files, 2 certificates: 1 error, 1 warning, 0 info; 1 file unreadable/);
    const fr = await run(['cert', 'inspect', p('leaf-rsa1024.cer'), '--lang', 'fr']);
    assert.match(fr.out, /Empreinte numérique/);
    assert.match(fr.out, /La clé RSA fait 1\s024\u202fbits/);
    assert.equal(fr.code, 1);
  });

  test('the usage text names the command', async () => {
    const r = await run(['cert', '--help']);
    assert.match(r.out, /umc cert inspect FILE\.\.\. \[--password-file F\]/);
  });

  test('Ctrl+C: the inspection worker stops, every file is reported (the unread ones cancelled), exit 130', async () => {
    // A PFX at the caps (legacy PBE, 100,000 iterations): about half a second each, so ten are still running when Ctrl+C comes.
    const hostile = join(dir, 'hostile.pfx');
    writeCostlyPfx(fx, hostile);
    const interrupt = new AbortController();
    const started = setInterval(() => {
      if (liveInspectWorkers() > 0) interrupt.abort();
    }, 5);
    let out = '';
    let err = '';
    try {
      const code = await runCli(['cert', 'inspect', ...Array.from({ length: 10 }, () => hostile), '--password-file', passwordFile(PFX_PASSWORD), '--json'], {
        out: (t) => (out += t),
        err: (t) => (err += t),
        root: ROOT,
        locale: 'en-US',
        signal: interrupt.signal,
      });
      assert.equal(code, 130, err);
    } finally {
      clearInterval(started);
    }
    const files = (JSON.parse(out) as { files: { error: { code: string } | null }[] }).files;
    assert.equal(files.length, 10);
    const cancelled = files.filter((f) => f.error?.code === 'cancelled').length;
    assert.ok(cancelled >= 1);
    assert.equal(err, `umc: interrupted: ${10 - cancelled} files inspected, ${cancelled} not read\n`);
    assert.equal(liveInspectWorkers(), 0, 'no worker left');
  });
});

describe('umc cert inspect: the chain, both thumbprints, key usage, the batch line, expiry and renewal', () => {
  test('text: the tree from the root down, the verdict, SHA-256 and key usage; the batch line first', async () => {
    const r = await run(['cert', 'inspect', p('chain.pem'), p('leaf-good.crt'), join(dir, 'missing.cer')]);
    assert.equal(r.out.split('\n')[0], '3 files: 2 read, 1 refused');
    assert.match(r.out, /SHA-256 thumbprint\s+[0-9A-F]{64}/);
    assert.match(r.out, /Key usage\s+digitalSignature, keyEncipherment/);
    assert.match(r.out, /Basic constraints\s+CA \(pathlen 0\)/);
    const tree = r.out.slice(r.out.indexOf('  Chain'));
    assert.match(tree, /CN=UMC Test Root CA, O=Contoso, C=US {2}\[#3; signature verified\][\s\S]*└─ CN=UMC Test Issuing CA[\s\S]*└─ CN=um01\.contoso\.com, O=Contoso {2}\[#1; signature verified\]/);
    assert.match(r.out, /Verdict: Complete to the root UMC Test Root CA/);
    assert.match(r.out, /Not held: CN=UMC Test Issuing CA, O=Contoso, C=US[\s\S]*Verdict: Root missing: the issuer CN=UMC Test Issuing CA/);
  });
  test('--json carries the chain; --trusted-roots completes a file without its root', async () => {
    const bundle = join(dir, 'roots.pem');
    writeFileSync(bundle, readFileSync(p('root.crt')));
    const leafAndInter = join(dir, 'leaf-inter.pem');
    writeFileSync(leafAndInter, readFileSync(p('leaf-good.crt'), 'utf8') + readFileSync(p('inter.crt'), 'utf8'));
    const j = JSON.parse((await run(['cert', 'inspect', leafAndInter, '--json', '--trusted-roots', bundle])).out);
    assert.equal(j.files[0].chain.verdict, 'complete');
    assert.equal(j.files[0].chain.trustedRoot, true);
    const without = JSON.parse((await run(['cert', 'inspect', leafAndInter, '--json'])).out);
    assert.equal(without.files[0].chain.verdict, 'root-missing');
  });
  test('French: the batch line with plurals and the verdict, no English word left', async () => {
    const r = await run(['cert', 'inspect', p('chain.pem'), join(dir, 'missing.cer'), '--lang', 'fr']);
    assert.equal(r.out.split('\n')[0], '2 fichiers\u00a0: 1 lu, 1 refusé');
    assert.match(r.out, /Verdict\u00a0: Complète jusqu’à la racine UMC Test Root CA/);
    const one = await run(['cert', 'inspect', p('leaf-good.crt'), '--lang', 'fr', '--purpose', 'um']);
    assert.equal(one.out.split('\n')[0], '1 fichier\u00a0: 1 lu, 0 refusé');
    // Our own words, in French: the lines of the chain, the verdict, the expiry and the renewal steps (not the certificates' names nor the cmdlets).
    const ours = [r.out, one.out]
      .join('\n')
      .split('\n')
      .filter((l) => /Verdict|Absent|Chaîne|expiration|Renouvellement|^\s+\d+\. \[|^\s{6}\S/.test(l) && !/^\s+(New|Import|Enable|Get)-/.test(l.trim() ? l.trim() : l))
      .map((l) => l.replace(/CN=[^\]]*|UMC Test \w+ CA|'[^']*'/g, ''))
      .join('\n');
    assert.ok(ours.length > 200, ours);
    assert.deepEqual(englishWordsIn(ours, ['um01', 'contoso', 'MSExchangeUM', 'MSExchangeUMCR', 'UM', 'UMCallRouter', 'Skype', 'Lync', 'Exchange', 'TLS', 'Verdict']), []);
  });
  test('--purpose um: what stops when it expires, then the renewal with its cmdlets and the restarts the seeds ask for', async () => {
    const r = await run(['cert', 'inspect', p('leaf-good.crt'), '--purpose', 'um', '--fqdn', 'um01.contoso.com']);
    assert.match(r.out, /If it expires\n\s+Skype for Business and Lync refuse the TLS connection to Exchange UM/);
    assert.match(r.out, /New-ExchangeCertificate -Server 'um01\.contoso\.com' -GenerateRequest -SubjectName 'CN=um01\.contoso\.com' -DomainName 'um01\.contoso\.com','um01'/);
    assert.match(r.out, /Enable-ExchangeCertificate -Server 'um01\.contoso\.com' -Thumbprint '<new thumbprint>' -Services UM,UMCallRouter/);
    assert.match(r.out, /Get-Service -ComputerName 'um01\.contoso\.com' -Name MSExchangeUM \| Restart-Service/);
    assert.match(r.out, /Get-Service -ComputerName 'um01\.contoso\.com' -Name MSExchangeUMCR \| Restart-Service/);
    const fe = await run(['cert', 'inspect', p('leaf-good.crt'), '--purpose', 'skype-frontend']);
    assert.match(fe.out, /Set-CsCertificate -Type Default,WebServicesInternal,WebServicesExternal -Thumbprint/);
  });
});

describe('umc cert export', () => {
  const der = (name: string) => readFileSync(p(`${name}.cer`));
  test('any certificate of a chain, as DER (the same bytes openssl wrote) or PEM (openssl reads it back)', async () => {
    const outDer = join(dir, 'inter.cer');
    const r = await run(['cert', 'export', p('chain.p7b'), '--index', '2', '--format', 'der', '--out', outDer]);
    assert.equal(r.code, 0, r.err);
    assert.ok(readFileSync(outDer).equals(der('inter')));
    assert.match(r.out, /Certificate 2 of .*chain\.p7b \(CN=UMC Test Issuing CA, O=Contoso, C=US\) written to .*inter\.cer as DER/);
    const outPem = join(dir, 'leaf.pem');
    assert.equal((await run(['cert', 'export', p('chain-modern.pfx'), '--format', 'pem', '--out', outPem, '--password-file', passwordFile(PFX_PASSWORD)])).code, 0);
    const back = execFileSync('openssl', ['x509', '-in', outPem, '-outform', 'DER']);
    assert.ok(back.equals(der('leaf-good')));
    assert.ok(!readFileSync(outPem, 'utf8').includes('PRIVATE KEY'));
  });
  test('wrong calls: the index out of range names the count, the format and --out are required', async () => {
    const cases: [string[], RegExp][] = [
      [['cert', 'export', p('leaf-good.cer'), '--index', '3', '--format', 'pem', '--out', join(dir, 'x.pem')], /--index 3: use a number from 1 to 1/],
      [['cert', 'export', p('leaf-good.cer'), '--format', 'p12', '--out', join(dir, 'x.pem')], /--format p12: use pem or der/],
      [['cert', 'export', p('leaf-good.cer'), '--format', 'pem'], /needs --out OUT/],
      [['cert', 'export', '--format', 'pem', '--out', join(dir, 'x.pem')], /needs one FILE/],
      [['cert', 'export', join(dir, 'missing.cer'), '--format', 'pem', '--out', join(dir, 'x.pem')], /cannot export from/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
    }
    assert.throws(() => readFileSync(join(dir, 'x.pem')));
  });
});

describe('a PFX without --password-file', () => {
  async function runWith(args: string[], readPassword: ((prompt: string) => Promise<string | null>) | undefined, env: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale: 'en-US', readPassword, env });
    return { code, out, err };
  }
  test('on a terminal: asked for once per file, without echo, and the file read with it', async () => {
    const prompts: string[] = [];
    const r = await runWith(['cert', 'inspect', p('chain-modern.pfx'), p('leaf-good.cer'), '--json'], async (prompt) => {
      prompts.push(prompt);
      return PFX_PASSWORD;
    });
    assert.deepEqual(prompts, [`Password for ${p('chain-modern.pfx')}: `]);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).files[0].certificates.length, 3);
    assert.ok(!r.out.includes(PFX_PASSWORD) && !r.err.includes(PFX_PASSWORD));
    // Ctrl+C / Ctrl+D at the prompt: the file stays password-required.
    const dismissed = await runWith(['cert', 'inspect', p('chain-modern.pfx'), '--json'], async () => null);
    assert.equal(JSON.parse(dismissed.out).files[0].error.code, 'password-required');
  });
  test('UMC_PFX_PASSWORD gives it without asking', async () => {
    const r = await runWith(['cert', 'inspect', p('chain-modern.pfx'), '--json'], undefined, { UMC_PFX_PASSWORD: PFX_PASSWORD });
    assert.equal(r.code, 0, r.err);
  });
  test('without a terminal (a child process whose stdin is a pipe): one line says how to give it, no prompt, no wait', () => {
    const script = join(dir, 'umc-run.cjs');
    writeFileSync(script, `require(${JSON.stringify(join(ROOT, 'main', 'cli', 'umc.ts'))}).main();`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, 'cert', 'inspect', p('chain-modern.pfx')], {
      cwd: ROOT,
      input: 'a password typed into a pipe is never read\n',
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', LC_ALL: 'C', UMC_PFX_PASSWORD: '' },
    });
    assert.equal(child.status, 2, child.stderr);
    assert.match(child.stderr, /needs its password: give it with --password-file FILE \(its first line\) or the UMC_PFX_PASSWORD environment variable, never on the command line/);
    assert.ok(!child.stderr.includes('Password for'));
    assert.match(child.stdout, /password-required/);
  });
});
