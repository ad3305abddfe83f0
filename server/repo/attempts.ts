/**
 * Step attempts: each HTTP attempt is written before the call and completed after it, so a
 * crash leaves an open attempt that the next runner marks `abandoned` instead of losing it.
 *
 * Group commit: the "before" records of every attempt waiting to be written go in ONE statement,
 * and the "after" records likewise. Steps that become ready together (the scheduler starts them
 * in one synchronous pass) are written together; whatever is queued while a write is in flight
 * goes in the next one. Each caller's promise resolves only once the statement holding its
 * record has committed, so the record is still durable before its call is sent. One writer per
 * process serves every execution it drives. Each statement is a set of data-modifying CTEs over
 * the batch (atomic like a transaction, one round trip): Prisma's interactive transactions cost
 * a round trip per query plus BEGIN and COMMIT (docs/ARCHITECTURE.md, "What is recorded",
 * docs/BENCHMARKS.md §3). The events written have the same type, stepId and data as when each
 * attempt had its own statement; the events of one statement get ids in the batch's order (and
 * per attempt in the order listed).
 */
import type { ExecutionState } from "~/lib/execution/state-machine.ts";
import { getPrisma } from "../db.ts";
import type { Json } from "./executions.ts";

const json = (v: unknown): string => JSON.stringify(v);

/** Most records one statement carries (a bound on the statement's size). */
const MAX_BATCH = 256;

/** What a batch write answers for one record: its result, or why it was not written. */
type Outcome<O> = { ok: true; value: O } | { ok: false; error: Error };

/**
 * Queues records and writes every queued one in one statement, one statement in flight at a
 * time. The first record of an idle writer waits for the current synchronous pass to end (a
 * microtask), so records added together go together.
 */
class GroupCommit<I extends StartInput | FinishInput, O> {
  private queue: {
    item: I;
    queuedAt: number;
    resolve: (o: O) => void;
    reject: (e: Error) => void;
  }[] = [];
  private busy = false;

  constructor(
    readonly kind: "start" | "finish",
    private readonly write: (items: I[]) => Promise<Outcome<O>[]>,
  ) {}

  add(item: I): Promise<O> {
    if (process.env.RECORDING_GROUP_COMMIT === "0") return this.alone(item);
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, queuedAt: performance.now(), resolve, reject });
      if (!this.busy) {
        this.busy = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** RECORDING_GROUP_COMMIT=0 (benchmark comparison): a statement per record, as before group commit. */
  private async alone(item: I): Promise<O> {
    const queuedAt = performance.now();
    const o = (await this.write([item]))[0] ?? missing();
    for (const l of listeners)
      l({ kind: this.kind, ms: performance.now() - queuedAt, batch: 1, item });
    if (!o.ok) throw o.error;
    return o.value;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        let out: Outcome<O>[];
        try {
          out = await this.write(batch.map((b) => b.item));
        } catch (e) {
          // The statement failed as a whole: write each record alone, so one bad record fails only itself.
          out =
            batch.length === 1
              ? [{ ok: false, error: e instanceof Error ? e : new Error(String(e)) }]
              : await Promise.all(
                  batch.map(async (b) => (await this.write([b.item]))[0] ?? missing()),
                ).catch((e2: unknown) => batch.map(() => failed(e2)));
        }
        const done = performance.now();
        batch.forEach((b, i) => {
          const o = out[i] ?? missing();
          for (const l of listeners)
            l({ kind: this.kind, ms: done - b.queuedAt, batch: batch.length, item: b.item });
          if (o.ok) b.resolve(o.value);
          else b.reject(o.error);
        });
      }
    } finally {
      this.busy = false;
    }
  }
}

const missing = (): Outcome<never> => ({
  ok: false,
  error: new Error("no result for this record"),
});
const failed = (e: unknown): Outcome<never> => ({
  ok: false,
  error: e instanceof Error ? e : new Error(String(e)),
});

/** One recorded write as its caller saw it: from queued to committed (benchmarks, tests). */
export interface RecordingObservation {
  kind: "start" | "finish";
  /** Queued → committed, ms: the time the caller waited. */
  ms: number;
  /** Records in the statement that carried it. */
  batch: number;
  item: StartInput | FinishInput;
}
const listeners = new Set<(o: RecordingObservation) => void>();

/** Calls `f` for every record written from now on; returns the way to stop. */
export function observeRecording(f: (o: RecordingObservation) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export interface StartInput {
  executionId: string;
  stepId: string;
  runner: string;
  method: string;
  url: string;
  requestBody: Json;
  /** Also append `step.started` (before `attempt.started`). */
  stepStarted?: boolean;
}

const starts = new GroupCommit<StartInput, { id: bigint; attempt: number }>("start", writeStarts);

/**
 * Starts attempt n of a step: the step row counts it (and becomes `running`, its startedAt
 * the first attempt's), the attempt row is inserted, and `attempt.started` is appended — after
 * `step.started` when `stepStarted` (the step's first attempt in this run). Resolves once
 * committed, together with the other attempts queued with it.
 */
export function startAttempt(input: StartInput): Promise<{ id: bigint; attempt: number }> {
  return starts.add(input);
}

async function writeStarts(
  items: StartInput[],
): Promise<Outcome<{ id: bigint; attempt: number }>[]> {
  const batch = items.map((i, ord) => ({
    ord,
    executionId: i.executionId,
    stepId: i.stepId,
    runner: i.runner,
    method: i.method,
    url: i.url,
    requestBody: i.requestBody,
    stepStarted: i.stepStarted === true,
  }));
  const rows = await getPrisma().$queryRaw<
    {
      ord: number;
      id: bigint | null;
      attempt: number | null;
      holder: string | null;
      known: boolean;
    }[]
  >`/* prepared */
    WITH input AS (
      SELECT (x->>'ord')::int AS ord, (x->>'executionId')::uuid AS "executionId", x->>'stepId' AS "stepId",
             x->>'runner' AS runner, x->>'method' AS method, x->>'url' AS url, x->'requestBody' AS "requestBody",
             (x->>'stepStarted')::boolean AS "stepStarted"
        FROM jsonb_array_elements(${json(batch)}::jsonb) AS x
    ), step AS (
      UPDATE "ExecutionStep" s
         SET "attemptCount" = s."attemptCount" + 1, "state" = 'running', "startedAt" = COALESCE(s."startedAt", now())
        FROM input i JOIN "Execution" x ON x."id" = i."executionId"
       WHERE s."executionId" = i."executionId" AND s."stepId" = i."stepId"
         AND (x."leaseOwner" IS NULL OR x."leaseOwner" = i.runner)
      RETURNING s."executionId", s."stepId", s."attemptCount"
    ), attempt AS (
      INSERT INTO "StepAttempt" ("executionId", "stepId", "attempt", "runner", "method", "url", "requestBody")
      SELECT i."executionId", i."stepId", step."attemptCount", i.runner, i.method, i.url, i."requestBody"
        FROM input i JOIN step ON step."executionId" = i."executionId" AND step."stepId" = i."stepId"
       ORDER BY i.ord
      RETURNING "id", "executionId", "stepId", "attempt"
    ), events AS (
      INSERT INTO "ExecutionEvent" ("executionId", "type", "stepId", "data")
      SELECT i."executionId", e.type, i."stepId", e.data
        FROM input i
        JOIN attempt a ON a."executionId" = i."executionId" AND a."stepId" = i."stepId",
             LATERAL (VALUES (1, 'step.started', '{}'::jsonb),
                             (2, 'attempt.started', jsonb_build_object('attempt', a."attempt", 'runner', i.runner))) AS e(ord, type, data)
       WHERE e.ord = 2 OR i."stepStarted"
       ORDER BY i.ord, e.ord
    )
    SELECT i.ord, a."id", a."attempt", x."leaseOwner" AS "holder", x."id" IS NOT NULL AS "known"
      FROM input i
      LEFT JOIN attempt a ON a."executionId" = i."executionId" AND a."stepId" = i."stepId"
      LEFT JOIN "Execution" x ON x."id" = i."executionId"`;
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  return items.map((i, ord) => {
    const row = byOrd.get(ord);
    if (row?.id !== null && row?.id !== undefined)
      return { ok: true, value: { id: BigInt(row.id), attempt: Number(row.attempt) } };
    if (row?.known && row.holder !== null && row.holder !== i.runner)
      return { ok: false, error: new LeaseLostError(i.executionId, i.runner, row.holder) };
    return {
      ok: false,
      error: new Error(`step ${i.stepId} of execution ${i.executionId} does not exist`),
    };
  });
}

/**
 * Fencing: another process holds the execution's lease (this one's lapsed, e.g. while it was
 * starved of CPU), so this runner may not start attempts of it any more.
 */
export class LeaseLostError extends Error {
  constructor(executionId: string, runner: string, holder: string) {
    super(`execution ${executionId} is driven by ${holder} now, not ${runner}: its lease lapsed`);
    this.name = "LeaseLostError";
  }
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

export interface FinishInput {
  id: bigint;
  result: AttemptResult;
  event: { executionId: string; stepId: string; attempt: number };
  after: AfterAttempt;
}

/** The execution's state as the statement saw it; `superseded`: the attempt had been closed by the next runner, nothing written. */
export interface Finished {
  executionState: ExecutionState | null;
  superseded?: true;
}

const finishes = new GroupCommit<FinishInput, Finished>("finish", writeFinishes);

/**
 * Completes an attempt and appends `attempt.finished`, plus what `after` says, in one
 * statement (with the other attempts' ends queued with it). Returns the execution's state as
 * of that statement, so the scheduler learns of a cancellation without asking again.
 */
export function finishAttempt(
  id: bigint,
  result: AttemptResult,
  event: { executionId: string; stepId: string; attempt: number },
  after: AfterAttempt = { kind: "none" },
): Promise<Finished> {
  return finishes.add({ id, result, event, after });
}

async function writeFinishes(items: FinishInput[]): Promise<Outcome<Finished>[]> {
  const batch = items.map(({ id, result, event, after }, ord) => {
    const durationMs = Math.round(result.durationMs);
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
    return {
      ord,
      id: id.toString(),
      executionId: event.executionId,
      stepId: event.stepId,
      status: result.status,
      // SQL NULL when there is no body (a JSON null body is stored as no body, as before)
      responseBody: result.responseBody,
      error: result.error,
      errorKind: result.errorKind,
      durationMs,
      endState: end?.state ?? null,
      endError: end?.error ?? null,
      finished: {
        attempt: event.attempt,
        status: result.status,
        error: result.error,
        errorKind: result.errorKind,
        durationMs,
      },
      nextType: next?.type ?? null,
      nextData: next?.data ?? null,
    };
  });
  const rows = await getPrisma().$queryRaw<
    { ord: number; stepId: string | null; state: ExecutionState | null; exists: boolean }[]
  >`/* prepared */
    WITH input AS (
      SELECT (x->>'ord')::int AS ord, (x->>'id')::bigint AS id, (x->>'executionId')::uuid AS "executionId",
             x->>'stepId' AS "stepId", (x->>'status')::int AS status,
             NULLIF(x->'responseBody', 'null'::jsonb) AS "responseBody", x->>'error' AS error,
             x->>'errorKind' AS "errorKind", (x->>'durationMs')::int AS "durationMs",
             x->>'endState' AS "endState", x->>'endError' AS "endError", x->'finished' AS finished,
             x->>'nextType' AS "nextType", x->'nextData' AS "nextData"
        FROM jsonb_array_elements(${json(batch)}::jsonb) AS x
    ), attempt AS (
      UPDATE "StepAttempt" a
         SET "status" = i.status, "responseBody" = i."responseBody", "error" = i.error,
             "errorKind" = i."errorKind", "durationMs" = i."durationMs", "finishedAt" = now()
        FROM input i
       WHERE a."id" = i.id AND a."finishedAt" IS NULL
      RETURNING a."id", a."stepId", a."attempt"
    ), step AS (
      UPDATE "ExecutionStep" s
         SET "state" = i."endState"::"StepState", "error" = i."endError", "finishedAt" = now()
        FROM input i JOIN attempt a ON a."id" = i.id
       WHERE s."executionId" = i."executionId" AND s."stepId" = i."stepId" AND i."endState" IS NOT NULL
      RETURNING 1
    ), events AS (
      INSERT INTO "ExecutionEvent" ("executionId", "type", "stepId", "data")
      SELECT i."executionId", e.type, i."stepId", e.data
        FROM input i JOIN attempt a ON a."id" = i.id,
             LATERAL (VALUES (1, 'attempt.finished', i.finished),
                             (2, i."nextType", i."nextData")) AS e(ord, type, data)
       WHERE e.type IS NOT NULL
       ORDER BY i.ord, e.ord
    )
    SELECT i.ord, a."stepId", x."state"::text AS "state",
           EXISTS (SELECT 1 FROM "StepAttempt" o WHERE o."id" = i.id) AS "exists"
      FROM input i
      LEFT JOIN attempt a ON a."id" = i.id
      LEFT JOIN "Execution" x ON x."id" = i."executionId"`;
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  return items.map((i, ord) => {
    const row = byOrd.get(ord);
    if (row?.stepId) return { ok: true, value: { executionState: row.state } };
    // Closed already: the execution's next runner took over (its lease had lapsed) and closed
    // it as abandoned before re-sending. That record stands; this runner writes nothing more.
    if (row?.exists) return { ok: true, value: { executionState: row.state, superseded: true } };
    return { ok: false, error: new Error(`attempt ${i.id} does not exist`) };
  });
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
