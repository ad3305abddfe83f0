/**
 * Test support: the one-sled example of omicron/BRIEF.md §1.8 (sled d81c6a84… of
 * diff-2026-08-expunge-crucible-zones.txt) in the console model, in its parent state:
 * one disk, its `zone` dataset, and crucible zone 694bd14f with its durable and root
 * datasets, all in service at sled-agent generation 2.
 */
import type { Blueprint, Dataset, SledConfig, Zone } from "~/lib/blueprint/model";

export const SLED_ID = "d81c6a84-79b8-4958-ae41-ea46c9b19763";
export const POOL_ID = "30c16fe4-4229-49d0-ab01-3138f2c7dff2";
export const POOL = `oxp_${POOL_ID}`;
export const DISK_ID = "6a1b0c6e-0000-4000-8000-000000000001";
export const ZONE_ID = "694bd14f-cb24-4be4-bb19-876e79cda2c8";
export const ZONE_ROOT_DATASET_ID = "252ac39f-b9e2-4697-8c07-3a833115d704";
export const CRUCIBLE_DATASET_ID = "3c2cb304-a466-4ab5-8597-5db8172e2388";
export const ZONE_DATASET_ID = "543fc3b8-08eb-4e5e-9e05-cf7a91732d5d";
export const ADDRESS = "[fd00:1122:3344:103::8]:32345";

function dataset(id: string, kind: string, fields: Partial<Dataset> = {}): Dataset {
  return {
    id,
    pool: POOL,
    kind,
    disposition: "in_service",
    address: null,
    quota: null,
    reservation: null,
    compression: { type: "off" },
    extra: {},
    ...fields,
  };
}

export const crucibleZone: Zone = {
  id: ZONE_ID,
  disposition: "in_service",
  filesystemPool: POOL,
  zoneType: { type: "crucible", address: ADDRESS, dataset: { pool_name: POOL } },
  imageSource: { type: "install_dataset" },
  extra: {},
};

export const briefSled: SledConfig = {
  id: SLED_ID,
  state: "active",
  generation: 2,
  disks: [
    {
      id: DISK_ID,
      poolId: POOL_ID,
      identity: { vendor: "fake-vendor", model: "fake-model", serial: `serial-${POOL_ID}` },
      disposition: "in_service",
      extra: {},
    },
  ],
  datasets: [
    dataset(ZONE_ROOT_DATASET_ID, "zone"),
    dataset(CRUCIBLE_DATASET_ID, "crucible", { address: ADDRESS }),
    dataset(ZONE_DATASET_ID, `zone/oxz_crucible_${ZONE_ID}`),
  ],
  zones: [crucibleZone],
  extra: { subnet: { net: "fd00:1122:3344:103::/64" }, last_allocated_ip_subnet_offset: 9 },
};

export const briefParent: Blueprint = {
  id: "dbcbd3d6-41ff-48ae-ac0b-1becc9b2fd21",
  parentId: "184f10b3-61cb-41ef-9b93-3489b2bac559",
  format: "current",
  sleds: [briefSled],
  extra: {},
};

/** A deep-frozen copy, so tests prove that nothing writes into an input blueprint. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function withSled(bp: Blueprint, sled: SledConfig, id = bp.id): Blueprint {
  return { ...bp, id, sleds: bp.sleds.map((s) => (s.id === sled.id ? sled : s)) };
}
