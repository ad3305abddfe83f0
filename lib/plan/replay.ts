/**
 * Replays a plan against the strict sled model (the same rules the simulator enforces) and
 * reports every step that would fail, and why. Also checks the plan-level invariant: no step
 * may drop an item that is in service in both blueprints (a dropped dataset loses its data, a
 * dropped zone is an outage).
 */
import type { Blueprint, SledConfig } from "../blueprint/model";
import { reconcile, reconcileErrors, ledgerConfig } from "../sled/reconcile";
import { applyDatasets, applyDisks, applyZones } from "../sled/rules";
import { sledStateFrom, type SledAgentState } from "../sled/state";
import type { SledRulesOptions, ViolationRule } from "../sled/violations";
import { sledConfigBody, sledConfigExtras } from "../wire/bodies";
import type {
  DatasetsConfigBody,
  DisksConfigBody,
  SledConfigBody,
  ZonesConfigBody,
} from "../wire/types";
import { planParentWireItems } from "./make-plan";
import { isRequestStep, type Plan, type PlanStep } from "./types";

export type HazardRule = ViolationRule | "reconciliation-error" | "drops-item-in-service";

export interface Hazard {
  stepId: string;
  sledId: string;
  rule: HazardRule;
  message: string;
}

export interface ReplayOptions extends Partial<SledRulesOptions> {
  /** Step ids in the order to replay (must respect dependsOn); default: the listed order. */
  order?: readonly string[];
}

export interface ReplayResult {
  hazards: Hazard[];
  /** Sled agent states after the last step, by sled id. */
  states: Map<string, SledAgentState>;
}

interface SledReplay {
  state: SledAgentState;
  /** The ledgered config; built on first use (only a same-generation request compares it). */
  config: () => SledConfigBody | null;
  keep: { disks: Set<string>; datasets: Set<string>; zones: Set<string> };
  /**
   * The state's item lists as of the last check for dropped items: every kept id is in them
   * (true of the initial state by construction), so a list that is still the same array (the
   * sled model never changes one in place) needs no new check.
   */
  checked: Record<"disks" | "datasets" | "zones", readonly unknown[]>;
}

export function replayPlan(
  plan: Plan,
  parent: Blueprint,
  target: Blueprint,
  opts: ReplayOptions = {},
): ReplayResult {
  const rules: SledRulesOptions = { datasetDeletion: opts.datasetDeletion ?? "strict" };
  const sleds = initialStates(plan, parent, target);
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const order = opts.order ?? plan.steps.map((s) => s.id);
  checkOrder(order, byId);
  const hazards: Hazard[] = [];
  for (const id of order) {
    const step = byId.get(id);
    const sled = step && sleds.get(step.sledId);
    if (!step || !sled) throw new Error(`bug: step ${id} or its sled is unknown`);
    hazards.push(...applyStep(step, sled, rules));
  }
  return { hazards, states: new Map([...sleds].map(([k, v]) => [k, v.state])) };
}

export function findHazards(
  plan: Plan,
  parent: Blueprint,
  target: Blueprint,
  opts: ReplayOptions = {},
): Hazard[] {
  return replayPlan(plan, parent, target, opts).hazards;
}

function initialStates(plan: Plan, parent: Blueprint, target: Blueprint): Map<string, SledReplay> {
  const parents = new Map(parent.sleds.map((s) => [s.id, s]));
  const targets = new Map(target.sleds.map((s) => [s.id, s]));
  const out = new Map<string, SledReplay>();
  for (const sp of plan.sleds) {
    const p = parents.get(sp.sledId);
    const t = targets.get(sp.sledId);
    const items = p
      ? planParentWireItems(plan, sp.sledId, p, sp.profile)
      : { disks: [], datasets: [], zones: [] };
    let config: SledConfigBody | null | undefined;
    const state = sledStateFrom(items, sp.assumed);
    out.set(sp.sledId, {
      state,
      checked: { disks: state.disks, datasets: state.datasets, zones: state.zones },
      config: () =>
        config === undefined
          ? (config = p ? sledConfigBody(sp.assumed.config, items, sledConfigExtras(p)) : null)
          : config,
      keep: {
        disks: both(items.disks, t?.disks, t),
        datasets: both(items.datasets, t?.datasets, t),
        zones: both(items.zones, t?.zones, t),
      },
    });
  }
  return out;
}

/**
 * Ids of `items` (in their order) that are also in service in the target sled: the ids of
 * `inServiceWireItems(target)`, read off the model without building its wire items.
 */
function both(
  items: { id: string }[],
  later: { id: string; disposition: string }[] | undefined,
  target: SledConfig | undefined,
): Set<string> {
  const out = new Set<string>();
  if (!later || !target || target.state === "decommissioned" || items.length === 0) return out;
  const inB = new Set<string>();
  for (const y of later) if (y.disposition === "in_service") inB.add(y.id);
  for (const x of items) if (inB.has(x.id)) out.add(x.id);
  return out;
}

function checkOrder(order: readonly string[], steps: Map<string, PlanStep>): void {
  const done = new Set<string>();
  for (const id of order) {
    const step = steps.get(id);
    if (!step) throw new Error(`replay order names unknown step ${id}`);
    const missing = step.dependsOn.filter((d) => !done.has(d));
    if (missing.length) throw new Error(`replay order runs ${id} before ${missing.join(", ")}`);
    done.add(id);
  }
}

function applyStep(step: PlanStep, sled: SledReplay, rules: SledRulesOptions): Hazard[] {
  const hazard = (rule: HazardRule, message: string): Hazard => ({
    stepId: step.id,
    sledId: step.sledId,
    rule,
    message,
  });
  // A decommission step sends nothing: the sled agent's state is whatever the requests left.
  if (!isRequestStep(step)) return [];
  if (step.endpoint === "config") {
    const body = step.body as SledConfigBody;
    const generation = sled.state.generations.config;
    // The ledgered content only matters at the same generation (checkGeneration).
    const ledgered = ledgerConfig(
      { generation, config: body.generation === generation ? sled.config() : null },
      body,
    );
    if (!ledgered.ok) return ledgered.violations.map((v) => hazard(v.rule, v.message));
    if (!ledgered.changed) return [];
    sled.config = () => body;
    const { state, result } = reconcile(sled.state, body, rules);
    sled.state = state;
    return [
      ...reconcileErrors(result).map((m) => hazard("reconciliation-error", m)),
      ...drops(sled, hazard),
    ];
  }
  const result =
    step.endpoint === "disks"
      ? applyDisks(sled.state, step.body as DisksConfigBody)
      : step.endpoint === "datasets"
        ? applyDatasets(sled.state, step.body as DatasetsConfigBody, rules)
        : applyZones(sled.state, step.body as ZonesConfigBody);
  if (!result.ok) return result.violations.map((v) => hazard(v.rule, v.message));
  sled.state = result.state;
  return drops(sled, hazard);
}

function drops(sled: SledReplay, hazard: (rule: HazardRule, message: string) => Hazard): Hazard[] {
  const out: Hazard[] = [];
  for (const kind of ["disks", "datasets", "zones"] as const) {
    const items = sled.state[kind];
    if (items === sled.checked[kind]) continue;
    sled.checked[kind] = items;
    if (sled.keep[kind].size === 0) continue;
    const present = new Set<string>();
    for (const item of items) present.add(item.id);
    for (const id of sled.keep[kind]) {
      if (present.has(id)) continue;
      out.push(
        hazard(
          "drops-item-in-service",
          `${kind.slice(0, -1)} ${id} is in service in both blueprints but this step removes it`,
        ),
      );
      sled.keep[kind].delete(id); // reported once, at the step that drops it
    }
  }
  return out;
}
