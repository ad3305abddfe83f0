/**
 * Small hand-built blueprints for planner tests: one sled per call, items named after the
 * omicron example in ../shared/omicron/BRIEF.md §1.8 (the crucible zone 694bd14f on pool
 * 30c16fe4). Builders return new objects every time.
 */
import type {
  Blueprint,
  Dataset,
  ItemDisposition,
  PhysicalDisk,
  SledConfig,
  Zone,
} from "~/lib/blueprint/model";
import { rootDatasetKind, zpoolName } from "~/lib/blueprint/zones";

export const SLED = "d81c6a84-79b8-4958-ae41-ea46c9b19763";
export const POOL = "30c16fe4-4229-49d0-ab01-3138f2c7dff2";
export const DISK = "6a1b0c6e-0000-4000-8000-000000000001";
export const CRUCIBLE_ZONE = "694bd14f-cb24-4be4-bb19-876e79cda2c8";

export function disk(
  id: string,
  poolId: string,
  disposition: ItemDisposition = "in_service",
): PhysicalDisk {
  return {
    id,
    poolId,
    identity: { vendor: "fake-vendor", model: "fake-model", serial: `serial-${poolId}` },
    disposition,
    extra: {},
  };
}

export function dataset(
  id: string,
  poolId: string,
  kind: string,
  disposition: ItemDisposition = "in_service",
  quota: number | null = null,
): Dataset {
  return {
    id,
    pool: zpoolName(poolId),
    kind,
    disposition,
    address: null,
    quota,
    reservation: null,
    compression: { type: "off" },
    extra: {},
  };
}

export function zone(
  id: string,
  type: string,
  poolId: string,
  disposition: ItemDisposition = "in_service",
): Zone {
  const zoneType: Zone["zoneType"] = { type, address: "[fd00:1122:3344:103::8]:32345" };
  if (
    [
      "crucible",
      "cockroach_db",
      "internal_dns",
      "external_dns",
      "clickhouse",
      "clickhouse_keeper",
      "clickhouse_server",
    ].includes(type)
  ) {
    zoneType.dataset = { pool_name: zpoolName(poolId) };
  }
  return {
    id,
    disposition,
    filesystemPool: zpoolName(poolId),
    zoneType,
    imageSource: { type: "install_dataset" },
    extra: {},
  };
}

/** A zone and its datasets (root + durable, ids derived from the zone id). */
export function zoneWithDatasets(
  id: string,
  type: string,
  poolId: string,
  disposition: ItemDisposition = "in_service",
) {
  const z = zone(id, type, poolId, disposition);
  const durableKind = z.zoneType.dataset
    ? (({ cockroach_db: "cockroachdb" } as Record<string, string>)[type] ?? type)
    : null;
  const ds = [dataset(`${id.slice(0, 8)}-root`, poolId, rootDatasetKind(z), disposition)];
  if (durableKind) ds.push(dataset(`${id.slice(0, 8)}-durable`, poolId, durableKind, disposition));
  return { zone: z, datasets: ds };
}

export function sled(
  id: string,
  generation: number,
  parts: { disks?: PhysicalDisk[]; datasets?: Dataset[]; zones?: Zone[] },
): SledConfig {
  const byId = <T extends { id: string }>(xs: T[] = []) =>
    [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    id,
    state: "active",
    generation,
    disks: byId(parts.disks),
    datasets: byId(parts.datasets),
    zones: byId(parts.zones),
    extra: {},
  };
}

export function blueprint(id: string, parentId: string | null, sleds: SledConfig[]): Blueprint {
  return {
    id,
    parentId,
    format: "current",
    sleds: [...sleds].sort((a, b) => (a.id < b.id ? -1 : 1)),
    extra: {},
  };
}

/** The BRIEF §1.8 sled in service: one disk, its `zone` dataset, a crucible zone with its datasets. */
export function crucibleSled(
  generation = 2,
  disposition: ItemDisposition = "in_service",
): SledConfig {
  const cz = zoneWithDatasets(CRUCIBLE_ZONE, "crucible", POOL, disposition);
  return sled(SLED, generation, {
    disks: [disk(DISK, POOL)],
    datasets: [dataset("252ac39f-zone", POOL, "zone"), ...cz.datasets],
    zones: [cz.zone],
  });
}
