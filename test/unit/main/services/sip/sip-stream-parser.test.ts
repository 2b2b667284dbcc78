/**
 * The SIP stream reader under the worst chunkings a TCP or TLS peer can choose: a 1 MB answer in
 * 1- and 10-byte segments, every 2-way split of a small answer and a seeded set of 3-way splits.
 * Each must give the message the whole answer gives, and the reader's own count of the bytes it
 * copied and scanned must stay within a small multiple of the input (linear work; the time is in
 * bench/sip.ts, never asserted here).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOptions, MAX_BODY_BYTES, type SipMessage, SipProtocolError, SipStreamParser } from '../../../../../main/services/sip/sip-message';
import { seededRandom } from '../../../../support/seeded-random';

const req = buildOptions({ host: 'gw01.contoso.com', port: 5060, transport: 'tcp', localAddress: '10.0.0.9', localPort: 40000 });

function answer(code: number, reason: string, body: Buffer | string = '', extra: readonly string[] = []): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const head = [
    `SIP/2.0 ${code} ${reason}`,
    `Via: SIP/2.0/TCP 10.0.0.9:40000;branch=${req.branch};rport=40000`,
    `From: <sip:umc@10.0.0.9:40000>;tag=${req.fromTag}`,
    'To: <sip:gw01.contoso.com:5060>;tag=abc',
    `Call-ID: ${req.callId}`,
    `CSeq: ${req.cseq} OPTIONS`,
    'Server: Chunking Gateway',
    ...extra,
    `Content-Length: ${b.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), b]);
}

/** What a test compares: everything the reader gives about a message. */
const shape = (m: SipMessage) => ({ kind: m.kind, code: m.code, reason: m.reason, method: m.method, headers: [...m.headers], body: m.body.toString('base64') });

function feed(p: SipStreamParser, bytes: Buffer, cuts: readonly number[]): SipMessage[] {
  const out: SipMessage[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(...p.push(bytes.subarray(at, c)));
    at = c;
  }
  return out;
}

function inSegments(bytes: Buffer, size: number): { messages: SipMessage[]; parser: SipStreamParser } {
  const parser = new SipStreamParser();
  const messages: SipMessage[] = [];
  for (let i = 0; i < bytes.length; i += size) messages.push(...parser.push(bytes.subarray(i, i + size)));
  return { messages, parser };
}

describe('SIP stream reader: worst chunkings', () => {
  const bigBody = Buffer.alloc(MAX_BODY_BYTES, 0x61);
  for (let i = 0; i < bigBody.length; i += 97) bigBody[i] = 0x0a; // newlines in the body must not look like a header end
  const big = answer(200, 'OK', bigBody);

  for (const size of [1, 10]) {
    it(`a 1 MB answer in ${size}-byte segments: the same message, and work linear in its size`, () => {
      const { messages, parser } = inSegments(big, size);
      assert.equal(messages.length, 1);
      assert.deepEqual(shape(messages[0]!), shape(new SipStreamParser().push(big)[0]!));
      assert.equal(parser.pending, 0);
      const { copied, scanned } = parser.work;
      // Every byte is copied in once and out once (the body), plus amortised growth; the head is
      // scanned once. The quadratic reader copied the whole buffer on every segment.
      assert.ok(copied + scanned <= 6 * big.length, `${size}-byte segments: copied ${copied} + scanned ${scanned} bytes for ${big.length} bytes of input (limit ${6 * big.length})`);
    });
  }

  it('a 64 KB header section in 1-byte segments is scanned linearly, and one byte more is refused', () => {
    const filler = Array.from({ length: 600 }, (_, i) => `X-Filler-${i}: ${'v'.repeat(90)}`);
    const wide = answer(200, 'OK', 'body', filler);
    const { messages, parser } = inSegments(wide, 1);
    assert.equal(messages.length, 1);
    assert.ok(parser.work.copied + parser.work.scanned <= 6 * wide.length, JSON.stringify(parser.work));
    const tooWide = answer(200, 'OK', '', [`X-Big: ${'v'.repeat(70_000)}`]);
    assert.throws(
      () => inSegments(tooWide, 7),
      (e: unknown) => e instanceof SipProtocolError && /header section larger than 65536 bytes/.test(e.detail),
    );
  });

  it('every 2-way split and 3,000 seeded 3-way splits of a small answer (a 1xx and the final answer) give the messages of the whole', () => {
    const whole = Buffer.concat([Buffer.from('\r\n\r\n'), answer(100, 'Trying'), answer(200, 'OK', 'v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n\r\n', ['Contact: <sip:gw@10.0.0.1>', '  ;expires=60'])]);
    const expected = new SipStreamParser().push(whole).map(shape);
    assert.deepEqual(
      expected.map((m) => m.code),
      [100, 200],
    );
    let cases = 0;
    for (let a = 0; a <= whole.length; a++) {
      assert.deepEqual(feed(new SipStreamParser(), whole, [a]).map(shape), expected, `split at ${a}`);
      cases++;
    }
    const seed = 3261;
    const r = seededRandom(seed);
    for (let k = 0; k < 3000; k++) {
      const cuts = [Math.floor(r() * (whole.length + 1)), Math.floor(r() * (whole.length + 1))].sort((x, y) => x - y);
      assert.deepEqual(feed(new SipStreamParser(), whole, cuts).map(shape), expected, `seed ${seed}, case ${k}: cuts ${cuts.join(',')}`);
      cases++;
    }
    assert.equal(cases, whole.length + 1 + 3000);
  });

  it('many messages on one connection: work stays linear and nothing is kept once they are read', () => {
    const one = answer(200, 'OK', 'x'.repeat(300));
    const stream = Buffer.concat(Array.from({ length: 2000 }, () => one));
    const { messages, parser } = inSegments(stream, 13);
    assert.equal(messages.length, 2000);
    assert.equal(parser.pending, 0);
    assert.ok(parser.work.copied + parser.work.scanned <= 6 * stream.length, JSON.stringify(parser.work));
  });
});
