/**
 * omicron #7309 over real HTTP. Expunging a crucible zone expunges its datasets in the same
 * blueprint; the January-2025 executor sent datasets before zones, so the agent was asked to
 * drop datasets the running zone still used. The simulator refuses exactly the steps the
 * hazard check (lib/plan/replay.ts) predicts; with dataset deletion ignored (January 2025)
 * the same order "succeeds" and leaves orphaned datasets. The safe order and the reconciler
 * profile succeed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makePlan } from "../lib/plan/make-plan";
import { findHazards } from "../lib/plan/replay";
import { requestSteps, type Plan } from "../lib/plan/types";
import { reconciliationOutcome } from "../server/sled-agent/reconciliation";
import type { SledAgentClient } from "../server/sled-agent/client";
import { crucibleExpungeCase } from "./test-support/cases";
import { okBody, startTestRack, type TestRack } from "./test-support/rack";

let t: TestRack | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

/** Sends every step in order (as a January-2025 executor would, not stopping on errors). */
async function run(plan: Plan, c: SledAgentClient) {
  const failed: { stepId: string; status: number | null; code: string | null }[] = [];
  for (const step of requestSteps(plan)) {
    const r = await c.send(step.endpoint, step.body);
    if (!r.ok)
      failed.push({
        stepId: step.id,
        status: r.status,
        code: r.failure.kind === "http" ? (r.failure.error?.error_code ?? null) : null,
      });
  }
  return failed;
}

describe("omicron #7309 on the split profile", () => {
  it("the January-2025 phased order fails in strict mode exactly at the predicted hazards", async () => {
    const { parent, target } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "split" });
    const plan = makePlan(parent, target, { profile: "split", order: "phased" });
    const hazards = findHazards(plan, parent, target);
    expect(hazards.length).toBeGreaterThan(0);
    expect(new Set(hazards.map((h) => h.rule))).toEqual(new Set(["dataset-in-use"]));
    const failed = await run(plan, t.client());
    expect(failed.map((f) => f.stepId)).toEqual([...new Set(hazards.map((h) => h.stepId))]);
    expect(failed.every((f) => f.status === 409 && f.code === "DatasetInUse")).toBe(true);
  });

  it("the same order 'succeeds' with dataset deletion ignored, leaving orphaned datasets", async () => {
    const { parent, target } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "split", datasetDeletion: "ignore" });
    const plan = makePlan(parent, target, { profile: "split", order: "phased" });
    expect(findHazards(plan, parent, target, { datasetDeletion: "ignore" })).toEqual([]);
    expect(await run(plan, t.client())).toEqual([]);
    const configured = new Set(Object.keys(okBody(await t.client().getDatasets()).datasets));
    const inv = okBody(await t.client().getSplitInventory());
    const expunged =
      target.sleds[0]?.datasets.filter((d) => d.disposition === "expunged").map((d) => d.id) ?? [];
    const orphaned = inv.datasets
      .filter((d) => d.id !== null && !configured.has(d.id))
      .map((d) => d.id);
    expect(orphaned.sort()).toEqual([...expunged].sort());
    expect(inv.omicron_zones.zones).toEqual([]);
  });

  it("the safe order succeeds and leaves exactly the target", async () => {
    const { parent, target } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "split" });
    const plan = makePlan(parent, target, { profile: "split", order: "safe" });
    expect(findHazards(plan, parent, target)).toEqual([]);
    expect(await run(plan, t.client())).toEqual([]);
    const inv = okBody(await t.client().getSplitInventory());
    const inService =
      target.sleds[0]?.datasets.filter((d) => d.disposition === "in_service").map((d) => d.id) ??
      [];
    expect(inv.datasets.map((d) => d.id).sort()).toEqual([...inService].sort());
  });
});

describe("omicron #7309 on the reconciler profile", () => {
  it("one config with the target converges: zones stop before their datasets go", async () => {
    const { parent, target } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler", reconcileMs: 60 });
    const plan = makePlan(parent, target, { profile: "reconciler", order: "safe" });
    expect(plan.steps).toHaveLength(1);
    expect(await run(plan, t.client())).toEqual([]);
    await t.rack.control.whenReconciled();
    const inv = okBody(await t.client().getReconcilerInventory());
    const step = requestSteps(plan)[0];
    if (!step) throw new Error("no step");
    expect(reconciliationOutcome(inv, step.generation)).toEqual({
      kind: "succeeded",
      reconciled: step.generation,
    });
    expect(inv.last_reconciliation?.orphaned_datasets).toEqual([]);
  });
});
