import { describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { expungeZone } from "~/lib/edits/apply";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph";
import { itemChanges } from "~/lib/graph/item-changes";
import { makePlan } from "~/lib/plan/make-plan";
import { findHazards } from "~/lib/plan/replay";
import { failingItems, hazardsByStep } from "./failing-items";

describe("failingItems", () => {
  it("marks every item a failing step realises, with the reasons once each", () => {
    const steps = [
      { id: "s/1-datasets", realises: ["dataset:a", "dataset:b"] },
      { id: "s/2-zones", realises: ["zone:z"] },
    ];
    const hazards = [
      { stepId: "s/1-datasets", sledId: "s", rule: "dataset-in-use" as const, message: "a in use" },
      { stepId: "s/1-datasets", sledId: "s", rule: "dataset-in-use" as const, message: "b in use" },
      { stepId: "s/1-datasets", sledId: "s", rule: "dataset-in-use" as const, message: "b in use" },
    ];
    expect(failingItems(steps, hazards)).toEqual(
      new Map([
        ["dataset:a", ["a in use", "b in use"]],
        ["dataset:b", ["a in use", "b in use"]],
      ]),
    );
    expect(hazardsByStep(hazards).get("s/1-datasets")).toHaveLength(3);
    expect(failingItems(steps, [])).toEqual(new Map());
  });

  it("tells the #7309 story for a crucible expunge: phased marks the datasets, safe marks nothing", () => {
    const rack = makeExampleRack({ sleds: 1 });
    const zone = rack.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
    if (!zone) throw new Error("the example sled has crucible zones");
    const child = expungeZone(rack, zone.id);
    if (!child.ok) throw new Error(child.error);
    const graphKeys = new Set(
      buildDependencyGraph(itemChanges(rack, child.blueprint)).nodes.map((n) => n.key),
    );
    const failingFor = (order: "safe" | "phased") => {
      const plan = makePlan(rack, child.blueprint, { order, profile: "split" });
      return failingItems(plan.steps, findHazards(plan, rack, child.blueprint));
    };
    expect(failingFor("safe").size).toBe(0);
    const phased = failingFor("phased");
    expect([...phased.keys()].every((k) => k.startsWith("dataset:") && graphKeys.has(k))).toBe(
      true,
    );
    expect(phased.size).toBe(2);
  });
});
