/**
 * Fuzzing the import: ≥1,000 malformed and adversarial documents (testing/adversarial.ts).
 * parseBlueprint never throws; a refusal names a JSON path and says what is wrong; what it
 * accepts validates, diffs and (when valid) plans without throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffBlueprints } from "../diff/diff-blueprints";
import { makePlan } from "../plan/make-plan";
import { findHazards } from "../plan/replay";
import { toOmicronJson } from "./export";
import { parseBlueprint } from "./import";
import type { Blueprint } from "./model";
import {
  adversarialDocumentArb,
  arbitraryJsonArb,
  deepJsonText,
  wellFormedDocuments,
} from "./testing/adversarial";
import { validateBlueprint } from "./validate";

const base = (() => {
  const r = parseBlueprint(wellFormedDocuments()[0]?.doc);
  if (!r.ok) throw new Error("the well-formed example does not import"); // a bug in the fixture
  return r.blueprint;
})();

/** What the console does with an imported blueprint; none of it may throw on odd content. */
function useAccepted(bp: Blueprint): void {
  const findings = validateBlueprint(bp);
  for (const f of findings) expect(f.message).toMatch(/\S/);
  diffBlueprints(base, bp);
  toOmicronJson(bp);
  if (findings.some((f) => f.severity === "error")) return;
  for (const profile of ["reconciler", "split"] as const) {
    const plan = makePlan(base, bp, { profile });
    findHazards(plan, base, bp);
  }
}

function checkImport(input: unknown): void {
  const result = parseBlueprint(input);
  if (result.ok) {
    useAccepted(result.blueprint);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(typeof e.path).toBe("string");
    expect(e.path.length).toBeGreaterThan(0);
    expect(e.message).toMatch(/\S/);
    expect(e.message.length).toBeLessThan(2_000); // a huge input is described, not echoed
  }
}

describe("blueprint import under fuzzing", () => {
  it("never throws on mutated blueprints in every accepted layout (800 documents)", () => {
    fc.assert(fc.property(adversarialDocumentArb(), checkImport), { numRuns: 800 });
  }, 120_000);

  it("never throws on arbitrary JSON at the root (400 values)", () => {
    fc.assert(fc.property(arbitraryJsonArb, checkImport), { numRuns: 400 });
  }, 60_000);

  it("refuses documents nested 100,000 levels deep with a path, without overflowing the stack", () => {
    const docs = [
      deepJsonText(100_000),
      `{"id": "x", "sleds": ${deepJsonText(100_000)}}`,
      `[${deepJsonText(100_000)}]`,
    ];
    for (const text of docs) {
      const result = parseBlueprint(JSON.parse(text));
      expect(result.ok).toBe(false);
      checkImport(JSON.parse(text));
    }
  }, 60_000);
});
