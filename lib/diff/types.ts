/**
 * The result of diffing a parent blueprint against a target, per sled and per item.
 *
 * `status` says what the target asks of the sled agent, which is what planning needs:
 * - `added`: in service in the target, not in service in the parent (absent, or expunged and
 *   brought back; omicron never un-expunges, but an imported target could, and the sled
 *   agent would have to create the item again);
 * - `removed`: in service in the parent, not in service in the target (expunged or absent);
 * - `modified`: in service in both, with field changes (a dataset property change is applied
 *   in place; a zone change is a restart);
 * - `unchanged`: in service in both with no change, or not in service on either side
 *   (already expunged and still expunged or pruned: nothing for the sled agent to do).
 *
 * `changes` lists every field that differs whatever the status, so blueprint-only changes
 * (an expunged zone becoming ready for cleanup) stay visible to the text rendering.
 * Omicron source: nexus/types/src/deployment/blueprint_diff.rs.
 */
import type {
  Dataset,
  ItemKind,
  PhysicalDisk,
  SledConfig,
  SledState,
  Zone,
} from "../blueprint/model";

export type ItemStatus = "added" | "removed" | "modified" | "unchanged";
export type SledStatus = "added" | "removed" | "decommissioned" | "modified" | "unchanged";

export const ITEM_STATUSES: readonly ItemStatus[] = ["added", "removed", "modified", "unchanged"];
export const SLED_STATUSES: readonly SledStatus[] = [
  "added",
  "removed",
  "decommissioned",
  "modified",
  "unchanged",
];

/** One changed field; `field` is a dotted path in the console model (`zoneType.address`). */
export interface FieldChange {
  field: string;
  /** `null` when the field is absent on that side. */
  before: unknown;
  after: unknown;
}

interface ItemDiffOf<K extends ItemKind, T> {
  kind: K;
  id: string;
  status: ItemStatus;
  before: T | null;
  after: T | null;
  changes: FieldChange[];
}

export type DiskDiff = ItemDiffOf<"disk", PhysicalDisk>;
export type DatasetDiff = ItemDiffOf<"dataset", Dataset>;
export type ZoneDiff = ItemDiffOf<"zone", Zone>;
export type ItemDiff = DiskDiff | DatasetDiff | ZoneDiff;

export interface SledDiff {
  id: string;
  /** `decommissioned`: active in the parent, decommissioned in the target. */
  status: SledStatus;
  before: SledConfig | null;
  after: SledConfig | null;
  state: { before: SledState | null; after: SledState | null };
  generation: { before: number | null; after: number | null };
  /** Sled-level field changes: state, generation, split generations and `extra` keys. */
  changes: FieldChange[];
  /** Each list is sorted by item id. */
  disks: DiskDiff[];
  datasets: DatasetDiff[];
  zones: ZoneDiff[];
}

export type StatusCounts<S extends string> = Record<S, number>;

export interface DiffSummary {
  sleds: StatusCounts<SledStatus>;
  disks: StatusCounts<ItemStatus>;
  datasets: StatusCounts<ItemStatus>;
  zones: StatusCounts<ItemStatus>;
  /** True when any sled is not `unchanged`. */
  hasChanges: boolean;
}

export interface BlueprintDiff {
  parentId: string;
  targetId: string;
  /** Sorted by sled id. */
  sleds: SledDiff[];
  summary: DiffSummary;
}

/** An item whose status is not `unchanged`, flattened for lists and assertions. */
export interface ChangedItem {
  sledId: string;
  kind: ItemKind;
  id: string;
  status: Exclude<ItemStatus, "unchanged">;
}
