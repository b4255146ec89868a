/**
 * mulberry32: a small seeded generator for tests (fuzzing, interleavings, generated workloads), so a
 * failing case replays from its seed. Never for anything that must be unpredictable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` cut into consecutive batches of random sizes between 1 and `largest`, in order. */
export function randomBatches<T>(items: readonly T[], random: () => number, largest: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = 1 + Math.floor(random() * largest);
    batches.push(items.slice(i, i + size));
    i += size;
  }
  return batches;
}
