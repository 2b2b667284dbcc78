// `npm start`: opens the console in Electron on the lab org (or --snapshot=FILE).
// Where the Electron binary cannot be had (these build machines), says so in one line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, rel);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'UM Integration Console cannot open a window here: the Electron binary is not installed (get it with `npx install-electron` where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an Electron 45 dist folder); `npx umc check --lab` and `npm run preview` show the same lab org meanwhile.',
  );
  process.exit(0);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
