/**
 * A compact template of one real sled: the dogfood sled whose ledgers omicron keeps as test
 * data (sled-agent/config-reconciler/test-data/expectorate/merged-sled-config.json @
 * 77d097ac8c, collected 2025-05-01; ../shared/omicron/dogfood-2025-05-01-merged-sled-config.json).
 * Only the shape is kept, never its ids: ten U.2 disks of one vendor/model, each with a
 * `zone` dataset (no quota, compression off), a `debug` dataset (100 GiB, gzip-9) and a
 * crucible zone with its durable dataset; an internal NTP zone, a crucible pantry and a
 * CockroachDB zone on chosen disks. Every dataset of that sled outside `debug` has
 * compression off and no quota or reservation.
 */
import type { Compression } from "../blueprint/model";
import { BLUEPRINT_DEFAULTS } from "../blueprint/export";

export const DOGFOOD_DISK = { vendor: "1b96", model: "WUS4C6432DSP3X3" } as const;

/** The dogfood serials share this prefix (A084A5E5 … A084A7F3). */
export const DOGFOOD_SERIAL_PREFIX = "A0";

export const DISKS_PER_SLED = 10;

export const DEBUG_QUOTA_BYTES = 107_374_182_400;
export const DEBUG_COMPRESSION: Compression = { type: "gzip_n", level: 9 };
export const DEFAULT_COMPRESSION: Compression = { type: "off" };

/**
 * Disk index (0–9) for the dogfood sled's non-crucible zones: cockroach shared its pool with
 * a crucible zone, as did the pantry and the NTP zone.
 */
export const DOGFOOD_ZONE_DISKS = { cockroach_db: 0, crucible_pantry: 6, internal_ntp: 8 } as const;

/** The dogfood sled's subnet was fd00:1122:3344:105::/64 and its zones used ::3 to ::f. */
export const UNDERLAY_PREFIX = "fd00:1122:3344";
export const FIRST_ZONE_OFFSET = 3;

/** Sled `extra` fields that every HEAD blueprint sled carries (nexus-lockstep `BlueprintSledConfig`). */
export function sledExtra(subnet: string, lastOffset: number): Record<string, unknown> {
  return {
    subnet: { net: subnet },
    last_allocated_ip_subnet_offset: lastOffset,
    remove_mupdate_override: null,
    host_phase_2: { slot_a: { type: "current_contents" }, slot_b: { type: "current_contents" } },
    measurements: { type: "unknown" },
    update_disposition: { generation: 1, kind: { availability: "available" } },
  };
}

/** Blueprint `extra` fields at their initial values (omicron `Blueprint`, nexus-lockstep), from a test source. */
export const BLUEPRINT_EXTRA: Readonly<Record<string, unknown>> = {
  ...BLUEPRINT_DEFAULTS,
  source: { source: "test" },
};

/**
 * Control-plane zones per rack, as RSS lays out a full rack: 5 CockroachDB nodes, 3 Nexus,
 * 3 internal DNS (`DNS_REDUNDANCY`), 2 external DNS, 3 crucible pantries, one single-node
 * ClickHouse, one oximeter, and boundary NTP on two sleds
 * (sled-agent/src/rack_setup/plan/service.rs). Small racks get min(count, sleds).
 */
export const CONTROL_PLANE_ZONES: ReadonlyArray<readonly [string, number]> = [
  ["cockroach_db", 5],
  ["nexus", 3],
  ["internal_dns", 3],
  ["external_dns", 2],
  ["crucible_pantry", 3],
  ["clickhouse", 1],
  ["oximeter", 1],
];

export const BOUNDARY_NTP_SLEDS = 2;

/** Fixed so generated blueprints stay byte-identical between runs (lib/ never reads the clock). */
export const EXAMPLE_TIME_CREATED = "2025-05-01T00:00:00Z";
