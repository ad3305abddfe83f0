/**
 * execution.byId returns the stored plan as `unknown` (it is JSON in Postgres). The server
 * wrote it from a lib/plan Plan, so a shape check is enough to read it back.
 */
import { shortId } from "~/lib/blueprint/zones";
import type { DecommissionStep, Plan, PlanStep, RequestStep } from "~/lib/plan/types";

/** What describing a step needs (the plan preview's steps carry the same fields). */
type Described = DecommissionStep | Pick<RequestStep, "kind" | "method" | "path" | "generation">;

export function readPlan(value: unknown): Plan | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as { version?: unknown; steps?: unknown; sleds?: unknown };
  if (v.version !== 1 || !Array.isArray(v.steps) || !Array.isArray(v.sleds)) return null;
  return value as Plan; // checked above: version 1 with step and sled arrays, as createExecution stored it
}

export function stepsById(plan: Plan | null): ReadonlyMap<string, PlanStep> {
  return new Map((plan?.steps ?? []).map((s) => [s.id, s]));
}

/** `PUT /omicron-zones (generation 3)`, or what a decommission step does instead of a request. */
export function describeStep(step: Described & { sledId: string }): string {
  // `kind` is absent from plans stored before decommission steps existed: all requests.
  if (step.kind === "decommission")
    return `no request to any sled agent: sled ${shortId(step.sledId)} will be marked decommissioned`;
  return `${step.method} ${step.path} (generation ${step.generation})`;
}

/** The short form the step graph shows: `PUT /omicron-zones gen 3`, or `no request` (decommission). */
export function stepRequestLabel(step: Described): string {
  return step.kind === "decommission"
    ? "no request"
    : `${step.method} ${step.path} gen ${step.generation}`;
}

/** The step's number on its sled: `…/2-datasets` → `2-datasets`. */
export function stepShortName(stepId: string): string {
  const slash = stepId.lastIndexOf("/");
  return slash < 0 ? stepId : stepId.slice(slash + 1);
}
