/**
 * How long a plan takes: waves (steps whose dependencies are all in earlier waves), the
 * critical path, and an ETA from a per-request latency under a concurrency limit (list
 * scheduling in plan order, as the executor runs it).
 */
import { isRequestStep, type Plan, type PlanStep } from "./types";

export interface EstimateOptions {
  /** Time for one request, ms. */
  requestLatencyMs: number;
  /** Extra time a `reconciler` step waits for the agent to reconcile, ms. */
  reconcileMs?: number;
  /** Requests in flight at once across the rack. */
  concurrency: number;
}

export interface Estimate {
  steps: number;
  waves: string[][];
  criticalPathSteps: number;
  criticalPath: string[];
  etaMs: number;
  /** Lower bound: the critical path's duration with unlimited concurrency. */
  lowerBoundMs: number;
}

export const DEFAULT_ESTIMATE: EstimateOptions = {
  requestLatencyMs: 250,
  reconcileMs: 2_000,
  concurrency: 16,
};

export function estimatePlan(plan: Plan, opts: EstimateOptions = DEFAULT_ESTIMATE): Estimate {
  // A decommission step sends nothing: one database write, negligible next to a request.
  const cost = (step: PlanStep) =>
    !isRequestStep(step)
      ? 0
      : opts.requestLatencyMs + (step.endpoint === "config" ? (opts.reconcileMs ?? 0) : 0);
  const depth = new Map<string, number>();
  const finish = new Map<string, number>(); // earliest finish with unlimited concurrency
  const prevOnPath = new Map<string, string | null>();
  for (const step of plan.steps) {
    let d = 0;
    let start = 0;
    let via: string | null = null;
    for (const dep of step.dependsOn) {
      d = Math.max(d, (depth.get(dep) ?? 0) + 1);
      const f = finish.get(dep) ?? 0;
      if (f >= start) {
        start = f;
        via = dep;
      }
    }
    depth.set(step.id, d);
    finish.set(step.id, start + cost(step));
    prevOnPath.set(step.id, via);
  }
  const waves: string[][] = [];
  for (const step of plan.steps) (waves[depth.get(step.id) ?? 0] ??= []).push(step.id);
  let last: string | null = null;
  for (const [id, f] of finish) if (last === null || f > (finish.get(last) ?? 0)) last = id;
  const criticalPath: string[] = [];
  for (let at = last; at; at = prevOnPath.get(at) ?? null) criticalPath.unshift(at);
  return {
    steps: plan.steps.length,
    waves,
    criticalPathSteps: criticalPath.length,
    criticalPath,
    etaMs: simulateSchedule(plan, cost, Math.max(1, opts.concurrency)),
    lowerBoundMs: last ? (finish.get(last) ?? 0) : 0,
  };
}

/**
 * Event simulation: whenever fewer than `limit` steps run, start the earliest-listed ready
 * step. Ready steps are kept in plan order; running ones in a small array sorted by end time.
 */
function simulateSchedule(plan: Plan, cost: (step: PlanStep) => number, limit: number): number {
  const index = new Map(plan.steps.map((s, i) => [s.id, i]));
  const waiting = plan.steps.map((s) => s.dependsOn.length);
  const dependents: number[][] = plan.steps.map(() => []);
  plan.steps.forEach((s, i) => s.dependsOn.forEach((d) => dependents[index.get(d) ?? -1]?.push(i)));
  const ready = new MinHeap();
  waiting.forEach((w, i) => w === 0 && ready.push(i));
  const running: { i: number; end: number }[] = [];
  let now = 0;
  for (;;) {
    while (running.length < limit && ready.size > 0) {
      const i = ready.pop();
      const step = plan.steps[i];
      if (step) insertByEnd(running, { i, end: now + cost(step) });
    }
    const next = running.shift();
    if (!next) return now;
    now = next.end;
    for (const d of dependents[next.i] ?? []) if (--waiting[d]! === 0) ready.push(d);
  }
}

function insertByEnd(
  running: { i: number; end: number }[],
  item: { i: number; end: number },
): void {
  let lo = 0;
  let hi = running.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((running[mid]?.end ?? 0) <= item.end) lo = mid + 1;
    else hi = mid;
  }
  running.splice(lo, 0, item);
}

/** A binary min-heap of step indexes (plan order = priority). */
class MinHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if ((a[p] ?? 0) <= v) break;
      a[i] = a[p] ?? 0;
      a[p] = v;
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0] ?? -1;
    const last = a.pop() ?? -1;
    if (a.length === 0) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && (a[l] ?? 0) < (a[m] ?? 0)) m = l;
      if (r < a.length && (a[r] ?? 0) < (a[m] ?? 0)) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m] ?? 0, a[i] ?? 0];
      i = m;
    }
    return top;
  }
}
