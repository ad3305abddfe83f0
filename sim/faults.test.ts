/**
 * Every fault kind, driven through the simulator's own fault injection and observed by the
 * typed client over real HTTP: latency, error rate (seeded: repeatable), hang, refused
 * connections, fail-next-N, crash and restart.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeExampleRack } from "../lib/examples/rack";
import { FaultInjector } from "./fault-injector";
import { okBody, startTestRack, type TestRack } from "./test-support/rack";

const blueprint = makeExampleRack({ sleds: 2, seed: "faults" });
let racks: TestRack[] = [];
afterEach(async () => {
  await Promise.all(racks.map((r) => r.stop()));
  racks = [];
});
async function rack(seed: number | string = 1, reconcileMs = 60): Promise<TestRack> {
  const t = await startTestRack({ blueprint, profile: "reconciler", seed, reconcileMs });
  racks.push(t);
  return t;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("FaultInjector", () => {
  it("gives the same decisions for the same seed and requests, per sled", () => {
    const run = (seed: number) => {
      const f = new FaultInjector(seed);
      f.update("all", { latencyMs: { min: 0, max: 100 }, errorRate: { rate: 0.5, status: 503 } });
      return Array.from({ length: 20 }, (_, i) => f.decide(i % 2 ? "a" : "b", "GET", "/inventory"));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it("lets a sled's own fields override those set for all, and filters by method and path", () => {
    const f = new FaultInjector(0);
    f.update("all", { latencyMs: 10, hang: true, method: "PUT" });
    f.update("s1", { latencyMs: 99 });
    expect(f.decide("s1", "PUT", "/omicron-config")).toEqual({ delayMs: 99, action: "hang" });
    expect(f.decide("s1", "GET", "/inventory")).toEqual({ delayMs: 99, action: "pass" });
    expect(f.decide("s2", "GET", "/inventory")).toEqual({ delayMs: 0, action: "pass" });
  });
});

describe("faults over HTTP", () => {
  it("adds latency to one sled only", async () => {
    const t = await rack();
    t.rack.control.setFaults(t.sledId(0), { latencyMs: 400 });
    const [slow, fast] = await Promise.all([
      t.client(0).getReconcilerInventory(),
      t.client(1).getReconcilerInventory(),
    ]);
    expect(slow.timings.durationMs).toBeGreaterThanOrEqual(390);
    expect(fast.timings.durationMs).toBeLessThan(slow.timings.durationMs);
  });

  it("fails a seeded share of requests, the same ones for the same seed", async () => {
    const statuses = async (seed: number) => {
      const t = await rack(seed);
      t.rack.control.setFaults("all", { errorRate: { rate: 0.5, status: 503 } });
      const out: (number | null)[] = [];
      for (let i = 0; i < 16; i++) out.push((await t.client(0).getReconcilerInventory()).status);
      return out;
    };
    const a = await statuses(42);
    expect(a).toEqual(await statuses(42));
    expect(a).toContain(503);
    expect(a).toContain(200);
    const r = await racks[0]?.client(0).getReconcilerInventory();
    if (r?.status === 503 && !r.ok)
      expect(r.failure).toMatchObject({ kind: "http", retryable: true });
  });

  it("hangs until the client times out, and resets hung requests when cleared", async () => {
    const t = await rack();
    t.rack.control.setFaults(t.sledId(), { hang: true });
    const r = await t.client().getReconcilerInventory({ timeoutMs: 150 });
    expect(r.ok ? null : r.failure).toMatchObject({ kind: "timeout", retryable: true });
    const pending = t.client().getReconcilerInventory({ timeoutMs: 5000 });
    await sleep(50);
    t.rack.control.clearFaults();
    const reset = await pending;
    expect(reset.ok ? null : reset.failure).toMatchObject({ kind: "connection", retryable: true });
    expect((await t.client().getReconcilerInventory()).ok).toBe(true);
  });

  it("refuses connections until accepted again, or for a while", async () => {
    const t = await rack();
    await t.rack.control.refuse(t.sledId());
    const r = await t.client().getReconcilerInventory();
    expect(r.ok ? null : r.failure).toMatchObject({
      kind: "connection",
      code: "ECONNREFUSED",
      retryable: true,
    });
    await t.rack.control.accept(t.sledId());
    expect((await t.client().getReconcilerInventory()).ok).toBe(true);
    await t.rack.control.refuse(t.sledId(), 150);
    expect((await t.client().getReconcilerInventory()).ok).toBe(false);
    await sleep(250);
    expect((await t.client().getReconcilerInventory()).ok).toBe(true);
  });

  it("fails exactly the next N matching requests", async () => {
    const t = await rack();
    t.rack.control.setFaults(t.sledId(), { failNext: { count: 2, status: 500 }, method: "PUT" });
    expect((await t.client().getReconcilerInventory()).ok).toBe(true); // a GET does not match
    const ledgered = okBody(await t.client().getReconcilerInventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.client().putConfig(ledgered)).status);
    expect(statuses).toEqual([500, 500, 204]);
  });
});

describe("crash and restart", () => {
  it("keeps what was ledgered, drops what was not, and reconciles again after restart", async () => {
    const t = await rack(1, 600);
    const c = t.client();
    const ledgered = okBody(await c.getReconcilerInventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    const next = { ...ledgered, generation: ledgered.generation + 1, zones: {} };
    expect((await c.putConfig(next)).status).toBe(204); // ledgered; the reconciler starts
    // a request still in flight (delayed) when the agent dies is lost
    t.rack.control.setFaults(t.sledId(), { latencyMs: 300, method: "PUT" });
    const inFlight = c.putConfig({ ...next, generation: next.generation + 1 });
    await sleep(100);
    await t.rack.control.crash(t.sledId());
    const lost = await inFlight;
    expect(lost.ok ? null : lost.failure).toMatchObject({ kind: "connection", retryable: true });
    expect((await c.getReconcilerInventory()).ok ? "up" : "down").toBe("down");
    t.rack.control.clearFaults();
    await t.rack.control.restart(t.sledId());
    const after = okBody(await c.getReconcilerInventory());
    expect(after.ledgered_sled_config?.generation).toBe(next.generation);
    expect(after.reconciler_status.status).toBe("running"); // the boot reconciliation
    expect(after.last_reconciliation).toBeNull();
    await t.rack.control.whenReconciled();
    const done = okBody(await c.getReconcilerInventory());
    expect(done.last_reconciliation?.last_reconciled_config.generation).toBe(next.generation);
  });

  it("restarts by itself after a delay", async () => {
    const t = await rack();
    await t.rack.control.crash(t.sledId(), 150);
    expect(t.rack.control.faultState().down).toEqual([t.sledId()]);
    expect((await t.client().getReconcilerInventory()).ok).toBe(false);
    await sleep(300);
    expect((await t.client().getReconcilerInventory()).ok).toBe(true);
    expect(t.rack.control.faultState().down).toEqual([]);
  });
});
