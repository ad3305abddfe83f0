import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { validateBlueprint } from "../blueprint/validate";
import { changedItems, diffBlueprints } from "../diff/diff-blueprints";
import { deepFreeze } from "../diff/testing/brief-example";
import { makeMixedChange } from "./mixed-change";
import { makeEmptyRack, makeExampleRack } from "./rack";

function ok(result: ReturnType<typeof makeMixedChange>): Blueprint {
  if (!result.ok) throw new Error(result.error);
  return result.blueprint;
}

describe("makeMixedChange", () => {
  const parent = deepFreeze(makeExampleRack({ sleds: 32, seed: "bench" }));
  const target = ok(makeMixedChange(parent, 1));

  it("changes every sled of a 32-sled rack, once per sled generation", () => {
    const diff = diffBlueprints(parent, target);
    expect(diff.summary.sleds.modified).toBe(32);
    expect(
      target.sleds.every((s, i) => s.generation === (parent.sleds[i]?.generation ?? 0) + 1),
    ).toBe(true);
    expect(target.parentId).toBe(parent.id);
  });

  it("mixes removals, additions and in-place changes, and stays valid", () => {
    const { summary } = diffBlueprints(parent, target);
    expect(summary.zones.removed).toBeGreaterThan(0);
    expect(summary.zones.added).toBeGreaterThan(0);
    expect(summary.disks.removed).toBeGreaterThan(0);
    expect(summary.disks.added).toBe(summary.disks.removed);
    expect(summary.datasets.modified).toBeGreaterThan(0);
    expect(validateBlueprint(target)).toEqual([]);
  });

  it("never takes out NTP or control-plane zones", () => {
    const removedZones = changedItems(diffBlueprints(parent, target)).filter(
      (c) => c.kind === "zone" && c.status === "removed",
    );
    const types = new Set(
      removedZones.map(
        (c) => parent.sleds.flatMap((s) => s.zones).find((z) => z.id === c.id)?.zoneType.type,
      ),
    );
    expect([...types]).toEqual(["crucible"]);
  });

  it("is deterministic per seed, differs across seeds, and chains", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(), fc.nat(), (sleds, a, b) => {
        const rack = makeExampleRack({ sleds, seed: a });
        const first = ok(makeMixedChange(rack, a));
        expect(ok(makeMixedChange(rack, a))).toEqual(first);
        if (a !== b) expect(ok(makeMixedChange(rack, b)).id).not.toBe(first.id);
        expect(validateBlueprint(ok(makeMixedChange(first, b)))).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it("says so when a rack has nothing to change", () => {
    expect(makeMixedChange(makeEmptyRack({ sleds: 2 }), 1)).toEqual({
      ok: false,
      error: "no edits given",
    });
  });
});
