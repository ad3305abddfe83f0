/**
 * Blueprint pair → plan: per sled, the ordered requests (exact bodies and generations) that
 * take the sled agent from the parent's in-service config to the target's. Sleds are
 * independent; steps of one sled form a chain. Deterministic: sleds by id, then step order.
 */
import type { Blueprint, SledConfig } from "../blueprint/model";
import type { SledLedgers } from "../sled/state";
import {
  datasetsBody,
  disksBody,
  inServiceWireItems,
  sledConfigBody,
  sledConfigExtras,
  zonesBody,
} from "../wire/bodies";
import { ENDPOINT_PATH, type Endpoint, type SledAgentProfile, type WireItems } from "../wire/types";
import { keys, sledSets } from "./sled-sets";
import { sledStepSpecs, type StepSpec } from "./sled-steps";
import type { DecommissionStep, Plan, PlanOptions, RequestStep, SledPlan } from "./types";

export const DEFAULT_PROFILE: SledAgentProfile = "reconciler";

export function profileFor(opts: PlanOptions, sledId: string): SledAgentProfile {
  if (typeof opts.profile === "string") return opts.profile;
  return opts.profile?.[sledId] ?? DEFAULT_PROFILE;
}

/** The ledger generations a sled agent holds when it runs `sled` exactly (none: a new sled). */
export function ledgersOf(sled: SledConfig | undefined): SledLedgers {
  if (!sled) return { disks: 1, datasets: 1, zones: 1, config: 1 };
  const g = sled.generation;
  const split = sled.splitGenerations ?? { disks: g, datasets: g, zones: g };
  return { ...split, config: g };
}

export function makePlan(parent: Blueprint, target: Blueprint, opts: PlanOptions = {}): Plan {
  const order = opts.order ?? "safe";
  const parentSleds = new Map(parent.sleds.map((s) => [s.id, s]));
  const targetSleds = new Map(target.sleds.map((s) => [s.id, s]));
  const sledIds = [...new Set([...parentSleds.keys(), ...targetSleds.keys()])].sort();
  const sleds: SledPlan[] = [];
  const steps: RequestStep[] = [];
  const leaving: SledPlan[] = [];
  const parentItems = new Map<string, ParentItems>();
  for (const sledId of sledIds) {
    const p = parentSleds.get(sledId);
    const t = targetSleds.get(sledId);
    const profile = profileFor(opts, sledId);
    const assumed = opts.ledgered?.[sledId] ?? ledgersOf(p);
    // A sled that leaves the rack (decommissioned or gone from the target) gets no requests.
    const decommissioned = !t || t.state === "decommissioned";
    const sets = decommissioned ? undefined : sledSets(p, t, profile);
    if (p && sets) parentItems.set(sledId, { sled: p, profile, items: sets.parent });
    const specs = sets ? sledStepSpecs(sets, profile, order) : [];
    const sledSteps = toSteps(sledId, profile, specs, assumed, t, p);
    const sled: SledPlan = {
      sledId,
      profile,
      assumed,
      final: finalLedgers(assumed, sledSteps),
      stepIds: sledSteps.map((s) => s.id),
      decommissioned,
    };
    if (decommissioned && p?.state === "active") leaving.push(sled);
    sleds.push(sled);
    steps.push(...sledSteps);
  }
  const plan: Plan = {
    version: 1,
    parentBlueprintId: parent.id,
    targetBlueprintId: target.id,
    order,
    sleds,
    steps: [...steps, ...decommissionSteps(leaving, parentSleds, steps)],
  };
  planParentItems.set(plan, parentItems);
  return plan;
}

interface ParentItems {
  sled: SledConfig;
  profile: SledAgentProfile;
  items: WireItems;
}

/**
 * The in-service wire items of each parent sled, as `makePlan` built them for the plan it
 * returned (held weakly, by the plan object): the replay starts each sled agent from them, so
 * it neither converts the parent again nor compares the plan's unchanged items (the same
 * objects: lib/plan/sled-sets.ts `shareUnchanged`) deeply.
 */
const planParentItems = new WeakMap<Plan, Map<string, ParentItems>>();

/**
 * `inServiceWireItems(sled, profile)`, taken from what `makePlan` built for `plan` when it
 * was built from this very sled config and profile.
 */
export function planParentWireItems(
  plan: Plan,
  sledId: string,
  sled: SledConfig,
  profile: SledAgentProfile,
): WireItems {
  const recorded = planParentItems.get(plan)?.get(sledId);
  if (recorded && recorded.sled === sled && recorded.profile === profile) return recorded.items;
  return inServiceWireItems(sled, profile);
}

/**
 * One step per sled the target decommissions (or drops) that the parent still has active. It
 * sends nothing: it marks the sled's agent decommissioned, as omicron's executor marks every
 * sled the blueprint says is decommissioned (nexus/reconfigurator/execution/src/sled_state.rs
 * `decommission_sleds`,
 * https://github.com/oxidecomputer/omicron/blob/22c3eb074952f79f97df767df81adfb3e6979e80/nexus/reconfigurator/execution/src/sled_state.rs).
 * It runs after every request of the plan, so a failed request leaves the sled as it was.
 */
function decommissionSteps(
  leaving: SledPlan[],
  parentSleds: Map<string, SledConfig>,
  requests: RequestStep[],
): DecommissionStep[] {
  const all = requests.map((s) => s.id);
  return leaving.map((sled) => {
    const id = `${sled.sledId}/decommission`;
    sled.stepIds.push(id);
    const removed = sledSets(parentSleds.get(sled.sledId), undefined, sled.profile).removed;
    return {
      kind: "decommission",
      id,
      sledId: sled.sledId,
      dependsOn: all,
      purpose:
        "no request to any sled agent (the sled is gone): mark it decommissioned and stop polling its agent",
      realises: [
        ...keys("zone", removed.zones),
        ...keys("dataset", removed.datasets),
        ...keys("disk", removed.disks),
      ],
    };
  });
}

function targetGeneration(t: SledConfig | undefined, endpoint: Endpoint): number {
  if (!t) return 1;
  if (endpoint === "config") return t.generation;
  return t.splitGenerations?.[endpoint] ?? t.generation;
}

/**
 * Generations: each endpoint's k-th request of n sends `assumed + k`, and the last one
 * `max(target generation, assumed + n)`, so a one-request change sends exactly the
 * blueprint's generation, as omicron's executor does.
 */
function toSteps(
  sledId: string,
  profile: SledAgentProfile,
  specs: StepSpec[],
  assumed: SledLedgers,
  target: SledConfig | undefined,
  parent: SledConfig | undefined,
): RequestStep[] {
  const total: Partial<Record<Endpoint, number>> = {};
  for (const s of specs) total[s.endpoint] = (total[s.endpoint] ?? 0) + 1;
  const seen: Partial<Record<Endpoint, number>> = {};
  const out: RequestStep[] = [];
  specs.forEach((spec, i) => {
    const k = (seen[spec.endpoint] = (seen[spec.endpoint] ?? 0) + 1);
    const n = total[spec.endpoint] ?? k;
    const base = assumed[spec.endpoint];
    const generation =
      k < n ? base + k : Math.max(targetGeneration(target, spec.endpoint), base + n);
    const id = `${sledId}/${i + 1}-${spec.endpoint}`;
    const prev = out[out.length - 1];
    out.push({
      kind: "request",
      id,
      sledId,
      profile,
      method: "PUT",
      path: ENDPOINT_PATH[spec.endpoint],
      endpoint: spec.endpoint,
      generation,
      body: bodyFor(
        spec,
        generation,
        spec.extrasFrom === "parent" ? (parent ?? target) : (target ?? parent),
      ),
      dependsOn: prev ? [prev.id] : [],
      purpose: spec.purpose,
      realises: spec.realises,
      awaitReconciliation: spec.endpoint === "config",
    });
  });
  return out;
}

function bodyFor(spec: StepSpec, generation: number, sled: SledConfig | undefined): unknown {
  switch (spec.endpoint) {
    case "disks":
      return disksBody(generation, spec.items.disks);
    case "datasets":
      return datasetsBody(generation, spec.items.datasets);
    case "zones":
      return zonesBody(generation, spec.items.zones);
    case "config":
      if (!sled)
        throw new Error("bug: a config step for a sled with no config in either blueprint");
      return sledConfigBody(generation, spec.items, sledConfigExtras(sled));
    default:
      return spec.endpoint satisfies never;
  }
}

function finalLedgers(assumed: SledLedgers, steps: RequestStep[]): SledLedgers {
  const out = { ...assumed };
  for (const s of steps) out[s.endpoint] = s.generation;
  return out;
}
