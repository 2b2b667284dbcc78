/**
 * Offline inspection of certificate files: DER or PEM certificates (one or many, PEM with
 * text around it), PKCS#7 (.p7b/.p7c, DER or PEM) and PKCS#12 (.pfx/.p12), detected by content, not
 * by extension. Each file gives a FileInspection: its certificates with their fields and findings, or
 * an error with one of its codes (InspectErrorCode) and a clear message — never a throw, never a hang (sizes,
 * nesting and key-derivation work are bounded; see der.ts and pkcs12.ts).
 *
 * The containers are opened here (der.ts, pkcs12.ts) down to each certificate's DER bytes and whether its
 * private key is in the file; each certificate is then read by the one reader (certificate-reader.ts).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { CertificateFacts, FileInspection, InspectedCertificate, InspectErrorCode } from '../../../shared/certificates/cert-model';
import { MAX_CERT_FILE_BYTES } from '../../../shared/certificates/cert-model';
import { type Language, translateDynamic } from '../../../shared/i18n/translate';
import type { CertRuleContext } from '../../../shared/certificates/cert-rules';
import { type ChainReport, chainReport } from '../../../shared/certificates/chain';
import { judgeCertificate, readCertificateDer, signatureVerifies, UnreadableCertificate } from './certificate-reader';
import { children, DerError, equalBytes, expectTag, oid, readTlv, type Tlv, whole } from './der';
import { certSpki, looksLikePfx, ReadFailure, readPkcs12 } from './pkcs12';

/** When and what for the certificates are judged (CertRuleContext), with how the file is opened and reported. */
export interface InspectOptions extends CertRuleContext {
  /** The PFX password (used for this call only); without it the empty password is tried, as Windows does. */
  readonly password?: string;
  /** The language of error messages (default English); findings are messages to render (i18n keys with their parameters). */
  readonly language?: Language;
  /** Roots the admin trusts (base64 DER, from the trusted-roots bundle): they complete a file's chain (shared/certificates/chain.ts). */
  readonly trustedRoots?: readonly string[];
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

// ------------------------------------------------------------------ containers

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_PKCS7_DATA = '1.2.840.113549.1.7.1';

/** The certificates of a PKCS#7 SignedData (walked here: forge.pkcs7 refuses a chain holding a non-RSA certificate). */
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
  /** From a PKCS#7 or PKCS#12 SET: the order in the file means nothing (chain.ts does not judge it). */
  readonly unordered?: boolean;
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
    return certs.map((der) => ({ der, hasPrivateKey: false, unordered: true }));
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
    return certs.map((c) => ({ der: c.der, hasPrivateKey: c.hasPrivateKey, unordered: true }));
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
        if (label === 'TRUSTED CERTIFICATE')
          exact = der.subarray(0, t.end); // OpenSSL's trust settings follow the certificate
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

/** The file's chain tree and verdict; signatures checked here with node:crypto (the pure chain code has none). */
function fileChain(found: readonly Found[], facts: readonly CertificateFacts[], trustedBase64: readonly string[]): ChainReport {
  const derOf = new Map<string, Uint8Array>();
  facts.forEach((f, k) => derOf.set(f.thumbprint, found[k].der));
  const trustedRoots: CertificateFacts[] = [];
  for (const b64 of trustedBase64) {
    try {
      const der = Buffer.from(b64, 'base64');
      const f = readCertificateDer(der);
      trustedRoots.push(f);
      derOf.set(f.thumbprint, der);
    } catch {
      // An unreadable trusted root completes nothing (trusted-roots.ts reports it where the bundle is read).
    }
  }
  return chainReport(facts, {
    trustedRoots,
    ordered: !found.some((f) => f.unordered),
    verify: (cert, issuer) => {
      const a = derOf.get(cert.thumbprint);
      const b = derOf.get(issuer.thumbprint);
      return a && b ? signatureVerifies(a, b) : null;
    },
  });
}

/** Inspects one file's bytes. Never throws. */
export function inspectCertificateFile(name: string, bytes: Uint8Array, options: InspectOptions): FileInspection {
  const language = options.language ?? 'en';
  if (bytes.length > MAX_CERT_FILE_BYTES) return failure(name, 'too-large', 'cert.read.tooLarge', { size: bytes.length, max: MAX_CERT_FILE_BYTES }, language);
  try {
    const found = detect(bytes, options.password);
    const facts: CertificateFacts[] = [];
    for (let k = 0; k < found.length; k++) {
      try {
        facts.push(readCertificateDer(found[k].der, found[k].hasPrivateKey));
      } catch (e) {
        const detail = e instanceof UnreadableCertificate ? e.detail : e instanceof Error ? e.message : String(e);
        return failure(name, 'unreadable', 'cert.read.damaged', { detail: found.length > 1 ? `#${k + 1}: ${detail}` : detail }, language);
      }
    }
    const certificates: InspectedCertificate[] = facts.map((f, k) => ({ ...judgeCertificate(f, options), derBase64: Buffer.from(found[k].der).toString('base64') }));
    return { file: name, error: null, certificates, chain: fileChain(found, facts, options.trustedRoots ?? []) };
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
