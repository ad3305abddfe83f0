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

export type PlanStep = RequestStep | DecommissionStep;

/**
 * Plans stored before decommission steps existed have no `kind` on their (request) steps, so
 * readers of stored plans ask this instead of `kind === "request"`.
 */
export function isRequestStep(step: PlanStep): step is RequestStep {
  return step.kind !== "decommission";
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
