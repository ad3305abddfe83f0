import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { toOmicronJson } from "../../lib/blueprint/export";
import type { Blueprint } from "../../lib/blueprint/model";
import { makeExampleRack } from "../../lib/examples/rack";
import { omicronJson } from "../../test/omicron-fixtures";
import { callerFor, makeRack, makeUser, unique } from "../../test/support/console-fixture";
import { listAudit } from "../repo/audit";
import { listBlueprints } from "../repo/blueprints";
import { upsertSledAgent } from "../repo/sled-agents";

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof TRPCError ? e.code : e));

/** A rack with a stored 2-sled example blueprint (fresh ids per call) and an operator. */
async function exampleRack(sleds = 2) {
  const operator = await makeUser("op", ["operator"]);
  const rackId = await makeRack();
  const example = makeExampleRack({ sleds, seed: unique("seed") });
  const imported = await callerFor(operator).blueprint.import({ rackId, json: toOmicronJson(example) });
  if (!imported.ok) throw new Error(`example import failed: ${JSON.stringify(imported)}`);
  return { operator, rackId, example, caller: callerFor(operator) };
}

function crucibleZone(bp: Blueprint): { sledId: string; zoneId: string } {
  for (const sled of bp.sleds) {
    const z = sled.zones.find((zone) => zone.zoneType.type === "crucible" && zone.disposition === "in_service");
    if (z) return { sledId: sled.id, zoneId: z.id };
  }
  throw new Error("no crucible zone");
}

describe("blueprint.import", () => {
  it("stores a real sled config (dogfood 2025-05-01) with counts, marks it current, audits it, and refuses it twice", async () => {
    const operator = await makeUser("importer", ["operator"]);
    const rackId = await makeRack("dogfood");
    const json = omicronJson("dogfood-2025-05-01-merged-sled-config.json");
    const first = await callerFor(operator).blueprint.import({ rackId, json, comment: "dogfood sled" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.blueprint).toMatchObject({ rackId, source: "import", comment: "dogfood sled", isCurrent: true, counts: { sleds: 1 } });
    expect(first.blueprint.counts.zones).toBeGreaterThan(0);
    expect(first.blueprint.counts.datasets).toBeGreaterThan(first.blueprint.counts.zones);
    expect(await listAudit({ actorId: operator.id, action: "blueprint.import" })).toHaveLength(1);

    const again = await callerFor(operator).blueprint.import({ rackId, json });
    expect(again).toMatchObject({ ok: false, reason: "duplicate", existingId: first.blueprint.id });
    expect(await listBlueprints(rackId)).toHaveLength(1);
  });

  it("returns parse errors with JSON paths and stores nothing", async () => {
    const { caller, rackId, example } = await exampleRack(1);
    // A deep copy: the export shares objects with the model.
    const json = structuredClone(toOmicronJson(example)) as { sleds: Record<string, { zones: { zone_type: { type: unknown } }[] }> };
    const sledJson = Object.values(json.sleds)[0];
    if (!sledJson?.zones[0]) throw new Error("example has no zone");
    sledJson.zones[0].zone_type.type = 42;
    const result = await caller.blueprint.import({ rackId, json });
    if (result.ok || result.reason !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    expect(result.errors).toEqual([{ path: expect.stringMatching(/^sleds\.[0-9a-f-]{36}\.zones\[0\]\.zone_type\.type$/), message: expect.any(String) }]);

    const badId = { ...(toOmicronJson(example) as object), id: "not-a-uuid" };
    expect(await caller.blueprint.import({ rackId, json: badId })).toMatchObject({ ok: false, reason: "invalid", errors: [{ path: "id" }] });
    expect(await listBlueprints(rackId)).toHaveLength(1); // only the example
  });

  it("refuses a blueprint that parses but fails validation (a zone without its dataset), storing nothing", async () => {
    const { caller, rackId } = await exampleRack(1);
    const broken = makeExampleRack({ sleds: 1, seed: unique("broken") });
    const sled = broken.sleds[0];
    if (!sled) throw new Error("no sled");
    const { zoneId } = crucibleZone(broken);
    sled.datasets = sled.datasets.filter((d) => !d.kind.endsWith(zoneId));
    const result = await caller.blueprint.import({ rackId, json: toOmicronJson(broken) });
    expect(result).toMatchObject({ ok: false, reason: "invalid", errors: [] });
    if (result.ok || result.reason !== "invalid") return;
    expect(result.findings.some((f) => f.severity === "error" && f.items.some((i) => i.id === zoneId))).toBe(true);
    expect(await listBlueprints(rackId)).toHaveLength(1);
  });

  it("answers NOT_FOUND for an unknown rack", async () => {
    const operator = await makeUser("op", ["operator"]);
    expect(await errorOf(callerFor(operator).blueprint.import({ rackId: "00000000-0000-4000-8000-000000000000", json: {} }))).toBe("NOT_FOUND");
  });
});

describe("blueprint.createChild, list, diff", () => {
  it("stores a child that expunges a crucible zone; the history lists both, the diff shows the expunge", async () => {
    const { caller, rackId, example, operator } = await exampleRack();
    const { zoneId } = crucibleZone(example);
    const child = await caller.blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId }], comment: "retire a crucible" });
    if (!child.ok) throw new Error(JSON.stringify(child));
    expect(child.blueprint).toMatchObject({ parentId: example.id, source: "edit", creator: operator.name, comment: "retire a crucible", isCurrent: false });
    const history = await caller.blueprint.list({ rackId });
    const parentCounts = history.find((b) => b.id === example.id)?.counts;
    expect(child.blueprint.counts).toEqual({ ...parentCounts, zones: (parentCounts?.zones ?? 0) - 1, datasets: (parentCounts?.datasets ?? 0) - 2 });
    expect(history.map((b) => [b.id, b.isCurrent])).toEqual(expect.arrayContaining([[example.id, true], [child.blueprint.id, false]]));

    const diff = await caller.blueprint.diff({ parentId: example.id, targetId: child.blueprint.id });
    expect(diff.summary.zones.removed).toBe(1);
    expect(diff.summary.datasets.removed).toBe(2); // its root and durable datasets
    expect(diff.text).toContain(`to:   blueprint ${child.blueprint.id}`);
    expect(diff.text).toMatch(new RegExp(`\\*\\s+crucible\\s+${zoneId}`));
    expect(await listAudit({ actorId: operator.id, action: "blueprint.create-child" })).toHaveLength(1);

    const same = await caller.blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId }] });
    expect(same).toMatchObject({ ok: false, reason: "duplicate", existingId: child.blueprint.id });
  });

  it("returns an edit that cannot apply as a value, and refuses viewers", async () => {
    const { caller, example } = await exampleRack(1);
    const missing = "11111111-2222-4333-8444-555555555555";
    expect(await caller.blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId: missing }] })).toEqual({
      ok: false,
      reason: "edit-failed",
      message: expect.stringContaining(missing),
    });
    const viewer = await makeUser("viewer", ["viewer"]);
    expect(await errorOf(callerFor(viewer).blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId: missing }] }))).toBe("FORBIDDEN");
  });

  it("byId returns the summary and the model; export returns omicron JSON", async () => {
    const { caller, example } = await exampleRack(1);
    const got = await caller.blueprint.byId({ id: example.id });
    expect(got.blueprint.isCurrent).toBe(true);
    expect(got.model.sleds.map((s) => s.id)).toEqual(example.sleds.map((s) => s.id));
    expect(await caller.blueprint.export({ id: example.id })).toMatchObject({ id: example.id, parent_blueprint_id: null });
  });
});

describe("blueprint.plan", () => {
  it("plans a crucible expunge on a split sled: the safe order has no hazards, the phased order fails at the datasets step", async () => {
    const { caller, rackId, example } = await exampleRack();
    const { sledId, zoneId } = crucibleZone(example);
    for (const s of example.sleds) await upsertSledAgent(rackId, s.id, `http://127.0.0.1:9/${s.id}`, s.id === sledId ? "split" : "reconciler");
    const child = await caller.blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId }] });
    if (!child.ok) throw new Error(JSON.stringify(child));

    const safe = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id, order: "safe" });
    expect(safe.hazards).toEqual([]);
    expect(safe.profiles[sledId]).toBe("split");
    expect(safe.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(safe.plan.steps.map((s) => s.path)).toEqual(["/omicron-zones", "/datasets"]);
    expect(safe.graph.nodes.map((n) => n.key)).toContain(`zone:${zoneId}`);
    expect(safe.graph.edges.length).toBeGreaterThan(0);
    expect(safe.estimate.steps).toBe(2);

    const phased = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id, order: "phased" });
    expect(phased.plan.steps.map((s) => s.path)).toEqual(["/datasets", "/omicron-zones"]);
    expect(phased.hazards.length).toBeGreaterThan(0);
    expect(phased.hazards[0]).toMatchObject({ stepId: phased.plan.steps[0]?.id, sledId, rule: "dataset-in-use" });
    expect(phased.planHash).not.toBe(safe.planHash);

    const asReconciler = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id, order: "safe", profileOverride: "reconciler" });
    expect(asReconciler.plan.steps.map((s) => s.path)).toEqual(["/omicron-config"]);
  });

  it("is deterministic: the same pair gives the same plan hash", async () => {
    const { caller, example } = await exampleRack(1);
    const { zoneId } = crucibleZone(example);
    const child = await caller.blueprint.createChild({ parentId: example.id, edits: [{ kind: "expunge-zone", zoneId }] });
    if (!child.ok) throw new Error(JSON.stringify(child));
    const a = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id });
    const b = await caller.blueprint.plan({ parentId: example.id, targetId: child.blueprint.id });
    expect(a.planHash).toBe(b.planHash);
  });
});
