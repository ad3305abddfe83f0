/**
 * A rack linked to its Nexus is Nexus's to change: its executor re-sends its target to every
 * sled, so the console refuses to request or approve an execution of its own there (until
 * executions go through Nexus). Unlinking makes the rack the console's again.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeUser, rackFixture, type RackFixture } from "~/test/support/executor-fixture";
import type { SessionUser } from "../auth/roles";
import { createCaller } from "./_app";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function caller(name: string, roles: SessionUser["roles"]) {
  return createCaller({ user: { id: await makeUser(name, roles), name, roles } });
}

const NEXUS = "http://127.0.0.1:9"; // never polled here: no poller runs in this test
const linked = { code: "CONFLICT", message: expect.stringContaining("is linked to Nexus") };

describe("executions on a Nexus-linked rack", () => {
  it("are refused at request and approval, and allowed again once the rack is unlinked", async () => {
    fx = await rackFixture({
      sleds: 1,
      edits: (bp) => {
        const zone = bp.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
        return [{ kind: "expunge-zone", zoneId: zone?.id ?? "" }];
      },
      profile: "reconciler",
    });
    const { rackId } = fx;
    const operator = await caller("op", ["operator"]);
    const approver = await caller("ap", ["approver"]);
    const targetBlueprintId = fx.target.id;
    const requested = await operator.execution.request({ rackId, targetBlueprintId });

    await operator.rack.setNexus({ rackId, urls: [NEXUS] });
    await expect(operator.execution.request({ rackId, targetBlueprintId })).rejects.toMatchObject(
      linked,
    );
    const seen = await approver.execution.byId({ executionId: requested.executionId });
    expect(seen.can.approve).toEqual({
      ok: false,
      reason: expect.stringContaining(`linked to Nexus (${NEXUS})`),
    });
    await expect(
      approver.execution.approve({
        executionId: requested.executionId,
        planHash: requested.planHash,
      }),
    ).rejects.toMatchObject(linked);
    expect((await approver.execution.byId({ executionId: requested.executionId })).state).toBe(
      "awaiting_approval",
    );

    await operator.rack.setNexus({ rackId, urls: [] });
    await approver.execution.approve({
      executionId: requested.executionId,
      planHash: requested.planHash,
    });
    expect((await approver.execution.byId({ executionId: requested.executionId })).state).toBe(
      "approved",
    );
  });
});
