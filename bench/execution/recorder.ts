/**
 * Times every query the executor makes, through a Prisma query extension, and the recording of
 * each HTTP attempt. server/repo/attempts.ts writes the records of attempts by group commit: the
 * "before" records queued together in one statement, the "after" records likewise:
 *   before: step row update (attemptCount + 1), attempt row insert, `attempt.started`
 *     (and `step.started` on the step's first attempt)
 *   after: attempt row update, `attempt.finished`, and what follows: the step's final
 *     state and `step.<state>` on its last attempt, or `step.retrying` / `step.reconciling`
 * An attempt's recording cost is what its step waited for both: from queued to committed
 * (attempts.ts `observeRecording`), including any wait for the statement in flight. Older code
 * made one statement per record, or Prisma model queries in two transactions; those are still
 * recognised (their BEGIN/COMMIT are not queries here), so results stay comparable.
 * Everything else (steps ended apart from an attempt, skipped steps, the cancellation check) is
 * counted per execution. A query's time is from Prisma's call to its result; the end-to-end
 * comparison (executor vs the same schedule without a database, part.ts) is the other half of
 * the answer.
 */
import { observeRecording, type RecordingObservation } from "~/server/repo/attempts.ts";
import type { PrismaClient } from "~/server/generated/prisma/client.ts";

type Args = Record<string, unknown> | undefined;

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};

export interface AttemptRecording {
  stepId: string;
  attempt: number;
  queries: number;
  ms: number;
}

export class QueryRecorder {
  private attempts = new Map<string, AttemptRecording>();
  private currentAttempt = new Map<string, number>();
  private attemptIds = new Map<string, string>();
  other = { queries: 0, ms: 0 };
  all = { queries: 0, ms: 0 };
  /** Group-commit statements (each carries one or more attempts' records). */
  recordingStatements = { queries: 0, ms: 0 };
  private startsSeen = new Map<string, number>();

  constructor() {
    observeRecording((o) => this.observe(o));
  }

  /** One record committed by group commit: added to its attempt's cost. */
  private observe(o: RecordingObservation): void {
    let stepId: string;
    let attempt: number;
    if (o.kind === "start") {
      const item = o.item as { executionId: string; stepId: string };
      const k = `${item.executionId}/${item.stepId}`;
      attempt = (this.startsSeen.get(k) ?? 0) + 1;
      this.startsSeen.set(k, attempt);
      stepId = item.stepId;
    } else {
      const item = o.item as { event: { stepId: string; attempt: number } };
      stepId = item.event.stepId;
      attempt = item.event.attempt;
    }
    const k = `${stepId}#${attempt}`;
    const a = this.attempts.get(k) ?? { stepId, attempt, queries: 0, ms: 0 };
    a.queries += 1 / o.batch;
    a.ms += o.ms;
    this.attempts.set(k, a);
  }

  reset(): void {
    this.attempts.clear();
    this.currentAttempt.clear();
    this.attemptIds.clear();
    this.other = { queries: 0, ms: 0 };
    this.all = { queries: 0, ms: 0 };
    this.recordingStatements = { queries: 0, ms: 0 };
    this.startsSeen.clear();
  }

  attemptRecordings(): AttemptRecording[] {
    return [...this.attempts.values()];
  }

  instrument(client: PrismaClient) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the extension callback has its own `this`
    const self = this;
    return client.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          const started = performance.now();
          const result: unknown = await query(args);
          self.note(model, operation, args as Args, result, performance.now() - started);
          return result;
        },
      },
    });
  }

  private note(
    model: string | undefined,
    operation: string,
    args: Args,
    result: unknown,
    ms: number,
  ): void {
    this.all.queries++;
    this.all.ms += ms;
    if (
      operation === "$queryRaw" &&
      /jsonb_array_elements[\s\S]*"StepAttempt"/.test(
        typeof rec(args).sql === "string" ? (rec(args).sql as string) : "",
      )
    ) {
      // a group-commit statement: its attempts' costs come from observeRecording
      this.recordingStatements.queries++;
      this.recordingStatements.ms += ms;
      return;
    }
    const key = this.attemptKey(model, operation, rec(args), rec(result));
    if (!key) {
      this.other.queries++;
      this.other.ms += ms;
      return;
    }
    const [stepId, attempt] = key;
    const k = `${stepId}#${attempt}`;
    const a = this.attempts.get(k) ?? { stepId, attempt, queries: 0, ms: 0 };
    a.queries++;
    a.ms += ms;
    this.attempts.set(k, a);
  }

  /** Which attempt a recording query belongs to, or null for other queries. */
  private attemptKey(
    model: string | undefined,
    operation: string,
    args: Record<string, unknown>,
    result: Record<string, unknown>,
  ): [string, number] | null {
    if (operation === "$queryRaw") {
      // The one-statement forms: the SQL names the attempt table, the row returned names the attempt.
      const sql = typeof args.sql === "string" ? args.sql : "";
      const row = rec(Array.isArray(result) ? (result as unknown[])[0] : undefined);
      if (!/(INSERT INTO|UPDATE) "StepAttempt"/.test(sql) || typeof row.stepId !== "string")
        return null;
      return [row.stepId, Number(row.attempt)];
    }
    const data = rec(args.data);
    if (
      model === "ExecutionStep" &&
      operation === "update" &&
      rec(data.attemptCount).increment === 1
    ) {
      const stepId = String(rec(rec(args.where).executionId_stepId).stepId);
      const n = (this.currentAttempt.get(stepId) ?? 0) + 1;
      this.currentAttempt.set(stepId, n);
      return [stepId, n];
    }
    if (model === "StepAttempt" && operation === "create") {
      const stepId = String(data.stepId);
      const attempt = Number(data.attempt);
      this.attemptIds.set(String(result.id), `${stepId}#${attempt}`);
      return [stepId, attempt];
    }
    if (model === "StepAttempt" && operation === "update") {
      const k = this.attemptIds.get(String(rec(args.where).id));
      if (!k) return null;
      const [stepId = "", attempt = "0"] = k.split("#");
      return [stepId, Number(attempt)];
    }
    if (
      model === "ExecutionEvent" &&
      operation === "create" &&
      (data.type === "attempt.started" || data.type === "attempt.finished")
    ) {
      return [String(data.stepId), Number(rec(data.data).attempt)];
    }
    return null;
  }
}
