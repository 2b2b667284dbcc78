// The files a packaged app reads from outside app.asar (electron-builder.yml `asarUnpack`) and their
// SHA-256: scripts/build.mjs embeds this manifest in the main bundle and the CLI (inside the asar,
// so covered by ASAR integrity); main/unpacked-integrity.ts checks each file against it before it
// runs. https://www.electronjs.org/docs/latest/tutorial/asar-integrity covers app.asar only.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The asarUnpack patterns (a file, or a folder followed by `/**`); a unit test keeps electron-builder.yml the same. */
export const UNPACKED = ['out/main/layout-worker.cjs', 'out/main/cert-inspect-worker.cjs', 'assets/powershell/**', 'assets/lab/**'];

function walk(root, rel) {
  const full = join(root, rel);
  if (!statSync(full).isDirectory()) return [rel];
  return readdirSync(full)
    .sort()
    .flatMap((name) => walk(root, `${rel}/${name}`));
}

/** { 'out/main/layout-worker.cjs': '<sha256 hex>', 'assets/powershell/umc-host.ps1': … } for the files under `root`. */
export function unpackedManifest(root, patterns = UNPACKED) {
  const manifest = {};
  for (const pattern of patterns) {
    for (const rel of walk(root, pattern.replace(/\/\*\*$/, '')))
      manifest[rel] = createHash('sha256')
        .update(readFileSync(join(root, rel)))
        .digest('hex');
  }
  return manifest;
}
