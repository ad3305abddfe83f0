/**
 * Expunging zones, disks and sleds, as omicron's planner does it.
 *
 * - zone: the zone and both of its datasets (transient root and durable) in the same
 *   blueprint (sled_editor.rs `expunge_zone`). Datasets are found by (pool, kind) among the
 *   in-service ones, because zones do not name dataset ids (#7214).
 * - disk: the disk, every dataset on its pool and every zone whose root or durable dataset
 *   lives there, plus those zones' datasets (sled_editor.rs `expunge_disk`).
 * - sled: everything on it; zones are immediately ready for cleanup since no sled agent is
 *   left to confirm, and the planner decommissions the sled in the same pass
 *   (blueprint_builder/builder.rs `expunge_sled`, planner.rs `do_plan_decommission`).
 */
import type { SledConfig, Zone } from "../blueprint/model";
import { diskPool, zoneDatasetRefs } from "../blueprint/zones";
import type { BlueprintDraft, SledDraft } from "./draft";

/** An error message, or undefined on success. */
export type EditError = string | undefined;

export function editableSled(bp: BlueprintDraft, sledId: string): SledConfig | string {
  const sled = bp.current(sledId);
  if (!sled) return `sled ${sledId} not found`;
  // omicron refuses any edit of a decommissioned sled (SledEditError::EditDecommissioned).
  if (sled.state === "decommissioned")
    return `sled ${sledId} is decommissioned; it cannot be edited`;
  return sled;
}

function expungeZoneIn(
  bp: BlueprintDraft,
  draft: SledDraft,
  zone: Zone,
  readyForCleanup: boolean,
): void {
  bp.put(draft, "zone", {
    ...zone,
    disposition: "expunged",
    expungedAsOf: draft.nextGeneration,
    readyForCleanup,
  });
  for (const ref of zoneDatasetRefs(zone)) {
    const dataset = draft.sled.datasets.find(
      (ds) => ds.disposition === "in_service" && ds.pool === ref.pool && ds.kind === ref.kind,
    );
    if (dataset) bp.put(draft, "dataset", { ...dataset, disposition: "expunged" });
  }
}

export function expungeZone(bp: BlueprintDraft, zoneId: string): EditError {
  const sledId = bp.sledOf(zoneId);
  const sled = sledId === undefined ? undefined : editableSled(bp, sledId);
  if (sled === undefined || sledId === undefined) return `zone ${zoneId} not found`;
  if (typeof sled === "string") return sled;
  const zone = sled.zones.find((z) => z.id === zoneId);
  if (!zone) return `zone ${zoneId} not found`;
  if (zone.disposition === "expunged") return `zone ${zoneId} is already expunged`;
  const draft = bp.edit(sledId);
  if (!draft) return `sled ${sledId} not found`;
  expungeZoneIn(bp, draft, zone, false);
  return undefined;
}

function usesPool(zone: Zone, pool: string): boolean {
  return zone.filesystemPool === pool || zone.zoneType.dataset?.pool_name === pool;
}

export function expungeDisk(bp: BlueprintDraft, diskId: string): EditError {
  const sledId = bp.sledOf(diskId);
  const sled = sledId === undefined ? undefined : editableSled(bp, sledId);
  if (sled === undefined || sledId === undefined) return `disk ${diskId} not found`;
  if (typeof sled === "string") return sled;
  const disk = sled.disks.find((d) => d.id === diskId);
  if (!disk) return `disk ${diskId} not found`;
  if (disk.disposition === "expunged") return `disk ${diskId} is already expunged`;
  const draft = bp.edit(sledId);
  if (!draft) return `sled ${sledId} not found`;
  expungeDiskIn(bp, draft, diskId, false);
  return undefined;
}

function expungeDiskIn(
  bp: BlueprintDraft,
  draft: SledDraft,
  diskId: string,
  readyForCleanup: boolean,
): void {
  const disk = draft.sled.disks.find((d) => d.id === diskId);
  if (!disk) return;
  const pool = diskPool(disk);
  bp.put(draft, "disk", {
    ...disk,
    disposition: "expunged",
    expungedAsOf: draft.nextGeneration,
    readyForCleanup,
  });
  for (const zone of [...draft.sled.zones]) {
    if (zone.disposition === "in_service" && usesPool(zone, pool))
      expungeZoneIn(bp, draft, zone, readyForCleanup);
  }
  for (const dataset of [...draft.sled.datasets]) {
    if (dataset.disposition === "in_service" && dataset.pool === pool) {
      bp.put(draft, "dataset", { ...dataset, disposition: "expunged" });
    }
  }
}

export function expungeSled(bp: BlueprintDraft, sledId: string, decommission: boolean): EditError {
  const sled = editableSled(bp, sledId);
  if (typeof sled === "string") return sled;
  const inService = [...sled.disks, ...sled.datasets, ...sled.zones].some(
    (item) => item.disposition === "in_service",
  );
  if (!inService && !decommission) return `sled ${sledId} has nothing in service to expunge`;
  const draft = bp.edit(sledId);
  if (!draft) return `sled ${sledId} not found`;
  for (const disk of sled.disks) {
    if (disk.disposition === "in_service") expungeDiskIn(bp, draft, disk.id, true);
  }
  // Zones or datasets on pools without a disk (invalid input) must not survive the sled.
  for (const zone of [...draft.sled.zones]) {
    if (zone.disposition === "in_service") expungeZoneIn(bp, draft, zone, true);
    else if (zone.readyForCleanup !== true)
      bp.put(draft, "zone", { ...zone, readyForCleanup: true });
  }
  for (const dataset of [...draft.sled.datasets]) {
    if (dataset.disposition === "in_service")
      bp.put(draft, "dataset", { ...dataset, disposition: "expunged" });
  }
  if (decommission) draft.sled.state = "decommissioned";
  return undefined;
}
