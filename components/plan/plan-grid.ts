/**
 * The plan preview's layout: waves as rows, sleds side by side as columns (sleds run
 * concurrently; within a sled, steps chain). Pure, from the plan and its estimate.
 */
import { shortId } from "~/lib/blueprint/zones";
import { plural } from "../ui/format";
import type { Estimate } from "~/lib/plan/estimate";
import type { SledAgentProfile } from "~/lib/wire/types";
import { NEXUS_STEP_SLED } from "~/lib/plan/types";

/** What the grid needs of a plan: lib's Plan, or its JSON form from the API. */
export interface StepLike {
  id: string;
  sledId: string;
  /** `decommission`: no request, the sled is marked decommissioned. */
  kind?: string;
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

/** Requests, and sleds marked decommissioned (which get no request), for the preview's facts. */
export function stepCounts(plan: PlanLike<StepLike>): {
  requests: number;
  requestSleds: number;
  decommissions: number;
  /** A mode plan's steps about Nexus, and the sleds it watches (issue 15). */
  nexusSteps: number;
  watchedSleds: number;
} {
  const requests = plan.steps.filter((s) => s.kind !== "decommission" && s.kind !== "nexus");
  const nexus = plan.steps.filter((s) => s.kind === "nexus");
  const watched = nexus.filter((s) => s.sledId !== NEXUS_STEP_SLED);
  return {
    requests: requests.length,
    requestSleds: new Set(requests.map((s) => s.sledId)).size,
    decommissions: plan.steps.filter((s) => s.kind === "decommission").length,
    nexusSteps: nexus.length - watched.length,
    watchedSleds: new Set(watched.map((s) => s.sledId)).size,
  };
}

/**
 * What happens besides requests, in words: the sleds marked decommissioned, or, for a plan with
 * no step at all, that executing it only moves the rack's current blueprint. Null otherwise.
 */
export function noRequestNote(plan: PlanLike<StepLike>): string | null {
  if (plan.steps.length === 0)
    return "Nothing to send and no sled to decommission: the sled agents already hold the target. Once approved, executing it only makes the target the rack's current blueprint.";
  const gone = plan.steps.filter((s) => s.kind === "decommission").map((s) => shortId(s.sledId));
  if (gone.length === 0) return null;
  const which = `${gone.length === 1 ? "sled" : "sleds"} ${gone.join(", ")} will be marked decommissioned (the console stops reading ${gone.length === 1 ? "its agent" : "their agents"})`;
  return gone.length === plan.steps.length
    ? `No request to any sled agent; ${which}.`
    : `After every request has succeeded, ${which}; no request goes to ${gone.length === 1 ? "that sled" : "those sleds"}.`;
}

/** `3 requests to 2 sleds`, `, 1 sled marked decommissioned` when one leaves the rack. */
export function stepsPhrase(plan: PlanLike<StepLike>, sledNoun = "sled"): string {
  const c = stepCounts(plan);
  const requests =
    c.requests === 0
      ? "no request to any sled agent"
      : `${plural(c.requests, "request")} to ${plural(c.requestSleds, sledNoun)}`;
  const nexus =
    c.nexusSteps === 0
      ? ""
      : `${plural(c.nexusSteps, "Nexus step")}${c.watchedSleds ? `, ${plural(c.watchedSleds, "sled")} watched until reconciled` : ""}, `;
  return c.decommissions === 0
    ? `${nexus}${requests}`
    : `${nexus}${requests}, ${plural(c.decommissions, "sled")} marked decommissioned`;
}
