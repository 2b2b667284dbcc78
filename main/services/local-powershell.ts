/**
 * The PowerShell this console runs on this computer — the lab endpoint, the fixes and the
 * connections all start it — and its version as it reports it ($PSVersionTable, about_Automatic_Variables:
 * https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables#psversiontable).
 * The status bar shows this rather than the version written in the lab or snapshot file, which is
 * the capture's PowerShell (5.1 for the lab), not the one in use here. Asked once, on the first call;
 * the answer is kept for the life of the console.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import type { Logger } from '../ports';

export interface LocalPowerShellInfo {
  /** False when no PowerShell was found (powershell-locator.ts): the console can read files, not servers. */
  readonly found: boolean;
  /** `7.4.6`, `5.1.19041.5247`; null when it did not answer. */
  readonly version: string | null;
  /** `Core` or `Desktop` (Windows PowerShell); null when it did not answer. */
  readonly edition: string | null;
}

export interface LocalPowerShell {
  info(): Promise<LocalPowerShellInfo>;
  /** Ends a question still running (the console closes). */
  dispose(): void;
}

/** Generous: a first start of PowerShell on a cold jump host can take several seconds. */
const ANSWER_TIMEOUT_MS = 30_000;
const VERSION_SCRIPT = "$PSVersionTable.PSVersion.ToString(); if ($PSVersionTable.PSEdition) { $PSVersionTable.PSEdition } else { 'Desktop' }";

/** The two lines the script prints → the info; anything else → version unknown. */
export function parseVersionAnswer(stdout: string): Pick<LocalPowerShellInfo, 'version' | 'edition'> {
  const [version = '', edition = ''] = stdout.split(/\r?\n/).map((l) => l.trim());
  return /^\d+\.\d+(\.\d+){0,2}(-[\w.]+)?$/.test(version) ? { version, edition: /^(Core|Desktop)$/.test(edition) ? edition : null } : { version: null, edition: null };
}

export function createLocalPowerShell(deps: { readonly executable: () => string | null; readonly logger: Logger }): LocalPowerShell {
  let answer: Promise<LocalPowerShellInfo> | null = null;
  let running: ChildProcess | null = null;
  const ask = (executable: string) =>
    new Promise<LocalPowerShellInfo>((resolve) => {
      running = execFile(
        executable,
        ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', VERSION_SCRIPT],
        { timeout: ANSWER_TIMEOUT_MS, windowsHide: true, maxBuffer: 1 << 16 },
        (error, stdout) => {
          running = null;
          if (error) deps.logger.log('warn', 'local PowerShell did not report its version', { executable, error: error.message });
          resolve({ found: true, ...(error ? { version: null, edition: null } : parseVersionAnswer(String(stdout))) });
        },
      );
    });
  return {
    info() {
      if (!answer) {
        const executable = deps.executable();
        answer = executable ? ask(executable) : Promise.resolve({ found: false, version: null, edition: null });
      }
      return answer;
    },
    dispose() {
      running?.kill();
      running = null;
    },
  };
}
