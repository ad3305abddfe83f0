/**
 * The Nexus poller against a real simulated Nexus (sim/nexus, over HTTP) and a real database:
 * blueprints fetched once and stored with source `nexus`, the target history, the rack
 * following the target, and each fault of issue 14 — an instance down, slow, answering 500s,
 * stale (disagreeing), in an unknown era — plus two pollers at once and a poller killed mid-round.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { getPrisma } from "../db";
import { startSimulatedNexus, type SimNexusOptions, type SimulatedNexus } from "~/sim/nexus/nexus";
import { FaultInjector } from "~/sim/fault-injector";
import { callerFor, makeUser, unique } from "~/test/support/console-fixture";
import { NexusClient } from "./client";
import { pollRack } from "./poll-rack";
import { startNexusPoller, type NexusPoller } from "./poller";

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

async function setup(opts: Partial<SimNexusOptions> = {}) {
  const operator = await makeUser("nexus-op", ["operator"]);
  const caller = callerFor(operator);
  const blueprint = makeExampleRack({ sleds: 2, seed: unique("nexus") });
  const nexus: SimulatedNexus = await startSimulatedNexus({
    blueprint,
    instances: 2,
    faults: new FaultInjector(0),
    ...opts,
  });
  running.push(nexus);
  const rack = await caller.rack.create({ name: unique("nexus-rack"), nexusUrls: nexus.urls });
  const clients = new Map(
    nexus.urls.map((u) => [u, new NexusClient({ baseUrl: u, timeoutMs: 700 })]),
  );
  running.push({ stop: () => clients.forEach((c) => c.close()) });
  const round = () => pollRack(rack.id, clients);
  return { caller, rackId: rack.id, blueprint, nexus, clients, round };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const history = (s: Setup) => s.caller.rack.targetHistory({ rackId: s.rackId });
const byId = (s: Setup) => s.caller.rack.byId({ rackId: s.rackId });

/** GETs of one blueprint body, across every instance. */
function bodyFetches(s: Setup): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of s.nexus.control.instances)
    for (const r of i.log.list()) {
      const m = /^\/deployment\/blueprints\/all\/(.+)$/.exec(r.path);
      if (m?.[1] && r.method === "GET") out.set(m[1], (out.get(m[1]) ?? 0) + 1);
    }
  return out;
}

describe("linking", () => {
  it("rack.create links; setNexus replaces, refuses bad URLs, [] unlinks", async () => {
    const s = await setup();
    expect((await byId(s)).nexus.instances.map((i) => i.url)).toEqual(s.nexus.urls);
    await expect(s.caller.rack.setNexus({ rackId: s.rackId, urls: ["ftp://x"] })).rejects.toThrow(
      /http/,
    );
    const first = s.nexus.urls[0] ?? "";
    await s.caller.rack.setNexus({ rackId: s.rackId, urls: [`${first}/`] });
    expect((await byId(s)).nexus.instances.map((i) => i.url)).toEqual([first]);
    await s.caller.rack.setNexus({ rackId: s.rackId, urls: [] });
    expect((await byId(s)).nexus).toEqual({
      instances: [],
      target: null,
      plannerEnabled: null,
      disagreement: false,
    });
  });
});

describe("a poll round", () => {
  it("stores Nexus's blueprints once with their parents, follows the target, records each change once", async () => {
    const s = await setup();
    await s.round();
    const first = s.nexus.control.plan();
    const second = s.nexus.control.plan();
    await s.round();
    await s.round();
    const list = await s.caller.blueprint.list({ rackId: s.rackId });
    expect(list.map((b) => b.id).sort()).toEqual([s.blueprint.id, first, second].sort());
    expect(list.every((b) => b.source === "nexus" && !b.pruned)).toBe(true);
    expect(list.find((b) => b.id === second)?.parentId).toBe(first);
    expect(list.find((b) => b.id === second)?.isCurrent).toBe(true);
    expect([...bodyFetches(s).values()]).toEqual([1, 1, 1]);
    const h = await history(s);
    expect(h.entries.map((e) => e.blueprintId)).toEqual([second, s.blueprint.id]); // `first` was never seen as target
    expect(h.entries[0]).toMatchObject({ parentId: first, raw: false }); // the timeline's diff link
    const rack = await byId(s);
    expect(rack.currentBlueprintId).toBe(second);
    expect(rack.nexus.target?.blueprintId).toBe(second);
    expect(rack.nexus.plannerEnabled).toBe(false);
    expect(rack.nexus.instances.every((i) => i.reachable && i.era === "lockstep" && !i.error)).toBe(
      true,
    );
  });

  it("reads a January-2025 Nexus (no reconfigurator config: planner unknown)", async () => {
    const s = await setup({ era: "jan-2025", instances: 1 });
    s.nexus.control.plan();
    await s.round();
    const rack = await byId(s);
    expect(rack.blueprintCount).toBe(2);
    expect(rack.nexus.instances[0]).toMatchObject({ reachable: true, era: "jan-2025" });
    expect(rack.nexus.plannerEnabled).toBeNull();
  });

  it("marks a blueprint Nexus deleted as pruned and keeps it", async () => {
    const s = await setup();
    const child = s.nexus.control.plan() ?? "";
    s.nexus.control.plan();
    await s.round();
    const del = await s.clients.get(s.nexus.urls[0] ?? "")?.deleteBlueprint(child);
    expect(del?.ok).toBe(true);
    await s.round();
    const list = await s.caller.blueprint.list({ rackId: s.rackId });
    expect(list.find((b) => b.id === child)?.pruned).toBe(true);
    expect(list.filter((b) => b.pruned)).toHaveLength(1);
  });
});

describe("faults", () => {
  it("an instance down: the other is still polled; the down one shows its error", async () => {
    const s = await setup();
    await s.nexus.control.refuse("0");
    const child = s.nexus.control.plan();
    await s.round();
    const rack = await byId(s);
    expect(rack.nexus.instances[0]).toMatchObject({
      reachable: false,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(rack.nexus.instances[1]).toMatchObject({ reachable: true });
    expect(rack.currentBlueprintId).toBe(child);
  });

  it("an instance slow (timeouts) or answering 500s: classified, the other still read", async () => {
    const s = await setup();
    s.nexus.control.setFaults("0", { latencyMs: 3_000 });
    s.nexus.control.setFaults("1", { errorRate: { rate: 1, status: 500 } });
    const child = s.nexus.control.plan();
    await s.round();
    let rack = await byId(s);
    expect(rack.nexus.instances[0]?.error).toMatch(/no answer within 700 ms/);
    expect(rack.nexus.instances[1]).toMatchObject({
      reachable: true,
      error: expect.stringMatching(/HTTP 500/),
    });
    expect(rack.blueprintCount).toBe(0);
    s.nexus.control.clearFaults("0");
    await s.round();
    rack = await byId(s);
    expect(rack.currentBlueprintId).toBe(child);
    expect(rack.nexus.instances[0]).toMatchObject({ reachable: true });
    expect(rack.nexus.instances[0]?.error).toBeUndefined();
  });

  it("instances disagreeing about the target: shown; one history row per change", async () => {
    const s = await setup();
    await s.round();
    await s.nexus.control.setStale("1", true);
    const child = s.nexus.control.plan();
    await s.round();
    await s.round();
    const rack = await byId(s);
    expect(rack.nexus.disagreement).toBe(true);
    expect(rack.nexus.instances.map((i) => i.target?.blueprintId)).toEqual([child, s.blueprint.id]);
    expect(rack.nexus.target?.blueprintId).toBe(child);
    expect(rack.currentBlueprintId).toBe(child);
    const h = await history(s);
    expect(h.entries.map((e) => e.blueprintId)).toEqual([child, s.blueprint.id]);
    expect(h.entries[0]?.reportedBy).toBe(s.nexus.urls[0]);
  });

  it("an instance in an unknown era: its blueprint is stored raw, never current, and cannot be requested", async () => {
    const s = await setup();
    await s.round();
    await s.nexus.control.setEra("all", "future");
    const child = s.nexus.control.plan() ?? "";
    await s.round();
    await s.round();
    const rack = await byId(s);
    expect(rack.nexus.instances[0]).toMatchObject({
      era: "unknown",
      error: expect.stringMatching(/unknown era/),
    });
    expect(rack.currentBlueprintId).toBe(s.blueprint.id); // a raw target is not followed
    expect(rack.nexus.target?.blueprintId).toBe(child);
    const raw = await s.caller.blueprint.rawList({ rackId: s.rackId });
    expect(raw.map((r) => r.id)).toEqual([child]);
    expect(raw[0]?.issues[0]?.message).toMatch(/Nexus era/);
    expect(raw[0]?.parentId).toBe(s.blueprint.id);
    expect((await history(s)).entries[0]).toMatchObject({
      blueprintId: child,
      parentId: s.blueprint.id,
      raw: true,
    });
    expect((await s.caller.blueprint.raw({ id: child })).raw).toHaveProperty("sled_configs");
    expect([...bodyFetches(s).values()]).toEqual([1, 1]);
    const approverless = await makeUser("nexus-req", ["operator"]);
    await expect(
      callerFor(approverless).execution.request({
        rackId: s.rackId,
        targetBlueprintId: child,
        comment: "x",
      }),
    ).rejects.toThrow();
  });
});

describe("several pollers", () => {
  it("two console processes polling at once: no duplicate rows, one history entry per change", async () => {
    const s = await setup();
    s.nexus.control.plan();
    s.nexus.control.plan();
    // Both rounds run concurrently (as two processes whose leases overlapped would).
    await Promise.all([s.round(), s.round(), s.round()]);
    const db = getPrisma();
    expect(await db.blueprint.count({ where: { rackId: s.rackId } })).toBe(3);
    expect(await db.nexusTargetChange.count({ where: { rackId: s.rackId } })).toBe(1);
    // Through the pollers themselves: the lease lets only one poll the rack.
    const rounds: string[] = [];
    const pollers: NexusPoller[] = ["a", "b"].map((owner) =>
      startNexusPoller({
        owner: `${owner}-${s.rackId}`,
        pollMs: 60_000,
        timeoutMs: 700,
        rackIds: [s.rackId],
        onRound: () => rounds.push(owner),
      }),
    );
    running.push(...pollers);
    await Promise.all(pollers.map((p) => p.pollNow()));
    await Promise.all(pollers.map((p) => p.pollNow()));
    expect(new Set(rounds).size).toBe(1);
  });

  it("a poller process killed mid-round loses nothing: the next owner takes over when the lease lapses", async () => {
    const s = await setup({ instances: 1 });
    const child = s.nexus.control.plan() ?? "";
    const path = `/deployment/blueprints/all/${child}`;
    s.nexus.control.setFaults("0", { hang: true, path });
    const proc = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "server/nexus/poller-main.ts",
        "--rack",
        s.rackId,
        "--lease-ttl-ms",
        "2000",
      ],
      {
        env: { ...process.env, NEXUS_POLL_MS: "100", NEXUS_CALL_TIMEOUT_MS: "60000" },
        stdio: "ignore",
      },
    );
    running.push({ stop: () => void proc.kill("SIGKILL") });
    // Its round is stuck on the child's body: the blueprint list and the rss body are read.
    const stuck = () =>
      s.nexus.control.instances[0]?.log.list().some((r) => r.path === path && r.fault === "hang");
    for (let i = 0; i < 200 && !stuck(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stuck()).toBe(true);
    proc.kill("SIGKILL");
    await new Promise((r) => proc.once("exit", r));
    s.nexus.control.clearFaults("0");
    const survivor = startNexusPoller({
      owner: `next-${s.rackId}`,
      pollMs: 60_000,
      timeoutMs: 700,
      rackIds: [s.rackId],
    });
    running.push(survivor);
    await survivor.pollNow(); // the dead process's lease has not lapsed yet: nothing
    expect((await byId(s)).currentBlueprintId).not.toBe(child);
    await new Promise((r) => setTimeout(r, 2_100));
    await survivor.pollNow();
    const rack = await byId(s);
    expect(rack.currentBlueprintId).toBe(child);
    expect(rack.blueprintCount).toBe(2);
    expect((await history(s)).entries).toHaveLength(1);
  });
});
