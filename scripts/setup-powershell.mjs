// Installs PowerShell 7 for the live-session path, as the .NET tool `PowerShell` (NuGet), into
// the project-local `.tools/pwsh`. Windows uses its own Windows PowerShell 5.1 instead.
//   node scripts/setup-powershell.mjs          install when missing (quiet when present)
// Without the .NET SDK it says so and exits 0: the console still opens on the lab org, and the
// real-PowerShell tests report themselves skipped with that reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PWSH_VERSION = '7.6.9';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = join(root, '.tools', 'pwsh');
const exe = join(toolDir, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

export function ensurePowerShell({ quiet = false } = {}) {
  if (process.env.UMC_PWSH || existsSync(exe)) return true;
  if (process.platform === 'win32') return true; // Windows PowerShell 5.1 is part of Windows
  const dotnet = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  if (dotnet.status !== 0) {
    console.error('PowerShell 7 is not installed and the .NET SDK (dotnet) is missing: live sessions and their tests are unavailable. Install the .NET SDK, or set UMC_PWSH to a pwsh executable.');
    return false;
  }
  if (!quiet) console.log(`installing PowerShell ${PWSH_VERSION} (dotnet tool) into .tools/pwsh …`);
  const r = spawnSync('dotnet', ['tool', 'install', 'PowerShell', '--version', PWSH_VERSION, '--tool-path', toolDir], {
    stdio: quiet ? 'ignore' : 'inherit',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  if (r.status !== 0 || !existsSync(exe)) {
    console.error(`dotnet tool install PowerShell --version ${PWSH_VERSION} failed: live sessions and their tests are unavailable.`);
    return false;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensurePowerShell({ quiet: process.argv.includes('--quiet') });
