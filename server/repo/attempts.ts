/**
 * Step attempts: each HTTP attempt is written before the call and completed after it, so a
 * crash leaves an open attempt that the next runner marks `abandoned` instead of losing it.
 *
 * Both writes are ONE statement each (data-modifying CTEs, atomic like a transaction, one
 * round trip): the executor records an attempt at the rate it sends requests, and Prisma's
 * interactive transactions cost a round trip per query plus BEGIN and COMMIT (docs/ARCHITECTURE.md, "What is recorded",
 * docs/BENCHMARKS.md §3). The events they write have the same type, stepId and data as when
 * each was its own query; several events of one statement get ids in the order listed.
 */
import type { ExecutionState } from "~/lib/execution/state-machine.ts";
import { getPrisma } from "../db.ts";
import type { Json } from "./executions.ts";

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Starts attempt n of a step: the step row counts it (and becomes `running`, its startedAt
 * the first attempt's), the attempt row is inserted, and `attempt.started` is appended — after
 * `step.started` when `stepStarted` (the step's first attempt in this run).
 */
export async function startAttempt(input: {
  executionId: string;
  stepId: string;
  runner: string;
  method: string;
  url: string;
  requestBody: Json;
  /** Also append `step.started` (before `attempt.started`). */
  stepStarted?: boolean;
}): Promise<{ id: bigint; attempt: number }> {
  const { executionId, stepId, runner } = input;
  const rows = await getPrisma().$queryRaw<
    { id: bigint; stepId: string; attempt: number }[]
  >`/* prepared */
    WITH step AS (
      UPDATE "ExecutionStep"
         SET "attemptCount" = "attemptCount" + 1, "state" = 'running', "startedAt" = COALESCE("startedAt", now())
       WHERE "executionId" = ${executionId}::uuid AND "stepId" = ${stepId}
      RETURNING "attemptCount"
    ), attempt AS (
      INSERT INTO "StepAttempt" ("executionId", "stepId", "attempt", "runner", "method", "url", "requestBody")
      SELECT ${executionId}::uuid, ${stepId}::text, step."attemptCount", ${runner}::text, ${input.method}::text, ${input.url}::text, ${json(input.requestBody)}::jsonb
        FROM step
      RETURNING "id", "stepId", "attempt"
    ), events AS (
      INSERT INTO "ExecutionEvent" ("executionId", "type", "stepId", "data")
      SELECT ${executionId}::uuid, e.type, ${stepId}::text, e.data
        FROM attempt,
             LATERAL (VALUES (1, 'step.started', '{}'::jsonb),
                             (2, 'attempt.started', jsonb_build_object('attempt', attempt."attempt", 'runner', ${runner}::text))) AS e(ord, type, data)
       WHERE e.ord = 2 OR ${input.stepStarted === true}::boolean
       ORDER BY e.ord
    )
    SELECT "id", "stepId", "attempt" FROM attempt`;
  const row = rows[0];
  if (!row) throw new Error(`step ${stepId} of execution ${executionId} does not exist`);
  return { id: BigInt(row.id), attempt: Number(row.attempt) };
}

export interface AttemptResult {
  status: number | null;
  responseBody: Json | null;
  error: string | null;
  errorKind: string | null;
  durationMs: number;
}

/** What the attempt's outcome means for its step, written in the same statement. */
export type AfterAttempt =
  /** The step's last attempt: its final state and error, and `step.<state>` with data `{}` (no error) or `{error}`. */
  | { kind: "end"; state: "succeeded" | "failed" | "cancelled"; error: string | null }
  /** Another attempt follows after `delayMs`: `step.retrying` {attempt, delayMs, error}. */
  | { kind: "retrying"; delayMs: number }
  /** Sent; inventory decides: `step.reconciling` {generation}. */
  | { kind: "reconciling"; generation: number }
  /** Nothing more (e.g. the lease was lost: the next runner decides). */
  | { kind: "none" };

/**
 * Completes an attempt and appends `attempt.finished`, plus what `after` says, in one
 * statement. Returns the execution's state as of that statement, so the scheduler learns of a
 * cancellation without asking again.
 */
export async function finishAttempt(
  id: bigint,
  result: AttemptResult,
  event: { executionId: string; stepId: string; attempt: number },
  after: AfterAttempt = { kind: "none" },
): Promise<{ executionState: ExecutionState | null }> {
  const { executionId, stepId } = event;
  const durationMs = Math.round(result.durationMs);
  const finished = {
    attempt: event.attempt,
    status: result.status,
    error: result.error,
    errorKind: result.errorKind,
    durationMs,
  };
  const next =
    after.kind === "end"
      ? { type: `step.${after.state}`, data: after.error === null ? {} : { error: after.error } }
      : after.kind === "retrying"
        ? {
            type: "step.retrying",
            data: { attempt: event.attempt, delayMs: after.delayMs, error: result.error },
          }
        : after.kind === "reconciling"
          ? { type: "step.reconciling", data: { generation: after.generation } }
          : null;
  const end = after.kind === "end" ? after : null;
  const rows = await getPrisma().$queryRaw<
    { stepId: string | null; state: ExecutionState | null }[]
  >`/* prepared */
    WITH attempt AS (
      UPDATE "StepAttempt"
         SET "status" = ${result.status}::int, "responseBody" = ${result.responseBody === null ? null : json(result.responseBody)}::jsonb,
             "error" = ${result.error}::text, "errorKind" = ${result.errorKind}::text, "durationMs" = ${durationMs}::int, "finishedAt" = now()
       WHERE "id" = ${id}::bigint
      RETURNING "stepId", "attempt"
    ), step AS (
      UPDATE "ExecutionStep"
         SET "state" = ${end?.state ?? "running"}::"StepState", "error" = ${end?.error ?? null}::text, "finishedAt" = now()
       WHERE "executionId" = ${executionId}::uuid AND "stepId" = ${stepId} AND ${end !== null}::boolean AND EXISTS (SELECT 1 FROM attempt)
      RETURNING 1
    ), events AS (
      INSERT INTO "ExecutionEvent" ("executionId", "type", "stepId", "data")
      SELECT ${executionId}::uuid, e.type, ${stepId}::text, e.data
        FROM attempt,
             (VALUES (1, 'attempt.finished', ${json(finished)}::jsonb),
                     (2, ${next?.type ?? null}::text, ${next ? json(next.data) : null}::jsonb)) AS e(ord, type, data)
       WHERE e.type IS NOT NULL
       ORDER BY e.ord
    )
    SELECT attempt."stepId", attempt."attempt", (SELECT "state"::text FROM "Execution" WHERE "id" = ${executionId}::uuid) AS "state"
      FROM (SELECT 1) AS one LEFT JOIN attempt ON true`;
  if (!rows[0]?.stepId) throw new Error(`attempt ${id} does not exist`);
  return { executionState: rows[0].state };
}

/** Attempts a dead runner left open: closed as abandoned (the step will be re-sent). */
export async function abandonOpenAttempts(executionId: string, byRunner: string): Promise<number> {
  const res = await getPrisma().stepAttempt.updateMany({
    where: { executionId, finishedAt: null },
    data: {
      finishedAt: new Date(),
      errorKind: "abandoned",
      error: `the runner stopped before the call finished; re-sent by ${byRunner}`,
    },
  });
  return res.count;
}
