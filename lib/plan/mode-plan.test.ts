import { describe, expect, it } from "vitest";
import { applyEdits } from "../edits/apply";
import { makeExampleRack } from "../examples/rack";
import { sledsNeedingAgent } from "./agents";
import { makePlan } from "./make-plan";
import { modePlan, nexusModeRefusal } from "./mode-plan";
import { isRequestStep, NEXUS_STEP_SLED } from "./types";

const rack = makeExampleRack({ sleds: 3, seed: "mode-plan" });
const [a, b, c] = rack.sleds;
const crucible = (i: number) =>
  rack.sleds[i]?.zones.find((z) => z.zoneType.type === "crucible")?.id ?? "";
const child = applyEdits(rack, [
  { kind: "expunge-zone", zoneId: crucible(0) },
  { kind: "expunge-zone", zoneId: crucible(1) },
  { kind: "expunge-sled", sledId: c?.id ?? "" },
]);
if (!child.ok) throw new Error(child.error);
const target = child.blueprint;
const own = makePlan(rack, target, { profile: "reconciler" });

describe("modePlan", () => {
  it("nexus: check → set target → a watch per sled the own plan sends to → decommissions; no request", () => {
    const plan = modePlan(own, "nexus", target);
    expect(plan.mode).toBe("nexus");
    expect(plan.steps.filter(isRequestStep)).toEqual([]);
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ["nexus/check-target", []],
      ["nexus/set-target", ["nexus/check-target"]],
      [`${a?.id}/watch`, ["nexus/set-target"]],
      [`${b?.id}/watch`, ["nexus/set-target"]],
      [`${c?.id}/decommission`, [`${a?.id}/watch`, `${b?.id}/watch`]],
    ]);
    const watch = plan.steps[2];
    expect(watch).toMatchObject({
      kind: "nexus",
      action: "watch-sled",
      generation: target.sleds.find((s) => s.id === a?.id)?.generation,
    });
    // the watch realises what the sled's requests would have
    expect(watch?.realises).toEqual(
      own.steps.filter((s) => s.sledId === a?.id).flatMap((s) => s.realises),
    );
    expect(plan.sleds.find((s) => s.sledId === a?.id)?.stepIds).toEqual([`${a?.id}/watch`]);
    // the watched sleds need an agent (their inventory is read); Nexus's own steps are no sled's
    expect(sledsNeedingAgent(plan, []).map((m) => m.sledId)).toEqual(
      [a?.id, b?.id].sort() as string[],
    );
  });

  it("direct: check → disable → the own plan's steps → hand back after every one", () => {
    const plan = modePlan(own, "direct", target);
    expect(plan.mode).toBe("direct");
    const ids = plan.steps.map((s) => s.id);
    expect(ids[0]).toBe("nexus/check-target");
    expect(ids[1]).toBe("nexus/disable-execution");
    expect(ids.at(-1)).toBe("nexus/hand-back");
    expect(plan.steps.filter(isRequestStep)).toEqual(
      own.steps
        .filter(isRequestStep)
        .map((s) => ({ ...s, dependsOn: ["nexus/disable-execution"] })),
    );
    expect(plan.steps.at(-1)?.dependsOn).toEqual(own.steps.map((s) => s.id));
    expect(plan.steps.filter((s) => s.sledId === NEXUS_STEP_SLED)).toHaveLength(3);
  });

  it("refuses nexus mode for split-API sleds, naming them", () => {
    const split = makePlan(rack, target, { profile: { [a?.id ?? ""]: "split" } });
    expect(nexusModeRefusal(split)).toMatch(
      new RegExp(`sled ${a?.id} speaks it: request this change in direct mode`),
    );
    expect(nexusModeRefusal(own)).toBeNull();
  });
});
