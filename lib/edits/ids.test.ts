import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIdGenerator, createSeededRandom, createWordSource } from "./ids";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("createIdGenerator", () => {
  it("yields v4-shaped uuids, the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const a = createIdGenerator(seed);
        const b = createIdGenerator(seed);
        const first = [a(), a(), a()];
        expect([b(), b(), b()]).toEqual(first);
        expect(first.every((id) => UUID_V4.test(id))).toBe(true);
      }),
    );
  });

  it("does not repeat within a long sequence nor across nearby seeds", () => {
    const seen = new Set<string>();
    for (const seed of ["rack/sled/0", "rack/sled/1", "rack/sled/10", "rack/items"]) {
      const next = createIdGenerator(seed);
      for (let i = 0; i < 20_000; i++) seen.add(next());
    }
    expect(seen.size).toBe(80_000);
  });

  it("is pinned: ids generated today stay the ids generated tomorrow", () => {
    // Changing the generator changes every example rack and plan hash; do it on purpose only.
    const next = createIdGenerator("blueprint-console");
    expect([next(), next()]).toMatchInlineSnapshot(`
      [
        "22f7ef29-1b66-4499-9820-0bf343f6c022",
        "30bc0e60-5666-4449-86b9-e784e90a02bd",
      ]
    `);
  });
});

describe("createSeededRandom", () => {
  it("draws integers in range and picks from lists, deterministically", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const a = createSeededRandom(seed);
        const b = createSeededRandom(seed);
        const draws = Array.from({ length: 20 }, () => a.int(n));
        expect(draws.every((x) => x >= 0 && x < n && Number.isInteger(x))).toBe(true);
        expect(Array.from({ length: 20 }, () => b.int(n))).toEqual(draws);
      }),
    );
    expect(createSeededRandom("x").int(0)).toBe(0);
    expect(["a", "b", "c"]).toContain(createSeededRandom("x").pick(["a", "b", "c"]));
  });

  it("spreads its words over the whole 32-bit range", () => {
    const next = createWordSource("spread");
    const words = Array.from({ length: 4096 }, () => next());
    const high = words.filter((w) => w >= 2 ** 31).length;
    expect(high).toBeGreaterThan(1800);
    expect(high).toBeLessThan(2300);
  });
});
