/**
 * Builds a January-2025 Blueprint document (openapi/nexus-internal.json @ 94d76b894f) from a
 * sled-agent `OmicronSledConfig`, the way that era's Nexus would have held the same sled:
 * plain-string dispositions, no `image_source`, external-IP ids on the blueprint zone types,
 * one generation per endpoint, datasets keyed by id. Pure; tests pass the fixture in.
 */
import { testUuid } from "./builders";

type Json = Record<string, unknown>;

export const JAN_GENERATIONS = { disks: 3, datasets: 4, zones: 5 } as const;

/** The agent's zone type → the JAN25 blueprint zone type (ids restored, no lockstep port). */
function janZoneType(zoneType: Json, n: number): Json {
  const zt: Json = { ...zoneType };
  if (zt.type === "nexus") {
    zt.external_ip = { id: testUuid("e", n), ip: zt.external_ip };
    delete zt.lockstep_port;
  }
  if (zt.type === "external_dns") zt.dns_address = { id: testUuid("e", n), addr: zt.dns_address };
  return zt;
}

export interface Jan2025Doc {
  doc: Json;
  sledId: string;
  /** A crucible zone marked "quiesced". */
  quiescedZoneId: string;
  /** A zone whose `filesystem_pool` is null (allowed then). */
  poolessZoneId: string;
  /** A sled that appears only in `blueprint_zones`, with one expunged zone (no pool, no datasets). */
  goneSledId: string;
  goneZoneId: string;
}

export function jan2025DocFromSledConfig(config: Json): Jan2025Doc {
  const sledId = testUuid("s", 100);
  const goneSledId = testUuid("s", 101);
  const goneZoneId = testUuid("z", 999);
  const { zones, quiesced, poolless } = janZones(config);
  const disks = Object.values(config.disks as Record<string, Json>).map((d) => ({
    disposition: "in_service",
    ...d,
  }));
  const goneZone = {
    disposition: "expunged",
    id: goneZoneId,
    filesystem_pool: null,
    zone_type: { type: "internal_ntp", address: "[fd00:1122:3344:104::5]:123" },
  };
  const doc: Json = {
    id: testUuid("b", 2025),
    parent_blueprint_id: testUuid("b", 2024),
    sled_state: { [sledId]: "active" },
    blueprint_zones: {
      [sledId]: { generation: JAN_GENERATIONS.zones, zones },
      [goneSledId]: { generation: 7, zones: [goneZone] },
    },
    blueprint_disks: { [sledId]: { generation: JAN_GENERATIONS.disks, disks } },
    blueprint_datasets: {
      [sledId]: { generation: JAN_GENERATIONS.datasets, datasets: janDatasets(config) },
    },
    ...janBlueprintMetadata(),
  };
  return {
    doc,
    sledId,
    quiescedZoneId: String(quiesced.id),
    poolessZoneId: String(poolless.id),
    goneSledId,
    goneZoneId,
  };
}

/** The blueprint's fields that are not about sleds (fresh objects: tests may mutate a doc). */
function janBlueprintMetadata(): Json {
  return {
    internal_dns_version: 3,
    external_dns_version: 2,
    cockroachdb_fingerprint: "",
    cockroachdb_setting_preserve_downgrade: { action: "do_not_modify" },
    clickhouse_cluster_config: null,
    time_created: "2025-01-06T00:00:00Z",
    creator: "test",
    comment: "built from a real sled config in the January-2025 layout",
  };
}

/** The config's zones as blueprint zones; the first crucible quiesced, the second pool-less. */
function janZones(config: Json) {
  const zones = Object.values(config.zones as Record<string, Json>).map((z, n) => ({
    disposition: "in_service",
    id: z.id,
    filesystem_pool: z.filesystem_pool,
    zone_type: janZoneType(z.zone_type as Json, n),
  }));
  const crucibles = zones.filter((z) => z.zone_type.type === "crucible");
  const quiesced = crucibles[0];
  const poolless = crucibles[1];
  if (!quiesced || !poolless) throw new Error("the sled config needs two crucible zones"); // a test bug
  quiesced.disposition = "quiesced";
  poolless.filesystem_pool = null;
  return { zones, quiesced, poolless };
}

/** The config's datasets as blueprint datasets, keyed by id. */
function janDatasets(config: Json): Json {
  const datasets: Json = {};
  for (const d of Object.values(config.datasets as Record<string, Json>)) {
    const name = d.name as Json;
    datasets[String(d.id)] = {
      disposition: "in_service",
      id: d.id,
      pool: name.pool_name,
      kind: name.kind,
      address: null,
      quota: d.quota,
      reservation: d.reservation,
      compression: d.compression,
    };
  }
  return datasets;
}
