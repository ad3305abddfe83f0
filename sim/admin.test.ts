/**
 * The admin API (its own port, `/__sim/…`) and the faults CLI that drives it.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeExampleRack } from "../lib/examples/rack";
import { startTestRack, type TestRack } from "./test-support/rack";

let t: TestRack;
let admin: string;
beforeAll(async () => {
  t = await startTestRack({
    blueprint: makeExampleRack({ sleds: 2, seed: "admin" }),
    profile: "split",
  });
  admin = t.rack.admin ?? "";
});
afterAll(() => t.stop());

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${admin}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe("admin API", () => {
  it("is on its own port, not on a sled agent's", async () => {
    expect(t.rack.sleds.map((s) => s.url)).not.toContain(admin);
    const onSled = await fetch(`${t.rack.sleds[0]?.url}/__sim/faults`);
    expect(onSled.status).toBe(404);
  });

  it("sets, shows and clears faults", async () => {
    const set = await call("POST", "/__sim/faults", {
      sled: t.sledId(1),
      latencyMs: { min: 5, max: 10 },
      errorRate: { rate: 0.1 },
    });
    expect(set.status).toBe(200);
    const shown = await call("GET", "/__sim/faults");
    expect(shown.json).toMatchObject({
      faults: {
        [t.sledId(1)]: { latencyMs: { min: 5, max: 10 }, errorRate: { rate: 0.1, status: 503 } },
      },
      refusing: [],
      down: [],
    });
    expect((await call("DELETE", `/__sim/faults?sled=${t.sledId(1)}`)).json).toMatchObject({
      faults: {},
    });
  });

  it("refuses unknown sleds and bad bodies with omicron-shaped errors", async () => {
    expect(await call("POST", "/__sim/faults", { sled: "nope", hang: true })).toMatchObject({
      status: 404,
      json: { error_code: "ObjectNotFound" },
    });
    expect(await call("POST", "/__sim/faults", { latencyMs: "slow" })).toMatchObject({
      status: 400,
      json: { error_code: "InvalidRequest" },
    });
    expect(await call("POST", "/__sim/faults", { warp: 9 })).toMatchObject({ status: 400 });
    expect(await call("POST", "/__sim/sleds/all/explode", {})).toMatchObject({ status: 404 });
  });

  it("refuses connections and crashes sleds, and reports them", async () => {
    expect((await call("POST", `/__sim/sleds/${t.sledId(0)}/refuse`, {})).status).toBe(200);
    expect((await t.client(0).getDisks()).ok).toBe(false);
    expect(await call("GET", "/__sim/faults")).toMatchObject({ json: { refusing: [t.sledId(0)] } });
    await call("POST", `/__sim/sleds/${t.sledId(0)}/accept`);
    await call("POST", "/__sim/sleds/all/crash", { restartAfterMs: 50 });
    expect(await call("GET", "/__sim/faults")).toMatchObject({
      json: { down: [t.sledId(0), t.sledId(1)].sort() },
    });
    await new Promise((r) => setTimeout(r, 150));
    expect((await t.client(1).getDisks()).ok).toBe(true);
  });

  it("shows a sled's ledger and request log", async () => {
    await t.client(0).getDisks();
    const detail = await call("GET", `/__sim/sleds/${t.sledId(0)}`);
    expect(detail.json).toMatchObject({
      id: t.sledId(0),
      up: true,
      listening: true,
      ledger: { profile: "split" },
    });
    const log = (detail.json as { requestLog: { path: string }[] }).requestLog; // shape checked above
    expect(log.at(-1)?.path).toBe("/omicron-physical-disks");
  });
});

describe("faults CLI", () => {
  it("sets fail-next through the admin API", async () => {
    const args = [
      "--import",
      "tsx",
      "sim/faults.ts",
      "--admin",
      admin,
      "--sled",
      t.sledId(0),
      "--fail-next",
      "2",
      "--fail-status",
      "500",
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/POST \/__sim\/faults → 200/);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.client(0).getDisks()).status);
    expect(statuses).toEqual([500, 500, 200]);
  });
});
