/**
 * Which failure to look at first. A skipped step points at the step that blocked it; a
 * failed step whose own dependencies all succeeded is a root. Among roots, the one that
 * failed first (by finish time, then plan order) is the likely cause; it is highlighted and
 * the others are listed as further failures.
 */
import type { Plan } from "~/lib/plan/types";
import type { StepRow } from "./types";

export interface RootFailure {
  stepId: string;
  sledId: string;
  error: string | null;
  /** Steps skipped because of it (directly or through other skipped steps). */
  blocked: string[];
  /** Other failed steps that are roots themselves. */
  others: string[];
}

/** Every step that (transitively) depends on `stepId`. */
export function dependentsOf(plan: Plan, stepId: string): string[] {
  const children = new Map<string, string[]>();
  for (const s of plan.steps)
    for (const d of s.dependsOn) children.set(d, [...(children.get(d) ?? []), s.id]);
  const out: string[] = [];
  const seen = new Set<string>();
  const queue = [...(children.get(stepId) ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

export function findRootFailure(plan: Plan | null, steps: readonly StepRow[]): RootFailure | null {
  const failed = steps.filter((s) => s.state === "failed");
  if (!plan || failed.length === 0) return null;
  const state = new Map(steps.map((s) => [s.stepId, s.state]));
  const order = new Map(plan.steps.map((s, i) => [s.id, i]));
  const deps = new Map(plan.steps.map((s) => [s.id, s.dependsOn]));
  const roots = failed.filter((s) =>
    (deps.get(s.stepId) ?? []).every((d) => state.get(d) === "succeeded"),
  );
  const candidates = roots.length ? roots : failed;
  const time = (s: StepRow) => (s.finishedAt ? Date.parse(s.finishedAt) : Number.POSITIVE_INFINITY);
  const sorted = [...candidates].sort(
    (a, b) => time(a) - time(b) || (order.get(a.stepId) ?? 0) - (order.get(b.stepId) ?? 0),
  );
  const [root, ...others] = sorted;
  if (!root) return null;
  const blocked = dependentsOf(plan, root.stepId).filter((id) => state.get(id) === "skipped");
  return {
    stepId: root.stepId,
    sledId: root.sledId,
    error: root.error,
    blocked,
    others: others.map((s) => s.stepId),
  };
}
