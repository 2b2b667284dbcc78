/**
 * Which PowerShell hosts the sessions: Windows PowerShell 5.1 on Windows (the Exchange and Skype
 * Management Shells are tested with it), PowerShell 7 elsewhere. The project installs PowerShell 7
 * as a .NET tool into `.tools/pwsh` (scripts/setup-powershell.mjs); UMC_PWSH overrides.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface PowerShellLocation {
  readonly executable: string;
  /** Where it was found, for messages: env, project, PATH, windows. */
  readonly from: 'env' | 'project' | 'path' | 'windows';
}

export function locatePowerShell(root: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): PowerShellLocation | null {
  if (env.UMC_PWSH) return existsSync(env.UMC_PWSH) ? { executable: env.UMC_PWSH, from: 'env' } : null;
  const exe = platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  if (platform === 'win32') {
    const system = join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
    if (existsSync(system)) return { executable: system, from: 'windows' };
  }
  const project = join(root, '.tools', 'pwsh', exe);
  if (existsSync(project)) return { executable: project, from: 'project' };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, exe))) return { executable: join(dir, exe), from: 'path' };
  }
  return null;
}

/** The host script and the lab endpoint module, shipped unpacked next to the app (electron-builder asarUnpack). */
export function powerShellAssets(root: string) {
  return {
    hostScript: join(root, 'assets', 'powershell', 'umc-host.ps1'),
    labModule: join(root, 'assets', 'powershell', 'UmcLabEndpoint', 'UmcLabEndpoint.psd1'),
  };
}
