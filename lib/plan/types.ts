import type { Endpoint, SledAgentProfile } from "../wire/types";
import type { SledLedgers } from "../sled/state";

export type PlanOrder = "safe" | "phased";

/** Item keys are `disk:<id>`, `dataset:<id>`, `zone:<id>` (ids of different kinds may collide). */
export type ItemKey = string;

export interface PlanStep {
  /** Stable and readable: `<sled id>/<n>-<endpoint>`. */
  id: string;
  sledId: string;
  profile: SledAgentProfile;
  method: "PUT";
  path: string;
  endpoint: Endpoint;
  generation: number;
  body: unknown;
  dependsOn: string[];
  /** Why this step exists, in words: "stop zones being removed or changed". */
  purpose: string;
  /** The item changes this step puts into effect. */
  realises: ItemKey[];
  /** `reconciler` steps are done only once inventory shows the generation reconciled. */
  awaitReconciliation: boolean;
}

export interface SledPlan {
  sledId: string;
  profile: SledAgentProfile;
  /** Ledger generations the plan assumes the sled has before the first step (stale check). */
  assumed: SledLedgers;
  /** Ledger generations after the last step. */
  final: SledLedgers;
  stepIds: string[];
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
