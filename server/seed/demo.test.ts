import { describe, expect, it } from "vitest";
import { callerFor } from "~/test/support/console-fixture";
import { listBlueprints } from "../repo/blueprints";
import { getPrisma } from "../db";
import { listSledAgents } from "../repo/sled-agents";
import { createCaller } from "../routers/_app";
import { DEMO_ACCOUNTS, demoBlueprint, demoProfiles, registerDemoAgents, seedDemo } from "./demo";

// The only test that uses the demo's fixed names (accounts, rack "demo", the example's ids).
describe("demo seed", () => {
  it("is idempotent: a second run changes nothing, and the accounts log in with the password", async () => {
    const first = await seedDemo("demo-pass-1");
    const example = demoBlueprint();
    expect(first.current.id).toBe(example.id);
    expect(first.accounts.map((a) => a.name)).toEqual(DEMO_ACCOUNTS.map((a) => a.name));

    const second = await seedDemo("demo-pass-1");
    expect(second.rackId).toBe(first.rackId);
    expect(second.createdRack).toBe(false);
    expect(second.accounts.every((a) => a.change === "unchanged")).toBe(true);
    expect(await listBlueprints(first.rackId)).toHaveLength(1);

    const login = await createCaller({}).auth.login({
      name: "ops-approver",
      password: "demo-pass-1",
    });
    expect(login.user.roles).toEqual(["operator", "approver"]);
  });

  it("takes a new DEMO_PASSWORD on the next run, and keeps a current blueprint an execution moved", async () => {
    const { rackId, current } = await seedDemo("demo-pass-1");
    const operator = (
      await createCaller({}).auth.login({ name: "operator", password: "demo-pass-1" })
    ).user;
    const zone = current.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
    if (!zone) throw new Error("no crucible zone");
    const child = await callerFor(operator).blueprint.createChild({
      parentId: current.id,
      edits: [{ kind: "expunge-zone", zoneId: zone.id }],
    });
    if (!child.ok) throw new Error(JSON.stringify(child));
    // What a succeeded execution does to the rack (server/repo/executions.ts finishSucceeded).
    await getPrisma().rack.update({
      where: { id: rackId, currentBlueprintId: current.id },
      data: { currentBlueprintId: child.blueprint.id },
    });

    const again = await seedDemo("demo-pass-2");
    expect(again.current.id).toBe(child.blueprint.id);
    expect(again.accounts.every((a) => a.change === "updated")).toBe(true);
    await expect(
      createCaller({}).auth.login({ name: "viewer", password: "demo-pass-1" }),
    ).rejects.toThrow("Wrong name or password.");
    expect(
      (await createCaller({}).auth.login({ name: "viewer", password: "demo-pass-2" })).user.name,
    ).toBe("viewer");
  });

  it("registers the simulated agents once, whatever the number of runs", async () => {
    const { rackId, current } = await seedDemo("demo-pass-2");
    const profiles = demoProfiles(current);
    const sleds = current.sleds.map((s, i) => ({
      id: s.id,
      url: `http://127.0.0.1:${13300 + i}`,
      profile: profiles[s.id] ?? "reconciler",
    }));
    await registerDemoAgents(rackId, sleds);
    await registerDemoAgents(rackId, sleds);
    const agents = await listSledAgents(rackId);
    expect(agents).toHaveLength(8);
    expect(agents.filter((a) => a.profile === "split")).toHaveLength(2);
  });
});
