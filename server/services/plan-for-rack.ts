/**
 * The one way the console computes a plan for a rack: the plan preview (blueprint.plan) and
 * execution.request both call `planForRack`, so what an approver saw is exactly what gets
 * stored and hashed. Profiles come from the rack's SledAgent rows (default `reconciler` for a
 * sled without one); ledger generations from what the console last brought each agent to.
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph.ts";
import { itemChanges } from "~/lib/graph/item-changes.ts";
import type { DependencyGraph } from "~/lib/graph/types.ts";
import { DEFAULT_ESTIMATE, estimatePlan, type Estimate } from "~/lib/plan/estimate.ts";
import { makePlan } from "~/lib/plan/make-plan.ts";
import { findHazards, type Hazard } from "~/lib/plan/replay.ts";
import type { Plan, PlanOrder } from "~/lib/plan/types.ts";
import type { SledLedgers } from "~/lib/sled/state.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { planHash } from "../plan/plan-hash.ts";
import { getBlueprintWithModel } from "../repo/blueprints.ts";
import { listSledAgents } from "../repo/sled-agents.ts";
import { fail, notFound, ok, type Result } from "./result.ts";

export type ProfileOverride = SledAgentProfile | Record<string, SledAgentProfile>;

export interface RackPlan {
  plan: Plan;
  hazards: Hazard[];
  estimate: Estimate;
  planHash: string;
  graph: DependencyGraph;
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
): Promise<Result<RackPlan>> {
  const [parent, target, agents] = await Promise.all([
    getBlueprintWithModel(parentId),
    getBlueprintWithModel(targetId),
    listSledAgents(rackId),
  ]);
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
  const plan = makePlan(parent.model, target.model, { order, profile, ledgered });
  const profiles = Object.fromEntries(plan.sleds.map((s) => [s.sledId, s.profile]));
  return ok({
    plan,
    hazards: findHazards(plan, parent.model, target.model),
    estimate: estimatePlan(plan, DEFAULT_ESTIMATE),
    planHash: planHash(plan),
    graph: buildDependencyGraph(itemChanges(parent.model, target.model)),
    profiles,
    parent: parent.model,
    target: target.model,
  });
}
