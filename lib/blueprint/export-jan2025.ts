/**
 * The model → a January-2025 Blueprint document (schema `Blueprint` of
 * openapi/nexus-internal.json @ 94d76b89): four per-sled maps (`sled_state`,
 * `blueprint_disks`, `blueprint_datasets`, `blueprint_zones`), each with its own generation,
 * plain-string dispositions, NICs as `{ip, subnet}`, no `image_source`, no `lockstep_port` or
 * `nexus_generation`. The simulated Nexus serves this when it plays that era; reading it back
 * with `parseBlueprint` gives the same sleds and items.
 */
import { datasetFields } from "./export";
import type { Blueprint, SledConfig, Zone, ZoneType } from "./model";

type Json = Record<string, unknown>;

/** `ip_config` (sled-agent ≥ v14) → January 2025's `{ip, subnet, transit_ips}`. */
function downgradeNic(nic: unknown): unknown {
  if (typeof nic !== "object" || nic === null || !("ip_config" in nic)) return nic;
  const { ip_config, ...rest } = nic as Json & { ip_config: { value?: Json } };
  const v = ip_config.value ?? {};
  return { ...rest, ip: v.ip, subnet: v.subnet, transit_ips: v.transit_ips ?? [] };
}

function janZoneType(zt: ZoneType): Json {
  const out: Json = { ...zt };
  if ("nic" in out) out.nic = downgradeNic(out.nic);
  if (zt.type === "nexus") {
    delete out.lockstep_port;
    delete out.nexus_generation;
  }
  return out;
}

const janZone = (z: Zone): Json => ({
  disposition: z.disposition,
  id: z.id,
  filesystem_pool: z.filesystemPool,
  zone_type: janZoneType(z.zoneType),
});

function generations(sled: SledConfig) {
  return (
    sled.splitGenerations ?? {
      disks: sled.generation,
      datasets: sled.generation,
      zones: sled.generation,
    }
  );
}

export function toJan2025Json(bp: Blueprint): Json {
  const sledState: Json = {};
  const disks: Json = {};
  const datasets: Json = {};
  const zones: Json = {};
  for (const sled of bp.sleds) {
    const g = generations(sled);
    sledState[sled.id] = sled.state;
    disks[sled.id] = {
      generation: g.disks,
      disks: sled.disks.map((d) => ({
        disposition: d.disposition,
        id: d.id,
        identity: { ...d.identity },
        pool_id: d.poolId,
      })),
    };
    datasets[sled.id] = {
      generation: g.datasets,
      datasets: Object.fromEntries(sled.datasets.map((d) => [d.id, datasetFields(d)])),
    };
    zones[sled.id] = { generation: g.zones, zones: sled.zones.map(janZone) };
  }
  return {
    id: bp.id,
    parent_blueprint_id: bp.parentId,
    sled_state: sledState,
    blueprint_disks: disks,
    blueprint_datasets: datasets,
    blueprint_zones: zones,
    internal_dns_version: 1,
    external_dns_version: 1,
    cockroachdb_fingerprint: "",
    cockroachdb_setting_preserve_downgrade: { action: "do_not_modify" },
    clickhouse_cluster_config: null,
    time_created: bp.timeCreated ?? "1970-01-01T00:00:00Z",
    creator: bp.creator ?? "",
    comment: bp.comment ?? "",
  };
}
