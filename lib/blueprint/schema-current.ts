/**
 * omicron's Blueprint JSON since the four per-sled maps were merged (#7652, 2025-02-28):
 * `sleds: {sled_id: BlueprintSledConfig}`. The sled's `disks`, `datasets` and `zones` are
 * arrays at HEAD (iddqd `IdOrdMap`, #9388, 2025-11-12) and objects keyed by id before that;
 * `collectionSchema` accepts both.
 *
 * Source: nexus/types/src/deployment.rs; schema `Blueprint` in openapi/nexus-lockstep.json.
 * Only the fields the console interprets are declared; all others pass through to `extra`.
 */
import { z } from "zod";
import {
  byteCountSchema,
  collectionSchema,
  compressionSchema,
  datasetDispositionSchema,
  diskDispositionSchema,
  diskIdentitySchema,
  generationSchema,
  idKeyedRecord,
  idSchema,
  zoneDispositionSchema,
  zoneTypeSchema,
  zpoolNameSchema,
} from "./schema-common";

export const blueprintDiskSchema = z.looseObject({
  id: idSchema,
  pool_id: idSchema,
  identity: diskIdentitySchema,
  disposition: diskDispositionSchema,
});

export const blueprintDatasetSchema = z.looseObject({
  id: idSchema,
  pool: zpoolNameSchema,
  kind: z
    .string()
    .min(1, { error: "Expected a dataset kind such as crucible, zone or zone/oxz_<type>_<id>." }),
  disposition: datasetDispositionSchema,
  address: z.string().nullable().optional(),
  quota: byteCountSchema.optional(),
  reservation: byteCountSchema.optional(),
  compression: compressionSchema,
});

export const blueprintZoneSchema = z.looseObject({
  id: idSchema,
  disposition: zoneDispositionSchema,
  /** Required since #7549 (2025-03-26); optional and nullable before. */
  filesystem_pool: zpoolNameSchema.nullable().optional(),
  zone_type: zoneTypeSchema,
  /** Added in #7578 (2025-02-26). */
  image_source: z.unknown().optional(),
});

export const blueprintSledSchema = z.looseObject({
  state: z.enum(["active", "decommissioned"], {
    error: 'Expected a sled state: "active" or "decommissioned".',
  }),
  sled_agent_generation: generationSchema,
  disks: collectionSchema(blueprintDiskSchema, "disk"),
  datasets: collectionSchema(blueprintDatasetSchema, "dataset"),
  zones: collectionSchema(blueprintZoneSchema, "zone"),
});

export const blueprintSchema = z.looseObject({
  id: idSchema,
  parent_blueprint_id: idSchema.nullable().optional(),
  sleds: idKeyedRecord(blueprintSledSchema, "Expected sleds as an object keyed by sled id."),
  creator: z.string().optional(),
  comment: z.string().optional(),
  time_created: z.string().optional(),
});

export type BlueprintDiskJson = z.infer<typeof blueprintDiskSchema>;
export type BlueprintDatasetJson = z.infer<typeof blueprintDatasetSchema>;
export type BlueprintZoneJson = z.infer<typeof blueprintZoneSchema>;
export type BlueprintSledJson = z.infer<typeof blueprintSledSchema>;
export type BlueprintJson = z.infer<typeof blueprintSchema>;
