/**
 * Test support for property tests: every edit a blueprint admits, and an independent
 * statement of which items each edit must change (written from omicron's rules in
 * sled_editor.rs, not from lib/edits), so "diff(parent, edit(parent)) reports exactly the
 * edited items" is checked against something other than the code under test.
 */
import type { Blueprint, SledConfig, Zone } from "~/lib/blueprint/model";
import { zoneDatasetRefs } from "~/lib/blueprint/zones";
import type { Edit } from "../types";

const pool = (poolId: string) => `oxp_${poolId}`;

/** All edits worth trying on `bp` (some are expected to be refused). */
export function candidateEdits(bp: Blueprint): Edit[] {
  const edits: Edit[] = [];
  for (const sled of bp.sleds) {
    edits.push({ kind: "expunge-sled", sledId: sled.id }, { kind: "add-disk", sledId: sled.id });
    for (const zone of sled.zones) edits.push({ kind: "expunge-zone", zoneId: zone.id });
    for (const disk of sled.disks) {
      edits.push({ kind: "expunge-disk", diskId: disk.id });
      for (const zoneType of [
        "crucible",
        "cockroach_db",
        "oximeter",
        "crucible_pantry",
        "internal_ntp",
      ]) {
        edits.push({ kind: "add-zone", sledId: sled.id, zoneType, pool: pool(disk.poolId) });
      }
    }
    for (const dataset of sled.datasets) {
      edits.push({ kind: "set-dataset-quota", datasetId: dataset.id, quota: 42 * 1024 ** 3 });
    }
  }
  return edits;
}

function liveDatasetsOf(sled: SledConfig, zone: Zone): string[] {
  return zoneDatasetRefs(zone).flatMap((ref) =>
    sled.datasets
      .filter((d) => d.disposition === "in_service" && d.pool === ref.pool && d.kind === ref.kind)
      .map((d) => d.id),
  );
}

/**
 * Ids of the parent's items an expunge or property edit must change, as `removed <id>` or
 * `modified <id>`; null for additions, whose new ids are only known afterwards.
 */
export function expectedChanges(bp: Blueprint, edit: Edit): string[] | null {
  const sledOf = (id: string) =>
    bp.sleds.find((s) => [...s.disks, ...s.datasets, ...s.zones].some((item) => item.id === id));
  const removed = (ids: Iterable<string>) => [...new Set(ids)].map((id) => `removed ${id}`).sort();
  switch (edit.kind) {
    case "expunge-zone": {
      const sled = sledOf(edit.zoneId);
      const zone = sled?.zones.find((z) => z.id === edit.zoneId);
      return sled && zone ? removed([zone.id, ...liveDatasetsOf(sled, zone)]) : [];
    }
    case "expunge-disk": {
      const sled = sledOf(edit.diskId);
      const disk = sled?.disks.find((d) => d.id === edit.diskId);
      if (!sled || !disk) return [];
      const p = pool(disk.poolId);
      const zones = sled.zones.filter(
        (z) =>
          z.disposition === "in_service" &&
          (z.filesystemPool === p || z.zoneType.dataset?.pool_name === p),
      );
      const onPool = sled.datasets
        .filter((d) => d.disposition === "in_service" && d.pool === p)
        .map((d) => d.id);
      return removed([
        disk.id,
        ...onPool,
        ...zones.flatMap((z) => [z.id, ...liveDatasetsOf(sled, z)]),
      ]);
    }
    case "expunge-sled": {
      const sled = bp.sleds.find((s) => s.id === edit.sledId);
      const items = sled ? [...sled.disks, ...sled.datasets, ...sled.zones] : [];
      return removed(items.filter((i) => i.disposition === "in_service").map((i) => i.id));
    }
    case "set-dataset-quota":
    case "set-dataset-properties":
      return [`modified ${edit.datasetId}`];
    case "add-disk":
    case "add-zone":
      return null;
    default:
      return edit satisfies never;
  }
}

/** The sled an edit touches. */
export function sledOfEdit(bp: Blueprint, edit: Edit): string | undefined {
  if ("sledId" in edit) return edit.sledId;
  const id =
    edit.kind === "expunge-zone"
      ? edit.zoneId
      : edit.kind === "expunge-disk"
        ? edit.diskId
        : edit.datasetId;
  return bp.sleds.find((s) =>
    [...s.disks, ...s.datasets, ...s.zones].some((item) => item.id === id),
  )?.id;
}
