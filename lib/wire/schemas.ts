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
import type { DatasetsConfigBody, DisksConfigBody, SledConfigBody, ZonesConfigBody } from "./types";
import { splitZoneTypeSchema, uuid, v48ZoneTypeSchema, zpoolName } from "./zone-type-schema";

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

/** `image_source` first appeared in Feb 2025 (#7555): a January-2025 agent ignores it. */
export const splitZoneSchema = z.object({
  id: uuid,
  filesystem_pool: zpoolName.nullable().default(null),
  zone_type: splitZoneTypeSchema,
});

const imageSource = z.discriminatedUnion("type", [
  tag("install_dataset"),
  z.object({ type: z.literal("artifact"), hash: z.string().regex(/^[0-9a-fA-F]{64}$/) }),
]);

export const reconcilerZoneSchema = splitZoneSchema.extend({
  zone_type: v48ZoneTypeSchema,
  image_source: imageSource.default({ type: "install_dataset" }),
});

/**
 * An id-keyed map (`IdOrdMapAsMap`, `BTreeMap<Uuid, _>`): each key must equal its item's id, as
 * omicron's `IdMap` deserializer insists (nexus/types/src/deployment/id_map.rs).
 */
function keyedById<T extends z.ZodType<{ id: string }>>(item: T) {
  return z.record(z.string(), item).superRefine((rec, ctx) => {
    for (const [key, value] of Object.entries(rec)) {
      if (value.id !== key)
        ctx.addIssue({
          code: "custom",
          path: [key, "id"],
          message: `id ${value.id} differs from its key`,
        });
    }
  });
}

/** `PUT /omicron-physical-disks` (`OmicronPhysicalDisksConfig`) */
export const disksConfigSchema = z.object({ generation, disks: z.array(wireDiskSchema) });

/** `PUT /datasets` (`DatasetsConfig`): keyed by dataset id. */
export const datasetsConfigSchema = z.object({
  generation,
  datasets: keyedById(wireDatasetSchema),
});

/** `PUT /omicron-zones` (`OmicronZonesConfig`) */
export const zonesConfigSchema = z.object({ generation, zones: z.array(splitZoneSchema) });

const phase2Contents = z.discriminatedUnion("type", [
  tag("current_contents"),
  z.object({ type: z.literal("artifact"), hash: z.string().regex(/^[0-9a-fA-F]{64}$/) }),
]);
const CURRENT_CONTENTS = {
  slot_a: { type: "current_contents" },
  slot_b: { type: "current_contents" },
} as const;

/** `PUT /omicron-config` (`OmicronSledConfig`, v48): one generation, maps keyed by id. */
export const sledConfigSchema = z.object({
  generation,
  disks: keyedById(wireDiskSchema),
  datasets: keyedById(wireDatasetSchema),
  zones: keyedById(reconcilerZoneSchema),
  remove_mupdate_override: uuid.nullable().default(null),
  host_phase_2: z
    .object({ slot_a: phase2Contents, slot_b: phase2Contents })
    .default(CURRENT_CONTENTS),
  measurements: z.array(z.object({ hash: z.string().regex(/^[0-9a-fA-F]{64}$/) })),
});

// The parsed bodies are the lib's wire types (checked at compile time).
type Assignable<A extends B, B> = A;
export type ParsedDisksConfig = Assignable<z.infer<typeof disksConfigSchema>, DisksConfigBody>;
export type ParsedDatasetsConfig = Assignable<
  z.infer<typeof datasetsConfigSchema>,
  DatasetsConfigBody
>;
export type ParsedZonesConfig = Assignable<z.infer<typeof zonesConfigSchema>, ZonesConfigBody>;
export type ParsedSledConfig = Assignable<z.infer<typeof sledConfigSchema>, SledConfigBody>;

/** One line per problem, `path: message`, like serde's "missing field `x` at line…". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`)
    .join("; ");
}
