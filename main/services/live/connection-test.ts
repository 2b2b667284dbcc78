/**
 * Test connection, the facts: what the local PowerShell says about itself and this computer (one
 * short run of a fixed script), a TLS handshake with each HTTPS endpoint verified as a client would,
 * the revocation lists its chain names (fetched over HTTP with a short timeout and read), and what the
 * sessions imported. shared/connections/connection-test.ts judges them.
 *
 * Nothing is sent for a lab endpoint (`lab:`, `lab+ssh://`): those checks are not judged. Nothing is
 * changed anywhere; the sessions opened for the test are removed at once.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import * as tls from 'node:tls';
import { type ConnectionProfile, SHELLS, type ShellName } from '../../../shared/connections/profile';
import type { ProfileInput } from '../../../shared/connections/connection-channels';
import type { ProfileStore } from '../connection-profiles';
import type { SecretStore } from '../secret-store';
import {
  canOpenSessions,
  type ConnectionFacts,
  type ConnectionTestReport,
  countStatuses,
  type CrlFacts,
  endpointHost,
  judgeConnection,
  type LocalFacts,
  type OpenFailure,
  profileEndpoints,
  type ShellImportFacts,
  type TestedProfile,
  type TlsFacts,
} from '../../../shared/connections/connection-test';
import { type Language, type Message, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { ShellSession } from '../../powershell/shell-session';
import { type ConnectionsService, profileFromInput } from './connections-service';
import { children, content, DerError, readTlv, type Tlv } from '../certificates/der';
import { inspectCertificateDer } from '../certificates/certificate-reader';
import type { Clock, Logger } from '../../ports';

// ------------------------------------------------------------------ the local PowerShell

/**
 * Runs in Windows PowerShell 5.1 and PowerShell 7 alike; reads, never changes. The WSMan question is
 * asked of New-PSSession itself, on a loopback port nothing listens on (no packet leaves the
 * computer): without a client library it fails at once with a DllNotFoundException inside
 * ("This parameter set requires WSMan, and no supported WSMan client library was found",
 * https://github.com/PowerShell/PowerShell/issues/12674); with one it tries and is refused.
 */
const FACTS_SCRIPT = String.raw`
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$r = [ordered]@{}
$r.version = [string]$PSVersionTable.PSVersion
$r.edition = if ($PSVersionTable.PSEdition) { [string]$PSVersionTable.PSEdition } else { 'Desktop' }
$win = ($r.edition -eq 'Desktop') -or $IsWindows
$r.os = if ($win) { 'windows' } elseif ($IsMacOS) { 'macos' } elseif ($IsLinux) { 'linux' } else { 'other' }
try { $r.osDescription = [string][System.Runtime.InteropServices.RuntimeInformation]::OSDescription } catch { $r.osDescription = $null }
$r.wsman = 'unknown'
$r.wsmanMessage = $null
try {
  $p = @{ ConnectionUri = 'http://127.0.0.1:9/wsman'; ErrorAction = 'Stop' }
  if ($win) { $p.SessionOption = New-PSSessionOption -OpenTimeout 5000 -OperationTimeout 5000 -MaxConnectionRetryCount 0 }
  $s = New-PSSession @p
  Remove-PSSession -Session $s
  $r.wsman = 'present'
} catch {
  $e = $_.Exception
  $r.wsmanMessage = [string]$e.Message
  $dll = $false
  for ($x = $e; $x; $x = $x.InnerException) { if ($x -is [System.DllNotFoundException]) { $dll = $true } }
  if ($dll -or $r.wsmanMessage -match 'no supported WSMan client library|WSMan client library') { $r.wsman = 'absent' }
  elseif ($e -is [System.Management.Automation.Remoting.PSRemotingTransportException]) { $r.wsman = 'present' }
}
$r.winrmService = $null; $r.partOfDomain = $null; $r.domain = $null; $r.userDnsDomain = $null; $r.account = $null; $r.trustedHosts = $null; $r.roots = @()
if ($win) {
  try { $r.winrmService = [string](Get-Service -Name WinRM -ErrorAction Stop).Status } catch { }
  try { $cs = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop; $r.partOfDomain = [bool]$cs.PartOfDomain; $r.domain = [string]$cs.Domain } catch { }
  $r.userDnsDomain = $env:USERDNSDOMAIN
  $r.account = if ($env:USERDOMAIN) { "$env:USERDOMAIN\$env:USERNAME" } else { $env:USERNAME }
  try { $r.trustedHosts = [string](Get-Item -Path 'WSMan:\localhost\Client\TrustedHosts' -ErrorAction Stop).Value } catch { }
  # The Windows trust store, for verifying the pool's certificate as Windows would.
  try { $r.roots = @(Get-ChildItem -Path 'Cert:\LocalMachine\Root', 'Cert:\CurrentUser\Root' -ErrorAction Stop | ForEach-Object { [Convert]::ToBase64String($_.RawData) } | Sort-Object -Unique) } catch { }
}
[Console]::Out.WriteLine('UMCFACTS:' + ($r | ConvertTo-Json -Compress -Depth 3))
`;

export interface LocalProbe {
  readonly facts: LocalFacts;
  /** PEM roots of the Windows trust store (empty elsewhere). */
  readonly windowsRoots: readonly string[];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Asks the local PowerShell (the one the sessions use) about itself and this computer. */
export function askLocalPowerShell(executable: string | null, timeoutMs = 30_000): Promise<LocalProbe> {
  const empty = (error: string | null): LocalProbe => ({
    facts: {
      executable,
      error,
      version: null,
      edition: null,
      os: process.platform === 'win32' ? 'windows' : process.platform === 'linux' ? 'linux' : process.platform === 'darwin' ? 'macos' : 'other',
      osDescription: null,
      wsman: 'unknown',
      wsmanMessage: null,
      winrmService: null,
      partOfDomain: null,
      domain: null,
      userDnsDomain: null,
      account: null,
      trustedHosts: null,
    },
    windowsRoots: [],
  });
  if (!executable) return Promise.resolve(empty(null));
  return new Promise((resolve) => {
    let child;
    try {
      // The fixed script as -EncodedCommand (UTF-16LE base64): read whole, in 5.1 and 7 alike.
      const encoded = Buffer.from(FACTS_SCRIPT, 'utf16le').toString('base64');
      child = spawn(executable, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      return resolve(empty(e instanceof Error ? e.message : String(e)));
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const done = (p: LocalProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(p);
    };
    const timer = setTimeout(() => {
      child.kill();
      done(empty(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => done(empty(e.message)));
    child.on('close', (code) => {
      const line = Buffer.concat(out)
        .toString('utf8')
        .split(/\r?\n/)
        .find((l) => l.startsWith('UMCFACTS:'));
      if (!line) {
        const why = Buffer.concat(err).toString('utf8').trim().split(/\r?\n/).slice(-1)[0] ?? '';
        return done(empty(`exit ${code ?? '?'}${why ? `: ${why.slice(0, 300)}` : ''}`));
      }
      try {
        const r = JSON.parse(line.slice('UMCFACTS:'.length)) as Record<string, unknown>;
        const os = r.os === 'windows' || r.os === 'linux' || r.os === 'macos' ? r.os : 'other';
        const roots = Array.isArray(r.roots) ? r.roots.filter((x): x is string => typeof x === 'string' && /^[A-Za-z0-9+/=]+$/.test(x)) : [];
        done({
          facts: {
            executable,
            error: null,
            version: str(r.version),
            edition: str(r.edition),
            os,
            osDescription: str(r.osDescription)?.trim() ?? null,
            wsman: r.wsman === 'present' || r.wsman === 'absent' ? r.wsman : 'unknown',
            wsmanMessage: str(r.wsmanMessage)?.split(/\r?\n/)[0] ?? null,
            winrmService: str(r.winrmService),
            partOfDomain: typeof r.partOfDomain === 'boolean' ? r.partOfDomain : null,
            domain: str(r.domain),
            userDnsDomain: str(r.userDnsDomain),
            account: str(r.account),
            trustedHosts: typeof r.trustedHosts === 'string' ? r.trustedHosts : null,
          },
          windowsRoots: roots.map((b64) => `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`),
        });
      } catch (e) {
        done(empty(`unreadable answer: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  });
}

// ------------------------------------------------------------------ trust

/** The files OpenSSL-based systems keep their trusted roots in (Debian/Ubuntu, RHEL/Fedora, SUSE, Alpine, macOS Homebrew). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/**
 * The roots "this computer" trusts: Node's view of the system store where it has one
 * (tls.getCACertificates('system'), Node 22.15+), else Windows' own store as PowerShell read it, else
 * the system's OpenSSL bundle; Node's built-in list only as a last resort.
 */
export function systemRoots(windowsRoots: readonly string[]): string[] | undefined {
  const get = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (get) {
    try {
      const system = get('system');
      if (system.length > 0) return system;
    } catch {
      // an older Node: fall through
    }
  }
  if (windowsRoots.length > 0) return [...windowsRoots];
  for (const file of SYSTEM_BUNDLES) {
    if (existsSync(file)) {
      try {
        return [readFileSync(file, 'utf8')];
      } catch {
        // unreadable: try the next
      }
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ TLS

export interface TlsProbeOptions {
  readonly shell: ShellName;
  readonly host: string;
  readonly port: number;
  /** PEM roots to verify against; with `trust` saying where they came from. */
  readonly ca: readonly (string | Buffer)[] | undefined;
  readonly trust: 'system' | 'file';
  readonly timeoutMs: number;
  /** Tests: resolve names to loopback. */
  readonly lookup?: LookupFunction;
}

export interface ChainCertificate {
  readonly subject: string;
  readonly serialNumber: string;
  readonly crlUrls: readonly string[];
}

function errText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return code && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

/** Leaf first; the chain as the server sent it, up to (not including) a self-signed root. */
function chainOf(peer: tls.DetailedPeerCertificate, now: Date): ChainCertificate[] {
  const out: ChainCertificate[] = [];
  const seen = new Set<string>();
  for (let c: tls.DetailedPeerCertificate | undefined = peer; c && c.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    try {
      const inspected = inspectCertificateDer(c.raw, { now });
      if (inspected.isCA && inspected.selfSigned) break; // a root is not revoked (and names no CRL for itself)
      // The reader prints distribution points as general names ("URI:http://…"); only URIs can be fetched.
      const crlUrls = inspected.crlDistributionPoints.filter((d) => d.startsWith('URI:')).map((d) => d.slice(4));
      out.push({ subject: inspected.subject, serialNumber: inspected.serialNumber, crlUrls });
    } catch {
      break;
    }
    if (c.issuerCertificate === c) break;
  }
  return out;
}

export function probeTls(o: TlsProbeOptions, now: Date): Promise<{ facts: Omit<TlsFacts, 'crls'>; chain: ChainCertificate[] }> {
  const base = { shell: o.shell, host: o.host, port: o.port, trust: o.trust } as const;
  const failed = (outcome: 'unreachable' | 'timeout' | 'handshake', error: string) => ({
    facts: { ...base, outcome, error, chainError: null, nameError: null, subject: null, issuer: null, notAfter: null, names: [], chain: [] },
    chain: [],
  });
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const socket = tls.connect({
      host: o.host,
      port: o.port,
      servername: /^[\d.]+$|:/.test(o.host) ? undefined : o.host,
      ca: o.ca ? [...o.ca] : undefined,
      // Verified below, to say why; never used for anything but reading the certificate.
      rejectUnauthorized: false,
      lookup: o.lookup,
    });
    const finish = (r: ReturnType<typeof failed> | { facts: Omit<TlsFacts, 'crls'>; chain: ChainCertificate[] }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(failed('timeout', `${o.timeoutMs} ms`)), o.timeoutMs);
    socket.once('connect', () => (connected = true));
    socket.once('error', (e) => finish(failed(connected ? 'handshake' : 'unreachable', errText(e))));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      if (!peer || !peer.raw) return finish(failed('handshake', 'no certificate was presented'));
      const identity = tls.checkServerIdentity(o.host, peer);
      const chain = chainOf(peer, now);
      let leaf;
      try {
        leaf = inspectCertificateDer(peer.raw, { now });
      } catch (e) {
        return finish(failed('handshake', errText(e)));
      }
      finish({
        facts: {
          ...base,
          outcome: 'ok',
          error: null,
          // Node reports a name mismatch as the authorization error once the chain verified: that is nameError's.
          chainError: socket.authorized || String(socket.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID' ? null : String(socket.authorizationError ?? 'not trusted'),
          nameError: identity ? identity.message : null,
          subject: leaf.subject,
          issuer: leaf.issuer,
          notAfter: leaf.notAfter,
          names: leaf.subjectAltNames.length > 0 ? [...leaf.subjectAltNames] : leaf.subjectCommonName ? [leaf.subjectCommonName] : [],
          chain: chain.map((c) => ({ subject: c.subject, crlUrls: c.crlUrls })),
        },
        chain,
      });
    });
  });
}

// ------------------------------------------------------------------ CRLs

/** The largest CRL read: a big CA's CRL runs to a few MB. */
export const MAX_CRL_BYTES = 20 * 1024 * 1024;

function derTime(t: Tlv): string | null {
  const text = Buffer.from(content(t)).toString('latin1');
  // UTCTime YYMMDDHHMM[SS]Z (RFC 5280 §4.1.2.5.1: YY < 50 → 20YY) and GeneralizedTime YYYYMMDDHHMMSSZ.
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : t.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text) : null;
  if (!m) return null;
  const year = t.tag === 0x17 ? (Number(m[1]) < 50 ? 2000 + Number(m[1]) : 1900 + Number(m[1])) : Number(m[1]);
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function serialHex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('hex')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

export interface ParsedCrl {
  readonly thisUpdate: string | null;
  readonly nextUpdate: string | null;
  /** Revoked serial numbers, upper-case hex without leading zeros. */
  readonly revoked: ReadonlySet<string>;
}

/**
 * A CRL (RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm,
 * signatureValue }), DER or PEM ("X509 CRL"). Throws DerError when it is not one.
 */
export function parseCrl(bytes: Uint8Array): ParsedCrl {
  let der = bytes;
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (head.includes('-----BEGIN')) {
    const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(Buffer.from(bytes).toString('latin1'));
    if (!m) throw new DerError('PEM without an X509 CRL block');
    der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  }
  if (der[0] !== 0x30) {
    // Often a proxy's or a captive portal's page: say what it starts with.
    const start = Buffer.from(der.subarray(0, 40))
      .toString('latin1')
      .replace(/[^\x20-\x7e]+/g, ' ')
      .trim();
    throw new DerError(`neither DER nor PEM (it starts with “${start}”)`);
  }
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new DerError('not a DER SEQUENCE');
  const parts = children(top);
  if (parts.length !== 3 || parts[0]!.tag !== 0x30 || parts[1]!.tag !== 0x30 || parts[2]!.tag !== 0x03) throw new DerError('not a CertificateList');
  const tbs = children(parts[0]!);
  let i = 0;
  if (tbs[i]?.tag === 0x02) i++; // version
  if (tbs[i]?.tag !== 0x30) throw new DerError('no signature algorithm');
  i++;
  if (tbs[i]?.tag !== 0x30) throw new DerError('no issuer');
  i++;
  const thisT = tbs[i++];
  if (!thisT || (thisT.tag !== 0x17 && thisT.tag !== 0x18)) throw new DerError('no thisUpdate');
  let nextUpdate: string | null = null;
  if (tbs[i] && (tbs[i]!.tag === 0x17 || tbs[i]!.tag === 0x18)) nextUpdate = derTime(tbs[i++]!);
  const revoked = new Set<string>();
  if (tbs[i]?.tag === 0x30) {
    for (const entry of children(tbs[i]!)) {
      const serial = children(entry)[0];
      if (serial?.tag === 0x02) revoked.add(serialHex(content(serial)));
    }
  }
  return { thisUpdate: derTime(thisT), nextUpdate, revoked };
}

export interface CrlFetchOptions {
  readonly timeoutMs: number;
  readonly lookup?: LookupFunction;
}

function download(url: URL, o: CrlFetchOptions): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: o.timeoutMs, lookup: o.lookup, headers: { 'user-agent': 'umc-connect-test' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (b: Buffer) => {
        size += b.length;
        if (size > MAX_CRL_BYTES) {
          req.destroy(new Error(`larger than ${MAX_CRL_BYTES / 1048576} MB`));
          return;
        }
        chunks.push(b);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    const overall = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })), o.timeoutMs);
    req.on('close', () => clearTimeout(overall));
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

/** Fetches one distribution point (HTTP or HTTPS; LDAP is not fetched) and looks the certificate up in it. */
export async function fetchCrl(c: ChainCertificate, url: string, o: CrlFetchOptions): Promise<CrlFacts> {
  const base = { certificate: c.subject, url, httpStatus: null, error: null, bytes: 0, thisUpdate: null, nextUpdate: null, revoked: false };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ...base, outcome: 'not-fetched', error: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ...base, outcome: 'not-fetched' };
  let got: { status: number; body: Buffer };
  try {
    got = await download(parsed, o);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    return { ...base, outcome: code === 'ETIMEDOUT' ? 'timeout' : 'unreachable', error: errText(e) };
  }
  if (got.status !== 200) return { ...base, outcome: 'http-error', httpStatus: got.status, bytes: got.body.length };
  try {
    const crl = parseCrl(got.body);
    return {
      ...base,
      outcome: 'ok',
      httpStatus: 200,
      bytes: got.body.length,
      thisUpdate: crl.thisUpdate,
      nextUpdate: crl.nextUpdate,
      revoked: crl.revoked.has(c.serialNumber.replace(/^0+(?=.)/, '').toUpperCase()),
    };
  } catch (e) {
    return { ...base, outcome: 'not-a-crl', httpStatus: 200, bytes: got.body.length, error: e instanceof Error ? e.message : String(e) };
  }
}

// ------------------------------------------------------------------ the test

/** The sessions' side: opens (or reuses) the profile's shells and says what each imported. */
export type ImportProbe = (profile: ConnectionProfile, password: string | undefined, shells: readonly ShellName[]) => Promise<Partial<Record<ShellName, ShellImportFacts>>>;

/** What open() left in the status: the failure's kind, from the message shell-session.ts chose for it. */
function failureOf(m: Message | null): OpenFailure {
  const key = m?.key ?? '';
  return key === 'ps.open.auth' ? 'auth' : key === 'ps.open.unreachable' ? 'unreachable' : key === 'ps.open.import' ? 'import' : key === 'ps.open.noWsman' ? 'no-wsman' : 'other';
}

/** The lab endpoint says whom it serves (Get-UmcLabEndpointInfo's Operator); a real server's account is the profile's. */
async function labOperator(session: ShellSession, requested: readonly string[]): Promise<string | null> {
  if (!requested.includes('Get-UmcLabEndpointInfo')) return null;
  try {
    const info = (await session.call('Get-UmcLabEndpointInfo', {}, { mode: 'read', timeoutMs: 30_000 })).objects[0] as Record<string, unknown> | undefined;
    return typeof info?.Operator === 'string' ? info.Operator : null;
  } catch {
    return null;
  }
}

/**
 * The sessions' side through the connections service: the active profile's open shells are reused
 * (nothing is reopened under the user); otherwise the profile's shells are opened for the test, read
 * and closed (Remove-PSSession) at once.
 */
export function importsThrough(connections: Pick<ConnectionsService, 'testSessions' | 'activeProfile' | 'shells'>): ImportProbe {
  return async (profile, password, shells) => {
    const made = connections.testSessions(profile, password);
    // Reused only when they are this very connection (the form may test edited fields of the active profile).
    const current = connections.activeProfile();
    const same =
      current !== null &&
      current.id === profile.id &&
      current.exchange === profile.exchange &&
      current.skype === profile.skype &&
      current.authentication === profile.authentication &&
      current.userName === profile.userName &&
      (current.role ?? 'admin') === (profile.role ?? 'admin');
    const active = same ? connections.shells() : {};
    const out: Partial<Record<ShellName, ShellImportFacts>> = {};
    try {
      await Promise.all(
        shells.map(async (shell) => {
          const { requested } = made[shell];
          const reuse = active[shell];
          const session = reuse && reuse.status().state === 'open' ? reuse : made[shell].session;
          const reused = session === reuse;
          try {
            if (!reused) await session.open();
            out[shell] = {
              shell,
              outcome: 'open',
              error: null,
              failure: null,
              requested,
              missing: session.missingCommands(),
              serverVersion: session.status().serverVersion,
              account: await labOperator(session, requested),
              reused,
            };
          } catch (e) {
            const error = session.status().lastError ?? (e instanceof UserError ? e.detail : { key: 'ps.raw', params: { text: e instanceof Error ? e.message : String(e) } });
            out[shell] = { shell, outcome: 'failed', error, failure: failureOf(error), requested, missing: [], serverVersion: null, account: null, reused };
          }
        }),
      );
    } finally {
      await Promise.all(SHELLS.map((s) => made[s].session.close().catch(() => undefined)));
    }
    return out;
  };
}

export interface ConnectionTestDeps {
  /** The PowerShell the sessions use (null: none found). */
  readonly powershell: () => string | null;
  readonly imports: ImportProbe;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Per TLS handshake and per CRL download. */
  readonly timeoutMs?: number;
  /** Tests: resolve the endpoints' names (and the CRLs') to loopback. */
  readonly lookup?: LookupFunction;
}

export interface ConnectionTestRequest {
  readonly profile: ConnectionProfile;
  readonly password?: string;
  /** PEM CA bundle to verify against instead of the system store. */
  readonly ca?: readonly (string | Buffer)[];
}

export interface ConnectionTester {
  run(request: ConnectionTestRequest): Promise<ConnectionFacts>;
  /** Runs and renders in the given language. */
  report(request: ConnectionTestRequest, language: Language): Promise<ConnectionTestReport>;
}

/** The contract's payload: a saved profile by id, or the form's fields (saved or not). */
export type ConnectionTestPayload = { readonly id: string } | { readonly profile: ProfileInput };

/**
 * The profile to test and its password: a saved one as stored; the form's fields checked as a save
 * would check them (endpoints, user name), the password typed or else the stored one. Nothing is saved.
 */
export async function resolveTestProfile(payload: ConnectionTestPayload, stores: { readonly profiles: ProfileStore; readonly secrets: SecretStore }): Promise<ConnectionTestRequest> {
  if ('id' in payload) {
    const profile = await stores.profiles.get(payload.id);
    if (!profile) throw new UserError({ key: 'profile.error.unknown' });
    const password = profile.authentication === 'credential' ? ((await stores.secrets.get(profile.id)) ?? undefined) : undefined;
    return { profile, password };
  }
  const input = payload.profile;
  const profile = profileFromInput(input, input.id ?? 'unsaved');
  let password: string | undefined;
  if (input.authentication === 'credential') {
    password = input.password ? input.password : input.id ? ((await stores.secrets.get(input.id)) ?? undefined) : undefined;
    if (!password) throw new UserError({ key: 'profile.error.password' });
  }
  return { profile, password };
}

export function testedProfileOf(p: ConnectionProfile): TestedProfile {
  return { name: p.name, exchange: p.exchange, skype: p.skype, authentication: p.authentication, userName: p.userName, role: p.role ?? 'admin' };
}

export function createConnectionTester(deps: ConnectionTestDeps): ConnectionTester {
  const timeoutMs = deps.timeoutMs ?? 5000;

  async function tlsFacts(profile: ConnectionProfile, local: LocalProbe, ca: readonly (string | Buffer)[] | undefined): Promise<Partial<Record<ShellName, TlsFacts>>> {
    const endpoints = profileEndpoints(profile);
    const roots = ca ?? systemRoots(local.windowsRoots);
    const out: Partial<Record<ShellName, TlsFacts>> = {};
    await Promise.all(
      SHELLS.map(async (shell) => {
        const e = endpoints[shell];
        const h = e ? endpointHost(e) : null;
        // Lab endpoints and http endpoints: no certificate, nothing sent.
        if (!h || !h.https) return;
        const now = deps.clock.now();
        const probed = await probeTls({ shell, host: h.host, port: h.port, ca: roots, trust: ca ? 'file' : 'system', timeoutMs, lookup: deps.lookup }, now);
        const crls: CrlFacts[] = [];
        const seen = new Set<string>();
        for (const c of probed.chain) {
          for (const url of c.crlUrls) {
            const key = `${c.serialNumber}|${url}`;
            if (seen.has(key)) continue;
            seen.add(key);
            crls.push(await fetchCrl(c, url, { timeoutMs, lookup: deps.lookup }));
          }
        }
        out[shell] = { ...probed.facts, crls };
      }),
    );
    return out;
  }

  async function run(request: ConnectionTestRequest): Promise<ConnectionFacts> {
    const { profile } = request;
    const executable = deps.powershell();
    const local = await askLocalPowerShell(executable);
    const [tlsByShell, imported] = await Promise.all([
      tlsFacts(profile, local, request.ca),
      (async () => {
        const reasons = Object.fromEntries(SHELLS.map((s) => [s, canOpenSessions(local.facts, profile, s)])) as Record<ShellName, ReturnType<typeof canOpenSessions>>;
        const open = SHELLS.filter((s) => reasons[s] === null);
        const got = open.length > 0 ? await deps.imports(profile, request.password, open) : {};
        const out = {} as Record<ShellName, ShellImportFacts>;
        for (const s of SHELLS) {
          out[s] = got[s] ?? { shell: s, outcome: 'not-tried', error: reasons[s], failure: null, requested: [], missing: [], serverVersion: null, account: null, reused: false };
        }
        return out;
      })(),
    ]);
    deps.logger.log('info', 'connection tested', { profile: profile.id, wsman: local.facts.wsman });
    return { local: local.facts, tls: tlsByShell, imports: imported };
  }

  return {
    run,
    async report(request, language) {
      const facts = await run(request);
      const checks = judgeConnection(testedProfileOf(request.profile), facts).map((c) => ({
        id: c.id,
        status: c.status,
        title: renderMessage(language, c.title),
        detail: renderMessage(language, c.detail),
        items: c.items.map((i) => renderMessage(language, i)),
        fix: c.fix ? renderMessage(language, c.fix) : null,
        commands: c.commands,
        source: c.source,
      }));
      return { profile: request.profile.name, testedAt: deps.clock.now().toISOString(), checks, counts: countStatuses(checks) };
    },
  };
}
