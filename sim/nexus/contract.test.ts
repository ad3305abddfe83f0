/**
 * Contract tests of the simulated Nexus and the console's Nexus client: every answer of the
 * simulated Nexus, in both eras, validates against that era's OpenAPI document in
 * ../shared/omicron (today's nexus-lockstep, January 2025's nexus-internal), and so does every
 * request body the client sends (target set, enable, import).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toOmicronJson } from "~/lib/blueprint/export";
import type { Blueprint } from "~/lib/blueprint/model";
import { makeExampleRack } from "~/lib/examples/rack";
import { applyEdits } from "~/lib/edits/apply";
import { NexusClient } from "~/server/nexus/client";
import { readPlannerStatus } from "~/lib/nexus/planner-report";
import { FaultInjector } from "../fault-injector";
import { BLOCK_KINDS } from "./reports";
import { startSimulatedNexus, type SimulatedNexus } from "./nexus";
import { operationSchemas, specErrors, type SpecName } from "../test-support/openapi";

const SPEC: Record<"lockstep" | "jan-2025", SpecName> = {
  lockstep: "nexus-lockstep",
  "jan-2025": "nexus-jan2025",
};

type Method = "get" | "put" | "post" | "delete";

function expectOp(
  spec: SpecName,
  method: Method,
  path: string,
  r: { ok: boolean; status: number | null; body?: unknown },
  request?: unknown,
) {
  const op = operationSchemas(spec, method, path);
  if (request !== undefined && op.request)
    expect(specErrors(spec, op.request, request), `${path} request`).toEqual([]);
  expect(r.ok, `${method} ${path}: HTTP ${r.status}`).toBe(true);
  expect(String(r.status)).toBe(op.status);
  if (op.response) expect(specErrors(spec, op.response, r.body), `${path} response`).toEqual([]);
}

const body = (r: { ok: boolean; body?: unknown }) => (r.ok ? r.body : undefined);

describe.each(["lockstep", "jan-2025"] as const)("the simulated Nexus, %s era", (era) => {
  const spec = SPEC[era];
  let rack: Blueprint;
  let nexus: SimulatedNexus;
  let client: NexusClient;
  beforeAll(async () => {
    rack = makeExampleRack({ sleds: 2, seed: `nexus-contract-${era}` });
    nexus = await startSimulatedNexus({
      blueprint: rack,
      era: era,
      faults: new FaultInjector(0),
    });
    client = new NexusClient({ baseUrl: nexus.urls[0] ?? "", timeoutMs: 5000 });
    for (let i = 0; i < 3; i++) expect(nexus.control.plan()).not.toBeNull();
  });
  afterAll(async () => {
    client.close();
    await nexus.stop();
  });

  it("lists blueprints in pages, each page and each blueprint valid", async () => {
    const ids: string[] = [];
    let token: string | null = null;
    do {
      const r = await client.listBlueprints({ limit: 2, pageToken: token });
      expectOp(spec, "get", "/deployment/blueprints/all", { ...r, body: body(r) });
      const page = body(r) as { items: Array<{ id: string }>; next_page?: string | null };
      ids.push(...page.items.map((i) => i.id));
      token = page.next_page ?? null;
    } while (token);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) {
      const r = await client.getBlueprint(id);
      expectOp(spec, "get", "/deployment/blueprints/all/{blueprint_id}", { ...r, body: body(r) });
    }
  });

  it("serves the target; refuses a target whose parent is not the target; enables", async () => {
    const t = await client.getTarget();
    expectOp(spec, "get", "/deployment/blueprints/target", { ...t, body: body(t) });
    const target = body(t) as { target_id: string; enabled: boolean };
    const wrong = { target_id: rack.id, enabled: true }; // the first blueprint: not a child
    const refused = await client.setTarget(wrong);
    expect(refused.ok).toBe(false);
    expect(refused.status).toBe(409);
    if (!refused.ok && refused.failure.kind === "http")
      expect(specErrors(spec, "Error", refused.failure.body)).toEqual([]);
    const set = { target_id: target.target_id, enabled: false };
    const r = await client.setTargetEnabled(set);
    expectOp(spec, "put", "/deployment/blueprints/target/enabled", { ...r, body: body(r) }, set);
    expect((body(r) as { enabled: boolean }).enabled).toBe(false);
  });

  it("imports a child of the target and makes it the target", async () => {
    const target = nexus.control.state.targetBlueprint();
    if (!target) throw new Error("no target");
    const zone = target.sleds[0]?.zones.find((z) => z.disposition === "in_service");
    const child = applyEdits(target, [{ kind: "expunge-zone", zoneId: zone?.id ?? "" }]);
    if (!child.ok) throw new Error(child.error);
    const json = {
      ...toOmicronJson(child.blueprint),
      source: { source: "reconfigurator_cli_edit" },
    };
    const imported = await client.importBlueprint(json);
    // January 2025's Blueprint had no `sleds`; the import body is today's, checked against today's spec.
    expectOp("nexus-lockstep", "post", "/deployment/blueprints/import", imported, json);
    const set = { target_id: child.blueprint.id, enabled: true };
    const r = await client.setTarget(set);
    expectOp(spec, "post", "/deployment/blueprints/target", { ...r, body: body(r) }, set);
  });

  it("serves the reconfigurator config and the update status (404 in January 2025: no such paths)", async () => {
    const c = await client.getReconfiguratorConfig();
    const u = await client.getUpdateStatus();
    if (era === "jan-2025") {
      expect([c.status, u.status]).toEqual([404, 404]);
      return;
    }
    expectOp(spec, "get", "/deployment/reconfigurator-config", { ...c, body: body(c) });
    expectOp(spec, "get", "/deployment/update-status", { ...u, body: body(u) });
  });
});

it("the two eras' blueprints are not interchangeable (the check has teeth)", () => {
  const bp = makeExampleRack({ sleds: 1, seed: "nexus-contract-teeth" });
  expect(specErrors("nexus-jan2025", "Blueprint", toOmicronJson(bp))).not.toEqual([]);
  expect(specErrors("nexus-lockstep", "Blueprint", { ...toOmicronJson(bp), sleds: 1 })).not.toEqual(
    [],
  );
});

describe("the simulated Nexus's background tasks (lockstep)", () => {
  let nexus: SimulatedNexus;
  let client: NexusClient;
  beforeAll(async () => {
    const rack = makeExampleRack({ sleds: 2, seed: "nexus-contract-bgtasks" });
    nexus = await startSimulatedNexus({ blueprint: rack, faults: new FaultInjector(0) });
    client = new NexusClient({ baseUrl: nexus.urls[0] ?? "", timeoutMs: 5000 });
  });
  afterAll(async () => {
    client.close();
    await nexus.stop();
  });

  const spec = "nexus-lockstep";
  const view = async (name: string) => {
    const r = await client.getBgTask(name);
    expectOp(spec, "get", "/bgtasks/view/{bgtask_name}", { ...r, body: body(r) });
    return body(r) as { last: { last_result: string; details?: { details: unknown } } };
  };
  const plannerDetails = async () => (await view("blueprint_planner")).last.details?.details;
  /** A report must be what the spec inlines in `BlueprintSource`'s planner arm. */
  const expectReportValid = (details: unknown) => {
    const variant = Object.values(details as Record<string, { report?: unknown }>)[0];
    expect(variant?.report, JSON.stringify(details)).toBeDefined();
    expect(
      specErrors(spec, "BlueprintSource", { source: "planner", ...(variant?.report as object) }),
    ).toEqual([]);
  };

  it("a task never run is never_completed; unknown tasks are 404", async () => {
    expect((await view("blueprint_planner")).last).toEqual({ last_result: "never_completed" });
    const r = await client.getBgTask("no_such_task");
    expect(r.status).toBe(404);
  });

  it("Targeted: the planned blueprint's source carries the report, valid per the spec", async () => {
    const id = nexus.control.plan();
    expect(id).not.toBeNull();
    const d = await plannerDetails();
    expect(readPlannerStatus(d)).toMatchObject({ kind: "targeted", blueprintId: id });
    expectReportValid(d);
    const bp = await client.getBlueprint(id ?? "");
    expectOp(spec, "get", "/deployment/blueprints/all/{blueprint_id}", { ...bp, body: body(bp) });
    expect((body(bp) as { source: { source: string } }).source.source).toBe("planner");
  });

  it.each(BLOCK_KINDS.filter((k) => k !== "error" && k !== "target-refused"))(
    "blocked on %s: Unchanged, with a report saying on what",
    async (kind) => {
      nexus.control.setBlock({ kind });
      const target = nexus.control.state.target?.targetId;
      expect(nexus.control.plan()).toBeNull();
      expect(nexus.control.state.target?.targetId).toBe(target);
      const d = await plannerDetails();
      const s = readPlannerStatus(d);
      expect(s.kind).toBe("unchanged");
      expectReportValid(d);
      expect("report" in s && s.report.ok && s.report.summary.blockers.length).toBeGreaterThan(0);
      nexus.control.setBlock(null);
    },
  );

  it("Error, Planned (target refused), LimitReached, Disabled; then planning resumes", async () => {
    nexus.control.setBlock({ kind: "error", message: "no inventory collection" });
    expect(nexus.control.plan()).toBeNull();
    expect(await plannerDetails()).toEqual({ Error: "no inventory collection" });
    const before = nexus.control.state.blueprints.size;
    nexus.control.setBlock({ kind: "target-refused" });
    expect(nexus.control.plan()).toBeNull();
    expect(nexus.control.state.blueprints.size).toBe(before);
    let d = await plannerDetails();
    expect(readPlannerStatus(d).kind).toBe("planned");
    expectReportValid(d);
    nexus.control.setBlock(null);
    nexus.control.setBlueprintLimit(before);
    expect(nexus.control.plan()).toBeNull();
    d = await plannerDetails();
    expect(readPlannerStatus(d).kind).toBe("limit_reached");
    expectReportValid(d);
    nexus.control.setBlueprintLimit(5000);
    nexus.control.setPlannerEnabled(false);
    expect(await plannerDetails()).toBe("Disabled");
    nexus.control.setPlannerEnabled(true);
    expect(nexus.control.plan()).not.toBeNull();
  });

  it("the executor task: a run's status, and the list of tasks", async () => {
    await nexus.control.activateExecutor();
    const e = await view("blueprint_executor");
    expect(e.last.details?.details).toMatchObject({
      target_id: nexus.control.state.target?.targetId,
      enabled: true,
      execution_error: null,
    });
    const all = await client.listBgTasks();
    expect(all.ok).toBe(true);
    const tasks = body(all) as Record<string, unknown>;
    expect(Object.keys(tasks).sort()).toEqual(["blueprint_executor", "blueprint_planner"]);
    for (const t of Object.values(tasks)) expect(specErrors(spec, "BackgroundTask", t)).toEqual([]);
    expect(specErrors(spec, "BlueprintSource", { source: "planner" })).not.toEqual([]);
    const bad = { ...(tasks.blueprint_planner as object), last: { last_result: "sometimes" } };
    expect(specErrors(spec, "BackgroundTask", bad)).not.toEqual([]);
  });
});
