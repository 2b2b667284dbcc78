/**
 * The console's own SSH known-hosts file, for `lab+ssh://` endpoints: trust on first use with an
 * explicit approval, then strict checking — what an admin expects from ssh (docs/live-sessions.md,
 * "SSH host keys").
 *
 * - The PowerShell host always runs ssh with `StrictHostKeyChecking=yes` and
 *   `UserKnownHostsFile=<this file>` (assets/powershell/umc-host.ps1), so ssh itself refuses a key
 *   this file does not hold.
 * - Before a session opens, `verify` reads the server's keys without trusting them (`ssh-keyscan`,
 *   which performs no authentication) and compares them with the file, so the refusal says which
 *   case it is: a host not known yet (with its fingerprints, to approve) or a key that changed
 *   (possible man-in-the-middle; never replaced by the console).
 * - `approve` binds to the fingerprint the admin saw: it scans again and writes only the key with
 *   that fingerprint; a key that changed in between, or a host that already has another key, is refused.
 *   `remove` drops a host's entries. Both are audited (main/services/audit) and written whole with the
 *   one atomic write (mode 0600).
 *
 * The file is OpenSSH's known_hosts format (`[host]:port type base64`, `host type base64` on port 22:
 * the ssh(8) manual, section SSH_KNOWN_HOSTS FILE FORMAT, https://man.openbsd.org/sshd.8#SSH_KNOWN_HOSTS_FILE_FORMAT).
 * Fingerprints are ssh-keygen's: `SHA256:` + unpadded base64 of the SHA-256 of the key blob
 * (https://man.openbsd.org/ssh-keygen.1, -l and -E; the blob is RFC 4253 §6.6's public key format).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { type HostKeyProblem, SSH_FINGERPRINT, SSH_HOST } from '../../../shared/connections/known-host';
import { type Message, UserError } from '../../../shared/i18n/translate';
import type { AuditLog } from '../audit/audit-log';
import { writeFileAtomic } from '../atomic-write';

/** One public host key as the server presents it. */
export interface HostKey {
  /** The SSH key type: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  readonly type: string;
  /** The key blob, base64 (as in known_hosts and `*.pub` files). */
  readonly blob: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** `ED25519`, `ECDSA`, `RSA` (ssh-keygen's label). */
  readonly label: string;
}

export interface KnownHostEntry extends HostKey {
  readonly host: string;
  readonly port: number;
}

/** Reads the keys a server presents, without authenticating to it. */
export type HostKeyScanner = (host: string, port: number) => Promise<readonly HostKey[]>;

const HOST = SSH_HOST;
const FINGERPRINT = SSH_FINGERPRINT;
const KEY_TYPE = /^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|ssh-ed448|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;
const BLOB = /^[A-Za-z0-9+/]+={0,2}$/;

/** Which error key a refusal carries (the Connections screen offers Approve or Remove from it). */
export const HOST_KEY_UNKNOWN = 'knownHosts.unknown';
export const HOST_KEY_CHANGED = 'knownHosts.changed';

/**
 * A refused host key. Its `message` is a fixed code rather than the rendered text: the shell session
 * sorts open failures by their text (main/powershell/shell-session.ts, classifyOpenFailure) and a
 * fingerprint's base64 must not read as a network failure to retry: this failure waits for the admin.
 */
export class HostKeyRefusal extends UserError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'HostKeyRefusal';
    this.message = `UmcKnownHosts.${detail.key}`;
  }
}

export function checkedHost(host: string): string {
  if (typeof host !== 'string' || !HOST.test(host) || host.length > 253) throw new UserError({ key: 'knownHosts.error.host', params: { host: String(host) } });
  return host.toLowerCase();
}

export function checkedPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError({ key: 'knownHosts.error.port', params: { port: String(port) } });
  return port;
}

/** `HOST:PORT` (IPv6: `[addr]:PORT`) as the CLI takes it. */
export function parseHostPort(text: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]]+):(\d{1,5})$/.exec(text) ?? /^([^:[\]]+)$/.exec(text);
  if (!m) throw new UserError({ key: 'knownHosts.error.hostPort', params: { text } });
  return { host: checkedHost(m[1]!), port: checkedPort(m[2] === undefined ? 22 : Number(m[2])) };
}

/** The host field of a known_hosts line: `host` on port 22, else `[host]:port`. */
export function hostField(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function displayHost(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function fingerprintOf(blob: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

function labelOf(type: string): string {
  if (type.includes('ed25519')) return 'ED25519';
  if (type.includes('ed448')) return 'ED448';
  if (type.includes('ecdsa')) return 'ECDSA';
  if (type.includes('rsa')) return 'RSA';
  return type.toUpperCase();
}

function hostKey(type: string, blob: string): HostKey {
  return { type, blob, fingerprint: fingerprintOf(blob), label: labelOf(type) };
}

/** `SHA256:… (ED25519), SHA256:… (RSA)`: how a refusal shows keys. */
export function describeKeys(keys: readonly HostKey[]): string {
  return keys.map((k) => `${k.fingerprint} (${k.label})`).join(', ');
}

/** Key lines (`hostfield type blob`) from known_hosts or ssh-keyscan text; comments, markers, hashed and foreign lines are skipped. */
export function parseKeyLines(text: string): { field: string; key: HostKey }[] {
  const out: { field: string; key: HostKey }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('@') || line.startsWith('|')) continue;
    const [field, type, blob] = line.split(/\s+/);
    if (!field || !type || !blob || !KEY_TYPE.test(type) || !BLOB.test(blob)) continue;
    out.push({ field: field.toLowerCase(), key: hostKey(type, blob) });
  }
  return out;
}

/** Strongest first, as OpenSSH's client prefers them: the key an admin compares first. */
function byPreference(keys: readonly HostKey[]): HostKey[] {
  const rank = (k: HostKey) => ['ED25519', 'ECDSA', 'RSA'].indexOf(k.label) + 1 || 9;
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/**
 * `ssh-keyscan -T 10 -p PORT HOST`: arguments as data (no shell), the host checked first. ssh-keyscan
 * ships with OpenSSH on Linux and with Windows' OpenSSH client (System32\OpenSSH).
 */
export function sshKeyscan(executable = 'ssh-keyscan', timeoutSeconds = 10): HostKeyScanner {
  return (host, port) =>
    new Promise((resolve, reject) => {
      const h = checkedHost(host);
      const p = checkedPort(port);
      execFile(executable, ['-T', String(timeoutSeconds), '-p', String(p), h], { timeout: (timeoutSeconds + 5) * 1000, windowsHide: true, maxBuffer: 1 << 20 }, (error, stdout) => {
        const e = error as NodeJS.ErrnoException | null;
        // Without ssh-keyscan no host key can be checked: the shell stops (no retry loop) with the reason.
        if (e?.code === 'ENOENT') return reject(new HostKeyRefusal({ key: 'knownHosts.error.noKeyscan' }));
        const field = hostField(h, p);
        const keys = parseKeyLines(String(stdout))
          .filter((l) => l.field === field || l.field === h)
          .map((l) => l.key);
        if (keys.length === 0) return reject(new UserError({ key: 'knownHosts.error.scan', params: { host: displayHost(h, p) } }));
        resolve(byPreference(keys));
      });
    });
}

async function readKnownHostsText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UserError({ key: 'knownHosts.error.read', params: { file, reason: (e as Error).message } });
  }
}

/** The keys the file holds for HOST:PORT (none when the file does not exist yet). */
export async function readKnownHostKeys(file: string, host: string, port: number): Promise<HostKey[]> {
  const field = hostField(checkedHost(host), checkedPort(port));
  return parseKeyLines(await readKnownHostsText(file))
    .filter((l) => l.field === field)
    .map((l) => l.key);
}

/**
 * Resolves when the server presents one of the `known` keys; else a HostKeyRefusal: unknown (no key
 * known: its fingerprints, to approve) or changed (the known and the presented fingerprints).
 */
export async function verifyAgainst(known: readonly HostKey[], host: string, port: number, scan: HostKeyScanner = sshKeyscan()): Promise<void> {
  const h = checkedHost(host);
  const p = checkedPort(port);
  const presented = await scan(h, p);
  const where = displayHost(h, p);
  if (presented.length === 0) throw new UserError({ key: 'knownHosts.error.scan', params: { host: where } });
  if (known.length === 0) {
    throw new HostKeyRefusal({ key: HOST_KEY_UNKNOWN, params: { host: where, hostName: h, port: p, fingerprints: describeKeys(presented), fingerprint: presented[0]!.fingerprint } });
  }
  if (presented.some((k) => known.some((n) => n.type === k.type && n.blob === k.blob))) return;
  throw new HostKeyRefusal({ key: HOST_KEY_CHANGED, params: { host: where, hostName: h, port: p, was: describeKeys(known), now: describeKeys(presented), fingerprint: presented[0]!.fingerprint } });
}

/** The host-key problem a shell's last error names (the Connections screen offers Approve or Remove from it), else undefined. */
export function hostKeyProblemOf(error: Message | null): HostKeyProblem | undefined {
  if (!error || (error.key !== HOST_KEY_UNKNOWN && error.key !== HOST_KEY_CHANGED)) return undefined;
  const { hostName, port, fingerprint } = error.params ?? {};
  if (typeof hostName !== 'string' || typeof port !== 'number' || typeof fingerprint !== 'string') return undefined;
  return { kind: error.key === HOST_KEY_UNKNOWN ? 'unknown' : 'changed', host: hostName, port, fingerprint };
}

export interface KnownHosts {
  /** The known-hosts file ssh is given (UserKnownHostsFile). */
  readonly path: string;
  /** Resolves when the server presents a key the file holds; else throws a HostKeyRefusal (unknown or changed). */
  verify(host: string, port: number): Promise<void>;
  /** Every entry of the file, in file order. */
  list(): Promise<readonly KnownHostEntry[]>;
  /** Scans again and writes the key whose fingerprint is `fingerprint`; refused when the server no longer presents it, or the host has another key. */
  approve(host: string, port: number, fingerprint: string): Promise<KnownHostEntry>;
  /** Removes every entry of the host (the step before approving a changed key); returns how many. */
  remove(host: string, port: number): Promise<number>;
}

export interface KnownHostsDeps {
  readonly path: string;
  /** Approvals and removals are changes an admin makes: each one is audited before and after. */
  readonly audit: AuditLog;
  readonly scan?: HostKeyScanner;
  /** Who makes the change (the audit's operator): the account running the console. */
  readonly operator?: () => string;
}

export function createKnownHosts(deps: KnownHostsDeps): KnownHosts {
  const scan = deps.scan ?? sshKeyscan();
  const operator = deps.operator ?? (() => userInfo().username);
  let writes: Promise<unknown> = Promise.resolve();

  /** Changes run one after another: two approvals never write over each other. */
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  }

  const readText = () => readKnownHostsText(deps.path);

  const keysOf = (host: string, port: number) => readKnownHostKeys(deps.path, host, port);

  async function writeText(text: string): Promise<void> {
    try {
      await mkdir(dirname(deps.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(deps.path, text);
    } catch (e) {
      throw new UserError({ key: 'knownHosts.error.write', params: { file: deps.path, reason: (e as Error).message } });
    }
  }

  /** Runs a change between the audit's intent and its outcome. */
  async function audited<T>(cmdlet: string, parameters: { name: string; value: string }[], before: unknown, change: () => Promise<{ value: T; after: unknown }>): Promise<T> {
    const entry = await deps.audit.begin({ operator: operator(), profile: 'lab', target: 'lab', cmdlet, parameters, before });
    try {
      const { value, after } = await change();
      await entry.finish({ outcome: 'applied', message: '', after });
      return value;
    } catch (e) {
      await entry.finish({ outcome: 'failed', message: e instanceof Error ? e.message : String(e), after: null });
      throw e;
    }
  }

  return {
    path: deps.path,

    async verify(host, port) {
      await verifyAgainst(await keysOf(checkedHost(host), checkedPort(port)), host, port, scan);
    },

    async list() {
      return parseKeyLines(await readText()).flatMap(({ field, key }) => {
        const m = /^\[(.+)\]:(\d+)$/.exec(field);
        return m ? [{ host: m[1]!, port: Number(m[2]), ...key }] : /^[^[\]]+$/.test(field) ? [{ host: field, port: 22, ...key }] : [];
      });
    },

    approve(host, port, fingerprint) {
      return serialised(async () => {
        const h = checkedHost(host);
        const p = checkedPort(port);
        const where = displayHost(h, p);
        if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) throw new UserError({ key: 'knownHosts.error.fingerprint', params: { fingerprint: String(fingerprint) } });
        const known = await keysOf(h, p);
        if (known.some((k) => k.fingerprint === fingerprint)) return { host: h, port: p, ...known.find((k) => k.fingerprint === fingerprint)! };
        // Another key is known for this host: its key changed. Never replaced in one step (possible MITM).
        if (known.length > 0) throw new UserError({ key: 'knownHosts.error.removeFirst', params: { host: where, was: describeKeys(known) } });
        // The approval binds to what the admin saw: the server must still present that very key.
        const presented = await scan(h, p);
        const key = presented.find((k) => k.fingerprint === fingerprint);
        if (!key) throw new UserError({ key: 'knownHosts.error.stale', params: { host: where, fingerprint, now: describeKeys(presented) } });
        const line = `${hostField(h, p)} ${key.type} ${key.blob}`;
        return audited(
          'Approve-SshHostKey',
          [
            { name: 'Host', value: where },
            { name: 'Fingerprint', value: key.fingerprint },
            { name: 'KeyType', value: key.type },
          ],
          null,
          async () => {
            const text = await readText();
            await writeText(`${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
            return { value: { host: h, port: p, ...key }, after: { line } };
          },
        );
      });
    },

    remove(host, port) {
      return serialised(async () => {
        const h = checkedHost(host);
        const p = checkedPort(port);
        const where = displayHost(h, p);
        const known = await keysOf(h, p);
        if (known.length === 0) throw new UserError({ key: 'knownHosts.error.notKnown', params: { host: where } });
        const field = hostField(h, p);
        return audited('Remove-SshHostKey', [{ name: 'Host', value: where }], { keys: known.map((k) => `${k.fingerprint} (${k.label})`) }, async () => {
          const text = await readText();
          const kept = text.split(/\r?\n/).filter((l) => {
            const parsed = parseKeyLines(l)[0];
            return !(parsed && parsed.field === field);
          });
          const out = kept.join('\n').replace(/\n+$/, '');
          await writeText(out === '' ? '' : `${out}\n`);
          return { value: known.length, after: null };
        });
      });
    },
  };
}
