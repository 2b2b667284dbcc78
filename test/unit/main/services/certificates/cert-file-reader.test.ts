import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CertRuleId, FileInspection, InspectedCertificate } from '../../../../../shared/certificates/cert-model';
import { MAX_CERT_FILE_BYTES } from '../../../../../shared/certificates/cert-model';
import { inspectCertificateFile, readCertificateFromFile } from '../../../../../main/services/certificates/cert-file-reader';
import { certFixtures, type Fixtures, LEAVES, opensslFields, PFX_PASSWORD, UNICODE_PASSWORD } from '../../../../support/cert-fixtures';

let fx: Fixtures;
let now: Date;
const scratch = mkdtempSync(join(tmpdir(), 'umc-cert-reader-'));
before(() => {
  fx = certFixtures();
  now = new Date(fx.madeAt.getTime() + 3_600_000); // after the openssl run that followed madeAt
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const read = (name: string, o: { password?: string; fqdn?: string; purpose?: 'um' | 'oauth'; as?: string; language?: 'en' | 'fr' } = {}): FileInspection =>
  inspectCertificateFile(o.as ?? name, readFileSync(fx.path(name)), { now, password: o.password, fqdn: o.fqdn, purpose: o.purpose, language: o.language });
const ok = (r: FileInspection): readonly InspectedCertificate[] => {
  assert.equal(r.error, null, `${r.file}: ${JSON.stringify(r.error)}`);
  assert.ok(r.certificates.length > 0);
  return r.certificates;
};
const failsWith = (r: FileInspection, code: string) => {
  assert.equal(r.error?.code, code, `${r.file}: ${JSON.stringify(r.error)}`);
  assert.deepEqual(r.certificates, []);
  assert.ok(r.error!.message.length > 10, r.error!.message);
};

/** What each fixture leaf is built to fire (at the fixtures' making time, no FQDN). */
const EXPECTED: Readonly<Record<string, readonly CertRuleId[]>> = {
  good: [],
  nosan: [],
  'wildcard-cn': ['cert.subject.wildcard'],
  'wildcard-san': [],
  sha1: ['cert.signature.weak'],
  pss: ['cert.signature.pss'],
  rsa1024: ['cert.key.weak'],
  ec: [],
  noeku: [],
  clientauth: ['cert.eku.serverauth-missing'],
  nocrl: ['cert.crl-missing'],
  expired: ['cert.expired'],
  notyet: ['cert.not-yet-valid'],
  expiring20: ['cert.expiring'],
  expiring50: ['cert.expiring'],
  selfsigned: ['cert.self-signed', 'cert.crl-missing'],
};
const FORMATS = [
  { ext: '.cer', label: 'DER .cer', password: undefined },
  { ext: '.crt', label: 'PEM .crt', password: undefined },
  { ext: '.p7b', label: 'PKCS#7 DER', password: undefined },
  { ext: '.pem.p7b', label: 'PKCS#7 PEM', password: undefined },
  { ext: '.pfx', label: 'PKCS#12 (AES)', password: PFX_PASSWORD },
] as const;

describe('every rule fires and stays silent, in every format', () => {
  for (const f of FORMATS) {
    test(f.label, () => {
      for (const name of [...LEAVES.map((l) => l.name), 'selfsigned']) {
        const [c, ...rest] = ok(read(`leaf-${name}${f.ext}`, { password: f.password }));
        assert.equal(rest.length, 0);
        assert.deepEqual(
          c.findings.map((x) => x.rule),
          EXPECTED[name],
          `${name} ${f.label}`,
        );
        assert.equal(c.hasPrivateKey, f.ext === '.pfx', `${name} ${f.label} private key`);
        if (name === 'expiring20') assert.equal(c.findings[0].severity, 'warning');
        if (name === 'expiring50') assert.equal(c.findings[0].severity, 'info');
        for (const x of c.findings) assert.ok(x.message.key.startsWith('cert.rule.'), x.message.key);
      }
      // The CA certificates: neither self-signed nor CRL findings for the root.
      assert.deepEqual(ok(read(`root${f.ext}`, { password: f.password }))[0].findings, []);
      assert.deepEqual(ok(read(`inter${f.ext}`, { password: f.password }))[0].findings, []);
      // Names, with an FQDN.
      const mismatch = (file: string, fqdn: string) => ok(read(`${file}${f.ext}`, { password: f.password, fqdn }))[0].findings.some((x) => x.rule === 'cert.name.mismatch');
      assert.equal(mismatch('leaf-good', 'um01.contoso.com'), false);
      assert.equal(mismatch('leaf-good', 'um09.contoso.com'), true);
      assert.equal(mismatch('leaf-nosan', 'um02.contoso.com'), false, 'no SAN: the CN');
      assert.equal(mismatch('leaf-nosan', 'um01.contoso.com'), true);
      assert.equal(mismatch('leaf-wildcard-san', 'fe07.pool.contoso.com'), false);
      assert.equal(mismatch('leaf-wildcard-san', 'a.fe07.pool.contoso.com'), true);
      assert.equal(ok(read(`leaf-good${f.ext}`, { password: f.password, fqdn: 'sip.contoso.com', purpose: 'oauth' }))[0].findings.length, 0);
    });
  }
});

describe('fields, against openssl', () => {
  test('every fixture certificate: thumbprint, serial, validity, names, key, signature, SAN, EKU, CA, CRL', () => {
    for (const name of [...LEAVES.map((l) => `leaf-${l.name}`), 'leaf-selfsigned', 'root', 'inter']) {
      const o = opensslFields(fx.path(`${name}.crt`));
      const c = ok(read(`${name}.cer`))[0];
      assert.equal(c.thumbprint, o.thumbprint, name);
      assert.match(c.thumbprint, /^[0-9A-F]{40}$/);
      assert.equal(c.serialNumber.replace(/^0+/, ''), o.serial.replace(/^0+/, ''), name);
      assert.equal(c.notBefore, o.notBefore.toISOString(), name);
      assert.equal(c.notAfter, o.notAfter.toISOString(), name);
      // openssl RFC 2253 is most-specific first, like Windows.
      assert.equal(c.subject.replace(/, /g, ','), o.subject, name);
      const sig = /Signature Algorithm: (\S+)/.exec(o.text)![1];
      assert.equal(c.signatureAlgorithm, sig === 'rsassaPss' ? 'RSASSA-PSS' : sig, name);
      const bits = Number(/Public-Key: \((\d+) bit\)/.exec(o.text)![1]);
      assert.equal(c.keySize, bits, name);
      assert.equal(c.keyAlgorithm, /id-ecPublicKey/.test(o.text) ? 'EC' : 'RSA', name);
      const san = /X509v3 Subject Alternative Name:\s*\n\s*(.*)\n/.exec(o.text)?.[1];
      assert.deepEqual(c.subjectAltNames, san ? san.split(', ').map((s) => s.replace('IP Address:', 'IP:')) : [], name);
      const eku = /X509v3 Extended Key Usage:\s*\n\s*(.*)\n/.exec(o.text)?.[1];
      const ekuNames: Record<string, string> = { 'TLS Web Server Authentication': 'serverAuth', 'TLS Web Client Authentication': 'clientAuth' };
      assert.deepEqual(c.extendedKeyUsage, eku ? eku.split(', ').map((e) => ekuNames[e] ?? e) : null, name);
      assert.equal(c.isCA, /CA:TRUE/.test(o.text), name);
      assert.equal(c.pathLength, /pathlen:(\d+)/.exec(o.text) ? Number(/pathlen:(\d+)/.exec(o.text)![1]) : null, name);
      const crl = [...o.text.matchAll(/^\s+URI:(\S+)$/gm)].map((m) => `URI:${m[1]}`);
      assert.deepEqual(c.crlDistributionPoints, crl, name);
      assert.equal(c.selfSigned, name === 'root' || name === 'leaf-selfsigned', name);
    }
  });
  test('issuer, CN and the Windows-style order', () => {
    const c = ok(read('leaf-good.crt'))[0];
    assert.equal(c.subject, 'CN=um01.contoso.com, O=Contoso');
    assert.equal(c.subjectCommonName, 'um01.contoso.com');
    assert.equal(c.issuer, 'CN=UMC Test Issuing CA, O=Contoso, C=US');
    assert.deepEqual(c.subjectAltNames, ['DNS:um01.contoso.com', 'DNS:um01', 'IP:10.0.0.5']);
    assert.deepEqual(ok(read('leaf-ec.cer'))[0].keySize, 256);
  });
});

describe('containers', () => {
  const chain = (r: FileInspection, withKey: boolean) => {
    const cs = ok(r);
    assert.deepEqual(
      cs.map((c) => c.subjectCommonName),
      ['um01.contoso.com', 'UMC Test Issuing CA', 'UMC Test Root CA'],
      r.file,
    );
    assert.deepEqual(
      cs.map((c) => c.hasPrivateKey),
      [withKey, false, false],
      r.file,
    );
  };
  test('PEM with text around several certificates; PKCS#7 DER and PEM', () => {
    chain(read('chain.pem'), false);
    chain(read('chain.p7b'), false);
    chain(read('chain.pem.p7b'), false);
  });
  test('PFX: OpenSSL 3 default (AES-256, PBKDF2), -legacy (RC2-40 + 3DES), 3DES, without MAC, non-ASCII password', () => {
    chain(read('chain-modern.pfx', { password: PFX_PASSWORD }), true);
    chain(read('chain-legacy.pfx', { password: PFX_PASSWORD }), true);
    chain(read('chain-legacy-3des.pfx', { password: PFX_PASSWORD }), true);
    chain(read('chain-nomac.pfx', { password: PFX_PASSWORD }), true);
    chain(read('chain-nomac-legacy.pfx', { password: PFX_PASSWORD }), true);
    chain(read('chain-unicode.pfx', { password: UNICODE_PASSWORD }), true);
    chain(read('chain-unicode-legacy.pfx', { password: UNICODE_PASSWORD }), true);
    assert.equal(ok(read('ec-legacy.pfx', { password: PFX_PASSWORD }))[0].hasPrivateKey, true);
    assert.equal(ok(read('nokey.pfx', { password: PFX_PASSWORD }))[0].hasPrivateKey, false);
  });
  test('PFX with the empty password or none: opened without asking, as Windows does', () => {
    chain(read('chain-empty.pfx'), true);
    chain(read('chain-empty-legacy.pfx'), true);
    chain(read('chain-clear.pfx'), true);
    chain(read('chain-empty.pfx', { password: '' }), true);
  });
  test('PFX without a password, or with a wrong one', () => {
    for (const f of ['chain-modern.pfx', 'chain-legacy.pfx', 'chain-nomac.pfx', 'chain-nomac-legacy.pfx', 'chain-unicode.pfx']) {
      failsWith(read(f), 'password-required');
      failsWith(read(f, { password: 'wrong' }), 'wrong-password');
    }
    failsWith(read('chain-unicode.pfx', { password: 'pässwörd-東' }), 'wrong-password');
    failsWith(read('chain-unicode-legacy.pfx', { password: 'passwörd-東京' }), 'wrong-password');
    failsWith(read('chain-empty.pfx', { password: 'x' }), 'wrong-password');
  });
  test('PFX asking for too many key derivation iterations: unsupported, at once', () => {
    for (const f of ['chain-highiter.pfx', 'chain-highiter-legacy.pfx']) {
      failsWith(read(f, { password: PFX_PASSWORD }), 'unsupported');
      // Refused from the header, before any key derivation: a wrong password gets the same answer
      // (deriving first would have said wrong-password), and the message names the count and the limit.
      failsWith(read(f, { password: 'wrong' }), 'unsupported');
      assert.match(read(f, { password: PFX_PASSWORD }).error!.message, /asks for (a key derivation iteration count of )?[\d,]+( key derivation iterations)?; at most [\d,]+ are accepted/);
    }
  });
  test('detected by content, not by extension', () => {
    chain(read('chain-modern.pfx', { password: PFX_PASSWORD, as: 'exported.cer' }), true);
    assert.equal(ok(read('leaf-good.cer', { as: 'looks-like.pfx' }))[0].subjectCommonName, 'um01.contoso.com');
    chain(read('chain.p7b', { as: 'x.crt' }), false);
  });
  test('a PEM certificate with its private key: hasPrivateKey', () => {
    assert.equal(ok(read('with-key.pem'))[0].hasPrivateKey, true);
  });
  test('UTF-16 text and bare base64 (RawData pasted into a file)', () => {
    const pem = readFileSync(fx.path('leaf-good.crt'), 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pem, 'utf16le')]);
    assert.equal(ok(inspectCertificateFile('u16.crt', utf16, { now }))[0].subjectCommonName, 'um01.contoso.com');
    const b64 = Buffer.from(readFileSync(fx.path('leaf-good.cer')).toString('base64'));
    assert.equal(ok(inspectCertificateFile('raw.txt', b64, { now }))[0].subjectCommonName, 'um01.contoso.com');
  });
});

describe('bad input: a clear per-file error, never a throw', () => {
  const bytes = (b: Uint8Array, name = 'x.cer') => inspectCertificateFile(name, b, { now });
  test('empty, random bytes, text, a CSR, a key alone', () => {
    failsWith(bytes(new Uint8Array(0)), 'not-a-certificate');
    let seed = 7;
    const rnd = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    rnd[0] = 0x42;
    failsWith(bytes(rnd), 'not-a-certificate');
    rnd[0] = 0x30;
    const r = bytes(rnd);
    assert.ok(r.error && ['unreadable', 'not-a-certificate'].includes(r.error.code));
    failsWith(bytes(Buffer.from('hello, this is not a certificate\n')), 'not-a-certificate');
    failsWith(read('request.csr'), 'not-a-certificate');
    assert.match(read('request.csr').error!.message, /CERTIFICATE REQUEST/);
    failsWith(read('key-only.pem'), 'not-a-certificate');
  });
  test('truncated DER, PEM, PKCS#7 and PFX', () => {
    for (const f of ['leaf-good.cer', 'chain.p7b', 'chain-modern.pfx']) {
      const b = readFileSync(fx.path(f));
      for (const cut of [1, 2, 10, b.length >> 1, b.length - 1]) {
        const r = bytes(b.subarray(0, cut), f);
        assert.ok(r.error, `${f} cut at ${cut}`);
        assert.ok(['unreadable', 'not-a-certificate'].includes(r.error.code), `${f} cut at ${cut}: ${r.error.code}`);
      }
    }
    const pem = readFileSync(fx.path('leaf-good.crt'), 'latin1');
    failsWith(bytes(Buffer.from(pem.slice(0, pem.length >> 1)), 'cut.crt'), 'unreadable');
    failsWith(bytes(Buffer.from(pem.replace(/[A-Za-z0-9]{10}\n/, '!!!!\n')), 'bad.crt'), 'unreadable');
  });
  test('over 10 MB: too-large, before parsing', () => {
    // A real certificate padded past the limit: too-large, so the size was judged before the content.
    const der = readFileSync(fx.path('leaf-good.cer'));
    const big = new Uint8Array(MAX_CERT_FILE_BYTES + 1);
    big.set(der);
    failsWith(bytes(big), 'too-large');
    assert.equal(bytes(new Uint8Array(MAX_CERT_FILE_BYTES)).error?.code, 'not-a-certificate');
  });
  test('files: a directory, a missing file, a large file on disk', async () => {
    failsWith(await readCertificateFromFile(scratch, { now }), 'unreadable');
    assert.match((await readCertificateFromFile(scratch, { now })).error!.message, /directory/);
    failsWith(await readCertificateFromFile(join(scratch, 'nope.cer'), { now }), 'unreadable');
    failsWith(await readCertificateFromFile('/dev/zero', { now }), 'unreadable');
    const fifo = join(scratch, 'fifo');
    execFileSync('mkfifo', [fifo]);
    failsWith(await readCertificateFromFile(fifo, { now }), 'unreadable');
    const big = join(scratch, 'big.pem');
    writeFileSync(big, '');
    truncateSync(big, MAX_CERT_FILE_BYTES + 10);
    failsWith(await readCertificateFromFile(big, { now }), 'too-large');
    const r = await readCertificateFromFile(fx.path('leaf-good.crt'), { now });
    assert.equal(r.file, fx.path('leaf-good.crt'));
    assert.equal(ok(r)[0].subjectCommonName, 'um01.contoso.com');
  });
  test('messages in French on request', () => {
    assert.match(read('chain-modern.pfx', { language: 'fr' }).error!.message, /mot de passe/);
  });
});

describe('the inspector’s chain, key usage, both thumbprints and DER (as KeyStore Explorer shows them)', () => {
  const pemOf = (names: readonly string[]) => names.map((n) => readFileSync(fx.path(`${n}.crt`), 'utf8')).join('');
  const inspectText = (text: string, trustedRoots: readonly string[] = []) => inspectCertificateFile('bundle.pem', Buffer.from(text), { now, trustedRoots });
  const derB64 = (name: string) => readFileSync(fx.path(`${name}.cer`)).toString('base64');

  test('leaf, intermediate, root: complete; the tree root → intermediate → leaf, every signature verified by node:crypto', () => {
    const r = inspectText(pemOf(['leaf-good', 'inter', 'root']));
    assert.equal(r.chain?.verdict, 'complete');
    const top = r.chain!.tops[0];
    assert.deepEqual([top.index, top.children[0].index, top.children[0].children[0].index], [2, 1, 0]);
    assert.deepEqual([top.signature, top.children[0].signature, top.children[0].children[0].signature], ['valid', 'valid', 'valid']);
    assert.equal(top.children[0].children[0].subject, 'CN=um01.contoso.com, O=Contoso');
  });
  test('root first: wrong order; a PKCS#7 of the same chain: order not judged', () => {
    assert.equal(inspectText(pemOf(['root', 'inter', 'leaf-good'])).chain?.verdict, 'wrong-order');
    const p7 = read('chain.p7b');
    assert.equal(p7.chain?.orderJudged, false);
    assert.equal(p7.chain?.verdict, 'complete');
    const pfx = read('chain-modern.pfx', { password: PFX_PASSWORD });
    assert.equal(pfx.chain?.orderJudged, false);
    assert.equal(pfx.chain?.verdict, 'complete');
  });
  test('the leaf alone: root missing, naming its issuer; with the intermediate and the root as a trusted root: complete and trusted', () => {
    const alone = read('leaf-good.crt');
    assert.equal(alone.chain?.verdict, 'root-missing');
    assert.deepEqual(alone.chain?.missingIssuers, ['CN=UMC Test Issuing CA, O=Contoso, C=US']);
    const withRoot = inspectText(pemOf(['leaf-good', 'inter']), [derB64('root')]);
    assert.equal(withRoot.chain?.verdict, 'complete');
    assert.equal(withRoot.chain?.trustedRoot, true);
    assert.equal(withRoot.chain?.tops[0].source, 'trusted');
  });
  test('a leaf whose signature was altered: broken signature', () => {
    const der = readFileSync(fx.path('leaf-good.cer'));
    der[der.length - 3] ^= 0x55;
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    const r = inspectText(pem + pemOf(['inter', 'root']));
    assert.equal(r.chain?.verdict, 'broken-signature');
    assert.deepEqual(r.chain?.brokenSignatures, [0]);
  });
  test('key usage, basic constraints and SHA-256 as openssl prints them; the DER kept for export', () => {
    const [leaf] = ok(read('leaf-good.cer'));
    assert.deepEqual(leaf.keyUsage, ['digitalSignature', 'keyEncipherment']);
    const [inter] = ok(read('inter.cer'));
    assert.deepEqual(inter.keyUsage, ['keyCertSign', 'cRLSign']);
    assert.equal(inter.isCA, true);
    assert.equal(inter.pathLength, 0);
    const sha256 = execFileSync('openssl', ['x509', '-in', fx.path('leaf-good.crt'), '-noout', '-fingerprint', '-sha256'])
      .toString()
      .trim()
      .split('=')[1]
      .replace(/:/g, '');
    assert.equal(leaf.sha256Thumbprint, sha256);
    assert.equal(leaf.derBase64, derB64('leaf-good'));
    const [noKu] = ok(read('leaf-selfsigned.crt'));
    assert.equal(noKu.keyUsage, null);
  });
  test('cert.signature.weak never fires on a self-signed SHA-1 or MD5 root (its own signature no validator checks), still on a SHA-1 leaf', () => {
    for (const md of ['sha1', 'md5']) {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(scratch, `${md}.key`),
          '-out',
          join(scratch, `${md}-root.pem`),
          '-days',
          '3650',
          '-subj',
          `/CN=Old ${md} Root`,
          `-${md}`,
          '-addext',
          'basicConstraints=critical,CA:TRUE',
        ],
        { stdio: 'pipe' },
      );
      const [root] = ok(inspectCertificateFile(`${md}-root.pem`, readFileSync(join(scratch, `${md}-root.pem`)), { now }));
      assert.equal(root.selfSigned, true, md);
      assert.deepEqual(
        root.findings.map((f) => f.rule).filter((x) => x.startsWith('cert.signature')),
        [],
        md,
      );
    }
    const [leaf] = ok(read('leaf-sha1.crt'));
    assert.ok(leaf.findings.some((f) => f.rule === 'cert.signature.weak'));
  });
});
