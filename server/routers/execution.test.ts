/**
 * execution.* through tRPC's createCaller against real Postgres and the simulated rack:
 * request → approve → run → succeeded, and every refusal the approval rule implies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  makeUser,
  rackFixture,
  expungeOneCruciblePerSled,
  relaxRedundancyPolicies,
  type RackFixture,
} from "~/test/support/executor-fixture";
import { randomUUID } from "node:crypto";
import { toOmicronJson } from "~/lib/blueprint/export";
import type { SessionUser } from "../auth/roles";
import { getPrisma } from "../db";
import { upsertSledAgent } from "../repo/sled-agents";
import { startSupervisor, type Supervisor } from "../executor/supervisor";
import { onExecutionApproved } from "../services/executions";
import { createCaller } from "./_app";

let supervisor: Supervisor;
let fx: RackFixture | undefined;
// Other test files share the database: drive only this file's racks.
const myRacks: string[] = [];
beforeAll(() => {
  supervisor = startSupervisor({
    pollMs: 100,
    scope: () => ({ rackIds: [...myRacks] }),
    cfg: { backoffBaseMs: 10, reconcilePollMs: 20, leaseTtlMs: 2_000 },
  });
  onExecutionApproved(() => supervisor.kick());
});
afterAll(async () => supervisor.stop());
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function rackFix(opts: Parameters<typeof rackFixture>[0]): Promise<RackFixture> {
  const f = await rackFixture(opts);
  myRacks.push(f.rackId);
  return f;
}

async function user(name: string, roles: SessionUser["roles"]): Promise<SessionUser> {
  const id = await makeUser(name, roles);
  return { id, name, roles };
}

async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(["split", "reconciler"] as const)("execution lifecycle (%s)", (profile) => {
  it("runs request → approve → succeeded, with the audit trail", async () => {
    fx = await rackFix({ sleds: 2, edits: expungeOneCruciblePerSled, profile });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "expunge crucible",
    });
    expect((await approver.execution.byId({ executionId })).can.approve).toEqual({ ok: true });
    expect(
      await approver.execution.approve({ executionId, planHash, comment: "looks right" }),
    ).toEqual({ state: "approved", approvals: 1, requiredApprovals: 1 });
    const done = await until(
      () => approver.execution.byId({ executionId }),
      (e) => e.state === "succeeded" || e.state === "failed",
    );
    expect(done.state).toBe("succeeded");
    expect(done.stepList.every((s) => s.state === "succeeded")).toBe(true);
    expect(done.attempts.length).toBe(done.stepList.length);
    // the executor writes its finish audit event right after the state change
    const audit = await until(
      () => approver.execution.audit({ executionId }),
      (a) => a.length >= 4,
      5_000,
    );
    expect(audit.map((a) => a.action).reverse()).toEqual([
      "execution.request",
      "execution.approve",
      "execution.start",
      "execution.finish",
    ]);
  });
});

describe("execution refusals", () => {
  it("never lets the requester approve, and refuses viewers and anonymous callers", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const both = await user("both", ["operator", "approver"]);
    const self = createCaller({ user: both });
    const { executionId, planHash } = await self.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    expect((await self.execution.byId({ executionId })).can.approve).toMatchObject({
      ok: false,
      reason: expect.stringContaining("you requested this execution"),
    });
    await expect(
      self.execution.approve({ executionId, planHash, comment: "" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const viewer = createCaller({ user: await user("viewer", ["viewer"]) });
    await expect(
      viewer.execution.approve({ executionId, planHash, comment: "" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      viewer.execution.request({ rackId: fx.rackId, targetBlueprintId: fx.target.id, comment: "" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller({}).execution.byId({ executionId })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await self.execution.byId({ executionId })).state).toBe("awaiting_approval");
    // Cancelling: the capability's code and reason, for a viewer and for an execution that is gone.
    await expect(viewer.execution.cancel({ executionId, comment: "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "cancelling needs the operator or approver role",
    });
    const missing = randomUUID();
    await expect(
      self.execution.cancel({ executionId: missing, comment: "" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `execution ${missing} not found`,
    });
    await expect(self.execution.byId({ executionId: missing })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `execution ${missing} not found`,
    });
  });

  it("refuses an approval that names another plan hash", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const { executionId } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    await expect(
      approver.execution.approve({ executionId, planHash: "0".repeat(64), comment: "" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("plan hash mismatch"),
    });
    expect((await approver.execution.byId({ executionId })).state).toBe("awaiting_approval");
  });

  it("lets exactly one of ten concurrent approvals win", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    const approvers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => user(`ap${i}`, ["approver"])),
    );
    const results = await Promise.allSettled(
      approvers.map((u) =>
        createCaller({ user: u }).execution.approve({ executionId, planHash, comment: "" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code?: string }).code] : [],
    );
    expect(codes).toEqual(Array.from({ length: 9 }, () => "CONFLICT"));
  });

  it("refuses a target that is not a child of the rack's current blueprint", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    await expect(
      operator.execution.request({
        rackId: fx.rackId,
        targetBlueprintId: fx.parent.id,
        comment: "",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("a target that asks nothing of any sled agent", () => {
  it("expunge a sled: request → approve → decommission → current, then a child of it is requestable", async () => {
    fx = await rackFix({
      sleds: 2,
      edits: (p) => [{ kind: "expunge-sled", sledId: p.sleds[0]!.id }],
      profile: "split",
    });
    const gone = fx.parent.sleds[0]!.id;
    const stays = fx.parent.sleds[1]!.id;
    // The sled is physically gone: its agent answers nothing, and nothing needs it to.
    expect((await fx.sim.control.crash(gone)).ok).toBe(true);
    await relaxRedundancyPolicies(fx.rackId);
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const second = createCaller({ user: await user("ap2", ["approver"]) });
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "the sled is gone",
    });
    // A sled leaving the rack needs two approvers (lib/policy approvalRule).
    expect(await approver.execution.approve({ executionId, planHash, comment: "yes" })).toEqual({
      state: "awaiting_approval",
      approvals: 1,
      requiredApprovals: 2,
    });
    await second.execution.approve({ executionId, planHash, comment: "yes too" });
    const done = await until(
      () => approver.execution.byId({ executionId }),
      (e) => ["succeeded", "failed", "stale"].includes(e.state),
    );
    expect(done.state).toBe("succeeded");
    expect(done.stepList.map((s) => [s.stepId, s.state])).toEqual([
      [`${gone}/decommission`, "succeeded"],
    ]);
    expect(done.attempts).toMatchObject([
      { method: "DECOMMISSION", url: `console:sled-agent/${gone}`, error: null },
    ]);
    expect((await operator.rack.byId({ rackId: fx.rackId })).currentBlueprintId).toBe(fx.target.id);
    const agent = await getPrisma().sledAgent.findUniqueOrThrow({ where: { sledId: gone } });
    expect(agent.decommissionedAt).not.toBeNull();
    expect(agent.decommissionedByExecutionId).toBe(executionId);
    const inv = await operator.rack.inventory({ rackId: fx.rackId });
    expect(inv.sleds.find((s) => s.sledId === gone)).toMatchObject({
      decommissioned: true,
      error: null,
    });

    const zone = fx.target.sleds
      .find((s) => s.id === stays)!
      .zones.find((z) => z.zoneType.type === "crucible" && z.disposition === "in_service")!;
    const child = await operator.blueprint.createChild({
      parentId: fx.target.id,
      edits: [{ kind: "expunge-zone", zoneId: zone.id }],
    });
    if (!child.ok) throw new Error(JSON.stringify(child));
    const next = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: child.blueprint.id,
      comment: "and then",
    });
    const stored = await operator.execution.byId({ executionId: next.executionId });
    expect(new Set(stored.stepList.map((s) => s.sledId))).toEqual(new Set([stays]));

    // Registering the agent again is the operator saying the sled is back: the mark goes.
    await upsertSledAgent(fx.rackId, gone, agent.address, agent.profile);
    const again = await getPrisma().sledAgent.findUniqueOrThrow({ where: { sledId: gone } });
    expect(again.decommissionedAt).toBeNull();
  });

  it("expunge a sled whose agent was never registered: no agent needed, nothing stale", async () => {
    fx = await rackFix({
      sleds: 2,
      edits: (p) => [{ kind: "expunge-sled", sledId: p.sleds[0]!.id }],
      profile: "reconciler",
    });
    const gone = fx.parent.sleds[0]!.id;
    await getPrisma().sledAgent.delete({ where: { sledId: gone } });
    await relaxRedundancyPolicies(fx.rackId);
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const second = createCaller({ user: await user("ap2", ["approver"]) });
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    await approver.execution.approve({ executionId, planHash, comment: "" });
    await second.execution.approve({ executionId, planHash, comment: "" });
    const done = await until(
      () => approver.execution.byId({ executionId }),
      (e) => ["succeeded", "failed", "stale"].includes(e.state),
    );
    expect(done.state).toBe("succeeded");
    expect(done.attempts[0]?.responseBody).toMatchObject({ decommissioned: true });
    expect((await operator.rack.byId({ rackId: fx.rackId })).currentBlueprintId).toBe(fx.target.id);
  });

  it("a target that changes nothing: a zero-step plan that only moves the current blueprint", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const copy = { ...fx.parent, id: randomUUID(), parentId: fx.parent.id };
    const imported = await operator.blueprint.import({
      rackId: fx.rackId,
      json: toOmicronJson(copy),
    });
    expect(imported.ok).toBe(true);
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: copy.id,
      comment: "no change",
    });
    await approver.execution.approve({ executionId, planHash, comment: "yes" });
    const done = await until(
      () => approver.execution.byId({ executionId }),
      (e) => ["succeeded", "failed", "stale"].includes(e.state),
    );
    expect(done.state).toBe("succeeded");
    expect(done.stepList).toEqual([]);
    expect((await operator.rack.byId({ rackId: fx.rackId })).currentBlueprintId).toBe(copy.id);
  });
});

describe("a rack whose sleds have no known sled agent", () => {
  it("refuses the request, naming the sleds and how to register an agent, and stores nothing", async () => {
    fx = await rackFix({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const missing = fx.parent.sleds[1]!.id;
    await getPrisma().sledAgent.delete({ where: { sledId: missing } });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const err = await operator.execution
      .request({ rackId: fx.rackId, targetBlueprintId: fx.target.id, comment: "" })
      .then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
    expect(err?.code).toBe("BAD_REQUEST");
    expect(err?.message).toContain(missing);
    expect(err?.message).toContain(`${missing.slice(0, 8)}…`);
    expect(err?.message).toContain("rack.setSledAgent({rackId, sledId, address, profile})");
    expect(err?.message).not.toContain(fx.parent.sleds[0]!.id);
    expect(await getPrisma().execution.count({ where: { rackId: fx.rackId } })).toBe(0);
  });
});

/** Typed as {id, data}, but createCaller yields tracked() envelopes as they are: [id, data, marker]. */
function unwrapTracked<T>(ev: { id: string; data: T }): { id: string; data: T } {
  if (Array.isArray(ev)) {
    const [id, data] = ev as unknown as [string, T];
    return { id, data };
  }
  return ev;
}

describe("execution.events", () => {
  it("streams every step event to the end and resumes after a given event id", async () => {
    fx = await rackFix({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op", ["operator"]) });
    const approver = createCaller({ user: await user("ap", ["approver"]) });
    const { executionId, planHash } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    await approver.execution.approve({ executionId, planHash, comment: "" });
    const seen: { id: string; type: string; stepId: string | null }[] = [];
    for await (const ev of await approver.execution.events({ executionId })) {
      const { id, data } = unwrapTracked(ev);
      seen.push({ id, type: data.type, stepId: data.stepId });
    }
    const types = seen.map((e) => e.type);
    expect(types[0]).toBe("execution.requested");
    expect(types).toContain("execution.approved");
    expect(types).toContain("execution.running");
    expect(types.at(-1)).toBe("execution.succeeded");
    const detail = await approver.execution.byId({ executionId });
    for (const step of detail.stepList) {
      expect(seen.filter((e) => e.stepId === step.stepId).map((e) => e.type)).toEqual([
        "step.started",
        "attempt.started",
        "attempt.finished",
        "step.succeeded",
      ]);
    }
    const middle = seen[Math.floor(seen.length / 2)]!;
    const rest: string[] = [];
    for await (const ev of await approver.execution.events({ executionId, lastEventId: middle.id }))
      rest.push(unwrapTracked(ev).id);
    expect(rest).toEqual(seen.slice(seen.indexOf(middle) + 1).map((e) => e.id));
  });
});

describe("execution.events and a late commit", () => {
  it("delivers an event whose transaction took a lower id but committed after a higher one was read", async () => {
    fx = await rackFix({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const operator = createCaller({ user: await user("op-late", ["operator"]) });
    const { executionId } = await operator.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    const pg = await import("pg");
    const slow = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    const other = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    await slow.connect();
    await other.connect();
    try {
      const insert = `INSERT INTO "ExecutionEvent" ("executionId", type, data) VALUES ($1, $2, '{}') RETURNING id`;
      // The slow transaction takes its id first and commits last.
      await slow.query("BEGIN");
      const late = (await slow.query<{ id: string }>(insert, [executionId, "test.late"])).rows[0]
        ?.id;
      const fast = (await other.query<{ id: string }>(insert, [executionId, "test.fast"])).rows[0]
        ?.id;
      expect(BigInt(late ?? "0")).toBeLessThan(BigInt(fast ?? "0"));
      const seen: string[] = [];
      const stream = await operator.execution.events({ executionId });
      for await (const ev of stream) {
        const { data } = unwrapTracked(ev);
        seen.push(data.type);
        if (data.type === "test.fast") await slow.query("COMMIT"); // after the reader passed its id
        if (data.type === "test.late") break;
      }
      expect(seen.slice(-2)).toEqual(["test.fast", "test.late"]);
    } finally {
      await slow.end();
      await other.end();
    }
  });
});
