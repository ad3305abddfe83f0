import type { Estimate } from "~/lib/plan/estimate";
import type { Hazard } from "~/lib/plan/replay";
import type { Plan } from "~/lib/plan/types";

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

/** A readable table: one row per step, hazards under the step they belong to. */
export function renderPlanTable(
  plan: Plan,
  hazards: Hazard[],
  estimate: Estimate,
  hash: string,
): string {
  const lines: string[] = [];
  lines.push(`plan ${plan.parentBlueprintId} -> ${plan.targetBlueprintId} (order: ${plan.order})`);
  lines.push(`plan hash: ${hash}`);
  lines.push(
    `${plan.steps.length} steps on ${plan.sleds.filter((s) => s.stepIds.length).length} sleds, ${estimate.waves.length} waves, ` +
      `critical path ${estimate.criticalPathSteps} steps, ETA ${(estimate.etaMs / 1000).toFixed(1)} s`,
  );
  lines.push("");
  lines.push(
    `${pad("step", 46)} ${pad("profile", 10)} ${pad("request", 30)} ${pad("gen", 5)} purpose`,
  );
  const bySteps = new Map<string, Hazard[]>();
  for (const h of hazards) bySteps.set(h.stepId, [...(bySteps.get(h.stepId) ?? []), h]);
  for (const s of plan.steps) {
    const request =
      s.kind === "decommission" || s.kind === "nexus"
        ? `${pad("-", 10)} ${pad(s.kind === "nexus" ? `nexus ${s.action}` : "none (decommission)", 30)} ${pad("-", 5)}`
        : `${pad(s.profile, 10)} ${pad(`${s.method} ${s.path}`, 30)} ${pad(String(s.generation), 5)}`;
    lines.push(`${pad(s.id, 46)} ${request} ${s.purpose}`);
    for (const h of bySteps.get(s.id) ?? []) lines.push(`  ! would fail: ${h.message}`);
  }
  for (const sled of plan.sleds.filter((s) => s.decommissioned))
    lines.push(`${sled.sledId}: decommissioned, no requests`);
  lines.push("");
  lines.push(
    hazards.length ? `${hazards.length} hazard(s) in ${bySteps.size} step(s)` : "no hazards",
  );
  return `${lines.join("\n")}\n`;
}
