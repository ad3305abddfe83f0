import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonEqual } from "./fields";

/** jsonEqual as it was before it stopped building a key set per object (the reference). */
function jsonEqualReference(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqualReference(item, b[i]));
  }
  const plain = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!plain(a) || !plain(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!jsonEqualReference(a[key], b[key])) return false;
  return true;
}

const value = fc.letrec((tie) => ({
  leaf: fc.constantFrom(null, undefined, true, false, 0, -0, 1, "", "a"),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom("a", "b", "constructor", "toString"), tie("node"), {
    maxKeys: 3,
  }),
})).node;

describe("jsonEqual", () => {
  it("agrees with the key-set implementation", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(jsonEqualReference(a, b));
        expect(jsonEqual(a, structuredClone(a))).toBe(jsonEqualReference(a, structuredClone(a)));
      }),
      { numRuns: 3000 },
    );
  });
});
