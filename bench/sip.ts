/**
 * SIP reachability sweep: 300 loopback targets — a third answering (a real Kamailio when
 * installed, else an in-process UDP responder), a third silent (bound UDP sockets that read and ignore),
 * a third refused (closed ports) — timeout 2 s, swept with a concurrency cap, versus one by one.
 *   node --import tsx bench/sip.ts [--serial-full]
 * The serial figure is estimated from a sample (10 of each kind) unless --serial-full is given.
 * First, the stream reader fed a 1 MB answer in the worst segments (readerChunking).
 */
import dgram from 'node:dgram';
import { probeTarget, sweepTargets } from '../main/services/sip/sip-prober';
import { MAX_BODY_BYTES, SipStreamParser } from '../main/services/sip/sip-message';
import { parseTarget, type ProbeTarget } from '../shared/sip/probe-model';
import { freePort, type Kamailio, kamailioMissing, startKamailio } from '../test/support/kamailio';
import { measure, note } from './bench-output';

const TIMEOUT_MS = 2000;
const target = (raw: string): ProbeTarget => {
  const p = parseTarget(raw);
  if (!p.ok) throw new Error(p.reason);
  return p.target;
};
const udpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap').length;

async function bind(onMessage?: (s: dgram.Socket, m: Buffer, r: dgram.RemoteInfo) => void): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  if (onMessage) s.on('message', (m, r) => onMessage(s, m, r));
  else s.on('message', () => {});
  return s;
}

function answer(s: dgram.Socket, m: Buffer, r: dgram.RemoteInfo) {
  const req = m.toString();
  const h = (n: string) => new RegExp(`^${n}: (.*)$`, 'mi').exec(req)![1]!.trim();
  s.send(
    `SIP/2.0 200 OK\r\nVia: ${h('Via')}\r\nFrom: ${h('From')}\r\nTo: ${h('To')};tag=b\r\nCall-ID: ${h('Call-ID')}\r\nCSeq: ${h('CSeq')}\r\nServer: bench\r\nContent-Length: 0\r\n\r\n`,
    r.port,
    r.address,
  );
}

/**
 * The stream reader under the worst chunking a peer can choose: a 1 MB answer in 1- and 10-byte
 * segments (the reader that concatenated its buffer on every segment took about 9 s for 10-byte
 * segments); the reader's own count of bytes copied and scanned shows the work is linear.
 */
export function readerChunking(): void {
  const body = Buffer.alloc(MAX_BODY_BYTES, 0x61);
  const answer = Buffer.concat([Buffer.from(`SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 10.0.0.9:40000;branch=z9hG4bK1\r\nCall-ID: c@umc\r\nCSeq: 1 OPTIONS\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  for (const size of [10, 1]) {
    const p = new SipStreamParser();
    const t0 = performance.now();
    let messages = 0;
    for (let i = 0; i < answer.length; i += size) messages += p.push(answer.subarray(i, i + size)).length;
    const ms = performance.now() - t0;
    if (messages !== 1) throw new Error('the reader did not give the answer');
    measure({ name: 'sip', label: `SIP stream reader: 1 MB answer in ${size}-byte segments`, value: ms, unit: 'ms', target: { max: 1000 }, targetText: '≤ 1 s (was ~9 s at 10 bytes)' });
    note(`    copied ${p.work.copied.toLocaleString('en-US')} + scanned ${p.work.scanned.toLocaleString('en-US')} bytes for ${answer.length.toLocaleString('en-US')} bytes of input`);
  }
}

export async function sipBench(serialFull = false): Promise<void> {
  readerChunking();
  const sockets: dgram.Socket[] = [];
  const kamailios: Kamailio[] = [];
  try {
    const answering: string[] = [];
    const missing = kamailioMissing();
    if (!missing) {
      for (let i = 0; i < 4; i++) kamailios.push(await startKamailio({ answer: 200 }));
      for (let i = 0; i < 100; i++) answering.push(`sip:127.0.0.1:${kamailios[i % kamailios.length]!.udp}`);
    } else {
      for (let i = 0; i < 100; i++) {
        const s = await bind(answer);
        sockets.push(s);
        answering.push(`sip:127.0.0.1:${s.address().port}`);
      }
    }
    const silent: string[] = [];
    for (let i = 0; i < 100; i++) {
      const s = await bind();
      sockets.push(s);
      silent.push(`sip:127.0.0.1:${s.address().port}`);
    }
    const refused: string[] = [];
    for (let i = 0; i < 100; i++) refused.push(`sip:127.0.0.1:${await freePort()}`);
    const all = answering.flatMap((a, i) => [a, silent[i]!, refused[i]!]).map(target);
    note(`SIP sweep: 300 loopback UDP targets (answering: ${missing ? 'in-process responder' : `${kamailios.length} Kamailio processes`}; 100 silent; 100 refused), timeout ${TIMEOUT_MS} ms`);

    for (const concurrency of [64, 128]) {
      await new Promise((r) => setTimeout(r, 200)); // the sockets closed just before are gone
      const baseline = udpSockets();
      let peakSockets = 0;
      let peakRss = process.memoryUsage().rss;
      let peakHeap = process.memoryUsage().heapUsed;
      const sampler = setInterval(() => {
        peakSockets = Math.max(peakSockets, udpSockets() - baseline);
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 10);
      const t0 = performance.now();
      let inFlight = 0;
      let peakInFlight = 0;
      const results = await sweepTargets(all, {
        timeoutMs: TIMEOUT_MS,
        concurrency,
        onStart: () => (peakInFlight = Math.max(peakInFlight, ++inFlight)),
        onResult: () => inFlight--,
      });
      const ms = performance.now() - t0;
      clearInterval(sampler);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      measure({ name: 'sip', label: `sweep of 300, concurrency ${concurrency}`, value: ms, unit: 'ms', target: { max: 2 * TIMEOUT_MS }, targetText: `≤ ${2 * TIMEOUT_MS} ms` });
      note(
        `    ok ${count('ok')}, timeout ${count('timeout')}, refused ${count('refused')}; peak probes in flight ${peakInFlight} (cap ${concurrency}); peak UDP sockets open ${peakSockets} (closing ones included); peak RSS ${(peakRss / 1048576).toFixed(0)} MB, peak heap ${(peakHeap / 1048576).toFixed(0)} MB`,
      );
    }

    const sample = serialFull ? all : [...all.slice(0, 30)];
    const t0 = performance.now();
    for (const t of sample) await probeTarget(t, { timeoutMs: TIMEOUT_MS });
    const serial = performance.now() - t0;
    const estimate = serialFull ? serial : (serial / sample.length) * all.length;
    measure({
      name: 'sip',
      label: serialFull ? 'the same 300 one by one' : 'the same 300 one by one (estimated from 30: 10 of each)',
      value: estimate / 1000,
      unit: 's',
      target: null,
      targetText: 'for comparison',
      digits: 1,
    });
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(kamailios.map((k) => k.stop()));
  }
}

if (require.main === module)
  sipBench(process.argv.includes('--serial-full')).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
