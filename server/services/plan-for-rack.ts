/**
 * The one way the console computes a plan for a rack: the plan preview (blueprint.plan) and
 * execution.request both call `planForRack`, so what an approver saw is exactly what gets
 * stored and hashed. Profiles come from the rack's SledAgent rows (default `reconciler` for a
 * sled without one); ledger generations from what the console last brought each agent to.
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph.ts";
import { itemChangesOfDiff } from "~/lib/graph/item-changes.ts";
import { diffBlueprints } from "~/lib/diff/diff-blueprints.ts";
import type { BlueprintDiff } from "~/lib/diff/types.ts";
import type { DependencyGraph } from "~/lib/graph/types.ts";
import { DEFAULT_ESTIMATE, estimatePlan, type Estimate } from "~/lib/plan/estimate.ts";
import { makePlan } from "~/lib/plan/make-plan.ts";
import { findHazards, type Hazard } from "~/lib/plan/replay.ts";
import { executionModeFor } from "~/lib/execution/can.ts";
import { modePlan, nexusModeRefusal } from "~/lib/plan/mode-plan.ts";
import type { ExecutionMode, Plan, PlanOrder } from "~/lib/plan/types.ts";
import type { SledLedgers } from "~/lib/sled/state.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { planHash } from "../plan/plan-hash.ts";
import { getBlueprintWithModel } from "../repo/blueprints.ts";
import { linkedNexusUrls } from "../repo/nexus.ts";
import { listSledAgents } from "../repo/sled-agents.ts";
import { fail, notFound, ok, type Result } from "./result.ts";

export type ProfileOverride = SledAgentProfile | Record<string, SledAgentProfile>;

export interface RackPlan {
  plan: Plan;
  hazards: Hazard[];
  estimate: Estimate;
  planHash: string;
  graph: DependencyGraph;
  /** The diff the graph was built from (execution.request stores its change summary). */
  diff: BlueprintDiff;
  /** The profile each sled of the plan was planned for. */
  profiles: Record<string, SledAgentProfile>;
  parent: Blueprint;
  target: Blueprint;
}

export async function planForRack(
  rackId: string,
  parentId: string,
  targetId: string,
  order: PlanOrder,
  profileOverride?: ProfileOverride,
  /** Asked for; a linked rack defaults to `nexus`, an unlinked one refuses any (executionModeFor). */
  requestedMode?: ExecutionMode,
): Promise<Result<RackPlan>> {
  const [parent, target, agents, nexusUrls] = await Promise.all([
    getBlueprintWithModel(parentId),
    getBlueprintWithModel(targetId),
    listSledAgents(rackId),
    linkedNexusUrls(rackId),
  ]);
  const mode = executionModeFor(nexusUrls.length > 0, requestedMode);
  if (!mode.ok) return fail("BAD_REQUEST", mode.reason);
  if (!parent) return notFound(`blueprint ${parentId}`);
  if (!target) return notFound(`blueprint ${targetId}`);
  for (const bp of [parent, target]) {
    if (bp.record.rackId !== rackId)
      return fail("BAD_REQUEST", `blueprint ${bp.record.id} belongs to another rack`);
  }
  const stored: Record<string, SledAgentProfile> = Object.fromEntries(
    agents.map((a) => [a.sledId, a.profile]),
  );
  const profile =
    typeof profileOverride === "string" ? profileOverride : { ...stored, ...profileOverride };
  const ledgered: Record<string, SledLedgers> = {};
  for (const a of agents) if (a.ledgered) ledgered[a.sledId] = a.ledgered;
  const own = makePlan(parent.model, target.model, { order, profile, ledgered });
  const profiles = Object.fromEntries(own.sleds.map((s) => [s.sledId, s.profile]));
  // A mode's plan wraps the console's own (lib/plan/mode-plan.ts); its hazards are the own plan's.
  // (A preview for other profiles is hypothetical: it is shown, never requested.)
  if (mode.mode === "nexus" && profileOverride === undefined) {
    const refusal = nexusModeRefusal(own);
    if (refusal) return fail("BAD_REQUEST", refusal);
  }
  const plan = mode.mode ? modePlan(own, mode.mode, target.model) : own;
  const diff = diffBlueprints(parent.model, target.model);
  return ok({
    plan,
    hazards: findHazards(own, parent.model, target.model),
    estimate: estimatePlan(plan, DEFAULT_ESTIMATE),
    planHash: planHash(plan),
    graph: buildDependencyGraph(itemChangesOfDiff(diff)),
    diff,
    profiles,
    parent: parent.model,
    target: target.model,
  });
}
