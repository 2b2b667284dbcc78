/**
 * The reader of the PowerShell host's stdout (frames and console noise), without PowerShell: the
 * worst chunkings (1-byte segments through multibyte text, a 100,000-object frame in 64 KiB and in
 * 7-byte segments) give what the unsplit output gives, with work linear in the input by the
 * reader's own count; and a seeded fuzz of corrupted, truncated, interleaved and oversized output
 * ends in frames, noise or a HostProtocolError — never another exception, never more pending bytes
 * than the cap. The time of a real 100,000-object frame is in bench/powershell.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { framePrefix, type HostOutput, HostOutputReader, HostProtocolError } from '../../../../main/powershell/host-protocol';
import { seededRandom } from '../../../support/seeded-random';

const NONCE = '0123456789abcdef0123456789abcdef';
const frameLine = (value: unknown, nonce = NONCE) => `${framePrefix(nonce)}${Buffer.from(JSON.stringify(value), 'utf8').toString('base64')}\n`;
const MULTIBYTE = 'Zoé Müller — 東京 ✓ 🎧';

function readAll(bytes: Buffer, segment: number, reader = new HostOutputReader(NONCE), check?: (r: HostOutputReader, fed: number) => void): HostOutput[] {
  const out: HostOutput[] = [];
  for (let i = 0; i < bytes.length; i += segment) {
    out.push(...reader.push(bytes.subarray(i, i + segment)));
    check?.(reader, Math.min(bytes.length, i + segment));
  }
  return out;
}

describe('host output reader: worst chunkings', () => {
  it('1-byte segments through multibyte noise, ANSI colours, CRLF and frames give what the whole output gives', () => {
    const text = [
      `${MULTIBYTE}\r\n`,
      frameLine({ id: 0, ok: true, psVersion: '7.4.6' }),
      `\u001b[31mcoloured ${MULTIBYTE}\u001b[0m\n`,
      `${framePrefix('00000000')}bm90IGEgZnJhbWU=\n`, // a frame with another nonce: noise
      frameLine({ id: 7, ok: true, objects: [{ DisplayName: MULTIBYTE }] }),
      'partial line without its end',
    ].join('');
    const bytes = Buffer.from(text, 'utf8');
    const whole = new HostOutputReader(NONCE).push(bytes);
    assert.deepEqual(
      whole.map((o) => o.kind),
      ['noise', 'frame', 'noise', 'noise', 'frame'],
    );
    assert.equal((whole[0] as { text: string }).text, MULTIBYTE, 'a multibyte character split between segments is decoded whole');
    assert.deepEqual((whole[4] as { frame: unknown }).frame, { id: 7, ok: true, objects: [{ DisplayName: MULTIBYTE }] });
    for (const segment of [1, 2, 3, 5, 7]) assert.deepEqual(readAll(bytes, segment), whole, `${segment}-byte segments`);
  });

  describe('a frame of 100,000 objects', () => {
    const objects = Array.from({ length: 100_000 }, (_, i) => ({
      Identity: `CN=User ${i},OU=Users,DC=litwareinc,DC=com`,
      SipAddress: `sip:user${i}@litwareinc.com`,
      DisplayName: `${MULTIBYTE} ${i}`,
      LineURI: `tel:+1425555${String(i).padStart(6, '0')}`,
      Enabled: i % 3 !== 0,
    }));
    const bytes = Buffer.from(frameLine({ id: 42, ok: true, ms: 1, count: objects.length, objects }), 'utf8');
    let expected: HostOutput[];

    for (const segment of [64 * 1024, 7]) {
      it(`in ${segment === 7 ? '7-byte' : '64 KiB'} segments: the same objects, work linear in the input at every step`, () => {
        expected ??= new HostOutputReader(NONCE).push(bytes);
        assert.equal(expected.length, 1);
        const got = readAll(bytes, segment, new HostOutputReader(NONCE), (r, fed) => {
          const { copied, scanned } = r.work;
          // Each byte is copied in once (plus amortised growth) and scanned a few times (line end,
          // prefix, base64, decode). The quadratic reader rescanned everything pending on every segment.
          if (copied + scanned > 10 * fed + 4096) assert.fail(`${segment}-byte segments, after ${fed} of ${bytes.length} bytes: copied ${copied} + scanned ${scanned}`);
        });
        assert.equal(got.length, 1);
        assert.equal(JSON.stringify(got), JSON.stringify(expected));
      });
    }
  });
});

describe('host output reader: protocol errors', () => {
  it('a line longer than the cap is refused as soon as it passes the cap, without waiting for its end', () => {
    const r = new HostOutputReader(NONCE, 64 * 1024);
    assert.deepEqual(r.push(Buffer.from(frameLine({ id: 1, ok: true }))).length, 1);
    r.push(Buffer.alloc(60 * 1024, 0x41));
    assert.throws(
      () => r.push(Buffer.alloc(8 * 1024, 0x41)),
      (e: unknown) => e instanceof HostProtocolError && /longer than 65536 bytes/.test(e.message),
    );
    assert.throws(() => r.push(Buffer.from('\n')), HostProtocolError, 'a reader that failed stays failed');
  });

  it('a frame with our nonce that is not base64 JSON with an id is a protocol error, not noise', () => {
    for (const body of [
      'not base64!',
      Buffer.from('{"id": 1, "ok": tr').toString('base64'),
      Buffer.from('[1,2]').toString('base64'),
      Buffer.from('{"ok":true}').toString('base64'),
      Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'),
    ]) {
      assert.throws(
        () => new HostOutputReader(NONCE).push(Buffer.from(`${framePrefix(NONCE)}${body}\n`)),
        (e: unknown) => e instanceof HostProtocolError,
        body,
      );
    }
  });
});

describe('host output reader: fuzz', () => {
  it('2,000 seeded outputs (corrupted bytes, truncation, interleaved noise and stderr lines, oversized lines, random segments): frames, noise or HostProtocolError only, pending bounded', () => {
    const CAP = 32 * 1024;
    const frames = [
      { id: 1, ok: true, objects: [{ Name: MULTIBYTE }] },
      { id: 2, ok: false, error: { kind: 'cmdlet', message: 'x' } },
      { id: 3, ok: true, objects: Array.from({ length: 50 }, (_, i) => ({ i, n: 'v'.repeat(i) })) },
    ];
    const noise = [`${MULTIBYTE}\n`, '\u001b[1;32mWARNING: colours\u001b[0m\r\n', 'ssh: connect to host 10.0.0.1 port 22: Connection refused\n', `${framePrefix('ffff')}AAAA\n`, '\n', '\r\n'];
    const counts = { cases: 0, frames: 0, noise: 0, refused: 0, exact: 0 };
    for (let seed = 1; seed <= 2000; seed++) {
      const r = seededRandom(seed);
      const parts: string[] = [];
      for (let k = 0; k < 2 + Math.floor(r() * 6); k++) parts.push(r() < 0.5 ? frameLine(frames[Math.floor(r() * frames.length)]) : noise[Math.floor(r() * noise.length)]!);
      let bytes = Buffer.from(parts.join(''), 'utf8');
      const mode = seed % 5;
      if (mode === 1) for (let k = 0; k < 1 + r() * 6; k++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
      else if (mode === 2) bytes = bytes.subarray(0, Math.floor(r() * bytes.length));
      else if (mode === 3) {
        const at = Math.floor(r() * bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(CAP + Math.floor(r() * 4096), r() < 0.5 ? 0x41 : 0xe6), bytes.subarray(at)]);
      } else if (mode === 4) {
        const at = Math.floor(r() * bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(`stderr relayed: ${MULTIBYTE}\n`), bytes.subarray(at)]);
      }
      const reader = new HostOutputReader(NONCE, CAP);
      const got: HostOutput[] = [];
      let refused = false;
      try {
        for (let i = 0; i < bytes.length;) {
          const n = 1 + Math.floor(r() * (r() < 0.2 ? 4096 : 40));
          got.push(...reader.push(bytes.subarray(i, i + n)));
          i += n;
          assert.ok(reader.pending <= CAP, `seed ${seed}: ${reader.pending} bytes pending`);
        }
      } catch (e) {
        if (!(e instanceof HostProtocolError)) assert.fail(`seed ${seed}: ${e instanceof Error ? e.stack : String(e)}`);
        refused = true;
      }
      for (const o of got) {
        if (o.kind === 'frame') assert.ok(typeof o.frame === 'object' && o.frame !== null && typeof o.frame.id === 'number', `seed ${seed}`);
        else assert.equal(typeof o.text, 'string', `seed ${seed}`);
      }
      if (mode === 0 || mode === 2) {
        // Untouched output (or cut short): exactly the whole lines' frames and noise, in order.
        assert.equal(refused, false, `seed ${seed}`);
        assert.deepEqual(got, new HostOutputReader(NONCE, CAP).push(bytes), `seed ${seed}`);
        counts.exact++;
      }
      if (mode === 3) assert.equal(refused, true, `seed ${seed}: an oversized line is refused`);
      counts.cases++;
      counts.frames += got.filter((o) => o.kind === 'frame').length;
      counts.noise += got.filter((o) => o.kind === 'noise').length;
      counts.refused += refused ? 1 : 0;
    }
    console.log(`host framing fuzz: ${JSON.stringify(counts)}`);
    assert.equal(counts.cases, 2000);
    assert.ok(counts.frames > 0 && counts.noise > 0 && counts.refused >= 400);
  });
});
