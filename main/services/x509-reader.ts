/**
 * The certificate reader the decoder is given in Node: Node's X509Certificate over the DER bytes
 * that Get-ExchangeCertificate sends as RawData (docs/remote-shapes.md, "Certificates carry their bytes only").
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../../shared/model/org';
import type { CertificateReader } from '../../shared/snapshot/decode';

/** Node prints one RDN per line in DER order; Windows shows them most-specific first, comma-separated. */
function windowsName(nodeName: string): string {
  return nodeName
    .split('\n')
    .filter(Boolean)
    .reverse()
    .join(', ');
}

function commonName(nodeName: string): string | null {
  for (const line of nodeName.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}

function dnsNames(san: string | undefined): string[] {
  if (!san) return [];
  return san
    .split(/,\s*/)
    .filter((p) => p.startsWith('DNS:'))
    .map((p) => p.slice(4));
}

export function readCertificateDer(der: Uint8Array): CertificateFacts {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch (e) {
    throw new Error(`not a DER X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
  }
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  // Self-signed: subject and issuer are the same name and the certificate's own key verifies it
  // (CSS-Exchange compares SubjectName and IssuerName the same way). checkIssued() is not used:
  // OpenSSL also demands keyCertSign there, which Exchange's self-signed certificates lack.
  let selfSigned = false;
  if (cert.subject === cert.issuer) {
    try {
      selfSigned = cert.verify(key);
    } catch {
      selfSigned = false;
    }
  }
  return {
    thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
    subject: windowsName(cert.subject),
    subjectCommonName: commonName(cert.subject),
    issuer: windowsName(cert.issuer),
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    dnsNames: dnsNames(cert.subjectAltName),
    keyAlgorithm: (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keySize: details?.modulusLength ?? null,
    isSelfSigned: selfSigned,
    isCertificateAuthority: cert.ca,
    extendedKeyUsage: cert.keyUsage && cert.keyUsage.length > 0 ? cert.keyUsage : null,
  };
}

export const readCertificateBase64: CertificateReader = (rawDataBase64) => {
  if (rawDataBase64 === '') throw new Error('no RawData');
  return readCertificateDer(Buffer.from(rawDataBase64, 'base64'));
};
