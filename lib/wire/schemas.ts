/**
 * Request-body schemas for the sled agent's four config PUTs, as the agent parses them.
 *
 * omicron deserializes these bodies with serde and none of the types use
 * `deny_unknown_fields` (sled-agent/types, nexus-sled-agent-shared/src/inventory.rs), so unknown
 * fields are accepted and dropped: the objects here strip them. Types are strict: ids are uuids
 * (`TypedUuid`), pool names `ox[ip]_<uuid>` (`ZpoolName`), generations and byte counts u64.
 * Missing `Option` fields read as null and `#[serde(default)]` fields get omicron's default, so
 * a parsed body compares equal to what omicron would ledger.
 *
 * Specs: ../shared/omicron/sled-agent-openapi-2025-01-06-split-endpoints.json (`split`) and
 * ../shared/omicron/sled-agent-openapi-v48-latest.json (`reconciler`).
 */
import { z } from "zod";
import type { DatasetsConfigBody, DisksConfigBody, SledConfigBody, WireZone, ZonesConfigBody } from "./types";

const uuid = z.guid({ error: "Expected a uuid." });
/** The spec's pattern asks for a v4 uuid; omicron's parser takes any version, and so do we. */
const zpoolName = z.string().regex(/^ox[ip]_[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/, {
  error: "Expected a zpool name of the form oxp_<uuid>.",
});
const u64 = z.int().min(0);
const generation = u64;
const byteCount = u64.nullable().default(null);

const diskIdentity = z.object({ vendor: z.string(), model: z.string(), serial: z.string() });

export const wireDiskSchema = z.object({ identity: diskIdentity, id: uuid, pool_id: uuid });

const tag = <T extends string>(t: T) => z.object({ type: z.literal(t) });
/** omicron `CompressionAlgorithm` */
const compression = z.discriminatedUnion("type", [
  tag("on"),
  tag("off"),
  tag("gzip"),
  z.object({ type: z.literal("gzip_n"), level: z.int().min(0).max(255) }),
  tag("lz4"),
  tag("lzjb"),
  tag("zle"),
]);

export const wireDatasetSchema = z.object({
  id: uuid,
  name: z.object({ pool_name: zpoolName, kind: z.string().min(1) }),
  compression,
  quota: byteCount,
  reservation: byteCount,
});

/** `NetworkInterface`: one address in January 2025, `ip_config` (v4, v6 or dual stack) since v14. */
const nicCommon = {
  id: uuid,
  kind: z.object({ type: z.enum(["instance", "service", "probe"]), id: uuid }),
  name: z.string(),
  mac: z.string(),
  primary: z.boolean(),
  slot: z.int().min(0).max(255),
  vni: z.int().min(0),
};
const splitNic = z.object({ ...nicCommon, ip: z.string(), subnet: z.string(), transit_ips: z.array(z.string()).default([]) });
const v48Nic = z.object({
  ...nicCommon,
  ip_config: z.object({ type: z.enum(["v4", "v6", "dual_stack"]), value: z.looseObject({}) }),
});

/**
 * `OmicronZoneType` fields with the types the specs give them. `snat_cfg` is checked as an
 * object only; the simulator does not interpret it.
 */
const ZONE_FIELD: Record<string, z.ZodType> = {
  address: z.string(),
  dataset: z.object({ pool_name: zpoolName }),
  dns_servers: z.array(z.string()),
  domain: z.string().nullable(),
  ntp_servers: z.array(z.string()),
  snat_cfg: z.looseObject({ ip: z.string(), first_port: z.int(), last_port: z.int() }),
  dns_address: z.string(),
  http_address: z.string(),
  gz_address: z.string(),
  gz_address_index: z.int().min(0),
  external_dns_servers: z.array(z.string()),
  external_ip: z.string(),
  external_tls: z.boolean(),
  internal_address: z.string(),
  lockstep_port: z.int().min(0).max(65535),
};

/** Required fields per zone type (identical in the January-2025 and v48 specs). */
const ZONE_REQUIRED: Record<string, readonly string[]> = {
  boundary_ntp: ["address", "dns_servers", "nic", "ntp_servers", "snat_cfg"],
  clickhouse: ["address", "dataset"],
  clickhouse_keeper: ["address", "dataset"],
  clickhouse_server: ["address", "dataset"],
  cockroach_db: ["address", "dataset"],
  crucible: ["address", "dataset"],
  crucible_pantry: ["address"],
  external_dns: ["dataset", "dns_address", "http_address", "nic"],
  internal_dns: ["dataset", "dns_address", "gz_address", "gz_address_index", "http_address"],
  internal_ntp: ["address"],
  nexus: ["external_dns_servers", "external_ip", "external_tls", "internal_address", "nic"],
  oximeter: ["address"],
};

const ZONE_TYPES = Object.keys(ZONE_REQUIRED) as [string, ...string[]];

/**
 * Each variant's own fields are kept as sent, so a zone type is a loose object: the tag, the
 * typed fields above, the era's NIC, and the per-type required fields.
 */
function zoneTypeSchema(nic: z.ZodType) {
  return z
    .looseObject({
      type: z.enum(ZONE_TYPES, { error: `Expected a zone type: ${ZONE_TYPES.join(", ")}.` }),
      ...Object.fromEntries(Object.entries(ZONE_FIELD).map(([k, s]) => [k, s.optional()])),
      nic: nic.optional(),
    })
    .superRefine((zt, ctx) => {
      for (const field of ZONE_REQUIRED[zt.type] ?? []) {
        if (zt[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: `missing field \`${field}\`` });
      }
    })
    .transform((zt) => zt as WireZone["zone_type"]); // the tag and `dataset` were checked above
}

/** `image_source` first appeared in Feb 2025 (#7555): a January-2025 agent ignores it. */
export const splitZoneSchema = z.object({
  id: uuid,
  filesystem_pool: zpoolName.nullable().default(null),
  zone_type: zoneTypeSchema(splitNic),
});

const imageSource = z.discriminatedUnion("type", [
  tag("install_dataset"),
  z.object({ type: z.literal("artifact"), hash: z.string().regex(/^[0-9a-fA-F]{64}$/) }),
]);

export const reconcilerZoneSchema = splitZoneSchema.extend({
  zone_type: zoneTypeSchema(v48Nic),
  image_source: imageSource.default({ type: "install_dataset" }),
});

/**
 * An id-keyed map (`IdOrdMapAsMap`, `BTreeMap<Uuid, _>`): each key must equal its item's id, as
 * omicron's `IdMap` deserializer insists (nexus/types/src/deployment/id_map.rs).
 */
function keyedById<T extends z.ZodType<{ id: string }>>(item: T) {
  return z.record(z.string(), item).superRefine((rec, ctx) => {
    for (const [key, value] of Object.entries(rec)) {
      if (value.id !== key) ctx.addIssue({ code: "custom", path: [key, "id"], message: `id ${value.id} differs from its key` });
    }
  });
}

/** `PUT /omicron-physical-disks` (`OmicronPhysicalDisksConfig`) */
export const disksConfigSchema = z.object({ generation, disks: z.array(wireDiskSchema) });

/** `PUT /datasets` (`DatasetsConfig`): keyed by dataset id. */
export const datasetsConfigSchema = z.object({ generation, datasets: keyedById(wireDatasetSchema) });

/** `PUT /omicron-zones` (`OmicronZonesConfig`) */
export const zonesConfigSchema = z.object({ generation, zones: z.array(splitZoneSchema) });

const phase2Contents = z.discriminatedUnion("type", [
  tag("current_contents"),
  z.object({ type: z.literal("artifact"), hash: z.string().regex(/^[0-9a-fA-F]{64}$/) }),
]);
const CURRENT_CONTENTS = { slot_a: { type: "current_contents" }, slot_b: { type: "current_contents" } } as const;

/** `PUT /omicron-config` (`OmicronSledConfig`, v48): one generation, maps keyed by id. */
export const sledConfigSchema = z.object({
  generation,
  disks: keyedById(wireDiskSchema),
  datasets: keyedById(wireDatasetSchema),
  zones: keyedById(reconcilerZoneSchema),
  remove_mupdate_override: uuid.nullable().default(null),
  host_phase_2: z.object({ slot_a: phase2Contents, slot_b: phase2Contents }).default(CURRENT_CONTENTS),
  measurements: z.array(z.object({ hash: z.string().regex(/^[0-9a-fA-F]{64}$/) })),
});

// The parsed bodies are the lib's wire types (checked at compile time).
type Assignable<A extends B, B> = A;
export type ParsedDisksConfig = Assignable<z.infer<typeof disksConfigSchema>, DisksConfigBody>;
export type ParsedDatasetsConfig = Assignable<z.infer<typeof datasetsConfigSchema>, DatasetsConfigBody>;
export type ParsedZonesConfig = Assignable<z.infer<typeof zonesConfigSchema>, ZonesConfigBody>;
export type ParsedSledConfig = Assignable<z.infer<typeof sledConfigSchema>, SledConfigBody>;

/** One line per problem, `path: message`, like serde's "missing field `x` at line…". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`)
    .join("; ");
}
