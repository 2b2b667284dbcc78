/**
 * Offline inspection of certificate files: DER or PEM certificates (one or many, PEM with
 * text around it), PKCS#7 (.p7b/.p7c, DER or PEM) and PKCS#12 (.pfx/.p12), detected by content, not
 * by extension. Each file gives a FileInspection: its certificates with their fields and findings, or
 * an error with one of the codes and a clear message — never a throw, never a hang (sizes,
 * nesting and key-derivation work are bounded; see der.ts and pkcs12.ts).
 *
 * Fields: Node's X509Certificate parses and validates the certificate and names it (subject and issuer
 * Windows-style, as x509-reader.ts); the extensions, key and signature algorithms are read from the
 * DER here (der.ts).
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { CertPurpose, FileInspection, InspectedCertificate, InspectErrorCode } from '../../../shared/certificates/cert-model';
import { MAX_CERT_FILE_BYTES } from '../../../shared/certificates/cert-model';
import { evaluateCertificate } from '../../../shared/certificates/cert-rules';
import { type Language, translateDynamic } from '../../../shared/i18n/translate';
import { bitStringBytes, children, content, DerError, equalBytes, expectTag, intBits, oid, readTlv, type Tlv, whole } from './der';
import { certSpki, looksLikePfx, ReadFailure, readPkcs12 } from './pkcs12';

export interface InspectOptions {
  /** The PFX password (used for this call only); without it the empty password is tried, as Windows does. */
  readonly password?: string;
  readonly fqdn?: string;
  readonly purpose?: CertPurpose;
  readonly now: Date;
  /** The language of error messages (default English); findings carry both an English message and an i18n key. */
  readonly language?: Language;
}

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
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  extKeyUsage: '2.5.29.37',
} as const;

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

/** Node prints one RDN a line in DER order; Windows shows them most-specific first, comma-separated (as x509-reader.ts). */
function windowsName(nodeName: string): string {
  return nodeName.split('\n').filter(Boolean).reverse().join(', ');
}

function commonName(nodeName: string): string | null {
  for (const line of nodeName.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}

interface Parsed {
  readonly fields: Omit<InspectedCertificate, 'findings' | 'hasPrivateKey'>;
  readonly spki: Uint8Array;
}

/** One certificate's fields from its DER. Throws DerError / Error when it is not a readable certificate. */
function parseCertificate(der: Uint8Array): Parsed {
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
  const extsT = tbs.slice(i).find((t) => t.tag === 0xa3);
  if (extsT) {
    for (const ext of children(expectTag(children(extsT)[0], 0x30, 'Extensions'))) {
      const parts = children(expectTag(ext, 0x30, 'an extension'));
      const id = oid(expectTag(parts[0], 0x06, 'an extension OID'));
      const valueT = expectTag(parts[parts.length - 1], 0x04, 'an extension value');
      const value = readTlv(content(valueT), 0);
      if (id === EXT.subjectAltName) san = generalNames(value);
      else if (id === EXT.extKeyUsage) eku = children(expectTag(value, 0x30, 'ExtKeyUsage')).map((o) => { const s = oid(o); return EKU_NAMES[s] ?? s; });
      else if (id === EXT.basicConstraints) {
        for (const c of children(expectTag(value, 0x30, 'BasicConstraints'))) {
          if (c.tag === 0x01) isCA = content(c)[0] !== 0;
          else if (c.tag === 0x02) pathLength = intBits(c) <= 31 ? Number.parseInt(Buffer.from(content(c)).toString('hex') || '0', 16) : null;
        }
      } else if (id === EXT.crlDistributionPoints) crl = crlPoints(value);
    }
  }

  // Node's parser: validates the whole, names the subject and issuer, checks the self-signature.
  let x: X509Certificate;
  try {
    x = new X509Certificate(der);
  } catch (e) {
    throw new DerError(e instanceof Error ? e.message : String(e));
  }
  let selfSigned = false;
  if (equalBytes(whole(issuerT), whole(subjectT))) {
    try {
      selfSigned = x.verify(x.publicKey);
    } catch {
      selfSigned = false;
    }
  }
  return {
    spki: whole(spkiT),
    fields: {
      subject: windowsName(x.subject),
      subjectCommonName: commonName(x.subject),
      issuer: windowsName(x.issuer),
      thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
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
    },
  };
}

function withFindings(p: Parsed, hasPrivateKey: boolean, o: Pick<InspectOptions, 'now' | 'fqdn' | 'purpose'>): InspectedCertificate {
  const cert = { ...p.fields, hasPrivateKey };
  return { ...cert, findings: evaluateCertificate(cert, { now: o.now, fqdn: o.fqdn, purpose: o.purpose }) };
}

/**
 * One DER certificate (the org's RawData) with its findings. Throws an Error with a readable message
 * when the bytes are not a certificate.
 */
export function inspectCertificateDer(der: Uint8Array, options: { now: Date; fqdn?: string; purpose?: CertPurpose; hasPrivateKey?: boolean }): InspectedCertificate {
  try {
    return withFindings(parseCertificate(der), options.hasPrivateKey ?? false, options);
  } catch (e) {
    throw new Error(`not a DER X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
  }
}

// ------------------------------------------------------------------ containers

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_PKCS7_DATA = '1.2.840.113549.1.7.1';

function pkcs7Certificates(top: Tlv): Uint8Array[] {
  const ci = children(expectTag(top, 0x30, 'a ContentInfo'));
  const type = oid(expectTag(ci[0], 0x06, 'a content type'));
  if (type !== OID_SIGNED_DATA) {
    if (type.startsWith('1.2.840.113549.1.7.')) throw new ReadFailure('unsupported', 'cert.read.unsupportedStructure', { detail: `PKCS#7 content type ${type}` });
    throw new DerError(`unexpected content type ${type}`);
  }
  const sd = children(expectTag(children(expectTag(ci[1], 0xa0, 'content'))[0], 0x30, 'SignedData'));
  expectTag(sd[0], 0x02, 'a version');
  const certsT = sd.slice(3).find((t) => t.tag === 0xa0);
  if (!certsT) return [];
  // CertificateChoices: the X.509 ones (SEQUENCE); attribute/other certificates are skipped.
  return children(certsT)
    .filter((c) => c.tag === 0x30)
    .map(whole);
}

function isCertificateShape(top: Tlv): boolean {
  try {
    const c = children(top);
    return c.length === 3 && c[0].tag === 0x30 && c[1].tag === 0x30 && c[2].tag === 0x03;
  } catch {
    return false;
  }
}

function isPkcs7Shape(top: Tlv): boolean {
  try {
    const c = children(top);
    return c.length >= 1 && c[0].tag === 0x06 && oid(c[0]).startsWith('1.2.840.113549.1.7.') && oid(c[0]) !== OID_PKCS7_DATA;
  } catch {
    return false;
  }
}

interface Found {
  readonly der: Uint8Array;
  hasPrivateKey: boolean;
}

/** A DER blob: a certificate, a PKCS#7 or a PFX. */
function fromDer(bytes: Uint8Array, password: string | undefined): Found[] {
  let top: Tlv;
  try {
    top = readTlv(bytes, 0);
  } catch (e) {
    if (bytes[0] === 0x30) throw new ReadFailure('unreadable', 'cert.read.damaged', { detail: e instanceof Error ? e.message : String(e) });
    throw new ReadFailure('not-a-certificate', 'cert.read.notCertificate');
  }
  if (top.tag !== 0x30) throw new ReadFailure('not-a-certificate', 'cert.read.notCertificate');
  for (let k = top.end; k < bytes.length; k++) {
    // Trailing bytes: only padding (NULs, white space) is tolerated.
    if (bytes[k] !== 0 && bytes[k] !== 0x0a && bytes[k] !== 0x0d && bytes[k] !== 0x20) throw new ReadFailure('unreadable', 'cert.read.damaged', { detail: 'trailing data after the value' });
  }
  const exact = bytes.subarray(0, top.end);
  if (isCertificateShape(top)) return [{ der: exact, hasPrivateKey: false }];
  if (isPkcs7Shape(top)) {
    let certs: Uint8Array[];
    try {
      certs = pkcs7Certificates(top);
    } catch (e) {
      if (e instanceof ReadFailure) throw e;
      throw new ReadFailure('unreadable', 'cert.read.pkcs7Damaged', { detail: e instanceof Error ? e.message : String(e) });
    }
    if (certs.length === 0) throw new ReadFailure('not-a-certificate', 'cert.read.pkcs7Empty');
    return certs.map((der) => ({ der, hasPrivateKey: false }));
  }
  if (looksLikePfx(top)) {
    let certs;
    try {
      certs = readPkcs12(top, password);
    } catch (e) {
      if (e instanceof ReadFailure) throw e;
      throw new ReadFailure('unreadable', 'cert.read.pfxDamaged', { detail: e instanceof Error ? e.message : String(e) });
    }
    if (certs.length === 0) throw new ReadFailure('not-a-certificate', 'cert.read.pfxEmpty');
    return certs.map((c) => ({ der: c.der, hasPrivateKey: c.hasPrivateKey }));
  }
  throw new ReadFailure('not-a-certificate', 'cert.read.derOther');
}

const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;
const PEM_KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);

/** PEM: every `-----BEGIN X-----` block, text around them ignored. Linear in the input. */
function fromPem(text: string, password: string | undefined): Found[] {
  const found: Found[] = [];
  const others: string[] = [];
  const keys: Uint8Array[] = [];
  let pos = 0;
  let index = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', pos);
    if (begin < 0) break;
    const labelStart = begin + 11;
    const labelEnd = text.indexOf('-----', labelStart);
    if (labelEnd < 0 || labelEnd - labelStart > 64) {
      pos = labelStart;
      continue;
    }
    const label = text.slice(labelStart, labelEnd);
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, labelEnd + 5);
    index++;
    const damaged = (detail: string) => new ReadFailure('unreadable', 'cert.read.pemDamaged', { index, type: label, detail });
    if (end < 0) throw damaged('no END line');
    let body = text.slice(labelEnd + 5, end);
    pos = end + endMarker.length;
    if (body.includes(':')) body = body.replace(/^[^\n]*:[^\n]*$/gm, ''); // RFC 1421 headers (Proc-Type…)
    if (!BASE64_BODY.test(body)) throw damaged('not base64');
    const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE' || label === 'TRUSTED CERTIFICATE') {
      let exact: Uint8Array = der;
      try {
        const t = readTlv(der, 0);
        if (label === 'TRUSTED CERTIFICATE') exact = der.subarray(0, t.end); // OpenSSL's trust settings follow the certificate
        else if (t.end !== der.length) throw new DerError('trailing data after the certificate');
        if (!isCertificateShape(t)) throw new DerError('not an X.509 certificate');
      } catch (e) {
        throw damaged(e instanceof Error ? e.message : String(e));
      }
      found.push({ der: exact, hasPrivateKey: false });
    } else if (label === 'PKCS7' || label === 'CMS') {
      try {
        for (const f of fromDer(der, password)) found.push(f);
      } catch (e) {
        if (e instanceof ReadFailure && e.code !== 'unreadable') throw e;
        throw damaged(e instanceof ReadFailure ? String(e.params.detail ?? e.key) : e instanceof Error ? e.message : String(e));
      }
    } else if (PEM_KEY_LABELS.has(label)) {
      try {
        const block = text.slice(begin, pos);
        const pub = createPublicKey(createPrivateKey(label === 'ENCRYPTED PRIVATE KEY' ? { key: block, passphrase: password ?? '' } : block));
        keys.push(pub.export({ type: 'spki', format: 'der' }));
      } catch {
        // A key that cannot be read (encrypted, no password): the certificates still show.
      }
      others.push(label);
    } else others.push(label);
  }
  if (found.length === 0) {
    if (index === 0) throw new ReadFailure('not-a-certificate', 'cert.read.notCertificate');
    throw new ReadFailure('not-a-certificate', 'cert.read.pemNoCertificate', { types: [...new Set(others)].join(', ') });
  }
  if (keys.length) {
    for (const f of found) {
      const spki = certSpki(readTlv(f.der, 0));
      if (spki && keys.some((k) => equalBytes(k, spki))) f.hasPrivateKey = true;
    }
  }
  return found;
}

function detect(bytes: Uint8Array, password: string | undefined, depth = 0): Found[] {
  if (bytes.length === 0) throw new ReadFailure('not-a-certificate', 'cert.read.empty');
  // UTF-16 text (a PEM saved by Notepad as "Unicode").
  if (depth === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    const b = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    if (!le) b.swap16();
    return detect(Buffer.from(b.toString('utf16le'), 'latin1'), password, depth + 1);
  }
  if (bytes[0] === 0x30) return fromDer(bytes, password);
  const text = latin1(bytes);
  if (text.includes('-----BEGIN ')) return fromPem(text, password);
  // Bare base64 (RawData copied from PowerShell, certutil without headers).
  const trimmed = text.trim();
  if (depth === 0 && trimmed.length >= 64 && BASE64_BODY.test(trimmed)) {
    const der = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
    if (der[0] === 0x30) return detect(der, password, depth + 1);
  }
  throw new ReadFailure('not-a-certificate', 'cert.read.notCertificate');
}

function failure(file: string, code: InspectErrorCode, key: string, params: Readonly<Record<string, string | number>>, language: Language): FileInspection {
  return { file, error: { code, message: translateDynamic(language, key, params) }, certificates: [] };
}

/** Inspects one file's bytes. Never throws. */
export function inspectCertificateFile(name: string, bytes: Uint8Array, options: InspectOptions): FileInspection {
  const language = options.language ?? 'en';
  if (bytes.length > MAX_CERT_FILE_BYTES) return failure(name, 'too-large', 'cert.read.tooLarge', { size: bytes.length, max: MAX_CERT_FILE_BYTES }, language);
  try {
    const found = detect(bytes, options.password);
    const certificates: InspectedCertificate[] = [];
    for (let k = 0; k < found.length; k++) {
      let parsed: Parsed;
      try {
        parsed = parseCertificate(found[k].der);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        return failure(name, 'unreadable', 'cert.read.damaged', { detail: found.length > 1 ? `#${k + 1}: ${detail}` : detail }, language);
      }
      certificates.push(withFindings(parsed, found[k].hasPrivateKey, options));
    }
    return { file: name, error: null, certificates };
  } catch (e) {
    if (e instanceof ReadFailure) return failure(name, e.code, e.key, e.params, language);
    if (e instanceof DerError) return failure(name, 'unreadable', 'cert.read.damaged', { detail: e.message }, language);
    // Anything else (a library's own error on hostile input): still a per-file answer.
    return failure(name, 'unreadable', 'cert.read.damaged', { detail: e instanceof Error ? e.message : String(e) }, language);
  }
}

/**
 * The CLI's reader: a path → its inspection (a directory, a missing file or anything but a regular file
 * is `unreadable`; over 10 MB `too-large`, unread). Synchronous reads underneath: one file is at most
 * 10 MB, and it is several times faster than fs/promises for many small files.
 */
export async function readCertificateFromFile(path: string, options: InspectOptions): Promise<FileInspection> {
  const language = options.language ?? 'en';
  let fd: number | null = null;
  try {
    // stat before open: opening a FIFO for reading would wait for a writer.
    const s0 = statSync(path);
    if (s0.isDirectory()) return failure(path, 'unreadable', 'cert.read.directory', { file: path }, language);
    if (!s0.isFile()) return failure(path, 'unreadable', 'cert.read.io', { file: path, detail: 'not a regular file' }, language);
    fd = openSync(path, 'r');
    const s = fstatSync(fd);
    if (s.isDirectory()) return failure(path, 'unreadable', 'cert.read.directory', { file: path }, language);
    if (!s.isFile()) return failure(path, 'unreadable', 'cert.read.io', { file: path, detail: 'not a regular file' }, language);
    if (s.size > MAX_CERT_FILE_BYTES) return failure(path, 'too-large', 'cert.read.tooLarge', { size: s.size, max: MAX_CERT_FILE_BYTES }, language);
    // Read to the end, but never more than the limit (the file may have grown since fstat).
    let buf = Buffer.allocUnsafe(Math.min(s.size, MAX_CERT_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > MAX_CERT_FILE_BYTES) return failure(path, 'too-large', 'cert.read.tooLarge', { size: length, max: MAX_CERT_FILE_BYTES }, language);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, MAX_CERT_FILE_BYTES + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_CERT_FILE_BYTES) return failure(path, 'too-large', 'cert.read.tooLarge', { size: length, max: MAX_CERT_FILE_BYTES }, language);
    return inspectCertificateFile(path, buf.subarray(0, length), options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') return failure(path, 'unreadable', 'cert.read.missing', { file: path }, language);
    if (code === 'EISDIR') return failure(path, 'unreadable', 'cert.read.directory', { file: path }, language);
    return failure(path, 'unreadable', 'cert.read.io', { file: path, detail: e instanceof Error ? e.message : String(e) }, language);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
