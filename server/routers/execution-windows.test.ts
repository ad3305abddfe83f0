/**
 * Issue 16 over the API: maintenance windows (an approved execution outside the rack's window
 * waits, says when it starts, and starts in the window — the executor's clock is injected and
 * moved; an approver may start it now with a written reason, audited; cancel works while it
 * waits), and the change summary every list shows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  expungeOneCruciblePerSled,
  rackFixture,
  relaxRedundancyPolicies,
  type RackFixture,
} from "~/test/support/executor-fixture";
import { makeRack, userCaller } from "~/test/support/console-fixture";
import { startSupervisor, type Supervisor } from "../executor/supervisor";
import { listAudit } from "../repo/audit";
import { getPrisma } from "../db";

let fx: RackFixture | undefined;
let supervisor: Supervisor;
const myRacks: string[] = [];
// The executor's clock: Monday 7 December 2026, 12:00 UTC unless a test moves it.
let now = new Date("2026-12-07T12:00:00Z");
beforeAll(() => {
  supervisor = startSupervisor({
    pollMs: 50,
    scope: () => ({ rackIds: [...myRacks] }),
    cfg: { backoffBaseMs: 10, reconcilePollMs: 20, leaseTtlMs: 2_000, now: () => now },
  });
});
afterAll(async () => supervisor.stop());
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A rack with a crucible expunge on each of its 2 sleds, requested and approved. */
async function approvedExecution() {
  fx = await rackFixture({ sleds: 2, profile: "split", edits: expungeOneCruciblePerSled });
  await relaxRedundancyPolicies(fx.rackId);
  const op = await userCaller("op", ["operator"]);
  const ap = await userCaller("ap", ["approver"]);
  const admin = await userCaller("admin", ["admin"]);
  // Tuesdays and Thursdays, 02:00–05:00 in Los Angeles (10:00–13:00 UTC in December).
  const set = await admin.api.policy.setWindows({
    rackId: fx.rackId,
    schedule: {
      timeZone: "America/Los_Angeles",
      windows: [{ days: ["Tue", "Thu"], start: "02:00", end: "05:00" }],
    },
  });
  expect(set.description).toBe("Tue and Thu 02:00–05:00 (America/Los_Angeles)");
  const { executionId, planHash } = await op.api.execution.request({
    rackId: fx.rackId,
    targetBlueprintId: fx.target.id,
    comment: "",
  });
  expect(await ap.api.execution.approve({ executionId, planHash, comment: "ok" })).toMatchObject({
    state: "approved",
  });
  myRacks.push(fx.rackId);
  return { executionId, op, ap, admin, rackId: fx.rackId };
}

const stateOf = async (id: string) =>
  (await getPrisma().execution.findUniqueOrThrow({ where: { id } })).state;

describe("maintenance windows", () => {
  it("an approved execution outside the window waits, says when it starts, and starts in it", async () => {
    now = new Date("2026-12-07T12:00:00Z");
    const { executionId, ap } = await approvedExecution();
    const view = await ap.api.execution.byId({ executionId });
    expect(view.window).toMatchObject({
      waiting: true,
      opensAt: "2026-12-08T10:00:00.000Z",
      schedule: "Tue and Thu 02:00–05:00 (America/Los_Angeles)",
    });
    expect(view.window.message).toContain("starts at 2026-12-08T10:00:00.000Z");
    // The supervisor polls every 50 ms: after many polls it still has not started.
    await new Promise((r) => setTimeout(r, 600));
    expect(await stateOf(executionId)).toBe("approved");
    expect(await getPrisma().stepAttempt.count({ where: { executionId } })).toBe(0);
    // The clock reaches Tuesday 02:00 in Los Angeles: it starts and runs to the end.
    now = new Date("2026-12-08T10:00:00Z");
    expect(
      await until(
        () => stateOf(executionId),
        (s) => s === "succeeded",
      ),
    ).toBe("succeeded");
    expect((await ap.api.execution.byId({ executionId })).window.waiting).toBe(false);
  });

  it("an approver starts it now with a written reason (audited); an operator may not", async () => {
    now = new Date("2026-12-07T12:00:00Z");
    const { executionId, ap, op } = await approvedExecution();
    expect((await ap.api.execution.byId({ executionId })).canStartNow).toEqual({ ok: true });
    await expect(
      op.api.execution.startNow({ executionId, reason: "urgent" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(ap.api.execution.startNow({ executionId, reason: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await stateOf(executionId)).toBe("approved");
    await ap.api.execution.startNow({ executionId, reason: "the disk is failing now" });
    expect(
      await until(
        () => stateOf(executionId),
        (s) => s === "succeeded",
      ),
    ).toBe("succeeded");
    const after = await ap.api.execution.byId({ executionId });
    expect(after.window.override).toMatchObject({ reason: "the disk is failing now", name: "ap" });
    const audit = await listAudit({ executionId, action: "execution.start-now" });
    expect(audit.map((a) => a.details)).toEqual([
      { reason: "the disk is failing now", opensAt: "2026-12-08T10:00:00.000Z" },
    ]);
    // Not waiting any more: a second start-now is refused.
    await expect(ap.api.execution.startNow({ executionId, reason: "again" })).rejects.toMatchObject(
      { code: "CONFLICT" },
    );
  });

  it("cancel works while it waits, and nothing was sent", async () => {
    now = new Date("2026-12-07T12:00:00Z");
    const { executionId, op } = await approvedExecution();
    expect(await op.api.execution.cancel({ executionId, comment: "not this week" })).toEqual({
      state: "cancelled",
    });
    now = new Date("2026-12-08T10:00:00Z");
    await new Promise((r) => setTimeout(r, 400));
    expect(await stateOf(executionId)).toBe("cancelled");
    expect(await getPrisma().stepAttempt.count({ where: { executionId } })).toBe(0);
  });

  it("only an admin sets windows; bad windows are refused and change nothing; every change is audited", async () => {
    const rackId = await makeRack("windows");
    const admin = await userCaller("admin", ["admin"]);
    const op = await userCaller("op", ["operator"]);
    const schedule = {
      timeZone: "Europe/Berlin",
      windows: [{ days: ["Sat" as const], start: "22:00", end: "02:00" }],
    };
    await expect(op.api.policy.setWindows({ rackId: rackId, schedule })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await admin.api.policy.setWindows({ rackId: rackId, schedule });
    await expect(
      admin.api.policy.setWindows({
        rackId: rackId,
        schedule: {
          timeZone: "Mars/Olympus",
          windows: [{ days: ["Mon"], start: "25:00", end: "01:00" }],
        },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /"Mars\/Olympus" is not a time zone.*start "25:00" is not a time/,
      ),
    });
    expect((await op.api.policy.windows({ rackId: rackId })).schedule).toEqual(schedule);
    await admin.api.policy.setWindows({ rackId: rackId, schedule: null });
    const cleared = await op.api.policy.windows({ rackId: rackId });
    expect(cleared).toMatchObject({ schedule: null, status: { kind: "always" } });
    const audit = (await listAudit({ action: "rack-windows-changed" })).filter(
      (a) => (a.details as { rackId: string }).rackId === rackId,
    );
    expect(audit.map((a) => (a.details as { after: unknown }).after)).toEqual(
      expect.arrayContaining([schedule, null]),
    );
    expect(audit).toHaveLength(2);
  });
});

describe("change summary", () => {
  it("is stored at request and shown by the list and the approval page", async () => {
    fx = await rackFixture({ sleds: 2, profile: "split", edits: expungeOneCruciblePerSled });
    await relaxRedundancyPolicies(fx.rackId);
    const op = await userCaller("op", ["operator"]);
    const { executionId } = await op.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "",
    });
    const [listed] = await op.api.execution.list({ rackId: fx.rackId });
    expect(listed?.id).toBe(executionId);
    expect(listed?.changeText).toMatch(
      /^expunges 1 crucible zone and \d+ datasets? on sled [0-9a-f]{8}… and 1 crucible zone and \d+ datasets? on sled [0-9a-f]{8}…; adds 0$/,
    );
    const detail = await op.api.execution.byId({ executionId });
    expect(detail.changes?.expunged.filter((r) => r.kind === "zone")).toHaveLength(2);
    expect(detail.changes?.expunged.every((r) => r.kind !== "zone" || r.type === "crucible")).toBe(
      true,
    );
  });
});
