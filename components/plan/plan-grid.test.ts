import { describe, expect, it } from "vitest";
import { applyEdits } from "~/lib/edits/apply";
import { makeExampleRack } from "~/lib/examples/rack";
import { estimatePlan } from "~/lib/plan/estimate";
import { makePlan } from "~/lib/plan/make-plan";
import { noRequestNote, planGrid, stepCounts } from "./plan-grid";

const rack = makeExampleRack({ sleds: 3 });
const zones = rack.sleds
  .slice(0, 2)
  .map((s) => s.zones.find((z) => z.zoneType.type === "crucible")?.id ?? "");
const child = applyEdits(
  rack,
  zones.map((zoneId) => ({ kind: "expunge-zone" as const, zoneId })),
);
if (!child.ok) throw new Error(child.error);

describe("planGrid", () => {
  it("puts each sled's steps in its column, one row per wave", () => {
    const plan = makePlan(rack, child.blueprint, { profile: "split" });
    const grid = planGrid(plan, estimatePlan(plan));
    expect(grid.sleds.map((s) => s.sledId)).toEqual([rack.sleds[0]?.id, rack.sleds[1]?.id]);
    expect(grid.idle.map((s) => s.sledId)).toEqual([rack.sleds[2]?.id]);
    expect(grid.waves).toHaveLength(2);
    const first = grid.sleds[0]?.sledId ?? "";
    expect(grid.waves[0]?.get(first)?.map((s) => (s.kind === "request" ? s.path : s.kind))).toEqual(
      ["/omicron-zones"],
    );
    expect(grid.waves[1]?.get(first)?.map((s) => (s.kind === "request" ? s.path : s.kind))).toEqual(
      ["/datasets"],
    );
    expect(grid.critical.size).toBe(2);
  });

  it("keeps each sled's profile", () => {
    const plan = makePlan(rack, child.blueprint, {
      profile: { [rack.sleds[0]?.id ?? ""]: "split" },
    });
    const grid = planGrid(plan, estimatePlan(plan));
    expect(grid.sleds.map((s) => s.profile)).toEqual(["split", "reconciler"]);
    expect(grid.waves).toHaveLength(2);
  });
});

describe("what happens besides requests", () => {
  const gone = rack.sleds[2]!.id;
  const expunged = applyEdits(rack, [{ kind: "expunge-sled", sledId: gone }]);
  if (!expunged.ok) throw new Error(expunged.error);

  it("an expunged sled: no request to any sled agent, the sled marked decommissioned", () => {
    const plan = makePlan(rack, expunged.blueprint, { profile: "split" });
    const grid = planGrid(plan, estimatePlan(plan));
    expect(grid.sleds.map((s) => s.sledId)).toEqual([gone]);
    expect(stepCounts(plan)).toEqual({
      requests: 0,
      requestSleds: 0,
      decommissions: 1,
      nexusSteps: 0,
      watchedSleds: 0,
    });
    const note = noRequestNote(plan);
    expect(note).toBe(
      `No request to any sled agent; sled ${gone.slice(0, 8)}… will be marked decommissioned (the console stops reading its agent).`,
    );
    expect(note).not.toContain("already hold the target");
  });

  it("with requests to other sleds: the sled is marked once they have succeeded", () => {
    const both = applyEdits(rack, [
      { kind: "expunge-sled", sledId: gone },
      { kind: "expunge-zone", zoneId: zones[0]! },
    ]);
    if (!both.ok) throw new Error(both.error);
    const plan = makePlan(rack, both.blueprint, { profile: "split" });
    expect(stepCounts(plan)).toEqual({
      requests: 2,
      requestSleds: 1,
      decommissions: 1,
      nexusSteps: 0,
      watchedSleds: 0,
    });
    expect(noRequestNote(plan)).toMatch(
      /^After every request has succeeded, sled .* decommissioned/,
    );
  });

  it("no step at all: executing it only moves the current blueprint; plain requests: nothing", () => {
    const same = makePlan(rack, { ...rack, id: "copy", parentId: rack.id });
    expect(noRequestNote(same)).toContain("only makes the target the rack's current blueprint");
    expect(noRequestNote(makePlan(rack, child.blueprint))).toBeNull();
  });
});
