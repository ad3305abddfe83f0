import { describe, expect, it } from "vitest";
import { makeExampleRack } from "../examples/rack";
import { applyEdits } from "../edits/apply";
import { missingAgentMessage, sledsNeedingAgent } from "./agents";
import { makePlan } from "./make-plan";

const rack = makeExampleRack({ sleds: 2, seed: "agents" });
const [a, b] = [rack.sleds[0]!.id, rack.sleds[1]!.id];

function planOf(edits: Parameters<typeof applyEdits>[1]) {
  const r = applyEdits(rack, edits);
  if (!r.ok) throw new Error(r.error);
  return makePlan(rack, r.blueprint);
}

describe("sleds that need a sled agent", () => {
  const crucible = (sledId: string) =>
    rack.sleds.find((s) => s.id === sledId)!.zones.find((z) => z.zoneType.type === "crucible")!;
  const both = planOf([
    { kind: "expunge-zone", zoneId: crucible(a).id },
    { kind: "expunge-zone", zoneId: crucible(b).id },
  ]);

  it("every sled the plan sends a request to, without an agent or with a decommissioned one", () => {
    expect(sledsNeedingAgent(both, [{ sledId: a }, { sledId: b }])).toEqual([]);
    expect(sledsNeedingAgent(both, [{ sledId: a }])).toEqual([{ sledId: b, reason: "none" }]);
    expect(
      sledsNeedingAgent(both, [{ sledId: a, decommissionedAt: "2026-12-01T00:00:00Z" }]),
    ).toEqual([
      { sledId: a, reason: "decommissioned" },
      { sledId: b, reason: "none" },
    ]);
  });

  it("never a sled that only leaves the rack", () => {
    expect(sledsNeedingAgent(planOf([{ kind: "expunge-sled", sledId: a }]), [])).toEqual([]);
  });

  it("says which sleds (short and full ids) and how to register an agent", () => {
    const one = missingAgentMessage([{ sledId: b, reason: "none" }]);
    expect(one).toContain(`sled ${b.slice(0, 8)}… (${b}) has none`);
    expect(one).toContain("rack.setSledAgent({rackId, sledId, address, profile})");
    expect(one).toContain("on the rack page");
    const two = missingAgentMessage([
      { sledId: a, reason: "decommissioned" },
      { sledId: b, reason: "none" },
    ]);
    expect(two).toContain(
      `2 sleds have none: ${a.slice(0, 8)}… (${a}, its agent was decommissioned)`,
    );
  });
});
