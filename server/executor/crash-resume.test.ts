/**
 * A console process killed with SIGKILL mid-execution: another process resumes it once the
 * lease lapses, re-sends the steps that were in flight, and the record stays complete (no
 * attempt lost, none recorded twice).
 */
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { getPrisma } from "../db";
import { driveExecution } from "./drive";

let fx: ExecutionFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
});

const until = async (what: () => Promise<boolean>, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Starts a worker on a fresh execution and SIGKILLs it while a request is in flight. */
async function killMidRequest(): Promise<ExecutionFixture> {
  fx = await executionFixture({ sleds: 3, edits: expungeOneCruciblePerSled, profile: "split" });
  fx.sim.control.setFaults("all", { latencyMs: 250, method: "PUT" });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "server/executor/worker.ts", "--execution", fx.executionId],
    {
      env: { ...process.env, EXECUTOR_LEASE_TTL_MS: "800", EXECUTOR_POLL_MS: "50" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const prisma = getPrisma();
  const id = fx.executionId;
  // Kill it while a request is in flight: an attempt started but not finished.
  await until(
    async () =>
      (await prisma.stepAttempt.count({ where: { executionId: id, finishedAt: null } })) > 0 &&
      (await prisma.stepAttempt.count({ where: { executionId: id } })) >= 2,
    20_000,
  );
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  return fx;
}

/** Drives it as another process would once the dead one's lease lapsed. */
async function resume(id: string) {
  let result = await driveExecution(id, {
    runner: "successor",
    cfg: { leaseTtlMs: 800, backoffBaseMs: 10 },
  });
  for (let i = 0; result.kind === "not-claimed" && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    result = await driveExecution(id, {
      runner: "successor",
      cfg: { leaseTtlMs: 800, backoffBaseMs: 10 },
    });
  }
  return result;
}

it("resumes after the driving process is SIGKILLed, with a complete record", async () => {
  const { executionId: id } = await killMidRequest();
  const prisma = getPrisma();
  const before = await prisma.stepAttempt.findMany({ where: { executionId: id } });
  expect(before.some((a) => a.finishedAt === null)).toBe(true);

  expect(await resume(id)).toEqual({ kind: "ended", state: "succeeded" });

  const attempts = await prisma.stepAttempt.findMany({
    where: { executionId: id },
    orderBy: { id: "asc" },
  });
  const steps = await prisma.executionStep.findMany({ where: { executionId: id } });
  expect(steps.every((s) => s.state === "succeeded")).toBe(true);
  expect(attempts.every((a) => a.finishedAt !== null)).toBe(true);
  // every attempt made before the crash is still there, the open ones closed as abandoned
  for (const b of before)
    expect(attempts.find((a) => a.id === b.id)?.errorKind ?? "ok").toBe(
      b.finishedAt ? (b.errorKind ?? "ok") : "abandoned",
    );
  for (const s of steps) {
    const mine = attempts.filter((a) => a.stepId === s.stepId).map((a) => a.attempt);
    expect(mine).toEqual(mine.map((_, i) => i + 1)); // numbered 1..n, no duplicates, no gaps
    expect(s.attemptCount).toBe(mine.length);
  }
  expect(new Set(attempts.map((a) => a.runner)).size).toBe(2);
}, 60_000);

it("logs step.started once for a step resumed after the crash", async () => {
  const { executionId: id } = await killMidRequest();
  expect(await resume(id)).toEqual({ kind: "ended", state: "succeeded" });
  const events = await getPrisma().executionEvent.findMany({
    where: { executionId: id, stepId: { not: null } },
    orderBy: { id: "asc" },
  });
  const resumed = new Set(events.filter((e) => e.type === "step.resumed").map((e) => e.stepId));
  expect(resumed.size).toBeGreaterThan(0); // the crash did leave a step in flight
  for (const stepId of new Set(events.map((e) => e.stepId))) {
    const types = events.filter((e) => e.stepId === stepId).map((e) => e.type);
    expect(types.filter((t) => t === "step.started")).toEqual(["step.started"]);
    expect(types[0]).toBe("step.started");
  }
}, 60_000);
