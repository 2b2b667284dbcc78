/**
 * A seeded fuzz of SIP answers: real answers (what Kamailio sends over TCP, when it is installed)
 * and hand-built hostile ones — bad status lines, duplicated, negative and huge Content-Length,
 * folded headers, NULs, truncated bodies, non-UTF-8 — mutated and fed to the reader whole and in
 * random segments, then served by a loopback TCP and UDP peer to the prober. The reader yields
 * messages or a SipProtocolError (the same whatever the segments), never another exception, never
 * more pending bytes than its caps; the prober answers each with a status and an explanation,
 * and closes every socket and timer. Bounded by count (a few seconds); the seed is in every failure.
 */
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildOptions, MAX_BODY_BYTES, MAX_HEADER_BYTES, parseDatagram, type SipMessage, SipProtocolError, SipStreamParser } from '../../../../../main/services/sip/sip-message';
import { probeTarget } from '../../../../../main/services/sip/sip-prober';
import { parseTarget } from '../../../../../shared/sip/probe-model';
import { type Kamailio, kamailioMissing, startKamailio } from '../../../../support/kamailio';
import { seededRandom } from '../../../../support/seeded-random';

const CRLF = '\r\n';
/** A response echoing a request's Via, From, Call-ID and CSeq, with what `edit` makes of its lines. */
function answerTo(request: string, edit: (lines: string[]) => string[] = (l) => l, body = ''): string {
  const h = (n: string) => new RegExp(`^${n}: (.*)$`, 'mi').exec(request)?.[1]?.trim() ?? '';
  const lines = [
    'SIP/2.0 200 OK',
    `Via: ${h('Via')};received=127.0.0.1`,
    `From: ${h('From')}`,
    `To: ${h('To')};tag=f1`,
    `Call-ID: ${h('Call-ID')}`,
    `CSeq: ${h('CSeq')}`,
    'Server: fuzz peer',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return edit(lines).join(CRLF) + CRLF + CRLF + body;
}

/** Hand-built hostile answers (each an edit of a good one). */
const HOSTILE: readonly ((lines: string[]) => string[])[] = [
  (l) => l,
  (l) => ['SIP/2.0 2000 OK', ...l.slice(1)],
  (l) => ['SIP/3.0 200 OK', ...l.slice(1)],
  (l) => ['HTTP/1.1 200 OK', ...l.slice(1)],
  (l) => ['SIP/2.0 99 Too Low', ...l.slice(1)],
  (l) => ['SIP/2.0 503 Service Unavailable', ...l.slice(1), 'Retry-After: 60'],
  (l) => ['SIP/2.0 100 Trying', ...l],
  (l) => [...l, 'Content-Length: 5'],
  (l) => [...l, 'l: 0'],
  (l) => [...l.slice(0, -1), 'Content-Length: -1'],
  (l) => [...l.slice(0, -1), 'Content-Length: 99999999999'],
  (l) => [...l.slice(0, -1), `Content-Length: ${MAX_BODY_BYTES + 1}`],
  (l) => [...l.slice(0, -1), 'Content-Length: 40'], // a truncated body
  (l) => [...l.slice(0, -1)], // no Content-Length on a stream
  (l) => [...l.slice(0, 6), 'Server: folded', '  continued', '\tand again', ...l.slice(7)],
  (l) => [l[0]!, ' folded before any header', ...l.slice(1)],
  (l) => [...l.slice(0, 3), 'X-Nul: a\0b', ...l.slice(3)],
  (l) => [...l.slice(0, 3), 'X-Latin1: caf\xe9 \xff\xfe', ...l.slice(3)],
  (l) => [...l.slice(0, 3), `X-Huge: ${'v'.repeat(MAX_HEADER_BYTES)}`, ...l.slice(3)],
  (l) => [...l.slice(0, 3), 'no colon here', ...l.slice(3)],
  (l) => [...l.slice(0, 3), 'Bad Name: x', ...l.slice(3)],
  (l) => [...l.slice(0, 3), 'X-Control: \x01\x02', ...l.slice(3)],
];

/** One mutation of an answer's bytes, chosen by the generator. */
function mutate(bytes: Buffer, r: () => number): Buffer {
  const b = Buffer.from(bytes);
  const at = () => Math.floor(r() * (b.length + 1));
  switch (Math.floor(r() * 6)) {
    case 0: // flip bytes
      for (let k = 0; k < 1 + r() * 6; k++) if (b.length) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      return b;
    case 1: // truncate
      return b.subarray(0, at());
    case 2: {
      // delete a span
      const i = at();
      return Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + Math.floor(r() * 40)))]);
    }
    case 3: {
      // insert a hostile token
      const tokens = ['\r\n', '\n', '\r\n\r\n', '\0', '\xff\xfe\xfd', 'Content-Length: 7\r\n', ' \t', ':', 'SIP/2.0 200 OK\r\n', '\x1b[31m'];
      const i = at();
      return Buffer.concat([b.subarray(0, i), Buffer.from(tokens[Math.floor(r() * tokens.length)]!, 'latin1'), b.subarray(i)]);
    }
    case 4: // two answers back to back
      return Buffer.concat([b, b]);
    default:
      return b;
  }
}

type Outcome = { messages: string[]; error: string | null };
const describeMessage = (m: SipMessage) => JSON.stringify([m.kind, m.code, m.reason, m.method, [...m.headers], m.body.toString('base64')]);

/** Feeds a stream reader; checks its caps after every segment. */
function stream(bytes: Buffer, segments: () => number, context: string): Outcome & { pending: number } {
  const p = new SipStreamParser();
  const messages: string[] = [];
  try {
    for (let i = 0; i < bytes.length;) {
      const n = segments();
      messages.push(...p.push(bytes.subarray(i, i + n)).map(describeMessage));
      i += n;
      assert.ok(p.pending <= MAX_HEADER_BYTES + 3 + MAX_BODY_BYTES, `${context}: ${p.pending} bytes pending`);
    }
    return { messages, error: null, pending: p.pending };
  } catch (e) {
    if (!(e instanceof SipProtocolError)) assert.fail(`${context}: ${e instanceof Error ? e.stack : String(e)}`);
    return { messages, error: e.detail, pending: p.pending };
  }
}

const skipKamailio = kamailioMissing();

describe('SIP answers fuzz', () => {
  let kamailio: Kamailio[] = [];
  /** Answers as a real server sends them (Kamailio over TCP), when it is installed. */
  const realAnswers: Buffer[] = [];

  before(async () => {
    if (skipKamailio) return;
    kamailio = await Promise.all([startKamailio({ answer: 200 }), startKamailio({ answer: 503 })]);
    for (const k of kamailio) {
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        const s = net.connect(k.tcp, '127.0.0.1', () => {
          s.write(buildOptions({ host: '127.0.0.1', port: k.tcp, transport: 'tcp', localAddress: s.localAddress!, localPort: s.localPort! }).bytes);
        });
        const got: Buffer[] = [];
        s.on('data', (d) => {
          got.push(d);
          const all = Buffer.concat(got);
          if (new SipStreamParser().push(all).length > 0) {
            s.destroy();
            resolve(all);
          }
        });
        s.on('error', reject);
      });
      realAnswers.push(bytes);
    }
  });
  after(async () => {
    await Promise.all(kamailio.map((k) => k.stop()));
  });

  it('14,000 mutated answers, whole and in random segments: messages or SipProtocolError, the same whatever the segments, within the caps', () => {
    const request = buildOptions({ host: 'gw01.contoso.com', port: 5060, transport: 'tcp', localAddress: '10.0.0.9', localPort: 40000 }).text;
    const seeds = [...realAnswers, ...HOSTILE.map((edit) => Buffer.from(answerTo(request, edit, 'v=0\r\n'), 'latin1'))];
    const counts = { cases: 0, real: realAnswers.length, parsed: 0, refused: 0, datagramParsed: 0, datagramRefused: 0 };
    for (let seed = 1; seed <= 14_000; seed++) {
      const r = seededRandom(seed);
      const base = seeds[Math.floor(r() * seeds.length)]!;
      const bytes = r() < 0.15 ? base : mutate(r() < 0.3 ? mutate(base, r) : base, r);
      const context = `seed ${seed}`;
      const whole = stream(bytes, () => bytes.length || 1, context);
      const size = r() < 0.3 ? 1 : 1 + Math.floor(r() * 64);
      const split = stream(bytes, () => (r() < 0.5 ? size : 1 + Math.floor(r() * 200)), context);
      if (whole.error === null) {
        assert.equal(split.error, null, context);
        assert.deepEqual(split.messages, whole.messages, context);
        assert.equal(split.pending, whole.pending, context);
        counts.parsed++;
      } else {
        assert.equal(split.error, whole.error, context);
        counts.refused++;
      }
      try {
        const m = parseDatagram(bytes);
        assert.ok(m.code === 0 || (m.code >= 100 && m.code <= 699), context);
        counts.datagramParsed++;
      } catch (e) {
        if (!(e instanceof SipProtocolError)) assert.fail(`${context}: ${e instanceof Error ? e.stack : String(e)}`);
        counts.datagramRefused++;
      }
      counts.cases++;
    }
    console.log(`SIP answers fuzz (reader): ${JSON.stringify(counts)}${skipKamailio ? ` (no Kamailio answers: ${skipKamailio})` : ''}`);
    assert.equal(counts.cases, 14_000);
    assert.ok(counts.parsed > 1000 && counts.refused > 1000, JSON.stringify(counts));
  });

  it('300 mutated answers served over TCP and UDP: the prober reports each with a status and an explanation, and closes everything', async () => {
    let seed = 0;
    const mutated = (request: string) => {
      const r = seededRandom(++seed);
      const edit = HOSTILE[Math.floor(r() * HOSTILE.length)]!;
      const base = Buffer.from(answerTo(request, edit, r() < 0.5 ? '' : 'v=0\r\n'), 'latin1');
      return { bytes: r() < 0.3 ? base : mutate(base, r), r };
    };
    const sockets = new Set<net.Socket>();
    const tcp = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      let got = '';
      s.on('data', (d) => {
        got += d.toString('latin1');
        if (!got.includes('\r\n\r\n')) return;
        const { bytes, r } = mutated(got);
        // Random segments, then the peer closes: every case ends without waiting for the timeout.
        const parts: Buffer[] = [];
        for (let i = 0; i < bytes.length;) {
          const n = 1 + Math.floor(r() * 300);
          parts.push(bytes.subarray(i, i + n));
          i += n;
        }
        const step = () => {
          if (s.destroyed) return;
          const part = parts.shift();
          if (!part) return void s.end();
          s.write(part, step);
        };
        step();
      });
    });
    await new Promise<void>((res) => tcp.listen(0, '127.0.0.1', res));
    const udp = dgram.createSocket('udp4');
    udp.on('message', (m, rinfo) => udp.send(mutated(m.toString('latin1')).bytes, rinfo.port, rinfo.address));
    await new Promise<void>((res) => udp.bind(0, '127.0.0.1', res));
    const counts: Record<string, number> = {};
    const before = process.getActiveResourcesInfo().length;
    try {
      for (let k = 0; k < 300; k++) {
        const raw = k % 3 === 2 ? `sip:127.0.0.1:${udp.address().port}` : `sip:127.0.0.1:${(tcp.address() as net.AddressInfo).port};transport=tcp`;
        const t = parseTarget(raw);
        assert.ok(t.ok);
        const result = await probeTarget(t.target, { timeoutMs: 400 });
        const context = `case ${k} (seed ${seed}): ${raw} → ${result.status} ${result.explanation}`;
        assert.ok(['ok', 'sip-error', 'protocol-error', 'timeout'].includes(result.status), context);
        assert.ok(result.explanation.length > 0 && result.explanationKey.startsWith('probe.explain.'), context);
        if (result.status === 'ok' || result.status === 'sip-error') assert.ok(result.code !== null && result.code >= 200 && result.code <= 699, context);
        counts[result.status] = (counts[result.status] ?? 0) + 1;
      }
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((res) => tcp.close(() => res()));
      await new Promise<void>((res) => udp.close(() => res()));
    }
    for (let i = 0; i < 40 && process.getActiveResourcesInfo().length > before - 2; i++) await new Promise((res) => setTimeout(res, 25));
    assert.ok(process.getActiveResourcesInfo().length <= before - 2, `every socket and timer closed: ${process.getActiveResourcesInfo().join(', ')}`);
    console.log(`SIP answers fuzz (prober over loopback TCP and UDP): 300 cases ${JSON.stringify(counts)}`);
    assert.ok((counts['protocol-error'] ?? 0) > 0 && (counts.ok ?? 0) + (counts['sip-error'] ?? 0) > 0, JSON.stringify(counts));
  });
});
