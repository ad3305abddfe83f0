/**
 * Executions on a Nexus-linked rack (issue 15), against a simulated rack with its simulated
 * Nexus and the run's real database: `nexus` mode (the target handed to Nexus, the sleds
 * watched) and `direct` mode (Nexus's execution disabled, the console's own plan, the target
 * handed back), with Nexus's executor re-sending its target every 100 ms throughout.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { toOmicronJson } from "~/lib/blueprint/export";
import type { Blueprint } from "~/lib/blueprint/model";
import { makePlan } from "~/lib/plan/make-plan";
import { modePlan } from "~/lib/plan/mode-plan";
import type { ExecutionMode, Plan } from "~/lib/plan/types";
import { planHash } from "~/server/plan/plan-hash";
import { changeState, createExecution } from "~/server/repo/executions";
import type { SledAgentProfile } from "~/lib/wire/types";
import { NexusClient } from "~/server/nexus/client";
import {
  expungeOneCruciblePerSled,
  makeUser,
  rackFixture,
  type RackFixture,
} from "~/test/support/executor-fixture";
import type { SessionUser } from "../auth/roles";
import { getPrisma } from "../db";
import { nexusExecutorDisabled, setNexusInstances } from "../repo/nexus";
import { createCaller } from "../routers/_app";
import { createSledAgentClient } from "../sled-agent/client";
import type { ExecutorConfig } from "./config";
import { driveExecution } from "./drive";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

const CFG = {
  backoffBaseMs: 10,
  backoffCapMs: 50,
  nexusWatchPollMs: 50,
  nexusWatchTimeoutMs: 5_000,
  leaseTtlMs: 2_000,
};

async function caller(name: string, roles: SessionUser["roles"]) {
  return createCaller({ user: { id: await makeUser(name, roles), name, roles } });
}

/** A linked rack: sleds simulated, Nexus simulated (its executor racing every 100 ms). */
async function linkedRack(
  opts: {
    sleds?: number;
    profile?: SledAgentProfile;
    edits?: (bp: Blueprint) => ReturnType<typeof expungeOneCruciblePerSled>;
  } = {},
): Promise<RackFixture & { nexusUrl: string }> {
  fx = await rackFixture({
    sleds: opts.sleds ?? 2,
    edits: opts.edits ?? expungeOneCruciblePerSled,
    profile: opts.profile ?? "reconciler",
    sim: { nexus: { executorMs: 100 } },
  });
  const urls = fx.sim.nexus?.urls ?? [];
  await setNexusInstances(fx.rackId, urls);
  return { ...fx, nexusUrl: urls[0] ?? "" };
}

/** Requested by one person, approved by another: the execution id. */
async function requestAndApprove(rack: RackFixture, mode?: ExecutionMode): Promise<string> {
  const operator = await caller("op", ["operator"]);
  const approver = await caller("ap", ["approver"]);
  const r = await operator.execution.request({
    rackId: rack.rackId,
    targetBlueprintId: rack.target.id,
    ...(mode ? { mode } : {}),
  });
  await approver.execution.approve({ executionId: r.executionId, planHash: r.planHash });
  return r.executionId;
}

const drive = (id: string, cfg: Partial<ExecutorConfig> = {}) =>
  driveExecution(id, { runner: `test-${randomUUID().slice(0, 8)}`, cfg: { ...CFG, ...cfg } });

const nexusState = (rack: RackFixture) => rack.sim.nexus?.control.state;

async function attempts(id: string) {
  return getPrisma().stepAttempt.findMany({ where: { executionId: id }, orderBy: { id: "asc" } });
}

async function steps(id: string) {
  return getPrisma().executionStep.findMany({
    where: { executionId: id },
    orderBy: { seq: "asc" },
  });
}

/** Each sled's ledgered and reconciled generation, read from its agent. */
async function sledGenerations(rack: RackFixture) {
  return Promise.all(
    rack.sim.sleds.map(async (s) => {
      const c = createSledAgentClient({ baseUrl: s.url });
      const inv = await c.getReconcilerInventory();
      if (!inv.ok) throw new Error(inv.failure.message);
      return {
        sledId: s.id,
        ledgered: inv.body.ledgered_sled_config?.generation,
        reconciled: inv.body.last_reconciliation?.last_reconciled_config.generation,
      };
    }),
  );
}

const targetGenerations = (bp: Blueprint) =>
  Object.fromEntries(bp.sleds.map((s) => [s.id, s.generation]));

describe("nexus mode", () => {
  it("is the default on a linked rack: imports the target, makes it Nexus's target and watches each sled reconcile it; nothing sent to a sled agent", async () => {
    const rack = await linkedRack();
    const id = await requestAndApprove(rack);
    const exec = await getPrisma().execution.findUniqueOrThrow({ where: { id } });
    expect(exec.mode).toBe("nexus");

    expect(await drive(id)).toEqual({ kind: "ended", state: "succeeded" });

    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.target.id, enabled: true });
    expect(nexusState(rack)?.blueprints.has(rack.target.id)).toBe(true);
    const want = targetGenerations(rack.target);
    for (const g of await sledGenerations(rack)) expect(g.reconciled).toBe(want[g.sledId]);
    const all = await attempts(id);
    // every call went to Nexus, or read a sled's inventory
    for (const a of all)
      expect(
        a.url.startsWith(rack.nexusUrl) || (a.method === "GET" && a.url.endsWith("/inventory")),
      ).toBe(true);
    expect(
      all
        .filter((a) => a.method !== "GET")
        .map((a) => `${a.method} ${a.url.slice(rack.nexusUrl.length)}`),
    ).toEqual(["POST /deployment/blueprints/import", "POST /deployment/blueprints/target"]);
    const rows = await steps(id);
    expect(rows.map((s) => [s.stepId, s.state])).toEqual([
      ["nexus/check-target", "succeeded"],
      ["nexus/set-target", "succeeded"],
      ...rack.parent.sleds.map((s) => [`${s.id}/watch`, "succeeded"]),
    ]);
    // a watch's attempts are its observations, the last one the target's generation reconciled
    for (const s of rack.parent.sleds) {
      const seen = all.filter((a) => a.stepId === `${s.id}/watch`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.at(-1)?.responseBody).toMatchObject({
        reconciledGeneration: want[s.id],
        verdict: "succeeded",
      });
    }
    const rackRow = await getPrisma().rack.findUniqueOrThrow({ where: { id: rack.rackId } });
    expect(rackRow.currentBlueprintId).toBe(rack.target.id);
  }, 30_000);

  it("ends stale, saying what Nexus's target is now, when it moved before the start: nothing sent", async () => {
    const rack = await linkedRack();
    const id = await requestAndApprove(rack);
    const moved = rack.sim.nexus?.control.plan(); // Nexus's planner makes a child its target
    expect(moved).toBeTruthy();

    expect(await drive(id)).toEqual({ kind: "ended", state: "stale" });

    const exec = await getPrisma().execution.findUniqueOrThrow({ where: { id } });
    expect(exec.outcome).toMatchObject({
      reason: expect.stringContaining(`Nexus's target is now ${moved}`),
    });
    expect((await attempts(id)).map((a) => a.method)).toEqual(["GET"]);
    expect(nexusState(rack)?.target?.targetId).toBe(moved);
    expect(nexusState(rack)?.blueprints.has(rack.target.id)).toBe(false);
    expect(
      (await steps(id)).filter((s) => s.state !== "failed").every((s) => s.state === "skipped"),
    ).toBe(true);
  }, 30_000);

  it("ends failed with nothing changed when Nexus cannot be reached before its first call", async () => {
    const rack = await linkedRack();
    const id = await requestAndApprove(rack, "direct");
    await rack.sim.nexus?.control.refuse("all");

    expect(await drive(id, { maxAttempts: 3 })).toEqual({ kind: "ended", state: "failed" });

    const exec = await getPrisma().execution.findUniqueOrThrow({ where: { id } });
    expect(exec.outcome).toMatchObject({
      reason: expect.stringContaining("Nexus's target could not be read"),
    });
    expect(exec.startedAt).toBeNull();
    const all = await attempts(id);
    expect(all.map((a) => [a.stepId, a.method, a.errorKind])).toEqual([
      ["nexus/check-target", "GET", "retryable"],
      ["nexus/check-target", "GET", "retryable"],
      ["nexus/check-target", "GET", "retryable"],
    ]);
    expect((await steps(id)).filter((s) => s.state === "pending")).toEqual([]);
    expect(await nexusExecutorDisabled(rack.rackId)).toBeNull();
    await rack.sim.nexus?.control.accept("all");
    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.parent.id, enabled: true });
  }, 30_000);

  it("ends stale when Nexus refuses to make the target its target, its own target untouched", async () => {
    const rack = await linkedRack();
    const id = await requestAndApprove(rack);
    // Nexus already holds a blueprint of that id with another parent: it refuses it as target
    const client = new NexusClient({ baseUrl: rack.nexusUrl });
    const imposter = { ...toOmicronJson(rack.target), parent_blueprint_id: randomUUID() };
    expect((await client.importBlueprint(imposter)).ok).toBe(true);
    client.close();

    expect(await drive(id)).toEqual({ kind: "ended", state: "stale" });

    const exec = await getPrisma().execution.findUniqueOrThrow({ where: { id } });
    expect(exec.outcome).toMatchObject({
      reason: expect.stringContaining(`Nexus refused to make ${rack.target.id} its target`),
    });
    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.parent.id, enabled: true });
    const set = (await attempts(id)).filter((a) => a.method === "POST");
    expect(set.map((a) => [a.url.slice(rack.nexusUrl.length), a.status])).toEqual([
      ["/deployment/blueprints/target", 409],
    ]);
  }, 30_000);

  it("fails a sled that never reconciles with its item errors; the other sleds finish", async () => {
    const rack = await linkedRack({
      sleds: 2,
      edits: (bp) => expungeOneCruciblePerSled(bp),
    });
    // The target's first sled gets a zone whose datasets no blueprint has: it cannot start.
    const [broken, fine] = rack.target.sleds;
    if (!broken || !fine) throw new Error("two sleds expected");
    const template = broken.zones.find((z) => z.disposition === "in_service");
    if (!template) throw new Error("a zone expected");
    const strayZone = { ...template, id: randomUUID() }; // its root dataset is nowhere
    const bad: Blueprint = {
      ...rack.target,
      id: randomUUID(),
      sleds: rack.target.sleds.map((s) =>
        s.id === broken.id ? { ...s, zones: [...s.zones, strayZone] } : s,
      ),
    };
    await storeTarget(rack.rackId, bad);
    // A target like this is refused at request (its hazard): stored as Nexus's planner would
    // have made it, the execution row written directly.
    const plan = modePlan(makePlan(rack.parent, bad, { profile: "reconciler" }), "nexus", bad);
    const r = { executionId: (await approvedExecution(rack, bad, plan)).id };

    expect(await drive(r.executionId, { nexusWatchTimeoutMs: 1_500 })).toEqual({
      kind: "ended",
      state: "failed",
    });

    const rows = new Map((await steps(r.executionId)).map((s) => [s.stepId, s]));
    expect(rows.get(`${broken.id}/watch`)).toMatchObject({
      state: "failed",
      error: expect.stringMatching(new RegExp(`reconciled with errors: zone ${strayZone.id}`)),
    });
    expect(rows.get(`${fine.id}/watch`)?.state).toBe("succeeded");
    expect(nexusState(rack)?.target).toMatchObject({ targetId: bad.id, enabled: true });
  }, 30_000);
});

describe("direct mode", () => {
  it("disables Nexus's execution, runs the console's plan while Nexus's executor would race it, then hands the target back enabled", async () => {
    const rack = await linkedRack({ sleds: 3 });
    const id = await requestAndApprove(rack, "direct");

    expect(await drive(id)).toEqual({ kind: "ended", state: "succeeded" });

    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.target.id, enabled: true });
    const want = targetGenerations(rack.target);
    for (const g of await sledGenerations(rack)) {
      expect(g.ledgered).toBe(want[g.sledId]);
      expect(g.reconciled).toBe(want[g.sledId]);
    }
    const calls = (await attempts(id))
      .filter((a) => a.url.startsWith(rack.nexusUrl) && a.method !== "GET")
      .map((a) =>
        `${a.method} ${a.url.slice(rack.nexusUrl.length)} ${JSON.stringify(a.requestBody).includes('"enabled":false') ? "false" : ""}`.trim(),
      );
    expect(calls).toEqual([
      "PUT /deployment/blueprints/target/enabled false",
      "POST /deployment/blueprints/import",
      "POST /deployment/blueprints/target",
    ]);
    expect(await nexusExecutorDisabled(rack.rackId)).toBeNull();
    // Nexus's executor, enabled again, pushes the target: the sleds accept its generations
    await rack.sim.nexus?.control.executor.activate();
    const pushes = [...(rack.sim.nexus?.control.executor.lastPush.values() ?? [])];
    expect(pushes.map((p) => [p.blueprintId, p.statuses])).toEqual(
      rack.sim.sleds.map(() => [rack.target.id, [204]]),
    );
  }, 30_000);

  it("leaves Nexus's execution disabled, and says since when and by which execution, when a step fails", async () => {
    const rack = await linkedRack({ sleds: 2 });
    const id = await requestAndApprove(rack, "direct");
    const first = rack.sim.sleds[0]?.id ?? "";
    rack.sim.control.setFaults(first, { errorRate: { rate: 1, status: 400 }, method: "PUT" });

    expect(await drive(id)).toEqual({ kind: "ended", state: "failed" });

    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.parent.id, enabled: false });
    expect(await nexusExecutorDisabled(rack.rackId)).toMatchObject({
      byExecutionId: id,
      blueprintId: rack.parent.id,
      since: expect.any(Date),
    });
    const hand = (await steps(id)).find((s) => s.stepId === "nexus/hand-back");
    expect(hand?.state).toBe("skipped");

    // The rack page's query says so; re-enabling is asked by one person, approved by another.
    const operator = await caller("op", ["operator", "approver"]);
    const approver = await caller("ap", ["approver"]);
    const status = await operator.nexusExecutor.status({ rackId: rack.rackId });
    expect(status.disabled).toMatchObject({ byExecutionId: id, blueprintId: rack.parent.id });
    await expect(
      approver.nexusExecutor.approveReenable({ rackId: rack.rackId }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("no request") });
    const asked = await operator.nexusExecutor.requestReenable({
      rackId: rack.rackId,
      comment: "the failed sled is fixed",
    });
    expect(asked.disabled?.reenable).toMatchObject({ comment: "the failed sled is fixed" });
    await expect(
      operator.nexusExecutor.approveReenable({ rackId: rack.rackId }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("second person"),
    });
    expect(nexusState(rack)?.target?.enabled).toBe(false);
    const after = await approver.nexusExecutor.approveReenable({ rackId: rack.rackId });
    expect(after.disabled).toBeNull();
    expect(nexusState(rack)?.target).toMatchObject({ targetId: rack.parent.id, enabled: true });
    const audit = await getPrisma().auditEvent.findMany({
      where: { action: { startsWith: "nexus.reenable" } },
      orderBy: { id: "asc" },
    });
    expect(audit.slice(-2).map((a) => a.action)).toEqual([
      "nexus.reenable.request",
      "nexus.reenable.approve",
    ]);
  }, 30_000);
});

async function approvedExecution(rack: RackFixture, target: Blueprint, plan: Plan) {
  const created = await createExecution({
    rackId: rack.rackId,
    parentBlueprintId: rack.parent.id,
    targetBlueprintId: target.id,
    plan,
    planHash: planHash(plan),
    requestedById: await makeUser("op", ["operator"]),
    comment: "test",
    mode: plan.mode ?? null,
  });
  const approved = await changeState(
    created.id,
    "awaiting_approval",
    { type: "approve" },
    { decidedById: await makeUser("ap", ["approver"]), decidedAt: new Date() },
  );
  if (!approved.ok) throw new Error(approved.reason);
  return created;
}

async function storeTarget(rackId: string, bp: Blueprint) {
  await getPrisma().blueprint.create({
    data: {
      id: bp.id,
      rackId,
      parentId: bp.parentId,
      json: bp as never,
      source: "edit",
      creator: "test",
      comment: "",
      timeCreated: new Date(),
      sledCount: bp.sleds.length,
      diskCount: 0,
      datasetCount: 0,
      zoneCount: 0,
    },
  });
}
