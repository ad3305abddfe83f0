import { describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { makePlan } from "~/lib/plan/make-plan";
import { modePlan } from "~/lib/plan/mode-plan";
import { NEXUS_STEP_SLED } from "~/lib/plan/types";
import { stepTitle } from "./read-plan";

const S = "93c2a1b0-1111-4222-8333-444455556666";

describe("stepTitle: steps in words", () => {
  it("names the sled and what a request does, with its generation", () => {
    const base = { sledId: S, method: "PUT" as const, generation: 3 };
    expect(
      stepTitle({ ...base, id: `${S}/1-config`, kind: "request", path: "/omicron-config" }),
    ).toBe("sled 93c2a1b0…: apply config gen 3");
    expect(
      stepTitle({ ...base, id: `${S}/2-zones`, kind: "request", path: "/omicron-zones" }),
    ).toBe("sled 93c2a1b0…: set zones gen 3");
  });

  it("says what steps without a request do", () => {
    expect(
      stepTitle({
        id: `${S}/decommission`,
        sledId: S,
        kind: "decommission",
        dependsOn: [],
        purpose: "",
        realises: [],
      }),
    ).toBe("sled 93c2a1b0…: mark decommissioned");
    expect(
      stepTitle({
        id: "n/0",
        sledId: NEXUS_STEP_SLED,
        kind: "nexus",
        action: "check-target",
        generation: null,
      }),
    ).toBe("Nexus: check Nexus's target");
    expect(
      stepTitle({ id: "n/1", sledId: S, kind: "nexus", action: "watch-sled", generation: 4 }),
    ).toBe("sled 93c2a1b0…: watch its reconciliation to gen 4");
  });

  it("gives every step of real plans (both profiles, both modes) distinct words", () => {
    const parent = makeExampleRack({ sleds: 3, seed: "titles" });
    const target = structuredClone(parent);
    target.id = "ffffffff-0000-4000-8000-000000000000";
    target.parentId = parent.id;
    for (const sled of target.sleds) {
      const z = sled.zones.find((x) => x.zoneType.type === "crucible");
      if (z) z.disposition = "expunged";
      sled.generation += 1;
    }
    for (const profile of ["split", "reconciler"] as const) {
      const own = makePlan(parent, target, { order: "safe", profile });
      for (const plan of [own, modePlan(own, "nexus", target), modePlan(own, "direct", target)]) {
        const titles = plan.steps.map(stepTitle);
        expect(new Set(titles).size).toBe(titles.length);
        for (const t of titles) expect(t).toMatch(/^(sled [0-9a-f]{8}…|Nexus): [a-z]/);
        expect(titles.join("\n")).not.toMatch(/undefined|PUT \//);
      }
    }
  });
});
