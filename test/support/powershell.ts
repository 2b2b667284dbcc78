/**
 * Real PowerShell for the live-session tests: the project's PowerShell 7 (.tools/pwsh, installed by
 * scripts/setup-powershell.mjs) or UMC_PWSH; and an SSH server on loopback with a `powershell`
 * subsystem, for PowerShell remoting that can really be dropped. Where either is missing the tests
 * that need it report themselves skipped with the reason.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePowerShell, powerShellAssets } from '../../main/powershell/powershell-locator';
import type { PowerShellRuntime } from '../../main/services/live/connections-service';
import { labSnapshotPath } from '../../main/services/snapshot-loader';
import { ROOT } from './paths';
import { createAuditLog } from '../../main/services/audit/audit-log';
import { createKnownHosts } from '../../main/services/live/known-hosts';
import { systemClock } from '../../main/ports';

export const PWSH = locatePowerShell(ROOT)?.executable ?? null;
export const NO_PWSH = PWSH ? false : 'SKIPPED: no PowerShell (run `node scripts/setup-powershell.mjs`, which needs the .NET SDK, or set UMC_PWSH)';

/**
 * PowerShell for the lab endpoint module tests (test/unit/assets/powershell): UMC_PWSH, else the
 * project's own .tools/pwsh, never one found on PATH (unlike PWSH); NO_LAB_PWSH says why they skip.
 */
function labPwsh(): string | null {
  if (process.env.UMC_PWSH) return existsSync(process.env.UMC_PWSH) ? process.env.UMC_PWSH : null;
  const local = join(ROOT, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
  return existsSync(local) ? local : null;
}
export const LAB_PWSH = labPwsh();
export const NO_LAB_PWSH: string | false = LAB_PWSH ? false : 'PowerShell not found: set UMC_PWSH or install it into .tools/pwsh';

export interface LabDriverRun<T> {
  readonly report: T;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a fixed driver script in one LAB_PWSH process (each start costs about a second, so one process
 * runs a whole list of requests): `env` is added to this process's, the lab overrides
 * (UMC_LAB_FAULT_FILE, UMC_LAB_DIRECTORY_FILE) are removed so only the driver sets them. The driver
 * writes its report as JSON to `resultsFile`; no file when the process ends (or is killed after
 * `timeoutMs`) is a failure carrying its output.
 */
export function runLabDriver<T>(driver: string, env: Readonly<Record<string, string>>, resultsFile: string, timeoutMs: number): Promise<LabDriverRun<T>> {
  return new Promise((resolve, reject) => {
    if (!LAB_PWSH) return reject(new Error(NO_LAB_PWSH || 'no PowerShell'));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.UMC_LAB_FAULT_FILE;
    delete childEnv.UMC_LAB_DIRECTORY_FILE;
    const child = spawn(LAB_PWSH, ['-NoProfile', '-NonInteractive', '-Command', driver], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (!existsSync(resultsFile)) return reject(new Error(`pwsh exited ${code} without a report\n${stdout}\n${stderr}`));
      resolve({ report: JSON.parse(readFileSync(resultsFile, 'utf8')) as T, stdout, stderr });
    });
  });
}

/** A runtime for the connections service / shell sessions, pointing at the lab endpoint. */
export function labRuntime(overrides: Partial<PowerShellRuntime> = {}): PowerShellRuntime {
  const a = powerShellAssets(ROOT);
  return { executable: PWSH, hostScript: a.hostScript, labModule: a.labModule, labData: labSnapshotPath(ROOT), heartbeatMs: 0, ...overrides };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const SSHD = '/usr/sbin/sshd';
export const NO_SSHD = !PWSH ? NO_PWSH : existsSync(SSHD) ? false : "SKIPPED: no sshd (Debian's openssh-server) for PowerShell remoting over SSH";

export interface SshLab {
  readonly port: number;
  readonly user: string;
  readonly keyFile: string;
  /** The sshd's public host key file (`ssh-keygen -lf` gives its fingerprint). */
  readonly hostKeyFile: string;
  /**
   * A known-hosts file holding this sshd's host key, approved by the console's own code path
   * (known-hosts.ts `approve`, audited into `auditFile`): strict checking, never disabled.
   */
  readonly knownHostsFile: string;
  readonly auditFile: string;
  /** `lab+ssh://user@127.0.0.1:port` */
  readonly endpoint: string;
  /** sshd's per-connection processes (each PowerShell session is one). */
  sessionPids(): number[];
  /** Kills every connection's sshd process: the remote sessions drop as on a network failure. */
  dropSessions(): number;
  stop(): Promise<void>;
}

/** Starts sshd on a free loopback port with a fresh host key and client key; `stop()` ends it. */
export async function startSshLab(): Promise<SshLab> {
  const dir = mkdtempSync(join(tmpdir(), 'umc-sshd-'));
  for (const name of ['host', 'client']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
  chmodSync(join(dir, 'authorized_keys'), 0o600);
  const port = await freePort();
  const user = process.env.USER && process.env.USER !== '' ? process.env.USER : 'root';
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      `Subsystem powershell ${PWSH} -sshs -NoLogo -NoProfile`,
      '',
    ].join('\n'),
  );
  if (!existsSync('/run/sshd')) spawnSync('mkdir', ['-p', '/run/sshd']);
  // -D: stays in the foreground as our child, so stop() can end it by its pid.
  const child: ChildProcess = spawn(SSHD, ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`sshd did not start: ${existsSync(join(dir, 'sshd.log')) ? readFileSync(join(dir, 'sshd.log'), 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const children = (): number[] => {
    const r = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean).map(Number);
  };
  const knownHostsFile = join(dir, 'known_hosts');
  const auditFile = join(dir, 'audit.jsonl');
  const trust = createKnownHosts({ path: knownHostsFile, audit: createAuditLog({ path: auditFile, clock: systemClock }) });
  const fingerprint = execFileSync('ssh-keygen', ['-lf', join(dir, 'host.pub')], { encoding: 'utf8' }).split(' ')[1]!;
  await trust.approve('127.0.0.1', port, fingerprint);
  return {
    port,
    user,
    keyFile: join(dir, 'client'),
    hostKeyFile: join(dir, 'host.pub'),
    knownHostsFile,
    auditFile,
    endpoint: `lab+ssh://${user}@127.0.0.1:${port}`,
    sessionPids: children,
    dropSessions() {
      const pids = children();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      return pids.length;
    },
    async stop() {
      for (const pid of children()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
