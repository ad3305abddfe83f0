/**
 * The create-child form's state → one planner edit, and a preview of the whole change with
 * lib's own edit functions (the server applies the same ones): the form can say "this would
 * fail because …" before anything is sent. Pure.
 */
import type { Blueprint } from "~/lib/blueprint/model";
import { applyEdits } from "~/lib/edits/apply";
import type { Edit } from "~/lib/edits/types";

export const EDIT_KINDS = [
  ["expunge-zone", "Expunge a zone"],
  ["expunge-disk", "Expunge a physical disk"],
  ["expunge-sled", "Expunge a sled"],
  ["add-disk", "Add a physical disk"],
  ["add-zone", "Add a zone"],
  ["set-dataset-quota", "Change a dataset's quota"],
] as const;
export type DraftKind = (typeof EDIT_KINDS)[number][0];

export interface EditDraft {
  kind: DraftKind;
  sledId: string;
  /** The zone, disk or dataset the edit is about. */
  itemId: string;
  zoneType: string;
  pool: string;
  /** Quota in GiB as typed; empty: no quota. */
  quotaGiB: string;
}

export const EMPTY_DRAFT: EditDraft = {
  kind: "expunge-zone",
  sledId: "",
  itemId: "",
  zoneType: "",
  pool: "",
  quotaGiB: "",
};

const GIB = 1024 ** 3;

export type BuiltEdit = { ok: true; edit: Edit } | { ok: false; missing: string };

export function buildEdit(d: EditDraft): BuiltEdit {
  const need = (what: string): BuiltEdit => ({ ok: false, missing: what });
  if (d.sledId === "") return need("Choose a sled");
  switch (d.kind) {
    case "expunge-zone":
      return d.itemId
        ? { ok: true, edit: { kind: d.kind, zoneId: d.itemId } }
        : need("Choose a zone");
    case "expunge-disk":
      return d.itemId
        ? { ok: true, edit: { kind: d.kind, diskId: d.itemId } }
        : need("Choose a disk");
    case "expunge-sled":
      return { ok: true, edit: { kind: d.kind, sledId: d.sledId } };
    case "add-disk":
      return { ok: true, edit: { kind: d.kind, sledId: d.sledId } };
    case "add-zone":
      if (d.pool === "") return need("Choose a pool");
      if (d.zoneType === "") return need("Choose a zone type");
      return {
        ok: true,
        edit: { kind: d.kind, sledId: d.sledId, zoneType: d.zoneType, pool: d.pool },
      };
    case "set-dataset-quota": {
      if (d.itemId === "") return need("Choose a dataset");
      const text = d.quotaGiB.trim();
      if (text === "")
        return { ok: true, edit: { kind: d.kind, datasetId: d.itemId, quota: null } };
      const gib = Number(text);
      if (!Number.isFinite(gib) || gib < 0)
        return need("Give the quota as a number of GiB (or leave it empty for none)");
      return {
        ok: true,
        edit: { kind: d.kind, datasetId: d.itemId, quota: Math.round(gib * GIB) },
      };
    }
    default:
      return d.kind satisfies never;
  }
}

export type EditPreview = { ok: true; blueprint: Blueprint } | { ok: false; error: string };

/** What the server would do with these edits (same lib code, same deterministic ids). */
export function previewEdits(parent: Blueprint, edits: readonly Edit[]): EditPreview {
  if (edits.length === 0) return { ok: false, error: "Add at least one edit" };
  const result = applyEdits(parent, [...edits]);
  return result.ok ? { ok: true, blueprint: result.blueprint } : { ok: false, error: result.error };
}
