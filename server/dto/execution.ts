/**
 * What the client sees of executions. Prisma rows never reach it: the router maps rows to
 * these shapes and declares them as `.output()`.
 */
import { z } from "zod";
import { policyIdSchema, policyResultDto } from "./policy.ts";
import { EXECUTION_STATES, STEP_STATES } from "~/lib/execution/state-machine.ts";
import { EXECUTION_MODES } from "~/lib/plan/types.ts";
import type { ChangeSummary } from "~/lib/execution/change-summary.ts";

const who = z.object({ id: z.string(), name: z.string() });

const changeKind = z.enum(["sled", "disk", "dataset", "zone"]);
export const changeSummaryDto = z.object({
  expunged: z.array(
    z.object({ kind: changeKind, id: z.string(), type: z.string(), sledId: z.string() }),
  ),
  added: z.object({ sled: z.number(), disk: z.number(), dataset: z.number(), zone: z.number() }),
  modified: z.number(),
}) satisfies z.ZodType<ChangeSummary>;
const iso = z.iso.datetime().nullable();

export const executionSummaryDto = z.object({
  id: z.string(),
  rackId: z.string(),
  state: z.enum(EXECUTION_STATES),
  parentBlueprintId: z.string(),
  targetBlueprintId: z.string(),
  planHash: z.string(),
  /** A Nexus-linked rack's execution mode (issue 15); null: an unlinked rack's execution. */
  mode: z.enum(EXECUTION_MODES).nullable(),
  requestedBy: who,
  decidedBy: who.nullable(),
  comment: z.string(),
  decisionComment: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: iso,
  finishedAt: iso,
  /** What differed (stale) or which steps failed. */
  outcome: z.unknown(),
  steps: z.record(z.enum(STEP_STATES), z.number()),
  /** What the change expunges and adds (issue 16); null for executions requested before it. */
  changes: changeSummaryDto.nullable(),
  /** The same in one line: "expunges 1 crucible zone and 2 datasets on sled 93c2…; adds 0". */
  changeText: z.string().nullable(),
});
export type ExecutionSummaryDto = z.infer<typeof executionSummaryDto>;

export const stepDto = z.object({
  stepId: z.string(),
  seq: z.number(),
  sledId: z.string(),
  state: z.enum(STEP_STATES),
  attemptCount: z.number(),
  error: z.string().nullable(),
  startedAt: iso,
  finishedAt: iso,
});

export const attemptDto = z.object({
  id: z.string(),
  stepId: z.string(),
  attempt: z.number(),
  runner: z.string(),
  method: z.string(),
  url: z.string(),
  requestBody: z.unknown(),
  status: z.number().nullable(),
  responseBody: z.unknown(),
  error: z.string().nullable(),
  errorKind: z.string().nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: iso,
  durationMs: z.number().nullable(),
});

const permission = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const executionDetailDto = executionSummaryDto.extend({
  /** The stored plan (lib/plan Plan), exactly what was approved. */
  plan: z.unknown(),
  stepList: z.array(stepDto),
  attempts: z.array(attemptDto),
  /** What the asking user may do, with the reason when not (buttons disabled with a reason). */
  can: z.object({ approve: permission, reject: permission, cancel: permission }),
  /** Policy checks at request time (issue 16); [] for executions requested before them. */
  policy: z.array(policyResultDto),
  /** Approvers' overrides of soft-mandatory failures, each with its written reason. */
  policyOverrides: z.array(
    z.object({ id: policyIdSchema, reason: z.string(), name: z.string(), at: z.string() }),
  ),
  /** Distinct approvers needed, and who approved (when, with what comment). */
  requiredApprovals: z.number().int(),
  approvals: z.array(z.object({ name: z.string(), at: z.iso.datetime(), comment: z.string() })),
  /** The rack's maintenance windows as they bear on this execution (issue 16). */
  window: z.object({
    /** Approved, and outside the rack's windows with no start-now: it waits. */
    waiting: z.boolean(),
    opensAt: iso,
    message: z.string().nullable(),
    /** An approver's start-now, with its written reason. */
    override: z
      .object({ reason: z.string(), by: z.string(), name: z.string(), at: z.string() })
      .nullable(),
    /** The rack's schedule in words. */
    schedule: z.string(),
  }),
  /** Whether the asking user may start it now (outside the window), and why not. */
  canStartNow: permission,
});

export const executionEventDto = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  type: z.string(),
  stepId: z.string().nullable(),
  data: z.unknown(),
});
export type ExecutionEventDto = z.infer<typeof executionEventDto>;

export const auditEventDto = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorName: z.string(),
  action: z.string(),
  executionId: z.string().nullable(),
  details: z.unknown(),
});
