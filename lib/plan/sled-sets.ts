/**
 * What changes on one sled, at the level the sled agent sees (in-service wire items): the
 * input to every ordering strategy.
 */
import type { SledConfig } from "../blueprint/model";
import { sameJson } from "../util/canonical-json";
import { inServiceWireItems } from "../wire/bodies";
import type { SledAgentProfile, WireDataset, WireItems, WireZone } from "../wire/types";
import { datasetName } from "../sled/state";
import { zoneRefs } from "../sled/zone-refs";

export interface SledSets {
  parent: WireItems;
  target: WireItems;
  /**
   * Parent zones that keep running until the final zones request: all but the removed ones
   * and changed ones whose old config uses a dataset being removed. A changed zone is
   * replaced by the request that changes it (the agent does remove + add), not stopped early.
   */
  zonesKept: WireItems["zones"];
  /** Parent datasets that stay (removed ones left out; changed ones keep their old properties). */
  datasetsKept: WireItems["datasets"];
  /** Parent disks that stay. */
  disksKept: WireItems["disks"];
  removed: { disks: string[]; datasets: string[]; zones: string[] };
  added: { disks: string[]; datasets: string[]; zones: string[] };
  modified: { datasets: string[]; zones: string[] };
  /** A target dataset takes the (pool, kind) name of a removed one: removals must land first. */
  nameReuse: boolean;
}

const EMPTY: WireItems = { disks: [], datasets: [], zones: [] };

export function sledSets(
  parent: SledConfig | undefined,
  target: SledConfig | undefined,
  profile: SledAgentProfile,
): SledSets {
  const p = parent ? inServiceWireItems(parent, profile) : EMPTY;
  const t = target ? shareUnchanged(p, inServiceWireItems(target, profile)) : EMPTY;
  const tZones = new Map(t.zones.map((z) => [z.id, z]));
  const tDatasets = new Map(t.datasets.map((d) => [d.id, d]));
  const tDisks = new Map(t.disks.map((d) => [d.id, d]));
  const pIds = (items: { id: string }[]) => new Set(items.map((i) => i.id));
  const pz = pIds(p.zones);
  const pd = pIds(p.datasets);
  const pk = pIds(p.disks);
  const disksKept = p.disks.filter((d) => same(tDisks.get(d.id) ?? null, d));
  const datasetsKept = p.datasets.filter((d) => tDatasets.has(d.id));
  const removedDatasets = p.datasets.filter((d) => !tDatasets.has(d.id));
  const removedNames = new Set(removedDatasets.map(datasetName));
  const usesRemoved = (z: WireZone) =>
    zoneRefs(z).some((r) => removedNames.has(`${r.pool}/${r.kind}`));
  // Each kept zone is compared once: unchanged (kept as is) or modified.
  const zonesKept: WireZone[] = [];
  const modifiedZones: string[] = [];
  for (const z of p.zones) {
    const next = tZones.get(z.id);
    if (next === undefined) continue;
    const unchanged = same(next, z);
    if (unchanged || !usesRemoved(z)) zonesKept.push(z);
    if (!unchanged) modifiedZones.push(z.id);
  }
  const addedDatasets = t.datasets.filter((d) => !pd.has(d.id));
  return {
    parent: p,
    target: t,
    zonesKept,
    datasetsKept,
    disksKept,
    removed: {
      disks: p.disks.filter((d) => !tDisks.has(d.id)).map((d) => d.id),
      datasets: removedDatasets.map((d) => d.id),
      zones: p.zones.filter((z) => !tZones.has(z.id)).map((z) => z.id),
    },
    added: {
      disks: t.disks.filter((d) => !pk.has(d.id)).map((d) => d.id),
      datasets: addedDatasets.map((d) => d.id),
      zones: t.zones.filter((z) => !pz.has(z.id)).map((z) => z.id),
    },
    modified: {
      datasets: p.datasets
        .filter((d) => tDatasets.has(d.id) && !same(tDatasets.get(d.id), d))
        .map((d) => d.id),
      zones: modifiedZones,
    },
    nameReuse: addedDatasets.some((d: WireDataset) => removedNames.has(datasetName(d))),
  };
}

/**
 * The target's items with each one equal (`sameJson`) to the parent's item of the same id
 * replaced by that parent item: every later comparison of an unchanged item — the strategies'
 * `sameJson` of item lists, the replay's generation and reconcile checks — is then an identity
 * check, and each item is compared deeply once, here. Same content by `sameJson`'s meaning
 * (member order and undefined members aside; both sides come from the same conversion).
 */
function shareUnchanged(p: WireItems, t: WireItems): WireItems {
  return {
    disks: shareEqual(p.disks, t.disks),
    datasets: shareEqual(p.datasets, t.datasets),
    zones: shareEqual(p.zones, t.zones),
  };
}

function shareEqual<T extends { id: string }>(before: T[], after: T[]): T[] {
  if (before.length === 0 || after.length === 0) return after;
  const out = after.slice();
  if (increasing(before) && increasing(after)) {
    // The model keeps items sorted by id: walk both lists together.
    let i = 0;
    for (let j = 0; j < out.length; j++) {
      const a = out[j] as T;
      while (i < before.length && (before[i] as T).id < a.id) i++;
      const b = before[i];
      if (b !== undefined && b.id === a.id && sameJson(a, b)) out[j] = b;
    }
    return out;
  }
  const byId = new Map<string, T>();
  for (const b of before) if (!byId.has(b.id)) byId.set(b.id, b);
  for (let j = 0; j < out.length; j++) {
    const a = out[j] as T;
    const b = byId.get(a.id);
    if (b !== undefined && sameJson(a, b)) out[j] = b;
  }
  return out;
}

function increasing(items: readonly { id: string }[]): boolean {
  for (let i = 1; i < items.length; i++)
    if (!((items[i - 1] as { id: string }).id < (items[i] as { id: string }).id)) return false;
  return true;
}

/** `sameJson`, an identity check for the items `shareUnchanged` shared. */
function same(a: unknown, b: unknown): boolean {
  return a === b || sameJson(a, b);
}

export function keys(kind: "disk" | "dataset" | "zone", ids: readonly string[]): string[] {
  return ids.map((id) => `${kind}:${id}`);
}
