/**
 * A fleet: several console processes (server/executor/worker.ts, as on separate machines) on
 * one database, a batch of executions approved at once. Each execution is driven by one process
 * at a time — the attempt records (each attempt's `runner` is the lease holder that made it)
 * prove it — and when one process is SIGKILLed its executions are taken over once their leases
 * lapse, with every attempt kept and no step done twice.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, expect, it } from "vitest";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { getPrisma } from "../db";
import { singleDriverViolations } from "./fleet-check";

const RACKS = 4;
const SLEDS = 4;
const WORKERS = 3;

const fixtures: ExecutionFixture[] = [];
const workers: { child: ChildProcess; runner: Promise<string> }[] = [];
afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await Promise.all(fixtures.map((f) => f.sim.stop()));
});

const until = async (what: () => Promise<boolean>, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
};

function startWorker(executionIds: string[]) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "server/executor/worker.ts",
      ...executionIds.flatMap((id) => ["--execution", id]),
    ],
    {
      env: {
        ...process.env,
        EXECUTOR_LEASE_TTL_MS: "3000", // short, but not so short that a loaded CI machine lets a live holder's lease lapse
        EXECUTOR_POLL_MS: "50",
        // spread the batch: (3 − 1) × 2 ≥ 4, so two processes can take all of it
        EXECUTOR_MAX_EXECUTIONS: "2",
        EXECUTOR_BACKOFF_BASE_MS: "10",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const runner = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (l) => {
      if (l.startsWith("WORKER_READY ")) resolve(l.slice("WORKER_READY ".length));
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  runner.catch(() => undefined);
  workers.push({ child, runner });
}

it("drives a batch with several processes, one driver per execution, and takes over a SIGKILLed one's", async () => {
  for (let i = 0; i < RACKS; i++) {
    const fx = await executionFixture({
      sleds: SLEDS,
      edits: expungeOneCruciblePerSled,
      profile: "split",
    });
    fx.sim.control.setFaults("all", { latencyMs: 300, method: "PUT" });
    fixtures.push(fx);
  }
  const ids = fixtures.map((f) => f.executionId);
  const prisma = getPrisma();
  for (let i = 0; i < WORKERS; i++) startWorker(ids);
  const runners = await Promise.all(workers.map((w) => w.runner));

  // Mid-way: every execution has sent something, none has ended.
  await until(
    async () =>
      (
        await prisma.stepAttempt.groupBy({
          by: ["executionId"],
          where: { executionId: { in: ids }, finishedAt: { not: null } },
        })
      ).length === RACKS,
    60_000,
  );
  const held = await prisma.execution.findMany({
    where: { id: { in: ids }, state: "running" },
    select: { id: true, leaseOwner: true },
  });
  // kill the process holding the most leases
  const counts = runners.map((r) => held.filter((e) => e.leaseOwner === r).length);
  const victim = counts.indexOf(Math.max(...counts));
  const victimRunner = runners[victim]!;
  const victimExecutions = held.filter((e) => e.leaseOwner === victimRunner).map((e) => e.id);
  expect(victimExecutions.length).toBeGreaterThan(0);
  const { child } = workers[victim]!;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;

  await until(
    async () =>
      (await prisma.execution.count({
        where: { id: { in: ids }, state: { in: ["approved", "running"] } },
      })) === 0,
    120_000,
  );
  const executions = await prisma.execution.findMany({ where: { id: { in: ids } } });
  expect(executions.map((e) => e.state)).toEqual(ids.map(() => "succeeded"));

  const attempts = await prisma.stepAttempt.findMany({
    where: { executionId: { in: ids } },
    orderBy: { id: "asc" },
  });
  // one driver at a time, per execution: the runners' spans of attempts never overlap
  expect(singleDriverViolations(attempts)).toEqual([]);
  // more than one process drove the batch
  expect(new Set(attempts.map((a) => a.runner)).size).toBeGreaterThan(1);
  for (const id of victimExecutions) {
    const mine = attempts.filter((a) => a.executionId === id);
    // taken over: the dead process's attempts are kept, another process finished the execution
    expect(mine.some((a) => a.runner === victimRunner)).toBe(true);
    expect(mine.some((a) => a.runner !== victimRunner)).toBe(true);
    const resumed = await prisma.executionEvent.findMany({
      where: { executionId: id, type: "step.resumed" },
    });
    for (const e of resumed) expect((e.data as { runner: string }).runner).not.toBe(victimRunner);
  }
  const steps = await prisma.executionStep.findMany({ where: { executionId: { in: ids } } });
  for (const s of steps) {
    expect(s.state).toBe("succeeded");
    const mine = attempts.filter((a) => a.executionId === s.executionId && a.stepId === s.stepId);
    expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1)); // none lost, none twice
    expect(s.attemptCount).toBe(mine.length);
    expect(mine.every((a) => a.finishedAt !== null)).toBe(true);
    // done once: one attempt succeeded; one by the dead process either finished or was closed as abandoned
    expect(mine.filter((a) => a.errorKind === null)).toHaveLength(1);
    const last = mine.at(-1)!;
    for (const a of mine)
      if (a.runner !== last.runner)
        expect(a.errorKind === "abandoned" || a.error !== null).toBe(true);
  }
}, 180_000);
