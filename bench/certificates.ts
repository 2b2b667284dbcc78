/**
 * Offline certificate inspection: 2,000 certificate files (half PEM .crt, half DER .cer),
 * signed in-process from a few keys (Node's crypto, OpenSSL underneath), inspected with the console's
 * reader (read + parse + rules), against `openssl x509 -noout -text -in F` once per file.
 *   node --import tsx bench/certificates.ts [--openssl-all]
 * openssl runs over a sample of 300 of the files by default (about 50 files/s: the full run takes ~40 s),
 * extrapolated; --openssl-all runs it over every file.
 * Targets: ≥ 2,000 files/s (the rate the one reader must keep over the containers), ≥ 10× faster than openssl once per file.
 * The same files through the inspection worker (main/services/certificates/inspect-runner.ts: what the
 * Certificates screen and `umc cert inspect` use, so the main thread never parses a file), worker start included:
 * also ≥ 2,000 files/s.
 * And the renderer's base64 of a dropped file (renderer/src/screens/certificates/base64.ts) on a 10 MB
 * file, the largest the reader accepts: target ≤ 1 s (one click).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCertificateFromFile } from '../main/services/certificates/cert-file-reader';
import { base64FromBytes } from '../renderer/src/screens/certificates/base64';
import { startInspection } from '../main/services/certificates/inspect-runner';
import { measure, note } from './bench-output';

const FILES = 2000;
const OPENSSL_SAMPLE = 300;

// ------------------------------------------------------------- a small DER writer

function tlv(tag: number, body: Uint8Array): Buffer {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
const seq = (...xs: Uint8Array[]) => tlv(0x30, Buffer.concat(xs));
const set = (...xs: Uint8Array[]) => tlv(0x31, Buffer.concat(xs));
const ctx = (n: number, ...xs: Uint8Array[]) => tlv(0xa0 + n, Buffer.concat(xs));
function oid(s: string): Buffer {
  const p = s.split('.').map(Number);
  const out = [40 * p[0] + p[1]];
  for (const v of p.slice(2)) {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift((x & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
}
const int = (b: Uint8Array) => tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const octet = (b: Uint8Array) => tlv(0x04, b);
const bits = (b: Uint8Array) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const NULL = Buffer.from([0x05, 0x00]);
function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(s, 'latin1'));
}
const name = (cn: string) => seq(set(seq(oid('2.5.4.6'), tlv(0x13, Buffer.from('US')))), set(seq(oid('2.5.4.10'), utf8('Contoso'))), set(seq(oid('2.5.4.3'), utf8(cn))));
const ext = (id: string, value: Uint8Array, critical = false) => seq(oid(id), ...(critical ? [Buffer.from([0x01, 0x01, 0xff])] : []), octet(value));

const SIG = { sha256: '1.2.840.113549.1.1.11', sha1: '1.2.840.113549.1.1.5' } as const;

function certificate(i: number, subjectKey: KeyObject, issuerKey: KeyObject, now: number): Buffer {
  const cn = `srv${String(i).padStart(4, '0')}.contoso.com`;
  const md = i % 10 === 0 ? 'sha1' : 'sha256';
  const alg = seq(oid(SIG[md]), NULL);
  const day = 86_400_000;
  const notBefore = new Date(now - (30 + (i % 50)) * day);
  const notAfter = new Date(now + ((i % 7) * 20 - 30) * day + 365 * day * (i % 3));
  const exts = [
    ext('2.5.29.19', seq(), true),
    ext('2.5.29.15', tlv(0x03, Buffer.from([0x05, 0xa0])), true),
    ext('2.5.29.17', seq(tlv(0x82, Buffer.from(cn)), tlv(0x82, Buffer.from(i % 5 === 0 ? '*.pool.contoso.com' : `srv${i}`)))),
    ...(i % 4 === 0 ? [] : [ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2')))]),
    ...(i % 6 === 0 ? [] : [ext('2.5.29.31', seq(seq(ctx(0, ctx(0, tlv(0x86, Buffer.from('http://crl.contoso.com/issuing.crl')))))))]),
  ];
  const serial = Buffer.alloc(16);
  serial.writeUInt32BE(i + 1, 12);
  serial[0] = 0x3a;
  const tbs = seq(
    ctx(0, int(Buffer.from([2]))),
    int(serial),
    alg,
    name('Contoso Issuing CA'),
    seq(utcTime(notBefore), utcTime(notAfter)),
    name(cn),
    subjectKey.export({ type: 'spki', format: 'der' }),
    ctx(3, seq(...exts)),
  );
  return seq(tbs, alg, bits(sign(md, tbs, issuerKey)));
}

async function main() {
  const openSslAll = process.argv.includes('--openssl-all');
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-certs-'));
  try {
    let t0 = performance.now();
    const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const subjects = [
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
      generateKeyPairSync('rsa', { modulusLength: 3072 }).publicKey,
    ];
    const now = Date.now();
    const files: { path: string; der: boolean }[] = [];
    for (let i = 0; i < FILES; i++) {
      const der = certificate(i, subjects[i % subjects.length], issuer, now);
      const asDer = i % 2 === 0;
      const path = join(dir, `cert-${i}.${asDer ? 'cer' : 'crt'}`);
      writeFileSync(path, asDer ? der : `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`);
      files.push({ path, der: asDer });
    }
    note(`generated ${FILES} certificate files (half DER .cer, half PEM .crt; RSA 1024–3072 and EC P-256 keys) in ${Math.round(performance.now() - t0)} ms`);

    // The reader: read + parse + rules, one file after the other (as the CLI does).
    const at = new Date(now);
    for (const f of files.slice(0, 50)) await readCertificateFromFile(f.path, { now: at }); // warm-up
    const runs: number[] = [];
    let findings = 0;
    let failures = 0;
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      findings = 0;
      for (const f of files) {
        const r = await readCertificateFromFile(f.path, { now: at, fqdn: 'srv0001.contoso.com' });
        if (r.error) failures++;
        else findings += r.certificates[0].findings.length;
      }
      runs.push(performance.now() - t0);
    }
    if (failures) throw new Error(`${failures} files could not be read`);
    const best = Math.min(...runs);
    const ours = (FILES / best) * 1000;
    measure({ name: 'certificates', label: `inspect ${FILES} certificate files (read+parse+rules, best of 3)`, value: ours, unit: 'files/s', target: { min: 2000 }, targetText: '≥ 2000 files/s' });
    note(`    ${Math.round(best)} ms for ${FILES} files; ${findings} findings; runs ${runs.map((r) => Math.round(r)).join(' / ')} ms`);

    // Through the worker, as `umc cert inspect` does: one worker per inspection, its start included.
    const workerRuns: number[] = [];
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      const o = await startInspection(
        files.map((f) => ({ name: f.path, path: f.path })),
        { now: at, fqdn: 'srv0001.contoso.com' },
      ).outcome;
      workerRuns.push(performance.now() - t0);
      if (o.files.some((r) => r.error)) throw new Error('the worker could not read some files');
    }
    const viaWorker = (FILES / Math.min(...workerRuns)) * 1000;
    measure({
      name: 'certificates',
      label: `inspect ${FILES} files through the inspection worker (best of 3)`,
      value: viaWorker,
      unit: 'files/s',
      target: { min: 2000 },
      targetText: '≥ 2000 files/s',
    });
    note(`    runs ${workerRuns.map((r) => Math.round(r)).join(' / ')} ms (worker start included)`);

    // openssl once per file.
    const sample = openSslAll ? files : files.filter((_, i) => i % Math.floor(FILES / OPENSSL_SAMPLE) === 0).slice(0, OPENSSL_SAMPLE);
    t0 = performance.now();
    for (const f of sample) {
      const r = spawnSync('openssl', ['x509', '-noout', '-text', ...(f.der ? ['-inform', 'DER'] : []), '-in', f.path], { stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) throw new Error(`openssl failed on ${f.path}: ${r.stderr}`);
    }
    const opensslMs = performance.now() - t0;
    const theirs = (sample.length / opensslMs) * 1000;
    measure({
      name: 'certificates',
      label: `openssl x509 -noout -text once per file (${sample.length === FILES ? 'all' : `${sample.length} of ${FILES}, extrapolated`})`,
      value: theirs,
      unit: 'files/s',
      target: null,
      targetText: 'reference',
    });
    note(`    ${Math.round(opensslMs)} ms for ${sample.length} files${sample.length === FILES ? '' : `; ~${Math.round(FILES / theirs)} s for all ${FILES}`}`);
    measure({ name: 'certificates', label: 'reader vs openssl once per file', value: ours / theirs, unit: '×', target: { min: 10 }, targetText: '≥ 10×', digits: 1 });
    const dropped = new Uint8Array(randomBytes(10 * 1024 * 1024));
    let base64Ms = Infinity;
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      base64FromBytes(dropped);
      base64Ms = Math.min(base64Ms, performance.now() - t0);
    }
    measure({ name: 'certificates', label: 'base64 of a dropped 10 MB file in the renderer (best of 3)', value: base64Ms, unit: 'ms', target: { max: 1000 }, targetText: '≤ 1000 ms' });
    if (ours < 500 || viaWorker < 500 || ours / theirs < 10) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
