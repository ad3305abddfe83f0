/**
 * Properties of the edits over generated racks and every edit the rack admits: inputs are
 * never mutated, the diff reports exactly the edited items (checked against an independent
 * oracle), only the edited sled's generation moves, and the child is still a valid
 * blueprint (lib/blueprint/validate.ts reports nothing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { validateBlueprint } from "../blueprint/validate";
import { changedItems, diffBlueprints } from "../diff/diff-blueprints";
import { deepFreeze } from "../diff/testing/brief-example";
import { makeExampleRack } from "../examples/rack";
import { applyEdits } from "./apply";
import { candidateEdits, expectedChanges, sledOfEdit } from "./testing/oracle";
import type { Edit } from "./types";

const racks = new Map<string, Blueprint>();
/** Small racks, memoised: generation is deterministic, so sharing them is safe. */
function rack(sleds: number, seed: number): Blueprint {
  const key = `${sleds}/${seed}`;
  let bp = racks.get(key);
  if (!bp) racks.set(key, (bp = deepFreeze(makeExampleRack({ sleds, seed }))));
  return bp;
}

/**
 * A generated rack, optionally already edited once (so expunged items are around), and one
 * of the edits it admits.
 */
const rackAndEdit = fc
  .record({
    sleds: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 5 }),
    first: fc.option(fc.nat()),
    pick: fc.nat(),
  })
  .map(({ sleds, seed, first, pick }) => {
    let parent = rack(sleds, seed);
    if (first !== null) {
      const edits = candidateEdits(parent);
      // A generated rack always has candidates, so the index is in range.
      const result = applyEdits(parent, [edits[first % edits.length] as Edit]);
      if (result.ok) parent = deepFreeze(result.blueprint);
    }
    const edits = candidateEdits(parent);
    return { parent, edit: edits[pick % edits.length] as Edit }; // a generated rack always has candidates
  });

describe("edit properties", () => {
  it("never mutate the parent, and report exactly the edited items", () => {
    fc.assert(
      fc.property(rackAndEdit, ({ parent, edit }) => {
        const before = JSON.stringify(parent);
        const result = applyEdits(parent, [edit]);
        expect(JSON.stringify(parent)).toBe(before);
        if (!result.ok) return;
        const changed = changedItems(diffBlueprints(parent, result.blueprint));
        const expected = expectedChanges(parent, edit);
        if (expected) {
          expect(changed.map((c) => `${c.status} ${c.id}`).sort()).toEqual(expected);
        } else {
          const parentIds = new Set(
            parent.sleds.flatMap((s) => [...s.disks, ...s.datasets, ...s.zones].map((i) => i.id)),
          );
          expect(changed.every((c) => c.status === "added" && !parentIds.has(c.id))).toBe(true);
          expect(changed.length).toBeGreaterThanOrEqual(edit.kind === "add-disk" ? 3 : 2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("bump only the edited sled's generation, by one, and keep the blueprint valid", () => {
    fc.assert(
      fc.property(rackAndEdit, ({ parent, edit }) => {
        const result = applyEdits(parent, [edit]);
        if (!result.ok) return;
        const child = result.blueprint;
        const edited = sledOfEdit(parent, edit);
        for (const sled of child.sleds) {
          const old = parent.sleds.find((s) => s.id === sled.id);
          expect(sled.generation).toBe((old?.generation ?? 0) + (sled.id === edited ? 1 : 0));
        }
        expect(child.parentId).toBe(parent.id);
        expect(validateBlueprint(child)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("refuse, rather than throw, whatever is asked of them", () => {
    const anyEdit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant("expunge-zone" as const), zoneId: fc.string() }),
      fc.record({ kind: fc.constant("expunge-disk" as const), diskId: fc.string() }),
      fc.record({ kind: fc.constant("expunge-sled" as const), sledId: fc.string() }),
      fc.record({
        kind: fc.constant("add-zone" as const),
        sledId: fc.string(),
        zoneType: fc.string(),
        pool: fc.string(),
      }),
      fc.record({
        kind: fc.constant("set-dataset-quota" as const),
        datasetId: fc.string(),
        quota: fc.option(fc.integer()),
      }),
    );
    fc.assert(
      fc.property(fc.array(anyEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        const result = applyEdits(rack(1, 0), edits);
        expect(result.ok ? "ok" : typeof result.error).toMatch(/^(ok|string)$/);
      }),
    );
  });
});

describe("diff properties", () => {
  it("a blueprint diffed against itself has no changes", () => {
    fc.assert(
      fc.property(rackAndEdit, ({ parent, edit }) => {
        const result = applyEdits(parent, [edit]);
        const bp = result.ok ? result.blueprint : parent;
        const diff = diffBlueprints(bp, bp);
        expect(diff.summary.hasChanges).toBe(false);
        expect(changedItems(diff)).toEqual([]);
        expect(diff.sleds.every((s) => s.changes.length === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
