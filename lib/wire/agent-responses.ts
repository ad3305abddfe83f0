/**
 * Response bodies of the sled-agent endpoints the console uses, in omicron's JSON shapes.
 * Request bodies are the lib's wire types (lib/wire/types.ts).
 *
 * Specs: ../shared/omicron/sled-agent-openapi-2025-01-06-split-endpoints.json (`split`,
 * schema `Inventory` of January 2025) and ../shared/omicron/sled-agent-openapi-v48-latest.json
 * (`reconciler`, schema `Inventory` v48). Fields the console does not read are `unknown`.
 */
import type { ItemResult } from "../sled/reconcile";
import type { DiskIdentity } from "../blueprint/model";
import type { SledConfigBody, ZonesConfigBody } from "./types";

/** dropshot's `HttpErrorResponseBody` */
export interface OmicronErrorBody {
  request_id: string;
  error_code?: string | null;
  message: string;
}

/** `DisksManagementResult` (200 of `PUT /omicron-physical-disks`) */
export interface DisksManagementResult {
  status: { identity: DiskIdentity; err: { type: string; value?: unknown } | null }[];
}

/** `DatasetsManagementResult` (200 of `PUT /datasets`) */
export interface DatasetsManagementResult {
  status: { dataset_name: { pool_name: string; kind: string }; err: string | null }[];
}

export interface InventoryDisk {
  identity: DiskIdentity;
  variant: "U2" | "M2";
  slot: number;
  active_firmware_slot: number;
  next_active_firmware_slot: number | null;
  number_of_firmware_slots: number;
  slot1_is_read_only: boolean;
  slot_firmware_versions: (string | null)[];
}

export interface InventoryDataset {
  /** Full ZFS name, e.g. `oxp_…/crypt/zone`. */
  name: string;
  id: string | null;
  compression: string;
  quota: number | null;
  reservation: number | null;
  used: number;
  available: number;
}

export interface InventoryCommon {
  sled_id: string;
  sled_agent_address: string;
  sled_role: "gimlet" | "scrimlet";
  usable_hardware_threads: number;
  usable_physical_ram: number;
  reservoir_size: number;
  disks: InventoryDisk[];
  datasets: InventoryDataset[];
}

/** `GET /inventory`, January 2025 (`split`). */
export interface SplitInventory extends InventoryCommon {
  baseboard: { type: "gimlet"; identifier: string; model: string; revision: number };
  zpools: { id: string; total_size: number }[];
  omicron_zones: ZonesConfigBody;
  omicron_physical_disks_generation: number;
}

/** omicron `Duration` as serialised by serde. */
export interface DurationJson {
  secs: number;
  nanos: number;
}

/** `ConfigReconcilerInventoryStatus` */
export type ReconcilerStatus =
  | { status: "not_yet_run" }
  | { status: "running"; config: SledConfigBody; started_at: string; running_for: DurationJson }
  | { status: "idle"; completed_at: string; ran_for: DurationJson };

/** `OrphanedDataset` */
export interface OrphanedDatasetJson {
  name: { pool_name: string; kind: string };
  id: string | null;
  mounted: boolean;
  available: number;
  used: number;
  reason: string;
}

/** `ConfigReconcilerInventory` */
export interface LastReconciliation {
  last_reconciled_config: SledConfigBody;
  external_disks: Record<string, ItemResult>;
  datasets: Record<string, ItemResult>;
  zones: Record<string, ItemResult>;
  orphaned_datasets: OrphanedDatasetJson[];
  boot_partitions: unknown;
  remove_mupdate_override: unknown;
}

/** `GET /inventory`, v48 (`reconciler`). */
export interface ReconcilerInventory extends InventoryCommon {
  baseboard_id: { part_number: string; serial_number: string };
  cpu_family: string;
  zpools: { id: string; total_size: number; health: string }[];
  file_source_resolver: unknown;
  smf_services_enabled_not_online: unknown;
  reference_measurements: unknown[];
  fmd: unknown;
  ledgered_sled_config: SledConfigBody | null;
  reconciler_status: ReconcilerStatus;
  last_reconciliation: LastReconciliation | null;
}
