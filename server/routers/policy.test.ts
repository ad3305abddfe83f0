/**
 * Issue 16, policy checks over the API: blueprint.plan returns every check with the rack's
 * levels (inventory read from the real simulated sled agents), and an admin — only an admin —
 * sets a rack's levels, audited with what they were before.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Blueprint } from "~/lib/blueprint/model";
import { POLICY_IDS } from "~/lib/policy/policies";
import { errorCode } from "~/test/support/console-fixture";
import { quietDisk, rackFixture, type RackFixture } from "~/test/support/executor-fixture";
import { userCaller } from "~/test/support/console-fixture";
import { listAudit } from "../repo/audit";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

const caller = userCaller;

const zonesOf = (bp: Blueprint, type: string) =>
  bp.sleds.flatMap((s) =>
    s.zones.filter((z) => z.zoneType.type === type && z.disposition === "in_service"),
  );

const byId = <T extends { id: string }>(xs: readonly T[], id: string) =>
  xs.find((x) => x.id === id);

describe("policy checks in the plan preview", () => {
  it("passes every check for expunging one crucible zone", async () => {
    fx = await rackFixture({
      sleds: 3,
      profile: "reconciler",
      edits: (bp) => [{ kind: "expunge-zone", zoneId: zonesOf(bp, "crucible")[0]?.id ?? "" }],
    });
    const { api } = await caller("viewer", ["viewer"]);
    const preview = await api.blueprint.plan({ parentId: fx.parent.id, targetId: fx.target.id });
    expect(preview.policy.map((r) => r.id)).toEqual(POLICY_IDS);
    expect(preview.policy.filter((r) => !r.passed)).toEqual([]);
  });

  it("fails the quorum check when too many CockroachDB zones go, and the hardware check for a disk the agent still reports", async () => {
    fx = await rackFixture({
      sleds: 5,
      profile: "reconciler",
      edits: (bp) => [
        ...zonesOf(bp, "cockroach_db")
          .slice(0, 3)
          .map((z) => ({ kind: "expunge-zone" as const, zoneId: z.id })),
        { kind: "expunge-disk" as const, diskId: quietDisk(bp, 4) },
      ],
    });
    const { api } = await caller("viewer", ["viewer"]);
    const preview = await api.blueprint.plan({ parentId: fx.parent.id, targetId: fx.target.id });
    expect(byId(preview.policy, "cockroachdb-quorum")).toMatchObject({
      level: "hard-mandatory",
      passed: false,
      message:
        "expunges 3 CockroachDB zones: only 2 of 5 stay in service; a quorum is 3, so the database would lose its quorum",
    });
    const quiet = quietDisk(fx.parent, 4);
    const disk = fx.parent.sleds[4]?.disks.find((d) => d.id === quiet);
    expect(byId(preview.policy, "expunges-present-hardware")).toMatchObject({
      level: "soft-mandatory",
      passed: false,
      message: `inventory still shows present and healthy: disk ${disk?.id} (serial ${disk?.identity.serial}) on sled ${fx.parent.sleds[4]?.id}`,
    });
    // The agent gone silent: nothing reports the disk any more.
    const sled = fx.sim.sleds[4];
    if (!sled) throw new Error("no sled 4");
    await fx.sim.control.refuse(sled.id);
    const silent = await api.blueprint.plan({ parentId: fx.parent.id, targetId: fx.target.id });
    expect(byId(silent.policy, "expunges-present-hardware")?.passed).toBe(true);
  });
});

describe("a rack's policy levels", () => {
  it("are read by anyone, set only by an admin, and every change is audited", async () => {
    fx = await rackFixture({
      sleds: 2,
      profile: "reconciler",
      edits: (bp) => [{ kind: "expunge-zone", zoneId: zonesOf(bp, "crucible")[0]?.id ?? "" }],
    });
    const rackId = fx.rackId;
    const viewer = await caller("viewer", ["viewer"]);
    const operator = await caller("operator", ["operator", "approver"]);
    const admin = await caller("admin", ["admin"]);
    const before = await viewer.api.policy.rack({ rackId });
    expect(before.maxSledsChanged).toBe(8);
    expect(byId(before.checks, "sleds-changed")).toEqual({
      id: "sleds-changed",
      level: "advisory",
      default: "advisory",
    });
    const change = {
      rackId,
      levels: {
        "sleds-changed": "hard-mandatory" as const,
        "plan-hazards": "hard-mandatory" as const,
      },
      maxSledsChanged: 1,
    };
    expect(await errorCode(operator.api.policy.setRack(change))).toBe("FORBIDDEN");
    expect(
      await errorCode(
        admin.api.policy.setRack({ ...change, levels: { nope: "advisory" } as never }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await errorCode(
        admin.api.policy.setRack({ ...change, rackId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
    const after = await admin.api.policy.setRack(change);
    expect(byId(after.checks, "sleds-changed")?.level).toBe("hard-mandatory");
    expect(after.maxSledsChanged).toBe(1);
    // The plan preview applies them: the change touches one sled, within the limit of 1.
    const preview = await viewer.api.blueprint.plan({
      parentId: fx.parent.id,
      targetId: fx.target.id,
    });
    expect(byId(preview.policy, "sleds-changed")).toMatchObject({
      level: "hard-mandatory",
      passed: true,
    });
    const audit = await listAudit({ actorId: admin.id, action: "rack-policy-changed" });
    expect(audit).toHaveLength(1);
    // Only what differs from the defaults is kept: plan-hazards is hard by default.
    expect(audit[0]?.details).toEqual({
      rackId,
      before: { levels: {}, maxSledsChanged: null },
      after: { levels: { "sleds-changed": "hard-mandatory" }, maxSledsChanged: 1 },
    });
    // A viewer sees what the admin set.
    expect((await viewer.api.policy.rack({ rackId })).maxSledsChanged).toBe(1);
  });
});
