/**
 * The model → omicron HEAD Blueprint JSON (schema `Blueprint` in openapi/nexus-lockstep.json):
 * `sleds` keyed by id, each sled's disks/datasets/zones as arrays sorted by id.
 *
 * Fields the model keeps in `extra` are written back unchanged. HEAD-required fields that the
 * source form lacked get omicron's own defaults, only when absent (`BLUEPRINT_DEFAULTS`,
 * `sledDefaults`, and the item fallbacks below), so `parseBlueprint(toOmicronJson(bp))` gives
 * back `bp` apart from those filled-in fields; for a HEAD-format `bp` it gives back `bp`.
 */
import type { Blueprint, Dataset, PhysicalDisk, SledConfig, Zone } from "./model";
import { placeholderUuid } from "./placeholder-id";
import { deriveSledSubnet } from "./sled-subnet";
import { zpoolName } from "./zones";

type Json = Record<string, unknown>;

/**
 * Defaults as in omicron's minimal blueprint constructors (the one-sled blueprints built in
 * nexus/reconfigurator: `Generation::new()` = 1, `DoNotModify`, `SingleNode`,
 * `PendingMgsUpdates::new()`, no clickhouse cluster). `planner_loaded_from_database` is omicron's source for a
 * blueprint whose planning report is not at hand, which is true of anything we import.
 */
export const BLUEPRINT_DEFAULTS: Readonly<Json> = {
  pending_mgs_updates: { by_baseboard: [] },
  internal_dns_version: 1,
  external_dns_version: 1,
  target_release_minimum_generation: 1,
  nexus_generation: 1,
  external_networking_generation: 1,
  cockroachdb_fingerprint: "",
  cockroachdb_setting_preserve_downgrade: { action: "do_not_modify" },
  clickhouse_cluster_config: null,
  oximeter_read_version: 1,
  oximeter_read_mode: { type: "single_node" },
  source: { source: "planner_loaded_from_database" },
};

/** Deterministic stand-in for a missing `time_created` (lib/ never reads the clock). */
export const UNKNOWN_TIME_CREATED = "1970-01-01T00:00:00Z";

/**
 * Sled defaults: `current_contents` is omicron's value "when reading a blueprint that was
 * ledgered before this concept existed" (`BlueprintHostPhase2DesiredContents`); `unknown` is
 * the measurements variant for "not known"; a sled is `available` unless being evacuated.
 */
function sledDefaults(sled: SledConfig): Json {
  const subnet = deriveSledSubnet(sled.zones);
  return {
    subnet: { net: subnet.net },
    last_allocated_ip_subnet_offset: subnet.lastAllocatedOffset,
    remove_mupdate_override: null,
    host_phase_2: { slot_a: { type: "current_contents" }, slot_b: { type: "current_contents" } },
    measurements: { type: "unknown" },
    update_disposition: { generation: 1, kind: { availability: "available" } },
  };
}

export function toOmicronJson(bp: Blueprint): Json {
  const sleds: Json = {};
  for (const sled of bp.sleds) sleds[sled.id] = sledJson(sled);
  return {
    ...BLUEPRINT_DEFAULTS,
    ...bp.extra,
    id: bp.id,
    parent_blueprint_id: bp.parentId,
    sleds,
    time_created: bp.timeCreated ?? UNKNOWN_TIME_CREATED,
    creator: bp.creator ?? "",
    comment: bp.comment ?? "",
  };
}

function sledJson(sled: SledConfig): Json {
  const byId = <T extends { id: string }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...sledDefaults(sled),
    ...sled.extra,
    state: sled.state,
    sled_agent_generation: sled.generation,
    disks: byId(sled.disks).map((d) => diskJson(d, sled)),
    datasets: byId(sled.datasets).map(datasetJson),
    zones: byId(sled.zones).map((z) => zoneJson(z, sled)),
  };
}

/**
 * Tagged disposition of zones and disks (#7558). A January-2025 expunged item does not say
 * when it was expunged; the sled's generation is the latest it can have been, and
 * `ready_for_cleanup: false` makes omicron re-check inventory before cleaning up.
 */
function disposition(item: PhysicalDisk | Zone, sled: SledConfig): Json {
  if (item.disposition === "in_service") return { kind: "in_service" };
  return {
    kind: "expunged",
    as_of_generation: item.expungedAsOf ?? sled.generation,
    ready_for_cleanup: item.readyForCleanup ?? false,
  };
}

function diskJson(d: PhysicalDisk, sled: SledConfig): Json {
  return {
    ...d.extra,
    disposition: disposition(d, sled),
    identity: { ...d.identity },
    id: d.id,
    pool_id: d.poolId,
  };
}

function datasetJson(d: Dataset): Json {
  return { ...d.extra, ...datasetFields(d) };
}

/** A dataset's own fields, as every era's blueprint JSON names them. */
export function datasetFields(d: Dataset): Json {
  return {
    disposition: d.disposition,
    id: d.id,
    pool: d.pool,
    kind: d.kind,
    address: d.address,
    quota: d.quota,
    reservation: d.reservation,
    compression: { ...d.compression },
  };
}

function zoneJson(z: Zone, sled: SledConfig): Json {
  return {
    ...z.extra,
    disposition: disposition(z, sled),
    id: z.id,
    filesystem_pool: z.filesystemPool ?? fallbackFilesystemPool(z),
    zone_type: z.zoneType,
    image_source: z.imageSource ?? { type: "install_dataset" },
  };
}

/**
 * HEAD requires `filesystem_pool` (#7549). A pre-March-2025 zone without one and without a
 * root dataset to infer it from (normalize.ts `finishSled`) gets its durable dataset's pool,
 * which omicron requires to be the same anyway. Failing that, a placeholder pool named after
 * the zone: it matches no disk, so validation still reports the missing root dataset instead
 * of pretending it lives on some real pool. (In practice this is an expunged zone on a sled
 * whose disks are long gone.)
 */
function fallbackFilesystemPool(z: Zone): string {
  if (z.zoneType.dataset) return z.zoneType.dataset.pool_name;
  return zpoolName(placeholderUuid("zpool", z.id));
}
