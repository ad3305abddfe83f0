/**
 * Issue 12, sibling executions: children CA and CB of the rack's current blueprint P (each on
 * its own sled). Once CA ran, the rack is at CA and CB must never run from P: its approval is
 * refused, an approved CB ends stale without a request, and two finishing siblings cannot both
 * move the rack. Real Postgres, the real routers (createCaller) and real simulated sled agents;
 * the executor is driven by hand (driveExecution) so the order of events is the test's.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Blueprint } from "~/lib/blueprint/model";
import { makeUser, rackFixture, type RackFixture } from "~/test/support/executor-fixture";
import { userCaller } from "~/test/support/console-fixture";
import type { SessionUser } from "../auth/roles";
import { getPrisma } from "../db";
import { driveExecution } from "../executor/drive";
import { changeState } from "../repo/executions";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

const fast = { backoffBaseMs: 10, reconcilePollMs: 20, leaseTtlMs: 2_000 };

async function caller(name: string, roles: SessionUser["roles"]) {
  return (await userCaller(name, roles)).api;
}

/** An edit of sled `i` only: expunge its first in-service crucible zone. */
const expungeCrucibleOn = (bp: Blueprint, i: number) => {
  const zone = bp.sleds[i]?.zones.find(
    (z) => z.zoneType.type === "crucible" && z.disposition === "in_service",
  );
  if (!zone) throw new Error(`no crucible zone on sled ${i}`);
  return [{ kind: "expunge-zone" as const, zoneId: zone.id }];
};

/**
 * A rack at P on `sleds` simulated sleds and one stored child of P per sled (child i changes
 * sled i only), each requested by an operator: the executions, awaiting approval.
 */
async function siblings(sleds: number) {
  fx = await rackFixture({ sleds, edits: (bp) => expungeCrucibleOn(bp, 0), profile: "split" });
  const { rackId, parent } = fx;
  const operator = await caller("op", ["operator"]);
  const children = [fx.target.id];
  for (let i = 1; i < sleds; i++) {
    const made = await operator.blueprint.createChild({
      parentId: parent.id,
      edits: expungeCrucibleOn(parent, i),
    });
    if (!made.ok) throw new Error(JSON.stringify(made));
    children.push(made.blueprint.id);
  }
  const executions = [];
  for (const targetBlueprintId of children)
    executions.push({
      targetBlueprintId,
      ...(await operator.execution.request({ rackId, targetBlueprintId, comment: "sibling" })),
    });
  return { rackId, parent, operator, executions };
}

const moved = (to: string) =>
  `the rack moved to ${to} since this was requested: re-request from ${to}`;

/** Every request each simulated sled agent has seen so far, GETs included. */
function requestLogs(f: RackFixture) {
  return f.sim.sleds.map((s) => {
    const d = f.sim.control.detail(s.id);
    if (!d.ok) throw new Error(d.message);
    return d.value.requestLog.map((r) => `${r.method} ${r.path}`);
  });
}

async function currentOf(rackId: string) {
  return (await getPrisma().rack.findUniqueOrThrow({ where: { id: rackId } })).currentBlueprintId;
}

/** What the code before issue 12 let happen: a sibling approved (or started) behind the rack's back. */
async function forceState(id: string, approverId: string, to: "approved" | "running") {
  const approved = await changeState(
    id,
    "awaiting_approval",
    { type: "approve" },
    { decidedById: approverId, decidedAt: new Date() },
  );
  if (!approved.ok) throw new Error(approved.reason);
  if (to === "running") {
    const started = await changeState(id, "approved", { type: "start" }, { startedAt: new Date() });
    if (!started.ok) throw new Error(started.reason);
  }
}

describe("sibling executions of one parent", () => {
  it("refuses CB's approval while CA is approved, and with the rack's new blueprint once CA ran", async () => {
    const { executions } = await siblings(2);
    const [ca, cb] = executions as [(typeof executions)[0], (typeof executions)[0]];
    const approver = await caller("ap", ["approver"]);
    await approver.execution.approve({ executionId: ca.executionId, planHash: ca.planHash });
    await expect(
      approver.execution.approve({ executionId: cb.executionId, planHash: cb.planHash }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: `execution ${ca.executionId} of this rack is approved: one execution per rack may be approved or running at a time; wait for it to end`,
    });

    expect(await driveExecution(ca.executionId, { runner: "r", cfg: fast })).toEqual({
      kind: "ended",
      state: "succeeded",
    });
    expect(await currentOf(fx!.rackId)).toBe(ca.targetBlueprintId);
    // The approve button says why, before anyone presses it; rejecting stays possible.
    expect((await approver.execution.byId({ executionId: cb.executionId })).can).toMatchObject({
      approve: { ok: false, reason: moved(ca.targetBlueprintId) },
      reject: { ok: true },
    });
    await expect(
      approver.execution.approve({ executionId: cb.executionId, planHash: cb.planHash }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: moved(ca.targetBlueprintId) });
    // It stays a proposal (rejectable), and the rack stays at CA.
    expect((await approver.execution.byId({ executionId: cb.executionId })).state).toBe(
      "awaiting_approval",
    );
    expect(await currentOf(fx!.rackId)).toBe(ca.targetBlueprintId);
    expect(
      await approver.execution.reject({ executionId: cb.executionId, comment: "superseded" }),
    ).toEqual({ state: "rejected" });
  });

  it("ends an approved CB stale, sending nothing, once CA finished first", async () => {
    const { executions, rackId } = await siblings(2);
    const [ca, cb] = executions as [(typeof executions)[0], (typeof executions)[0]];
    const approver = await caller("ap", ["approver"]);
    await approver.execution.approve({ executionId: ca.executionId, planHash: ca.planHash });
    const legacy = await makeUser("legacy-ap", ["approver"]);
    await forceState(cb.executionId, legacy, "approved");

    expect(await driveExecution(ca.executionId, { runner: "r", cfg: fast })).toEqual({
      kind: "ended",
      state: "succeeded",
    });
    const before = requestLogs(fx!);
    expect(await driveExecution(cb.executionId, { runner: "r", cfg: fast })).toEqual({
      kind: "ended",
      state: "stale",
    });
    expect(requestLogs(fx!)).toEqual(before); // not a request, not even a read
    expect(before[1]!.filter((r) => r.startsWith("PUT"))).toEqual([]); // CB's sled: untouched

    const detail = await approver.execution.byId({ executionId: cb.executionId });
    expect(detail.state).toBe("stale");
    expect(detail.outcome).toEqual({
      stale: [],
      reason: moved(ca.targetBlueprintId),
      currentBlueprintId: ca.targetBlueprintId,
    });
    expect(detail.attempts).toEqual([]);
    expect(detail.stepList.map((s) => [s.state, s.error])).toEqual(
      detail.stepList.map(() => ["skipped", `not sent: ${moved(ca.targetBlueprintId)}`]),
    );
    expect(await currentOf(rackId)).toBe(ca.targetBlueprintId);
    const audit = await approver.execution.audit({ executionId: cb.executionId });
    expect(audit.find((a) => a.action === "execution.stale")?.details).toEqual({
      reason: moved(ca.targetBlueprintId),
      currentBlueprintId: ca.targetBlueprintId,
    });
  });

  it("refuses a request while another execution of the rack is approved or running", async () => {
    fx = await rackFixture({ sleds: 2, edits: (bp) => expungeCrucibleOn(bp, 0), profile: "split" });
    const { rackId, parent } = fx;
    const operator = await caller("op", ["operator"]);
    const approver = await caller("ap", ["approver"]);
    const made = await operator.blueprint.createChild({
      parentId: parent.id,
      edits: expungeCrucibleOn(parent, 1),
    });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const cb = made.blueprint.id;
    const ca = await operator.execution.request({ rackId, targetBlueprintId: fx.target.id });
    // Proposals may coexist: CB can be requested while CA only awaits approval.
    const proposal = await operator.execution.request({ rackId, targetBlueprintId: cb });
    await approver.execution.reject({ executionId: proposal.executionId });
    await approver.execution.approve({ executionId: ca.executionId, planHash: ca.planHash });
    const busy = (state: string) => ({
      code: "CONFLICT",
      message: `execution ${ca.executionId} of this rack is ${state}: wait for it to end, then request again from the blueprint it leaves current`,
    });
    await expect(
      operator.execution.request({ rackId, targetBlueprintId: cb }),
    ).rejects.toMatchObject(busy("approved"));

    fx.sim.control.setFaults("all", { latencyMs: 400, method: "PUT" });
    const running = driveExecution(ca.executionId, { runner: "r", cfg: fast });
    for (let i = 0; i < 200; i++) {
      if ((await operator.execution.byId({ executionId: ca.executionId })).state === "running")
        break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await expect(
      operator.execution.request({ rackId, targetBlueprintId: cb }),
    ).rejects.toMatchObject(busy("running"));
    expect(await running).toEqual({ kind: "ended", state: "succeeded" });
    const requested = await getPrisma().execution.count({ where: { rackId } });
    expect(requested).toBe(2); // CA and the rejected proposal: nothing else was stored
  });

  it("starts only one of two approved siblings, the other waits while it runs, then ends stale", async () => {
    const { executions } = await siblings(2);
    const legacy = await makeUser("legacy-ap", ["approver"]);
    for (const e of executions) await forceState(e.executionId, legacy, "approved");
    fx!.sim.control.setFaults("all", { latencyMs: 300, method: "PUT" });
    const drive = async (id: string, runner: string) => {
      let r = await driveExecution(id, { runner, cfg: fast });
      while (r.kind === "waiting") {
        await new Promise((res) => setTimeout(res, 50));
        r = await driveExecution(id, { runner, cfg: fast });
      }
      return r;
    };
    const results = await Promise.all(executions.map((e, i) => drive(e.executionId, `r${i}`)));
    const states = results.map((r) => (r.kind === "ended" ? r.state : r.kind));
    expect([...states].sort()).toEqual(["stale", "succeeded"]);
    const winner = executions[states.indexOf("succeeded")]!;
    const loser = executions[states.indexOf("stale")]!;
    const viewer = await caller("viewer", ["viewer"]);
    const lost = await viewer.execution.byId({ executionId: loser.executionId });
    expect(lost.attempts).toEqual([]);
    expect(lost.startedAt).toBeNull();
    expect(lost.outcome).toMatchObject({ reason: moved(winner.targetBlueprintId) });
  });

  it("lets exactly one of several siblings approved at the same moment win", async () => {
    const { executions, rackId } = await siblings(4);
    const approvers = await Promise.all(executions.map((_, i) => caller(`ap${i}`, ["approver"])));
    const results = await Promise.allSettled(
      executions.map((e, i) =>
        approvers[i]!.execution.approve({ executionId: e.executionId, planHash: e.planHash }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code?: string }).code] : [],
    );
    expect(refused).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"]);
    const states = await getPrisma().execution.findMany({
      where: { rackId },
      select: { state: true },
    });
    expect(states.map((s) => s.state).sort()).toEqual([
      "approved",
      "awaiting_approval",
      "awaiting_approval",
      "awaiting_approval",
    ]);
  });

  it("never lets two running siblings both move the rack: the second ends failed, saying why", async () => {
    const { executions, rackId, parent } = await siblings(2);
    const legacy = await makeUser("legacy-ap", ["approver"]);
    for (const e of executions) await forceState(e.executionId, legacy, "running");
    const results = await Promise.all(
      executions.map((e, i) => driveExecution(e.executionId, { runner: `r${i}`, cfg: fast })),
    );
    const states = results.map((r) => (r.kind === "ended" ? r.state : r.kind)).sort();
    expect(states).toEqual(["failed", "succeeded"]);
    const winner =
      executions[results.findIndex((r) => r.kind === "ended" && r.state === "succeeded")]!;
    const loser = executions.find((e) => e !== winner)!;
    expect(await currentOf(rackId)).toBe(winner.targetBlueprintId);

    const viewer = await caller("viewer", ["viewer"]);
    const lost = await viewer.execution.byId({ executionId: loser.executionId });
    const reason = `the rack's current blueprint moved to ${winner.targetBlueprintId} while this ran; the sleds hold this target`;
    expect(lost.state).toBe("failed");
    expect(lost.stepList.every((s) => s.state === "succeeded")).toBe(true);
    expect(lost.outcome).toEqual({
      failedSteps: [],
      rootFailure: null,
      reason,
      currentBlueprintId: winner.targetBlueprintId,
    });
    const audit = await viewer.execution.audit({ executionId: loser.executionId });
    expect(audit.find((a) => a.action === "execution.finish")?.details).toEqual({
      outcome: "failed",
      reason,
      currentBlueprintId: winner.targetBlueprintId,
    });
    expect(parent.id).not.toBe(winner.targetBlueprintId);
  });
});
