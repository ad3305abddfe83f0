/**
 * The sled agent's `OmicronSledConfig` (one generation; `PUT /omicron-config` body and the
 * reconciler's ledger since #8067, 2025-04-30): `{generation, disks, datasets, zones,
 * remove_mupdate_override, host_phase_2, measurements}` with the collections keyed by id
 * (`IdOrdMapAsMap`). Items carry no disposition: everything listed is in service.
 *
 * Differences from the blueprint items (sled-agent/types, openapi/sled-agent/*.json):
 * datasets nest `name: {pool_name, kind}` and have no `address`; zone types carry the agent's
 * `OmicronZoneType` (see `zone-type-upgrade.ts`).
 */
import { z } from "zod";
import {
  byteCountSchema,
  collectionSchema,
  compressionSchema,
  diskIdentitySchema,
  generationSchema,
  idSchema,
  zoneTypeSchema,
  zpoolNameSchema,
} from "./schema-common";

export const sledConfigDiskSchema = z.looseObject({
  id: idSchema,
  pool_id: idSchema,
  identity: diskIdentitySchema,
});

export const sledConfigDatasetSchema = z.looseObject({
  id: idSchema,
  name: z.looseObject({
    pool_name: zpoolNameSchema,
    kind: z
      .string()
      .min(1, { error: "Expected a dataset kind such as crucible, zone or zone/oxz_<type>_<id>." }),
  }),
  quota: byteCountSchema.optional(),
  reservation: byteCountSchema.optional(),
  compression: compressionSchema,
});

export const sledConfigZoneSchema = z.looseObject({
  id: idSchema,
  filesystem_pool: zpoolNameSchema.nullable().optional(),
  zone_type: zoneTypeSchema,
  image_source: z.unknown().optional(),
});

export const sledConfigSchema = z.looseObject({
  generation: generationSchema,
  disks: collectionSchema(sledConfigDiskSchema, "disk"),
  datasets: collectionSchema(sledConfigDatasetSchema, "dataset"),
  zones: collectionSchema(sledConfigZoneSchema, "zone"),
});

export type SledConfigDiskJson = z.infer<typeof sledConfigDiskSchema>;
export type SledConfigDatasetJson = z.infer<typeof sledConfigDatasetSchema>;
export type SledConfigZoneJson = z.infer<typeof sledConfigZoneSchema>;
export type SledConfigJson = z.infer<typeof sledConfigSchema>;
