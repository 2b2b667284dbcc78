/**
 * The one atomic write of the console: a file is replaced whole or not at all, and survives a crash
 * or a power cut once the call returns. Settings, snapshots, exports, the lab copy and the audit
 * export all go through it.
 *
 * How: the content goes to a temporary file in the same directory (same file system, so the rename
 * is atomic), created exclusively (`wx`: never through a file or link someone left there) with the
 * mode asked for, flushed to disk (fsync), then renamed over the target; the directory is flushed
 * too, so the rename itself is on disk. On any failure the temporary file is removed and the target
 * is as it was. Without the two fsyncs a crash after `rename` can leave an empty or torn file on
 * ext4/XFS (their delayed allocation) — the very thing "atomic" promises not to do.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of a new file (default 0o600: the console's files are the user's alone). */
  readonly mode?: number;
  /** Create the parent directories first. */
  readonly mkdirs?: boolean;
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Flushes a directory's entries (the rename) to disk; best effort where directories cannot be opened (Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, fsConstants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows cannot open a directory this way; NTFS journals the rename itself.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function replaceWith(path: string, fill: (tmp: string) => Promise<void>, options: AtomicWriteOptions): Promise<number> {
  if (options.mkdirs) await mkdir(dirname(path), { recursive: true });
  const tmp = temporaryPath(path);
  try {
    await fill(tmp);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dirname(path));
  return (await stat(path)).size;
}

/** Writes `data` to `path` whole or not at all; returns the bytes written. Errors are the file system's, unchanged. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<number> {
  return replaceWith(
    path,
    async (tmp) => {
      const handle = await open(tmp, 'wx', options.mode ?? 0o600);
      try {
        await handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    options,
  );
}

/** Copies `source` over `path` whole or not at all (the lab copy: a reader never sees half a file). */
export async function copyFileAtomic(source: string, path: string, options: AtomicWriteOptions = {}): Promise<number> {
  return replaceWith(
    path,
    async (tmp) => {
      await copyFile(source, tmp, fsConstants.COPYFILE_EXCL);
      const handle = await open(tmp, 'r+');
      try {
        await handle.chmod(options.mode ?? 0o600);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    options,
  );
}

/**
 * Writes the text `chunks` yields to `path`, whole or not at all, without ever holding it in one string:
 * a 100,000-user snapshot is written section by section, object by object (docs/large-orgs.md, "Capture").
 * The chunks are gathered into writes of about `bufferBytes`; when the iterator throws, the temporary
 * file is removed and the target is as it was. Returns the bytes written.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string> | AsyncIterable<string>, options: AtomicWriteOptions & { readonly bufferBytes?: number } = {}): Promise<number> {
  const limit = options.bufferBytes ?? 1 << 20;
  return replaceWith(
    path,
    async (tmp) => {
      const handle = await open(tmp, 'wx', options.mode ?? 0o600);
      try {
        let pending: string[] = [];
        let size = 0;
        const flush = async () => {
          if (pending.length === 0) return;
          const bytes = Buffer.from(pending.join(''), 'utf8');
          pending = [];
          size = 0;
          // write() may take fewer bytes than given: loop until all are written.
          for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at, null)).bytesWritten;
        };
        for await (const chunk of chunks) {
          pending.push(chunk);
          // String length, not bytes: a threshold, not a limit.
          size += chunk.length;
          if (size >= limit) await flush();
        }
        await flush();
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    options,
  );
}
