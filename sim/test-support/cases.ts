/**
 * Blueprints for the simulator's tests. test/support/tiny-rack.ts names some datasets with
 * readable non-uuid ids (`694bd14f-root`); a sled agent only takes uuids (omicron
 * `TypedUuid`), so `withUuidIds` maps each such id to a stable uuid.
 */
import type { Blueprint } from "~/lib/blueprint/model";
import { blueprint, crucibleSled, POOL, zoneWithDatasets } from "~/test/support/tiny-rack";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable v4-shaped uuid for any string (FNV-1a, four rounds). */
export function uuidFor(s: string): string {
  let hex = "";
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of s) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, "0");
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function withUuidIds(bp: Blueprint): Blueprint {
  const fix = (id: string) => (UUID.test(id) ? id : uuidFor(id));
  return {
    ...bp,
    sleds: bp.sleds.map((s) => ({
      ...s,
      disks: s.disks.map((d) => ({ ...d, id: fix(d.id) })),
      datasets: s.datasets
        .map((d) => ({ ...d, id: fix(d.id) }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      zones: s.zones.map((z) => ({ ...z, id: fix(z.id) })),
    })),
  };
}

/**
 * omicron #7309: the parent runs a crucible zone on its datasets; the target expunges the zone
 * and both of its datasets in the same blueprint.
 */
export function crucibleExpungeCase(): { parent: Blueprint; target: Blueprint } {
  const parent = withUuidIds(blueprint("bp-parent", null, [crucibleSled(2)]));
  const target = withUuidIds(blueprint("bp-target", "bp-parent", [crucibleSled(3, "expunged")]));
  return { parent, target };
}

export const NEW_CRUCIBLE_ZONE = "5f0b2a8e-3c1d-4e6f-9a7b-2c3d4e5f6a7b";

/**
 * The crucible zone is replaced: the old zone and its datasets are expunged and a new zone
 * gets new datasets on the same pool — its durable dataset reuses the name `crucible`, so the
 * old one must be gone before the new one is created.
 */
export function replaceCrucibleCase(): { parent: Blueprint; target: Blueprint } {
  const { parent } = crucibleExpungeCase();
  const old = crucibleSled(3, "expunged");
  const fresh = zoneWithDatasets(NEW_CRUCIBLE_ZONE, "crucible", POOL);
  const sled = {
    ...old,
    datasets: [...old.datasets, ...fresh.datasets],
    zones: [...old.zones, fresh.zone],
  };
  return { parent, target: withUuidIds(blueprint("bp-replace", "bp-parent", [sled])) };
}
