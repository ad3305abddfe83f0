/**
 * The typed client's failure classification, against the simulator's real HTTP and its fault
 * injection (never a mock): every expected failure is a value, retryable or not.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crucibleExpungeCase } from "~/sim/test-support/cases";
import { okBody, startTestRack, type TestRack } from "~/sim/test-support/rack";
import { SledAgentClient, type CallResult } from "./client";
import { awaitReconciliation } from "./reconciliation";

let split: TestRack;
let reconciler: TestRack;
beforeAll(async () => {
  const { parent } = crucibleExpungeCase();
  [split, reconciler] = await Promise.all([
    startTestRack({ blueprint: parent, profile: "split" }),
    startTestRack({ blueprint: parent, profile: "reconciler", reconcileMs: 60 }),
  ]);
});
afterAll(() => Promise.all([split.stop(), reconciler.stop()]));

const failure = (r: CallResult<unknown>) => (r.ok ? null : r.failure);

describe("successes", () => {
  it("returns status, parsed body and timings", async () => {
    const r = await split.client().getDisks();
    expect(r).toMatchObject({ ok: true, status: 200, body: { generation: 2 } });
    expect(r.timings.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r.timings.startedAt)).not.toBeNaN();
    const zones = okBody(await split.client().getSplitInventory()).omicron_zones;
    expect(await split.client().putZones(zones)).toMatchObject({
      ok: true,
      status: 204,
      body: undefined,
    });
  });
});

describe("not retryable", () => {
  it("400 bad body, 400 outdated generation, 409 refusal, 404 wrong profile", async () => {
    const c = split.client();
    expect(failure(await c.send("disks", { generation: "x" }))).toMatchObject({
      kind: "http",
      status: 400,
      retryable: false,
    });
    expect(failure(await c.putDisks({ generation: 1, disks: [] }))).toMatchObject({
      kind: "http",
      status: 400,
      retryable: false,
      error: { error_code: "GenerationOutdated" },
    });
    expect(failure(await c.putDisks({ generation: 3, disks: [] }))).toMatchObject({
      kind: "http",
      status: 409,
      retryable: false,
      error: { error_code: "DiskHasDatasets" },
    });
    expect(failure(await c.send("config", {}))).toMatchObject({
      kind: "http",
      status: 404,
      retryable: false,
    });
  });

  it("a response that is not JSON", async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html>"),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address();
    const c = new SledAgentClient({
      baseUrl: `http://127.0.0.1:${addr && typeof addr === "object" ? addr.port : 0}`,
    });
    try {
      expect(failure(await c.getDisks())).toMatchObject({
        kind: "bad-response",
        retryable: false,
        status: 200,
      });
    } finally {
      c.close();
      await new Promise((r) => server.close(r));
    }
  });

  it("a call the caller cancels", async () => {
    split.rack.control.setFaults(split.sledId(), { latencyMs: 500 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(failure(await split.client().getDisks({ signal: ac.signal }))).toMatchObject({
      kind: "cancelled",
      retryable: false,
    });
    split.rack.control.clearFaults();
  });
});

describe("retryable", () => {
  it("500, 503 and 429", async () => {
    for (const status of [500, 503, 429]) {
      split.rack.control.setFaults(split.sledId(), { failNext: { count: 1, status } });
      expect(failure(await split.client().getDisks())).toMatchObject({
        kind: "http",
        status,
        retryable: true,
      });
    }
  });

  it("a timeout", async () => {
    split.rack.control.setFaults(split.sledId(), { hang: true });
    expect(failure(await split.client().getDisks({ timeoutMs: 100 }))).toMatchObject({
      kind: "timeout",
      retryable: true,
    });
    split.rack.control.clearFaults();
  });

  it("connection refused, and a connection reset by a crash", async () => {
    await split.rack.control.refuse(split.sledId());
    expect(failure(await split.client().getDisks())).toMatchObject({
      kind: "connection",
      code: "ECONNREFUSED",
      retryable: true,
    });
    await split.rack.control.accept(split.sledId());
    split.rack.control.setFaults(split.sledId(), { latencyMs: 300 });
    const pending = split.client().getDisks();
    await new Promise((r) => setTimeout(r, 50));
    await split.rack.control.crash(split.sledId());
    expect(failure(await pending)).toMatchObject({
      kind: "connection",
      code: "ECONNRESET",
      retryable: true,
    });
    split.rack.control.clearFaults();
    await split.rack.control.restart(split.sledId());
    expect((await split.client().getDisks()).ok).toBe(true);
  });
});

describe("awaitReconciliation", () => {
  it("waits for the sent generation, gives up at the deadline, and stops on a permanent failure", async () => {
    const c = reconciler.client();
    const ledgered = okBody(await c.getReconcilerInventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    expect((await c.putConfig({ ...ledgered, generation: ledgered.generation + 1 })).status).toBe(
      204,
    );
    const gen = ledgered.generation + 1;
    expect(await awaitReconciliation(c, gen, { timeoutMs: 2000, pollMs: 10 })).toEqual({
      kind: "succeeded",
      reconciled: gen,
    });
    expect(await awaitReconciliation(c, gen + 1, { timeoutMs: 80, pollMs: 10 })).toMatchObject({
      kind: "timed-out",
      last: { kind: "pending" },
    });
    reconciler.rack.control.setFaults(reconciler.sledId(), { failNext: { count: 1, status: 404 } });
    expect(await awaitReconciliation(c, gen, { timeoutMs: 500 })).toMatchObject({
      kind: "unreachable",
      failure: { status: 404 },
    });
  });
});
