/**
 * Issue 16 over the API: hard-mandatory policy failures refuse the request and the approval;
 * a soft-mandatory failure needs each approver's written override (recorded and audited);
 * a change that takes a sled out of the rack needs two distinct approvers, never the
 * requester, counted once each even when they approve at the same moment.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Blueprint } from "~/lib/blueprint/model";
import {
  rackFixture,
  relaxRedundancyPolicies,
  type RackFixture,
  quietDisk,
} from "~/test/support/executor-fixture";
import { userCaller } from "~/test/support/console-fixture";
import { getPrisma } from "../db";
import { listAudit } from "../repo/audit";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

const caller = userCaller;

const inService = (bp: Blueprint, type: string) =>
  bp.sleds.flatMap((s) =>
    s.zones.filter((z) => z.zoneType.type === type && z.disposition === "in_service"),
  );

const executionsOf = (rackId: string) => getPrisma().execution.count({ where: { rackId } });

describe("policy enforcement", () => {
  it("refuses a request a hard-mandatory policy blocks, and stores nothing", async () => {
    fx = await rackFixture({
      sleds: 5,
      profile: "reconciler",
      edits: (bp) =>
        inService(bp, "cockroach_db")
          .slice(0, 3)
          .map((z) => ({ kind: "expunge-zone" as const, zoneId: z.id })),
    });
    const op = await caller("op", ["operator"]);
    await expect(
      op.api.execution.request({ rackId: fx.rackId, targetBlueprintId: fx.target.id, comment: "" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /^1 hard-mandatory policy blocks this change: cockroachdb-quorum \(expunges 3 CockroachDB zones: only 2 of 5/,
      ),
    });
    expect(await executionsOf(fx.rackId)).toBe(0);
  });

  it("asks each approver to override a soft-mandatory failure in writing, and refuses once an admin makes it hard", async () => {
    fx = await rackFixture({
      sleds: 2,
      profile: "reconciler",
      edits: (bp) => [{ kind: "expunge-disk", diskId: quietDisk(bp, 1) }],
    });
    const op = await caller("op", ["operator"]);
    const ap = await caller("ap", ["approver"]);
    const admin = await caller("admin", ["admin"]);
    const { executionId, planHash } = await op.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "retire the disk",
    });
    const before = await ap.api.execution.byId({ executionId });
    expect(before.policy.find((r) => r.id === "expunges-present-hardware")).toMatchObject({
      level: "soft-mandatory",
      passed: false,
    });
    expect(before.requiredApprovals).toBe(1);
    await expect(
      ap.api.execution.approve({ executionId, planHash, comment: "ok" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /^soft-mandatory policy needs your override with a written reason: expunges-present-hardware/,
      ),
    });
    // An admin makes the check hard: now nobody may approve it.
    await admin.api.policy.setRack({
      rackId: fx.rackId,
      levels: { "expunges-present-hardware": "hard-mandatory" },
      maxSledsChanged: null,
    });
    await expect(
      ap.api.execution.approve({
        executionId,
        planHash,
        comment: "ok",
        overrides: [{ id: "expunges-present-hardware", reason: "the disk is being replaced" }],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^1 hard-mandatory policy blocks this change/),
    });
    await admin.api.policy.setRack({ rackId: fx.rackId, levels: {}, maxSledsChanged: null });
    expect(
      await ap.api.execution.approve({
        executionId,
        planHash,
        comment: "ok",
        overrides: [{ id: "expunges-present-hardware", reason: "  the disk is being replaced  " }],
      }),
    ).toEqual({ state: "approved", approvals: 1, requiredApprovals: 1 });
    const after = await ap.api.execution.byId({ executionId });
    expect(after.policyOverrides).toMatchObject([
      { id: "expunges-present-hardware", reason: "the disk is being replaced", name: "ap" },
    ]);
    expect(after.approvals).toMatchObject([{ name: "ap", comment: "ok" }]);
    const audit = await listAudit({ executionId, action: "policy-override" });
    expect(audit.map((a) => a.details)).toEqual([
      { policy: "expunges-present-hardware", reason: "the disk is being replaced" },
    ]);
  });
});

describe("approval rules", () => {
  async function sledLeaves() {
    fx = await rackFixture({
      sleds: 2,
      profile: "reconciler",
      edits: (bp) => [{ kind: "expunge-sled", sledId: bp.sleds[0]?.id ?? "" }],
    });
    await relaxRedundancyPolicies(fx.rackId);
    // The sled is gone: its agent no longer answers (else a soft-mandatory check asks why).
    await fx.sim.control.refuse(fx.parent.sleds[0]?.id ?? "");
    const requester = await caller("oscar", ["operator", "approver"]);
    const { executionId, planHash } = await requester.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "sled 0 died",
    });
    return { requester, executionId, planHash };
  }

  it("needs two distinct approvers to take a sled out; the requester and a second click do not count", async () => {
    const { requester, executionId, planHash } = await sledLeaves();
    const a = await caller("avery", ["approver"]);
    const b = await caller("bea", ["approver"]);
    expect((await a.api.execution.byId({ executionId })).requiredApprovals).toBe(2);
    await expect(
      requester.api.execution.approve({ executionId, planHash, comment: "mine" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await a.api.execution.approve({ executionId, planHash, comment: "one" })).toEqual({
      state: "awaiting_approval",
      approvals: 1,
      requiredApprovals: 2,
    });
    expect((await a.api.execution.byId({ executionId })).can.approve).toEqual({
      ok: false,
      reason: "you have already approved this execution; it waits for another approver",
    });
    await expect(
      a.api.execution.approve({ executionId, planHash, comment: "again" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "avery has already approved this execution",
    });
    expect((await a.api.execution.byId({ executionId })).state).toBe("awaiting_approval");
    expect(await b.api.execution.approve({ executionId, planHash, comment: "two" })).toEqual({
      state: "approved",
      approvals: 2,
      requiredApprovals: 2,
    });
    const done = await b.api.execution.byId({ executionId });
    expect(done.approvals.map((x) => x.name)).toEqual(["avery", "bea"]);
  });

  it("counts approvals arriving at the same moment once each: two make it approved, a third is refused", async () => {
    const { executionId, planHash } = await sledLeaves();
    const approvers = await Promise.all(["a1", "a2", "a3"].map((n) => caller(n, ["approver"])));
    const answers = await Promise.allSettled(
      approvers.map((x) => x.api.execution.approve({ executionId, planHash, comment: "now" })),
    );
    const states = answers.map((r) => (r.status === "fulfilled" ? r.value.state : "refused"));
    expect(states.filter((s) => s === "approved")).toHaveLength(1);
    expect(states.filter((s) => s === "awaiting_approval")).toHaveLength(1);
    expect(states.filter((s) => s === "refused")).toHaveLength(1);
    expect(await getPrisma().executionApproval.count({ where: { executionId } })).toBe(2);
    expect(
      (await getPrisma().execution.findUniqueOrThrow({ where: { id: executionId } })).state,
    ).toBe("approved");
  });
});
