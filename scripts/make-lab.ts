/**
 * Regenerates assets/lab/litwareinc.umcsnap.json: real certificates made by openssl (a Litware
 * root CA and the leaf certificates the lab needs), then the lab org built around them.
 * Run with `npm run lab:regenerate`; the output is committed so the console needs no openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLabSnapshot, LAB_CERTIFICATE_NAMES, type LabCertificate, type LabCertificateName } from '../shared/lab/lab-org';
import { readCertificateDer } from '../main/services/x509-reader';

interface Spec {
  cn: string;
  sans: string[];
  bits: number;
  days: number;
  /** Start this many days before now. */
  backdate: number;
  issuer: 'root' | 'self';
  eku: string;
}

const SPECS: Record<LabCertificateName, Spec> = {
  exUm001: { cn: 'atl-exchange-001.litwareinc.com', sans: ['atl-exchange-001.litwareinc.com', 'atl-exchange-001'], bits: 2048, days: 730, backdate: 200, issuer: 'root', eku: 'serverAuth,clientAuth' },
  exSelf002: { cn: 'ATL-EX-002', sans: ['ATL-EX-002', 'atl-exchange-002.litwareinc.com'], bits: 2048, days: 1826, backdate: 600, issuer: 'self', eku: 'serverAuth' },
  exWildcard003: { cn: '*.litwareinc.com', sans: ['*.litwareinc.com', 'litwareinc.com'], bits: 2048, days: 730, backdate: 90, issuer: 'root', eku: 'serverAuth,clientAuth' },
  exAuth: { cn: 'Microsoft Exchange Server Auth Certificate', sans: [], bits: 2048, days: 1826, backdate: 600, issuer: 'self', eku: 'serverAuth' },
  exMail: { cn: 'mail.litwareinc.com', sans: ['mail.litwareinc.com', 'autodiscover.litwareinc.com'], bits: 2048, days: 730, backdate: 120, issuer: 'root', eku: 'serverAuth' },
  csAtlPool: {
    cn: 'atl-cs-001.litwareinc.com',
    sans: ['atl-cs-001.litwareinc.com', 'atl-fe-01.litwareinc.com', 'atl-fe-02.litwareinc.com', 'atl-fe-03.litwareinc.com', 'sip.litwareinc.com', 'meet.litwareinc.com', 'dialin.litwareinc.com', 'lyncdiscoverinternal.litwareinc.com'],
    bits: 2048, days: 730, backdate: 300, issuer: 'root', eku: 'serverAuth,clientAuth',
  },
  csWebExt: { cn: 'webext.litwareinc.com', sans: ['webext.litwareinc.com', 'lyncdiscover.litwareinc.com'], bits: 2048, days: 382, backdate: 362, issuer: 'root', eku: 'serverAuth' },
  csOAuth: { cn: 'litwareinc.com', sans: ['litwareinc.com'], bits: 2048, days: 730, backdate: 300, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csOAuthOld: { cn: 'oauth-old.litwareinc.com', sans: ['oauth-old.litwareinc.com'], bits: 1024, days: 1095, backdate: 900, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csDalSe: { cn: 'dal-cs-se01.litwareinc.com', sans: ['dal-cs-se01.litwareinc.com', 'sip.litwareinc.com', 'meet.litwareinc.com'], bits: 2048, days: 730, backdate: 250, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csDalPool: { cn: 'dal-cs-002.litwareinc.com', sans: ['dal-cs-002.litwareinc.com', 'dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'], bits: 2048, days: 730, backdate: 30, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csDirector: { cn: 'atl-dir-001.litwareinc.com', sans: ['atl-dir-001.litwareinc.com', 'atl-dir-01.litwareinc.com', 'atl-dir-02.litwareinc.com'], bits: 2048, days: 730, backdate: 250, issuer: 'root', eku: 'serverAuth,clientAuth' },
  csSba: { cn: 'red-sba-01.litwareinc.com', sans: ['red-sba-01.litwareinc.com'], bits: 2048, days: 730, backdate: 250, issuer: 'root', eku: 'serverAuth,clientAuth' },
};

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'umc-lab-'));
  try {
    // The root: "Litware Root CA", with a CRL distribution point as Lync requires of its chain.
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-sha256', '-subj', '/DC=com/DC=litwareinc/CN=Litware Root CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    const certs = {} as Record<LabCertificateName, LabCertificate>;
    for (const name of LAB_CERTIFICATE_NAMES) {
      const spec = SPECS[name];
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
        dnsNames: facts.dnsNames,
      };
    }
    const snapshot = buildLabSnapshot(certs);
    const out = join(process.cwd(), 'assets', 'lab', 'litwareinc.umcsnap.json');
    // Windows PowerShell 5.1's ConvertTo-Json escapes the slashes of its date form: "\\/Date(ms)\\/".
    const json = JSON.stringify(snapshot, null, 1).replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"');
    writeFileSync(out, json + '\n');
    console.log(`wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
