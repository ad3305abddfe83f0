import { z } from "zod";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import {
  blueprintModel,
  blueprintSummaryDto,
  editSchema,
  storeResultDto,
  toSummaryDto,
} from "../dto/blueprint.ts";
import { EXECUTION_MODES } from "~/lib/plan/types.ts";
import { diffDto, orderSchema, planPreviewDto, profileSchema } from "../dto/plan.ts";
import { getBlueprint, getBlueprintWithModel, listBlueprints } from "../repo/blueprints.ts";
import { rawBlueprintSummaryDto } from "../dto/nexus.ts";
import { prunedBlueprintIds } from "../repo/nexus.ts";
import { getRawWithSummary, listRawSummaries } from "../services/nexus-link.ts";
import { getRack } from "../repo/racks.ts";
import { createChildBlueprint, importBlueprint } from "../services/blueprints.ts";
import { diffStoredBlueprints } from "../services/diff.ts";
import { planForRack } from "../services/plan-for-rack.ts";
import { policyForPlan } from "../services/policy.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { id } from "../dto/id.ts";
import { found } from "../services/result.ts";
import { unwrap } from "./errors.ts";

const byId = z.object({ id: id });
const pair = z.object({ parentId: id, targetId: id });

export const blueprintRouter = router({
  /** The rack's history, newest first, the current one marked. */
  list: protectedProcedure
    .input(z.object({ rackId: id }))
    .output(z.array(blueprintSummaryDto))
    .query(async ({ input }) => {
      const rack = unwrap(found(await getRack(input.rackId), `rack ${input.rackId}`));
      const [all, pruned] = await Promise.all([
        listBlueprints(rack.id),
        prunedBlueprintIds(rack.id),
      ]);
      return all.map((b) => toSummaryDto(b, rack.currentBlueprintId, pruned.has(b.id)));
    }),

  /** Summary and the stored model (what the edit form offers choices from). */
  byId: protectedProcedure
    .input(byId)
    .output(z.object({ blueprint: blueprintSummaryDto, model: blueprintModel }))
    .query(async ({ input }) => {
      const bp = unwrap(found(await getBlueprintWithModel(input.id), `blueprint ${input.id}`));
      const rack = await getRack(bp.record.rackId);
      return {
        blueprint: toSummaryDto(bp.record, rack?.currentBlueprintId ?? null),
        model: bp.model,
      };
    }),

  /** omicron's Blueprint JSON, for reconfigurator-cli or another console. */
  export: protectedProcedure
    .input(byId)
    .output(z.unknown())
    .query(async ({ input }) => {
      const bp = unwrap(found(await getBlueprintWithModel(input.id), `blueprint ${input.id}`));
      return toOmicronJson(bp.model);
    }),

  /** Invalid input and duplicates come back as values; nothing is stored then. */
  import: roleProcedure("operator")
    .input(z.object({ rackId: id, json: z.unknown(), comment: z.string().max(2000).optional() }))
    .output(storeResultDto)
    .mutation(async ({ input, ctx }) =>
      unwrap(await importBlueprint(ctx.user, input.rackId, input.json, input.comment)),
    ),

  createChild: roleProcedure("operator")
    .input(
      z.object({
        parentId: id,
        edits: z.array(editSchema).min(1).max(500),
        comment: z.string().max(2000).optional(),
      }),
    )
    .output(storeResultDto)
    .mutation(async ({ input, ctx }) =>
      unwrap(await createChildBlueprint(ctx.user, input.parentId, input.edits, input.comment)),
    ),

  diff: protectedProcedure
    .input(pair)
    .output(diffDto)
    .query(async ({ input }) => unwrap(await diffStoredBlueprints(input.parentId, input.targetId))),

  /** The plan preview: exactly what execution.request would store for this pair. */
  plan: protectedProcedure
    .input(
      pair.extend({
        order: orderSchema.default("safe"),
        profileOverride: z.union([profileSchema, z.record(id, profileSchema)]).optional(),
        /** A Nexus-linked rack's execution mode (default `nexus`); an unlinked rack takes none. */
        mode: z.enum(EXECUTION_MODES).optional(),
      }),
    )
    .output(planPreviewDto)
    .query(async ({ input }) => {
      const parent = unwrap(
        found(await getBlueprint(input.parentId), `blueprint ${input.parentId}`),
      );
      const planned = unwrap(
        await planForRack(
          parent.rackId,
          input.parentId,
          input.targetId,
          input.order,
          input.profileOverride,
          input.mode,
        ),
      );
      const rack = await getRack(parent.rackId);
      const policy = await policyForPlan(parent.rackId, planned, rack?.currentBlueprintId ?? null);
      const { plan, hazards, estimate, planHash, graph, profiles } = planned;
      return { plan, hazards, estimate, planHash, graph, profiles, policy };
    }),

  /** Nexus blueprints the console could not read (issue 14), with what was not understood. */
  rawList: protectedProcedure
    .input(z.object({ rackId: id }))
    .output(z.array(rawBlueprintSummaryDto))
    .query(async ({ input }) => unwrap(await listRawSummaries(input.rackId))),

  /** One of them as Nexus served it: raw JSON, shown as is. */
  raw: protectedProcedure
    .input(byId)
    .output(z.object({ blueprint: rawBlueprintSummaryDto, raw: z.unknown() }))
    .query(async ({ input }) => unwrap(await getRawWithSummary(input.id))),
});
