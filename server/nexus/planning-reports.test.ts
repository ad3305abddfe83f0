/**
 * Planning reports and the rack's activity (issue 19) against a real simulated Nexus (over
 * HTTP) and a real database: reports from the planner task and from blueprint sources stored
 * once, `Unchanged` reports kept, no duplicates across two instances and two pollers at once,
 * executor status per instance and disagreements, and the stall computation.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { FaultInjector } from "~/sim/fault-injector";
import { startSimulatedNexus, type SimulatedNexus } from "~/sim/nexus/nexus";
import { callerFor, makeUser, unique } from "~/test/support/console-fixture";
import { getPrisma } from "../db";
import { DEFAULT_STALL_AFTER_MS, stallAfterMs } from "../env";
import { rackActivity } from "../services/nexus-activity";
import { NexusClient } from "./client";
import { pollRack } from "./poll-rack";

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

async function setup() {
  const caller = callerFor(await makeUser("reports-op", ["operator"]));
  const blueprint = makeExampleRack({ sleds: 2, seed: unique("reports") });
  const nexus: SimulatedNexus = await startSimulatedNexus({
    blueprint,
    instances: 2,
    faults: new FaultInjector(0),
  });
  running.push(nexus);
  const rack = await caller.rack.create({ name: unique("reports-rack"), nexusUrls: nexus.urls });
  /** A console process's clients: each poller has its own. */
  const clientsOf = () => {
    const m = new Map(nexus.urls.map((u) => [u, new NexusClient({ baseUrl: u, timeoutMs: 2000 })]));
    running.push({ stop: () => m.forEach((c) => c.close()) });
    return m;
  };
  const clients = clientsOf();
  const round = () => pollRack(rack.id, clients);
  return { caller, rackId: rack.id, blueprint, nexus, round, clientsOf };
}

const rows = (rackId: string) =>
  getPrisma().nexusPlanningReport.findMany({ where: { rackId }, orderBy: { id: "asc" } });

describe("planning reports", () => {
  it("stores the planner task's report and the blueprints' source reports once each", async () => {
    const s = await setup();
    const first = s.nexus.control.plan();
    const second = s.nexus.control.plan();
    const r = await s.round();
    // The Targeted status repeats the second child's source report, stored with its fetch.
    expect(r.newReports).toBe(0);
    await s.round();
    const stored = await rows(s.rackId);
    // first: from its source; second: from its source and the Targeted status (one row).
    expect(stored.map((x) => [x.parentBlueprintId, x.blueprintId]).sort()).toEqual(
      [
        [s.blueprint.id, first],
        [first, second],
      ].sort(),
    );
    const api = await s.caller.rack.plannerReports({ rackId: s.rackId });
    expect(api).toHaveLength(2);
    expect(api.every((x) => x.report.ok)).toBe(true);
    const mine = await s.caller.rack.plannerReports({
      rackId: s.rackId,
      blueprintId: second ?? "",
    });
    expect(mine.map((x) => x.blueprintId)).toEqual([second]);
  });

  it("keeps Unchanged reports (omicron never saves them): one row however often it is seen", async () => {
    const s = await setup();
    s.nexus.control.setBlock({ kind: "pending-mgs-update" });
    const target = s.nexus.control.state.target?.targetId;
    expect(s.nexus.control.plan()).toBeNull();
    await s.round();
    const [once] = await rows(s.rackId);
    expect(once).toMatchObject({
      outcome: "unchanged",
      parentBlueprintId: target,
      blueprintId: null,
    });
    expect(once?.report).toMatchObject({
      zone_updates: { waiting_on: { type: "pending_mgs_updates" } },
    });
    expect(s.nexus.control.plan()).toBeNull(); // the same report again, a new run
    await s.round();
    const again = await rows(s.rackId);
    expect(again).toHaveLength(1);
    expect(again[0]?.lastSeenAt.getTime()).toBeGreaterThanOrEqual(once?.lastSeenAt.getTime() ?? 0);
    s.nexus.control.setBlock({ kind: "measurements" }); // another blocker: another report
    s.nexus.control.plan();
    await s.round();
    expect((await rows(s.rackId)).map((x) => x.outcome)).toEqual(["unchanged", "unchanged"]);
  });

  it("two pollers at once, two instances: no duplicates", async () => {
    const s = await setup();
    const other = s.clientsOf();
    for (let i = 0; i < 3; i++) {
      if (i === 1) s.nexus.control.setBlock({ kind: "unsafe-zones" });
      if (i === 2) s.nexus.control.setBlock(null);
      s.nexus.control.plan();
      await Promise.all([s.round(), pollRack(s.rackId, other), s.round()]);
    }
    const stored = await rows(s.rackId);
    const keys = stored.map((x) => `${x.parentBlueprintId}/${x.contentHash}`);
    expect(new Set(keys).size).toBe(keys.length);
    // two targeted children (each seen in the task and in its source) and one unchanged run
    expect(stored.filter((x) => x.outcome === "unchanged")).toHaveLength(1);
    expect(stored.filter((x) => x.blueprintId !== null)).toHaveLength(2);
  });
});

describe("rack.activity", () => {
  it("says what the planner waits on; stalled only past STALL_AFTER_MS; follows the unblock", async () => {
    const s = await setup();
    s.nexus.control.plan();
    await s.nexus.control.activateExecutor();
    s.nexus.control.setBlock({ kind: "pending-mgs-update" });
    s.nexus.control.plan();
    await s.round();
    const now = await rackActivity(s.rackId, { stallAfterMs: DEFAULT_STALL_AFTER_MS });
    if (!now.ok) throw new Error(now.message);
    const a = now.value;
    expect(a.linked).toBe(true);
    expect(a.currentReport).toMatchObject({ from: "planner-task", outcome: "unchanged" });
    expect(a.stall.waitingOn.map((b) => b.reason)).toEqual([
      "pending_mgs_update",
      "zone_updates_waiting_on.pending_mgs_updates",
    ]);
    expect(a.stall.stalled).toBe(false);
    expect(a.recentTargets[0]?.comment).toMatch(/disk/);
    expect(a.instances.map((i) => i.planner?.status?.kind)).toEqual(["unchanged", "unchanged"]);
    expect(a.instances.map((i) => i.executor?.status?.kind)).toEqual(["ran", "ran"]);
    expect(a.disagreements).toEqual([]);
    expect(a.instances[0]?.updateStatus).toEqual({ mgs_driven: [], sleds: [] });

    const later = new Date(Date.parse(a.stall.lastTargetChangeAt ?? "") + 31 * 60_000);
    const stalled = await rackActivity(s.rackId, {
      now: later,
      stallAfterMs: DEFAULT_STALL_AFTER_MS,
    });
    expect(stalled.ok && stalled.value.stall).toMatchObject({ stalled: true });
    expect(stalled.ok && stalled.value.stall.message).toMatch(/pending MGS update/);

    s.nexus.control.setBlock(null);
    const next = s.nexus.control.plan();
    await s.round();
    const after = await rackActivity(s.rackId, {
      now: later,
      stallAfterMs: DEFAULT_STALL_AFTER_MS,
    });
    if (!after.ok) throw new Error(after.message);
    expect(after.value.target?.blueprintId).toBe(next);
    expect(after.value.stall).toMatchObject({ stalled: false, waitingOn: [] });
    expect(after.value.currentReport).toMatchObject({ outcome: "targeted", blueprintId: next });
  });

  it("a planner error past the stall time is a stall; a stale instance is a disagreement", async () => {
    const s = await setup();
    await s.nexus.control.activateExecutor();
    await s.nexus.control.setStale("1", true);
    s.nexus.control.plan();
    await s.nexus.control.activateExecutor();
    s.nexus.control.setBlock({ kind: "error", message: "no inventory collection" });
    s.nexus.control.plan();
    await s.round();
    const later = new Date(Date.now() + 3_600_000);
    const r = await s.caller.rack.activity({ rackId: s.rackId });
    expect(r.disagreements.join("\n")).toMatch(/different targets/);
    expect(r.disagreements.join("\n")).toMatch(/Executors last realized different targets/);
    const stalled = await rackActivity(s.rackId, { now: later, stallAfterMs: 60_000 });
    expect(stalled.ok && stalled.value.stall).toMatchObject({
      stalled: true,
      plannerProblem: "Planning failed: no inventory collection",
    });
    // A planner turned off is the operator's choice, not a stall.
    s.nexus.control.setPlannerEnabled(false);
    await s.round();
    const off = await rackActivity(s.rackId, { now: later, stallAfterMs: 60_000 });
    expect(off.ok && off.value.instances[0]?.planner?.status?.kind).toBe("disabled");
    expect(off.ok && off.value.stall).toMatchObject({ stalled: false, plannerProblem: null });
  });

  it("STALL_AFTER_MS: default 30 minutes, a whole number ≥ 1", () => {
    expect(stallAfterMs({})).toBe(30 * 60_000);
    expect(stallAfterMs({ STALL_AFTER_MS: "120000" })).toBe(120_000);
    expect(() => stallAfterMs({ STALL_AFTER_MS: "soon" })).toThrow(/STALL_AFTER_MS/);
    expect(() => stallAfterMs({ STALL_AFTER_MS: "0" })).toThrow(/STALL_AFTER_MS/);
  });
});
