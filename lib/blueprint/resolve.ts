/**
 * Name-based lookups within one sled. Zones never name dataset ids and datasets never name
 * disk ids; everything is matched by zpool name and dataset kind (omicron #7214; the comment
 * in nexus/reconfigurator/planning/src/blueprint_editor/sled_editor.rs `expunge_zone`).
 */
import type { Dataset, PhysicalDisk, SledConfig, ZpoolName } from "./model";
import { diskPool } from "./zones";

/**
 * The dataset named (pool, kind). An expunged and an in-service dataset may share a name in
 * one blueprint (a replacement zone reusing the pool); the in-service one wins.
 */
export function findDataset(
  datasets: readonly Dataset[],
  pool: ZpoolName,
  kind: string,
): Dataset | undefined {
  let expunged: Dataset | undefined;
  for (const ds of datasets) {
    if (ds.pool !== pool || ds.kind !== kind) continue;
    if (ds.disposition === "in_service") return ds;
    expunged ??= ds;
  }
  return expunged;
}

/** The disk whose zpool is `pool`, preferring an in-service one. */
export function findDiskForPool(
  disks: readonly PhysicalDisk[],
  pool: ZpoolName,
): PhysicalDisk | undefined {
  let expunged: PhysicalDisk | undefined;
  for (const disk of disks) {
    if (diskPool(disk) !== pool) continue;
    if (disk.disposition === "in_service") return disk;
    expunged ??= disk;
  }
  return expunged;
}

/** In-service items of a sled, by kind. */
export function inServiceItems(sled: SledConfig): {
  disks: PhysicalDisk[];
  datasets: Dataset[];
  zones: SledConfig["zones"];
} {
  return {
    disks: sled.disks.filter((d) => d.disposition === "in_service"),
    datasets: sled.datasets.filter((d) => d.disposition === "in_service"),
    zones: sled.zones.filter((z) => z.disposition === "in_service"),
  };
}

/** The lookups above, indexed once per sled for validation of large racks. */
export interface SledIndex {
  dataset(pool: ZpoolName, kind: string): Dataset | undefined;
  diskForPool(pool: ZpoolName): PhysicalDisk | undefined;
}

export function indexSled(sled: SledConfig): SledIndex {
  // pool → kind → datasets: the same groups as keys `<pool>/<kind>`, without building them.
  const byName = new Map<ZpoolName, Map<string, Dataset[]>>();
  for (const ds of sled.datasets) {
    let kinds = byName.get(ds.pool);
    if (!kinds) byName.set(ds.pool, (kinds = new Map<string, Dataset[]>()));
    const group = kinds.get(ds.kind);
    if (group) group.push(ds);
    else kinds.set(ds.kind, [ds]);
  }
  const byPool = new Map<ZpoolName, PhysicalDisk[]>();
  for (const disk of sled.disks) {
    const pool = diskPool(disk);
    const group = byPool.get(pool);
    if (group) group.push(disk);
    else byPool.set(pool, [disk]);
  }
  return {
    dataset: (pool, kind) => findDataset(byName.get(pool)?.get(kind) ?? [], pool, kind),
    diskForPool: (pool) => findDiskForPool(byPool.get(pool) ?? [], pool),
  };
}
