/**
 * Adding disks and zones. A new disk brings its per-disk `zone` (TransientZoneRoot) and
 * `debug` datasets, 100 GiB gzip-9 like the dogfood sled (sled_editor.rs `ensure_disk`). A
 * new zone brings its transient root on its pool and, for the seven durable types, its
 * durable dataset on the same pool (`ZoneDatasetConfigs::new`, which refuses mixed pools and
 * pools without a disk). Crucible's dataset also carries the zone's address.
 */
import type { Dataset, ZpoolName } from "../blueprint/model";
import { ZONE_ROOT_KIND, durableDatasetKind, rootDatasetKind, zpoolName } from "../blueprint/zones";
import type { BlueprintDraft } from "./draft";
import { editableSled, type EditError } from "./expunge";
import {
  DEBUG_DATASET_COMPRESSION,
  DEBUG_DATASET_QUOTA_BYTES,
  DEFAULT_COMPRESSION,
  type NewDiskSpec,
} from "./types";
import { allocateUnderlayIp } from "./underlay";
import { makeZoneType } from "./zone-type";

const DOGFOOD_VENDOR = "1b96";
const DOGFOOD_MODEL = "WUS4C6432DSP3X3";

function newDataset(
  id: string,
  pool: ZpoolName,
  kind: string,
  fields: Partial<Dataset> = {},
): Dataset {
  return {
    id,
    pool,
    kind,
    disposition: "in_service",
    address: null,
    quota: null,
    reservation: null,
    compression: DEFAULT_COMPRESSION,
    extra: {},
    ...fields,
  };
}

export function addDisk(bp: BlueprintDraft, sledId: string, spec: NewDiskSpec = {}): EditError {
  const sled = editableSled(bp, sledId);
  if (typeof sled === "string") return sled;
  const id = spec.id ?? bp.ids();
  const poolId = spec.poolId ?? bp.ids();
  if (bp.isIdTaken(id)) return `id ${id} is already used in this blueprint`;
  const pool = zpoolName(poolId);
  if (sled.disks.some((d) => d.poolId === poolId))
    return `pool ${pool} already belongs to a disk on sled ${sledId}`;
  const draft = bp.edit(sledId);
  if (!draft) return `sled ${sledId} not found`;
  const identity = spec.identity ?? {
    vendor: DOGFOOD_VENDOR,
    model: DOGFOOD_MODEL,
    serial: `serial-${poolId}`,
  };
  bp.put(draft, "disk", { id, poolId, identity, disposition: "in_service", extra: {} });
  bp.put(draft, "dataset", newDataset(bp.ids(), pool, ZONE_ROOT_KIND));
  bp.put(
    draft,
    "dataset",
    newDataset(bp.ids(), pool, "debug", {
      quota: DEBUG_DATASET_QUOTA_BYTES,
      compression: DEBUG_DATASET_COMPRESSION,
    }),
  );
  return undefined;
}

export interface AddZoneRequest {
  sledId: string;
  zoneType: string;
  pool: ZpoolName;
  zoneId?: string;
  ip?: string;
}

/** Stable per-zone index for NIC and external addresses, so an edit needs no global counter. */
function serviceIndexOf(zoneId: string): number {
  return parseInt(zoneId.slice(0, 4), 16) || 0;
}

function checkPool(bp: BlueprintDraft, req: AddZoneRequest): EditError {
  const sled = bp.current(req.sledId);
  if (!sled) return `sled ${req.sledId} not found`;
  const hasDisk = sled.disks.some(
    (d) => d.disposition === "in_service" && zpoolName(d.poolId) === req.pool,
  );
  if (!hasDisk) return `pool ${req.pool} has no in-service disk on sled ${req.sledId}`;
  const kind = durableDatasetKind(req.zoneType);
  const taken =
    kind &&
    sled.datasets.some(
      (d) => d.disposition === "in_service" && d.pool === req.pool && d.kind === kind,
    );
  // Durable datasets are named by (pool, kind) only, so a second one cannot share the pool (#6177).
  if (taken) return `pool ${req.pool} already has an in-service ${kind} dataset`;
  return undefined;
}

export function addZone(bp: BlueprintDraft, req: AddZoneRequest): EditError {
  const sled = editableSled(bp, req.sledId);
  if (typeof sled === "string") return sled;
  const poolError = checkPool(bp, req);
  if (poolError) return poolError;
  const zoneId = req.zoneId ?? bp.ids();
  if (bp.isIdTaken(zoneId)) return `id ${zoneId} is already used in this blueprint`;
  const allocation = req.ip ? { ip: req.ip, extra: sled.extra } : allocateUnderlayIp(sled);
  if (typeof allocation === "string") return allocation;
  const ctx = {
    zoneId,
    ip: allocation.ip,
    pool: req.pool,
    serviceIndex: serviceIndexOf(zoneId),
    nextId: bp.ids,
  };
  const zoneType = makeZoneType(req.zoneType, ctx);
  if (typeof zoneType === "string") return zoneType;
  const draft = bp.edit(req.sledId);
  if (!draft) return `sled ${req.sledId} not found`;
  draft.sled.extra = allocation.extra;
  const zone = {
    id: zoneId,
    disposition: "in_service" as const,
    filesystemPool: req.pool,
    zoneType,
    imageSource: { type: "install_dataset" },
    extra: {},
  };
  bp.put(draft, "zone", zone);
  // A `zone/…` dataset is mounted under its pool's `zone` dataset; recreate it if it is gone.
  const hasZoneRoot = draft.sled.datasets.some(
    (d) => d.disposition === "in_service" && d.pool === req.pool && d.kind === ZONE_ROOT_KIND,
  );
  if (!hasZoneRoot) bp.put(draft, "dataset", newDataset(bp.ids(), req.pool, ZONE_ROOT_KIND));
  bp.put(draft, "dataset", newDataset(bp.ids(), req.pool, rootDatasetKind(zone)));
  const kind = durableDatasetKind(req.zoneType);
  if (kind) {
    const address =
      req.zoneType === "crucible" && typeof zoneType.address === "string" ? zoneType.address : null;
    bp.put(draft, "dataset", newDataset(bp.ids(), req.pool, kind, { address }));
  }
  return undefined;
}
