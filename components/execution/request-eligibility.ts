/**
 * Whether a target blueprint can be requested for execution now, with the reason when not.
 * Mirrors server/services/executions.ts requestExecution, which checks it all again.
 */
import { blockingMessage, type PolicyResult } from "~/lib/policy/policies";
import { executionCan } from "~/lib/execution/can";
import { missingAgentMessage, type MissingAgent } from "~/lib/plan/agents";
import type { Permission } from "./permissions";

interface Inputs {
  roles: readonly string[];
  /** The Nexus instances the rack is linked to (a linked rack is Nexus's to change). */
  nexusUrls?: readonly string[];
  /** False while the rack (its current blueprint) is still loading. */
  rackLoaded: boolean;
  targetParentId: string | null;
  rackCurrentId: string | null;
  /** Sleds the plan sends requests to that have no usable agent (null: still loading). */
  withoutAgent: readonly MissingAgent[] | null;
  hazards: number | null;
  /** Hard-mandatory policy failures (lib/policy), null while planning. */
  blocking?: readonly PolicyResult[] | null;
  confirmed: boolean;
}

export function canRequest(i: Inputs): Permission {
  const may = executionCan.request(i);
  if (!may.ok) return may;
  if (!i.rackLoaded) return { ok: false, reason: "the plan is still being computed" };
  if (i.rackCurrentId === null)
    return { ok: false, reason: "the rack has no current blueprint to execute from" };
  if (i.targetParentId !== i.rackCurrentId)
    return {
      ok: false,
      reason:
        "this blueprint is not a child of the rack's current blueprint: plan from the current one",
    };
  if (i.withoutAgent === null || i.hazards === null)
    return { ok: false, reason: "the plan is still being computed" };
  // A plan with no request (a sled leaving, or no change at all) is requestable.
  if (i.withoutAgent.length > 0) return { ok: false, reason: missingAgentMessage(i.withoutAgent) };
  if (i.hazards > 0)
    return {
      ok: false,
      reason: `the plan has ${i.hazards} hazard${i.hazards === 1 ? "" : "s"}; the console refuses to run it`,
    };
  if (i.blocking?.length) return { ok: false, reason: blockingMessage(i.blocking) };
  if (!i.confirmed) return { ok: false, reason: "type the confirmation above first" };
  return { ok: true };
}
