/**
 * execution.*: request (operator) → approve / reject (another user, approver) → the executor
 * runs it → everyone watches the live feed. Thin: parse, authorize, call the service, map.
 */
import { sleep } from "../util/sleep.ts";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { policyIdSchema } from "../dto/policy.ts";
import { EXECUTION_STATES, isTerminal } from "~/lib/execution/state-machine.ts";
import { EXECUTION_MODES } from "~/lib/plan/types.ts";
import {
  auditEventDto,
  executionDetailDto,
  executionEventDto,
  executionSummaryDto,
} from "../dto/execution.ts";
import { getExecution } from "../repo/executions.ts";
import { EventWindow } from "../services/event-window.ts";
import {
  auditLog,
  executionDetail,
  executionEvents,
  executionSummaries,
} from "../services/execution-views.ts";
import {
  cancelExecution,
  decideExecution,
  kickExecutorNow,
  requestExecution,
} from "../services/executions.ts";
import { startNow } from "../services/maintenance.ts";
import { found } from "../services/result.ts";
import { protectedProcedure, roleProcedure, router } from "../trpc.ts";
import { id } from "../dto/id.ts";
import { unwrap } from "./errors.ts";

const comment = z.string().max(2_000).default("");

const FEED_POLL_MS = 300;

export const executionRouter = router({
  request: roleProcedure("operator")
    .input(
      z.object({
        rackId: id,
        targetBlueprintId: id,
        comment,
        /** A Nexus-linked rack's execution mode (default `nexus`); an unlinked rack takes none. */
        mode: z.enum(EXECUTION_MODES).optional(),
      }),
    )
    .output(
      z.object({
        executionId: z.string(),
        planHash: z.string(),
        mode: z.enum(EXECUTION_MODES).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => unwrap(await requestExecution(ctx.user, input))),

  approve: roleProcedure("approver")
    .input(
      z.object({
        executionId: id,
        planHash: z.string().regex(/^[0-9a-f]{64}$/, "a plan hash is 64 hex digits"),
        comment,
        /** A written reason for each soft-mandatory policy failure this approval overrides. */
        overrides: z
          .array(z.object({ id: policyIdSchema, reason: z.string().trim().min(1).max(2000) }))
          .max(20)
          .default([]),
      }),
    )
    .output(
      z.object({
        state: z.string(),
        approvals: z.number().int().optional(),
        requiredApprovals: z.number().int().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      unwrap(await decideExecution(ctx.user, { ...input, decision: "approve" })),
    ),

  reject: roleProcedure("approver")
    .input(z.object({ executionId: id, comment }))
    .output(z.object({ state: z.string() }))
    .mutation(async ({ ctx, input }) => ({
      state: unwrap(await decideExecution(ctx.user, { ...input, decision: "reject" })).state,
    })),

  /**
   * Starts an approved execution now, outside its rack's maintenance windows (an approver,
   * with a written reason; audited and shown on the execution).
   */
  startNow: roleProcedure("approver")
    .input(z.object({ executionId: id, reason: z.string().trim().min(1).max(2_000) }))
    .output(z.object({ state: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const res = unwrap(await startNow(ctx.user, input));
      kickExecutorNow();
      return res;
    }),

  cancel: protectedProcedure
    .input(z.object({ executionId: id, comment }))
    .output(z.object({ state: z.string() }))
    .mutation(async ({ ctx, input }) => ({
      state: unwrap(await cancelExecution(ctx.user, input)).state,
    })),

  byId: protectedProcedure
    .input(z.object({ executionId: id }))
    .output(executionDetailDto)
    .query(async ({ ctx, input }) => unwrap(await executionDetail(input.executionId, ctx.user))),

  list: protectedProcedure
    .input(
      z
        .object({
          rackId: id.optional(),
          state: z.enum(EXECUTION_STATES).optional(),
          requestedById: id.optional(),
          since: z.iso.datetime().optional(),
          until: z.iso.datetime().optional(),
        })
        .default({}),
    )
    .output(z.array(executionSummaryDto))
    .query(async ({ input }) =>
      executionSummaries({
        ...input,
        since: input.since ? new Date(input.since) : undefined,
        until: input.until ? new Date(input.until) : undefined,
      }),
    ),

  /** Step events as they happen, from the database (so any console process can serve them); resumes from `lastEventId`. */
  events: protectedProcedure
    .input(z.object({ executionId: id, lastEventId: z.string().regex(/^\d+$/).nullish() }))
    .subscription(async function* ({ input, signal }) {
      // Ids in commit order are not always increasing: server/services/event-window.ts.
      const window = new EventWindow(BigInt(input.lastEventId ?? "0"));
      for (;;) {
        const { above, except } = window.read(Date.now());
        const events = await executionEvents(input.executionId, above, except);
        for (const e of events) {
          window.delivered(BigInt(e.id), Date.now());
          // The SSE id is the highest delivered: a reconnect resumes after it.
          yield tracked(window.last.toString(), executionEventDto.parse(e));
        }
        if (events.length === 0) {
          const exec = unwrap(
            found(await getExecution(input.executionId), `execution ${input.executionId}`),
          );
          if (isTerminal(exec.state) && !exec.leaseOwner) return;
          await sleep(FEED_POLL_MS, signal); // cut short when the client goes away
        }
        if (signal?.aborted) return;
      }
    }),

  audit: protectedProcedure
    .input(
      z
        .object({
          executionId: id.optional(),
          actorId: id.optional(),
          action: z.string().max(100).optional(),
        })
        .default({}),
    )
    .output(z.array(auditEventDto))
    .query(async ({ input }) => auditLog(input)),
});
