/**
 * Wire types of blueprint.diff and blueprint.plan. The `satisfies` clauses make a change of
 * the lib types a compile error here instead of a field silently stripped from the answer.
 */
import { z } from "zod";
import { policyResultDto } from "./policy.ts";
import type { DiffSummary, SledDiff } from "~/lib/diff/types.ts";
import type { DependencyGraph } from "~/lib/graph/types.ts";
import type { Estimate } from "~/lib/plan/estimate.ts";
import type { Hazard } from "~/lib/plan/replay.ts";
import { EXECUTION_MODES, type Plan } from "~/lib/plan/types.ts";

export const profileSchema = z.enum(["split", "reconciler"]);
export const orderSchema = z.enum(["safe", "phased"]);

const ledgers = z.object({
  disks: z.number().int(),
  datasets: z.number().int(),
  zones: z.number().int(),
  config: z.number().int(),
});

export const planDto = z.object({
  version: z.literal(1),
  parentBlueprintId: z.string(),
  targetBlueprintId: z.string(),
  order: orderSchema,
  sleds: z.array(
    z.object({
      sledId: z.string(),
      profile: profileSchema,
      assumed: ledgers,
      final: ledgers,
      stepIds: z.array(z.string()),
      decommissioned: z.boolean(),
    }),
  ),
  steps: z.array(
    z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("request"),
        id: z.string(),
        sledId: z.string(),
        profile: profileSchema,
        method: z.literal("PUT"),
        path: z.string(),
        endpoint: z.enum(["disks", "datasets", "zones", "config"]),
        generation: z.number().int(),
        body: z.unknown(),
        dependsOn: z.array(z.string()),
        purpose: z.string(),
        realises: z.array(z.string()),
        awaitReconciliation: z.boolean(),
      }),
      z.object({
        kind: z.literal("decommission"),
        id: z.string(),
        sledId: z.string(),
        dependsOn: z.array(z.string()),
        purpose: z.string(),
        realises: z.array(z.string()),
      }),
      z.object({
        kind: z.literal("nexus"),
        action: z.enum([
          "check-target",
          "disable-execution",
          "set-target",
          "hand-back",
          "watch-sled",
        ]),
        id: z.string(),
        sledId: z.string(),
        dependsOn: z.array(z.string()),
        purpose: z.string(),
        realises: z.array(z.string()),
        generation: z.number().int().nullable(),
      }),
    ]),
  ),
  mode: z.enum(EXECUTION_MODES).optional(),
}) satisfies z.ZodType<Plan>;

export const hazardDto = z.object({
  stepId: z.string(),
  sledId: z.string(),
  rule: z.string(),
  message: z.string(),
}) satisfies z.ZodType<Omit<Hazard, "rule">>;

export const estimateDto = z.object({
  steps: z.number().int(),
  waves: z.array(z.array(z.string())),
  criticalPathSteps: z.number().int(),
  criticalPath: z.array(z.string()),
  etaMs: z.number(),
  lowerBoundMs: z.number(),
}) satisfies z.ZodType<Estimate>;

export const graphDto = z.object({
  nodes: z.array(
    z.object({
      key: z.string(),
      sledId: z.string(),
      kind: z.enum(["disk", "dataset", "zone"]),
      itemId: z.string(),
      change: z.enum(["added", "removed", "modified"]),
      type: z.string(),
      label: z.string(),
    }),
  ),
  edges: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      target: z.string(),
      rule: z.enum([
        "dataset-on-disk",
        "zone-root-under-pool-root",
        "zone-uses-dataset",
        "removal-before-reuse",
      ]),
      text: z.string(),
    }),
  ),
}) satisfies z.ZodType<DependencyGraph>;

export const planPreviewDto = z.object({
  plan: planDto,
  hazards: z.array(hazardDto),
  estimate: estimateDto,
  planHash: z.string().regex(/^[0-9a-f]{64}$/),
  graph: graphDto,
  profiles: z.record(z.string(), profileSchema),
  /** Every policy check of this change, with the rack's levels (issue 16). */
  policy: z.array(policyResultDto),
});

const counts = <S extends string>(statuses: readonly [S, ...S[]]) =>
  z.record(z.enum(statuses), z.number().int());
const itemCounts = counts(["added", "removed", "modified", "unchanged"]);

export const diffSummaryDto = z.object({
  sleds: counts(["added", "removed", "decommissioned", "modified", "unchanged"]),
  disks: itemCounts,
  datasets: itemCounts,
  zones: itemCounts,
  hasChanges: z.boolean(),
}) satisfies z.ZodType<DiffSummary>;

/** A sled's diff without the two whole sled configs (the items carry their own versions). */
export type SledDiffDto = Omit<SledDiff, "before" | "after">;

export const diffDto = z.object({
  rackId: z.string(),
  parentId: z.string(),
  targetId: z.string(),
  summary: diffSummaryDto,
  sleds: z.array(z.custom<SledDiffDto>((v) => typeof v === "object" && v !== null)),
  text: z.string(),
});
