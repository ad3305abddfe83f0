/**
 * The diff graph marks items by key (components/diff-graph `failing`); an execution fails by
 * step. A failed step marks every item it realises, with the step's error.
 */
import type { Plan } from "~/lib/plan/types";
import type { StepRow } from "./types";

export function failedItems(
  plan: Plan,
  steps: readonly Pick<StepRow, "stepId" | "state" | "error">[],
): Map<string, string[]> {
  const errors = new Map(
    steps.filter((s) => s.state === "failed").map((s) => [s.stepId, s.error ?? "failed"]),
  );
  const out = new Map<string, string[]>();
  for (const step of plan.steps) {
    const error = errors.get(step.id);
    if (error !== undefined) for (const key of step.realises) out.set(key, [`failed: ${error}`]);
  }
  return out;
}
