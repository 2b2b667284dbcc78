/**
 * The files a packaged app runs from outside its ASAR archive — the worker threads' scripts
 * (out/main/*-worker.cjs) and the PowerShell host script and lab endpoint module (assets/powershell)
 * — checked against the SHA-256 hashes the build wrote INTO the main bundle.
 *
 * Why: Electron's ASAR integrity (the `enableEmbeddedAsarIntegrityValidation` fuse,
 * https://www.electronjs.org/docs/latest/tutorial/asar-integrity) covers app.asar only; files in
 * app.asar.unpacked (electron-builder `asarUnpack`) are read from disk as they are. A per-user
 * install directory is writable by the user's own processes, so a tampered worker or host script
 * would run with the console's rights. scripts/build.mjs hashes each unpacked file after bundling and
 * defines `__UMC_UNPACKED_MANIFEST__` in app.cjs and umc.cjs, which sit inside the archive: the
 * manifest is itself covered by ASAR integrity.
 *
 * The rule (docs/security.md):
 * - a bundle with a manifest: a file it lists is accepted when its hash matches, refused otherwise
 *   (changed, missing, or a file the manifest does not list: nothing unlisted runs);
 * - no manifest (the TypeScript sources under tsx: tests, `npm run dev`, the browser-test harness):
 *   verification is skipped, and says so (`skipped`), never silently accepts.
 *
 * Node only (no Electron): tested under plain Node.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../shared/i18n/translate';
import type { Logger } from './ports';

/** Relative path (forward slashes, from the app root: `out/main/layout-worker.cjs`) → SHA-256, lower-case hex. */
export type UnpackedManifest = Readonly<Record<string, string>>;

// Replaced by scripts/build.mjs (esbuild `define`) with the manifest as a JSON string; undeclared under tsx.
declare const __UMC_UNPACKED_MANIFEST__: string | undefined;

/** The manifest built into this bundle, or null when running from the sources. */
export function builtManifest(): UnpackedManifest | null {
  return typeof __UMC_UNPACKED_MANIFEST__ === 'string' ? (JSON.parse(__UMC_UNPACKED_MANIFEST__) as UnpackedManifest) : null;
}

export type IntegrityVerdict =
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: 'no-manifest' }
  | { readonly kind: 'accepted'; readonly file: string; readonly entry: string }
  | { readonly kind: 'refused'; readonly file: string; readonly reason: 'changed' | 'missing' | 'not-listed'; readonly entry: string | null };

export class IntegrityError extends UserError {
  constructor(readonly verdict: Extract<IntegrityVerdict, { kind: 'refused' }>) {
    super({ key: `integrity.refused.${verdict.reason}`, params: { file: verdict.file } });
    this.name = 'IntegrityError';
  }
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const slashes = (p: string) => p.replace(/\\/g, '/');

/** The manifest entry naming this file: the longest entry the absolute path ends with (after a `/`). */
function entryOf(path: string, manifest: UnpackedManifest): string | null {
  const p = slashes(path);
  let best: string | null = null;
  for (const entry of Object.keys(manifest)) {
    if ((p === entry || p.endsWith(`/${entry}`)) && (best === null || entry.length > best.length)) best = entry;
  }
  return best;
}

/** One file against the manifest (default: the one built into this bundle). */
export function verifyUnpackedFile(path: string, manifest: UnpackedManifest | null = builtManifest()): IntegrityVerdict {
  if (manifest === null) return { kind: 'skipped', file: path, reason: 'no-manifest' };
  const entry = entryOf(path, manifest);
  if (entry === null) return { kind: 'refused', file: path, reason: 'not-listed', entry: null };
  let actual: string;
  try {
    actual = sha256File(path);
  } catch {
    return { kind: 'refused', file: path, reason: 'missing', entry };
  }
  return actual === manifest[entry] ? { kind: 'accepted', file: path, entry } : { kind: 'refused', file: path, reason: 'changed', entry };
}

/**
 * Every manifest entry under `root` (the app root, `app.asar.unpacked` in a package): at start, so a
 * tampered install is reported before anything is spawned. Empty without a manifest.
 */
export function verifyUnpackedTree(root: string, manifest: UnpackedManifest | null = builtManifest()): IntegrityVerdict[] {
  if (manifest === null) return [];
  return Object.keys(manifest).map((entry) => verifyUnpackedFile(`${slashes(root).replace(/\/$/, '')}/${entry}`, manifest));
}

/**
 * Before a worker or host is spawned from `path`: throws IntegrityError (naming the file) when it is
 * refused. `withSiblings`: also every manifest entry in the same folder tree (the PowerShell host
 * imports the lab endpoint module beside its script: assets/powershell/**).
 */
export function assertUnpackedIntact(path: string, options: { readonly withSiblings?: boolean; readonly manifest?: UnpackedManifest | null } = {}): IntegrityVerdict {
  const manifest = options.manifest === undefined ? builtManifest() : options.manifest;
  const verdict = verifyUnpackedFile(path, manifest);
  if (verdict.kind === 'refused') throw new IntegrityError(verdict);
  if (verdict.kind === 'accepted' && options.withSiblings && manifest) {
    const folder = verdict.entry.slice(0, verdict.entry.lastIndexOf('/') + 1);
    const root = slashes(path).slice(0, slashes(path).length - verdict.entry.length);
    for (const entry of Object.keys(manifest)) {
      if (entry === verdict.entry || !entry.startsWith(folder)) continue;
      const sibling = verifyUnpackedFile(root + entry, manifest);
      if (sibling.kind === 'refused') throw new IntegrityError(sibling);
    }
  }
  return verdict;
}

/**
 * At start (main/app/main.ts): every unpacked file is checked once and each refused one is logged,
 * naming the file, before any worker or host is asked for; the refusal itself happens at spawn
 * (assertUnpackedIntact), so a tampered file never runs even if it is changed after start.
 */
export function logUnpackedIntegrity(root: string, logger: Logger, manifest: UnpackedManifest | null = builtManifest()): IntegrityVerdict[] {
  if (manifest === null) {
    logger.log('info', 'unpacked-file integrity not checked: no manifest (running from the sources)', {});
    return [];
  }
  const verdicts = verifyUnpackedTree(root, manifest);
  for (const v of verdicts) if (v.kind === 'refused') logger.log('error', new IntegrityError(v).message, { file: v.file, reason: v.reason });
  return verdicts;
}
