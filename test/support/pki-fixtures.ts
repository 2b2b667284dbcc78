/**
 * Real PKIs made with openssl at test time, for the chain rules (R-X-01: "le même certificat racine",
 * seed 001): CAs (roots, intermediates under them) and server certificates issued by any of them,
 * read by the one certificate reader (main/services/certificates/certificate-reader.ts) into the
 * facts the org model holds. Every certificate carries subject and authority key identifiers, as a
 * Windows CA issues them.
 *
 * The files live in a temporary directory removed when the process exits; certificates are made on
 * first use and cached by name for the process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateFacts } from '../../shared/certificates/cert-model';
import { readCertificateDer } from '../../main/services/certificates/certificate-reader';

export interface PkiCertificate {
  readonly facts: CertificateFacts;
  /** Base64 DER, as RawData. */
  readonly rawData: string;
  /** PEM, for a trusted-roots bundle. */
  readonly pem: string;
}

let dir: string | undefined;
const made = new Map<string, PkiCertificate & { readonly file: string; readonly key: string }>();
let counter = 0;

function workDir(): string {
  if (!dir) {
    const d = mkdtempSync(join(tmpdir(), 'umc-pki-'));
    dir = d;
    process.once('exit', () => rmSync(d, { recursive: true, force: true }));
    writeFileSync(join(d, 'req.cnf'), '[req]\ndistinguished_name=dn\n[dn]\n');
    run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'leaf.key']);
  }
  return dir;
}

function run(args: readonly string[]): Buffer {
  return execFileSync('openssl', args, { cwd: workDir(), stdio: ['pipe', 'pipe', 'pipe'] });
}

function load(name: string, file: string, key: string): PkiCertificate {
  const pem = readFileSync(join(workDir(), file), 'utf8');
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const c = { facts: readCertificateDer(der), rawData: der.toString('base64'), pem, file, key };
  made.set(name, c);
  return c;
}

function sign(csr: string, out: string, issuer: { file: string; key: string } | null, key: string, ext: string): void {
  const n = ++counter;
  writeFileSync(join(workDir(), `ext${n}.cnf`), `[x]\n${ext}\n`);
  const serial = (0x1000 + n).toString(16);
  if (issuer)
    run(['x509', '-req', '-in', csr, '-CA', issuer.file, '-CAkey', issuer.key, '-set_serial', `0x${serial}`, '-days', '825', '-sha256', '-extfile', `ext${n}.cnf`, '-extensions', 'x', '-out', out]);
  else run(['x509', '-req', '-in', csr, '-signkey', key, '-set_serial', `0x${serial}`, '-days', '3650', '-sha256', '-extfile', `ext${n}.cnf`, '-extensions', 'x', '-out', out]);
}

/** A CA: a root when `issuer` is omitted (self-signed), else an intermediate issued by the CA named `issuer`. */
export function pkiCa(name: string, issuer?: string): PkiCertificate {
  const cached = made.get(name);
  if (cached) return cached;
  const parent = issuer ? made.get(issuer) : null;
  if (issuer && !parent) throw new Error(`CA ${issuer} not made yet`);
  const n = ++counter;
  const key = `ca${n}.key`;
  run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
  run(['req', '-new', '-config', 'req.cnf', '-key', key, '-subj', `/DC=com/DC=litwareinc/CN=${name}`, '-out', `ca${n}.csr`]);
  const ext = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid'];
  sign(`ca${n}.csr`, `ca${n}.crt`, parent ?? null, key, ext.join('\n'));
  return load(name, `ca${n}.crt`, key);
}

/** A server certificate (CN and SAN `fqdn`, serverAuth) issued by the CA named `issuer`, or self-signed when `issuer` is null. */
export function pkiServer(fqdn: string, issuer: string | null): PkiCertificate {
  const name = `${fqdn}@${issuer ?? 'self'}`;
  const cached = made.get(name);
  if (cached) return cached;
  const parent = issuer ? made.get(issuer) : null;
  if (issuer && !parent) throw new Error(`CA ${issuer} not made yet`);
  const n = ++counter;
  workDir();
  run(['req', '-new', '-config', 'req.cnf', '-key', 'leaf.key', '-subj', `/CN=${fqdn}`, '-out', `leaf${n}.csr`]);
  const ext = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `subjectAltName=DNS:${fqdn}`,
    'extendedKeyUsage=serverAuth,clientAuth',
    'crlDistributionPoints=URI:http://crl.litwareinc.com/ca.crl',
    'subjectKeyIdentifier=hash',
    ...(parent ? ['authorityKeyIdentifier=keyid'] : []),
  ];
  sign(`leaf${n}.csr`, `leaf${n}.crt`, parent ?? null, 'leaf.key', ext.join('\n'));
  return load(name, `leaf${n}.crt`, 'leaf.key');
}
