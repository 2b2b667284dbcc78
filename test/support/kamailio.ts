/**
 * Real Kamailio SIP servers on loopback for the SIP probe tests (the prober, `umc probe`, the gateways
 * screen), so a probe meets a real SIP stack over UDP, TCP and TLS rather than a mock. Each server is
 * a process this module started (`-DD`: in the foreground, its pid known); `stop()` ends it by that pid. Ports are
 * free ones picked at random. Where kamailio (or its TLS module, or openssl) is missing, `kamailioMissing()`
 * says why and the tests report themselves skipped.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KAMAILIO = ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'].find((p) => existsSync(p)) ?? null;
const MODULE_DIRS = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules', '/usr/local/lib64/kamailio/modules'];
const MODULES = MODULE_DIRS.find((d) => existsSync(join(d, 'sl.so'))) ?? null;

/** null when the tests can run; else the plain reason they are skipped. */
export function kamailioMissing(): string | null {
  if (process.platform !== 'linux') return 'Kamailio tests run on Linux only';
  if (!KAMAILIO || !MODULES) return 'kamailio is not installed (Debian: apt-get install -y kamailio kamailio-tls-modules; scripts/run-tests.mjs installs it when root)';
  if (!existsSync(join(MODULES, 'tls.so'))) return 'kamailio-tls-modules is not installed (apt-get install -y kamailio-tls-modules)';
  if (spawnSync('openssl', ['version']).status !== 0) return 'openssl is not installed';
  return null;
}

/** A port free on loopback for both UDP and TCP right now. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, host, () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      u.once('error', () => resolve(false));
      u.bind(port, host, () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port');
}

export interface TestPki {
  readonly dir: string;
  readonly caPem: Buffer;
  readonly caFile: string;
  /** Certificates for `localhost` (and 127.0.0.1), for `gw02.test` and a client one (`umc-client`), issued by the test CA. */
  readonly cert: (name: 'localhost' | 'other' | 'client') => { certFile: string; keyFile: string };
}

/** A test CA and two server certificates, made with openssl. */
export function makeTestPki(dir: string): TestPki {
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  o(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=UMC Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const issue = (base: string, cn: string, san: string) => {
    o('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`);
    writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n`);
    o('x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${base}.pem`, '-days', '2', '-extfile', `${base}.ext`);
  };
  issue('localhost', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  issue('other', 'gw02.test', 'DNS:gw02.test');
  issue('client', 'umc-client.test', 'DNS:umc-client.test');
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem')),
    caFile: join(dir, 'ca.pem'),
    cert: (name) => ({ certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}.key`) }),
  };
}

export interface KamailioOptions {
  /** What OPTIONS gets: 200 (options_reply) or 503. */
  readonly answer: 200 | 503;
  /** A TLS listener with this certificate. */
  readonly tls?: { certFile: string; keyFile: string };
  /** Mutual TLS, as Exchange ↔ Skype: a client certificate issued by this CA is required. */
  readonly requireClientCertFrom?: string;
  /** Also listen on [::1] over UDP. */
  readonly ipv6?: boolean;
}

export interface Kamailio {
  readonly udp: number;
  readonly tcp: number;
  readonly tls: number | null;
  readonly udp6: number | null;
  readonly pid: number;
  stop(): Promise<void>;
}

function config(dir: string, o: KamailioOptions, ports: { udp: number; tcp: number; tls: number | null; udp6: number | null }): string {
  const route = o.answer === 200 ? 'options_reply();' : 'sl_send_reply("503", "Service Unavailable");';
  return (
    `#!KAMAILIO
debug=1
log_stderror=no
children=1
tcp_children=1
auto_aliases=no
dns=no
rev_dns=no
listen=udp:127.0.0.1:${ports.udp}
listen=tcp:127.0.0.1:${ports.tcp}
${ports.tls !== null ? `listen=tls:127.0.0.1:${ports.tls}\nenable_tls=yes\n` : ''}${ports.udp6 !== null ? `listen=udp:[::1]:${ports.udp6}\n` : ''}server_header="Server: kamailio (umc test)"
mpath="${MODULES}/"
loadmodule "sl.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "pv.so"
${
  o.tls
    ? `loadmodule "tls.so"
modparam("tls", "certificate", "${o.tls.certFile}")
modparam("tls", "private_key", "${o.tls.keyFile}")
modparam("tls", "tls_method", "TLSv1.2+")
${
  o.requireClientCertFrom
    ? `modparam("tls", "verify_certificate", 1)
modparam("tls", "require_certificate", 1)
modparam("tls", "ca_list", "${o.requireClientCertFrom}")`
    : `modparam("tls", "verify_certificate", 0)
modparam("tls", "require_certificate", 0)`
}
`
    : ''
}
request_route {
  if (is_method("OPTIONS")) {
    ${route}
    exit;
  }
  sl_send_reply("404", "Not Here");
  exit;
}
`.replace(/\n{3,}/g, '\n\n') + `# ${dir}\n`
  );
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => {
      s.destroy();
      resolve(false);
    });
  });

/** Starts a Kamailio on loopback; resolves when its TCP (and TLS) listeners accept connections. */
export async function startKamailio(o: KamailioOptions): Promise<Kamailio> {
  const missing = kamailioMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'umc-kamailio-'));
  const ports = {
    udp: await freePort(),
    tcp: await freePort(),
    tls: o.tls ? await freePort() : null,
    udp6: o.ipv6 ? await freePort('::1') : null,
  };
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, config(dir, o, ports));
  const check = spawnSync(KAMAILIO!, ['-c', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`kamailio rejected its test config: ${check.stderr.slice(-800)}`);
  const child: ChildProcess = spawn(KAMAILIO!, ['-DD', '-f', cfg, '-P', join(dir, 'kamailio.pid'), '-w', dir, '-Y', dir, '-m', '64', '-M', '8'], { stdio: 'ignore' });
  let exited: number | null = null;
  const gone = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code ?? -1), resolve())));
  const stop = async () => {
    if (exited === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const t = setTimeout(() => {
        try {
          if (exited === null && child.pid) process.kill(child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 3000);
      await gone;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = await waitFor(async () => exited === null && (await tcpOpen(ports.tcp)) && (ports.tls === null || (await tcpOpen(ports.tls))), 10_000);
  if (!ready) {
    await stop();
    throw new Error(`kamailio did not start (exit ${exited})`);
  }
  return { ...ports, pid: child.pid!, stop };
}
