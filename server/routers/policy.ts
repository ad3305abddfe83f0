import { z } from "zod";
import { policyIdSchema, policyLevelSchema, rackPolicyDto } from "../dto/policy.ts";
import { id } from "../dto/id.ts";
import { rackPolicySettings, setRackPolicySettings } from "../services/policy.ts";
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
});
