/**
 * Parts 2 and 3, execution and recording: a 32-sled rack on the simulator (its own process,
 * 20 ms added to every request), every sled changed (a mixed change), driven by the console's
 * executor (driveExecution: lease, stale check, recorded attempts) on a fresh PostgreSQL
 * database. Compared with the ideal schedule (lib/plan/estimate.ts), the same executor at
 * concurrency 1 (one step, hence one sled, after another, in plan order), and the same
 * schedule without a database (bare-runner.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimatePlan } from "~/lib/plan/estimate.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { executorConfig, type ExecutorConfig } from "~/server/executor/config.ts";
import { driveExecution } from "~/server/executor/drive.ts";
import { DEFAULT_RECONCILE_MS } from "~/sim/rack.ts";
import { getExecution, listAttempts } from "~/server/repo/executions.ts";
import { progress } from "../lib/log.ts";
import { cpuDelta, cpuOf, postgresBackends, processCpuMs } from "../lib/proc-cpu.ts";
import { median, quantile } from "../lib/stats.ts";
import { runBare } from "./bare-runner.ts";
import { setupBenchDatabase, type BenchDatabase } from "./database.ts";
import { setUpExecution } from "./fixture.ts";
import type { SimProcess } from "./sim-process.ts";

export const SLEDS = 32;
export const LATENCY_MS = 20;
export const ERROR_RATE = 0.01;
/** Makespan within this factor of the ideal schedule, per profile (issue 17). */
export const TARGET_RATIOS = { split: 1.3, reconciler: 1.1 } as const;
/** The sweep's "keeps the target" ratio: split's. */
export const TARGET_RATIO = TARGET_RATIOS.split;
/** Recording per attempt at the default concurrency: median and p99 at most (ms). */
export const RECORDING_TARGET = { medianMs: 2, p99Ms: 10 } as const;

export type Variant = "executor" | "bare";

export interface RunSample {
  profile: SledAgentProfile;
  variant: Variant;
  concurrency: number;
  errorRate: number;
  /** driveExecution from call to return (lease, stale check, steps, finish), or the bare run. */
  makespanMs: number;
  /** From the execution's startedAt (after the stale check) to the end. */
  stepsMs: number;
  state: string;
  steps: number;
  attempts: number;
  /** Recording queries per attempt (executor only): ms each. */
  attemptRecordingMs: number[];
  otherQueries: { queries: number; ms: number };
  /** Time each request spent in the simulator beyond the added latency (its own work), ms. */
  simServiceMs: { median: number; p90: number; requests: number };
  /**
   * CPU used during the run (Linux /proc; null elsewhere), ms: the console's process (executor,
   * Prisma client), the simulator's, and the PostgreSQL backends of the benchmark's database.
   */
  cpuMs?: { console: number; sim: number | null; postgres: number | null };
}

export interface Bounds {
  /** Critical path × per-step time, unlimited concurrency. */
  criticalPathMs: number;
  /** The ideal list schedule at this concurrency (zero overhead): the target's baseline. */
  idealMs: number;
  criticalPathSteps: number;
}

export interface Scenario {
  name: string;
  profile: SledAgentProfile;
  variant: Variant;
  concurrency: number;
  errorRate: number;
  runs: RunSample[];
  bounds: Bounds;
  medianMakespanMs: number;
  medianStepsMs: number;
  /** median makespan ÷ ideal. */
  ratioToIdeal: number;
  attemptsPerSecond: number;
}

export interface ExecutionResult {
  config: {
    sleds: number;
    latencyMs: number;
    simReconcileMs: number;
    executor: ExecutorConfig;
    postgres: string;
  };
  scenarios: Scenario[];
}

/** Per-step time in the ideal schedule: a request, plus for `reconciler` the pass and one inventory read. */
export function boundsFor(plan: Parameters<typeof estimatePlan>[0], concurrency: number): Bounds {
  const e = estimatePlan(plan, {
    requestLatencyMs: LATENCY_MS,
    reconcileMs: DEFAULT_RECONCILE_MS + LATENCY_MS,
    concurrency,
  });
  return {
    criticalPathMs: e.lowerBoundMs,
    idealMs: e.etaMs,
    criticalPathSteps: e.criticalPathSteps,
  };
}

async function simService(sim: SimProcess): Promise<RunSample["simServiceMs"]> {
  const logs = await Promise.all(sim.sleds.map((s) => sim.requestLog(s.id)));
  const xs = logs
    .flat()
    .filter((r) => r.status !== null)
    .map((r) => Math.max(0, r.durationMs - LATENCY_MS));
  return { median: median(xs), p90: quantile(xs, 0.9), requests: xs.length };
}

interface RunSpec {
  profile: SledAgentProfile;
  variant: Variant;
  concurrency: number;
  errorRate: number;
}

async function runOnce(
  db: BenchDatabase,
  dir: string,
  spec: RunSpec,
  seed: string,
): Promise<{ sample: RunSample; bounds: Bounds }> {
  const cfg = executorConfig({ concurrency: spec.concurrency });
  const fx = await setUpExecution({
    sleds: SLEDS,
    profile: spec.profile,
    reconcileMs: DEFAULT_RECONCILE_MS,
    dir,
    faultSeed: seed,
  });
  try {
    await fx.sim.setFaults({
      latencyMs: LATENCY_MS,
      ...(spec.errorRate > 0 ? { errorRate: { rate: spec.errorRate, status: 503 } } : {}),
    });
    const bounds = boundsFor(fx.plan, spec.concurrency);
    const base = { ...spec, steps: fx.plan.steps.length };
    const sample =
      spec.variant === "bare"
        ? await bareSample(fx, base, cfg)
        : await executorSample(db, fx, base, cfg);
    return { sample, bounds };
  } finally {
    await fx.sim.stop();
  }
}

type ExecutionFixture = Awaited<ReturnType<typeof setUpExecution>>;
type SampleBase = RunSpec & { steps: number };

/** The plan sent by the bare loop (no database): the floor the executor is measured against. */
async function bareSample(
  fx: ExecutionFixture,
  base: SampleBase,
  cfg: ExecutorConfig,
): Promise<RunSample> {
  const sim0 = fx.sim.pid === undefined ? null : processCpuMs(fx.sim.pid);
  const cpu0 = process.cpuUsage();
  const r = await runBare(fx.plan, new Map(fx.sim.sleds.map((s) => [s.id, s.url])), cfg);
  const cpu = process.cpuUsage(cpu0);
  const sim1 = fx.sim.pid === undefined ? null : processCpuMs(fx.sim.pid);
  return {
    ...base,
    makespanMs: r.makespanMs,
    stepsMs: r.makespanMs,
    state: r.failedSteps ? "failed" : "succeeded",
    attempts: r.attempts,
    attemptRecordingMs: [],
    otherQueries: { queries: 0, ms: 0 },
    simServiceMs: await simService(fx.sim),
    cpuMs: {
      console: (cpu.user + cpu.system) / 1000,
      sim: sim0 === null || sim1 === null ? null : sim1 - sim0,
      postgres: 0,
    },
  };
}

/** The execution driven by the real executor, with its queries timed. */
async function executorSample(
  db: BenchDatabase,
  fx: ExecutionFixture,
  base: SampleBase,
  cfg: ExecutorConfig,
): Promise<RunSample> {
  db.recorder.reset();
  const dbName = new URL(db.url).pathname.slice(1);
  const pg0 = cpuOf(postgresBackends(dbName));
  const sim0 = fx.sim.pid === undefined ? null : processCpuMs(fx.sim.pid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await driveExecution(fx.executionId, { runner: "bench", cfg });
  const makespanMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const sim1 = fx.sim.pid === undefined ? null : processCpuMs(fx.sim.pid);
  const pgPids = postgresBackends(dbName);
  const cpuMs = {
    console: (cpu.user + cpu.system) / 1000,
    sim: sim0 === null || sim1 === null ? null : sim1 - sim0,
    postgres: pgPids.length ? cpuDelta(pg0, cpuOf(pgPids)) : null,
  };
  const endedAt = Date.now();
  const recordings = db.recorder.attemptRecordings().map((a) => a.ms);
  const other = { ...db.recorder.other };
  const exec = await getExecution(fx.executionId);
  const attempts = await listAttempts(fx.executionId);
  const stepsMs = exec?.startedAt ? endedAt - exec.startedAt.getTime() : makespanMs;
  const state = result.kind === "ended" ? result.state : result.kind;
  return {
    ...base,
    makespanMs,
    stepsMs,
    state,
    attempts: attempts.length,
    attemptRecordingMs: recordings,
    otherQueries: other,
    simServiceMs: await simService(fx.sim),
    cpuMs,
  };
}

function scenarioOf(
  name: string,
  spec: RunSpec,
  runs: { sample: RunSample; bounds: Bounds }[],
): Scenario {
  const samples = runs.map((r) => r.sample);
  const bounds = runs[0]?.bounds ?? { criticalPathMs: 0, idealMs: 0, criticalPathSteps: 0 };
  const medianMakespanMs = median(samples.map((s) => s.makespanMs));
  return {
    name,
    ...spec,
    runs: samples,
    bounds: {
      criticalPathMs: median(runs.map((r) => r.bounds.criticalPathMs)),
      idealMs: median(runs.map((r) => r.bounds.idealMs)),
      criticalPathSteps: bounds.criticalPathSteps,
    },
    medianMakespanMs,
    medianStepsMs: median(samples.map((s) => s.stepsMs)),
    ratioToIdeal: medianMakespanMs / median(runs.map((r) => r.bounds.idealMs)),
    attemptsPerSecond: median(samples.map((s) => s.attempts / (s.makespanMs / 1000))),
  };
}

export interface ExecutionPlanOfRuns {
  runs: number;
  quick: boolean;
}

/** The scenarios, in the order they run; `runs` scales the repeats. */
function specs(o: ExecutionPlanOfRuns): { name: string; spec: RunSpec; runs: number }[] {
  const n = Math.max(1, Math.min(5, o.runs)); // each run is a whole rack: five are plenty for a median
  const few = Math.max(1, Math.ceil(n / 2));
  const list: { name: string; spec: RunSpec; runs: number }[] = [];
  for (const profile of ["split", "reconciler"] as const) {
    const def = executorConfig().concurrency;
    list.push({
      name: `${profile}: executor`,
      spec: { profile, variant: "executor", concurrency: def, errorRate: 0 },
      runs: profile === "split" ? n : few,
    });
    list.push({
      name: `${profile}: executor, 1% 503s`,
      spec: { profile, variant: "executor", concurrency: def, errorRate: ERROR_RATE },
      runs: profile === "split" ? n : few,
    });
    list.push({
      name: `${profile}: without recording`,
      spec: { profile, variant: "bare", concurrency: def, errorRate: 0 },
      runs: few,
    });
    list.push({
      name: `${profile}: executor, one step at a time`,
      spec: { profile, variant: "executor", concurrency: 1, errorRate: 0 },
      runs: 1,
    });
  }
  if (!o.quick) {
    for (const c of [4, 8, 32]) {
      list.push({
        name: `split: executor, concurrency ${c}`,
        spec: { profile: "split", variant: "executor", concurrency: c, errorRate: 0 },
        runs: few,
      });
      list.push({
        name: `split: without recording, concurrency ${c}`,
        spec: { profile: "split", variant: "bare", concurrency: c, errorRate: 0 },
        runs: few,
      });
    }
  }
  // BENCH_EXECUTION_SCENARIOS=<regexp>: only the scenarios whose name matches (profiling one).
  const only = process.env.BENCH_EXECUTION_SCENARIOS;
  return only ? list.filter((x) => new RegExp(only).test(x.name)) : list;
}

export async function runExecutionPart(o: ExecutionPlanOfRuns): Promise<ExecutionResult> {
  const db = await setupBenchDatabase();
  const dir = mkdtempSync(join(tmpdir(), "bpc-bench-exec-"));
  const scenarios: Scenario[] = [];
  try {
    progress(
      `execution: fresh database ${db.url.replace(/\/\/[^@]*@/, "//")} (${db.version.split(" ").slice(0, 2).join(" ")})`,
    );
    for (const { name, spec, runs } of specs(o)) {
      const done: { sample: RunSample; bounds: Bounds }[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await runOnce(db, dir, spec, `bench-${name}-${i}`);
        done.push(r);
        progress(
          `execution: ${name} [${i + 1}/${runs}]: ${r.sample.makespanMs.toFixed(0)} ms (ideal ${r.bounds.idealMs.toFixed(0)} ms), ${r.sample.attempts} attempts, ${r.sample.state}`,
        );
      }
      scenarios.push(scenarioOf(name, spec, done));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
  return {
    config: {
      sleds: SLEDS,
      latencyMs: LATENCY_MS,
      simReconcileMs: DEFAULT_RECONCILE_MS,
      executor: executorConfig(),
      postgres: db.version,
    },
    scenarios,
  };
}

/** All attempts' recording times of the executor runs matching `f`. */
export function recordingTimes(
  r: ExecutionResult,
  f: (s: Scenario) => boolean,
): { median: number; p99: number; n: number } {
  const xs = r.scenarios.filter(f).flatMap((s) => s.runs.flatMap((x) => x.attemptRecordingMs));
  return { median: median(xs), p99: quantile(xs, 0.99), n: xs.length };
}
