import { z } from "zod";
import { policyIdSchema, policyLevelSchema, rackPolicyDto } from "../dto/policy.ts";
import { id } from "../dto/id.ts";
import { rackPolicySettings, setRackPolicySettings } from "../services/policy.ts";
import { rackWindows, setWindows } from "../services/maintenance.ts";
import { WEEKDAYS } from "~/lib/policy/windows.ts";

const weeklyWindow = z.strictObject({
  days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
  start: z.string().max(5),
  end: z.string().max(5),
});
const schedule = z.strictObject({
  timeZone: z.string().min(1).max(100),
  windows: z.array(weeklyWindow).max(28),
});
const windowsDto = z.object({
  schedule: schedule.nullable(),
  description: z.string(),
  status: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("always") }),
    z.object({ kind: z.literal("unreadable") }),
    z.object({ kind: z.literal("open"), closesAt: z.iso.datetime().nullable() }),
    z.object({ kind: z.literal("closed"), opensAt: z.iso.datetime() }),
  ]),
});
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { unwrap } from "./errors.ts";

/** Policy checks (issue 16): a rack's levels, readable by anyone, set by an admin. */
export const policyRouter = router({
  rack: protectedProcedure
    .input(z.object({ rackId: id }))
    .output(rackPolicyDto)
    .query(async ({ input }) => unwrap(await rackPolicySettings(input.rackId))),

  /** Replaces the rack's levels and `sleds-changed` limit (admin); every change is audited. */
  setRack: roleProcedure("admin")
    .input(
      z.strictObject({
        rackId: id,
        levels: z.partialRecord(policyIdSchema, policyLevelSchema),
        maxSledsChanged: z.number().int().min(1).max(10_000).nullable(),
      }),
    )
    .output(rackPolicyDto)
    .mutation(async ({ input, ctx }) => unwrap(await setRackPolicySettings(ctx.user, input))),

  /** The rack's maintenance windows, in words, and whether one is open now. */
  windows: protectedProcedure
    .input(z.object({ rackId: id }))
    .output(windowsDto)
    .query(async ({ input }) => unwrap(await rackWindows(input.rackId))),

  /**
   * Replaces the rack's weekly maintenance windows (admin; null or [] removes them): an
   * approved execution outside them waits. Every change is audited.
   */
  setWindows: roleProcedure("admin")
    .input(z.strictObject({ rackId: id, schedule: schedule.nullable() }))
    .output(windowsDto)
    .mutation(async ({ input, ctx }) => unwrap(await setWindows(ctx.user, input))),
});
