/**
 * Plausible hardware facts for inventory: a Gimlet with 128 hardware threads, 1 TiB of RAM,
 * two M.2 boot disks and 3.2 TB U.2s — the figures of a production Oxide sled. The values
 * only need to be stable and valid against the specs; the console reads the config parts.
 */
import { datasetFullName } from "../lib/blueprint/zones";
import type { SledAgentState } from "../lib/sled/state";
import type { WireDataset, WireDisk } from "../lib/wire/types";
import type {
  InventoryCommon,
  InventoryDataset,
  InventoryDisk,
  OrphanedDatasetJson,
} from "../lib/wire/agent-responses";

const TIB = 1024 ** 4;
export const U2_BYTES = 3_200_000_000_000;
const DATASET_USED_BYTES = 1_048_576;

export interface SledIdentity {
  sledId: string;
  /** 0-based position in the rack: baseboard serial, role. */
  index: number;
  /** `host:port` the agent listens on (`sled_agent_address`). */
  address: string;
}

export function serialNumber(index: number): string {
  return `SIM${String(index).padStart(5, "0")}`;
}

/** Sleds 0 and 1 sit next to the switches, as on a real rack. */
export function sledRole(index: number): "scrimlet" | "gimlet" {
  return index < 2 ? "scrimlet" : "gimlet";
}

function inventoryDisk(
  identity: InventoryDisk["identity"],
  variant: "U2" | "M2",
  slot: number,
): InventoryDisk {
  return {
    identity,
    variant,
    slot,
    active_firmware_slot: 1,
    next_active_firmware_slot: null,
    number_of_firmware_slots: 4,
    slot1_is_read_only: true,
    slot_firmware_versions: ["SIM0001", null, null, null],
  };
}

/** M.2 boot disks (slots 17, 18 as on a Gimlet), then the U.2s in id order. */
export function inventoryDisks(id: SledIdentity, hardware: readonly WireDisk[]): InventoryDisk[] {
  const m2 = [0, 1].map((i) =>
    inventoryDisk(
      { vendor: "sim-vendor", model: "sim-m2", serial: `${serialNumber(id.index)}-m2-${i}` },
      "M2",
      17 + i,
    ),
  );
  return [...m2, ...hardware.map((d, i) => inventoryDisk({ ...d.identity }, "U2", i))];
}

function compressionProperty(c: WireDataset["compression"]): string {
  return c.type === "gzip_n" ? `gzip-${c.level ?? 6}` : c.type;
}

export function inventoryDataset(d: WireDataset): InventoryDataset {
  const pool = d.name.pool_name;
  return {
    name: datasetFullName({ pool, kind: d.name.kind }),
    id: d.id,
    compression: compressionProperty(d.compression),
    quota: d.quota,
    reservation: d.reservation,
    used: DATASET_USED_BYTES,
    available: (d.quota ?? U2_BYTES) - DATASET_USED_BYTES,
  };
}

/** Everything that exists on the sled's pools: the managed datasets and the orphans. */
export function inventoryDatasets(state: SledAgentState): InventoryDataset[] {
  return [...state.datasets, ...state.orphanedDatasets.map((o) => o.dataset)].map(inventoryDataset);
}

export function orphanedDatasetJson(d: WireDataset, reason: string): OrphanedDatasetJson {
  const inv = inventoryDataset(d);
  return {
    name: { ...d.name },
    id: d.id,
    mounted: false,
    available: inv.available,
    used: inv.used,
    reason,
  };
}

export function commonInventory(
  id: SledIdentity,
  state: SledAgentState,
  hardware: readonly WireDisk[],
): InventoryCommon {
  return {
    sled_id: id.sledId,
    sled_agent_address: id.address,
    sled_role: sledRole(id.index),
    usable_hardware_threads: 128,
    usable_physical_ram: TIB,
    reservoir_size: Math.floor(TIB * 0.8),
    disks: inventoryDisks(id, hardware),
    datasets: inventoryDatasets(state),
  };
}
