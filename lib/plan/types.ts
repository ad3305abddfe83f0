import type { Endpoint, SledAgentProfile } from "../wire/types";
import type { SledLedgers } from "../sled/state";

export type PlanOrder = "safe" | "phased";

/** Item keys are `disk:<id>`, `dataset:<id>`, `zone:<id>` (ids of different kinds may collide). */
export type ItemKey = string;

interface StepBase {
  /** Stable and readable: `<sled id>/<n>-<endpoint>`, or `<sled id>/decommission`. */
  id: string;
  sledId: string;
  dependsOn: string[];
  /** Why this step exists, in words: "stop zones being removed or changed". */
  purpose: string;
  /** The item changes this step puts into effect. */
  realises: ItemKey[];
}

/** One HTTP request to a sled agent. */
export interface RequestStep extends StepBase {
  kind: "request";
  profile: SledAgentProfile;
  method: "PUT";
  path: string;
  endpoint: Endpoint;
  generation: number;
  body: unknown;
  /** `reconciler` steps are done only once inventory shows the generation reconciled. */
  awaitReconciliation: boolean;
}

/**
 * A sled that leaves the rack: no request to any sled agent (the sled is gone); the console
 * marks its agent record decommissioned and stops polling it, as omicron's executor marks the
 * sled decommissioned in its database once the blueprint says so.
 */
export interface DecommissionStep extends StepBase {
  kind: "decommission";
}

/**
 * How an execution of a Nexus-linked rack is carried out (issue 15; docs/ARCHITECTURE.md
 * "Executing on a Nexus-linked rack"): `nexus` hands the target to Nexus and watches the sleds
 * reconcile it, nothing sent to sled agents by the console; `direct` disables Nexus's execution,
 * runs the console's own plan, then makes the target Nexus's target, enabled. A plan without a
 * mode is for an unlinked rack.
 */
export type ExecutionMode = "nexus" | "direct";
export const EXECUTION_MODES = ["nexus", "direct"] as const;

/**
 * What a Nexus step does: `check-target` reads Nexus's target (it must be the plan's parent,
 * or already the target after a crash); `disable-execution` sets the parent's `enabled` false
 * (`direct`); `set-target` imports the target unless Nexus has it and makes it the target,
 * enabled (`nexus`, and `hand-back` at the end of `direct`); `watch-sled` observes one sled's
 * agent inventory until the target's generation is reconciled (`nexus`).
 */
export type NexusAction =
  "check-target" | "disable-execution" | "set-target" | "hand-back" | "watch-sled";

/**
 * A step of a mode plan that sends nothing to a sled agent: Nexus calls, or observations of a
 * sled. Steps about Nexus itself have `sledId` = NEXUS_STEP_SLED (the nil uuid: not a sled).
 */
export interface NexusStep extends StepBase {
  kind: "nexus";
  action: NexusAction;
  /** `watch-sled`: the target's generation for the sled (its `sled_agent_generation`). */
  generation: number | null;
}

/** The `sledId` of a step about Nexus rather than a sled (the nil uuid). */
export const NEXUS_STEP_SLED = "00000000-0000-0000-0000-000000000000";

export type PlanStep = RequestStep | DecommissionStep | NexusStep;

/**
 * Plans stored before decommission steps existed have no `kind` on their (request) steps, so
 * readers of stored plans ask this instead of `kind === "request"`.
 */
export function isRequestStep(step: PlanStep): step is RequestStep {
  return step.kind !== "decommission" && step.kind !== "nexus";
}

export function isNexusStep(step: PlanStep): step is NexusStep {
  return step.kind === "nexus";
}

export interface SledPlan {
  sledId: string;
  profile: SledAgentProfile;
  /** Ledger generations the plan assumes the sled has before the first step (stale check). */
  assumed: SledLedgers;
  /** Ledger generations after the last step. */
  final: SledLedgers;
  /** Every step of the sled: its requests, or its decommission step. */
  stepIds: string[];
  /** Decommissioned or gone in the target: the sled gets no requests. */
  decommissioned: boolean;
}

export interface Plan {
  version: 1;
  parentBlueprintId: string;
  targetBlueprintId: string;
  order: PlanOrder;
  sleds: SledPlan[];
  steps: PlanStep[];
  /** Set for a Nexus-linked rack (and so bound into the plan hash); absent: unlinked. */
  mode?: ExecutionMode;
}

export interface PlanOptions {
  order?: PlanOrder;
  /** One profile for every sled, or a profile per sled id (default `reconciler`). */
  profile?: SledAgentProfile | Record<string, SledAgentProfile>;
  /** Ledger generations actually held by each sled, when the console knows them. */
  ledgered?: Record<string, SledLedgers>;
}

/** The plan's requests to sled agents, in plan order. */
export function requestSteps(plan: Pick<Plan, "steps">): RequestStep[] {
  return plan.steps.filter(isRequestStep);
}
