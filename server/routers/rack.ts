import { z } from "zod";
import { profileSchema } from "../dto/plan.ts";
import { rackDetailDto, rackInventoryDto, rackSummaryDto } from "../dto/rack.ts";
import { getRack, listRacks, type RackRecord } from "../repo/racks.ts";
import { listSledAgents } from "../repo/sled-agents.ts";
import { createRackLinked, inventoryOfRack, setSledAgent } from "../services/racks.ts";
import { nexusUrlsSchema, targetHistoryDto } from "../dto/nexus.ts";
import { rackNexus, setNexus, targetHistoryPage } from "../services/nexus-link.ts";
import {
  plannerReports,
  rackActivity,
  type RackActivity,
  type StoredReport,
} from "../services/nexus-activity.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { id } from "../dto/id.ts";
import { found } from "../services/result.ts";
import { unwrap } from "./errors.ts";

const rackId = z.object({ rackId: id });
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
      const rack = unwrap(found(await getRack(input.rackId), `rack ${input.rackId}`));
      const [sledAgents, nexus] = await Promise.all([listSledAgents(rack.id), rackNexus(rack.id)]);
      return { ...toDto(rack), sledAgents, nexus };
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
        /** Link it to its Nexus lockstep endpoints at once (as `rack.setNexus`). */
        nexusUrls: nexusUrlsSchema.optional(),
      }),
    )
    .output(rackSummaryDto)
    .mutation(async ({ input, ctx }) =>
      toDto(
        unwrap(
          await createRackLinked(ctx.user, { name: input.name, nexusUrls: input.nexusUrls ?? [] }),
        ),
      ),
    ),

  /** Where a sled's agent listens and which API it speaks (operator). */
  setSledAgent: roleProcedure("operator")
    .input(
      rackId.extend({
        sledId: id,
        address: z.string().min(1).max(500),
        profile: profileSchema,
      }),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ input, ctx }) => {
      unwrap(await setSledAgent(ctx.user, input));
      return { ok: true as const };
    }),

  /** Reads every agent now: reachability, ledgered generations, drift against the current blueprint. */
  inventory: protectedProcedure
    .input(rackId)
    .output(rackInventoryDto)
    .query(async ({ input }) => {
      const { currentBlueprintId, sleds } = unwrap(await inventoryOfRack(input.rackId));
      return { rackId: input.rackId, currentBlueprintId, readAt: new Date().toISOString(), sleds };
    }),

  /** Links the rack to its Nexus lockstep endpoints, every instance (operator); `[]` unlinks. */
  setNexus: roleProcedure("operator")
    .input(rackId.extend({ urls: nexusUrlsSchema }))
    .output(z.object({ ok: z.literal(true), urls: z.array(z.string()) }))
    .mutation(async ({ input, ctx }) => ({
      ok: true as const,
      urls: unwrap(await setNexus(ctx.user, input)),
    })),

  /** Every change of Nexus's target the console observed, newest first. */
  targetHistory: protectedProcedure
    .input(
      rackId.extend({
        limit: z.number().int().min(1).max(500).default(100),
        before: z
          .string()
          .regex(/^\d{1,19}$/)
          .optional(),
      }),
    )
    .output(targetHistoryDto)
    .query(async ({ input }) =>
      unwrap(await targetHistoryPage(input.rackId, input.limit, input.before)),
    ),

  /**
   * Planning reports the console observed (issue 19), newest first, each parsed into words
   * (lib/nexus/planner-report.ts); `blueprintId`: the report of that blueprint.
   */
  plannerReports: protectedProcedure
    .input(
      rackId.extend({
        limit: z.number().int().min(1).max(500).default(20),
        blueprintId: id.optional(),
      }),
    )
    .output(z.custom<StoredReport[]>((v) => Array.isArray(v)))
    .query(async ({ input }) =>
      unwrap(await plannerReports(input.rackId, input.limit, input.blueprintId)),
    ),

  /**
   * "Why is it waiting?": target and planner state, the last targets with their comments, each
   * instance's planner and executor status, disagreements, the current planning report, and
   * the stall warning (`STALL_AFTER_MS`).
   */
  activity: protectedProcedure
    .input(rackId.extend({ targets: z.number().int().min(1).max(100).default(10) }))
    .output(z.custom<RackActivity>((v) => typeof v === "object" && v !== null))
    .query(async ({ input }) =>
      unwrap(await rackActivity(input.rackId, { targets: input.targets })),
    ),
});
