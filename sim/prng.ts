/**
 * A small seedable PRNG (mulberry32) so fault injection is repeatable: the same seed and the
 * same sequence of requests to a sled give the same faults. Each sled gets its own stream
 * (seed + sled id), so concurrency across sleds does not change any one sled's sequence.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the seed and a salt: a 32-bit seed per stream. */
export function streamSeed(seed: number | string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${salt}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function randomStream(seed: number | string, salt: string): Random {
  return mulberry32(streamSeed(seed, salt));
}
