/**
 * Ordering strategies for one sled. Each returns the sequence of item sets the sled agent is
 * sent; `make-plan.ts` turns them into requests with generations.
 *
 * safe/split (docs/ARCHITECTURE.md, "Steps per profile"): zones without the removed or changed ones → datasets without
 * the removed ones → disks = target → datasets = target → zones = target. Every intermediate
 * state keeps each item that is in service in both blueprints, and removals land before
 * additions because a new dataset may reuse the (pool, kind) name of an expunged one.
 *
 * safe/reconciler: one `PUT /omicron-config` with the target (the agent orders it), or, when
 * a new dataset reuses a removed dataset's name, a removals-only config first.
 *
 * phased: omicron's January-2025 executor (nexus/reconfigurator/execution/src/lib.rs @
 * 94d76b894f): disks → datasets → zones, each straight to the target — wrong for removals
 * (omicron #7309).
 */
import { sameJson } from "../util/canonical-json";
import type { Endpoint, SledAgentProfile, WireItems } from "../wire/types";
import { keys, type SledSets } from "./sled-sets";
import type { PlanOrder } from "./types";

export interface StepSpec {
  endpoint: Endpoint;
  items: WireItems;
  purpose: string;
  realises: string[];
  /** Which blueprint's sled-level fields (host phase 2, …) a config step carries. */
  extrasFrom: "parent" | "target";
}

export function sledStepSpecs(
  sets: SledSets,
  profile: SledAgentProfile,
  order: PlanOrder,
): StepSpec[] {
  if (profile === "split") return order === "safe" ? safeSplit(sets) : phasedSplit(sets);
  return order === "safe" ? safeReconciler(sets) : phasedReconciler(sets);
}

function realisedBy(sets: SledSets) {
  return {
    zonesOut: keys("zone", [...sets.removed.zones, ...sets.modified.zones]),
    zonesIn: keys("zone", [...sets.added.zones, ...sets.modified.zones]),
    datasetsOut: keys("dataset", sets.removed.datasets),
    datasetsIn: keys("dataset", [...sets.added.datasets, ...sets.modified.datasets]),
    disks: keys("disk", [...sets.removed.disks, ...sets.added.disks]),
  };
}

function safeSplit(s: SledSets): StepSpec[] {
  const r = realisedBy(s);
  const steps: StepSpec[] = [];
  let cur: WireItems = s.parent;
  const push = (
    endpoint: "disks" | "datasets" | "zones",
    next: WireItems,
    purpose: string,
    realises: string[],
  ) => {
    if (sameJson(cur[endpoint], next[endpoint])) return;
    steps.push({ endpoint, items: next, purpose, realises, extrasFrom: "target" });
    cur = next;
  };
  push("zones", { ...cur, zones: s.zonesKept }, "stop the zones being removed", r.zonesOut);
  push(
    "datasets",
    { ...cur, datasets: s.datasetsKept },
    "destroy the removed datasets, now unused",
    r.datasetsOut,
  );
  push("disks", { ...cur, disks: s.target.disks }, "manage exactly the target disks", r.disks);
  push(
    "datasets",
    { ...cur, datasets: s.target.datasets },
    "create and update datasets on managed pools",
    r.datasetsIn,
  );
  push(
    "zones",
    { ...cur, zones: s.target.zones },
    "start the new and changed zones on their datasets",
    r.zonesIn,
  );
  return steps;
}

function phasedSplit(s: SledSets): StepSpec[] {
  const r = realisedBy(s);
  const steps: StepSpec[] = [];
  let cur: WireItems = s.parent;
  const push = (endpoint: "disks" | "datasets" | "zones", purpose: string, realises: string[]) => {
    if (sameJson(cur[endpoint], s.target[endpoint])) return;
    cur = { ...cur, [endpoint]: s.target[endpoint] };
    steps.push({ endpoint, items: cur, purpose, realises, extrasFrom: "target" });
  };
  push("disks", "deploy physical disks (January-2025 order)", r.disks);
  push("datasets", "deploy datasets (January-2025 order)", [...r.datasetsOut, ...r.datasetsIn]);
  push("zones", "deploy zones (January-2025 order)", [...r.zonesOut, ...r.zonesIn]);
  return steps;
}

function safeReconciler(s: SledSets): StepSpec[] {
  const r = realisedBy(s);
  const all = [...r.zonesOut, ...r.datasetsOut, ...r.disks, ...r.datasetsIn, ...r.zonesIn];
  if (sameItems(s)) return [];
  if (!s.nameReuse) {
    return [
      {
        endpoint: "config",
        items: s.target,
        purpose: "send the target config; the agent's reconciler orders the changes",
        realises: unique(all),
        extrasFrom: "target",
      },
    ];
  }
  const removals: WireItems = {
    disks: s.parent.disks,
    datasets: s.datasetsKept,
    zones: s.zonesKept,
  };
  return [
    {
      endpoint: "config",
      items: removals,
      purpose: "removals first: a new dataset reuses the name of a removed one",
      realises: [...r.zonesOut, ...r.datasetsOut],
      extrasFrom: "parent",
    },
    {
      endpoint: "config",
      items: s.target,
      purpose: "then the target config",
      realises: unique([...r.disks, ...r.datasetsIn, ...r.zonesIn]),
      extrasFrom: "target",
    },
  ];
}

function phasedReconciler(s: SledSets): StepSpec[] {
  const r = realisedBy(s);
  const stages: [WireItems, string, string[]][] = [
    [
      { ...s.parent, disks: s.target.disks },
      "disks first (January-2025 order, as configs)",
      r.disks,
    ],
    [
      { ...s.target, zones: s.parent.zones },
      "then datasets (January-2025 order, as configs)",
      [...r.datasetsOut, ...r.datasetsIn],
    ],
    [s.target, "then zones (January-2025 order, as configs)", [...r.zonesOut, ...r.zonesIn]],
  ];
  const steps: StepSpec[] = [];
  let cur = s.parent;
  for (const [items, purpose, realises] of stages) {
    if (sameJson(cur, items)) continue;
    steps.push({ endpoint: "config", items, purpose, realises, extrasFrom: "target" });
    cur = items;
  }
  return steps;
}

/**
 * `sameJson(s.parent, s.target)`. An added or removed id means the lists differ, so the
 * deep comparison only runs when there is none.
 */
function sameItems(s: SledSets): boolean {
  const { added, removed } = s;
  if (added.disks.length || added.datasets.length || added.zones.length) return false;
  if (removed.disks.length || removed.datasets.length || removed.zones.length) return false;
  return sameJson(s.parent, s.target);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
