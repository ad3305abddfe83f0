/**
 * The simulated rack with its simulated Nexus: the admin API's `/__sim/nexus` routes and the
 * faults CLI's `--nexus` targets, the scripted planner, and the executor pushing the enabled
 * target's sled configs to the simulated sled agents (both profiles).
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { NexusClient } from "~/server/nexus/client";
import { startTestRack, type TestRack } from "../test-support/rack";

let t: TestRack;
let admin: string;
let clients: NexusClient[];
beforeAll(async () => {
  const blueprint = makeExampleRack({ sleds: 2, seed: "rack-nexus" });
  const [a, b] = blueprint.sleds.map((s) => s.id);
  t = await startTestRack({
    blueprint,
    profile: { [a ?? ""]: "split", [b ?? ""]: "reconciler" },
    nexus: { instances: 2, executorMs: 0 },
  });
  admin = t.rack.admin ?? "";
  clients = (t.rack.nexus?.urls ?? []).map((u) => new NexusClient({ baseUrl: u, timeoutMs: 2000 }));
});
afterAll(async () => {
  for (const c of clients) c.close();
  await t.stop();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${admin}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const cli = async (...args: string[]) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "sim/faults.ts", "--admin", admin, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, out };
};

// Several tests run the fault CLI as a process of its own (node + tsx, a second or more each
// on a busy 2-core machine, eight in one test): they get more than the default 30 s.
describe("the simulated rack's Nexus", { timeout: 120_000 }, () => {
  it("starts from the rack's blueprint as target; the admin API shows it", async () => {
    const r = await call("GET", "/__sim/nexus");
    expect(r.status).toBe(200);
    const target = r.json.target as { targetId: string; enabled: boolean };
    expect(target).toMatchObject({ enabled: true });
    expect(target.targetId).toBe((r.json.blueprints as Array<{ id: string }>)[0]?.id);
  });

  it("plans a child through the admin API, with the planner's comment and source", async () => {
    const r = await call("POST", "/__sim/nexus/plan");
    const id = r.json.blueprintId as string;
    const bps = r.json.blueprints as Array<{ id: string; source: string; comment: string }>;
    expect(bps.find((b) => b.id === id)).toMatchObject({
      source: "planner",
      comment: expect.stringMatching(/disk/),
    });
    // The body keeps the planning report inlined in its source (issue 19); the list's metadata,
    // as Nexus's database has it, does not.
    const listed = await clients[1]?.getBlueprint(id);
    expect(listed?.ok && (listed.body as { source: unknown }).source).toMatchObject({
      source: "planner",
      zone_updates: { waiting_on: null },
      measurement_updates: { type: "matches_inventory" },
    });
    const page = await clients[1]?.listBlueprints();
    const meta = page?.ok && (page.body as { items: Array<{ id: string; source: unknown }> }).items;
    expect(meta && meta.find((m) => m.id === id)?.source).toEqual({
      source: "planner_loaded_from_database",
    });
  });

  it("the executor pushes the enabled target to every sled agent; the agents accept it", async () => {
    await t.rack.nexus?.control.executor.activate();
    const pushes = t.rack.nexus?.control.executor.lastPush;
    expect([...(pushes?.values() ?? [])].map((p) => p.statuses)).toEqual(
      expect.arrayContaining([[200, 200, 204], [204]]),
    );
    const target = t.rack.nexus?.control.state.targetBlueprint();
    for (const sled of t.rack.sleds) {
      const ledger = t.rack.control.detail(sled.id);
      const gen = target?.sleds.find((s) => s.id === sled.id)?.generation;
      const file = ledger.ok ? ledger.value.ledger : null;
      const held =
        sled.profile === "reconciler" ? file?.config?.generation : file?.state.generations.disks;
      expect(held, sled.profile).toBe(gen);
    }
  });

  it("the CLI's --nexus targets: 500s on one instance, stale, refuse", async () => {
    let r = await cli("--nexus", "0", "--error-rate", "1", "--error-status", "500");
    expect(r.code).toBe(0);
    expect((await clients[0]?.getTarget())?.status).toBe(500);
    expect((await clients[1]?.getTarget())?.status).toBe(200);
    expect((await cli("--nexus", "0", "--clear")).code).toBe(0);
    expect((await clients[0]?.getTarget())?.status).toBe(200);
    await cli("--nexus", "1", "--stale");
    const planned = await call("POST", "/__sim/nexus/plan");
    const fresh = await clients[0]?.getTarget();
    const stale = await clients[1]?.getTarget();
    expect(fresh?.ok && (fresh.body as { target_id: string }).target_id).toBe(
      planned.json.blueprintId,
    );
    expect(stale?.ok && (stale.body as { target_id: string }).target_id).not.toBe(
      planned.json.blueprintId,
    );
    r = await cli("--nexus", "1", "--refuse");
    expect(r.out).toMatch(/refuse → 200/);
    const refused = await clients[1]?.getTarget();
    expect(refused?.ok === false && refused.failure.kind).toBe("connection");
    await cli("--nexus", "1", "--accept", "--fresh");
    expect((await clients[1]?.getTarget())?.ok).toBe(true);
    expect((await call("POST", "/__sim/nexus/7/refuse")).status).toBe(404);
  });

  it("the CLI blocks the planner on a pending MGS update, the task says so, then unblocks", async () => {
    const blocked = await cli("--nexus", "all", "--block", "pending-mgs-update");
    expect(blocked.code).toBe(0);
    expect(blocked.out).toContain('"kind":"pending-mgs-update"');
    const before = (await call("GET", "/__sim/nexus")).json.target;
    const r = await call("POST", "/__sim/nexus/plan");
    expect(r.json.blueprintId).toBeNull();
    expect(r.json.target).toEqual(before);
    const task = await clients[0]?.getBgTask("blueprint_planner");
    const details = (task?.ok && task.body) as { last: { details: { details: unknown } } };
    expect(details.last.details.details).toMatchObject({
      Unchanged: { report: { zone_updates: { waiting_on: { type: "pending_mgs_updates" } } } },
    });
    expect((await cli("--nexus", "all", "--unblock")).code).toBe(0);
    expect((await call("POST", "/__sim/nexus/plan")).json.blueprintId).toEqual(expect.any(String));
    expect((await cli("--nexus", "all", "--block", "nonsense")).code).toBe(1);
  });

  it("a reconciler sled reports a chosen item's reconciliation error (CLI), then ok again", async () => {
    const sled = t.rack.sleds.find((x) => x.profile === "reconciler");
    const zone = t.rack.nexus?.control.state
      .targetBlueprint()
      ?.sleds.find((x) => x.id === sled?.id)
      ?.zones.find((z) => z.disposition === "in_service")?.id;
    if (!sled || !zone) throw new Error("no reconciler sled with a zone");
    const zoneResult = async () => {
      await t.rack.control.whenReconciled();
      const inv = (await (await fetch(`${sled.url}/inventory`)).json()) as {
        last_reconciliation: { zones: unknown };
      };
      const zones = inv.last_reconciliation.zones as Record<string, unknown> | unknown[];
      const found = Array.isArray(zones)
        ? zones.find((z) => (z as { id?: unknown }).id === zone)
        : zones[zone];
      return JSON.stringify(found);
    };
    expect(await zoneResult()).toContain('"ok"');
    const r = await cli("--sled", sled.id, "--reconcile-error", `${zone}=zone failed to boot`);
    expect(r.code).toBe(0);
    expect(await zoneResult()).toContain("zone failed to boot");
    expect((await cli("--sled", sled.id, "--reconcile-ok")).code).toBe(0);
    expect(await zoneResult()).toContain('"ok"');
    expect(
      (
        await call(
          "POST",
          `/__sim/sleds/${t.rack.sleds.find((x) => x.profile === "split")?.id}/reconcile-errors`,
          { items: {} },
        )
      ).status,
    ).toBe(404);
  });
});
