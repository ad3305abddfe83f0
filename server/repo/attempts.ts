/**
 * Step attempts: each HTTP attempt is written before the call and completed after it, so a
 * crash leaves an open attempt that the next runner marks `abandoned` instead of losing it.
 */
import { getPrisma } from "../db.ts";
import type { Json } from "./executions.ts";

export async function startAttempt(input: {
  executionId: string;
  stepId: string;
  runner: string;
  method: string;
  url: string;
  requestBody: Json;
}): Promise<{ id: bigint; attempt: number }> {
  return getPrisma().$transaction(async (tx) => {
    const key = { executionId_stepId: { executionId: input.executionId, stepId: input.stepId } };
    const before = await tx.executionStep.findUniqueOrThrow({ where: key, select: { startedAt: true } });
    // startedAt is the first attempt's start; later attempts only count.
    const step = await tx.executionStep.update({
      where: key,
      data: { attemptCount: { increment: 1 }, state: "running", startedAt: before.startedAt ?? new Date() },
      select: { attemptCount: true },
    });
    const row = await tx.stepAttempt.create({ data: { ...input, attempt: step.attemptCount }, select: { id: true, attempt: true } });
    await tx.executionEvent.create({
      data: { executionId: input.executionId, type: "attempt.started", stepId: input.stepId, data: { attempt: row.attempt, runner: input.runner } },
    });
    return row;
  });
}

export async function finishAttempt(
  id: bigint,
  result: { status: number | null; responseBody: Json | null; error: string | null; errorKind: string | null; durationMs: number },
  event: { executionId: string; stepId: string; attempt: number },
): Promise<void> {
  await getPrisma().$transaction([
    getPrisma().stepAttempt.update({
      where: { id },
      data: { ...result, responseBody: result.responseBody ?? undefined, finishedAt: new Date() },
    }),
    getPrisma().executionEvent.create({
      data: {
        executionId: event.executionId,
        type: "attempt.finished",
        stepId: event.stepId,
        data: { attempt: event.attempt, status: result.status, error: result.error, errorKind: result.errorKind, durationMs: result.durationMs },
      },
    }),
  ]);
}

/** Attempts a dead runner left open: closed as abandoned (the step will be re-sent). */
export async function abandonOpenAttempts(executionId: string, byRunner: string): Promise<number> {
  const res = await getPrisma().stepAttempt.updateMany({
    where: { executionId, finishedAt: null },
    data: { finishedAt: new Date(), errorKind: "abandoned", error: `the runner stopped before the call finished; re-sent by ${byRunner}` },
  });
  return res.count;
}
