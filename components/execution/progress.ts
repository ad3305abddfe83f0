/**
 * Progress of an execution: steps that ran (succeeded or failed) out of total, elapsed time, and an ETA for what is
 * left. The ETA re-runs lib/plan's estimate on the steps not yet done, with the per-step
 * latency measured so far in this execution (the plan preview's default until one finishes).
 */
import {
  isStepDone,
  isTerminal,
  type ExecutionState,
  type StepState,
} from "~/lib/execution/state-machine";
import { DEFAULT_ESTIMATE, estimatePlan } from "~/lib/plan/estimate";
import type { Plan } from "~/lib/plan/types";

/**
 * Ended and nothing in flight. A cancelled execution is terminal at once, while a request
 * already sent runs until it answers or times out: its step's end is still to come.
 */
export function isSettled(e: {
  state: ExecutionState;
  stepList: readonly { state: StepState }[];
}): boolean {
  return isTerminal(e.state) && !e.stepList.some((s) => s.state === "running");
}

export interface Progress {
  total: number;
  done: number;
  counts: Record<StepState, number>;
  elapsedMs: number | null;
  /** Time still needed; null once the execution has ended or before it starts. */
  etaMs: number | null;
  /** Mean duration of finished steps, the ETA's per-step latency. */
  meanStepMs: number | null;
  percent: number;
}

interface StepTimes {
  stepId: string;
  state: StepState;
  startedAt: string | null;
  finishedAt: string | null;
}

interface ExecutionTimes {
  state: ExecutionState;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Matches the executor's default (server/executor/config.ts EXECUTOR_CONCURRENCY). */
export const EXECUTOR_CONCURRENCY = 16;

export function meanFinishedStepMs(steps: readonly StepTimes[]): number | null {
  const spans = steps
    .filter((s) => s.state === "succeeded" && s.startedAt && s.finishedAt)
    .map((s) => Date.parse(s.finishedAt ?? "") - Date.parse(s.startedAt ?? ""))
    .filter((ms) => Number.isFinite(ms) && ms >= 0);
  return spans.length ? spans.reduce((a, b) => a + b, 0) / spans.length : null;
}

/** The plan restricted to steps not done, dependencies on done steps dropped. */
export function remainingPlan(plan: Plan, states: ReadonlyMap<string, StepState>): Plan {
  const left = plan.steps.filter((s) => !isStepDone(states.get(s.id) ?? "pending"));
  const ids = new Set(left.map((s) => s.id));
  return {
    ...plan,
    steps: left.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => ids.has(d)) })),
  };
}

export function progressOf(
  plan: Plan | null,
  steps: readonly StepTimes[],
  exec: ExecutionTimes,
  now: number,
): Progress {
  const counts: Record<StepState, number> = {
    pending: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  };
  for (const s of steps) counts[s.state] += 1;
  const total = steps.length;
  // Steps that ran to an end; skipped and cancelled ones never ran (a stale plan sends nothing).
  const done = counts.succeeded + counts.failed;
  const open = counts.pending + counts.running;
  const elapsedMs = exec.startedAt
    ? Math.max(
        0,
        (exec.finishedAt ? Date.parse(exec.finishedAt) : now) - Date.parse(exec.startedAt),
      )
    : null;
  const meanStepMs = meanFinishedStepMs(steps);
  let etaMs: number | null = null;
  if (plan && !isTerminal(exec.state) && open > 0) {
    const states = new Map(steps.map((s) => [s.stepId, s.state]));
    const opts =
      meanStepMs === null
        ? DEFAULT_ESTIMATE
        : { requestLatencyMs: meanStepMs, reconcileMs: 0, concurrency: EXECUTOR_CONCURRENCY };
    etaMs = estimatePlan(remainingPlan(plan, states), opts).etaMs;
  }
  return {
    total,
    done,
    counts,
    elapsedMs,
    etaMs,
    meanStepMs,
    percent: total ? Math.round((done / total) * 100) : 0,
  };
}
