import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Kamailio, kamailioMissing, makeTestPki, startKamailio, type TestPki } from '../../../support/kamailio';
import { ROOT } from '../../../support/paths';

async function run(args: string[], locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale });
  return { code, out, err };
}

describe('umc probe', () => {
  let responder: dgram.Socket;
  let port: number;
  let closed: number;
  before(async () => {
    responder = dgram.createSocket('udp4');
    await new Promise<void>((r) => responder.bind(0, '127.0.0.1', r));
    port = responder.address().port;
    responder.on('message', (m, rinfo) => {
      const req = m.toString();
      const h = (n: string) => new RegExp(`^${n}: (.*)$`, 'mi').exec(req)![1]!.trim();
      responder.send(
        `SIP/2.0 200 OK\r\nVia: ${h('Via')}\r\nFrom: ${h('From')}\r\nTo: ${h('To')};tag=x\r\nCall-ID: ${h('Call-ID')}\r\nCSeq: ${h('CSeq')}\r\nServer: cli-test\r\nContent-Length: 0\r\n\r\n`,
        rinfo.port,
        rinfo.address,
      );
    });
    closed = await freePort();
  });
  after(() => responder.close());

  it('all ok → exit 0; JSON exactly in the shape of the issue', async () => {
    const r = await run(['probe', `sip:127.0.0.1:${port}`, '--json', '--timeout', '1000']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['results', 'summary']);
    // The fields in its order, plus every resolved address after the one answering.
    assert.deepEqual(Object.keys(j.results[0]), ['target', 'transport', 'address', 'addresses', 'port', 'status', 'code', 'reason', 'rttMs', 'server', 'explanation', 'tls']);
    assert.deepEqual(
      { ...j.results[0], rttMs: 0, explanation: '' },
      {
        target: `sip:127.0.0.1:${port}`,
        transport: 'udp',
        address: '127.0.0.1',
        addresses: ['127.0.0.1'],
        port,
        status: 'ok',
        code: 200,
        reason: 'OK',
        rttMs: 0,
        server: 'cli-test',
        explanation: '',
        tls: null,
      },
    );
    assert.deepEqual(j.summary, { ok: 1, failed: 0 });
  });

  it('some not ok → exit 1, a table for people with the explanation', async () => {
    const r = await run(['probe', `sip:127.0.0.1:${port}`, `sip:127.0.0.1:${closed};transport=tcp`, '--timeout', '1000']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^STATUS\s+TARGET\s+ADDRESS\s+ANSWER\s+RTT\s+SERVER/);
    assert.match(r.out, /\nok\s+sip:127\.0\.0\.1:\d+\s+127\.0\.0\.1:\d+\s+200 OK\s+[\d.]+ ms\s+cli-test\n/);
    assert.match(r.out, new RegExp(`refused .*\\n    TCP refused on ${closed} by 127\\.0\\.0\\.1: nothing listens there — is the UM startup mode TLS or Dual\\?`));
    assert.match(r.out, /\n1 ok, 1 failed\n$/);
    const fr = await run(['probe', `sip:127.0.0.1:${closed};transport=tcp`, '--lang', 'fr', '--timeout', '1000']);
    assert.match(fr.out, /TCP refusé sur/);
    assert.match(fr.out, /0 en ordre, 1 en échec/);
  });

  it('a malformed target → exit 2, named in one line; the others still probed', async () => {
    const r = await run(['probe', 'sip:user@gw01', `sip:127.0.0.1:${port}`, '--json', '--timeout', '1000']);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'umc: malformed target: "sip:user@gw01": a probe target has no user part (OPTIONS goes to the host)\n');
    assert.deepEqual(JSON.parse(r.out).summary, { ok: 1, failed: 0 });
  });

  it('bad options → exit 2, one line, nothing probed', async () => {
    for (const [args, line] of [
      [['probe', `sip:127.0.0.1:${port}`, '--timeout', 'soon'], 'umc: --timeout soon: expected a whole number from 100 to 600000\n'],
      [['probe', `sip:127.0.0.1:${port}`, '--concurrency', '0'], 'umc: --concurrency 0: expected a whole number from 1 to 1024\n'],
      [['probe'], 'umc: probe needs at least one TARGET: sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT]\n'],
      [['probe', `sip:127.0.0.1:${port}`, '--client-cert', 'x.pem'], 'umc: --client-cert and --client-key go together\n'],
      [['probe', `sip:127.0.0.1:${port}`, '--ca', '/nonexistent/ca.pem'], 'umc: cannot read /nonexistent/ca.pem (--ca): no such file\n'],
      [['probe', `sip:127.0.0.1:${port}`, '--bogus'], 'umc: unknown option --bogus\n'],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err, line);
      assert.equal(r.out, '');
    }
    const fr = await run(['probe', 'sip:', '--lang', 'fr', `sip:127.0.0.1:${port}`]);
    assert.equal(fr.code, 2);
    assert.equal(fr.err, "umc: cible mal formée\u00a0: «\u00a0sip:\u00a0» n'est pas sip:HOST[:PORT][;transport=udp|tcp|tls] ni sips:HOST[:PORT]\n");
  });

  it('the usage names probe', async () => {
    assert.match((await run(['--help'])).out, /umc probe TARGET\.\.\./);
    const r = await run(['probe', '--help']);
    assert.match(r.out, /umc probe TARGET\.\.\. \[--timeout MS\]/);
    assert.match((await run(['probe', '--help'], 'fr-FR')).out, /Codes de sortie\u00a0: 0 toutes les cibles ont répondu/);
  });
});

describe('umc probe over mutual TLS (a real Kamailio requiring a client certificate)', { skip: kamailioMissing() ?? false }, () => {
  let dir: string;
  let pki: TestPki;
  let k: Kamailio;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-cli-mtls-'));
    pki = makeTestPki(dir);
    k = await startKamailio({ answer: 200, tls: pki.cert('localhost'), requireClientCertFrom: pki.caFile });
  });
  after(async () => {
    await k?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--client-cert/--client-key → ok; without them → exit 1 explained; the certificate findings listed', async () => {
    const client = pki.cert('client');
    const target = `sips:localhost:${k.tls}`;
    const ok = await run(['probe', target, '--ca', pki.caFile, '--client-cert', client.certFile, '--client-key', client.keyFile, '--json', '--timeout', '3000']);
    assert.equal(ok.code, 0, ok.out + ok.err);
    const j = JSON.parse(ok.out);
    assert.equal(j.results[0].status, 'ok');
    assert.equal(j.results[0].tls.verified, true);
    assert.deepEqual(j.results[0].tls.findings.map((f: { rule: string }) => f.rule).sort(), ['cert.crl-missing', 'cert.expiring']);
    const without = await run(['probe', target, '--ca', pki.caFile, '--timeout', '3000']);
    assert.equal(without.code, 1);
    assert.match(without.out, /\ntls-error\s+sips:localhost:\d+/);
    assert.match(without.out, /requires a client certificate issued by a CA it trusts/);
    const text = await run(['probe', target, '--ca', pki.caFile, '--client-cert', client.certFile, '--client-key', client.keyFile, '--timeout', '3000']);
    assert.match(text.out, /\n    WARNING cert\.expiring: /);
  });
});
