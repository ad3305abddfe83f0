/**
 * The edits the console can make to a blueprint, as omicron's planner makes them
 * (nexus/reconfigurator/planning/src/blueprint_editor/sled_editor.rs). An edit never mutates
 * its input; it returns a child blueprint whose `parentId` is the parent's id.
 */
import type { Blueprint, Compression, DiskIdentity, ZpoolName } from "../blueprint/model";
import type { IdGenerator } from "./ids";
import type { DatasetProperties } from "./properties";

export type Edit =
  | { kind: "expunge-zone"; zoneId: string }
  | { kind: "expunge-disk"; diskId: string }
  | {
      kind: "expunge-sled";
      sledId: string;
      /** Default true: omicron's planner decommissions in the same pass (planner.rs `do_plan_decommission`). */
      decommission?: boolean;
    }
  | { kind: "add-disk"; sledId: string; disk?: NewDiskSpec }
  | {
      kind: "add-zone";
      sledId: string;
      zoneType: string;
      pool: ZpoolName;
      zoneId?: string;
      ip?: string;
    }
  | { kind: "set-dataset-quota"; datasetId: string; quota: number | null }
  | { kind: "set-dataset-properties"; datasetId: string; properties: DatasetProperties };

export type EditKind = Edit["kind"];

/** Anything not given is generated from the id generator. */
export interface NewDiskSpec {
  id?: string;
  poolId?: string;
  identity?: DiskIdentity;
}

export interface EditOptions {
  /** Id of the child blueprint; generated when absent. */
  blueprintId?: string;
  /**
   * Source of new ids. Without one, ids come from a generator seeded with the parent id and
   * the edits, so the same request always yields the same child.
   */
  ids?: IdGenerator;
  comment?: string;
  creator?: string;
}

export type EditResult = { ok: true; blueprint: Blueprint } | { ok: false; error: string };

/** The per-disk datasets omicron ensures for every disk (sled_editor.rs `ensure_disk`). */
export const DEBUG_DATASET_QUOTA_BYTES = 100 * 1024 ** 3;
export const DEBUG_DATASET_COMPRESSION: Compression = { type: "gzip_n", level: 9 };
export const DEFAULT_COMPRESSION: Compression = { type: "off" };
