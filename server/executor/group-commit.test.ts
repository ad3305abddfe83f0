/**
 * Group commit (server/repo/attempts.ts): the "before" records of steps that become ready
 * together are written in one statement, and every one is committed — visible to another
 * connection — before its call reaches the sled; a process killed between such a write and its
 * calls leaves open attempts that the next runner closes and re-sends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { makePrisma } from "../db";
import {
  abandonOpenAttempts,
  finishAttempt,
  LeaseLostError,
  observeRecording,
  startAttempt,
  type RecordingObservation,
} from "../repo/attempts";
import { claimLease } from "../repo/leases";
import { driveExecution } from "./drive";

const fast = {
  backoffBaseMs: 10,
  backoffCapMs: 50,
  callTimeoutMs: 5_000,
  leaseTtlMs: 5_000,
  cancelPollMs: 60_000,
};

// The executor's statements go through a client that counts them; checks use another client.
const counted = { raw: 0 };
const checker = makePrisma();
beforeAll(() => {
  const client = makePrisma().$extends({
    query: {
      async $allOperations({ operation, args, query }) {
        if (operation === "$queryRaw") counted.raw++;
        const result: unknown = await query(args);
        return result;
      },
    },
  });
  (globalThis as { prisma?: unknown }).prisma = client;
});

let fx: ExecutionFixture | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await fx?.sim.stop();
  fx = undefined;
});

const until = async (what: () => Promise<boolean> | boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The open attempt a request that just reached a sled belongs to, read on another connection. */
async function openAttemptFor(executionId: string, url: string) {
  return checker.stepAttempt.findFirst({ where: { executionId, url, finishedAt: null } });
}

describe("group commit", () => {
  it("writes the before records of steps ready together in one statement, each committed before its call arrives", async () => {
    const sleds = 8;
    const arrivals: { url: string; recorded: boolean }[] = [];
    let id = "";
    fx = await executionFixture({
      sleds,
      edits: expungeOneCruciblePerSled,
      profile: "split",
      sim: {
        onArrival: async ({ sledId, method, path }) => {
          if (method !== "PUT" || !id || !fx) return;
          const url = `${fx.sim.sleds.find((s) => s.id === sledId)!.url}${path}`;
          arrivals.push({ url, recorded: (await openAttemptFor(id, url)) !== null });
        },
      },
    });
    id = fx.executionId;
    const seen: RecordingObservation[] = [];
    const stop = observeRecording((o) => seen.push(o));
    counted.raw = 0;
    try {
      expect(await driveExecution(id, { runner: "group", cfg: fast })).toEqual({
        kind: "ended",
        state: "succeeded",
      });
    } finally {
      stop();
    }
    const attempts = await checker.stepAttempt.findMany({ where: { executionId: id } });
    expect(attempts.length).toBe(fx.plan.steps.length);
    // every call found its attempt's row already committed
    expect(arrivals.length).toBe(attempts.length);
    expect(arrivals.filter((a) => !a.recorded)).toEqual([]);
    // the first step of every sled became ready at once: their before records went together
    const starts = seen.filter((o) => o.kind === "start");
    expect(Math.max(...starts.map((o) => o.batch))).toBe(sleds);
    // fewer statements than two per attempt (before and after), the per-execution ones included
    const statements = (kind: "start" | "finish") =>
      seen.filter((o) => o.kind === kind).reduce((n, o) => n + 1 / o.batch, 0);
    expect(Math.round(statements("start"))).toBeLessThan(attempts.length);
    expect(counted.raw).toBeLessThan(2 * attempts.length);
  }, 60_000);

  it("writes a statement per record with RECORDING_GROUP_COMMIT=0 (the benchmark's comparison)", async () => {
    fx = await executionFixture({ sleds: 4, edits: expungeOneCruciblePerSled, profile: "split" });
    const seen: RecordingObservation[] = [];
    const stop = observeRecording((o) => seen.push(o));
    process.env.RECORDING_GROUP_COMMIT = "0";
    try {
      expect(await driveExecution(fx.executionId, { runner: "alone", cfg: fast })).toEqual({
        kind: "ended",
        state: "succeeded",
      });
    } finally {
      delete process.env.RECORDING_GROUP_COMMIT;
      stop();
    }
    const attempts = await checker.stepAttempt.count({ where: { executionId: fx.executionId } });
    expect(seen.filter((o) => o.kind === "start")).toHaveLength(attempts);
    expect(seen.every((o) => o.batch === 1)).toBe(true);
  }, 60_000);

  it("resumes after a crash between a group write and its calls: the open attempts are closed and re-sent once", async () => {
    let arrivedFirst = false;
    const crash: { killed?: Promise<unknown> } = {};
    let openAtKill = 0;
    let releaseOthers: () => void = () => undefined;
    const killedOnce = new Promise<void>((r) => (releaseOthers = r));
    fx = await executionFixture({
      sleds: 6,
      edits: expungeOneCruciblePerSled,
      profile: "split",
      sim: {
        onArrival: async ({ method }) => {
          if (method !== "PUT" || !child || !fx) return;
          // Calls of the same group arriving meanwhile get no answer before the kill (an answer
          // recorded first would close its attempt and make the crash land after it).
          if (arrivedFirst) return void (await killedOnce);
          arrivedFirst = true; // the first call of the first group: kill its sender now
          openAtKill = await checker.stepAttempt.count({
            where: { executionId: fx.executionId, finishedAt: null },
          });
          const c = child;
          crash.killed = new Promise((r) => c.once("exit", r));
          c.kill("SIGKILL");
          await crash.killed;
          releaseOthers();
        },
      },
    });
    const id = fx.executionId;
    child = spawn(
      process.execPath,
      ["--import", "tsx", "server/executor/worker.ts", "--execution", id],
      {
        env: { ...process.env, EXECUTOR_LEASE_TTL_MS: "800", EXECUTOR_POLL_MS: "50" },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await until(() => crash.killed !== undefined, 30_000);
    await crash.killed;
    // one statement had written the before records of every sled's first step
    expect(openAtKill).toBe(6);
    const before = await checker.stepAttempt.findMany({ where: { executionId: id } });
    expect(before.filter((a) => a.finishedAt === null)).toHaveLength(6);

    let result = await driveExecution(id, {
      runner: "successor",
      cfg: { ...fast, leaseTtlMs: 800 },
    });
    for (let i = 0; result.kind === "not-claimed" && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      result = await driveExecution(id, { runner: "successor", cfg: { ...fast, leaseTtlMs: 800 } });
    }
    expect(result).toEqual({ kind: "ended", state: "succeeded" });

    const attempts = await checker.stepAttempt.findMany({
      where: { executionId: id },
      orderBy: { id: "asc" },
    });
    const steps = await checker.executionStep.findMany({ where: { executionId: id } });
    expect(steps.every((s) => s.state === "succeeded")).toBe(true);
    for (const b of before) {
      const now = attempts.find((a) => a.id === b.id);
      expect(now?.errorKind).toBe("abandoned"); // closed, not lost
      // re-sent exactly once, by the successor, as the next attempt of that step
      const later = attempts.filter((a) => a.stepId === b.stepId && a.attempt > b.attempt);
      expect(later.map((a) => a.runner)).toEqual(["successor"]);
      expect(later[0]).toMatchObject({ errorKind: null, error: null });
    }
    for (const s of steps) {
      const mine = attempts.filter((a) => a.stepId === s.stepId);
      expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.filter((a) => a.errorKind === null)).toHaveLength(1); // one success, nothing repeated
    }
  }, 60_000);

  it("fences a runner whose lease lapsed: it starts nothing more, and its late answer leaves the successor's record as it is", async () => {
    fx = await executionFixture({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const id = fx.executionId;
    const [step] = fx.plan.steps;
    const start = (runner: string) =>
      startAttempt({
        executionId: id,
        stepId: step!.id,
        runner,
        method: "PUT",
        url: "http://x",
        requestBody: {},
        stepStarted: true,
      });
    expect(await claimLease(id, "old", 60_000)).toBe(true);
    const a = await start("old");
    // the old runner's lease lapses; the successor claims it and closes the open attempt
    await checker.execution.update({ where: { id }, data: { leaseExpiresAt: new Date(0) } });
    expect(await claimLease(id, "new", 60_000)).toBe(true);
    expect(await abandonOpenAttempts(id, "new")).toBe(1);
    await expect(start("old")).rejects.toBeInstanceOf(LeaseLostError);
    const late = await finishAttempt(
      a.id,
      { status: 200, responseBody: null, error: null, errorKind: null, durationMs: 5 },
      { executionId: id, stepId: step!.id, attempt: a.attempt },
      { kind: "end", state: "succeeded", error: null },
    );
    expect(late.superseded).toBe(true);
    const attempts = await checker.stepAttempt.findMany({ where: { executionId: id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ runner: "old", errorKind: "abandoned" });
    const steps = await checker.executionStep.findMany({ where: { executionId: id } });
    expect(steps.find((s) => s.stepId === step!.id)?.state).toBe("running"); // the successor's to decide
    expect((await start("new")).attempt).toBe(2);
  });
});
