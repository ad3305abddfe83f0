/** The JSON column readers: what the console wrote comes back typed; a corrupt row fails loudly. */
import { describe, expect, it } from "vitest";
import { expungeOneCruciblePerSled } from "~/test/support/executor-fixture";
import { applyEdits } from "~/lib/edits/apply";
import { makeExampleRack } from "~/lib/examples/rack";
import { makePlan } from "~/lib/plan/make-plan";
import { readBlueprint, readIssues, readLedgers, readPlan } from "./json";

const rack = makeExampleRack({ sleds: 2, seed: "json-readers" });
const edited = applyEdits(rack, expungeOneCruciblePerSled(rack));
if (!edited.ok) throw new Error(edited.error);
const plan = makePlan(rack, edited.blueprint, { profile: "split" });
/** As a JSON column gives it back. */
const stored = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe("JSON column readers", () => {
  it("read back what the console wrote", () => {
    expect(readPlan(stored(plan), "e1")).toEqual(plan);
    expect(readBlueprint(stored(rack), rack.id)).toEqual(rack);
    expect(readLedgers(null, "s1")).toBeNull();
    expect(readLedgers({ disks: 2, datasets: 3, zones: 4, config: 5 }, "s1")).toEqual({
      disks: 2,
      datasets: 3,
      zones: 4,
      config: 5,
    });
    expect(readIssues([{ path: "sleds", message: "unknown" }], "b1")).toHaveLength(1);
  });

  it("throw on a corrupt row, naming it", () => {
    const noSteps = { ...(stored(plan) as object), steps: undefined };
    expect(() => readPlan(noSteps, "e1")).toThrow("corrupt plan of execution e1");
    const badStep = { ...plan, steps: [{ ...plan.steps[0], dependsOn: "x" }] };
    expect(() => readPlan(stored(badStep), "e1")).toThrow("corrupt plan of execution e1");
    expect(() => readBlueprint({ id: rack.id, parentId: null, sleds: [{}] }, "b1")).toThrow(
      "corrupt model of blueprint b1",
    );
    expect(() => readLedgers({ disks: 1 }, "s1")).toThrow(
      "corrupt ledgered generations of sled s1",
    );
    expect(() => readIssues([{ path: 1 }], "b1")).toThrow("corrupt issues of raw blueprint b1");
  });
});
