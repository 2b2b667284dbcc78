// Builds every bundle with esbuild: the renderer (split by screen), the Electron main process and
// preload, and the `umc` CLI. Works offline and without the Electron binary.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackedManifest } from './unpacked-manifest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
const quiet = process.argv.includes('--quiet');
rmSync(out, { recursive: true, force: true });

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none', target: 'es2022' };

// The worker threads first: their bundles are hashed into the unpacked-file manifest, which the main
// bundle and the CLI then carry (main/unpacked-integrity.ts checks every unpacked file against it).
const workers = [
  // The layout worker thread, next to app.cjs (unpacked from the asar by electron-builder.yml).
  { entry: 'main/services/topology/layout-worker.ts', out: 'main/layout-worker.cjs' },
  // The certificate inspection worker thread (the main process never parses a certificate file).
  { entry: 'main/services/certificates/inspect-worker.ts', out: 'main/cert-inspect-worker.cjs' },
];
await Promise.all([
  // Renderer: ESM with code splitting, so each screen loads when first shown.
  build({
    ...common,
    entryPoints: { app: join(root, 'renderer/src/main.tsx') },
    outdir: join(out, 'renderer/assets'),
    format: 'esm',
    splitting: true,
    platform: 'browser',
    minify: true,
    chunkNames: 'chunks/[name]-[hash]',
    loader: { '.css': 'css', '.woff2': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    metafile: true,
  }).then((r) => writeFileSync(join(out, 'renderer-meta.json'), JSON.stringify(r.metafile))),
  ...workers.map((w) => build({ ...common, entryPoints: [join(root, w.entry)], outfile: join(out, w.out), platform: 'node', format: 'cjs' })),
  // Preload: one CommonJS file (sandboxed preloads cannot be ESM: https://www.electronjs.org/docs/latest/tutorial/esm).
  build({ ...common, entryPoints: [join(root, 'main/preload/preload.ts')], outfile: join(out, 'preload/preload.cjs'), platform: 'node', format: 'cjs', external: ['electron'] }),
]);

// The SHA-256 of every file outside the asar, as a JSON string constant inside the bundles.
const manifest = unpackedManifest(root);
const withManifest = { __UMC_UNPACKED_MANIFEST__: JSON.stringify(JSON.stringify(manifest)) };
await Promise.all([
  // Electron main process: only main/app imports electron; it stays external.
  build({ ...common, entryPoints: [join(root, 'main/app/main.ts')], outfile: join(out, 'main/app.cjs'), platform: 'node', format: 'cjs', external: ['electron'], define: withManifest }),
  // CLI.
  build({ ...common, entryPoints: [join(root, 'main/cli/umc.ts')], outfile: join(out, 'cli/umc.cjs'), platform: 'node', format: 'cjs', define: withManifest }),
]);

mkdirSync(join(out, 'renderer'), { recursive: true });
cpSync(join(root, 'renderer/index.html'), join(out, 'renderer/index.html'));

if (!quiet) {
  const meta = JSON.parse(readFileSync(join(out, 'renderer-meta.json'), 'utf8'));
  let initial = 0;
  let total = 0;
  const entry = Object.entries(meta.outputs).find(([, o]) => o.entryPoint?.endsWith('renderer/src/main.tsx'));
  const initialFiles = new Set([entry[0], ...entry[1].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)]);
  for (const [file, o] of Object.entries(meta.outputs)) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
    const gz = gzipSync(readFileSync(join(root, file))).length;
    total += gz;
    if (initialFiles.has(file) || (file.endsWith('.css') && o.entryPoint === undefined && file.includes('/app'))) initial += gz;
  }
  console.log(`build: renderer initial ${(initial / 1024).toFixed(1)} KB gzipped, all chunks ${(total / 1024).toFixed(1)} KB gzipped`);
}
