/**
 * Fuzzing the certificate reader: thousands of mutated DER, PEM, PKCS#7 and PFX files (bit flips,
 * byte edits, truncations, length-byte edits, splices, insertions, deletions). Each must give a
 * FileInspection — no throw — within a per-case time bound. Seeded: a failure names its seed and case
 * (UMC_FUZZ_SEED=… reproduces a run; UMC_FUZZ_CASES=… changes its size).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import type { FileInspection } from '../../../../../shared/certificates/cert-model';
import { inspectCertificateFile } from '../../../../../main/services/certificates/cert-file-reader';
import { certFixtures, PFX_PASSWORD } from '../../../../support/cert-fixtures';
import { seededRandom } from '../../../../support/seeded-random';

const SEED = Number(process.env.UMC_FUZZ_SEED ?? 0x5eed_2026);
const CASES = Number(process.env.UMC_FUZZ_CASES ?? 6000);
const PER_CASE_MS = 2500;
const CODES = new Set(['unreadable', 'not-a-certificate', 'password-required', 'wrong-password', 'unsupported', 'too-large']);

interface Seed {
  readonly name: string;
  readonly kind: 'der' | 'pem' | 'pfx';
  readonly bytes: Buffer;
  readonly password?: string;
}

let seeds: Seed[] = [];
before(() => {
  const fx = certFixtures();
  const s = (name: string, kind: Seed['kind'], password?: string): Seed => ({ name, kind, bytes: readFileSync(fx.path(name)), password });
  seeds = [
    s('leaf-good.cer', 'der'),
    s('leaf-ec.cer', 'der'),
    s('leaf-pss.cer', 'der'),
    s('root.cer', 'der'),
    s('chain.p7b', 'der'),
    s('leaf-good.crt', 'pem'),
    s('chain.pem', 'pem'),
    s('chain.pem.p7b', 'pem'),
    s('with-key.pem', 'pem'),
    s('chain-modern.pfx', 'pfx', PFX_PASSWORD),
    s('chain-legacy.pfx', 'pfx', PFX_PASSWORD),
    s('chain-nomac.pfx', 'pfx', PFX_PASSWORD),
    s('chain-nomac-legacy.pfx', 'pfx', PFX_PASSWORD),
    s('chain-empty.pfx', 'pfx'),
    s('chain-clear.pfx', 'pfx'),
    s('ec-legacy.pfx', 'pfx', PFX_PASSWORD),
  ];
});

type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);

/** Offsets of plausible TLV length bytes (after a SEQUENCE / SET / OCTET STRING / INTEGER / [n] tag). */
function lengthOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < b.length; i++) if ([0x30, 0x31, 0x04, 0x02, 0x03, 0xa0, 0xa3, 0x80].includes(b[i])) out.push(i + 1);
  return out;
}

function mutate(r: Rng, src: Uint8Array, other: Uint8Array): { bytes: Uint8Array; how: string } {
  const b = Buffer.from(src);
  const op = int(r, 8);
  switch (op) {
    case 0: {
      const n = 1 + int(r, 8);
      for (let i = 0; i < n; i++) b[int(r, b.length)] ^= 1 << int(r, 8);
      return { bytes: b, how: `flip ${n} bits` };
    }
    case 1: {
      const n = 1 + int(r, 4);
      for (let i = 0; i < n; i++) b[int(r, b.length)] = int(r, 256);
      return { bytes: b, how: `set ${n} bytes` };
    }
    case 2: {
      const cut = int(r, b.length);
      return { bytes: b.subarray(0, cut), how: `truncate at ${cut}` };
    }
    case 3: {
      const offs = lengthOffsets(b);
      const at = offs[int(r, offs.length)] ?? 0;
      const v = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff, int(r, 256), b[at] + 1, b[at] - 1][int(r, 11)] & 0xff;
      b[at] = v;
      if (v === 0x84 && at + 4 < b.length) b.fill(0xff, at + 1, at + 5);
      return { bytes: b, how: `length byte at ${at} := ${v}` };
    }
    case 4: {
      // Splice: a piece of another file replaces a piece of this one.
      const from = int(r, other.length);
      const len = 1 + int(r, Math.min(512, other.length - from));
      const at = int(r, b.length);
      return { bytes: Buffer.concat([b.subarray(0, at), other.subarray(from, from + len), b.subarray(Math.min(b.length, at + len))]), how: `splice ${len} at ${at}` };
    }
    case 5: {
      const at = int(r, b.length);
      const len = 1 + int(r, 64);
      return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + len))]), how: `delete ${len} at ${at}` };
    }
    case 6: {
      const at = int(r, b.length);
      const ins = Buffer.from(Array.from({ length: 1 + int(r, 16) }, () => int(r, 256)));
      return { bytes: Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]), how: `insert ${ins.length} at ${at}` };
    }
    default: {
      // Duplicate a chunk (nested structures repeated).
      const from = int(r, b.length);
      const len = 1 + int(r, Math.min(256, b.length - from));
      const at = int(r, b.length);
      return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(from, from + len), b.subarray(at)]), how: `duplicate ${len} from ${from} at ${at}` };
    }
  }
}

/** PEM: mutate the DER inside its base64 (a text edit mostly just breaks the base64), or the text itself. */
function mutatePem(r: Rng, src: Buffer, other: Uint8Array): { bytes: Uint8Array; how: string } {
  const text = src.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----\n([\s\S]*?)-----END \1-----/g)];
  if (blocks.length === 0 || r() < 0.25) return mutate(r, src, other);
  const m = blocks[int(r, blocks.length)];
  const der = Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
  const inner = mutate(r, der, other);
  const b64 = Buffer.from(inner.bytes).toString('base64').replace(/.{64}/g, '$&\n');
  const out = text.slice(0, m.index!) + `-----BEGIN ${m[1]}-----\n${b64}\n-----END ${m[1]}-----` + text.slice(m.index! + m[0].length);
  return { bytes: Buffer.from(out, 'latin1'), how: `PEM block ${m[1]}: ${inner.how}` };
}

function check(r: FileInspection, name: string) {
  assert.equal(r.file, name);
  assert.ok(Array.isArray(r.certificates));
  if (r.error === null) assert.ok(r.certificates.length > 0, 'no error and no certificate');
  else {
    assert.ok(CODES.has(r.error.code), r.error.code);
    assert.equal(typeof r.error.message, 'string');
    assert.ok(r.error.message.length > 0);
  }
  for (const c of r.certificates) {
    assert.match(c.thumbprint, /^[0-9A-F]{40}$/);
    assert.ok(!Number.isNaN(Date.parse(c.notBefore)) && !Number.isNaN(Date.parse(c.notAfter)));
    assert.ok(Array.isArray(c.findings));
  }
}

test(`fuzz: ${CASES} mutated certificate files, each a FileInspection within ${PER_CASE_MS} ms (seed ${SEED})`, () => {
  const rng = seededRandom(SEED);
  const now = new Date();
  const started = performance.now();
  let slowest = { ms: 0, what: '' };
  const codes: Record<string, number> = {};
  for (let i = 0; i < CASES; i++) {
    // PFX cases cost key derivations: a quarter of the cases.
    const pool = rng() < 0.25 ? seeds.filter((s) => s.kind === 'pfx') : seeds.filter((s) => s.kind !== 'pfx');
    const seed = pool[int(rng, pool.length)];
    const other = seeds[int(rng, seeds.length)].bytes;
    const m = seed.kind === 'pem' ? mutatePem(rng, seed.bytes, other) : mutate(rng, seed.bytes, other);
    const password = seed.password !== undefined && rng() < 0.85 ? seed.password : undefined;
    const what = `case ${i} (seed ${SEED}): ${seed.name} ${m.how}`;
    const t0 = performance.now();
    let r: FileInspection;
    try {
      r = inspectCertificateFile(seed.name, m.bytes, { now, password, fqdn: 'um01.contoso.com' });
    } catch (e) {
      assert.fail(`${what} threw ${e instanceof Error ? e.stack : String(e)}`);
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, what };
    assert.ok(ms < PER_CASE_MS, `${what} took ${Math.round(ms)} ms`);
    try {
      check(r, seed.name);
    } catch (e) {
      assert.fail(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const k = r.error?.code ?? 'read';
    codes[k] = (codes[k] ?? 0) + 1;
  }
  const total = performance.now() - started;
  console.log(`# fuzz: ${CASES} cases in ${Math.round(total)} ms; slowest ${Math.round(slowest.ms)} ms (${slowest.what}); outcomes ${JSON.stringify(codes)}`);
});
