/**
 * Deterministic ids. omicron's planner draws new ids from a seeded RNG in tests
 * (nexus/reconfigurator/planning/src/planner/rng.rs, `SledPlannerRng`) so that
 * expectorate outputs are stable; the console needs the same property everywhere because
 * `lib/` is pure: the same parent and the same edits must give the same child blueprint,
 * byte for byte, or plan hashes would drift. No Math.random, no crypto.
 */

/** Returns a fresh UUID (v4 layout) on every call; the sequence depends only on the seed. */
export type IdGenerator = () => string;

/** cyrb128: spreads an arbitrary string over four 32-bit words (public-domain string hash). */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32, a small fast PRNG with a 128-bit state; returns unsigned 32-bit words. */
export function createWordSource(seed: string): () => number {
  let [a, b, c, d] = hashSeed(seed);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, "0");
}

export function createIdGenerator(seed: string): IdGenerator {
  const next = createWordSource(seed);
  return () => {
    const w0 = hex8(next());
    const w1 = hex8(next());
    const w2 = hex8(next());
    const w3 = hex8(next());
    // Version nibble 4 and RFC 4122 variant bits, so the ids look like omicron's v4 uuids.
    const version = `4${w1.slice(5, 8)}`;
    const variant = ((parseInt(w2.slice(0, 1), 16) & 0x3) | 0x8).toString(16) + w2.slice(1, 4);
    return `${w0}-${w1.slice(0, 4)}-${version}-${variant}-${w2.slice(4, 8)}${w3}`;
  };
}

/** A deterministic choice helper over the same word source (used by the example generators). */
export interface SeededRandom {
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createSeededRandom(seed: string): SeededRandom {
  const next = createWordSource(seed);
  const int = (n: number): number => (n <= 0 ? 0 : next() % n);
  return {
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
  };
}
