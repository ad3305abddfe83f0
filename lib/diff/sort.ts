/**
 * Row order in omicron's diff tables. Datasets sort by `(kind, pool)` where `DatasetKind`'s
 * derived `Ord` follows its variant order (common/src/disk.rs), with `zone/<name>` kinds
 * ordered by name; zones sort by `(ZoneKind, id)` (`zone_sort_key`, whose variant order is
 * alphabetical in snake_case); disks by identity (vendor, model, serial). Strings compare by
 * code unit like Rust's byte order (ids and kinds are ASCII), never by locale.
 */
import type { Dataset, PhysicalDisk, Zone } from "../blueprint/model";

const DATASET_KIND_ORDER = [
  "cockroachdb",
  "crucible",
  "clickhouse",
  "clickhouse_keeper",
  "clickhouse_server",
  "external_dns",
  "internal_dns",
  "zone",
  "zone/",
  "debug",
  "local_storage",
  "local_storage_unencrypted",
];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindRank(kind: string): number {
  const rank = DATASET_KIND_ORDER.indexOf(kind.startsWith("zone/") ? "zone/" : kind);
  // Kinds the console does not know go last, still in a stable order.
  return rank === -1 ? DATASET_KIND_ORDER.length : rank;
}

export function compareDatasets(a: Dataset, b: Dataset): number {
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    compareText(a.kind, b.kind) ||
    compareText(a.pool, b.pool)
  );
}

export function compareZones(a: Zone, b: Zone): number {
  return compareText(a.zoneType.type, b.zoneType.type) || compareText(a.id, b.id);
}

export function compareDisks(a: PhysicalDisk, b: PhysicalDisk): number {
  return (
    compareText(a.identity.vendor, b.identity.vendor) ||
    compareText(a.identity.model, b.identity.model) ||
    compareText(a.identity.serial, b.identity.serial)
  );
}
