/**
 * execution.byId returns the stored plan as `unknown` (it is JSON in Postgres). The server
 * wrote it from a lib/plan Plan, so a shape check is enough to read it back.
 */
import { shortId } from "~/lib/blueprint/zones";
import type { DecommissionStep, NexusStep, Plan, PlanStep, RequestStep } from "~/lib/plan/types";
import { NEXUS_STEP_SLED } from "~/lib/plan/types";

/** What describing a step needs (the plan preview's steps carry the same fields). */
type Described =
  | DecommissionStep
  | Pick<NexusStep, "kind" | "action" | "generation">
  | Pick<RequestStep, "kind" | "method" | "path" | "generation">;

/** What a Nexus step does, in the words the step list and graph show (issue 15). */
function nexusAction(step: Pick<NexusStep, "action" | "generation">, short: boolean): string {
  switch (step.action) {
    case "check-target":
      return short
        ? "GET Nexus target"
        : "no sled-agent request: read Nexus's target (must be the parent)";
    case "disable-execution":
      return short
        ? "PUT Nexus target/enabled false"
        : "no sled-agent request: disable Nexus's execution of the parent (PUT /deployment/blueprints/target/enabled)";
    case "set-target":
    case "hand-back":
      return short
        ? "POST Nexus import + target"
        : "no sled-agent request: import the target into Nexus unless it has it, make it Nexus's target, enabled";
    case "watch-sled":
      return short
        ? `watch inventory gen ${step.generation ?? "?"}`
        : `no request: watch the agent's inventory until Nexus's executor brought it to generation ${step.generation ?? "?"}, every item ok`;
    default:
      return step.action satisfies never;
  }
}

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
  if (step.kind === "nexus") return nexusAction(step, false);
  return `${step.method} ${step.path} (generation ${step.generation})`;
}

/** The short form the step graph shows: `PUT /omicron-zones gen 3`, or `no request` (decommission). */
export function stepRequestLabel(step: Described): string {
  if (step.kind === "nexus") return nexusAction(step, true);
  return step.kind === "decommission"
    ? "no request"
    : `${step.method} ${step.path} gen ${step.generation}`;
}

/** The step's number on its sled: `…/2-datasets` → `2-datasets`. */
export function stepShortName(stepId: string): string {
  const slash = stepId.lastIndexOf("/");
  return slash < 0 ? stepId : stepId.slice(slash + 1);
}

const ENDPOINT_WORDS: Record<string, string> = {
  config: "apply config",
  disks: "set physical disks",
  datasets: "set datasets",
  zones: "set zones",
};

const NEXUS_WORDS: Record<NexusStep["action"], string> = {
  "check-target": "check Nexus's target",
  "disable-execution": "disable Nexus's execution",
  "set-target": "make the target Nexus's target",
  "hand-back": "hand the target back to Nexus",
  "watch-sled": "watch its reconciliation",
};

/**
 * A step in words, as operators read it: `sled 93c2…: apply config gen 3`,
 * `sled 93c2…: marked decommissioned`, `Nexus: check Nexus's target`. The step id stays
 * available beside it (and in the URL) for those who search by it.
 */
export function stepTitle(
  step: Described & { sledId: string; id: string; endpoint?: string },
): string {
  const where = step.sledId === NEXUS_STEP_SLED ? "Nexus" : `sled ${shortId(step.sledId)}`;
  if (step.kind === "decommission") return `${where}: mark decommissioned`;
  if (step.kind === "nexus") {
    const gen = step.action === "watch-sled" ? ` to gen ${step.generation ?? "?"}` : "";
    return `${where}: ${NEXUS_WORDS[step.action]}${gen}`;
  }
  const endpoint = step.endpoint ?? /\d+-(\w+)$/.exec(step.id)?.[1] ?? "";
  const words = ENDPOINT_WORDS[endpoint] ?? `${step.method} ${step.path}`;
  return `${where}: ${words} gen ${step.generation}`;
}

/** `sled 93c2…: set zones gen 3 (1-zones)`: the words and the id; the id alone if unknown. */
export function stepLabel(stepId: string, plan: Plan | null): string {
  const step = plan?.steps.find((s) => s.id === stepId);
  return step ? `${stepTitle(step)} (${stepShortName(stepId)})` : stepShortName(stepId);
}
