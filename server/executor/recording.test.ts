/**
 * What the executor writes per step, now that each side of an attempt is one statement: the
 * event feed (types, order, data) the UI reads, the step rows, the number of statements per
 * step, and cancellation noticed while no step ends.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestSteps } from "~/lib/plan/types";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { getPrisma, makePrisma } from "../db";
import { finishAttempt, startAttempt } from "../repo/attempts";
import { changeState, endStep } from "../repo/executions";
import { driveExecution } from "./drive";

const fast = {
  backoffBaseMs: 10,
  backoffCapMs: 50,
  callTimeoutMs: 2_000,
  reconcilePollMs: 20,
  reconcileTimeoutMs: 10_000,
  leaseTtlMs: 2_000,
  cancelPollMs: 100,
};

// Every query this file's server code makes goes through a client that counts them.
const counted = { queries: 0, log: [] as string[] };
beforeAll(() => {
  const client = makePrisma().$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        counted.queries++;
        counted.log.push(`${model ?? ""}.${operation}`);
        const result: unknown = await query(args);
        return result;
      },
    },
  });
  (globalThis as { prisma?: unknown }).prisma = client;
});

let fx: ExecutionFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function feed(executionId: string) {
  const prisma = getPrisma();
  const [events, steps, attempts] = await Promise.all([
    prisma.executionEvent.findMany({ where: { executionId }, orderBy: { id: "asc" } }),
    prisma.executionStep.findMany({ where: { executionId }, orderBy: { seq: "asc" } }),
    prisma.stepAttempt.findMany({ where: { executionId }, orderBy: { id: "asc" } }),
  ]);
  const of = (stepId: string) => events.filter((e) => e.stepId === stepId);
  return { events, steps, attempts, of };
}

describe("the event feed and step rows", () => {
  it("split: a retried step's events, in order, with the data the UI reads", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const sick = fx.sim.sleds[0]!.id;
    const first = fx.plan.steps.find((s) => s.sledId === sick)!;
    fx.sim.control.setFaults(sick, { failNext: { count: 1, status: 503 }, method: "PUT" });
    expect(await driveExecution(fx.executionId, { runner: "rec", cfg: fast })).toEqual({
      kind: "ended",
      state: "succeeded",
    });
    const { of, steps, attempts } = await feed(fx.executionId);

    const evs = of(first.id);
    expect(evs.map((e) => e.type)).toEqual([
      "step.started",
      "attempt.started",
      "attempt.finished",
      "step.retrying",
      "attempt.started",
      "attempt.finished",
      "step.succeeded",
    ]);
    expect(evs[0]!.data).toEqual({});
    expect(evs[1]!.data).toEqual({ attempt: 1, runner: "rec" });
    expect(evs[2]!.data).toEqual({
      attempt: 1,
      status: 503,
      error: expect.stringContaining("HTTP 503"),
      errorKind: "retryable",
      durationMs: expect.any(Number),
    });
    expect(evs[3]!.data).toEqual({
      attempt: 1,
      delayMs: expect.any(Number),
      error: expect.stringContaining("HTTP 503"),
    });
    expect(evs[4]!.data).toEqual({ attempt: 2, runner: "rec" });
    expect(evs[5]!.data).toEqual({
      attempt: 2,
      status: expect.any(Number),
      error: null,
      errorKind: null,
      durationMs: expect.any(Number),
    });
    expect(evs[6]!.data).toEqual({});

    // Every step: one step.started, then per attempt started/finished, then step.succeeded.
    for (const step of fx.plan.steps.filter((s) => s.id !== first.id)) {
      expect(of(step.id).map((e) => e.type)).toEqual([
        "step.started",
        "attempt.started",
        "attempt.finished",
        "step.succeeded",
      ]);
    }

    const row = steps.find((s) => s.stepId === first.id)!;
    const mine = attempts.filter((a) => a.stepId === first.id);
    expect(row).toMatchObject({ state: "succeeded", attemptCount: 2, error: null });
    expect(mine.map((a) => a.attempt)).toEqual([1, 2]);
    expect(mine[0]!.responseBody).not.toBeNull(); // the 503's body is kept
    expect(row.startedAt?.getTime()).toBe(mine[0]!.startedAt.getTime()); // the first attempt's start
    expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(mine[1]!.finishedAt!.getTime());
    for (const s of steps)
      expect(s.finishedAt!.getTime()).toBeGreaterThanOrEqual(s.startedAt!.getTime());
  });

  it("reconciler: the PUT's statement appends step.reconciling; the step ends after inventory", async () => {
    fx = await executionFixture({
      sleds: 1,
      edits: expungeOneCruciblePerSled,
      profile: "reconciler",
    });
    expect(await driveExecution(fx.executionId, { runner: "rec", cfg: fast })).toEqual({
      kind: "ended",
      state: "succeeded",
    });
    const { of, steps } = await feed(fx.executionId);
    for (const step of requestSteps(fx.plan)) {
      const evs = of(step.id);
      expect(evs.map((e) => e.type)).toEqual([
        "step.started",
        "attempt.started",
        "attempt.finished",
        "step.reconciling",
        "step.succeeded",
      ]);
      expect(evs[3]!.data).toEqual({ generation: step.generation });
    }
    expect(
      steps.every((s) => s.state === "succeeded" && s.attemptCount === 1 && s.finishedAt !== null),
    ).toBe(true);
  });

  it("a step that gives up: step.failed with its error, dependents step.skipped with the blocker", async () => {
    fx = await executionFixture({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    await fx.sim.control.refuse(fx.sim.sleds[0]!.id);
    expect(
      await driveExecution(fx.executionId, { runner: "rec", cfg: { ...fast, maxAttempts: 2 } }),
    ).toEqual({ kind: "ended", state: "failed" });
    const { of, steps } = await feed(fx.executionId);
    const [failed, ...rest] = fx.plan.steps;
    const evs = of(failed!.id);
    expect(evs.map((e) => e.type)).toEqual([
      "step.started",
      "attempt.started",
      "attempt.finished",
      "step.retrying",
      "attempt.started",
      "attempt.finished",
      "step.failed",
    ]);
    const row = steps.find((s) => s.stepId === failed!.id)!;
    expect(row).toMatchObject({ state: "failed", attemptCount: 2 });
    expect(row.error).toContain("gave up after 2 attempts");
    expect(evs.at(-1)!.data).toEqual({ error: row.error });
    for (const step of rest) {
      expect(of(step.id).map((e) => [e.type, e.data])).toEqual([
        ["step.skipped", { because: expect.any(String) }],
      ]);
      expect(steps.find((s) => s.stepId === step.id)).toMatchObject({
        state: "skipped",
        error: expect.stringContaining("did not succeed"),
      });
    }
  });
});

describe("round trips", () => {
  it("records a split step that succeeds at once in at most two statements", async () => {
    fx = await executionFixture({ sleds: 4, edits: expungeOneCruciblePerSled, profile: "split" });
    const n = fx.plan.steps.length;
    counted.queries = 0;
    counted.log = [];
    expect(
      await driveExecution(fx.executionId, {
        runner: "rec",
        cfg: { ...fast, cancelPollMs: 60_000, leaseTtlMs: 60_000 },
      }),
    ).toEqual({ kind: "ended", state: "succeeded" });
    // Per step: startAttempt and finishAttempt, at most one statement each — fewer, since steps
    // ready together share one (group commit: group-commit.test.ts). The rest is per execution
    // (lease, reading the execution, sleds and parent, the rack's current blueprint and other
    // executions, start under the rack's lock, resume, the first cancellation check, finish,
    // and one statement for the rack's blueprint and every sled's ledgers after success, the
    // rack's maintenance windows read before the start, and the live stream's pg_notify with
    // each state change): none of it grows with the steps or the sleds.
    const raw = counted.log.filter((q) => q === ".$queryRaw").length;
    expect(raw).toBeLessThan(2 * n + 2);
    const rest = counted.log.filter((q) => q !== ".$queryRaw");
    expect(rest.filter((q) => q === "SledAgent.updateMany")).toHaveLength(0);
    expect(rest.length).toBeLessThanOrEqual(20);
  });

  it("writes nothing for an attempt of a step that does not exist", async () => {
    fx = await executionFixture({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    await expect(
      startAttempt({
        executionId: fx.executionId,
        stepId: "no-such-step",
        runner: "r",
        method: "PUT",
        url: "http://x",
        requestBody: {},
        stepStarted: true,
      }),
    ).rejects.toThrow(/does not exist/);
    const { events, attempts } = await feed(fx.executionId);
    expect(events.filter((e) => e.stepId === "no-such-step")).toEqual([]);
    expect(attempts).toEqual([]);
  });

  it("finishAttempt and endStep return the execution's state", async () => {
    fx = await executionFixture({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const [step] = fx.plan.steps;
    const a = await startAttempt({
      executionId: fx.executionId,
      stepId: step!.id,
      runner: "r",
      method: "PUT",
      url: "http://x",
      requestBody: { a: [1, "two", null] },
      stepStarted: true,
    });
    expect(a.attempt).toBe(1);
    const done = await finishAttempt(
      a.id,
      { status: 200, responseBody: null, error: null, errorKind: null, durationMs: 12.4 },
      { executionId: fx.executionId, stepId: step!.id, attempt: 1 },
    );
    expect(done.executionState).toBe("approved");
    const { attempts, steps, of } = await feed(fx.executionId);
    expect(attempts[0]).toMatchObject({
      status: 200,
      responseBody: null,
      durationMs: 12,
      requestBody: { a: [1, "two", null] },
    });
    expect(steps[0]).toMatchObject({ state: "running", attemptCount: 1, finishedAt: null }); // no `after`: the step goes on
    expect(of(step!.id).map((e) => e.type)).toEqual([
      "step.started",
      "attempt.started",
      "attempt.finished",
    ]);
    expect((await changeState(fx.executionId, "approved", { type: "cancel" })).ok).toBe(true);
    const ended = await endStep(
      fx.executionId,
      step!.id,
      "cancelled",
      "the execution was cancelled",
      { type: "step.cancelled", data: {} },
    );
    expect(ended.executionState).toBe("cancelled");
  });
});

describe("cancellation while no step ends", () => {
  it("cuts a reconciliation wait short", async () => {
    fx = await executionFixture({
      sleds: 2,
      edits: expungeOneCruciblePerSled,
      profile: "reconciler",
      sim: { reconcileMs: 5_000 },
    });
    const run = driveExecution(fx.executionId, {
      runner: "rec",
      cfg: { ...fast, reconcileTimeoutMs: 30_000 },
    });
    const prisma = getPrisma();
    const id = fx.executionId;
    for (
      let i = 0;
      i < 100 &&
      (await prisma.executionEvent.count({
        where: { executionId: id, type: "step.reconciling" },
      })) < 2;
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    const t0 = Date.now();
    expect(
      (await changeState(id, "running", { type: "cancel" }, { finishedAt: new Date() })).ok,
    ).toBe(true);
    expect(await run).toEqual({ kind: "ended", state: "cancelled" });
    expect(Date.now() - t0).toBeLessThan(2_000); // a reconciliation pass takes 5 s
    const { steps, attempts } = await feed(id);
    expect(steps.some((s) => s.state === "pending" || s.state === "running")).toBe(false);
    // the steps waiting for inventory end cancelled, not failed (their aborted inventory read is no sled failure)
    for (const s of steps) {
      expect(s.state).toBe("cancelled");
      expect(s.error).toContain("stopped while waiting for generation");
    }
    expect(attempts.every((a) => a.finishedAt !== null)).toBe(true);
  }, 30_000);
});
