/**
 * How zones, datasets and disks refer to each other. Zones never name dataset ids: a zone
 * uses its durable dataset by (zone_type.dataset.pool_name, kind implied by the zone type)
 * and its transient root by (filesystem_pool, `zone/oxz_<prefix>_<zone id>`); a dataset
 * lives on the disk whose `oxp_<pool_id>` equals its pool.
 *
 * Mirrors omicron `BlueprintZoneType::durable_dataset()` and `ZoneKind::zone_prefix()`
 * (nexus/types/src/deployment/zone_type.rs, nexus-sled-agent-shared/src/inventory.rs).
 */
import type { Dataset, PhysicalDisk, ZpoolName, Zone } from "./model";

const DURABLE_KIND_BY_ZONE_TYPE: Readonly<Record<string, string>> = {
  clickhouse: "clickhouse",
  clickhouse_keeper: "clickhouse_keeper",
  clickhouse_server: "clickhouse_server",
  cockroach_db: "cockroachdb",
  crucible: "crucible",
  external_dns: "external_dns",
  internal_dns: "internal_dns",
};

/** Zone types omicron knows; anything else is kept but reported by validation. */
export const KNOWN_ZONE_TYPES: readonly string[] = [
  "boundary_ntp",
  "clickhouse",
  "clickhouse_keeper",
  "clickhouse_server",
  "cockroach_db",
  "crucible",
  "crucible_pantry",
  "external_dns",
  "internal_dns",
  "internal_ntp",
  "nexus",
  "oximeter",
];

/** The per-pool parent of every `zone/…` dataset (omicron `DatasetKind::TransientZoneRoot`). */
export const ZONE_ROOT_KIND = "zone";

export function zpoolName(poolId: string): ZpoolName {
  return `oxp_${poolId}`;
}

export function durableDatasetKind(zoneType: string): string | null {
  return DURABLE_KIND_BY_ZONE_TYPE[zoneType] ?? null;
}

/** `cockroach_db` → `cockroachdb`, both NTP kinds → `ntp`, else the type itself. */
export function zonePrefix(zoneType: string): string {
  if (zoneType === "cockroach_db") return "cockroachdb";
  if (zoneType === "boundary_ntp" || zoneType === "internal_ntp") return "ntp";
  return zoneType;
}

export function rootDatasetKind(zone: Pick<Zone, "id" | "zoneType">): string {
  return `zone/oxz_${zonePrefix(zone.zoneType.type)}_${zone.id}`;
}

export function isTransientZoneKind(kind: string): boolean {
  return kind.startsWith("zone/");
}

/** A dataset name as the sled agent sees it. */
export interface DatasetRef {
  pool: ZpoolName;
  kind: string;
  role: "root" | "durable";
}

/** The datasets a zone needs: its transient root (if it has a filesystem pool) and its durable one. */
export function zoneDatasetRefs(
  zone: Pick<Zone, "id" | "zoneType" | "filesystemPool">,
): DatasetRef[] {
  const refs: DatasetRef[] = [];
  if (zone.filesystemPool)
    refs.push({ pool: zone.filesystemPool, kind: rootDatasetKind(zone), role: "root" });
  const durableKind = durableDatasetKind(zone.zoneType.type);
  const durablePool = zone.zoneType.dataset?.pool_name;
  if (durableKind && durablePool)
    refs.push({ pool: durablePool, kind: durableKind, role: "durable" });
  return refs;
}

export function datasetNameKey(pool: ZpoolName, kind: string): string {
  return `${pool}/${kind}`;
}

/**
 * The ZFS name: `<pool>/crypt/<kind>`, except crucible and local_storage_unencrypted, which are
 * not encrypted (omicron common/src/disk.rs `DatasetName::full_name`).
 */
export function datasetFullName(ds: Pick<Dataset, "pool" | "kind">): string {
  const unencrypted = ds.kind === "crucible" || ds.kind === "local_storage_unencrypted";
  return unencrypted ? `${ds.pool}/${ds.kind}` : `${ds.pool}/crypt/${ds.kind}`;
}

export function diskPool(disk: Pick<PhysicalDisk, "poolId">): ZpoolName {
  return zpoolName(disk.poolId);
}

/** Short id for labels: the first 8 characters of a uuid. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
