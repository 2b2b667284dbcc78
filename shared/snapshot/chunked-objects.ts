/**
 * A section's `objects` read piece by piece: the 100,000-user sections of a large snapshot are
 * about 36 MB of JSON each, and holding the whole file's text beside the whole parsed tree and the
 * model cost more memory than the model itself (docs/large-orgs.md, "Load and check"). The file
 * reader (main/services/snapshot-sections.ts) hands the decoder one of these in place of the array;
 * each piece is parsed when the decoder reaches it and dropped after, so at most one piece of raw
 * objects is alive at a time. Pure: how a piece is read is the reader's.
 */
export class ChunkedObjects {
  /**
   * `count`: how many objects the section holds (known from the reader's scan);
   * `pieces`: yields the objects in order, a slice at a time (each call starts again from the first).
   */
  constructor(
    readonly count: number,
    private readonly pieces: () => Iterable<readonly unknown[]>,
  ) {}

  chunks(): Iterable<readonly unknown[]> {
    return this.pieces();
  }

  /** Every object in one array (what a caller that needs them all at once gets; the decoder never asks). */
  toArray(): unknown[] {
    const out: unknown[] = [];
    for (const piece of this.pieces()) for (const o of piece) out.push(o);
    return out;
  }
}
