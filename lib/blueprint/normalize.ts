/**
 * Parsed JSON items → model items. Fields the console interprets become typed fields; the
 * rest go to `extra` unchanged. Keys whose value is `undefined` are left out so that models
 * from different input forms compare equal.
 */
import type { Dataset, ItemDisposition, PhysicalDisk, SledConfig, Zone, ZoneType } from "./model";
import type { BlueprintDatasetJson, BlueprintDiskJson, BlueprintZoneJson } from "./schema-current";
import type {
  SledConfigDatasetJson,
  SledConfigDiskJson,
  SledConfigZoneJson,
} from "./schema-sled-config";
import { upgradeArtifactSource, upgradeZoneType } from "./zone-type-upgrade";
import { rootDatasetKind } from "./zones";

/** Where a January-2025 zone's `"quiesced"` disposition is remembered (see import-jan2025.ts). */
export const QUIESCED_EXTRA_KEY = "disposition_jan_2025";

export function extraOf(
  raw: Record<string, unknown>,
  known: readonly string[],
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) extra[key] = raw[key];
  }
  return extra;
}

export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface ReadDisposition {
  disposition: ItemDisposition;
  expungedAsOf?: number;
  readyForCleanup?: boolean;
  quiesced: boolean;
}

type DispositionJson = BlueprintZoneJson["disposition"] | BlueprintDiskJson["disposition"];

function readDisposition(d: DispositionJson): ReadDisposition {
  if (typeof d === "string") {
    return {
      disposition: d === "expunged" ? "expunged" : "in_service",
      quiesced: d === "quiesced",
    };
  }
  if (d.kind === "in_service") return { disposition: "in_service", quiesced: false };
  return {
    disposition: "expunged",
    expungedAsOf: d.as_of_generation,
    readyForCleanup: d.ready_for_cleanup,
    quiesced: false,
  };
}

function withExpungeDetails<T extends object>(item: T, d: ReadDisposition): T {
  if (d.expungedAsOf !== undefined) Object.assign(item, { expungedAsOf: d.expungedAsOf });
  if (d.readyForCleanup !== undefined) Object.assign(item, { readyForCleanup: d.readyForCleanup });
  return item;
}

const DISK_KEYS = ["id", "pool_id", "identity", "disposition"] as const;

/** A blueprint disk, or a sled-agent disk (no disposition: in service). */
type DiskInput = SledConfigDiskJson & { disposition?: BlueprintDiskJson["disposition"] };

export function diskFromJson(raw: DiskInput): PhysicalDisk {
  const d = readDisposition(raw.disposition ?? "in_service");
  const { vendor, model, serial } = raw.identity;
  const disk: PhysicalDisk = {
    id: raw.id,
    poolId: raw.pool_id,
    identity: { vendor, model, serial },
    disposition: d.disposition,
    extra: extraOf(raw, DISK_KEYS),
  };
  return withExpungeDetails(disk, d);
}

const DATASET_KEYS = [
  "id",
  "pool",
  "kind",
  "disposition",
  "address",
  "quota",
  "reservation",
  "compression",
] as const;

export function datasetFromJson(raw: BlueprintDatasetJson): Dataset {
  return {
    id: raw.id,
    pool: raw.pool,
    kind: raw.kind,
    disposition: raw.disposition,
    address: raw.address ?? null,
    quota: raw.quota ?? null,
    reservation: raw.reservation ?? null,
    compression: compressionOf(raw.compression),
    extra: extraOf(raw, DATASET_KEYS),
  };
}

const SLED_CONFIG_DATASET_KEYS = ["id", "name", "quota", "reservation", "compression"] as const;

/** The agent's dataset names its pool and kind in `name` and has no address. */
export function datasetFromSledConfig(raw: SledConfigDatasetJson): Dataset {
  return {
    id: raw.id,
    pool: raw.name.pool_name,
    kind: raw.name.kind,
    disposition: "in_service",
    address: null,
    quota: raw.quota ?? null,
    reservation: raw.reservation ?? null,
    compression: compressionOf(raw.compression),
    extra: extraOf(raw, SLED_CONFIG_DATASET_KEYS),
  };
}

function compressionOf(c: { type: string; level?: number | undefined }): Dataset["compression"] {
  return c.level === undefined ? { type: c.type } : { type: c.type, level: c.level };
}

const ZONE_KEYS = ["id", "disposition", "filesystem_pool", "zone_type", "image_source"] as const;

/** A blueprint zone, or a sled-agent zone (no disposition: in service). */
type ZoneInput = SledConfigZoneJson & { disposition?: BlueprintZoneJson["disposition"] };

export function zoneFromJson(raw: ZoneInput): Zone {
  return zoneWithType(raw, raw.zone_type);
}

/** `zoneFromJson` with the zone type given apart (the HEAD fast path passes zod's copy of it). */
export function zoneWithType(raw: ZoneInput, zoneType: ZoneType): Zone {
  const d = readDisposition(raw.disposition ?? "in_service");
  const extra = extraOf(raw, ZONE_KEYS);
  if (d.quiesced) extra[QUIESCED_EXTRA_KEY] = "quiesced";
  const zone: Zone = {
    id: raw.id,
    disposition: d.disposition,
    filesystemPool: raw.filesystem_pool ?? null,
    zoneType: upgradeZoneType(raw.id, zoneType),
    extra,
  };
  withExpungeDetails(zone, d);
  if (raw.image_source !== undefined) zone.imageSource = upgradeArtifactSource(raw.image_source);
  return zone;
}

/**
 * Sorts items by id (the model's invariant) and fills a missing `filesystem_pool` (optional
 * before #7549, 2025-03-26) from the zone's own root dataset `zone/oxz_<type>_<id>`, the one
 * piece of evidence of where its root lives. Without such a dataset it stays null.
 */
export function finishSled(sled: SledConfig): SledConfig {
  const datasets = [...sled.datasets].sort(compareIds);
  const zones = [...sled.zones].sort(compareIds).map((zone) => {
    if (zone.filesystemPool !== null) return zone;
    const kind = rootDatasetKind(zone);
    const root =
      datasets.find((ds) => ds.kind === kind && ds.disposition === "in_service") ??
      datasets.find((ds) => ds.kind === kind);
    return root ? { ...zone, filesystemPool: root.pool } : zone;
  });
  return { ...sled, disks: [...sled.disks].sort(compareIds), datasets, zones };
}
