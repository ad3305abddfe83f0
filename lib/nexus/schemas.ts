/**
 * The Nexus lockstep API's answers other than blueprint bodies, as zod schemas (one per wire
 * type): `BlueprintMetadataResultsPage`, `BlueprintTarget`, `ReconfiguratorConfigView`,
 * `UpdateStatus` (openapi/nexus-lockstep.json; the January-2025 nexus-internal.json has the
 * first two with fewer fields). Only what the console reads is required; the rest passes
 * through, since Nexus adds fields often and omicron's serde types deny none.
 */
import { z } from "zod";
import { uuid } from "../wire/zone-type-schema";

const dateTime = z.iso.datetime({ offset: true });

/** `BlueprintSource`: tagged by `source` (lockstep only; January 2025 had no such field). */
export const nexusBlueprintSourceSchema = z.looseObject({ source: z.string() });

export const blueprintMetadataSchema = z.looseObject({
  id: uuid,
  parent_blueprint_id: uuid.nullish(),
  time_created: dateTime,
  creator: z.string(),
  comment: z.string(),
  /** Present from late 2025 (RFD 588): marks the lockstep era. */
  nexus_generation: z.number().int().optional(),
  source: nexusBlueprintSourceSchema.optional(),
});
export type BlueprintMetadata = z.infer<typeof blueprintMetadataSchema>;

export const blueprintMetadataPageSchema = z.looseObject({
  items: z.array(blueprintMetadataSchema),
  next_page: z.string().nullish(),
});
export type BlueprintMetadataPage = z.infer<typeof blueprintMetadataPageSchema>;

export const blueprintTargetSchema = z.looseObject({
  target_id: uuid,
  enabled: z.boolean(),
  time_made_target: dateTime,
});
export type NexusBlueprintTarget = z.infer<typeof blueprintTargetSchema>;

/** `BlueprintTargetSet`: the body of `POST /deployment/blueprints/target` and `PUT …/enabled`. */
export const blueprintTargetSetSchema = z.looseObject({ target_id: uuid, enabled: z.boolean() });
export type BlueprintTargetSet = z.infer<typeof blueprintTargetSetSchema>;

export const reconfiguratorConfigViewSchema = z.looseObject({
  version: z.number().int().min(0),
  time_modified: dateTime,
  config: z.looseObject({
    planner_enabled: z.boolean(),
    tuf_repo_pruner_enabled: z.boolean(),
    disruption_policy: z.unknown(),
  }),
});
export type ReconfiguratorConfigView = z.infer<typeof reconfiguratorConfigViewSchema>;

/** `UpdateStatus`: kept as it came; the console shows it, it does not act on it. */
export const updateStatusSchema = z.looseObject({
  mgs_driven: z.array(z.unknown()),
  sleds: z.array(z.unknown()),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
