/**
 * The one certificate reader: the DER bytes of one X.509 certificate → its facts (shared/certificates/cert-model.ts),
 * wherever the bytes come from — a file or container (cert-file-reader.ts), a snapshot's RawData
 * (Get-ExchangeCertificate and Get-CsCertificate send the bytes only: docs/remote-shapes.md), a TLS handshake
 * (live/presented-certificates.ts, the gateway and connection probes).
 *
 * Node's X509Certificate parses and validates the certificate, names its subject and issuer and checks
 * its self-signature; the extensions, key and signature algorithms are read from the DER here (der.ts),
 * named as OpenSSL prints them.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { CertificateFacts, InspectedCertificate } from '../../../shared/certificates/cert-model';
import { type CertRuleContext, evaluateCertificate } from '../../../shared/certificates/cert-rules';
import type { CertificateReader } from '../../../shared/snapshot/decode';
import { bitStringBytes, children, content, DerError, equalBytes, expectTag, intBits, oid, readTlv, type Tlv, whole } from './der';

const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** Signature algorithms, named as OpenSSL prints them (RSASSA-PSS as the model documents). */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa_with_SHA256',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.2.840.10040.4.1': 'DSA',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};
const FIXED_KEY_BITS: Readonly<Record<string, number>> = { X25519: 253, X448: 448, Ed25519: 256, Ed448: 456 };

const CURVE_BITS: Readonly<Record<string, number>> = {
  '1.2.840.10045.3.1.7': 256, // P-256
  '1.3.132.0.34': 384, // P-384
  '1.3.132.0.35': 521, // P-521
  '1.3.132.0.10': 256, // secp256k1
  '1.3.132.0.33': 224, // P-224
  '1.2.840.10045.3.1.1': 192, // P-192
  '1.3.36.3.3.2.8.1.1.7': 256, // brainpoolP256r1
  '1.3.36.3.3.2.8.1.1.11': 384, // brainpoolP384r1
  '1.3.36.3.3.2.8.1.1.13': 512, // brainpoolP512r1
};

const EXT = {
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  extKeyUsage: '2.5.29.37',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** KeyUsage bits in order (RFC 5280 §4.2.1.3), named as the RFC and OpenSSL's config name them. */
const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;

function keyUsageNames(bits: Uint8Array): string[] {
  return KEY_USAGE_BITS.filter((_, n) => ((bits[n >> 3] ?? 0) & (0x80 >> (n & 7))) !== 0);
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex').toUpperCase();

const UPN = '1.3.6.1.4.1.311.20.2.3';

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
const utf8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');

function parseTime(t: Tlv): string {
  const s = latin1(content(t));
  let m: RegExpMatchArray | null;
  if (t.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s))) {
    const yy = Number(m[1]);
    return iso(yy >= 50 ? 1900 + yy : 2000 + yy, m[2], m[3], m[4], m[5], m[6] ?? '00');
  }
  if (t.tag === 0x18 && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s))) {
    return iso(Number(m[1]), m[2], m[3], m[4], m[5], m[6] ?? '00');
  }
  throw new DerError(`bad validity time ${JSON.stringify(s.slice(0, 20))}`);
}

function iso(year: number, mo: string, d: string, h: string, mi: string, s: string): string {
  const ms = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) throw new DerError('bad validity time');
  return new Date(ms).toISOString();
}

function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16).toUpperCase());
    return groups.join(':');
  }
  return Buffer.from(b).toString('hex').toUpperCase();
}

function generalName(g: Tlv): string | null {
  switch (g.tag) {
    case 0x82:
      return `DNS:${latin1(content(g))}`;
    case 0x87:
      return `IP:${formatIp(content(g))}`;
    case 0x86:
      return `URI:${latin1(content(g))}`;
    case 0x81:
      return `email:${latin1(content(g))}`;
    case 0xa0: {
      const c = children(g);
      const type = c[0]?.tag === 0x06 ? oid(c[0]) : '?';
      if (type === UPN && c[1]?.tag === 0xa0) {
        const v = children(c[1])[0];
        if (v) return `othername:UPN:${utf8(content(v))}`;
      }
      return `othername:${type}`;
    }
    case 0xa4:
      return 'DirName';
    case 0x88:
      return `Registered ID:${oid({ ...g, tag: 0x06 })}`;
    default:
      return null;
  }
}

function generalNames(seq: Tlv): string[] {
  return children(expectTag(seq, 0x30, 'GeneralNames'))
    .map(generalName)
    .filter((x): x is string => x !== null);
}

function crlPoints(value: Tlv): string[] {
  const out: string[] = [];
  for (const dp of children(expectTag(value, 0x30, 'CRLDistributionPoints'))) {
    for (const part of children(expectTag(dp, 0x30, 'a DistributionPoint'))) {
      if (part.tag !== 0xa0) continue; // reasons, cRLIssuer
      for (const name of children(part)) {
        // [0] fullName (GeneralNames, implicit) or [1] nameRelativeToCRLIssuer.
        if (name.tag === 0xa0) for (const g of children(name)) out.push(generalName(g) ?? 'other');
        else out.push('RelativeName');
      }
    }
  }
  return out;
}

/** Node prints one RDN a line in DER order; Windows shows them most-specific first, comma-separated. */
function windowsName(nodeName: string): string {
  return nodeName.split('\n').filter(Boolean).reverse().join(', ');
}

function commonName(nodeName: string): string | null {
  for (const line of nodeName.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}

/** One certificate's facts from its DER. Throws DerError / Error when it is not a readable certificate. */
function parseCertificate(der: Uint8Array, hasPrivateKey: boolean): CertificateFacts {
  const top = readTlv(der, 0);
  if (top.end !== der.length) throw new DerError('trailing data after the certificate');
  const [tbsT, sigAlgT, sigT] = children(expectTag(top, 0x30, 'a certificate SEQUENCE'));
  expectTag(sigT, 0x03, 'a signature BIT STRING');
  const tbs = children(expectTag(tbsT, 0x30, 'a TBSCertificate'));
  let i = tbs[0]?.tag === 0xa0 ? 1 : 0;
  const serialT = expectTag(tbs[i++], 0x02, 'a serial number');
  i++; // the inner signature algorithm
  const issuerT = expectTag(tbs[i++], 0x30, 'an issuer name');
  const validity = children(expectTag(tbs[i++], 0x30, 'a validity'));
  const subjectT = expectTag(tbs[i++], 0x30, 'a subject name');
  const spkiT = expectTag(tbs[i++], 0x30, 'a public key');
  const notBefore = parseTime(validity[0] ?? expectTag(undefined, 0x17, 'notBefore'));
  const notAfter = parseTime(validity[1] ?? expectTag(undefined, 0x17, 'notAfter'));
  const sigOid = oid(expectTag(children(expectTag(sigAlgT, 0x30, 'a signature algorithm'))[0], 0x06, 'a signature OID'));

  // The public key.
  const [keyAlgT, keyBitsT] = children(spkiT);
  const keyAlg = children(expectTag(keyAlgT, 0x30, 'a key algorithm'));
  const keyOid = oid(expectTag(keyAlg[0], 0x06, 'a key OID'));
  const keyAlgorithm = KEY_ALGORITHMS[keyOid] ?? keyOid;
  let keySize: number | null = FIXED_KEY_BITS[keyAlgorithm] ?? null;
  try {
    const key = bitStringBytes(expectTag(keyBitsT, 0x03, 'a key BIT STRING'));
    if (keyAlgorithm === 'RSA' || keyAlgorithm === 'RSA-PSS') keySize = intBits(expectTag(children(readTlv(key, 0))[0], 0x02, 'a modulus'));
    else if (keyAlgorithm === 'EC') keySize = keyAlg[1]?.tag === 0x06 ? (CURVE_BITS[oid(keyAlg[1])] ?? null) : null;
    else if (keyAlgorithm === 'DSA' && keyAlg[1]?.tag === 0x30) keySize = intBits(expectTag(children(keyAlg[1])[0], 0x02, 'DSA p'));
  } catch {
    keySize = null;
  }

  // Extensions.
  let san: string[] = [];
  let eku: string[] | null = null;
  let isCA = false;
  let pathLength: number | null = null;
  let crl: string[] = [];
  let keyUsage: string[] | null = null;
  // Key identifiers (RFC 5280 §4.2.1.1, §4.2.1.2): what links a certificate to its issuer's certificate
  // when building the chain to its root (shared/certificates/chain.ts).
  let subjectKeyId: string | null = null;
  let authorityKeyId: string | null = null;
  const extsT = tbs.slice(i).find((t) => t.tag === 0xa3);
  if (extsT) {
    for (const ext of children(expectTag(children(extsT)[0], 0x30, 'Extensions'))) {
      const parts = children(expectTag(ext, 0x30, 'an extension'));
      const id = oid(expectTag(parts[0], 0x06, 'an extension OID'));
      const valueT = expectTag(parts[parts.length - 1], 0x04, 'an extension value');
      const value = readTlv(content(valueT), 0);
      if (id === EXT.subjectAltName) san = generalNames(value);
      else if (id === EXT.extKeyUsage)
        eku = children(expectTag(value, 0x30, 'ExtKeyUsage')).map((o) => {
          const s = oid(o);
          return EKU_NAMES[s] ?? s;
        });
      else if (id === EXT.basicConstraints) {
        for (const c of children(expectTag(value, 0x30, 'BasicConstraints'))) {
          if (c.tag === 0x01) isCA = content(c)[0] !== 0;
          else if (c.tag === 0x02) pathLength = intBits(c) <= 31 ? Number.parseInt(Buffer.from(content(c)).toString('hex') || '0', 16) : null;
        }
      } else if (id === EXT.crlDistributionPoints) crl = crlPoints(value);
      else if (id === EXT.keyUsage) keyUsage = keyUsageNames(bitStringBytes(expectTag(value, 0x03, 'a KeyUsage BIT STRING')));
      else if (id === EXT.subjectKeyIdentifier) subjectKeyId = hex(content(expectTag(value, 0x04, 'a SubjectKeyIdentifier')));
      else if (id === EXT.authorityKeyIdentifier) {
        // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, … }
        const keyId = children(expectTag(value, 0x30, 'an AuthorityKeyIdentifier')).find((c) => c.tag === 0x80);
        if (keyId) authorityKeyId = hex(content(keyId));
      }
    }
  }

  // Node's parser: validates the whole, names the subject and issuer, checks the self-signature.
  let x: X509Certificate;
  try {
    x = new X509Certificate(der);
  } catch (e) {
    throw new DerError(e instanceof Error ? e.message : String(e));
  }
  // Self-signed: subject and issuer are the same name and the certificate's own key verifies it.
  // checkIssued() is not used: OpenSSL also demands keyCertSign there, which Exchange's self-signed
  // certificates lack.
  let selfSigned = false;
  if (equalBytes(whole(issuerT), whole(subjectT))) {
    try {
      selfSigned = x.verify(x.publicKey);
    } catch {
      selfSigned = false;
    }
  }
  return {
    subject: windowsName(x.subject),
    subjectCommonName: commonName(x.subject),
    issuer: windowsName(x.issuer),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    sha256Thumbprint: createHash('sha256').update(der).digest('hex').toUpperCase(),
    serialNumber: x.serialNumber.toUpperCase() || Buffer.from(content(serialT)).toString('hex').toUpperCase(),
    notBefore,
    notAfter,
    keyAlgorithm,
    keySize,
    signatureAlgorithm: SIGNATURE_NAMES[sigOid] ?? sigOid,
    subjectAltNames: san,
    extendedKeyUsage: eku,
    isCA,
    pathLength,
    selfSigned,
    crlDistributionPoints: crl,
    hasPrivateKey,
    subjectKeyId,
    authorityKeyId,
    keyUsage,
  };
}

/** The bytes are not one X.509 certificate; `detail` says why (the message adds what was expected). */
export class UnreadableCertificate extends Error {
  constructor(readonly detail: string) {
    super(`not a DER X.509 certificate (${detail})`);
  }
}

/** One certificate's facts from its exact DER. Throws UnreadableCertificate. */
export function readCertificateDer(der: Uint8Array, hasPrivateKey = false): CertificateFacts {
  try {
    return parseCertificate(der, hasPrivateKey);
  } catch (e) {
    throw new UnreadableCertificate(e instanceof Error ? e.message : String(e));
  }
}

/** The decoder's reader: RawData (base64 DER) → the facts; throws with a readable message. */
export const readCertificateBase64: CertificateReader = (rawDataBase64) => {
  if (rawDataBase64 === '') throw new Error('no RawData');
  return readCertificateDer(Buffer.from(rawDataBase64, 'base64'));
};

/**
 * Does `issuerDer`'s public key verify `der`'s signature? null when a certificate cannot be parsed or
 * its key type cannot verify (the chain then says `unchecked`, never `broken`).
 */
export function signatureVerifies(der: Uint8Array, issuerDer: Uint8Array): boolean | null {
  try {
    return new X509Certificate(der).verify(new X509Certificate(issuerDer).publicKey);
  } catch {
    return null;
  }
}

/** The facts with the per-certificate rules' findings. */
export function judgeCertificate(facts: CertificateFacts, o: CertRuleContext): InspectedCertificate {
  return { ...facts, findings: evaluateCertificate(facts, { now: o.now, fqdn: o.fqdn, purpose: o.purpose }) };
}

/** One DER certificate (a handshake's, RawData's) with its findings. Throws UnreadableCertificate. */
export function inspectCertificateDer(der: Uint8Array, options: CertRuleContext & { readonly hasPrivateKey?: boolean }): InspectedCertificate {
  return judgeCertificate(readCertificateDer(der, options.hasPrivateKey ?? false), options);
}
