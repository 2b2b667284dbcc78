/**
 * A self-signed certificate whose names the redaction rewrote no longer verifies with its own key, and
 * the certificate reader calls a certificate self-signed only when it does (certificate-reader.ts: the
 * signature checked with its own public key) — so a redacted Exchange self-signed certificate would be
 * judged as one whose issuer is missing. This signs the rewritten certificate again with a new key of
 * the same type and size (RSA modulus and exponent, EC curve: the key-size rules judge the same), one
 * new key per original key (two certificates that shared a key still do), with the same signature
 * algorithm. A certificate issued by another (a CA's) is left as rewritten: the chains are matched by
 * names and key identifiers, never by signature, in a snapshot (shared/certificates/chain.ts).
 */
import { generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';

/** The signature algorithms re-signed (their OIDs' DER bytes, RFC 4055 and RFC 5758) and the hash each signs with. */
const HASH_OF_ALGORITHM: Readonly<Record<string, string>> = {
  '2a864886f70d010105': 'sha1',
  '2a864886f70d01010b': 'sha256',
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  '2a8648ce3d040302': 'sha256',
  '2a8648ce3d040303': 'sha384',
  '2a8648ce3d040304': 'sha512',
};

interface Tlv {
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
  readonly tag: number;
}

function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let p = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + der[p++]!;
  }
  if (p + length > der.length) throw new Error('DER length past the end');
  return { start: at, contentStart: p, end: p + length, tag };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let i = parent.contentStart; i < parent.end;) {
    const t = readTlv(der, i);
    out.push(t);
    i = t.end;
  }
  return out;
}

function encode(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255];
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Per bundle: the new key of each original public key. */
export function createResigner(): (original: Uint8Array, rewritten: Uint8Array) => Uint8Array {
  const keys = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();
  const keyFor = (publicKey: KeyObject) => {
    const id = hex(publicKey.export({ type: 'spki', format: 'der' }));
    const known = keys.get(id);
    if (known) return known;
    const d = publicKey.asymmetricKeyDetails ?? {};
    const pair =
      publicKey.asymmetricKeyType === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: d.modulusLength ?? 2048, publicExponent: Number(d.publicExponent ?? 65537n) })
        : publicKey.asymmetricKeyType === 'ec' && d.namedCurve
          ? generateKeyPairSync('ec', { namedCurve: d.namedCurve })
          : null;
    if (!pair) return null;
    keys.set(id, pair);
    return pair;
  };
  return (original, rewritten) => {
    try {
      const x = new X509Certificate(original);
      if (!x.verify(x.publicKey)) return rewritten;
      const pair = keyFor(x.publicKey);
      const cert = readTlv(rewritten, 0);
      const [tbs, algorithm] = children(rewritten, cert);
      const oid = children(rewritten, algorithm!)[0]!;
      const hash = HASH_OF_ALGORITHM[hex(rewritten.slice(oid.contentStart, oid.end))];
      if (!pair || !hash) return rewritten;
      // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, … (RFC 5280 section 4.1).
      const parts = children(rewritten, tbs!);
      const spki = parts[parts[0]!.tag === 0xa0 ? 6 : 5]!;
      const newSpki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
      const newTbs = encode(0x30, concat(rewritten.slice(tbs!.contentStart, spki.start), newSpki, rewritten.slice(spki.end, tbs!.end)));
      const signature = new Uint8Array(sign(hash, newTbs, pair.privateKey));
      return encode(0x30, concat(newTbs, rewritten.slice(algorithm!.start, algorithm!.end), encode(0x03, concat(new Uint8Array([0]), signature))));
    } catch {
      // Not a certificate Node reads: left as rewritten (the reader then says so as it would of the original).
      return rewritten;
    }
  };
}
