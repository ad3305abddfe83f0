// Faults at scale: a 32-sled execution (every sled changed) while the simulated rack answers
// 5% of requests with 503, leaves 2% hanging, and one sled refuses connections for a while.
// The execution must finish, the refusing sled's steps end as its retries dictate, and every
// attempt must be in the database, closed and numbered 1..n per step.
import { afterEach, describe, expect, it } from "vitest";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { getPrisma } from "../db";
import { FaultInjector } from "~/sim/fault-injector";
import { driveExecution } from "./drive";

const REFUSE_MS = 2_500;
// Short timeouts keep the run in seconds; enough attempts that 5% + 2% faults never exhaust a
// healthy sled's retries (0.07^12), while the refusing sled may or may not outlast its window.
const cfg = {
  concurrency: 16,
  callTimeoutMs: 400,
  maxAttempts: 12,
  backoffBaseMs: 25,
  backoffCapMs: 300,
  leaseTtlMs: 3_000,
};

let fx: ExecutionFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

describe("a 32-sled execution under faults", () => {
  it("finishes with 5% 503s, 2% hangs and a sled refusing connections, and records every attempt", async () => {
    fx = await executionFixture({
      sleds: 32,
      edits: expungeOneCruciblePerSled,
      profile: "split",
      sim: { seed: "faults-at-scale" },
    });
    const refusing = fx.plan.steps[0]?.sledId ?? ""; // the first sled the executor sends to
    fx.sim.control.setFaults("all", { errorRate: { rate: 0.05, status: 503 }, hangRate: 0.02 });
    await fx.sim.control.refuse(refusing, REFUSE_MS);

    const result = await driveExecution(fx.executionId, { runner: "faults-at-scale", cfg });
    expect(result.kind).toBe("ended");

    const prisma = getPrisma();
    const [exec, steps, attempts] = await Promise.all([
      prisma.execution.findUniqueOrThrow({ where: { id: fx.executionId } }),
      prisma.executionStep.findMany({
        where: { executionId: fx.executionId },
        orderBy: { seq: "asc" },
      }),
      prisma.stepAttempt.findMany({
        where: { executionId: fx.executionId },
        orderBy: [{ stepId: "asc" }, { attempt: "asc" }],
      }),
    ]);
    expect(["succeeded", "failed"]).toContain(exec.state);
    expect(exec.finishedAt).not.toBeNull();
    expect(steps).toHaveLength(fx.plan.steps.length);

    // Every attempt is closed, and each step's attempts are numbered 1..n with n = its count.
    for (const step of steps) {
      const mine = attempts.filter((a) => a.stepId === step.stepId);
      expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1));
      expect(step.attemptCount).toBe(mine.length);
      for (const a of mine) {
        expect(a.finishedAt).not.toBeNull();
        const answered = a.status !== null && a.status < 300 && a.error === null;
        if (!answered) expect([a.error, a.errorKind].every(Boolean)).toBe(true); // a failure says why
      }
      if (step.state === "succeeded") expect(mine.at(-1)?.status).toBeLessThan(300);
    }

    // Every other sled got through the 503s and hangs.
    const others = steps.filter((s) => s.sledId !== refusing);
    expect(others.every((s) => s.state === "succeeded")).toBe(true);

    // The refusing sled: its first attempts were refused; then either it came back in time and
    // everything succeeded, or a step gave up after maxAttempts and its dependents were skipped.
    const mine = steps.filter((s) => s.sledId === refusing);
    const refusedAttempts = attempts.filter(
      (a) => mine.some((s) => s.stepId === a.stepId) && a.status === null,
    );
    expect(refusedAttempts.length).toBeGreaterThan(0);
    const failed = mine.find((s) => s.state === "failed");
    if (failed) {
      expect(exec.state).toBe("failed");
      expect(failed.error).toContain(`gave up after ${cfg.maxAttempts} attempts`);
      expect(mine.slice(mine.indexOf(failed) + 1).every((s) => s.state === "skipped")).toBe(true);
    } else {
      expect(exec.state).toBe("succeeded");
      expect(mine.every((s) => s.state === "succeeded")).toBe(true);
    }
  }, 120_000);
});

describe("hangRate", () => {
  it("hangs about that share of requests, the same ones for the same seed", () => {
    const decide = (seed: string) => {
      const f = new FaultInjector(seed);
      f.update("all", { hangRate: 0.02 });
      return Array.from({ length: 5_000 }, () => f.decide("s1", "PUT", "/omicron-config").action);
    };
    const hangs = decide("a").filter((a) => a === "hang").length;
    expect(hangs).toBeGreaterThan(50);
    expect(hangs).toBeLessThan(150);
    expect(decide("a")).toEqual(decide("a"));
  });
});
