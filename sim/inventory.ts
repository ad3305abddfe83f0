/**
 * `GET /inventory` in both shapes: January 2025 (`split`, schema `Inventory` of
 * sled-agent-openapi-2025-01-06-split-endpoints.json) and v48 (`reconciler`, schema
 * `Inventory` of sled-agent-openapi-v48-latest.json). Fields the simulator has no model for
 * (FMD, SMF, boot partitions, zone manifests) carry "nothing to report" values valid per spec.
 */
import type { ReconcileResult } from "../lib/sled/reconcile";
import type { SledAgentState } from "../lib/sled/state";
import type { SledConfigBody, WireDisk } from "../lib/wire/types";
import type {
  LastReconciliation,
  ReconcilerInventory,
  ReconcilerStatus,
  SplitInventory,
} from "../lib/wire/agent-responses";
import {
  commonInventory,
  orphanedDatasetJson,
  serialNumber,
  U2_BYTES,
  type SledIdentity,
} from "./hardware";

const GIMLET_PART_NUMBER = "913-0000019";

export function splitInventory(
  id: SledIdentity,
  state: SledAgentState,
  hardware: readonly WireDisk[],
): SplitInventory {
  return {
    ...commonInventory(id, state, hardware),
    baseboard: {
      type: "gimlet",
      identifier: serialNumber(id.index),
      model: GIMLET_PART_NUMBER,
      revision: 6,
    },
    zpools: state.disks.map((d) => ({ id: d.pool_id, total_size: U2_BYTES })),
    omicron_zones: { generation: state.generations.zones, zones: state.zones },
    omicron_physical_disks_generation: state.generations.disks,
  };
}

/** What the config reconciler reports (sled-agent/config-reconciler/src/reconciler_task.rs). */
export interface ReconcilerView {
  ledgered: SledConfigBody | null;
  status: ReconcilerStatus;
  last: { config: SledConfigBody; result: ReconcileResult } | null;
}

export function reconcilerInventory(
  id: SledIdentity,
  state: SledAgentState,
  hardware: readonly WireDisk[],
  view: ReconcilerView,
): ReconcilerInventory {
  return {
    ...commonInventory(id, state, hardware),
    baseboard_id: { part_number: GIMLET_PART_NUMBER, serial_number: serialNumber(id.index) },
    cpu_family: "amd_milan",
    zpools: state.disks.map((d) => ({ id: d.pool_id, total_size: U2_BYTES, health: "online" })),
    file_source_resolver: {
      zone_manifest: manifest("/pool/int/sim/install/zones.json"),
      measurement_manifest: manifest("/pool/int/sim/install/measurements.json"),
      mupdate_override: {
        boot_disk_path: "/pool/int/sim/install/mupdate-override.json",
        boot_override: { ok: null },
        non_boot_status: [],
      },
    },
    smf_services_enabled_not_online: { type: "data_unavailable" },
    reference_measurements: [],
    fmd: { ok: { cases: [], resources: [] } },
    ledgered_sled_config: view.ledgered,
    reconciler_status: view.status,
    last_reconciliation: view.last ? lastReconciliation(view.last.config, view.last.result) : null,
  };
}

function manifest(path: string) {
  return {
    boot_disk_path: path,
    boot_inventory: { ok: { artifacts: [], source: { source: "sled_agent" } } },
    non_boot_status: [],
  };
}

function lastReconciliation(config: SledConfigBody, result: ReconcileResult): LastReconciliation {
  return {
    last_reconciled_config: config,
    external_disks: result.disks,
    datasets: result.datasets,
    zones: result.zones,
    orphaned_datasets: result.orphanedDatasets.map((o) => orphanedDatasetJson(o.dataset, o.reason)),
    boot_partitions: {
      boot_disk: { ok: "A" },
      slot_a: { err: "not simulated" },
      slot_b: { err: "not simulated" },
    },
    // `None` unless the config asked for the override to be removed (ConfigReconcilerInventory).
    remove_mupdate_override: config.remove_mupdate_override
      ? {
          boot_disk_result: { ok: "no_override" },
          non_boot_message: "simulated: no override on non-boot disks",
        }
      : null,
  };
}
