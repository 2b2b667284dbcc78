/**
 * A snapshot as JSON text in pieces: the envelope, each section's head and each object on its own, so a
 * 100,000-user capture is written to disk without building one string of the whole file
 * (main/services/atomic-write.ts writeChunksAtomic; docs/large-orgs.md, "Capture").
 *
 * The pieces joined are exactly JSON.stringify(snapshot): a streamed file and a file written whole are
 * the same bytes, so every reader of snapshots reads both alike.
 *
 * Pure: no Node, no DOM.
 */

/** Containers above this depth are walked (envelope 0 → shell 1 → section 2 → objects 3); each object (4) is stringified whole. */
const WALK_DEPTH = 4;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth < WALK_DEPTH && Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (i > 0) yield ',';
      if (omitted(v)) yield 'null';
      else yield* pieces(v, depth + 1);
    }
    yield ']';
    return;
  }
  if (depth < WALK_DEPTH && isPlainObject(value)) {
    yield '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (omitted(v)) continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* pieces(v, depth + 1);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value);
}

/** The JSON text of a snapshot (or any JSON value) in pieces; joined, they equal JSON.stringify(value). */
export function snapshotJsonPieces(value: unknown): Iterable<string> {
  return pieces(value, 0);
}
