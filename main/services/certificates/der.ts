/**
 * A small, bounded BER/DER reader for the structures the certificate reader walks (X.509 extensions,
 * PKCS#7 SignedData, PKCS#12). It accepts BER where real files use it (indefinite lengths and
 * constructed OCTET STRINGs in Windows-made PFX files) and throws `DerError` on anything malformed:
 * lengths past the end, nesting deeper than MAX_DEPTH, tags over 4 bytes. Never loops unboundedly:
 * every step advances through the input.
 */
export class DerError extends Error {}

export const MAX_DEPTH = 48;

export interface Tlv {
  /** The identifier octet's class + constructed bits + low tag number (0x30 SEQUENCE, 0xA0 [0]…); high tag numbers as 0x1f|class with `tagNumber`. */
  readonly tag: number;
  readonly tagNumber: number;
  readonly constructed: boolean;
  /** Offsets into `bytes`: the whole TLV is [start, end), the contents [contentStart, contentEnd). */
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
  readonly indefinite: boolean;
  readonly bytes: Uint8Array;
}

export function readTlv(bytes: Uint8Array, offset: number, limit: number = bytes.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new DerError('nested too deeply');
  let p = offset;
  if (p >= limit) throw new DerError('unexpected end of data');
  const tag = bytes[p++];
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (p >= limit || i >= 4) throw new DerError('bad tag');
      const b = bytes[p++];
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  const constructed = (tag & 0x20) !== 0;
  if (p >= limit) throw new DerError('unexpected end of data');
  const first = bytes[p++];
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive value');
    // BER indefinite length: the children up to the end-of-contents octets 00 00.
    const contentStart = p;
    for (;;) {
      if (p + 1 < limit && bytes[p] === 0 && bytes[p + 1] === 0) {
        return { tag, tagNumber, constructed, start: offset, contentStart, contentEnd: p, end: p + 2, indefinite: true, bytes };
      }
      const child = readTlv(bytes, p, limit, depth + 1);
      p = child.end;
    }
  }
  let length: number;
  if (first < 0x80) length = first;
  else {
    const n = first & 0x7f;
    if (n > 4 || n === 0x7f) throw new DerError('length too long');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw new DerError('unexpected end of data');
      length = length * 256 + bytes[p++];
    }
  }
  const contentEnd = p + length;
  if (contentEnd > limit) throw new DerError('a length runs past the end of the data');
  return { tag, tagNumber, constructed, start: offset, contentStart: p, contentEnd, end: contentEnd, indefinite: false, bytes };
}

/** The children of a constructed value (for BER indefinite values too). */
export function children(t: Tlv, depth = 0): Tlv[] {
  if (!t.constructed) throw new DerError('expected a constructed value');
  const out: Tlv[] = [];
  let p = t.contentStart;
  while (p < t.contentEnd) {
    const c = readTlv(t.bytes, p, t.contentEnd, depth + 1);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected ${what}`);
  return t;
}

export function content(t: Tlv): Uint8Array {
  return t.bytes.subarray(t.contentStart, t.contentEnd);
}

export function whole(t: Tlv): Uint8Array {
  return t.bytes.subarray(t.start, t.end);
}

/** An OCTET STRING's bytes (a BER constructed one is concatenated), or `[n] IMPLICIT OCTET STRING`. */
export function octets(t: Tlv, depth = 0): Uint8Array {
  if (!t.constructed) return content(t);
  if (depth > MAX_DEPTH) throw new DerError('nested too deeply');
  const parts = children(t).map((c) => octets(c, depth + 1));
  const size = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function oid(t: Tlv): string {
  if (t.tag !== 0x06) throw new DerError('expected an OBJECT IDENTIFIER');
  const b = content(t);
  if (b.length === 0 || b.length > 64) throw new DerError('bad OBJECT IDENTIFIER');
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 256) throw new DerError('bad OBJECT IDENTIFIER');
    if ((b[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    } else if (i === b.length - 1) throw new DerError('bad OBJECT IDENTIFIER');
  }
  return parts.join('.');
}

/** A small non-negative INTEGER (iteration counts, versions); throws above `max`. */
export function smallInt(t: Tlv, max: number, what: string): number {
  if (t.tag !== 0x02) throw new DerError(`expected an INTEGER (${what})`);
  const b = content(t);
  if (b.length === 0) throw new DerError(`bad INTEGER (${what})`);
  if (b[0] & 0x80) throw new DerError(`negative ${what}`);
  let v = 0;
  for (const x of b) {
    v = v * 256 + x;
    if (v > max) return Number.POSITIVE_INFINITY;
  }
  return v;
}

/** A positive INTEGER's bit length (RSA modulus). */
export function intBits(t: Tlv): number {
  const b = content(t);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  if (i >= b.length) return 0;
  const lead = b[i];
  return (b.length - i - 1) * 8 + (lead === 0 ? 0 : 32 - Math.clz32(lead));
}

export function bitStringBytes(t: Tlv): Uint8Array {
  if (t.tag !== 0x03) throw new DerError('expected a BIT STRING');
  const b = content(t);
  if (b.length === 0) throw new DerError('bad BIT STRING');
  return b.subarray(1);
}

/** The whole value at the start of `bytes`, checked to span it exactly (trailing bytes rejected unless `allowTrailing`). */
export function parseWhole(bytes: Uint8Array, allowTrailing = false): Tlv {
  const t = readTlv(bytes, 0);
  if (!allowTrailing && t.end !== bytes.length) throw new DerError('trailing data after the value');
  return t;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
