/**
 * Certificate fixtures made with openssl at test time: a root CA, an intermediate, and leaf
 * certificates built to fire (or not) each per-certificate rule, in every file format the reader takes:
 * DER .cer, PEM .crt (one, and a chain with text around it), PKCS#7 .p7b (DER and PEM), PKCS#12 .pfx
 * (OpenSSL 3's default AES / PBES2, -legacy RC2 + 3DES, empty password, no MAC, no encryption,
 * non-ASCII password).
 *
 * Generated once per day and fixture version into the temp directory, shared by the test files of a
 * run (each node:test file is its own process: the directory is built aside and renamed into place).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = 3;
export const PFX_PASSWORD = 'secret-Pa55';
export const UNICODE_PASSWORD = 'pässwörd-東京';

const DAY = 86_400_000;

/** The leaf certificates and what each is built to show. */
export interface LeafSpec {
  readonly name: string;
  readonly cn: string;
  readonly san?: string;
  readonly eku?: string | null;
  readonly crl?: boolean;
  readonly key?: 'rsa2048' | 'rsa1024' | 'ec';
  readonly md?: 'sha256' | 'sha1';
  readonly pss?: boolean;
  /** Days from the generation time; default -1 … +365. */
  readonly from?: number;
  readonly to?: number;
  readonly fixedDates?: readonly [string, string];
}

export const LEAVES: readonly LeafSpec[] = [
  { name: 'good', cn: 'um01.contoso.com', san: 'DNS:um01.contoso.com,DNS:um01,IP:10.0.0.5' },
  { name: 'nosan', cn: 'um02.contoso.com' },
  { name: 'wildcard-cn', cn: '*.contoso.com', san: 'DNS:*.contoso.com' },
  { name: 'wildcard-san', cn: 'um03.contoso.com', san: 'DNS:um03.contoso.com,DNS:*.pool.contoso.com' },
  { name: 'sha1', cn: 'sha1.contoso.com', san: 'DNS:sha1.contoso.com', md: 'sha1' },
  { name: 'pss', cn: 'pss.contoso.com', san: 'DNS:pss.contoso.com', pss: true },
  { name: 'rsa1024', cn: 'weak.contoso.com', san: 'DNS:weak.contoso.com', key: 'rsa1024' },
  { name: 'ec', cn: 'ec.contoso.com', san: 'DNS:ec.contoso.com', key: 'ec' },
  { name: 'noeku', cn: 'noeku.contoso.com', san: 'DNS:noeku.contoso.com', eku: null },
  { name: 'clientauth', cn: 'client.contoso.com', san: 'DNS:client.contoso.com', eku: 'clientAuth' },
  { name: 'nocrl', cn: 'nocrl.contoso.com', san: 'DNS:nocrl.contoso.com', crl: false },
  { name: 'expired', cn: 'old.contoso.com', san: 'DNS:old.contoso.com', fixedDates: ['20200101000000Z', '20210101000000Z'] },
  { name: 'notyet', cn: 'future.contoso.com', san: 'DNS:future.contoso.com', from: 30, to: 400 },
  { name: 'expiring20', cn: 'soon.contoso.com', san: 'DNS:soon.contoso.com', to: 20 },
  { name: 'expiring50', cn: 'later.contoso.com', san: 'DNS:later.contoso.com', to: 50 },
];

export interface Fixtures {
  readonly dir: string;
  /** When the time-relative certificates were made (their dates are relative to it). */
  readonly madeAt: Date;
  path(name: string): string;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

function generate(dir: string, madeAt: Date): void {
  const run = (args: string[], input?: string) => execFileSync('openssl', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], input });
  const w = (name: string, text: string) => writeFileSync(join(dir, name), text);
  // Keys: a few, shared.
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'root.key']);
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'inter.key']);
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa2048.key']);
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa1024.key']);
  run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key']);

  w(
    'ext.cnf',
    [
      '[root]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[inter]',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      'keyUsage=critical,keyCertSign,cRLSign',
      'crlDistributionPoints=URI:http://crl.contoso.com/root.crl',
      '[selfsigned]',
      'basicConstraints=CA:FALSE',
      'subjectAltName=DNS:ex01.contoso.com',
      'extendedKeyUsage=serverAuth',
      ...LEAVES.flatMap((l) => [
        `[${l.name}]`,
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        ...(l.san ? [`subjectAltName=${l.san}`] : []),
        ...(l.eku === null ? [] : [`extendedKeyUsage=${l.eku ?? 'serverAuth,clientAuth'}`]),
        ...(l.crl === false ? [] : ['crlDistributionPoints=URI:http://crl.contoso.com/inter.crl']),
      ]),
      '',
    ].join('\n'),
  );
  w('req.cnf', '[req]\ndistinguished_name=dn\n[dn]\n' + readFileSync(join(dir, 'ext.cnf'), 'utf8'));
  const caConf = (name: string) =>
    [
      '[ca]',
      'default_ca=CA_default',
      '[CA_default]',
      `dir=./${name}-db`,
      'database=$dir/index.txt',
      'serial=$dir/serial',
      'new_certs_dir=$dir',
      `certificate=./${name}.crt`,
      `private_key=./${name}.key`,
      'default_md=sha256',
      'policy=pol',
      'unique_subject=no',
      'email_in_dn=no',
      'copy_extensions=none',
      'default_days=365',
      '[pol]',
      'commonName=supplied',
      '',
    ].join('\n');
  for (const ca of ['root', 'inter']) {
    mkdirSync(join(dir, `${ca}-db`));
    writeFileSync(join(dir, `${ca}-db`, 'index.txt'), '');
    writeFileSync(join(dir, `${ca}-db`, 'serial'), '01\n');
    w(`${ca}-ca.cnf`, caConf(ca));
  }
  run(['req', '-x509', '-new', '-key', 'root.key', '-subj', '/C=US/O=Contoso/CN=UMC Test Root CA', '-days', '3650', '-sha256', '-config', 'req.cnf', '-extensions', 'root', '-out', 'root.crt']);
  const sign = (ca: string, csr: string, out: string, ext: string, start: string, end: string, extra: string[] = []) =>
    run([
      'ca',
      '-batch',
      '-notext',
      '-rand_serial',
      '-config',
      `${ca}-ca.cnf`,
      '-preserveDN',
      '-in',
      csr,
      '-out',
      out,
      '-extfile',
      'ext.cnf',
      '-extensions',
      ext,
      '-startdate',
      start,
      '-enddate',
      end,
      ...extra,
    ]);
  const t = (days: number) => stamp(new Date(madeAt.getTime() + days * DAY));
  run(['req', '-new', '-key', 'inter.key', '-subj', '/C=US/O=Contoso/CN=UMC Test Issuing CA', '-config', 'req.cnf', '-out', 'inter.csr']);
  sign('root', 'inter.csr', 'inter.crt', 'inter', t(-10), t(3000));
  run([
    'req',
    '-x509',
    '-new',
    '-key',
    'rsa2048.key',
    '-subj',
    '/O=Contoso/CN=ex01.contoso.com',
    '-days',
    '365',
    '-sha256',
    '-config',
    'req.cnf',
    '-extensions',
    'selfsigned',
    '-out',
    'leaf-selfsigned.crt',
  ]);

  for (const l of LEAVES) {
    const key = `${l.key ?? 'rsa2048'}.key`;
    run(['req', '-new', '-key', key, '-subj', `/O=Contoso/CN=${l.cn}`, '-config', 'req.cnf', '-out', `${l.name}.csr`]);
    const [start, end] = l.fixedDates ?? [t(l.from ?? -1), t(l.to ?? 365)];
    const extra = [...(l.md === 'sha1' ? ['-md', 'sha1'] : []), ...(l.pss ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'] : [])];
    sign('inter', `${l.name}.csr`, `leaf-${l.name}.crt`, l.name, start, end, extra);
  }
  // Every certificate as DER .cer, PEM .crt (already), PKCS#7 DER and PEM, PFX (modern).
  const all = [...LEAVES.map((l) => `leaf-${l.name}`), 'leaf-selfsigned', 'root', 'inter'];
  for (const c of all) {
    run(['x509', '-in', `${c}.crt`, '-outform', 'DER', '-out', `${c}.cer`]);
    run(['crl2pkcs7', '-nocrl', '-certfile', `${c}.crt`, '-outform', 'DER', '-out', `${c}.p7b`]);
    run(['crl2pkcs7', '-nocrl', '-certfile', `${c}.crt`, '-out', `${c}.pem.p7b`]);
  }
  const keyOf = (c: string) => {
    const l = LEAVES.find((x) => `leaf-${x.name}` === c);
    return c === 'root' ? 'root.key' : c === 'inter' ? 'inter.key' : `${l?.key ?? 'rsa2048'}.key`;
  };
  for (const c of all) run(['pkcs12', '-export', '-inkey', keyOf(c), '-in', `${c}.crt`, '-passout', `pass:${PFX_PASSWORD}`, '-out', `${c}.pfx`]);

  // The chain: PEM with openssl's text around it, and as PKCS#7.
  const chainPem = ['leaf-good', 'inter', 'root'].map((c) => run(['x509', '-in', `${c}.crt`, '-text']).toString()).join('\nSome text between the certificates.\n');
  w('chain.pem', `Bag of certificates exported for UM01\n${chainPem}\ntrailing words\n`);
  run(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER', '-out', 'chain.p7b']);
  run(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-out', 'chain.pem.p7b']);
  w('chain-inter-root.pem', ['inter', 'root'].map((c) => run(['x509', '-in', `${c}.crt`]).toString()).join(''));
  // PFX variants for the good leaf with its chain.
  const pfx = (out: string, args: string[], pass: string) =>
    run(['pkcs12', '-export', '-inkey', 'rsa2048.key', '-in', 'leaf-good.crt', '-certfile', 'chain-inter-root.pem', '-passout', `pass:${pass}`, '-out', out, ...args]);
  pfx('chain-modern.pfx', [], PFX_PASSWORD);
  pfx('chain-legacy.pfx', ['-legacy'], PFX_PASSWORD);
  pfx('chain-legacy-3des.pfx', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], PFX_PASSWORD);
  pfx('chain-empty.pfx', [], '');
  pfx('chain-empty-legacy.pfx', ['-legacy'], '');
  pfx('chain-nomac.pfx', ['-nomac'], PFX_PASSWORD);
  pfx('chain-nomac-legacy.pfx', ['-nomac', '-legacy'], PFX_PASSWORD);
  pfx('chain-unicode.pfx', [], UNICODE_PASSWORD);
  pfx('chain-unicode-legacy.pfx', ['-legacy'], UNICODE_PASSWORD);
  pfx('chain-clear.pfx', ['-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac'], '');
  pfx('chain-highiter.pfx', ['-iter', '2000000', '-nomac'], PFX_PASSWORD);
  pfx('chain-highiter-legacy.pfx', ['-legacy', '-iter', '200000', '-nomac'], PFX_PASSWORD);
  run(['pkcs12', '-export', '-nokeys', '-in', 'leaf-good.crt', '-passout', `pass:${PFX_PASSWORD}`, '-out', 'nokey.pfx']);
  run(['pkcs12', '-export', '-inkey', 'ec.key', '-in', 'leaf-ec.crt', '-passout', `pass:${PFX_PASSWORD}`, '-out', 'ec-legacy.pfx', '-legacy']);
  // PEM with the certificate and its key (hasPrivateKey), a CSR, a key alone.
  w('with-key.pem', run(['x509', '-in', 'leaf-good.crt']).toString() + run(['pkey', '-in', 'rsa2048.key']).toString());
  run(['req', '-new', '-key', 'rsa2048.key', '-subj', '/CN=csr.contoso.com', '-config', 'req.cnf', '-out', 'request.csr']);
  run(['pkey', '-in', 'rsa2048.key', '-out', 'key-only.pem']);
  w('VERSION', String(VERSION));
}

let cached: Fixtures | null = null;

/** The fixtures directory (made on first use in this run, or reused from another test process today). */
export function certFixtures(): Fixtures {
  if (cached) return cached;
  const day = new Date().toISOString().slice(0, 10);
  const dir = join(tmpdir(), `umc-cert-fixtures-v${VERSION}-${day}`);
  if (!existsSync(join(dir, 'VERSION'))) {
    const work = mkdtempSync(join(tmpdir(), 'umc-cert-fixtures-work-'));
    const madeAt = new Date();
    generate(work, madeAt);
    writeFileSync(join(work, 'MADE_AT'), madeAt.toISOString());
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another process got there first
    }
  }
  const madeAt = new Date(readFileSync(join(dir, 'MADE_AT'), 'utf8').trim());
  cached = { dir, madeAt, path: (name) => join(dir, name) };
  return cached;
}

/** openssl's own view of a certificate, to check the reader's fields against. */
export function opensslFields(pemPath: string): { thumbprint: string; serial: string; subject: string; notBefore: Date; notAfter: Date; text: string } {
  const out = execFileSync('openssl', ['x509', '-in', pemPath, '-noout', '-fingerprint', '-sha1', '-serial', '-startdate', '-enddate', '-subject', '-nameopt', 'RFC2253']).toString();
  const get = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(out)?.[1] ?? '';
  const text = execFileSync('openssl', ['x509', '-in', pemPath, '-noout', '-text']).toString();
  return {
    thumbprint: get('(?:SHA1|sha1) Fingerprint').replace(/:/g, ''),
    serial: get('serial'),
    subject: get('subject'),
    notBefore: new Date(get('notBefore')),
    notAfter: new Date(get('notAfter')),
    text,
  };
}

/**
 * A PFX at the edge of what pkcs12.ts accepts: legacy PKCS#12 PBE (its KDF runs in a JavaScript loop)
 * at 100,000 iterations, MAX_PKCS12_KDF_ITERATIONS, for the key and for the certificates. It is read
 * (three certificates), and reading it costs about half a second of CPU here: the file a hostile
 * sender can make the reader spend the most on. Written to `out`; its bytes returned.
 */
export function writeCostlyPfx(fx: Fixtures, out: string): Buffer {
  const args = ['pkcs12', '-export', '-legacy', '-iter', '100000', '-nomac', '-inkey', 'rsa2048.key', '-in', 'leaf-good.crt', '-certfile', 'chain-inter-root.pem'];
  execFileSync('openssl', [...args, '-passout', `pass:${PFX_PASSWORD}`, '-out', out], { cwd: fx.dir, stdio: 'pipe' });
  return readFileSync(out);
}
