/**
 * Model-level helpers for validation tests: the healthy test blueprint (builders.ts)
 * as a model, and copies of it with one sled edited. Pure; a failure here is a test bug.
 */
import { parseBlueprint } from "../import";
import type { Blueprint, Dataset, SledConfig, Zone } from "../model";
import { blueprintJson, healthySledIds, testUuid } from "./builders";
import { zpoolName } from "../zones";

export const sled1 = healthySledIds(1);

export function healthyBlueprint(sleds = 1): Blueprint {
  const result = parseBlueprint(blueprintJson(sleds));
  if (!result.ok) throw new Error(JSON.stringify(result.errors)); // the builder is broken
  return result.blueprint;
}

/** The healthy blueprint with `edit` applied to a copy of sled 1. */
export function editedBlueprint(edit: (sled: SledConfig) => void, sleds = 1): Blueprint {
  const bp = structuredClone(healthyBlueprint(sleds));
  const sled = bp.sleds.find((s) => s.id === sled1.sled);
  if (!sled) throw new Error("no sled 1"); // the builder is broken
  edit(sled);
  return bp;
}

export function zoneOf(sled: SledConfig, id: string): Zone {
  const zone = sled.zones.find((z) => z.id === id);
  if (!zone) throw new Error(`no zone ${id}`); // ids come from the builder
  return zone;
}

export function datasetOf(sled: SledConfig, id: string): Dataset {
  const ds = sled.datasets.find((d) => d.id === id);
  if (!ds) throw new Error(`no dataset ${id}`); // ids come from the builder
  return ds;
}

/** A second in-service disk with its `zone` dataset, so things can move to another pool. */
export function addSecondPool(sled: SledConfig): string {
  const poolId = testUuid("p", 77);
  sled.disks.push({
    id: testUuid("d", 77),
    poolId,
    identity: { vendor: "v", model: "m", serial: "s" },
    disposition: "in_service",
    extra: {},
  });
  sled.datasets.push({
    ...datasetOf(sled, sled1.zoneDataset),
    id: testUuid("a", 770),
    pool: zpoolName(poolId),
  });
  return zpoolName(poolId);
}
