/**
 * Part 5, a fleet: 20 racks × 32 sleds (each rack's simulator its own process), three console
 * processes (server/executor/worker.ts, as on three machines) on one PostgreSQL database, and
 * 20 executions approved at once. Measured: a few single executions (approved one at a time,
 * the same three processes running), the batch, and the batch again with the process holding
 * the most leases SIGKILLed mid-way. From the attempt records (each attempt's `runner` is the
 * lease holder that made it): one driver per execution at a time, every step done once, every
 * attempt kept; and how long after the kill the dead process's executions were taken over.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { getPrisma } from "~/server/db.ts";
import { singleDriverViolations } from "~/server/executor/fleet-check.ts";
import { progress } from "../lib/log.ts";
import { median } from "../lib/stats.ts";
import { cpuDelta, cpuOf, postgresBackends } from "../lib/proc-cpu.ts";
import { setupBenchDatabase } from "../execution/database.ts";
import { approveExecution, setUpExecution, type BenchExecution } from "../execution/fixture.ts";
import { LATENCY_MS } from "../execution/part.ts";

export const FLEET = { racks: 20, sleds: 32, processes: 3 } as const;
export const PROFILE: SledAgentProfile = "split";
/** The batch within this factor of the slowest single execution. */
export const BATCH_TARGET = 1.5;
export const LEASE_TTL_MS = 2_000;
export const POLL_MS = 100;

export interface BatchRun {
  executions: number;
  /** First approval → last execution finished. */
  makespanMs: number;
  /** Per execution: approval → finished. */
  perExecutionMs: number[];
  /** Per execution: approval → started (claimed, stale check passed, running). */
  startedMs: number[];
  states: Record<string, number>;
  steps: number;
  attempts: number;
  /** Executions each process drove (attempt records), by process index. */
  perProcess: number[];
  /**
   * CPU used from the first approval to the end (Linux /proc), ms: the console processes, the
   * simulators, PostgreSQL's backends of the benchmark database; null where not readable.
   */
  cpuMs?: { consoles: number; sims: number; postgres: number } | null;
  singleDriverViolations: string[];
  /** Steps not done exactly once: no success, or two (`stepId: why`). */
  stepProblems: string[];
  kill?: {
    /** Approval of the batch → SIGKILL. */
    atMs: number;
    victimExecutions: number;
    /** Per victim execution: SIGKILL → its lease held by another process. */
    takeoverMs: number[];
    /** Attempts the dead process had left open, closed as `abandoned` and re-sent. */
    abandoned: number;
  };
}

export interface FleetResult {
  config: {
    racks: number;
    sleds: number;
    processes: number;
    profile: SledAgentProfile;
    latencyMs: number;
    leaseTtlMs: number;
    pollMs: number;
    maxExecutionsPerProcess: number;
  };
  singles: number[];
  /** CPU of each single run (same accounting as the batch). */
  singlesCpuMs?: (BatchRun["cpuMs"] | undefined)[];
  batch: BatchRun;
  killed: BatchRun;
}

interface Worker {
  child: ChildProcess;
  runner: string;
}

async function startWorker(maxExecutions: number): Promise<Worker> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/executor/worker.ts"], {
    env: {
      ...process.env,
      EXECUTOR_LEASE_TTL_MS: String(LEASE_TTL_MS),
      EXECUTOR_POLL_MS: String(POLL_MS),
      EXECUTOR_MAX_EXECUTIONS: String(maxExecutions),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const runner = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (l) => {
      if (l.startsWith("WORKER_READY ")) resolve(l.slice("WORKER_READY ".length));
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return { child, runner };
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  const exited = new Promise((r) => w.child.once("exit", r));
  w.child.kill("SIGTERM");
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setUpMany(n: number, sleds: number, dir: string): Promise<BenchExecution[]> {
  const out: BenchExecution[] = [];
  const lanes = 4;
  for (let i = 0; i < n; i += lanes) {
    const made = await Promise.all(
      Array.from({ length: Math.min(lanes, n - i) }, (_, j) =>
        setUpExecution({
          sleds,
          profile: PROFILE,
          reconcileMs: 1_000,
          dir,
          faultSeed: `fleet-${i + j}`,
          approve: false,
        }),
      ),
    );
    for (const x of made) await x.sim.setFaults({ latencyMs: LATENCY_MS });
    out.push(...made);
  }
  return out;
}

const active = async (ids: string[]) =>
  getPrisma().execution.count({
    where: { id: { in: ids }, state: { in: ["awaiting_approval", "approved", "running"] } },
  });

/** Approves every execution at once, optionally SIGKILLs one process mid-way, and checks the records. */
async function runBatch(xs: BenchExecution[], workers: Worker[], kill: boolean): Promise<BatchRun> {
  const prisma = getPrisma();
  const ids = xs.map((x) => x.executionId);
  const totalSteps = xs.reduce((n, x) => n + x.plan.steps.length, 0);
  const dbName = new URL(process.env.DATABASE_URL ?? "postgresql://x/x").pathname.slice(1);
  const pids = {
    consoles: workers.flatMap((w) => (w.child.pid === undefined ? [] : [w.child.pid])),
    sims: xs.flatMap((x) => (x.sim.pid === undefined ? [] : [x.sim.pid])),
  };
  const cpu0 = {
    consoles: cpuOf(pids.consoles),
    sims: cpuOf(pids.sims),
    postgres: cpuOf(postgresBackends(dbName)),
  };
  const t0 = Date.now();
  await Promise.all(xs.map((x) => approveExecution(x.executionId, x.approverId)));
  let killInfo: BatchRun["kill"];
  let victim: Worker | undefined;
  if (kill) {
    // mid-way: 40% of the batch's steps done
    while (
      (await prisma.executionStep.count({
        where: { executionId: { in: ids }, state: "succeeded" },
      })) <
      totalSteps * 0.4
    )
      await sleep(20);
    const held = await prisma.execution.findMany({
      where: { id: { in: ids }, state: "running" },
      select: { id: true, leaseOwner: true },
    });
    const counts = workers.map((w) => held.filter((e) => e.leaseOwner === w.runner).length);
    victim = workers[counts.indexOf(Math.max(...counts))]!;
    const victimIds = held.filter((e) => e.leaseOwner === victim!.runner).map((e) => e.id);
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    progress(`fleet: SIGKILLed a process driving ${victimIds.length} executions`);
    const takeover = new Map<string, number>();
    while (takeover.size < victimIds.length) {
      const now = await prisma.execution.findMany({
        where: { id: { in: victimIds } },
        select: { id: true, leaseOwner: true, state: true },
      });
      for (const e of now)
        if (!takeover.has(e.id) && (e.leaseOwner !== victim.runner || e.state !== "running"))
          takeover.set(e.id, Date.now() - killedAt);
      await sleep(20);
    }
    killInfo = {
      atMs: killedAt - t0,
      victimExecutions: victimIds.length,
      takeoverMs: [...takeover.values()],
      abandoned: 0,
    };
  }
  while ((await active(ids)) > 0) await sleep(25);
  const cpuMs =
    pids.sims.length && process.platform === "linux"
      ? {
          consoles: cpuDelta(cpu0.consoles, cpuOf(pids.consoles)),
          sims: cpuDelta(cpu0.sims, cpuOf(pids.sims)),
          postgres: cpuDelta(cpu0.postgres, cpuOf(postgresBackends(dbName))),
        }
      : null;
  const execs = await prisma.execution.findMany({
    where: { id: { in: ids } },
    select: { id: true, state: true, startedAt: true, finishedAt: true },
  });
  const finished = execs.map((e) => (e.finishedAt?.getTime() ?? Date.now()) - t0);
  const attempts = await prisma.stepAttempt.findMany({
    where: { executionId: { in: ids } },
    select: {
      executionId: true,
      stepId: true,
      attempt: true,
      runner: true,
      startedAt: true,
      finishedAt: true,
      errorKind: true,
    },
  });
  const steps = await prisma.executionStep.findMany({
    where: { executionId: { in: ids } },
    select: { executionId: true, stepId: true, attemptCount: true },
  });
  const byStep = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const k = `${a.executionId}/${a.stepId}`;
    byStep.set(k, [...(byStep.get(k) ?? []), a]);
  }
  const stepProblems: string[] = [];
  for (const s of steps) {
    const mine = (byStep.get(`${s.executionId}/${s.stepId}`) ?? []).sort(
      (a, b) => a.attempt - b.attempt,
    );
    const ok = mine.filter((a) => a.errorKind === null && a.finishedAt !== null).length;
    if (ok !== 1) stepProblems.push(`${s.stepId}: ${ok} successful attempts`);
    if (mine.some((a, i) => a.attempt !== i + 1) || mine.length !== s.attemptCount)
      stepProblems.push(`${s.stepId}: attempts not numbered 1..${s.attemptCount}`);
    if (mine.some((a) => a.finishedAt === null))
      stepProblems.push(`${s.stepId}: an attempt left open`);
  }
  if (killInfo) killInfo.abandoned = attempts.filter((a) => a.errorKind === "abandoned").length;
  const states: Record<string, number> = {};
  for (const e of execs) states[e.state] = (states[e.state] ?? 0) + 1;
  return {
    executions: ids.length,
    makespanMs: Math.max(...finished),
    perExecutionMs: finished,
    startedMs: execs.map((e) => (e.startedAt?.getTime() ?? Date.now()) - t0),
    states,
    steps: steps.length,
    attempts: attempts.length,
    perProcess: workers.map(
      (w) => new Set(attempts.filter((a) => a.runner === w.runner).map((a) => a.executionId)).size,
    ),
    cpuMs,
    singleDriverViolations: singleDriverViolations(attempts),
    stepProblems,
    ...(killInfo ? { kill: killInfo } : {}),
  };
}

export async function runFleetPart(o: { quick: boolean }): Promise<FleetResult> {
  const size = o.quick ? { racks: 6, sleds: 8 } : { racks: FLEET.racks, sleds: FLEET.sleds };
  // survivors must be able to take a dead process's executions: (processes − 1) × max ≥ racks
  const maxExecutions = Math.ceil(size.racks / (FLEET.processes - 1));
  const db = await setupBenchDatabase();
  const dir = mkdtempSync(join(tmpdir(), "bpc-bench-fleet-"));
  let workers: Worker[] = [];
  const sims: BenchExecution[] = [];
  try {
    workers = await Promise.all(
      Array.from({ length: FLEET.processes }, () => startWorker(maxExecutions)),
    );
    progress(
      `fleet: ${workers.length} console processes up; ${size.racks} racks × ${size.sleds} sleds`,
    );
    const singles: number[] = [];
    const singlesCpuMs: BatchRun["cpuMs"][] = [];
    for (let i = 0; i < 3; i++) {
      const [x] = await setUpMany(1, size.sleds, dir);
      sims.push(x!);
      const r = await runBatch([x!], workers, false);
      singles.push(r.makespanMs);
      singlesCpuMs.push(r.cpuMs ?? null);
      progress(
        `fleet: single execution [${i + 1}/3]: ${r.makespanMs} ms, ${JSON.stringify(r.states)}`,
      );
      await x!.sim.stop();
    }
    const run = async (kill: boolean) => {
      const xs = await setUpMany(size.racks, size.sleds, dir);
      sims.push(...xs);
      progress(
        `fleet: ${xs.length} executions set up; approving all at once${kill ? ", killing one process mid-way" : ""}`,
      );
      const r = await runBatch(xs, workers, kill);
      progress(
        `fleet: batch ${r.makespanMs} ms, ${JSON.stringify(r.states)}, per process ${r.perProcess.join("/")}, ${r.singleDriverViolations.length} overlaps, ${r.stepProblems.length} step problems`,
      );
      await Promise.all(xs.map((x) => x.sim.stop()));
      return r;
    };
    const batch = await run(false);
    const killed = await run(true);
    return {
      config: {
        ...size,
        processes: FLEET.processes,
        profile: PROFILE,
        latencyMs: LATENCY_MS,
        leaseTtlMs: LEASE_TTL_MS,
        pollMs: POLL_MS,
        maxExecutionsPerProcess: maxExecutions,
      },
      singles,
      singlesCpuMs,
      batch,
      killed,
    };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await Promise.all(sims.map((x) => x.sim.stop()));
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

export const slowestSingle = (r: FleetResult): number => Math.max(...r.singles);
export const medianSingle = (r: FleetResult): number => median(r.singles);
