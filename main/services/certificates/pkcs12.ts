/**
 * PKCS#12 (PFX / P12) reading: the certificates and which of them have their private key in the file.
 * Both OpenSSL 3's default (PBES2: PBKDF2 + AES-256-CBC, HMAC-SHA256 MAC) and `-legacy` / older
 * Windows files (PKCS#12 PBE with SHA-1: 3DES, RC2), with or without a MAC, BER or DER.
 * Node's crypto does the hashing, PBKDF2, AES and 3DES; node-forge does RC2, which neither OpenSSL 3
 * (legacy provider) nor Electron's BoringSSL offer by default.
 *
 * Passwords: the PKCS#12 KDF takes the password as BMPString (UTF-16BE + 00 00), PBKDF2 as UTF-8
 * (as OpenSSL writes it); no password given: the empty password, then the absent one (Windows'
 * behaviour). Pathological files: every key derivation is capped (iterations) and so is the work per
 * file; beyond it the file is `unsupported`, never a hang.
 *
 * Why not a library's PKCS#12 reader: node-forge's (forge.pkcs12) runs the KDF, PBKDF2 and AES in
 * JavaScript (about 6× slower than this on an OpenSSL 3 default file), has no iteration cap, throws on
 * CRL, secret and nested SafeContents bags and re-encodes RSA certificates instead of keeping their
 * bytes; pkijs decrypts PBES2 only (no 3DES or RC2 files) and only asynchronously.
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';
import type { InspectErrorCode } from '../../../shared/certificates/cert-model';
import { children, content, DerError, equalBytes, expectTag, octets, oid, readTlv, smallInt, type Tlv, whole } from './der';

/** A reading failure with its inspection error code and an i18n message. */
export class ReadFailure extends Error {
  constructor(
    readonly code: InspectErrorCode,
    readonly key: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${code}: ${key}`);
  }
}

/** Caps: OpenSSL and Windows use 2,048 / 2,000–10,000 iterations; 600,000 is the most any current guidance asks of PBKDF2. */
export const MAX_PBKDF2_ITERATIONS = 1_000_000;
export const MAX_PKCS12_KDF_ITERATIONS = 100_000;
/** Total work per file, in PBKDF2 iterations (a PKCS#12 KDF iteration counts 8: it runs in a JavaScript loop). */
const WORK_BUDGET = 3_000_000;
const MAX_BAG_NESTING = 4;
const MAX_BAGS = 10_000;
/** Integers above this are read as infinite (iteration counts). */
const MAX_INT = 2 ** 40;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

const DIGESTS: Readonly<Record<string, { name: string; u: number; v: number }>> = {
  '1.3.14.3.2.26': { name: 'sha1', u: 20, v: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', u: 28, v: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', u: 32, v: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', u: 48, v: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', u: 64, v: 128 },
  '1.2.840.113549.2.5': { name: 'md5', u: 16, v: 64 },
};
const PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Readonly<Record<string, { cipher: string; keyLength: number; ivLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16, ivLength: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24, ivLength: 16 },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyLength: 32, ivLength: 16 },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
};
/** PKCS#12 PBE (RFC 7292 appendix C), with SHA-1. */
const PKCS12_PBE: Readonly<Record<string, { cipher: 'des-ede3-cbc' | 'des-ede-cbc' | 'rc2'; keyLength: number; rc2Bits?: number; name: string } | { unsupported: string }>> = {
  '1.2.840.113549.1.12.1.1': { unsupported: 'pbeWithSHAAnd128BitRC4' },
  '1.2.840.113549.1.12.1.2': { unsupported: 'pbeWithSHAAnd40BitRC4' },
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24, name: 'pbeWithSHAAnd3-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyLength: 16, name: 'pbeWithSHAAnd2-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128, name: 'pbeWithSHAAnd128BitRC2-CBC' },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40, name: 'pbeWithSHAAnd40BitRC2-CBC' },
};
const UNSUPPORTED_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC',
  '1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC',
  '1.2.840.113549.1.5.14': 'PBMAC1',
  '1.3.14.3.2.7': 'desCBC',
  '1.2.840.113549.3.2': 'rc2CBC',
};

const unsupported = (algorithm: string) => new ReadFailure('unsupported', 'cert.read.unsupportedAlgorithm', { algorithm: UNSUPPORTED_NAMES[algorithm] ?? algorithm });

interface Password {
  /** BMPString with its two terminating zero bytes; empty for the absent password. */
  readonly bmp: Uint8Array;
  readonly utf8: Uint8Array;
}

function password(text: string | null): Password {
  if (text === null) return { bmp: new Uint8Array(0), utf8: new Uint8Array(0) };
  const bmp = new Uint8Array(text.length * 2 + 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bmp[i * 2] = c >> 8;
    bmp[i * 2 + 1] = c & 0xff;
  }
  return { bmp, utf8: new TextEncoder().encode(text) };
}

class Work {
  private left = WORK_BUDGET;
  /** `iterations` of one derivation run `times` times, each iteration costing `weight`. */
  spend(iterations: number, times: number, weight: number, max: number): void {
    if (iterations > max) throw new ReadFailure('unsupported', 'cert.read.iterations', { count: Number.isFinite(iterations) ? iterations : `> ${MAX_INT}`, max });
    this.left -= iterations * times * weight;
    if (this.left < 0) throw new ReadFailure('unsupported', 'cert.read.iterations', { count: iterations, max: Math.floor(WORK_BUDGET / weight) });
  }
}

function repeatTo(src: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(length);
  if (src.length === 0) return out;
  for (let i = 0; i < length; i++) out[i] = src[i % src.length];
  return out;
}

/** RFC 7292 appendix B.2. */
function pkcs12Kdf(digest: { name: string; u: number; v: number }, pass: Uint8Array, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, n: number): Buffer {
  const { name, u, v } = digest;
  const D = Buffer.alloc(v, id);
  const S = repeatTo(salt, v * Math.ceil(salt.length / v));
  const P = repeatTo(pass, v * Math.ceil(pass.length / v));
  const I = Buffer.concat([S, P]);
  const out = Buffer.alloc(n);
  for (let written = 0; written < n;) {
    let A = createHash(name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(name).update(A).digest();
    A.copy(out, written, 0, Math.min(u, n - written));
    written += u;
    if (written >= n) break;
    const B = repeatTo(A, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = I[j + k] + B[k] + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return out;
}

function salted(params: Tlv | undefined, what: string): { salt: Uint8Array; iterations: number } {
  const p = children(expectTag(params, 0x30, `${what} parameters`));
  const salt = octets(expectTag(p[0], 0x04, `${what} salt`));
  const iterations = p[1] ? smallInt(p[1], MAX_INT, `${what} iterations`) : 1;
  if (iterations < 1) throw new DerError(`bad ${what} iteration count`);
  return { salt, iterations };
}

function validPadding(out: Uint8Array, block: number): Uint8Array | null {
  if (out.length === 0 || out.length % block !== 0) return null;
  const pad = out[out.length - 1];
  if (pad < 1 || pad > block) return null;
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
  return out.subarray(0, out.length - pad);
}

function nodeDecrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % (cipher.startsWith('aes') ? 16 : 8) !== 0) return null;
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (e) {
    if (/bad decrypt|wrong final block length/i.test(e instanceof Error ? e.message : '')) return null;
    throw unsupported(cipher);
  }
}

function rc2Decrypt(key: Uint8Array, bits: number, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % 8 !== 0) return null;
  const bin = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('binary');
  const c = forge.rc2.createDecryptionCipher(forge.util.createBuffer(bin(key)), bits);
  c.start(forge.util.createBuffer(bin(iv)), null as unknown as forge.util.ByteStringBuffer);
  c.update(forge.util.createBuffer(bin(data)));
  c.finish(() => true);
  return validPadding(Buffer.from(c.output.getBytes(), 'binary'), 8);
}

/** Decrypts with a password-based algorithm: null when the password does not fit (bad padding). */
function decrypt(algorithm: Tlv, data: Uint8Array, pw: Password, work: Work): Uint8Array | null {
  const a = children(expectTag(algorithm, 0x30, 'an algorithm'));
  const id = oid(expectTag(a[0], 0x06, 'an algorithm OID'));
  const legacy = PKCS12_PBE[id];
  if (legacy) {
    if ('unsupported' in legacy) throw unsupported(legacy.unsupported);
    const { salt, iterations } = salted(a[1], legacy.name);
    work.spend(iterations, 2, 8, MAX_PKCS12_KDF_ITERATIONS);
    const sha1 = DIGESTS['1.3.14.3.2.26'];
    const key = pkcs12Kdf(sha1, pw.bmp, salt, 1, iterations, legacy.keyLength);
    const iv = pkcs12Kdf(sha1, pw.bmp, salt, 2, iterations, 8);
    return legacy.cipher === 'rc2' ? rc2Decrypt(key, legacy.rc2Bits!, iv, data) : nodeDecrypt(legacy.cipher, key, iv, data);
  }
  if (id !== OID.pbes2) throw unsupported(id);
  const p = children(expectTag(a[1], 0x30, 'PBES2 parameters'));
  const kdf = children(expectTag(p[0], 0x30, 'a key derivation function'));
  const enc = children(expectTag(p[1], 0x30, 'an encryption scheme'));
  const kdfId = oid(expectTag(kdf[0], 0x06, 'a KDF OID'));
  if (kdfId !== OID.pbkdf2) throw unsupported(kdfId);
  const kp = children(expectTag(kdf[1], 0x30, 'PBKDF2 parameters'));
  const salt = content(expectTag(kp[0], 0x04, 'a PBKDF2 salt'));
  const iterations = smallInt(expectTag(kp[1], 0x02, 'PBKDF2 iterations'), MAX_INT, 'PBKDF2 iterations');
  if (iterations < 1) throw new DerError('bad PBKDF2 iteration count');
  let i = 2;
  let keyLength: number | null = null;
  if (kp[i]?.tag === 0x02) keyLength = smallInt(kp[i++], 64, 'key length');
  let prf = 'sha1';
  if (kp[i]?.tag === 0x30) {
    const prfId = oid(expectTag(children(kp[i])[0], 0x06, 'a PRF OID'));
    if (!PRFS[prfId]) throw unsupported(prfId);
    prf = PRFS[prfId];
  }
  const encId = oid(expectTag(enc[0], 0x06, 'a cipher OID'));
  const cipher = PBES2_CIPHERS[encId];
  if (!cipher) throw unsupported(encId);
  const iv = content(expectTag(enc[1], 0x04, 'an IV'));
  if (iv.length !== cipher.ivLength) throw new DerError('bad IV length');
  if (keyLength !== null && keyLength !== cipher.keyLength) throw new DerError('bad key length');
  work.spend(iterations, Math.ceil(cipher.keyLength / 32), 1, MAX_PBKDF2_ITERATIONS);
  const key = pbkdf2Sync(pw.utf8, salt, iterations, cipher.keyLength, prf);
  return nodeDecrypt(cipher.cipher, key, iv, data);
}

interface MacData {
  readonly digest: { name: string; u: number; v: number } | null;
  readonly digestOid: string;
  readonly value: Uint8Array;
  readonly salt: Uint8Array;
  readonly iterations: number;
}

function macMatches(mac: MacData, authSafe: Uint8Array, pw: Password, work: Work): boolean {
  const d = mac.digest!;
  work.spend(mac.iterations, 1, 8, MAX_PKCS12_KDF_ITERATIONS);
  const key = pkcs12Kdf(d, pw.bmp, mac.salt, 3, mac.iterations, d.u);
  const h = createHmac(d.name, key).update(authSafe).digest();
  return equalBytes(h, mac.value);
}

interface Bag {
  readonly kind: 'cert' | 'key' | 'shroudedKey';
  readonly value: Tlv;
  readonly localKeyId: Uint8Array | null;
}

function localKeyIdOf(attrs: Tlv | undefined): Uint8Array | null {
  if (!attrs || attrs.tag !== 0x31) return null;
  for (const attr of children(attrs)) {
    const parts = children(expectTag(attr, 0x30, 'an attribute'));
    if (oid(expectTag(parts[0], 0x06, 'an attribute OID')) !== OID.localKeyId) continue;
    const values = children(expectTag(parts[1], 0x31, 'attribute values'));
    if (values[0]?.tag === 0x04) return content(values[0]);
  }
  return null;
}

function collectBags(safeContents: Uint8Array, out: Bag[], nesting: number): void {
  const top = readTlv(safeContents, 0);
  for (const bag of children(expectTag(top, 0x30, 'SafeContents'))) {
    if (out.length > MAX_BAGS) throw new DerError('too many bags');
    const parts = children(expectTag(bag, 0x30, 'a SafeBag'));
    const bagId = oid(expectTag(parts[0], 0x06, 'a bag OID'));
    const value = children(expectTag(parts[1], 0xa0, 'a bag value'))[0];
    if (!value) throw new DerError('empty bag');
    const localKeyId = localKeyIdOf(parts[2]);
    if (bagId === OID.certBag) {
      const cb = children(expectTag(value, 0x30, 'a CertBag'));
      if (oid(expectTag(cb[0], 0x06, 'a certificate type')) !== OID.x509Certificate) continue; // SDSI certificates: not X.509
      const inner = children(expectTag(cb[1], 0xa0, 'a certificate value'))[0];
      const der = octets(expectTag(inner, 0x04, 'a certificate OCTET STRING'));
      out.push({ kind: 'cert', value: readTlv(der, 0), localKeyId });
    } else if (bagId === OID.keyBag) out.push({ kind: 'key', value, localKeyId });
    else if (bagId === OID.shroudedKeyBag) out.push({ kind: 'shroudedKey', value, localKeyId });
    else if (bagId === OID.safeContentsBag) {
      if (nesting >= MAX_BAG_NESTING) throw new DerError('bags nested too deeply');
      collectBags(whole(value), out, nesting + 1);
    }
    // CRL and secret bags: nothing to show.
  }
}

export interface Pkcs12Certificate {
  readonly der: Uint8Array;
  readonly hasPrivateKey: boolean;
}

/** True when the DER looks like a PFX: SEQUENCE { INTEGER 3, SEQUENCE { OID … } … }. */
export function looksLikePfx(top: Tlv): boolean {
  try {
    const c = children(top);
    return c.length >= 2 && c[0].tag === 0x02 && c[1].tag === 0x30 && children(c[1])[0]?.tag === 0x06 && smallInt(c[0], 100, 'version') === 3;
  } catch {
    return false;
  }
}

/** Reads a PFX. Throws ReadFailure (password, unsupported) or DerError (damaged). */
export function readPkcs12(top: Tlv, givenPassword: string | undefined): Pkcs12Certificate[] {
  const work = new Work();
  const pfx = children(top);
  const version = smallInt(expectTag(pfx[0], 0x02, 'a version'), 100, 'version');
  if (version !== 3) throw new DerError(`version ${version}, expected 3`);
  const authSafeInfo = children(expectTag(pfx[1], 0x30, 'a ContentInfo'));
  const authType = oid(expectTag(authSafeInfo[0], 0x06, 'a content type'));
  if (authType === OID.signedData) throw new ReadFailure('unsupported', 'cert.read.unsupportedStructure', { detail: 'public-key integrity mode (signed)' });
  if (authType !== OID.data) throw new DerError(`unexpected content type ${authType}`);
  const authSafe = octets(expectTag(children(expectTag(authSafeInfo[1], 0xa0, 'content'))[0], 0x04, 'an OCTET STRING'));

  let mac: MacData | null = null;
  if (pfx[2]) {
    const m = children(expectTag(pfx[2], 0x30, 'MacData'));
    const digestInfo = children(expectTag(m[0], 0x30, 'a DigestInfo'));
    const alg = children(expectTag(digestInfo[0], 0x30, 'a digest algorithm'));
    const digestOid = oid(expectTag(alg[0], 0x06, 'a digest OID'));
    const digest = DIGESTS[digestOid] ?? null;
    const salt = content(expectTag(m[1], 0x04, 'a MAC salt'));
    const iterations = m[2] ? smallInt(expectTag(m[2], 0x02, 'MAC iterations'), MAX_INT, 'MAC iterations') : 1;
    if (iterations < 1) throw new DerError('bad MAC iteration count');
    mac = { digest, digestOid, value: content(expectTag(digestInfo[1], 0x04, 'a MAC value')), salt, iterations };
  }

  // The AuthenticatedSafe: plain or password-encrypted SafeContents.
  const containers: ({ plain: Uint8Array } | { algorithm: Tlv; data: Uint8Array })[] = [];
  for (const ci of children(expectTag(readTlv(authSafe, 0), 0x30, 'an AuthenticatedSafe'))) {
    const parts = children(expectTag(ci, 0x30, 'a ContentInfo'));
    const type = oid(expectTag(parts[0], 0x06, 'a content type'));
    const body = children(expectTag(parts[1], 0xa0, 'content'))[0];
    if (type === OID.data) containers.push({ plain: octets(expectTag(body, 0x04, 'an OCTET STRING')) });
    else if (type === OID.encryptedData) {
      const ed = children(expectTag(body, 0x30, 'EncryptedData'));
      const eci = children(expectTag(ed[1], 0x30, 'EncryptedContentInfo'));
      const enc = eci[2];
      if (!enc || (enc.tag !== 0x80 && enc.tag !== 0xa0)) throw new DerError('no encrypted content');
      containers.push({ algorithm: eci[1], data: octets(enc) });
    } else if (type === OID.envelopedData) throw new ReadFailure('unsupported', 'cert.read.unsupportedStructure', { detail: 'public-key privacy mode (enveloped)' });
    else throw new DerError(`unexpected content type ${type}`);
  }

  const candidates = givenPassword !== undefined ? [password(givenPassword)] : [password(''), password(null)];
  const refused = () => (givenPassword !== undefined ? new ReadFailure('wrong-password', 'cert.read.wrongPassword') : new ReadFailure('password-required', 'cert.read.passwordRequired'));

  // The password: by the MAC where there is one; else by decrypting.
  let chosen: Password[] = candidates;
  if (mac?.digest) {
    const ok = candidates.find((pw) => macMatches(mac!, authSafe, pw, work));
    if (!ok) throw refused();
    chosen = [ok];
  } else if (mac) {
    // An unknown MAC (PBMAC1…): the decryption tells whether the password fits.
  }

  const bags: Bag[] = [];
  let pw: Password | null = null;
  for (const c of containers) {
    if ('plain' in c) {
      collectBags(c.plain, bags, 0);
      continue;
    }
    let opened: Uint8Array | null = null;
    const tries: Password[] = pw ? [pw] : chosen;
    for (const candidate of tries) {
      const plain: Uint8Array | null = decrypt(c.algorithm, c.data, candidate, work);
      if (plain === null) continue;
      try {
        readTlv(plain, 0);
      } catch {
        continue;
      }
      opened = plain;
      pw = candidate;
      break;
    }
    if (opened === null) {
      if (mac?.digest) throw new DerError('the MAC matches but the content does not decrypt');
      throw refused();
    }
    collectBags(opened, bags, 0);
  }

  const certs = bags.filter((b) => b.kind === 'cert');
  const keys = bags.filter((b) => b.kind !== 'cert');
  // Without a MAC and with the certificates in clear, a shrouded key still tells a wrong password.
  const keyPublic = (k: Bag): Uint8Array | null => {
    let pkcs8: Uint8Array | null = null;
    if (k.kind === 'key') pkcs8 = whole(k.value);
    else {
      const e = children(expectTag(k.value, 0x30, 'EncryptedPrivateKeyInfo'));
      const tries: Password[] = pw ? [pw] : chosen;
      for (const candidate of tries) {
        const plain: Uint8Array | null = decrypt(e[0], content(expectTag(e[1], 0x04, 'an encrypted key')), candidate, work);
        if (plain !== null) {
          pkcs8 = plain;
          pw = candidate;
          break;
        }
      }
      if (pkcs8 === null) {
        if (!mac?.digest && containers.every((c) => 'plain' in c)) throw refused();
        return null;
      }
    }
    try {
      return createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    } catch {
      return null;
    }
  };

  const withKey = new Set<Bag>();
  const unmatchedKeys: Bag[] = [];
  for (const k of keys) {
    const match = k.localKeyId ? certs.filter((c) => c.localKeyId && equalBytes(c.localKeyId, k.localKeyId!)) : [];
    if (match.length) for (const c of match) withKey.add(c);
    else unmatchedKeys.push(k);
  }
  // Keys without a matching localKeyId: matched by their public key (decrypted).
  const needsCheck = unmatchedKeys.length > 0 || (!mac?.digest && containers.every((c) => 'plain' in c) && keys.some((k) => k.kind === 'shroudedKey'));
  if (needsCheck) {
    for (const k of unmatchedKeys.length ? unmatchedKeys : keys.filter((x) => x.kind === 'shroudedKey').slice(0, 1)) {
      const spki = keyPublic(k);
      if (!spki) continue;
      for (const c of certs) {
        const s = certSpki(c.value);
        if (s && equalBytes(s, spki)) withKey.add(c);
      }
    }
  }
  return certs.map((c) => ({ der: whole(c.value), hasPrivateKey: withKey.has(c) }));
}

/** The SubjectPublicKeyInfo of a certificate (whole TLV), or null. */
export function certSpki(cert: Tlv): Uint8Array | null {
  try {
    const tbs = children(children(cert)[0]);
    let i = tbs[0]?.tag === 0xa0 ? 1 : 0;
    i += 5; // serial, signature, issuer, validity, subject
    return tbs[i] ? whole(tbs[i]) : null;
  } catch {
    return null;
  }
}
