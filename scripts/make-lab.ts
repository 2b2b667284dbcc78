/**
 * Regenerates assets/lab/litwareinc.umcsnap.json: real certificates made by openssl (a Litware
 * root CA and the leaf certificates the lab needs), then the lab org built around them.
 * Run with `npm run lab:regenerate`; the output is committed so the console needs no openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLabSnapshot, LAB_CERTIFICATE_NAMES, LAB_CERTIFICATE_SPECS, type LabCertificate, type LabCertificateName, labSnapshotText } from '../test/support/org-builder/lab-org';
import { readCertificateDer } from '../main/services/certificates/certificate-reader';
import { dnsNamesOf } from '../shared/certificates/cert-model';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'umc-lab-'));
  try {
    // The root: "Litware Root CA", with a CRL distribution point as Lync requires of its chain.
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'root.key',
        '-out',
        'root.pem',
        '-days',
        '3650',
        '-sha256',
        '-subj',
        '/DC=com/DC=litwareinc/CN=Litware Root CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    const certs = {} as Record<LabCertificateName, LabCertificate>;
    for (const name of LAB_CERTIFICATE_NAMES) {
      const spec = LAB_CERTIFICATE_SPECS[name];
      const ext = [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        `extendedKeyUsage=${spec.eku}`,
        ...(spec.sans.length ? [`subjectAltName=${spec.sans.map((s) => `DNS:${s}`).join(',')}`] : []),
        ...(spec.issuer === 'root' ? ['crlDistributionPoints=URI:http://pki.litwareinc.com/crl/LitwareRootCA.crl'] : []),
      ];
      writeFileSync(join(dir, `${name}.ext`), ext.join('\n') + '\n');
      openssl(['req', '-new', '-newkey', `rsa:${spec.bits}`, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${spec.cn}`], dir);
      // openssl x509 (3.0) has no start-date option: the certificate starts now and runs for what is
      // left of its life had it been issued `backdate` days ago.
      const signer = spec.issuer === 'root' ? ['-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial'] : ['-signkey', `${name}.key`];
      openssl(['x509', '-req', '-in', `${name}.csr`, ...signer, '-days', String(spec.days - spec.backdate), '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`, '-outform', 'PEM'], dir);
      openssl(['x509', '-in', `${name}.pem`, '-outform', 'DER', '-out', `${name}.der`], dir);
      const der = readFileSync(join(dir, `${name}.der`));
      const facts = readCertificateDer(der);
      certs[name] = {
        rawData: der.toString('base64'),
        thumbprint: facts.thumbprint,
        subject: facts.subject,
        issuer: facts.issuer,
        serialNumber: facts.serialNumber,
        notBefore: facts.notBefore,
        notAfter: facts.notAfter,
        dnsNames: dnsNamesOf(facts),
      };
    }
    const snapshot = buildLabSnapshot(certs);
    const out = join(process.cwd(), 'assets', 'lab', 'litwareinc.umcsnap.json');
    writeFileSync(out, labSnapshotText(snapshot));
    console.log(`wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
