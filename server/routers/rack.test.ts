import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toOmicronJson } from "~/lib/blueprint/export";
import type { Blueprint } from "~/lib/blueprint/model";
import { makeExampleRack } from "~/lib/examples/rack";
import { inServiceWireItems, zonesBody } from "~/lib/wire/bodies";
import { callerFor, makeRack, makeUser, unique } from "~/test/support/console-fixture";
import { createSledAgentClient } from "../sled-agent/client";
import { startSimulatedRack, type SimulatedRack } from "~/sim/rack";

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? { code: e.code, message: e.message } : e),
  );

let sim: SimulatedRack;
let example: Blueprint;
let rackId: string;
let operator: Awaited<ReturnType<typeof makeUser>>;
let splitSled: string;
let reconcilerSled: string;

beforeAll(async () => {
  operator = await makeUser("rack-op", ["operator"]);
  rackId = await makeRack();
  example = makeExampleRack({ sleds: 2, seed: unique("inventory") });
  const [a, b] = example.sleds.map((s) => s.id);
  if (!a || !b) throw new Error("expected two sleds");
  [splitSled, reconcilerSled] = [a, b];
  const imported = await callerFor(operator).blueprint.import({
    rackId,
    json: toOmicronJson(example),
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  sim = await startSimulatedRack({
    blueprint: example,
    profile: { [a]: "split", [b]: "reconciler" },
    reconcileMs: 20,
    adminPort: null,
  });
  for (const s of sim.sleds)
    await callerFor(operator).rack.setSledAgent({
      rackId,
      sledId: s.id,
      address: s.url,
      profile: s.profile,
    });
});

afterAll(async () => {
  await sim.stop();
});

describe("rack procedures", () => {
  it("lists racks and shows one with its current blueprint and sled agents", async () => {
    const caller = callerFor(operator);
    expect((await caller.rack.list()).find((r) => r.id === rackId)).toMatchObject({
      currentBlueprintId: example.id,
      sledAgentCount: 2,
      blueprintCount: 1,
    });
    const rack = await caller.rack.byId({ rackId });
    expect(rack.sledAgents.map((a) => [a.sledId, a.profile])).toEqual(
      [
        [splitSled, "split"],
        [reconcilerSled, "reconciler"],
      ].sort(),
    );
  });

  it("setSledAgent refuses non-http addresses, sleds of other racks, and viewers", async () => {
    const caller = callerFor(operator);
    const bad = await errorOf(
      caller.rack.setSledAgent({
        rackId,
        sledId: splitSled,
        address: "ftp://127.0.0.1:1",
        profile: "split",
      }),
    );
    expect(bad).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("http://") });
    const stranger = "12345678-1234-4234-8234-123456789abc";
    expect(
      await errorOf(
        caller.rack.setSledAgent({
          rackId,
          sledId: stranger,
          address: "http://127.0.0.1:1",
          profile: "split",
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("is not in rack"),
    });
    const otherRack = await makeRack("other");
    expect(
      await errorOf(
        caller.rack.setSledAgent({
          rackId: otherRack,
          sledId: splitSled,
          address: "http://127.0.0.1:1",
          profile: "split",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    const viewer = await makeUser("rack-viewer", ["viewer"]);
    expect(
      await errorOf(
        callerFor(viewer).rack.setSledAgent({
          rackId,
          sledId: splitSled,
          address: "http://127.0.0.1:1",
          profile: "split",
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("inventory: every agent reachable, ledgered generations read, no drift against the blueprint it was started from", async () => {
    const inv = await callerFor(operator).rack.inventory({ rackId });
    expect(inv.currentBlueprintId).toBe(example.id);
    expect(inv.sleds.map((s) => [s.sledId, s.reachable, s.drift?.inSync])).toEqual(
      [
        [splitSled, true, true],
        [reconcilerSled, true, true],
      ].sort(),
    );
    const split = inv.sleds.find((s) => s.sledId === splitSled);
    expect(Object.keys(split?.generations ?? {}).sort()).toEqual(["datasets", "disks", "zones"]);
    const reconciler = inv.sleds.find((s) => s.sledId === reconcilerSled);
    expect(reconciler?.reconciler).toMatchObject({
      status: "idle",
      lastReconciledGeneration: reconciler?.generations.config,
    });
  });

  it("inventory says which items a reconciler sled fails to reconcile, since its last pass, and when it recovers", async () => {
    const sled = example.sleds.find((s) => s.id === reconcilerSled);
    const zone = sled?.zones.find((z) => z.disposition === "in_service")?.id;
    if (!zone) throw new Error("no zone on the reconciler sled");
    const view = async () =>
      (await callerFor(operator).rack.inventory({ rackId })).sleds.find(
        (s) => s.sledId === reconcilerSled,
      )?.reconciler?.view;
    const until = async (state: string) => {
      for (let i = 0; i < 100; i++) {
        const v = await view();
        if (v?.state === state) return v;
        await new Promise((r) => setTimeout(r, 50));
      }
      return view();
    };
    expect(sim.control.setReconcileErrors(reconcilerSled, { [zone]: "zone root full" }).ok).toBe(
      true,
    );
    await sim.control.whenReconciled();
    const failing = await until("failing");
    expect(failing).toMatchObject({
      state: "failing",
      failing: [`zone ${zone}: zone root full`],
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(sim.control.setReconcileErrors(reconcilerSled, {}).ok).toBe(true);
    await sim.control.whenReconciled();
    expect(await until("reconciled")).toMatchObject({ state: "reconciled", failing: [] });
  });

  it("inventory shows drift (a zone stopped behind the console's back) and an unreachable agent", async () => {
    const sled = example.sleds.find((s) => s.id === splitSled);
    const url = sim.sleds.find((s) => s.id === splitSled)?.url;
    if (!sled || !url) throw new Error("no split sled");
    const zones = inServiceWireItems(sled, "split").zones;
    const [stopped, ...kept] = zones;
    const client = createSledAgentClient({ baseUrl: url });
    const put = await client.putZones(
      zonesBody((sled.splitGenerations?.zones ?? sled.generation) + 1, kept),
    );
    client.close();
    expect(put.ok).toBe(true);
    await sim.control.refuse(reconcilerSled);

    const inv = await callerFor(operator).rack.inventory({ rackId });
    const split = inv.sleds.find((s) => s.sledId === splitSled);
    expect(split?.drift?.missing).toEqual([
      { kind: "zone", id: stopped?.id, label: expect.stringMatching(/^zone /) },
    ]);
    expect(split?.drift?.generations).toEqual([
      { ledger: "zones", expected: expect.any(Number), observed: expect.any(Number) },
    ]);
    const down = inv.sleds.find((s) => s.sledId === reconcilerSled);
    expect(down).toMatchObject({
      reachable: false,
      drift: null,
      error: expect.stringMatching(/^GET \/inventory: /),
    });
    await sim.control.accept(reconcilerSled);
  });
});

describe("rack.create", () => {
  it("creates an empty rack for operators, refuses a taken name and non-operators", async () => {
    const name = unique("new-rack");
    const op = callerFor(operator);
    const rack = await op.rack.create({ name });
    expect(rack).toMatchObject({
      name,
      currentBlueprintId: null,
      sledAgentCount: 0,
      blueprintCount: 0,
    });
    expect(await errorOf(op.rack.create({ name }))).toMatchObject({ code: "CONFLICT" });
    expect(await errorOf(op.rack.create({ name: "no spaces allowed" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const viewer = await makeUser("rack-viewer", ["viewer"]);
    expect(await errorOf(callerFor(viewer).rack.create({ name: unique("v") }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await op.rack.list()).filter((r) => r.name === name)).toHaveLength(1);
  });
});
