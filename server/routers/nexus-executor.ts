/**
 * nexusExecutor.*: Nexus's execution of a linked rack as a `direct` execution left it (issue
 * 15): `status` says whether the console disabled it, since when and by which execution;
 * `requestReenable` (operator) asks to re-enable it, `approveReenable` / `rejectReenable`
 * (another user, approver) decide. Thin: parse, authorize, call the service, map.
 */
import { z } from "zod";
import { nexusExecutorStatusDto } from "../dto/nexus.ts";
import { id } from "../dto/id.ts";
import {
  decideReenable,
  nexusExecutorStatus,
  requestReenable,
} from "../services/nexus-executor.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { unwrap } from "./errors.ts";

const input = z.object({ rackId: id, comment: z.string().max(2_000).default("") });

export const nexusExecutorRouter = router({
  status: protectedProcedure
    .input(z.object({ rackId: id }))
    .output(nexusExecutorStatusDto)
    .query(async ({ input }) => unwrap(await nexusExecutorStatus(input.rackId))),

  requestReenable: roleProcedure("operator")
    .input(input)
    .output(nexusExecutorStatusDto)
    .mutation(async ({ ctx, input }) => unwrap(await requestReenable(ctx.user, input))),

  approveReenable: roleProcedure("approver")
    .input(input)
    .output(nexusExecutorStatusDto)
    .mutation(async ({ ctx, input }) =>
      unwrap(await decideReenable(ctx.user, { ...input, decision: "approve" })),
    ),

  rejectReenable: roleProcedure("approver")
    .input(input)
    .output(nexusExecutorStatusDto)
    .mutation(async ({ ctx, input }) =>
      unwrap(await decideReenable(ctx.user, { ...input, decision: "reject" })),
    ),
});
