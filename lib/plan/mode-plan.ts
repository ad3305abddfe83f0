/**
 * The plan an execution of a Nexus-linked rack runs, in its mode (docs/ARCHITECTURE.md,
 * "Executing on a Nexus-linked rack"). The console's own plan (`makePlan`) is computed first,
 * hazards and all; a mode turns it into the steps the executor records:
 *
 * - `nexus`: `nexus/check-target` → `nexus/set-target` → one `<sled>/watch` per sled the plan
 *   would have sent requests to (its agent's inventory observed until the target's generation
 *   is reconciled) → the decommission steps. No request to any sled agent.
 * - `direct`: `nexus/check-target` → `nexus/disable-execution` → the plan's own steps →
 *   `nexus/hand-back` (import the target unless Nexus has it, make it the target, enabled).
 *
 * `mode` is part of the plan, so the plan hash binds it.
 */
import type { Blueprint } from "../blueprint/model";
import {
  isRequestStep,
  NEXUS_STEP_SLED,
  type ExecutionMode,
  type NexusAction,
  type NexusStep,
  type Plan,
  type PlanStep,
} from "./types";

export const CHECK_TARGET_STEP = "nexus/check-target";
export const DISABLE_STEP = "nexus/disable-execution";
export const SET_TARGET_STEP = "nexus/set-target";
export const HAND_BACK_STEP = "nexus/hand-back";
export const watchStepId = (sledId: string) => `${sledId}/watch`;

const nexusStep = (
  id: string,
  action: NexusAction,
  dependsOn: string[],
  purpose: string,
  extra: Partial<Pick<NexusStep, "sledId" | "generation" | "realises">> = {},
): NexusStep => ({
  kind: "nexus",
  id,
  action,
  sledId: extra.sledId ?? NEXUS_STEP_SLED,
  dependsOn,
  purpose,
  realises: extra.realises ?? [],
  generation: extra.generation ?? null,
});

/**
 * Why a plan cannot run in `nexus` mode, or null: the watch reads the reconciler's inventory,
 * which January-2025 (`split`) agents do not have; such sleds are changed in `direct` mode.
 */
export function nexusModeRefusal(plan: Plan): string | null {
  const split = plan.steps.filter(isRequestStep).filter((s) => s.profile === "split");
  const sleds = [...new Set(split.map((s) => s.sledId))].sort();
  return sleds.length
    ? `nexus mode watches each sled's reconciler inventory, which split-API (January 2025) agents do not serve; ${sleds.length === 1 ? "sled" : "sleds"} ${sleds.join(", ")} ${sleds.length === 1 ? "speaks" : "speak"} it: request this change in direct mode`
    : null;
}

export function modePlan(plan: Plan, mode: ExecutionMode, target: Blueprint): Plan {
  const check = nexusStep(
    CHECK_TARGET_STEP,
    "check-target",
    [],
    mode === "nexus"
      ? "check that Nexus's target is the plan's parent (nothing is changed otherwise)"
      : "check that Nexus's target is the plan's parent before disabling its execution",
  );
  return mode === "nexus" ? nexusPlan(plan, target, check) : directPlan(plan, check);
}

function nexusPlan(plan: Plan, target: Blueprint, check: NexusStep): Plan {
  const set = nexusStep(
    SET_TARGET_STEP,
    "set-target",
    [check.id],
    "import the target into Nexus unless it has it, and make it Nexus's target, enabled",
  );
  const requests = plan.steps.filter(isRequestStep);
  const sledIds = [...new Set(requests.map((s) => s.sledId))];
  const generationOf = (sledId: string) =>
    target.sleds.find((s) => s.id === sledId)?.generation ?? null;
  const watches = sledIds.map((sledId) =>
    nexusStep(
      watchStepId(sledId),
      "watch-sled",
      [set.id],
      "watch the sled agent's inventory until Nexus's executor has brought it to the target's generation, every item ok",
      {
        sledId,
        generation: generationOf(sledId),
        realises: requests.filter((s) => s.sledId === sledId).flatMap((s) => s.realises),
      },
    ),
  );
  const afterWatches = watches.length ? watches.map((w) => w.id) : [set.id];
  const decommissions: PlanStep[] = plan.steps
    .filter((s) => s.kind === "decommission")
    .map((s) => ({ ...s, dependsOn: afterWatches }));
  const stepsOf = new Map<string, string[]>();
  for (const s of [...watches, ...decommissions])
    stepsOf.set(s.sledId, [...(stepsOf.get(s.sledId) ?? []), s.id]);
  return {
    ...plan,
    mode: "nexus",
    sleds: plan.sleds.map((s) => {
      const generation = generationOf(s.sledId);
      const watched = sledIds.includes(s.sledId) && generation !== null;
      return {
        ...s,
        stepIds: stepsOf.get(s.sledId) ?? [],
        final: watched ? { ...s.final, config: generation } : s.final,
      };
    }),
    steps: [check, set, ...watches, ...decommissions],
  };
}

function directPlan(plan: Plan, check: NexusStep): Plan {
  const disable = nexusStep(
    DISABLE_STEP,
    "disable-execution",
    [check.id],
    "disable Nexus's execution of the parent blueprint, so its executor does not race the console's requests",
  );
  const own = plan.steps.map((s) => (s.dependsOn.length ? s : { ...s, dependsOn: [disable.id] }));
  const handBack = nexusStep(
    HAND_BACK_STEP,
    "hand-back",
    own.length ? own.map((s) => s.id) : [disable.id],
    "import the target into Nexus unless it has it, and make it Nexus's target, enabled",
  );
  return { ...plan, mode: "direct", steps: [check, disable, ...own, handBack] };
}
