/**
 * diffBlueprints: parent → target, per sled and per item, matched by id (omicron diffs the
 * same way, keyed by id: nexus/types/src/deployment/blueprint_diff.rs). See ./types for what
 * each status means and why expunged counts as removed.
 */
import type { Blueprint, ItemDisposition, SledConfig } from "../blueprint/model";
import { datasetChanges, diskChanges, sledFieldChanges, zoneChanges } from "./fields";
import {
  ITEM_STATUSES,
  SLED_STATUSES,
  type BlueprintDiff,
  type ChangedItem,
  type DiffSummary,
  type FieldChange,
  type ItemStatus,
  type SledDiff,
  type SledStatus,
  type StatusCounts,
} from "./types";

interface Item {
  id: string;
  disposition: ItemDisposition;
}

function itemStatus(before: Item | null, after: Item | null, changes: FieldChange[]): ItemStatus {
  const wasInService = before?.disposition === "in_service";
  const isInService = after?.disposition === "in_service";
  if (!wasInService && isInService) return "added";
  if (wasInService && !isInService) return "removed";
  if (wasInService && isInService && changes.length > 0) return "modified";
  return "unchanged";
}

function diffItems<T extends Item, K>(
  kind: K,
  before: readonly T[],
  after: readonly T[],
  fieldChanges: (b: T, a: T) => FieldChange[],
) {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterById = new Map(after.map((item) => [item.id, item]));
  const ids =
    unionOfIds(before, after) ?? [...new Set([...beforeById.keys(), ...afterById.keys()])].sort();
  return ids.map((id) => {
    const b = beforeById.get(id) ?? null;
    const a = afterById.get(id) ?? null;
    // Edits share untouched items with their parent, so identity is the common, cheap case.
    const changes = b && a && b !== a ? fieldChanges(b, a) : [];
    return { kind, id, status: itemStatus(b, a, changes), before: b, after: a, changes };
  });
}

/**
 * The sorted union of two lists' ids, merged in one pass when each list is strictly
 * increasing by id (the model keeps items sorted); null otherwise (the caller sorts).
 */
function unionOfIds(before: readonly Item[], after: readonly Item[]): string[] | null {
  const increasing = (items: readonly Item[]) => {
    // `<` on strings is the default sort's order (UTF-16 code units); other ids: sort.
    for (const item of items) if (typeof item.id !== "string") return false;
    for (let i = 1; i < items.length; i++)
      if (!((items[i - 1] as Item).id < (items[i] as Item).id)) return false;
    return true;
  };
  if (!increasing(before) || !increasing(after)) return null;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const b = (before[i] as Item).id;
    const a = (after[j] as Item).id;
    if (b === a) {
      out.push(b);
      i++;
      j++;
    } else if (b < a) {
      out.push(b);
      i++;
    } else {
      out.push(a);
      j++;
    }
  }
  for (; i < before.length; i++) out.push((before[i] as Item).id);
  for (; j < after.length; j++) out.push((after[j] as Item).id);
  return out;
}

const EMPTY_SLED = { disks: [], datasets: [], zones: [] } as const;

function sledStatus(
  before: SledConfig | null,
  after: SledConfig | null,
  diff: Omit<SledDiff, "status">,
): SledStatus {
  if (!before) return "added";
  if (!after) return "removed";
  if (before.state === "active" && after.state === "decommissioned") return "decommissioned";
  const items = [...diff.disks, ...diff.datasets, ...diff.zones];
  const itemsChanged = items.some((item) => item.status !== "unchanged" || item.changes.length > 0);
  return itemsChanged || diff.changes.length > 0 ? "modified" : "unchanged";
}

export function diffSled(
  id: string,
  before: SledConfig | null,
  after: SledConfig | null,
): SledDiff {
  const b = before ?? EMPTY_SLED;
  const a = after ?? EMPTY_SLED;
  const partial = {
    id,
    before,
    after,
    state: { before: before?.state ?? null, after: after?.state ?? null },
    generation: { before: before?.generation ?? null, after: after?.generation ?? null },
    changes: before && after ? sledFieldChanges(before, after) : [],
    disks: diffItems("disk" as const, b.disks, a.disks, diskChanges),
    datasets: diffItems("dataset" as const, b.datasets, a.datasets, datasetChanges),
    zones: diffItems("zone" as const, b.zones, a.zones, zoneChanges),
  };
  return { ...partial, status: sledStatus(before, after, partial) };
}

function zeroCounts<S extends string>(statuses: readonly S[]): StatusCounts<S> {
  return Object.fromEntries(statuses.map((s) => [s, 0])) as StatusCounts<S>; // keys filled from the full list
}

export function summarize(sleds: readonly SledDiff[]): DiffSummary {
  const summary: DiffSummary = {
    sleds: zeroCounts(SLED_STATUSES),
    disks: zeroCounts(ITEM_STATUSES),
    datasets: zeroCounts(ITEM_STATUSES),
    zones: zeroCounts(ITEM_STATUSES),
    hasChanges: false,
  };
  for (const sled of sleds) {
    summary.sleds[sled.status] += 1;
    for (const disk of sled.disks) summary.disks[disk.status] += 1;
    for (const dataset of sled.datasets) summary.datasets[dataset.status] += 1;
    for (const zone of sled.zones) summary.zones[zone.status] += 1;
  }
  summary.hasChanges = summary.sleds.unchanged !== sleds.length;
  return summary;
}

export function diffBlueprints(parent: Blueprint, target: Blueprint): BlueprintDiff {
  const before = new Map(parent.sleds.map((sled) => [sled.id, sled]));
  const after = new Map(target.sleds.map((sled) => [sled.id, sled]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const sleds = ids.map((id) => diffSled(id, before.get(id) ?? null, after.get(id) ?? null));
  return { parentId: parent.id, targetId: target.id, sleds, summary: summarize(sleds) };
}

/** Every item that is not `unchanged`, in sled order, then disks, datasets, zones by id. */
export function changedItems(diff: BlueprintDiff): ChangedItem[] {
  const out: ChangedItem[] = [];
  for (const sled of diff.sleds) {
    for (const item of [...sled.disks, ...sled.datasets, ...sled.zones]) {
      if (item.status !== "unchanged")
        out.push({ sledId: sled.id, kind: item.kind, id: item.id, status: item.status });
    }
  }
  return out;
}
