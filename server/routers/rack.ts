import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { profileSchema } from "../dto/plan.ts";
import { rackDetailDto, rackInventoryDto, rackSummaryDto } from "../dto/rack.ts";
import { recordAudit } from "../repo/audit.ts";
import { createRack, getRack, listRacks, type RackRecord } from "../repo/racks.ts";
import { listSledAgents } from "../repo/sled-agents.ts";
import { inventoryOfRack, setSledAgent } from "../services/racks.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { orNotFound } from "./errors.ts";

const rackId = z.object({ rackId: z.guid() });
const toDto = (r: RackRecord) => ({ ...r, createdAt: r.createdAt.toISOString() });

export const rackRouter = router({
  list: protectedProcedure
    .output(z.array(rackSummaryDto))
    .query(async () => (await listRacks()).map(toDto)),

  /** The rack, its current blueprint id and where each sled's agent is. */
  byId: protectedProcedure
    .input(rackId)
    .output(rackDetailDto)
    .query(async ({ input }) => {
      const rack = await getRack(input.rackId);
      if (!rack)
        throw new TRPCError({ code: "NOT_FOUND", message: `rack ${input.rackId} not found` });
      return { ...toDto(rack), sledAgents: await listSledAgents(rack.id) };
    }),

  /** A new, empty rack (operator): import its first blueprint next; that one becomes current. */
  create: roleProcedure("operator")
    .input(
      z.object({
        name: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .regex(/^[\w.-]+$/, "letters, digits, '.', '_' and '-' only"),
      }),
    )
    .output(rackSummaryDto)
    .mutation(async ({ input, ctx }) => {
      const rack = await createRack(input.name);
      if (!rack)
        throw new TRPCError({
          code: "CONFLICT",
          message: `a rack named ${input.name} already exists`,
        });
      await recordAudit(ctx.user, "rack.create", { rackId: rack.id, name: rack.name });
      return toDto(rack);
    }),

  /** Where a sled's agent listens and which API it speaks (operator). */
  setSledAgent: roleProcedure("operator")
    .input(
      rackId.extend({
        sledId: z.guid(),
        address: z.string().min(1).max(500),
        profile: profileSchema,
      }),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ input, ctx }) => {
      const result = await orNotFound(setSledAgent(ctx.user, input));
      if (!result.ok) throw new TRPCError({ code: "BAD_REQUEST", message: result.message });
      return { ok: true as const };
    }),

  /** Reads every agent now: reachability, ledgered generations, drift against the current blueprint. */
  inventory: protectedProcedure
    .input(rackId)
    .output(rackInventoryDto)
    .query(async ({ input }) => {
      const { currentBlueprintId, sleds } = await orNotFound(inventoryOfRack(input.rackId));
      return { rackId: input.rackId, currentBlueprintId, readAt: new Date().toISOString(), sleds };
    }),
});
