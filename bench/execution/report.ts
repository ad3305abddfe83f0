/** The execution and recording sections of docs/BENCHMARKS.md, and their targets. */
import { fmtMs, fmtX, table } from "../lib/markdown.ts";
import { median, quantile } from "../lib/stats.ts";
import type { TargetResult } from "../lib/target.ts";
import {
  RECORDING_TARGET,
  TARGET_RATIO,
  TARGET_RATIOS,
  type ExecutionResult,
  type Scenario,
} from "./part.ts";

const find = (
  r: ExecutionResult,
  profile: string,
  variant: string,
  concurrency: number,
  errorRate = 0,
) =>
  r.scenarios.find(
    (s) =>
      s.profile === profile &&
      s.variant === variant &&
      s.concurrency === concurrency &&
      s.errorRate === errorRate,
  );

function defaultConcurrency(r: ExecutionResult): number {
  return r.config.executor.concurrency;
}

export function executionTargets(r: ExecutionResult): TargetResult[] {
  const c = defaultConcurrency(r);
  return (["split", "reconciler"] as const).flatMap((profile) => {
    const s = find(r, profile, "executor", c);
    if (!s) return [];
    const faulty = find(r, profile, "executor", c, 0.01);
    const seq = find(r, profile, "executor", 1);
    const bare = find(r, profile, "bare", c);
    const parts = [
      `${fmtMs(s.medianMakespanMs)} vs ideal ${fmtMs(s.bounds.idealMs)} = ${fmtX(s.ratioToIdeal)}`,
      bare ? `without recording ${fmtX(bare.ratioToIdeal)}` : "",
      seq
        ? `one step at a time ${fmtMs(seq.medianMakespanMs)} (${fmtX(seq.medianMakespanMs / s.medianMakespanMs)} slower)`
        : "",
      faulty
        ? `with 1% 503s ${fmtMs(faulty.medianMakespanMs)} (slowdown ${fmtX(faulty.medianMakespanMs / s.medianMakespanMs)})`
        : "",
    ].filter(Boolean);
    return [
      {
        target: `32 sleds, ${profile}: makespan within ${TARGET_RATIOS[profile]}× of the ideal schedule at concurrency ${c}`,
        met: s.ratioToIdeal <= TARGET_RATIOS[profile],
        detail: parts.join("; "),
      },
    ];
  });
}

function recordingStats(r: ExecutionResult, only?: (s: Scenario) => boolean) {
  const executor = r.scenarios.filter((s) => s.variant === "executor" && (only?.(s) ?? true));
  const perAttempt = executor.flatMap((s) => s.runs.flatMap((x) => x.attemptRecordingMs));
  const steps = executor.reduce((n, s) => n + s.runs.reduce((m, x) => m + x.steps, 0), 0);
  const other = executor.reduce(
    (acc, s) =>
      s.runs.reduce(
        (a, x) => ({ queries: a.queries + x.otherQueries.queries, ms: a.ms + x.otherQueries.ms }),
        acc,
      ),
    { queries: 0, ms: 0 },
  );
  return {
    median: median(perAttempt),
    p99: quantile(perAttempt, 0.99),
    n: perAttempt.length,
    otherPerStep: other.queries / steps,
    otherMsPerStep: other.ms / steps,
  };
}

function sweep(r: ExecutionResult): { c: number; exec: Scenario; bare: Scenario | undefined }[] {
  return r.scenarios
    .filter((s) => s.profile === "split" && s.variant === "executor" && s.errorRate === 0)
    .map((exec) => ({
      c: exec.concurrency,
      exec,
      bare: find(r, "split", "bare", exec.concurrency),
    }))
    .sort((a, b) => a.c - b.c);
}

export function recordingTargets(r: ExecutionResult): TargetResult[] {
  const st = recordingStats(r);
  const rows = sweep(r);
  const keeping = rows.filter((x) => x.exec.ratioToIdeal <= TARGET_RATIO);
  const best = keeping.at(-1);
  const fastest = [...rows].sort((a, b) => b.exec.attemptsPerSecond - a.exec.attemptsPerSecond)[0];
  const detail = best
    ? `${best.exec.attemptsPerSecond.toFixed(0)} attempts/s at concurrency ${best.c}`
    : `no concurrency kept it (best ${fmtX(Math.min(...rows.map((x) => x.exec.ratioToIdeal)))}); the most: ${fastest?.exec.attemptsPerSecond.toFixed(0) ?? "–"} attempts/s at concurrency ${fastest?.c ?? "–"}`;
  const c = defaultConcurrency(r);
  const atDefault = recordingStats(r, (s) => s.concurrency === c && s.errorRate === 0);
  return [
    {
      target: `recording cost per attempt at concurrency ${c}: median ≤ ${RECORDING_TARGET.medianMs} ms, p99 ≤ ${RECORDING_TARGET.p99Ms} ms`,
      met:
        atDefault.n > 0
          ? atDefault.median <= RECORDING_TARGET.medianMs && atDefault.p99 <= RECORDING_TARGET.p99Ms
          : null,
      detail: `median ${fmtMs(atDefault.median)}, p99 ${fmtMs(atDefault.p99)} over ${atDefault.n} attempts (all concurrencies: median ${fmtMs(st.median)}, p99 ${fmtMs(st.p99)} over ${st.n}), plus ${st.otherPerStep.toFixed(1)} other queries (${fmtMs(st.otherMsPerStep)}) per step`,
    },
    {
      target: `attempts recorded per second at the highest concurrency keeping ${TARGET_RATIO}× of ideal`,
      met: best !== undefined,
      detail,
    },
  ];
}

/** Median CPU per step of the console, the simulator and PostgreSQL ("–" where not measured). */
function cpuPerStep(s: Scenario): string {
  const per = (f: (c: NonNullable<Scenario["runs"][number]["cpuMs"]>) => number | null) => {
    const xs = s.runs.flatMap((x) => {
      const v = x.cpuMs ? f(x.cpuMs) : null;
      return v === null ? [] : [v / x.steps];
    });
    return xs.length ? fmtMs(median(xs)) : "–";
  };
  return `${per((c) => c.console)} / ${per((c) => c.sim)} / ${per((c) => c.postgres)}`;
}

export function executionSection(r: ExecutionResult): string {
  const e = r.config.executor;
  const rows = r.scenarios.map((s) => [
    s.name,
    String(s.concurrency),
    String(s.runs.length),
    String(median(s.runs.map((x) => x.steps))),
    String(median(s.runs.map((x) => x.attempts))),
    `**${fmtMs(s.medianMakespanMs)}**`,
    fmtMs(s.medianStepsMs),
    fmtMs(s.bounds.idealMs),
    fmtMs(s.bounds.criticalPathMs),
    `**${fmtX(s.ratioToIdeal)}**`,
    // Older result files lack simServiceMs: show a dash for them.
    `${fmtMs(median(s.runs.map((x) => x.simServiceMs?.median ?? Number.NaN)))} / ${fmtMs(median(s.runs.map((x) => x.simServiceMs?.p90 ?? Number.NaN)))}`,
    s.attemptsPerSecond.toFixed(0),
    cpuPerStep(s),
    [...new Set(s.runs.map((x) => x.state))].join(", "),
  ]);
  return [
    `${r.config.sleds} sleds, a mixed change on every sled (lib/examples/mixed-change.ts), the simulated rack in its own process (sim/main.ts) adding ${r.config.latencyMs} ms to every request; \`reconciler\` agents take ${r.config.simReconcileMs} ms per reconciliation pass. A fresh rack, database rows and simulator for every run. Executor settings are the defaults (server/executor/config.ts): concurrency ${e.concurrency}, one step per sled at a time, call timeout ${e.callTimeoutMs} ms, ${e.maxAttempts} attempts, backoff ${e.backoffBaseMs}–${e.backoffCapMs} ms, inventory polled every ${e.reconcilePollMs} ms. ${r.config.postgres.split(",")[0] ?? ""}.`,
    "",
    "*makespan*: `driveExecution` from call to return (lease, stale check against every sled, all steps, finish) — or the run without recording; *steps*: from the execution's `startedAt` (after the stale check) to the end. *ideal*: the list schedule of the plan at that concurrency with every request taking exactly the added latency and nothing else (lib/plan/estimate.ts `etaMs`; a `reconciler` step counts the PUT, the reconciliation pass and one inventory read) — the lower bound given the concurrency limit; *critical path*: the same with unlimited concurrency (`lowerBoundMs`). *one step at a time* is the console's executor at concurrency 1, i.e. one sled after another in plan order, as omicron's executor deploys; *without recording* is bench/execution/bare-runner.ts: the same schedule, client, retries and reconciliation wait, no database.",
    "",
    table(
      [
        "scenario",
        "concurrency",
        "runs",
        "steps",
        "attempts",
        "makespan",
        "steps",
        "ideal",
        "critical path",
        "makespan ÷ ideal",
        "simulator's own time per request (median / p90)",
        "attempts/s",
        "CPU per step: console / simulator / PostgreSQL",
        "outcome",
      ],
      rows,
      ["l"],
    ),
  ].join("\n");
}

export function recordingSection(r: ExecutionResult): string {
  const st = recordingStats(r);
  const rows = sweep(r).map(({ c, exec, bare }) => [
    String(c),
    fmtMs(exec.bounds.idealMs),
    fmtMs(exec.medianMakespanMs),
    bare ? fmtMs(bare.medianMakespanMs) : "–",
    fmtX(exec.ratioToIdeal),
    bare ? fmtX(bare.ratioToIdeal) : "–",
    bare
      ? fmtMs(
          (exec.medianMakespanMs - bare.medianMakespanMs) /
            Math.max(1, median(exec.runs.map((x) => x.steps)) / c),
        )
      : "–",
    (() => {
      const xs = exec.runs.flatMap((x) => x.attemptRecordingMs);
      return `${fmtMs(median(xs))} / ${fmtMs(quantile(xs, 0.99))}`;
    })(),
    exec.attemptsPerSecond.toFixed(0),
  ]);
  return [
    `The same executions as above (split profile unless noted). Every attempt is written before and after its HTTP call (server/repo/attempts.ts), group-committed: the records queued together go in one statement, whatever is queued while one is in flight in the next. *Recording per attempt* is what the step waited for its two records, from queued to committed (including any wait for the statement in flight) — before: step row update, attempt row insert, \`attempt.started\` (and \`step.started\` on a step's first attempt); after: attempt row update, \`attempt.finished\`, and what follows (on the step's last attempt its final state and \`step.<state>\`, else \`step.retrying\` or \`step.reconciling\`); the after statement also returns the execution's state, the scheduler's cancellation check — timed by attempts.ts \`observeRecording\` (bench/execution/recorder.ts). Over all executor runs: **median ${fmtMs(st.median)}, p99 ${fmtMs(st.p99)} per attempt** (${st.n} attempts). Each step also costs ${st.otherPerStep.toFixed(1)} other queries (${fmtMs(st.otherMsPerStep)}: per execution the lease, stale check, start and finish; a \`reconciler\` step's end after inventory; skipped steps; the cancellation check while no step ends).`,
    "",
    "With recording vs without (the bare runner), by concurrency; *added per step* = (makespan with − without) ÷ (steps ÷ concurrency), the time recording adds to each step's slot:",
    "",
    table(
      [
        "concurrency",
        "ideal",
        "with recording",
        "without",
        "with ÷ ideal",
        "without ÷ ideal",
        "added per step",
        "recording per attempt (median / p99)",
        "attempts/s recorded",
      ],
      rows,
    ),
  ].join("\n");
}
