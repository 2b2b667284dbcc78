/**
 * The certificates Skype servers present in their TLS handshakes, read over real TLS on loopback
 * (certificates made with openssl): the bytes as presented, in the Get-CsCertificate section's shape,
 * labelled with the server and port; a server that does not answer is a failure with its reason.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { asCsCertificate, PRESENTED_ON_PROPERTY, presentedSkypeCertificates } from '../../../../../main/services/live/presented-certificates';
import { freePort } from '../../../../support/powershell';

/** Every name resolves to loopback: nothing leaves the machine. */
const loopbackLookup = ((_host: string, options: unknown, cb?: unknown) => {
  const callback = (typeof options === 'function' ? options : cb) as (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
  if (typeof options === 'object' && options !== null && (options as { all?: boolean }).all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as LookupFunction;

describe('certificates presented in TLS handshakes (loopback, openssl certificates)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-presented-'));
  const servers: tls.Server[] = [];
  const ports = new Map<string, number>();
  const pems = new Map<string, string>();

  before(async () => {
    for (const [name, cn] of [
      ['sip', 'fe2.contoso.test'],
      ['web', 'web.contoso.test'],
    ] as const) {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '30',
          '-subj',
          `/O=Contoso/CN=${cn}`,
          '-addext',
          `subjectAltName=DNS:${cn},DNS:pool.contoso.test`,
          '-keyout',
          join(dir, `${name}.key`),
          '-out',
          join(dir, `${name}.pem`),
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(dir, `${name}.pem`), 'utf8');
      pems.set(name, cert);
      const server = tls.createServer({ key: readFileSync(join(dir, `${name}.key`)), cert }, (s) => s.end());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      servers.push(server);
      ports.set(name, (server.address() as AddressInfo).port);
    }
  });
  after(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the SIP (5061) and web (443) certificates each server presents, as Get-CsCertificate objects with their bytes', async () => {
    const closed = await freePort();
    const r = await presentedSkypeCertificates(['fe2.contoso.test', 'fe3.contoso.test'], {
      lookup: loopbackLookup,
      timeoutMs: 3000,
      portOf: (server, port) => (server === 'fe3.contoso.test' ? closed : port === 5061 ? ports.get('sip')! : ports.get('web')!),
    });
    assert.equal(r.objects.length, 2);
    const [web, sip] = [r.objects.find((o) => o.Use === 'WebServicesInternal')!, r.objects.find((o) => o.Use === 'Default')!];
    assert.equal(sip[PRESENTED_ON_PROPERTY], 'fe2.contoso.test:5061');
    assert.equal(web[PRESENTED_ON_PROPERTY], 'fe2.contoso.test:443');
    assert.equal(sip.PSComputerName, 'fe2.contoso.test');
    const expected = new X509Certificate(pems.get('sip')!);
    assert.equal(Buffer.from(String(sip.RawData), 'base64').equals(expected.raw), true, 'the bytes as presented');
    assert.equal(sip.Thumbprint, expected.fingerprint.replace(/:/g, ''));
    assert.equal(sip.Subject, 'CN=fe2.contoso.test, O=Contoso');
    assert.deepEqual(sip.AlternativeNames, ['fe2.contoso.test', 'pool.contoso.test']);
    assert.equal(new Date(String(sip.NotAfter)).getTime(), new Date(expected.validTo).getTime());
    assert.equal(web.Subject, 'CN=web.contoso.test, O=Contoso');
    assert.deepEqual(
      r.failures.map((f) => [f.server, f.port]),
      [
        ['fe3.contoso.test', 443],
        ['fe3.contoso.test', 5061],
      ],
    );
    assert.match(r.failures[0]!.detail, /ECONNREFUSED/);
  });

  it('shapes any certificate the same way (the decoder reads RawData first)', () => {
    const o = asCsCertificate(new X509Certificate(pems.get('web')!).raw, 'fe9.contoso.test', 443, 'WebServicesInternal');
    assert.deepEqual(Object.keys(o), ['Issuer', 'NotAfter', 'NotBefore', 'SerialNumber', 'Subject', 'AlternativeNames', 'Thumbprint', 'Use', 'RawData', 'PSComputerName', PRESENTED_ON_PROPERTY]);
    assert.equal(o.Issuer, o.Subject, 'self-signed');
  });
});
