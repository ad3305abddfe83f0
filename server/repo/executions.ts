/**
 * Persistence of executions, steps, attempts and the event feed. Every state change goes
 * through a conditional update (`WHERE state = <expected>`), so concurrent callers (ten
 * approvals at once, two runners) cannot both win.
 */
import type { ExecutionState, StepState } from "../../lib/execution/state-machine.ts";
import { transition, type ExecutionEvent as Change } from "../../lib/execution/state-machine.ts";
import type { Plan } from "../../lib/plan/types.ts";
import { getPrisma } from "../db.ts";
import { type Prisma } from "../generated/prisma/client.ts";

export type Json = Prisma.InputJsonValue;

export async function createExecution(input: {
  rackId: string;
  parentBlueprintId: string;
  targetBlueprintId: string;
  plan: Plan;
  planHash: string;
  requestedById: string;
  comment: string;
}): Promise<{ id: string }> {
  return getPrisma().execution.create({
    data: {
      rackId: input.rackId,
      parentBlueprintId: input.parentBlueprintId,
      targetBlueprintId: input.targetBlueprintId,
      plan: input.plan as unknown as Json, // a Plan is plain JSON by construction (lib/plan/types.ts)
      planHash: input.planHash,
      requestedById: input.requestedById,
      comment: input.comment,
      steps: {
        create: input.plan.steps.map((s, seq) => ({ stepId: s.id, seq, sledId: s.sledId })),
      },
      events: { create: { type: "execution.requested", data: { steps: input.plan.steps.length } } },
    },
    select: { id: true },
  });
}

export async function getExecution(id: string) {
  return getPrisma().execution.findUnique({
    where: { id },
    include: {
      requestedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
    },
  });
}

export type ExecutionRow = NonNullable<Awaited<ReturnType<typeof getExecution>>>;

/**
 * Applies a state-machine event if the execution is still in `from` (and, for approvals, still
 * has the plan hash the approver saw). Returns the refusal reason when it is not.
 */
export async function changeState(
  id: string,
  from: ExecutionState,
  change: Change,
  data: Omit<Prisma.ExecutionUncheckedUpdateManyInput, "state"> = {},
  where: Prisma.ExecutionWhereInput = {},
): Promise<{ ok: true; state: ExecutionState } | { ok: false; reason: string }> {
  const t = transition(from, change);
  if (!t.ok) return t;
  const res = await getPrisma().execution.updateMany({
    where: { ...where, id, state: from },
    data: { ...data, state: t.state },
  });
  if (res.count !== 1)
    return { ok: false, reason: "the execution changed meanwhile; reload and try again" };
  await appendEvent(id, `execution.${t.state}`, null, {});
  return { ok: true, state: t.state };
}

export async function appendEvent(
  executionId: string,
  type: string,
  stepId: string | null,
  data: Json,
): Promise<void> {
  await getPrisma().executionEvent.create({ data: { executionId, type, stepId, data } });
}

/** Events above `afterId` in id order, leaving out the ids in `except` (already delivered). */
export async function eventsSince(
  executionId: string,
  afterId: bigint,
  except: readonly bigint[] = [],
  limit = 500,
) {
  const id = except.length > 0 ? { gt: afterId, notIn: [...except] } : { gt: afterId };
  return getPrisma().executionEvent.findMany({
    where: { executionId, id },
    orderBy: { id: "asc" },
    take: limit,
  });
}

export async function listSteps(executionId: string) {
  return getPrisma().executionStep.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
}

export async function listAttempts(executionId: string, stepId?: string) {
  return getPrisma().stepAttempt.findMany({
    where: { executionId, ...(stepId ? { stepId } : {}) },
    orderBy: [{ stepId: "asc" }, { attempt: "asc" }],
  });
}

/**
 * Ends a step without an attempt to finish (skipped, cancelled, failed before sending, or
 * after waiting for reconciliation): its state, error and finishedAt, and the event `type`
 * with `data`, in one statement. Returns the execution's state as of that statement (the
 * scheduler's cancellation check comes with it).
 */
export async function endStep(
  executionId: string,
  stepId: string,
  state: Exclude<StepState, "pending" | "running">,
  error: string | null,
  event: { type: string; data: Json },
): Promise<{ executionState: ExecutionState | null }> {
  const rows = await getPrisma().$queryRaw<
    { ended: boolean; state: ExecutionState | null }[]
  >`/* prepared */
    WITH step AS (
      UPDATE "ExecutionStep" SET "state" = ${state}::"StepState", "error" = ${error}::text, "finishedAt" = now()
       WHERE "executionId" = ${executionId}::uuid AND "stepId" = ${stepId}
      RETURNING "executionId", "stepId"
    ), event AS (
      INSERT INTO "ExecutionEvent" ("executionId", "type", "stepId", "data")
      SELECT step."executionId", ${event.type}::text, step."stepId", ${JSON.stringify(event.data)}::jsonb FROM step
    )
    SELECT EXISTS (SELECT 1 FROM step) AS "ended", (SELECT "state"::text FROM "Execution" WHERE "id" = ${executionId}::uuid) AS "state"`;
  if (!rows[0]?.ended) throw new Error(`step ${stepId} of execution ${executionId} does not exist`);
  return { executionState: rows[0].state };
}

export async function setStepState(
  executionId: string,
  stepId: string,
  state: StepState,
  data: Prisma.ExecutionStepUpdateInput = {},
): Promise<void> {
  await getPrisma().executionStep.update({
    where: { executionId_stepId: { executionId, stepId } },
    data: { ...data, state },
  });
}

export async function listExecutions(
  filter: {
    rackId?: string;
    state?: ExecutionState;
    requestedById?: string;
    since?: Date;
    until?: Date;
  },
  take = 100,
) {
  return getPrisma().execution.findMany({
    where: {
      rackId: filter.rackId,
      state: filter.state,
      requestedById: filter.requestedById,
      createdAt: { gte: filter.since, lte: filter.until },
    },
    orderBy: { createdAt: "desc" },
    take,
    include: {
      requestedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
    },
  });
}

export async function markFinished(id: string): Promise<void> {
  await getPrisma().execution.updateMany({
    where: { id, finishedAt: null },
    data: { finishedAt: new Date() },
  });
}

/** Step counts by state for several executions, in one query. */
export async function stepCounts(
  ids: string[],
): Promise<Map<string, Partial<Record<StepState, number>>>> {
  const rows = await getPrisma().executionStep.groupBy({
    by: ["executionId", "state"],
    where: { executionId: { in: ids } },
    _count: { _all: true },
  });
  const out = new Map<string, Partial<Record<StepState, number>>>();
  for (const r of rows)
    out.set(r.executionId, { ...out.get(r.executionId), [r.state]: r._count._all });
  return out;
}

/** An execution that ends before its steps run (stale, rejected, cancelled early): close them with the reason. */
export async function closePendingSteps(
  executionId: string,
  state: "skipped" | "cancelled",
  error: string,
): Promise<void> {
  await getPrisma().executionStep.updateMany({
    where: { executionId, state: "pending" },
    data: { state, error, finishedAt: new Date() },
  });
}

/** Just the state (no joins): the scheduler's cancellation check when no step has finished lately. */
export async function getExecutionState(id: string): Promise<ExecutionState | null> {
  return (
    (await getPrisma().execution.findUnique({ where: { id }, select: { state: true } }))?.state ??
    null
  );
}
