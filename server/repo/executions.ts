/**
 * Persistence of executions, steps, attempts and the event feed. Every state change goes
 * through a conditional update (`WHERE state = <expected>`), so concurrent callers (ten
 * approvals at once, two runners) cannot both win.
 */
import type { ExecutionState, RackNow, StepState } from "~/lib/execution/state-machine.ts";
import {
  rackAllows,
  transition,
  type ExecutionEvent as Change,
} from "~/lib/execution/state-machine.ts";
import type { ExecutionMode, Plan } from "~/lib/plan/types.ts";
import type { SledLedgers } from "~/lib/sled/state.ts";
import { getPrisma } from "../db.ts";
import { type Prisma } from "../generated/prisma/client.ts";
import { readPlan, toJson, type Json } from "./json.ts";
import { notifyExecution, notifyLive } from "./notify.ts";

export type { Json };

export async function createExecution(input: {
  rackId: string;
  parentBlueprintId: string;
  targetBlueprintId: string;
  plan: Plan;
  planHash: string;
  requestedById: string;
  comment: string;
  /** lib/policy results at request time, kept with the execution (one transaction). */
  policy?: unknown[];
  requiredApprovals?: number;
  /** Null or absent: an unlinked rack's execution. */
  mode?: ExecutionMode | null;
  /** lib/execution/change-summary ChangeSummary. */
  changes?: unknown;
}): Promise<{ id: string }> {
  const created = await getPrisma().execution.create({
    data: {
      requiredApprovals: input.requiredApprovals ?? 1,
      ...(input.changes ? { changes: toJson(input.changes) } : {}),
      ...(input.policy ? { policy: { create: { results: toJson(input.policy) } } } : {}),
      mode: input.mode ?? null,
      rackId: input.rackId,
      parentBlueprintId: input.parentBlueprintId,
      targetBlueprintId: input.targetBlueprintId,
      plan: toJson(input.plan),
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
  await notifyExecution(created.id);
  return created;
}

const people = {
  requestedBy: { select: { id: true, name: true } },
  decidedBy: { select: { id: true, name: true } },
} as const;

/** The execution with its plan read as a Plan (a corrupt plan throws, naming the execution). */
export async function getExecution(id: string) {
  const row = await getPrisma().execution.findUnique({ where: { id }, include: people });
  return row ? { ...row, plan: readPlan(row.plan, row.id) } : null;
}

export type ExecutionRow = NonNullable<Awaited<ReturnType<typeof getExecution>>>;
/** What lists show: everything but the plan. */
export type ExecutionSummaryRow = Omit<ExecutionRow, "plan">;

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
  await notifyExecution(id);
  return { ok: true, state: t.state };
}

/** The oldest other execution of the rack in one of `states` (default: approved or running). */
export async function activeExecution(
  rackId: string,
  exceptId: string | null = null,
  states: readonly ExecutionState[] = ["approved", "running"],
  db: Prisma.TransactionClient = getPrisma(),
): Promise<{ id: string; state: ExecutionState } | null> {
  return db.execution.findFirst({
    where: { rackId, state: { in: [...states] }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, state: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The rack's current blueprint and the execution holding it, read without a lock (a hint only). */
export async function rackNow(
  rackId: string,
  exceptId: string,
  blockedBy: readonly ExecutionState[],
): Promise<RackNow> {
  const rack = await getPrisma().rack.findUnique({
    where: { id: rackId },
    select: {
      currentBlueprintId: true,
      executions: {
        where: { state: { in: [...blockedBy] }, id: { not: exceptId } },
        select: { id: true, state: true },
        orderBy: { createdAt: "asc" },
        take: 1,
      },
    },
  });
  return {
    currentBlueprintId: rack?.currentBlueprintId ?? null,
    active: rack?.executions[0] ?? null,
  };
}

export type GuardedChange =
  | { ok: true; state: ExecutionState }
  | { ok: false; why: "moved" | "busy" | "changed"; reason: string; rack?: RackNow };

/**
 * `changeState` for the changes that commit a rack to an execution (approve, start): made
 * only if the rack's current blueprint is still the execution's parent and no other execution
 * of the rack is in `blockedBy`, decided under a lock on the rack's row. Two approvers of two
 * siblings, or two runners starting them, are serialised by it, and the second sees the first.
 *
 * Why a row lock: a check and an update in ONE statement would not do (under READ COMMITTED
 * the statement's snapshot predates the lock it waits for, so it would miss the sibling the
 * lock holder approved); a partial unique index over (rackId) for approved/running would, but
 * it cannot say "the parent is still current", and its migration would fail on a database that
 * already holds two approved siblings (what this rule is there to prevent). FOR NO KEY UPDATE
 * rather than FOR UPDATE: it still conflicts with itself and with the finishing execution's
 * UPDATE of the rack's current blueprint, but not with the foreign-key checks of new
 * executions and blueprints of the rack, which need not wait for an approval.
 */
export async function changeStateOnRack(
  id: string,
  guard: { rackId: string; parentBlueprintId: string; blockedBy: readonly ExecutionState[] },
  from: ExecutionState,
  change: Change,
  data: Omit<Prisma.ExecutionUncheckedUpdateManyInput, "state"> = {},
  where: Prisma.ExecutionWhereInput = {},
  /**
   * Runs under the rack's lock once the rack allows the change, before it is made; `hold`
   * commits what the gate wrote and answers `result` without changing the state (an approval
   * that is not yet the last one needed).
   */
  gate?: (tx: Prisma.TransactionClient) => Promise<{ hold: GuardedChange } | null>,
): Promise<GuardedChange> {
  const t = transition(from, change);
  if (!t.ok) return { ok: false, why: "changed", reason: t.reason };
  return getPrisma().$transaction(async (tx): Promise<GuardedChange> => {
    const locked = await tx.$queryRaw<{ currentBlueprintId: string | null }[]>`
      SELECT "currentBlueprintId"::text FROM "Rack" WHERE "id" = ${guard.rackId}::uuid FOR NO KEY UPDATE`;
    const rack: RackNow = {
      currentBlueprintId: locked[0]?.currentBlueprintId ?? null,
      active: await activeExecution(guard.rackId, id, guard.blockedBy, tx),
    };
    const verdict = rackAllows(guard.parentBlueprintId, rack);
    if (!verdict.ok) return { ...verdict, rack };
    const held = gate ? await gate(tx) : null;
    if (held) {
      // An approval recorded (not yet the last one needed) changes what approvers see.
      if (held.hold.ok) await notifyExecution(id, tx);
      return held.hold;
    }
    const res = await tx.execution.updateMany({
      where: { ...where, id, state: from },
      data: { ...data, state: t.state },
    });
    if (res.count !== 1)
      return {
        ok: false,
        why: "changed",
        reason: "the execution changed meanwhile; reload and try again",
      };
    await tx.executionEvent.create({
      data: { executionId: id, type: `execution.${t.state}`, stepId: null, data: {} },
    });
    await notifyExecution(id, tx); // delivered when this transaction commits
    return { ok: true, state: t.state };
  });
}

export interface ApprovalInput {
  executionId: string;
  planHash: string;
  user: { id: string; name: string };
  comment: string;
  required: number;
}

/**
 * The approval gate of `changeStateOnRack`: under the rack's lock (which serialises every
 * approval of the rack's executions), records this approver's approval of `planHash` and lets
 * the execution become approved only once `required` distinct approvers have approved. An
 * approver approving twice, or an execution no longer awaiting approval of that plan, changes
 * nothing.
 */
export function approvalGate(input: ApprovalInput) {
  return async (tx: Prisma.TransactionClient): Promise<{ hold: GuardedChange } | null> => {
    const changed = (reason: string) => ({
      hold: { ok: false as const, why: "changed" as const, reason },
    });
    const exec = await tx.execution.findUnique({
      where: { id: input.executionId },
      select: { state: true, planHash: true },
    });
    if (exec?.state !== "awaiting_approval" || exec.planHash !== input.planHash)
      return changed("the execution changed meanwhile; reload and try again");
    const inserted = await tx.executionApproval.createMany({
      data: [
        {
          executionId: input.executionId,
          userId: input.user.id,
          userName: input.user.name,
          planHash: input.planHash,
          comment: input.comment,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0)
      return changed(`${input.user.name} has already approved this execution`);
    const count = await tx.executionApproval.count({
      where: { executionId: input.executionId, planHash: input.planHash },
    });
    if (count >= input.required) return null;
    await tx.executionEvent.create({
      data: {
        executionId: input.executionId,
        type: "execution.approval",
        stepId: null,
        data: { by: input.user.name, approvals: count, required: input.required },
      },
    });
    return { hold: { ok: true, state: "awaiting_approval" } };
  };
}

export async function listApprovals(executionId: string) {
  return getPrisma().executionApproval.findMany({
    where: { executionId },
    orderBy: { at: "asc" },
    select: { userId: true, userName: true, planHash: true, comment: true, at: true },
  });
}

export type SuccessRecord =
  | { ok: true; state: "succeeded" }
  /** Every step succeeded, but another execution moved the rack's current blueprint meanwhile. */
  | { ok: true; state: "failed"; reason: string; currentBlueprintId: string | null }
  | { ok: false; reason: string };
type Ended = Extract<SuccessRecord, { ok: true }>;

/**
 * Every step of a running execution succeeded: it ends `succeeded`, its target becomes the
 * rack's current blueprint, and the console records the generations it left each sled at.
 * The move is a conditional update (`WHERE currentBlueprintId = parent`): if another
 * execution moved the rack first, this one ends `failed` with that reason instead of claiming
 * a success the console's records would not show, so two finishing executions can never both
 * win. The ledgers are written either way: the sleds do hold them. One transaction.
 */
export async function finishSucceeded(input: {
  executionId: string;
  rackId: string;
  parentBlueprintId: string;
  targetBlueprintId: string;
  steps: number;
  ledgers: { sledId: string; final: SledLedgers }[];
  /**
   * A Nexus-mode execution made the target Nexus's target, which a linked rack's current
   * blueprint follows (the poller, server/repo/nexus.ts `followTarget`): a rack already at the
   * target is this execution's doing, not another's.
   */
  targetFollowed?: boolean;
}): Promise<SuccessRecord> {
  const { executionId: id } = input;
  for (const outcome of ["succeeded", "failed"] as const) {
    const t = transition("running", { type: "finish", outcome });
    if (!t.ok) return t;
  }
  return getPrisma().$transaction(async (tx): Promise<SuccessRecord> => {
    // The execution first (it must still be running: a cancellation may have won), then the rack.
    const ended = await tx.execution.updateMany({
      where: { id, state: "running" },
      data: { state: "succeeded", finishedAt: new Date(), outcome: { succeeded: input.steps } },
    });
    if (ended.count !== 1)
      return { ok: false, reason: "the execution changed meanwhile; reload and try again" };
    // One statement for the rack and every sled's ledgers (one update per sled was ~34 round
    // trips at the end of a 32-sled run).
    const ledgers = JSON.stringify(
      input.ledgers.map((l) => ({ sledId: l.sledId, ledgered: l.final })),
    );
    const moved = await tx.$queryRaw<{ moved: bigint }[]>`
      WITH rack AS (
        UPDATE "Rack" SET "currentBlueprintId" = ${input.targetBlueprintId}::uuid
         WHERE "id" = ${input.rackId}::uuid
           AND ("currentBlueprintId" = ${input.parentBlueprintId}::uuid
                OR (${input.targetFollowed === true}::boolean AND "currentBlueprintId" = ${input.targetBlueprintId}::uuid))
        RETURNING "id"
      ), sleds AS (
        UPDATE "SledAgent" AS s SET "ledgered" = v."ledgered", "updatedAt" = now()
          FROM jsonb_to_recordset(${ledgers}::jsonb) AS v("sledId" uuid, "ledgered" jsonb)
         WHERE s."sledId" = v."sledId" AND s."rackId" = ${input.rackId}::uuid
      )
      SELECT count(*) AS moved FROM rack`;
    const out: Ended =
      Number(moved[0]?.moved ?? 0) === 1
        ? { ok: true, state: "succeeded" }
        : await lostTheRack(tx, id, input.rackId);
    await tx.executionEvent.create({
      data: { executionId: id, type: `execution.${out.state}`, data: {} },
    });
    // Delivered when this transaction commits.
    await notifyExecution(id, tx);
    if (out.state === "succeeded")
      await notifyLive(
        { kind: "target", rackId: input.rackId, blueprintId: input.targetBlueprintId },
        tx,
      );
    return out;
  });
}

/** The rack's current blueprint moved while `id` ran: it ends failed, saying so. */
async function lostTheRack(
  tx: Prisma.TransactionClient,
  id: string,
  rackId: string,
): Promise<Ended> {
  const rack = await tx.rack.findUnique({
    where: { id: rackId },
    select: { currentBlueprintId: true },
  });
  const currentBlueprintId = rack?.currentBlueprintId ?? null;
  const reason = `the rack's current blueprint moved to ${currentBlueprintId ?? "none"} while this ran; the sleds hold this target`;
  await tx.execution.update({
    where: { id },
    data: {
      state: "failed",
      outcome: { failedSteps: [], rootFailure: null, reason, currentBlueprintId },
    },
  });
  return { ok: true, state: "failed", reason, currentBlueprintId };
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
): Promise<ExecutionSummaryRow[]> {
  return getPrisma().execution.findMany({
    where: {
      rackId: filter.rackId,
      state: filter.state,
      requestedById: filter.requestedById,
      createdAt: { gte: filter.since, lte: filter.until },
    },
    orderBy: { createdAt: "desc" },
    take,
    include: people,
    omit: { plan: true },
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
