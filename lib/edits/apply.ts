/**
 * Entry points: apply one or several edits to a parent blueprint and get one child. Several
 * edits in one call behave like one planner run: each touched sled's generation moves by one
 * (sled_editor.rs `finalize`), and a later edit sees the earlier ones (expunge a cockroach
 * zone, then add a new one on the same pool). Expected failures come back as values.
 */
import type { Blueprint, ZpoolName } from "../blueprint/model";
import { addDisk as addDiskIn, addZone as addZoneIn } from "./add";
import { BlueprintDraft } from "./draft";
import {
  expungeDisk as expungeDiskIn,
  expungeSled as expungeSledIn,
  expungeZone as expungeZoneIn,
} from "./expunge";
import { createIdGenerator } from "./ids";
import { setDatasetProperties as setDatasetPropertiesIn } from "./properties";
import type { Edit, EditOptions, EditResult, NewDiskSpec } from "./types";

function applyOne(bp: BlueprintDraft, edit: Edit): string | undefined {
  switch (edit.kind) {
    case "expunge-zone":
      return expungeZoneIn(bp, edit.zoneId);
    case "expunge-disk":
      return expungeDiskIn(bp, edit.diskId);
    case "expunge-sled":
      return expungeSledIn(bp, edit.sledId, edit.decommission ?? true);
    case "add-disk":
      return addDiskIn(bp, edit.sledId, edit.disk);
    case "add-zone":
      return addZoneIn(bp, edit);
    case "set-dataset-quota":
      return setDatasetPropertiesIn(bp, edit.datasetId, { quota: edit.quota });
    case "set-dataset-properties":
      return setDatasetPropertiesIn(bp, edit.datasetId, edit.properties);
    default:
      return `unknown edit ${JSON.stringify(edit satisfies never)}`;
  }
}

/** One line per edit, in the style of reconfigurator-cli's `blueprint-edit` messages. */
export function describeEdit(edit: Edit): string {
  switch (edit.kind) {
    case "expunge-zone":
      return `expunged zone ${edit.zoneId}`;
    case "expunge-disk":
      return `expunged disk ${edit.diskId}`;
    case "expunge-sled":
      return `expunged sled ${edit.sledId}`;
    case "add-disk":
      return `added a disk to sled ${edit.sledId}`;
    case "add-zone":
      return `added a ${edit.zoneType} zone on ${edit.pool} to sled ${edit.sledId}`;
    case "set-dataset-quota":
      return `set quota of dataset ${edit.datasetId} to ${edit.quota ?? "none"}`;
    case "set-dataset-properties":
      return `changed properties of dataset ${edit.datasetId}`;
    default:
      return JSON.stringify(edit satisfies never);
  }
}

export function applyEdits(
  parent: Blueprint,
  edits: readonly Edit[],
  options: EditOptions = {},
): EditResult {
  if (edits.length === 0) return { ok: false, error: "no edits given" };
  const ids = options.ids ?? createIdGenerator(`${parent.id}:${JSON.stringify(edits)}`);
  const blueprintId = options.blueprintId ?? ids();
  const draft = new BlueprintDraft(parent, ids);
  if (draft.isIdTaken(blueprintId) || blueprintId === parent.id) {
    return { ok: false, error: `blueprint id ${blueprintId} is already in use` };
  }
  for (const edit of edits) {
    const error = applyOne(draft, edit);
    if (error !== undefined) return { ok: false, error };
  }
  const comment = options.comment ?? edits.map(describeEdit).join("\n");
  return {
    ok: true,
    blueprint: draft.finish(blueprintId, comment, options.creator ?? "blueprint-console"),
  };
}

export function expungeZone(parent: Blueprint, zoneId: string, options?: EditOptions): EditResult {
  return applyEdits(parent, [{ kind: "expunge-zone", zoneId }], options);
}

export function expungeDisk(parent: Blueprint, diskId: string, options?: EditOptions): EditResult {
  return applyEdits(parent, [{ kind: "expunge-disk", diskId }], options);
}

export function expungeSled(
  parent: Blueprint,
  sledId: string,
  options?: EditOptions & { decommission?: boolean },
): EditResult {
  return applyEdits(
    parent,
    [{ kind: "expunge-sled", sledId, decommission: options?.decommission }],
    options,
  );
}

export function addDisk(
  parent: Blueprint,
  sledId: string,
  disk?: NewDiskSpec,
  options?: EditOptions,
): EditResult {
  return applyEdits(parent, [{ kind: "add-disk", sledId, disk }], options);
}

export interface AddZoneOptions extends EditOptions {
  zoneId?: string;
  ip?: string;
}

export function addZone(
  parent: Blueprint,
  sledId: string,
  zoneType: string,
  pool: ZpoolName,
  options: AddZoneOptions = {},
): EditResult {
  const { zoneId, ip, ...rest } = options;
  return applyEdits(parent, [{ kind: "add-zone", sledId, zoneType, pool, zoneId, ip }], rest);
}

export function setDatasetQuota(
  parent: Blueprint,
  datasetId: string,
  quota: number | null,
  options?: EditOptions,
): EditResult {
  return applyEdits(parent, [{ kind: "set-dataset-quota", datasetId, quota }], options);
}
