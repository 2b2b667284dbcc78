/** A connections service on the lab endpoint through real PowerShell, for the live-session tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionProfile } from '../../shared/connections/profile';
import { createProfileStore } from '../../main/services/connection-profiles';
import { createConnectionsService, type ConnectionsService, type PowerShellRuntime } from '../../main/services/live/connections-service';
import { createOrgService } from '../../main/services/org-service';
import { systemClock } from '../../main/ports';
import { memorySettingsStore } from '../../main/services/ports';
import { createSecretStore, processMemoryCipher } from '../../main/services/secret-store';
import { labRuntime } from './powershell';
import { groupAlive } from '../../main/powershell/powershell-host';

export function labProfile(exchange = 'lab:', skype = 'lab:'): ConnectionProfile {
  return { id: 'lab', name: 'Lab endpoint', exchange, skype, authentication: 'kerberos', userName: null, forest: null };
}

/** The lab endpoint's fault file (UMC_LAB_FAULT_FILE): delays, noise and errors per cmdlet. */
export interface Faults {
  readonly path: string;
  set(faults: Readonly<Record<string, { delayMs?: number; blockMs?: number; noise?: boolean; throw?: string }>>): void;
  clear(): void;
  dispose(): void;
}

export function faultFile(): Faults {
  const dir = mkdtempSync(join(tmpdir(), 'umc-faults-'));
  const path = join(dir, 'faults.json');
  return {
    path,
    set: (f) => writeFileSync(path, JSON.stringify(f)),
    clear: () => rmSync(path, { force: true }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface LiveFixture {
  readonly service: ConnectionsService;
  readonly logs: string[];
}

export function liveService(runtime: Partial<PowerShellRuntime> = {}): LiveFixture {
  const settings = memorySettingsStore();
  const logs: string[] = [];
  const service = createConnectionsService({
    profiles: createProfileStore(settings),
    secrets: createSecretStore(settings, processMemoryCipher()),
    runtime: labRuntime(runtime),
    org: createOrgService(async () => {
      throw new Error('no initial org in this test');
    }),
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    clock: systemClock,
    logger: { log: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) },
  });
  return { service, logs };
}

/** Whether a host or anything it started is still running (hosts lead their own process group). */
export function processAlive(pid: number | null): boolean {
  return groupAlive(pid ?? undefined);
}

/** Kills a host and its children, as a crash would. */
export function crashHost(pid: number): void {
  process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
