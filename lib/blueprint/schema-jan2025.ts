/**
 * omicron's Blueprint JSON of January 2025 (the #7309 era, commit 94d76b894f): four maps
 * keyed by sled id instead of `sleds`, and one generation per sled-agent endpoint.
 *
 *   sled_state:         {sled_id: "active" | "decommissioned"}
 *   blueprint_zones:    {sled_id: {generation, zones: [BlueprintZoneConfig]}}
 *   blueprint_disks:    {sled_id: {generation, disks: [BlueprintPhysicalDiskConfig]}}
 *   blueprint_datasets: {sled_id: {generation, datasets: {dataset_id: BlueprintDatasetConfig}}}
 *
 * Source: schema `Blueprint` in openapi/nexus-internal.json @ 94d76b894f. The item schemas are
 * the current ones: they already accept that era's plain-string dispositions, the optional
 * `filesystem_pool` and the missing `image_source`.
 */
import { z } from "zod";
import { collectionSchema, generationSchema, idKeyedRecord, idSchema } from "./schema-common";
import { blueprintDatasetSchema, blueprintDiskSchema, blueprintZoneSchema } from "./schema-current";

export const jan2025ZonesConfigSchema = z.looseObject({
  generation: generationSchema,
  zones: collectionSchema(blueprintZoneSchema, "zone"),
});

export const jan2025DisksConfigSchema = z.looseObject({
  generation: generationSchema,
  disks: collectionSchema(blueprintDiskSchema, "disk"),
});

export const jan2025DatasetsConfigSchema = z.looseObject({
  generation: generationSchema,
  datasets: collectionSchema(blueprintDatasetSchema, "dataset"),
});

const bySled = <T extends z.ZodType>(value: T, what: string) =>
  idKeyedRecord(value, `Expected ${what} as an object keyed by sled id.`).optional();

export const jan2025BlueprintSchema = z.looseObject({
  id: idSchema,
  parent_blueprint_id: idSchema.nullable().optional(),
  sled_state: bySled(
    z.enum(["active", "decommissioned"], {
      error: 'Expected a sled state: "active" or "decommissioned".',
    }),
    "sled_state",
  ),
  blueprint_zones: bySled(jan2025ZonesConfigSchema, "blueprint_zones"),
  blueprint_disks: bySled(jan2025DisksConfigSchema, "blueprint_disks"),
  blueprint_datasets: bySled(jan2025DatasetsConfigSchema, "blueprint_datasets"),
  creator: z.string().optional(),
  comment: z.string().optional(),
  time_created: z.string().optional(),
});

export type Jan2025BlueprintJson = z.infer<typeof jan2025BlueprintSchema>;
export type Jan2025ZonesConfigJson = z.infer<typeof jan2025ZonesConfigSchema>;
export type Jan2025DisksConfigJson = z.infer<typeof jan2025DisksConfigSchema>;
export type Jan2025DatasetsConfigJson = z.infer<typeof jan2025DatasetsConfigSchema>;
