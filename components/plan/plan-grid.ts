/**
 * The plan preview's layout: waves as rows, sleds side by side as columns (sleds run
 * concurrently; within a sled, steps chain). Pure, from the plan and its estimate.
 */
import type { Estimate } from "../../lib/plan/estimate";
import type { SledAgentProfile } from "../../lib/wire/types";

/** What the grid needs of a plan: lib's Plan, or its JSON form from the API. */
export interface StepLike {
  id: string;
  sledId: string;
}
export interface PlanLike<S extends StepLike> {
  sleds: readonly {
    sledId: string;
    profile: SledAgentProfile;
    decommissioned: boolean;
    stepIds: readonly string[];
  }[];
  steps: readonly S[];
}

export interface GridSled {
  sledId: string;
  profile: SledAgentProfile;
  decommissioned: boolean;
  steps: number;
}

export interface PlanGrid<S extends StepLike> {
  /** Sleds with at least one step, by id. */
  sleds: GridSled[];
  /** Sleds the plan sends nothing to (no change, or decommissioned). */
  idle: GridSled[];
  /** waves[w][sledId] = the steps of that sled in wave w. */
  waves: Map<string, S[]>[];
  critical: Set<string>;
}

export function planGrid<S extends StepLike>(
  plan: PlanLike<S>,
  estimate: Pick<Estimate, "waves" | "criticalPath">,
): PlanGrid<S> {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const sleds = plan.sleds.map((s) => ({
    sledId: s.sledId,
    profile: s.profile,
    decommissioned: s.decommissioned,
    steps: s.stepIds.length,
  }));
  const waves = estimate.waves.map((ids) => {
    const row = new Map<string, S[]>();
    for (const id of ids) {
      const step = byId.get(id);
      if (step) row.set(step.sledId, [...(row.get(step.sledId) ?? []), step]);
    }
    return row;
  });
  return {
    sleds: sleds.filter((s) => s.steps > 0),
    idle: sleds.filter((s) => s.steps === 0),
    waves,
    critical: new Set(estimate.criticalPath),
  };
}
