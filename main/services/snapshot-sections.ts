/**
 * A large snapshot file decoded without holding its whole text or its whole parsed tree: the file
 * is scanned once for the structure of its first levels (root → exchange / skype → section →
 * `objects`), the large `objects` arrays are left out of the text parsed at once, and the decoder
 * reads them in pieces of about a megabyte, each read back from the file, parsed, decoded and let go
 * (shared/snapshot/chunked-objects.ts). On the generated 100,000-user org the text (102 MB) and the
 * parsed tree (about 134 MB) were alive beside the model (about 120 MB) at the peak of a load; now only
 * the model and one piece are (docs/large-orgs.md, "Load and check").
 *
 * Every byte is still checked by JSON.parse (the text without the large arrays, then each piece); the
 * scan only finds where the pieces end. A file of another shape, a piece that does not parse, a text
 * that does not either: the answer is null and the caller parses the whole text the usual way, whose
 * message names the problem, so a broken file is refused exactly as before.
 */
import { readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { ChunkedObjects } from '../../shared/snapshot/chunked-objects';

/** Below this a file is parsed whole: the lab's 0.7 MB takes a few milliseconds. */
export const SECTIONED_MIN_BYTES = 8 * 1024 * 1024;
/** An `objects` array at least this long is read in pieces. */
const LARGE_ARRAY_BYTES = 1024 * 1024;
/** About this many bytes per piece (a few thousand users): small beside the model, large enough that a parse call costs nothing. */
export const PIECE_BYTES = 1024 * 1024;

/** The sizes that decide what is read in pieces (the defaults above; tests make them small). */
export interface PieceSizes {
  readonly minBytes?: number;
  readonly pieceBytes?: number;
  readonly largeBytes?: number;
}

/** One large `objects` array: the offsets of its `[` and `]`, the commas where a piece ends, how many objects it holds. */
export interface LargeArray {
  readonly open: number;
  readonly close: number;
  readonly cuts: readonly number[];
  readonly count: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OBJECTS = Buffer.from('objects', 'latin1');

/** Offset of the quote closing the string opened at `at`; -1 when there is none. */
function stringEnd(b: Buffer, at: number): number {
  let from = at + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let k = q - 1;
    while (b[k] === BACKSLASH) k--;
    // An even run of backslashes before the quote escapes none of it.
    if ((q - 1 - k) % 2 === 0) return q;
    from = q + 1;
  }
}

/**
 * Where the large `objects` arrays are (root object → side object → section object → `"objects": [`),
 * and where each can be cut between two objects about every `pieceBytes`. Null when the brackets do not
 * balance or a string does not end: the whole parse then says what is wrong.
 */
export function scanLargeArrays(b: Buffer, pieceBytes = PIECE_BYTES, largeBytes = LARGE_ARRAY_BYTES): LargeArray[] | null {
  const out: LargeArray[] = [];
  const n = b.length;
  let depth = 0;
  // The three outer containers' brackets: a large array is taken only at root{ side{ section{ "objects": [.
  const outer = new Uint8Array(3);
  let lastKeyIsObjects = false;
  let open = -1;
  let lastCut = -1;
  let commas = 0;
  let hasValue = false;
  let cuts: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      const end = stringEnd(b, i);
      if (end < 0) return null;
      if (depth === 3) lastKeyIsObjects = end - i - 1 === OBJECTS.length && b.compare(OBJECTS, 0, OBJECTS.length, i + 1, end) === 0;
      else if (depth === 4 && open >= 0) hasValue = true;
      i = end;
      continue;
    }
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        if (depth < 3) outer[depth] = c;
        if (depth === 3 && c === 0x5b && lastKeyIsObjects && outer[0] === 0x7b && outer[1] === 0x7b && outer[2] === 0x7b) {
          open = i;
          lastCut = i;
          commas = 0;
          hasValue = false;
          cuts = [];
        } else if (depth === 4 && open >= 0) hasValue = true;
        depth++;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        depth--;
        if (depth < 0) return null;
        if (depth === 3 && open >= 0) {
          if (c !== 0x5d) return null;
          if (i - open >= largeBytes) out.push({ open, close: i, cuts, count: hasValue ? commas + 1 : 0 });
          open = -1;
        }
        break;
      case 0x2c: // ,
        if (depth === 4 && open >= 0) {
          commas++;
          if (i - lastCut >= pieceBytes) {
            cuts.push(i);
            lastCut = i;
          }
        }
        break;
      case 0x20:
      case 0x09:
      case 0x0a:
      case 0x0d:
        break;
      default:
        if (depth === 4 && open >= 0) hasValue = true;
    }
  }
  return depth === 0 ? out : null;
}

/** A piece or the text around the large arrays did not parse: the caller parses the whole file, whose error names the problem. */
class NotParsedInSections extends Error {}

function parsePiece(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotParsedInSections();
  }
}

/**
 * The file decoded by `decode` with its large `objects` arrays read in pieces; null when the file is small
 * (below SECTIONED_MIN_BYTES), of another shape, or does not parse: the caller then reads it whole.
 * `decode` is called once; the file stays open until it returns (or its promise settles) (a capture that replaces the
 * file meanwhile replaces another inode: the pieces still come from the file scanned).
 */
export async function decodeSnapshotFileInSections<T>(path: string, decode: (raw: unknown) => T | Promise<T>, sizes: PieceSizes = {}): Promise<T | null> {
  const file = await open(path, 'r');
  const reading = { open: true };
  try {
    const raw = await skeletonOf(file, sizes, reading);
    // Awaited: a staged load (snapshot-loader.ts) shows a partial org before the decode, the file still open.
    return raw === null ? null : await decode(raw);
  } catch (e) {
    if (e instanceof NotParsedInSections) return null;
    throw e;
  } finally {
    reading.open = false;
    await file.close();
  }
}

/** Whether the file is still open: its descriptor may name another file once it is closed. */
interface Reading {
  open: boolean;
}

/** The file parsed but its large arrays (each a ChunkedObjects reading from `file`); the file's bytes are let go on return. */
async function skeletonOf(file: FileHandle, sizes: PieceSizes, reading: Reading): Promise<unknown> {
  // One buffer of the file's size (FileHandle.readFile may hold the bytes twice while it gathers them).
  const { size } = await file.stat();
  if (size < (sizes.minBytes ?? SECTIONED_MIN_BYTES)) return null;
  const bytes = Buffer.allocUnsafeSlow(size);
  for (let at = 0; at < size;) {
    const { bytesRead } = await file.read(bytes, at, size - at, at);
    if (bytesRead === 0) return null;
    at += bytesRead;
  }
  const arrays = scanLargeArrays(bytes, sizes.pieceBytes, sizes.largeBytes);
  if (!arrays || arrays.length === 0) return null;
  // The text without the large arrays, each replaced by a string no snapshot holds (a NUL and a random tag).
  const tag = `\u0000umc-pieces-${randomBytes(8).toString('hex')}-`;
  const parts: string[] = [];
  let from = 0;
  arrays.forEach((a, k) => {
    parts.push(bytes.toString('utf8', from, a.open), JSON.stringify(tag + k));
    from = a.close + 1;
  });
  parts.push(bytes.toString('utf8', from, bytes.length));
  return parseSkeleton(parts.join(''), tag, arrays, file.fd, reading);
}

function parseSkeleton(text: string, tag: string, arrays: readonly LargeArray[], fd: number, reading: Reading): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(raw)) return null;
  for (const side of Object.values(raw)) {
    if (!isRecord(side)) continue;
    for (const section of Object.values(side)) {
      if (!isRecord(section) || typeof section.objects !== 'string' || !section.objects.startsWith(tag)) continue;
      const a = arrays[Number(section.objects.slice(tag.length))]!;
      section.objects = new ChunkedObjects(a.count, () => pieces(fd, a, reading));
    }
  }
  return raw;
}

/** The objects of one large array, a piece at a time, read back from the file. */
function* pieces(fd: number, a: LargeArray, reading: Reading): Generator<readonly unknown[]> {
  const bounds = [a.open, ...a.cuts, a.close];
  for (let k = 0; k + 1 < bounds.length; k++) {
    if (!reading.open) throw new Error('a large section of a snapshot is read only while its file is decoded (decodeSnapshotFileInSections)');
    const start = bounds[k]! + 1;
    const length = bounds[k + 1]! - start;
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, bytes, read, length - read, start + read);
      if (got === 0) throw new NotParsedInSections();
      read += got;
    }
    // Decoded as UTF-8 even when the piece is ASCII: Node makes a Latin-1 string of a megabyte an external one,
    // freed only by a full collection (measured: 20–25 MB more at the peak of the generated org's load).
    yield parsePiece(`[${bytes.toString('utf8')}]`) as unknown[];
  }
}
