import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./canonical-json";

/** JSON-ish values with the corners canonicalJson gives meaning to: undefined, -0, key order. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, "", "a", "1"),
    fc.integer({ min: -3, max: 3 }),
    fc.string({ maxLength: 3 }),
  ),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom("a", "b", "c", "__proto__x"), tie("node"), { maxKeys: 3 }),
})).node;

/** Shuffles object keys, so equal content in another key order is exercised. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reordered(x)]),
  );
}

describe("sameJson", () => {
  it("agrees with comparing canonicalJson strings", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameJson(a, reordered(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("ignores undefined members and treats -0 as 0, as the canonical form does", () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson({ a: -0 }, { a: 0 })).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson({}, [])).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
  });

  it("throws on a non-finite number, as canonicalJson does (a bug, never user input)", () => {
    expect(() => sameJson({ a: Number.NaN }, { a: 1 })).toThrow(/non-finite/);
  });
});
