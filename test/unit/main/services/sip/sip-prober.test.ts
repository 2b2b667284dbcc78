import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { probeTarget, type ProbeResolver, sweepTargets } from '../../../../../main/services/sip/sip-prober';
import { parseTarget, type ProbeTarget } from '../../../../../shared/sip/probe-model';
import { renderDiagnostic, translateDynamic } from '../../../../../shared/i18n/translate';
import { freePort, type Kamailio, kamailioMissing, makeTestPki, startKamailio, type TestPki } from '../../../../support/kamailio';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { certFixtures } from '../../../../support/cert-fixtures';
import { expectNoLeak } from '../../../../support/no-leak';

const target = (raw: string): ProbeTarget => {
  const p = parseTarget(raw);
  if (!p.ok) throw new Error(p.reason);
  return p.target;
};

const settle = () => new Promise((res) => setTimeout(res, 20));

/** Runs f and checks that every socket and timer it opened is closed once it has resolved. */
async function noLeak<T>(f: () => Promise<T>): Promise<T> {
  await settle();
  return expectNoLeak(f, { ignore: ['TTYWrap', 'PipeWrap', 'ProcessWrap'], what: 'every socket and timer closed', attempts: 25, pauseMs: 20 });
}

/** A loopback stream server made by `make`: `onData` gets each connection and its request bytes once a header block arrived. */
async function streamServer(make: (onSocket: (s: net.Socket) => void) => net.Server, onData: (socket: net.Socket, data: string) => void) {
  const sockets = new Set<net.Socket>();
  const server = make((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n\r\n')) onData(s, buf);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const tcpServer = (onData: (socket: net.Socket, data: string) => void) => streamServer((h) => net.createServer(h), onData);

/** The response to a request text, echoing its Via, From, Call-ID and CSeq. */
function answer(request: string, code: number, reason: string, extra = ''): string {
  const h = (n: string) => new RegExp(`^${n}: (.*)$`, 'mi').exec(request)![1]!.trim();
  return `SIP/2.0 ${code} ${reason}\r\nVia: ${h('Via')}\r\nFrom: ${h('From')}\r\nTo: ${h('To')};tag=t1\r\nCall-ID: ${h('Call-ID')}\r\nCSeq: ${h('CSeq')}\r\n${extra}Content-Length: 0\r\n\r\n`;
}

const skip = kamailioMissing();

describe('probing a real Kamailio', { skip: skip ?? false }, () => {
  let dir: string;
  let pki: TestPki;
  let ok: Kamailio;
  let busy: Kamailio;
  let wrongName: Kamailio;
  let mutual: Kamailio;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-probe-pki-'));
    pki = makeTestPki(dir);
    [ok, busy, wrongName, mutual] = await Promise.all([
      startKamailio({ answer: 200, tls: pki.cert('localhost'), ipv6: true }),
      startKamailio({ answer: 503 }),
      startKamailio({ answer: 200, tls: pki.cert('other') }),
      startKamailio({ answer: 200, tls: pki.cert('localhost'), requireClientCertFrom: pki.caFile }),
    ]);
  });
  after(async () => {
    await Promise.all([ok, busy, wrongName, mutual].filter(Boolean).map((k) => k.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  const opts = () => ({ timeoutMs: 3000, ca: [pki.caPem] });

  for (const [name, raw] of [
    ['UDP', () => `sip:127.0.0.1:${ok.udp}`],
    ['TCP', () => `sip:127.0.0.1:${ok.tcp};transport=tcp`],
    ['TLS', () => `sips:localhost:${ok.tls}`],
    ['UDP over IPv6', () => `sip:[::1]:${ok.udp6}`],
  ] as const) {
    it(`${name} 200 → ok with code, reason, rtt and Server`, async () => {
      const r = await noLeak(() => probeTarget(target(raw()), opts()));
      assert.equal(r.status, 'ok', r.explanation);
      assert.equal(r.code, 200);
      assert.equal(r.reason, 'OK');
      assert.ok(r.rttMs !== null && r.rttMs >= 0 && r.rttMs < 3000);
      assert.equal(r.server, 'kamailio (umc test)');
      assert.equal(r.explanationKey, 'probe.explain.ok');
      if (name === 'TLS') {
        const { findings, peerNotAfter, peerThumbprint, ...rest } = r.tls!;
        assert.deepEqual(rest, { peerSubject: 'CN=localhost', peerSubjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'], verified: true, error: null, peerIssuer: 'CN=UMC Test CA' });
        assert.match(peerThumbprint ?? '', /^[0-9A-F]{40}$/);
        assert.ok(Date.parse(peerNotAfter ?? '') > Date.now());
        // The test CA issues for two days and without a CRL distribution point: the certificate rules say so.
        assert.deepEqual(findings.map((f) => f.rule).sort(), ['cert.crl-missing', 'cert.expiring']);
      } else assert.equal(r.tls, null);
      assert.deepEqual(r.addresses, [name === 'UDP over IPv6' ? '::1' : '127.0.0.1']);
    });
  }

  it('503 → sip-error with code and reason', async () => {
    for (const raw of [`sip:127.0.0.1:${busy.udp}`, `sip:127.0.0.1:${busy.tcp};transport=tcp`]) {
      const r = await noLeak(() => probeTarget(target(raw), opts()));
      assert.equal(r.status, 'sip-error');
      assert.equal(r.code, 503);
      assert.equal(r.reason, 'Service Unavailable');
      assert.equal(r.explanationKey, 'probe.explain.sipError503');
    }
  });

  it('a TLS certificate naming another host → tls-error naming both names', async () => {
    const r = await noLeak(() => probeTarget(target(`sips:localhost:${wrongName.tls}`), opts()));
    assert.equal(r.status, 'tls-error');
    assert.equal(r.explanation, "the gateway presented a certificate for gw02.test, not localhost: put localhost in the certificate's subject or SAN, or probe the name it carries");
    assert.equal(r.tls?.peerSubject, 'CN=gw02.test');
    assert.deepEqual(r.tls?.peerSubjectAltNames, ['DNS:gw02.test']);
    assert.equal(r.tls?.verified, false);
    assert.match(translateDynamic('fr', r.explanationKey, r.explanationParams), /certificat pour gw02\.test, pas pour localhost/);
  });

  it('a TLS peer whose CA is not given → tls-error, untrusted', async () => {
    const r = await noLeak(() => probeTarget(target(`sips:localhost:${ok.tls}`), { timeoutMs: 3000 }));
    assert.equal(r.status, 'tls-error');
    assert.equal(r.explanationKey, 'probe.explain.tlsUntrusted');
    assert.equal(r.tls?.verified, false);
    assert.ok(r.tls?.error);
  });

  it('mutual TLS: without a client certificate the peer refuses; with one issued by its CA it answers', async () => {
    const raw = `sips:localhost:${mutual.tls}`;
    const without = await noLeak(() => probeTarget(target(raw), opts()));
    assert.equal(without.status, 'tls-error', without.explanation);
    assert.equal(without.explanationKey, 'probe.explain.tlsClientCert');
    assert.match(without.explanation, /requires a client certificate issued by a CA it trusts/);
    const client = pki.cert('client');
    const withCert = await noLeak(() => probeTarget(target(raw), { ...opts(), clientCert: readFileSync(client.certFile), clientKey: readFileSync(client.keyFile) }));
    assert.equal(withCert.status, 'ok', withCert.explanation);
    assert.equal(withCert.code, 200);
    assert.equal(withCert.tls?.verified, true);
    // A client certificate from another CA is refused the same way.
    const stranger = mkdtempSync(join(tmpdir(), 'umc-probe-pki2-'));
    try {
      const other = makeTestPki(stranger).cert('client');
      const refused = await noLeak(() => probeTarget(target(raw), { ...opts(), clientCert: readFileSync(other.certFile), clientKey: readFileSync(other.keyFile) }));
      assert.equal(refused.status, 'tls-error', refused.explanation);
    } finally {
      rmSync(stranger, { recursive: true, force: true });
    }
  });

  it('sweeps with a concurrency cap, results in order', async () => {
    const targets = Array.from({ length: 12 }, (_, i) => target(i % 2 ? `sip:127.0.0.1:${ok.udp}` : `sip:127.0.0.1:${busy.tcp};transport=tcp`));
    let seen = 0;
    const r = await noLeak(() => sweepTargets(targets, { ...opts(), concurrency: 3, onResult: () => seen++ }));
    assert.equal(seen, 12);
    assert.deepEqual(
      r.map((x) => x.status),
      targets.map((_, i) => (i % 2 ? 'ok' : 'sip-error')),
    );
  });
});

/** A TLS SIP peer on loopback presenting a fixture certificate (the issue-4 fixtures: expired, wildcard…). */
async function tlsPeer(certName: string) {
  const fx = certFixtures();
  const key = readFileSync(fx.path(certName === 'leaf-ec' ? 'ec.key' : certName === 'leaf-rsa1024' ? 'rsa1024.key' : 'rsa2048.key'));
  const cert = Buffer.concat([readFileSync(fx.path(`${certName}.crt`)), readFileSync(fx.path('inter.crt'))]);
  const server = await streamServer(
    (h) => tls.createServer({ key, cert }, h).on('tlsClientError', () => {}),
    (s, buf) => s.write(answer(buf, 200, 'OK', 'Server: node tls peer\r\n')),
  );
  return { ...server, ca: [readFileSync(fx.path('root.crt'))] };
}

/** Every name resolves to loopback: the fixture names are probed without touching DNS. */
const loopback: ProbeResolver = { lookup: async () => [{ address: '127.0.0.1', family: 4 }], srv: async () => [] };

/** Probes `raw` against a loopback TLS peer presenting the fixture certificate `certName`, then closes it. */
async function probeFixturePeer(certName: string, raw: (port: number) => string, byName = true) {
  const peer = await tlsPeer(certName);
  try {
    return await noLeak(() => probeTarget(target(raw(peer.port)), { timeoutMs: 3000, ca: peer.ca, resolve: byName ? loopback : undefined }));
  } finally {
    await peer.close();
  }
}

describe("the peer's certificate judged by the certificate rules", () => {
  it('a wildcard certificate: verified and answering, with cert.subject.wildcard on the row', async () => {
    const r = await probeFixturePeer('leaf-wildcard-cn', (port) => `sips:gw01.contoso.com:${port}`);
    assert.equal(r.status, 'ok', r.explanation);
    assert.equal(r.tls?.verified, true);
    assert.equal(r.tls?.peerIssuer, 'CN=UMC Test Issuing CA, O=Contoso, C=US');
    const wildcard = r.tls?.findings.find((f) => f.rule === 'cert.subject.wildcard');
    assert.ok(wildcard, JSON.stringify(r.tls?.findings));
    assert.equal(wildcard.severity, 'error');
    assert.ok(!r.tls?.findings.some((f) => f.rule === 'cert.name.mismatch'), 'the wildcard covers gw01.contoso.com');
  });

  it('an expired certificate: untrusted, with cert.expired naming the date', async () => {
    const r = await probeFixturePeer('leaf-expired', (port) => `sips:old.contoso.com:${port}`);
    assert.equal(r.status, 'tls-error');
    assert.equal(r.explanationKey, 'probe.explain.tlsUntrusted');
    assert.match(r.tls?.error ?? '', /expired/i);
    const expired = r.tls?.findings.find((f) => f.rule === 'cert.expired');
    assert.ok(expired, JSON.stringify(r.tls?.findings));
    assert.match(renderDiagnostic('en', expired).message, /2021-01-01/);
  });

  it('a certificate for another name: tls-error, and cert.name.mismatch among the findings', async () => {
    const r = await probeFixturePeer('leaf-good', (port) => `sips:gw09.contoso.com:${port}`);
    assert.equal(r.status, 'tls-error');
    assert.equal(r.explanationKey, 'probe.explain.tlsName');
    assert.deepEqual(
      r.tls?.findings.map((f) => f.rule),
      ['cert.name.mismatch'],
    );
  });

  it('a 1,024-bit key: cert.key.weak; an IP target is not judged for its name', async () => {
    const r = await probeFixturePeer('leaf-rsa1024', (port) => `sips:127.0.0.1:${port}`, false);
    assert.equal(r.status, 'tls-error', 'the certificate names weak.contoso.com, not 127.0.0.1');
    assert.deepEqual(
      r.tls?.findings.map((f) => f.rule),
      ['cert.key.weak'],
    );
  });
});

describe('probing peers that misbehave', () => {
  it('a closed port → refused (UDP, ICMP port unreachable; TCP)', async () => {
    const port = await freePort();
    for (const [raw, key] of [
      [`sip:127.0.0.1:${port}`, 'probe.explain.refusedUdp'],
      [`sip:127.0.0.1:${port};transport=tcp`, 'probe.explain.refusedTcp'],
    ]) {
      const r = await noLeak(() => probeTarget(target(raw!), { timeoutMs: 2000 }));
      assert.equal(r.status, 'refused', raw);
      assert.equal(r.explanationKey, key);
    }
    const tls = await noLeak(() => probeTarget(target(`sips:127.0.0.1:${port}`), { timeoutMs: 2000 }));
    assert.match(tls.explanation, new RegExp(`^TLS refused on ${port}`));
  });

  it('a silent UDP peer → timeout within the bound, with Timer A retransmissions (500, 1000 ms…)', async () => {
    const sock = dgram.createSocket('udp4');
    const arrivals: number[] = [];
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    sock.on('message', () => arrivals.push(performance.now()));
    try {
      const t0 = performance.now();
      const r = await noLeak(() => probeTarget(target(`sip:127.0.0.1:${sock.address().port}`), { timeoutMs: 1800 }));
      const took = performance.now() - t0;
      assert.equal(r.status, 'timeout');
      assert.equal(r.explanation.startsWith('no answer over UDP in 1.8 s'), true, r.explanation);
      assert.ok(took >= 1700 && took < 2500, `took ${took}`);
      assert.equal(arrivals.length, 3, 'sent at 0, 500 and 1500 ms');
      assert.ok(Math.abs(arrivals[1]! - arrivals[0]! - 500) < 150 && Math.abs(arrivals[2]! - arrivals[1]! - 1000) < 150);
    } finally {
      sock.close();
    }
  });

  it('a TCP peer that accepts and stays silent → timeout', async () => {
    const s = await tcpServer(() => {});
    try {
      const r = await noLeak(() => probeTarget(target(`sip:127.0.0.1:${s.port};transport=tcp`), { timeoutMs: 800 }));
      assert.equal(r.status, 'timeout');
      assert.equal(r.explanationKey, 'probe.explain.timeoutStream');
    } finally {
      await s.close();
    }
  });

  it('a peer that answers garbage → protocol-error (UDP and TCP)', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    sock.on('message', (_m, rinfo) => sock.send('HTTP/1.1 400 Bad Request\r\n\r\n', rinfo.port, rinfo.address));
    const s = await tcpServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    try {
      for (const raw of [`sip:127.0.0.1:${sock.address().port}`, `sip:127.0.0.1:${s.port};transport=tcp`]) {
        const r = await noLeak(() => probeTarget(target(raw), { timeoutMs: 2000 }));
        assert.equal(r.status, 'protocol-error', raw);
        assert.match(r.explanation, /not SIP/);
      }
    } finally {
      sock.close();
      await s.close();
    }
  });

  it('Content-Length framing: a 1xx and the final answer in one write; an answer split over several writes', async () => {
    const oneWrite = await tcpServer((socket, req) => socket.write(answer(req, 100, 'Trying') + answer(req, 200, 'OK', 'Server: one-write\r\n')));
    const split = await tcpServer((socket, req) => {
      const bytes = answer(req, 180, 'Ringing') + answer(req, 202, 'Accepted', 'Server: split\r\n');
      let i = 0;
      const step = () => {
        if (socket.destroyed || i >= bytes.length) return;
        socket.write(bytes.slice(i, i + 9));
        i += 9;
        setTimeout(step, 1);
      };
      step();
    });
    try {
      const a = await noLeak(() => probeTarget(target(`sip:127.0.0.1:${oneWrite.port};transport=tcp`), { timeoutMs: 2000 }));
      assert.deepEqual([a.status, a.code, a.server], ['ok', 200, 'one-write']);
      const b = await noLeak(() => probeTarget(target(`sip:127.0.0.1:${split.port};transport=tcp`), { timeoutMs: 4000 }));
      assert.deepEqual([b.status, b.code, b.reason, b.server], ['ok', 202, 'Accepted', 'split']);
    } finally {
      await oneWrite.close();
      await split.close();
    }
  });

  it('a UDP 1xx is waited through; a stray answer for another request is ignored', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    sock.on('message', (m, rinfo) => {
      const req = m.toString();
      sock.send(answer(req.replace(/branch=[^;\r\n]+/, 'branch=z9hG4bKother'), 200, 'Stray'), rinfo.port, rinfo.address);
      sock.send(answer(req, 100, 'Trying'), rinfo.port, rinfo.address);
      setTimeout(() => sock.send(answer(req, 486, 'Busy Here'), rinfo.port, rinfo.address), 50);
    });
    try {
      const r = await noLeak(() => probeTarget(target(`sip:127.0.0.1:${sock.address().port}`), { timeoutMs: 2000 }));
      assert.deepEqual([r.status, r.code, r.reason], ['sip-error', 486, 'Busy Here']);
    } finally {
      sock.close();
    }
  });

  it('a name that does not resolve → dns-error, nothing sent', async () => {
    const r = await noLeak(() => probeTarget(target('sip:gw01.lab.invalid'), { timeoutMs: 2000 }));
    assert.equal(r.status, 'dns-error');
    assert.equal(r.address, null);
    assert.match(r.explanation, /gw01\.lab\.invalid does not resolve/);
    const fake: ProbeResolver = { lookup: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })), srv: async () => [] };
    const f = await probeTarget(target('sip:gw.example.net:5060'), { timeoutMs: 1000, resolve: fake });
    assert.equal(f.status, 'dns-error');
  });

  it('SRV when no port is given, else the default port; the named host only', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    sock.on('message', (m, rinfo) => sock.send(answer(m.toString(), 200, 'OK'), rinfo.port, rinfo.address));
    const asked: string[] = [];
    const resolver = (srv: boolean): ProbeResolver => ({
      lookup: async (h) => (asked.push(`A ${h}`), [{ address: '127.0.0.1', family: 4 }]),
      srv: async (n) => (
        asked.push(`SRV ${n}`),
        srv ? [{ name: 'sbc.example.net', port: sock.address().port, priority: 10, weight: 5 }] : Promise.reject(Object.assign(new Error('none'), { code: 'ENODATA' }))
      ),
    });
    try {
      const r = await probeTarget(target('sip:example.net'), { timeoutMs: 2000, resolve: resolver(true) });
      assert.deepEqual([r.status, r.address, r.port], ['ok', '127.0.0.1', sock.address().port]);
      assert.deepEqual(asked, ['SRV _sip._udp.example.net', 'A sbc.example.net']);
      asked.length = 0;
      const t = await probeTarget(target('sips:example.net'), { timeoutMs: 300, resolve: resolver(false) });
      assert.equal(t.port, 5061);
      assert.deepEqual(asked, ['SRV _sips._tcp.example.net', 'A example.net']);
    } finally {
      sock.close();
    }
  });

  it('an aborted sweep rejects and closes everything', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    try {
      const ac = new AbortController();
      await noLeak(() => (setTimeout(() => ac.abort(), 100), assert.rejects(sweepTargets([target(`sip:127.0.0.1:${sock.address().port}`)], { timeoutMs: 5000, concurrency: 2, signal: ac.signal }))));
    } finally {
      sock.close();
    }
  });
});
