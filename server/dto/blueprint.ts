/**
 * Wire types of the blueprint procedures. Blueprint models and diffs are typed with
 * `z.custom`: they are built by lib/ from validated input, and re-validating a 60k-item
 * model on every answer would cost more than it protects.
 */
import { z } from "zod";
import { id } from "./id.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import type { Edit } from "~/lib/edits/types.ts";
import type { BlueprintRecord } from "../repo/blueprints.ts";

const isObject = (v: unknown) => typeof v === "object" && v !== null;

export const blueprintModel = z.custom<Blueprint>(isObject, {
  error: "expected a blueprint model",
});

export const countsDto = z.object({
  sleds: z.number().int(),
  disks: z.number().int(),
  datasets: z.number().int(),
  zones: z.number().int(),
});

export const blueprintSummaryDto = z.object({
  id: id,
  rackId: id,
  parentId: id.nullable(),
  source: z.enum(["import", "example", "edit", "nexus"]),
  creator: z.string(),
  comment: z.string(),
  timeCreated: z.iso.datetime(),
  importedAt: z.iso.datetime(),
  counts: countsDto,
  isCurrent: z.boolean(),
  /** A Nexus blueprint Nexus no longer lists (deleted or pruned there); the console keeps it. */
  pruned: z.boolean(),
});
export type BlueprintSummaryDto = z.infer<typeof blueprintSummaryDto>;

export function toSummaryDto(
  r: BlueprintRecord,
  currentId: string | null,
  pruned = false,
): BlueprintSummaryDto {
  return {
    ...r,
    timeCreated: r.timeCreated.toISOString(),
    importedAt: r.importedAt.toISOString(),
    isCurrent: r.id === currentId,
    pruned,
  };
}

/** A blippy-style finding (lib/blueprint/validate.ts). */
export const findingDto = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  sledId: z.string(),
  items: z.array(z.object({ kind: z.enum(["disk", "dataset", "zone"]), id: z.string() })),
  message: z.string(),
});

export const importErrorDto = z.object({ path: z.string(), message: z.string() });

/** Expected refusals of import and createChild, as values the UI shows inline. */
export const refusalDto = z.discriminatedUnion("reason", [
  z.object({
    ok: z.literal(false),
    reason: z.literal("invalid"),
    errors: z.array(importErrorDto),
    findings: z.array(findingDto),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.literal("duplicate"),
    message: z.string(),
    existingId: id,
    existingRackId: id,
  }),
  z.object({ ok: z.literal(false), reason: z.literal("edit-failed"), message: z.string() }),
]);

export const storedDto = z.object({
  ok: z.literal(true),
  blueprint: blueprintSummaryDto,
  warnings: z.array(findingDto),
});

export const storeResultDto = z.union([storedDto, refusalDto]);
export type StoreResultDto = z.infer<typeof storeResultDto>;

// ---- edits (lib/edits/types.ts), checked at the boundary ----

const zpool = z.string().regex(/^oxp_[0-9a-fA-F-]{36}$/, "expected a zpool name oxp_<uuid>");
const bytes = z.number().int().nonnegative().nullable();
const compression = z.object({ type: z.string(), level: z.number().int().optional() });

export const editSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("expunge-zone"), zoneId: id }),
  z.object({ kind: z.literal("expunge-disk"), diskId: id }),
  z.object({ kind: z.literal("expunge-sled"), sledId: id, decommission: z.boolean().optional() }),
  z.object({
    kind: z.literal("add-disk"),
    sledId: id,
    disk: z
      .object({
        id: id.optional(),
        poolId: id.optional(),
        identity: z
          .object({ vendor: z.string(), model: z.string(), serial: z.string() })
          .optional(),
      })
      .optional(),
  }),
  z.object({
    kind: z.literal("add-zone"),
    sledId: id,
    zoneType: z.string().min(1),
    pool: zpool,
    zoneId: id.optional(),
    ip: z.string().optional(),
  }),
  z.object({ kind: z.literal("set-dataset-quota"), datasetId: id, quota: bytes }),
  z.object({
    kind: z.literal("set-dataset-properties"),
    datasetId: id,
    properties: z.object({
      quota: bytes.optional(),
      reservation: bytes.optional(),
      compression: compression.optional(),
    }),
  }),
]) satisfies z.ZodType<Edit>;
