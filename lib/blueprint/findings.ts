/**
 * What validation reports: a finding names its sled, the items involved and a sentence.
 * Its own module so that the whole-blueprint checks (validate.ts) and the per-sled checks
 * (validate-sled.ts) share the types without importing each other.
 */
import type { ItemKind } from "./model";

export type FindingSeverity = "error" | "warning";

export type FindingCode =
  | "duplicate-id"
  | "duplicate-id-across-sleds"
  | "zone-dataset-missing"
  | "zone-dataset-expunged"
  | "zone-pools-differ"
  | "zone-without-filesystem-pool"
  | "dataset-pool-without-disk"
  | "duplicate-dataset-name"
  | "zone-root-parent-missing"
  | "decommissioned-sled-in-service"
  | "unknown-zone-type"
  | "zone-was-quiesced";

export interface FindingItem {
  kind: ItemKind;
  id: string;
}

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  sledId: string;
  items: FindingItem[];
  message: string;
}
