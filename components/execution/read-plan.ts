/**
 * execution.byId returns the stored plan as `unknown` (it is JSON in Postgres). The server
 * wrote it from a lib/plan Plan, so a shape check is enough to read it back.
 */
import type { Plan, PlanStep } from "../../lib/plan/types";

export function readPlan(value: unknown): Plan | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as { version?: unknown; steps?: unknown; sleds?: unknown };
  if (v.version !== 1 || !Array.isArray(v.steps) || !Array.isArray(v.sleds)) return null;
  return value as Plan; // checked above: version 1 with step and sled arrays, as createExecution stored it
}

export function stepsById(plan: Plan | null): ReadonlyMap<string, PlanStep> {
  return new Map((plan?.steps ?? []).map((s) => [s.id, s]));
}

/** `PUT /omicron-zones (generation 3)`. */
export function describeStep(step: Pick<PlanStep, "method" | "path" | "generation">): string {
  return `${step.method} ${step.path} (generation ${step.generation})`;
}

/** The step's number on its sled: `…/2-datasets` → `2-datasets`. */
export function stepShortName(stepId: string): string {
  const slash = stepId.lastIndexOf("/");
  return slash < 0 ? stepId : stepId.slice(slash + 1);
}
