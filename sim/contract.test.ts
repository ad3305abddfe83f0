/**
 * Contract tests: every request body the console sends and every response body the simulator
 * answers validate against omicron's OpenAPI documents (../shared/omicron), per profile:
 * `split` against the January-2025 spec, `reconciler` against v48. Bodies come from real
 * plans (an example rack and a mixed change on every sled), so they cover every zone type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Blueprint } from "../lib/blueprint/model";
import { makeMixedChange } from "../lib/examples/mixed-change";
import { makeExampleRack } from "../lib/examples/rack";
import { makePlan } from "../lib/plan/make-plan";
import { requestSteps } from "../lib/plan/types";
import type { SledAgentProfile } from "../lib/wire/types";
import type { CallResult } from "../server/sled-agent/client";
import { operationSchemas, specErrors, type SpecName } from "./test-support/openapi";
import { okBody, startTestRack, type TestRack } from "./test-support/rack";

let parent: Blueprint;
let target: Blueprint;

beforeAll(() => {
  parent = makeExampleRack({ sleds: 2, seed: "contract" });
  const change = makeMixedChange(parent, "contract");
  if (!change.ok) throw new Error(change.error);
  target = change.blueprint;
});

function expectValid(spec: SpecName, schema: string | null, value: unknown, what: string) {
  if (schema === null) throw new Error(`${what}: the spec names no schema`);
  expect(specErrors(spec, schema, value), what).toEqual([]);
}

function expectErrorBody(spec: SpecName, r: CallResult<unknown>, status: number) {
  expect(r.status).toBe(status);
  if (r.ok || r.failure.kind !== "http") throw new Error(`expected HTTP ${status}`);
  expectValid(spec, "Error", r.failure.body, `${status} error body`);
}

const SPEC: Record<SledAgentProfile, SpecName> = { split: "split", reconciler: "v48" };

describe.each(["split", "reconciler"] as const)("%s profile", (profile) => {
  const spec = SPEC[profile];
  let t: TestRack;
  beforeAll(async () => {
    t = await startTestRack({ blueprint: parent, profile, reconcileMs: 120 });
  });
  afterAll(() => t.stop());

  it("plan request bodies and their responses match the spec", async () => {
    const plan = makePlan(parent, target, { profile, order: "safe" });
    expect(plan.steps.length).toBeGreaterThan(0);
    const clients = new Map(t.rack.sleds.map((s, i) => [s.id, t.client(i)]));
    for (const step of requestSteps(plan)) {
      const op = operationSchemas(spec, "put", step.path);
      expectValid(spec, op.request, step.body, `${step.id} request`);
      const r = await clients.get(step.sledId)?.send(step.endpoint, step.body);
      expect(r?.ok, `${step.id}: ${r && !r.ok ? r.failure.message : ""}`).toBe(true);
      expect(String(r?.status)).toBe(op.status);
      if (op.response) expectValid(spec, op.response, r?.ok ? r.body : null, `${step.id} response`);
      else expect(r?.ok ? r.body : null).toBeUndefined();
    }
  });

  it("GET endpoints match the spec, including inventory while reconciling", async () => {
    const c = t.client();
    const inv = await c.getInventory(profile);
    expectValid(
      spec,
      operationSchemas(spec, "get", "/inventory").response,
      okBody(inv),
      "inventory",
    );
    if (profile === "split") {
      expectValid(
        spec,
        operationSchemas(spec, "get", "/omicron-physical-disks").response,
        okBody(await c.getDisks()),
        "disks",
      );
      expectValid(
        spec,
        operationSchemas(spec, "get", "/datasets").response,
        okBody(await c.getDatasets()),
        "datasets",
      );
      return;
    }
    const ledgered = okBody(await c.getReconcilerInventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    // a zone with no datasets (an error result), no datasets (orphans still in use), an override
    const zone = Object.values(ledgered.zones)[0];
    if (!zone) throw new Error("no zone");
    const stray = { ...zone, id: "c0ffee00-4f3d-4c2b-9a1e-0f3d4c2b9a1e" };
    const broken = {
      ...ledgered,
      generation: ledgered.generation + 1,
      datasets: {},
      zones: { ...ledgered.zones, [stray.id]: stray },
      remove_mupdate_override: "b2c5a1e0-4f3d-4c2b-9a1e-0f3d4c2b9a1e",
    };
    expect((await c.putConfig(broken)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 40));
    const running = okBody(await c.getReconcilerInventory());
    expect(running.reconciler_status.status).toBe("running");
    expectValid(spec, "Inventory", running, "inventory while running");
    await t.rack.control.whenReconciled();
    const failed = okBody(await c.getReconcilerInventory());
    expect(
      Object.values(failed.last_reconciliation?.zones ?? {}).some((z) => z.result === "err"),
    ).toBe(true);
    expect(failed.last_reconciliation?.orphaned_datasets.length).toBeGreaterThan(0); // in use: not destroyed
    expectValid(spec, "Inventory", failed, "inventory with errors and orphans");
  });

  it("error bodies match the spec's Error", async () => {
    const c = t.client();
    const path = profile === "split" ? "datasets" : "config";
    expectErrorBody(spec, await c.send(path, { generation: -1 }), 400);
    expectErrorBody(
      spec,
      await c.send(path, { generation: 1, disks: {}, datasets: {}, zones: {}, measurements: [] }),
      400,
    );
    if (profile === "split")
      expectErrorBody(spec, await c.send("disks", { generation: 99, disks: [] }), 409);
  });
});

describe("a rack that has not reconciled yet", () => {
  it("reports not_yet_run and no last reconciliation, valid per v48", async () => {
    const t = await startTestRack({
      blueprint: parent,
      profile: "reconciler",
      reconcileMs: 400,
      awaitReconciled: false,
    });
    try {
      const inv = okBody(await t.client().getReconcilerInventory());
      expect(["not_yet_run", "running"]).toContain(inv.reconciler_status.status);
      expect(inv.last_reconciliation).toBeNull();
      expectValid("v48", "Inventory", inv, "inventory before the first reconciliation");
    } finally {
      await t.stop();
    }
  });
});
