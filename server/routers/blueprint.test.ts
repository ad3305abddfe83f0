import { describe, expect, it } from "vitest";
import { requestSteps } from "~/lib/plan/types";
import {
  callerFor,
  crucibleZone,
  errorCode as errorOf,
  exampleRack,
  makeUser,
} from "~/test/support/console-fixture";
import { listAudit } from "../repo/audit";
import { upsertSledAgent } from "../repo/sled-agents";

describe("blueprint.createChild, list, diff", () => {
  it("stores a child that expunges a crucible zone; the history lists both, the diff shows the expunge", async () => {
    const { caller, rackId, example, operator } = await exampleRack();
    const { zoneId } = crucibleZone(example);
    const child = await caller.blueprint.createChild({
      parentId: example.id,
      edits: [{ kind: "expunge-zone", zoneId }],
      comment: "retire a crucible",
    });
    if (!child.ok) throw new Error(JSON.stringify(child));
    expect(child.blueprint).toMatchObject({
      parentId: example.id,
      source: "edit",
      creator: operator.name,
      comment: "retire a crucible",
      isCurrent: false,
    });
    const history = await caller.blueprint.list({ rackId });
    const parentCounts = history.find((b) => b.id === example.id)?.counts;
    expect(child.blueprint.counts).toEqual({
      ...parentCounts,
      zones: (parentCounts?.zones ?? 0) - 1,
      datasets: (parentCounts?.datasets ?? 0) - 2,
    });
    expect(history.map((b) => [b.id, b.isCurrent])).toEqual(
      expect.arrayContaining([
        [example.id, true],
        [child.blueprint.id, false],
      ]),
    );

    const diff = await caller.blueprint.diff({
      parentId: example.id,
      targetId: child.blueprint.id,
    });
    expect(diff.summary.zones.removed).toBe(1);
    expect(diff.summary.datasets.removed).toBe(2); // its root and durable datasets
    expect(diff.text).toContain(`to:   blueprint ${child.blueprint.id}`);
    expect(diff.text).toMatch(new RegExp(`\\*\\s+crucible\\s+${zoneId}`));
    expect(
      await listAudit({ actorId: operator.id, action: "blueprint.create-child" }),
    ).toHaveLength(1);

    const same = await caller.blueprint.createChild({
      parentId: example.id,
      edits: [{ kind: "expunge-zone", zoneId }],
    });
    expect(same).toMatchObject({ ok: false, reason: "duplicate", existingId: child.blueprint.id });
  });

  it("returns an edit that cannot apply as a value, and refuses viewers", async () => {
    const { caller, example } = await exampleRack(1);
    const missing = "11111111-2222-4333-8444-555555555555";
    expect(
      await caller.blueprint.createChild({
        parentId: example.id,
        edits: [{ kind: "expunge-zone", zoneId: missing }],
      }),
    ).toEqual({
      ok: false,
      reason: "edit-failed",
      message: expect.stringContaining(missing),
    });
    const viewer = await makeUser("viewer", ["viewer"]);
    expect(
      await errorOf(
        callerFor(viewer).blueprint.createChild({
          parentId: example.id,
          edits: [{ kind: "expunge-zone", zoneId: missing }],
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("byId returns the summary and the model; export returns omicron JSON", async () => {
    const { caller, example } = await exampleRack(1);
    const got = await caller.blueprint.byId({ id: example.id });
    expect(got.blueprint.isCurrent).toBe(true);
    expect(got.model.sleds.map((s) => s.id)).toEqual(example.sleds.map((s) => s.id));
    expect(await caller.blueprint.export({ id: example.id })).toMatchObject({
      id: example.id,
      parent_blueprint_id: null,
    });
  });
});

describe("blueprint.plan", () => {
  it("plans a crucible expunge on a split sled: the safe order has no hazards, the phased order fails at the datasets step", async () => {
    const { caller, rackId, example } = await exampleRack();
    const { sledId, zoneId } = crucibleZone(example);
    for (const s of example.sleds)
      await upsertSledAgent(
        rackId,
        s.id,
        `http://127.0.0.1:9/${s.id}`,
        s.id === sledId ? "split" : "reconciler",
      );
    const child = await caller.blueprint.createChild({
      parentId: example.id,
      edits: [{ kind: "expunge-zone", zoneId }],
    });
    if (!child.ok) throw new Error(JSON.stringify(child));

    const safe = await caller.blueprint.plan({
      parentId: example.id,
      targetId: child.blueprint.id,
      order: "safe",
    });
    expect(safe.hazards).toEqual([]);
    expect(safe.profiles[sledId]).toBe("split");
    expect(safe.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestSteps(safe.plan).map((s) => s.path)).toEqual(["/omicron-zones", "/datasets"]);
    expect(safe.graph.nodes.map((n) => n.key)).toContain(`zone:${zoneId}`);
    expect(safe.graph.edges.length).toBeGreaterThan(0);
    expect(safe.estimate.steps).toBe(2);

    const phased = await caller.blueprint.plan({
      parentId: example.id,
      targetId: child.blueprint.id,
      order: "phased",
    });
    expect(requestSteps(phased.plan).map((s) => s.path)).toEqual(["/datasets", "/omicron-zones"]);
    expect(phased.hazards.length).toBeGreaterThan(0);
    expect(phased.hazards[0]).toMatchObject({
      stepId: phased.plan.steps[0]?.id,
      sledId,
      rule: "dataset-in-use",
    });
    expect(phased.planHash).not.toBe(safe.planHash);

    const asReconciler = await caller.blueprint.plan({
      parentId: example.id,
      targetId: child.blueprint.id,
      order: "safe",
      profileOverride: "reconciler",
    });
    expect(requestSteps(asReconciler.plan).map((s) => s.path)).toEqual(["/omicron-config"]);
  });

  it("is deterministic: the same pair gives the same plan hash", async () => {
    const { caller, example } = await exampleRack(1);
    const { zoneId } = crucibleZone(example);
    const child = await caller.blueprint.createChild({
      parentId: example.id,
      edits: [{ kind: "expunge-zone", zoneId }],
    });
    if (!child.ok) throw new Error(JSON.stringify(child));
    const a = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id });
    const b = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id });
    expect(a.planHash).toBe(b.planHash);
  });
});
