import { describe, expect, it } from "vitest";
import { applyEdits } from "../../lib/edits/apply";
import { makeExampleRack } from "../../lib/examples/rack";
import { estimatePlan } from "../../lib/plan/estimate";
import { makePlan } from "../../lib/plan/make-plan";
import { planGrid } from "./plan-grid";

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
    expect(grid.waves[0]?.get(first)?.map((s) => s.path)).toEqual(["/omicron-zones"]);
    expect(grid.waves[1]?.get(first)?.map((s) => s.path)).toEqual(["/datasets"]);
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
