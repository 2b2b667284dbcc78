/**
 * A small PKI made with openssl at test time for Test connection: a root CA, an issuing
 * CA, leaf certificates for a pool (good, revoked, no CRL distribution point, a CRL server that is
 * down, a wrong name, an untrusted chain), the CRLs the CAs publish, and loopback servers that serve
 * them: an HTTP server for the CRLs and one TLS server per leaf. The CRL distribution points name the
 * HTTP server's port, so everything is made after the ports are taken.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';

export const POOL = 'pool01.contoso.test';

export type LeafName = 'good' | 'revoked' | 'nocrl' | 'crldown' | 'portal' | 'wrongname' | 'untrusted';

export interface TlsLab {
  readonly dir: string;
  /** PEM of the trusted root (the test's CA file). */
  readonly rootPem: string;
  readonly rootFile: string;
  /** The TLS server presenting each leaf (with its issuing CA). */
  readonly ports: Readonly<Record<LeafName, number>>;
  readonly crlPort: number;
  /** A port nothing listens on (the "down" CRL server). */
  readonly downPort: number;
  /** Requests the CRL server answered, by path. */
  readonly crlHits: Map<string, number>;
  /** Every name resolves to loopback: nothing leaves the machine. */
  readonly lookup: LookupFunction;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export const loopbackLookup: LookupFunction = ((_host: string, options: unknown, cb?: unknown) => {
  const callback = (typeof options === 'function' ? options : cb) as (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as LookupFunction;

export async function startTlsLab(): Promise<TlsLab> {
  const dir = mkdtempSync(join(tmpdir(), 'umc-tls-lab-'));
  const crlHits = new Map<string, number>();
  const crlServer = http.createServer((req, res) => {
    const path = req.url ?? '/';
    crlHits.set(path, (crlHits.get(path) ?? 0) + 1);
    if (path === '/root.crl' || path === '/inter.crl') {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(readFileSync(join(dir, path.slice(1))));
    } else if (path === '/portal.crl') {
      // A captive portal's page where a CRL should be.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Please sign in</body></html>');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => crlServer.listen(0, '127.0.0.1', () => r()));
  const crlPort = (crlServer.address() as AddressInfo).port;
  const downPort = await freePort();

  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const w = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const cdp = (url: string) => `crlDistributionPoints=URI:${url}`;
  const base = `http://127.0.0.1:${crlPort}`;
  w(
    'ext.cnf',
    [
      '[root]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[inter]',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      'keyUsage=critical,keyCertSign,cRLSign',
      cdp(`${base}/root.crl`),
      '[leaf]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${POOL}`,
      cdp(`${base}/inter.crl`),
      '[nocrl]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${POOL}`,
      '[crldown]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${POOL}`,
      cdp(`http://127.0.0.1:${downPort}/inter.crl`), // the CA's CRL server, down
      '[wrongname]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:other.contoso.test',
      cdp(`${base}/inter.crl`),
      '[portal]',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${POOL}`,
      `crlDistributionPoints=URI:${base}/portal.crl,URI:${base}/inter.crl`,
      '',
    ].join('\n'),
  );
  w('req.cnf', '[req]\ndistinguished_name=dn\n[dn]\n' + readFileSync(join(dir, 'ext.cnf'), 'utf8'));
  for (const ca of ['root', 'inter', 'other']) {
    mkdirSync(join(dir, `${ca}-db`));
    w(`${ca}-db/index.txt`, '');
    w(`${ca}-db/serial`, '1000\n');
    w(`${ca}-db/crlnumber`, '01\n');
    w(
      `${ca}.cnf`,
      [
        '[ca]',
        'default_ca=CA_default',
        '[CA_default]',
        `dir=./${ca}-db`,
        'database=$dir/index.txt',
        'serial=$dir/serial',
        'crlnumber=$dir/crlnumber',
        'new_certs_dir=$dir',
        `certificate=./${ca}.crt`,
        `private_key=./${ca}.key`,
        'default_md=sha256',
        'policy=pol',
        'unique_subject=no',
        'copy_extensions=none',
        'default_days=365',
        'default_crl_days=7',
        '[pol]',
        'commonName=supplied',
        '',
      ].join('\n'),
    );
  }
  const key = (name: string) => run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`]);
  for (const k of ['root', 'inter', 'other', 'leaf']) key(k);
  run(['req', '-x509', '-new', '-key', 'root.key', '-subj', '/O=Contoso/CN=UMC Connect Test Root', '-days', '3650', '-config', 'req.cnf', '-extensions', 'root', '-out', 'root.crt']);
  run(['req', '-x509', '-new', '-key', 'other.key', '-subj', '/O=Elsewhere/CN=Untrusted Root', '-days', '3650', '-config', 'req.cnf', '-extensions', 'root', '-out', 'other.crt']);
  const sign = (ca: string, name: string, cn: string, ext: string) => {
    run(['req', '-new', '-key', name === 'inter' ? 'inter.key' : 'leaf.key', '-subj', `/O=Contoso/CN=${cn}`, '-config', 'req.cnf', '-out', `${name}.csr`]);
    run(['ca', '-batch', '-notext', '-config', `${ca}.cnf`, '-in', `${name}.csr`, '-out', `${name}.crt`, '-extfile', 'ext.cnf', '-extensions', ext, '-days', '365']);
  };
  sign('root', 'inter', 'UMC Connect Test Issuing CA', 'inter');
  sign('inter', 'good', POOL, 'leaf');
  sign('inter', 'revoked', POOL, 'leaf');
  sign('inter', 'nocrl', POOL, 'nocrl');
  sign('inter', 'crldown', POOL, 'crldown');
  sign('inter', 'wrongname', POOL, 'wrongname');
  sign('inter', 'portal', POOL, 'portal');
  sign('other', 'untrusted', POOL, 'leaf');
  run(['ca', '-config', 'inter.cnf', '-revoke', 'revoked.crt', '-crl_reason', 'keyCompromise']);
  run(['ca', '-gencrl', '-config', 'inter.cnf', '-out', 'inter.crl.pem']);
  run(['crl', '-in', 'inter.crl.pem', '-outform', 'DER', '-out', 'inter.crl']);
  run(['ca', '-gencrl', '-config', 'root.cnf', '-out', 'root.crl.pem']);
  run(['crl', '-in', 'root.crl.pem', '-outform', 'DER', '-out', 'root.crl']);

  const leafKey = readFileSync(join(dir, 'leaf.key'));
  const inter = readFileSync(join(dir, 'inter.crt'), 'utf8');
  const servers: tls.Server[] = [];
  const ports = {} as Record<LeafName, number>;
  for (const name of ['good', 'revoked', 'nocrl', 'crldown', 'portal', 'wrongname', 'untrusted'] as const) {
    const chain = readFileSync(join(dir, `${name}.crt`), 'utf8') + (name === 'untrusted' ? '' : inter);
    const server = tls.createServer({ key: leafKey, cert: chain }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    ports[name] = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return {
    dir,
    rootPem: readFileSync(join(dir, 'root.crt'), 'utf8'),
    rootFile: join(dir, 'root.crt'),
    ports,
    crlPort,
    downPort,
    crlHits,
    lookup: loopbackLookup,
    async stop() {
      await Promise.all([...servers, crlServer].map((s) => new Promise<void>((r) => s.close(() => r()))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
