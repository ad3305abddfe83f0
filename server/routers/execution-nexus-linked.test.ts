/**
 * Execution modes on a Nexus-linked rack (issue 15): a linked rack's request gets a mode
 * (`nexus` by default, or `direct`), stored on the execution and bound into the plan hash; an
 * unlinked rack's request takes none. An execution planned before the rack was linked is not
 * approved (its plan would race Nexus's executor), and one planned for a linked rack is not
 * approved once the rack is unlinked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { rackFixture, type RackFixture } from "~/test/support/executor-fixture";
import { userCaller } from "~/test/support/console-fixture";
import type { SessionUser } from "../auth/roles";
import { getPrisma } from "../db";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function caller(name: string, roles: SessionUser["roles"]) {
  return (await userCaller(name, roles)).api;
}

const NEXUS = "http://127.0.0.1:9"; // never called here: no poller or executor runs in this test

async function rack(profile: "reconciler" | "split" = "reconciler") {
  fx = await rackFixture({
    sleds: 1,
    edits: (bp) => {
      const zone = bp.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
      return [{ kind: "expunge-zone", zoneId: zone?.id ?? "" }];
    },
    profile,
  });
  return fx;
}

describe("executions on a Nexus-linked rack", () => {
  it("get mode nexus by default, or direct; the mode is stored and bound into the plan hash", async () => {
    const { rackId, target } = await rack();
    const operator = await caller("op", ["operator"]);
    await operator.rack.setNexus({ rackId, urls: [NEXUS] });
    const byDefault = await operator.execution.request({ rackId, targetBlueprintId: target.id });
    const direct = await operator.execution.request({
      rackId,
      targetBlueprintId: target.id,
      mode: "direct",
    });
    expect(byDefault.mode).toBe("nexus");
    expect(direct.mode).toBe("direct");
    expect(byDefault.planHash).not.toBe(direct.planHash);
    const rows = await getPrisma().execution.findMany({
      where: { id: { in: [byDefault.executionId, direct.executionId] } },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.mode]))).toEqual({
      [byDefault.executionId]: "nexus",
      [direct.executionId]: "direct",
    });
    // the preview is the plan that was stored, per mode
    const preview = await operator.blueprint.plan({ parentId: fx!.parent.id, targetId: target.id });
    expect(preview.planHash).toBe(byDefault.planHash);
    expect(preview.plan.mode).toBe("nexus");
    expect(preview.plan.steps.map((s) => s.kind)).toEqual(["nexus", "nexus", "nexus"]);
    const directPreview = await operator.blueprint.plan({
      parentId: fx!.parent.id,
      targetId: target.id,
      mode: "direct",
    });
    expect(directPreview.planHash).toBe(direct.planHash);
  });

  it("refuse a mode on an unlinked rack, and nexus mode on split-API sleds", async () => {
    const { rackId, target } = await rack("split");
    const operator = await caller("op", ["operator"]);
    await expect(
      operator.execution.request({ rackId, targetBlueprintId: target.id, mode: "nexus" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not linked"),
    });
    await operator.rack.setNexus({ rackId, urls: [NEXUS] });
    await expect(
      operator.execution.request({ rackId, targetBlueprintId: target.id }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("request this change in direct mode"),
    });
    const direct = await operator.execution.request({
      rackId,
      targetBlueprintId: target.id,
      mode: "direct",
    });
    expect(direct.mode).toBe("direct");
  });

  it("are not approved when planned before the link, nor after the rack was unlinked", async () => {
    const { rackId, target } = await rack();
    const operator = await caller("op", ["operator"]);
    const approver = await caller("ap", ["approver"]);
    const unlinked = await operator.execution.request({ rackId, targetBlueprintId: target.id });
    expect(unlinked.mode).toBeNull();

    await operator.rack.setNexus({ rackId, urls: [NEXUS] });
    const seen = await approver.execution.byId({ executionId: unlinked.executionId });
    expect(seen.can.approve).toEqual({
      ok: false,
      reason: expect.stringContaining(
        `linked to Nexus (${NEXUS}) and this execution was planned without it`,
      ),
    });
    await expect(
      approver.execution.approve({
        executionId: unlinked.executionId,
        planHash: unlinked.planHash,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const linked = await operator.execution.request({ rackId, targetBlueprintId: target.id });

    await operator.rack.setNexus({ rackId, urls: [] });
    await expect(
      approver.execution.approve({ executionId: linked.executionId, planHash: linked.planHash }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no longer linked"),
    });
    await approver.execution.approve({
      executionId: unlinked.executionId,
      planHash: unlinked.planHash,
    });
    expect((await approver.execution.byId({ executionId: unlinked.executionId })).state).toBe(
      "approved",
    );
  });
});
