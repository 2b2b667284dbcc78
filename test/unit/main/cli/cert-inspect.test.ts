import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { liveInspectWorkers } from '../../../../main/services/certificates/inspect-runner';
import { certFixtures, type Fixtures, PFX_PASSWORD, UNICODE_PASSWORD, writeCostlyPfx } from '../../../support/cert-fixtures';
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
    assert.deepEqual(Object.keys(j), ['files']);
    assert.equal(j.files.length, 2);
    assert.deepEqual(Object.keys(j.files[0]), ['file', 'error', 'certificates']);
    assert.equal(j.files[0].file, p('leaf-good.cer'));
    assert.equal(j.files[0].error, null);
    const c = j.files[0].certificates[0];
    assert.deepEqual(Object.keys(c), [
      'subject',
      'issuer',
      'thumbprint',
      'serialNumber',
      'notBefore',
      'notAfter',
      'keyAlgorithm',
      'keySize',
      'signatureAlgorithm',
      'subjectAltNames',
      'extendedKeyUsage',
      'isCA',
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
    assert.match(r.out, /3 files, 2 certificates: 1 errors, 1 warnings, 0 info; 1 files unreadable/);
    const fr = await run(['cert', 'inspect', p('leaf-rsa1024.cer'), '--lang', 'fr']);
    assert.match(fr.out, /Empreinte numérique/);
    assert.match(fr.out, /La clé RSA fait 1\s024\u202fbits/);
    assert.equal(fr.code, 1);
  });

  test('the usage text names the command', async () => {
    const r = await run(['--help']);
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
