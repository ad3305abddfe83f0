/**
 * Hazards are reported per plan step; the graph shows items. A step that would fail marks
 * every item it realises (its `realises` keys are the graph's node keys), with the reasons.
 */
import type { Hazard } from "~/lib/plan/replay";
import type { PlanStep } from "~/lib/plan/types";

/** lib's Hazard, or its JSON form from the API (where `rule` is a plain string). */
export type HazardLike = Pick<Hazard, "stepId" | "sledId" | "message"> & { rule: string };

export function hazardsByStep<H extends HazardLike>(hazards: readonly H[]): Map<string, H[]> {
  const out = new Map<string, H[]>();
  for (const h of hazards) out.set(h.stepId, [...(out.get(h.stepId) ?? []), h]);
  return out;
}

export function failingItems(
  steps: readonly Pick<PlanStep, "id" | "realises">[],
  hazards: readonly HazardLike[],
): Map<string, string[]> {
  const byStep = hazardsByStep(hazards);
  const out = new Map<string, string[]>();
  for (const step of steps) {
    const found = byStep.get(step.id);
    if (!found) continue;
    const reasons = [...new Set(found.map((h) => h.message))];
    for (const key of step.realises) {
      const known = out.get(key) ?? [];
      out.set(key, [...known, ...reasons.filter((r) => !known.includes(r))]);
    }
  }
  return out;
}
