/**
 * mulberry32: a small, fast, seeded generator — the same seed gives the same sequence on every
 * machine, so a generated org is the same everywhere and a failing fuzz case is reproducible from
 * its seed. The one generator of the tests, the bench and the org builder.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
