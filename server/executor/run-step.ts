/**
 * One plan step: send its request, retrying what may succeed on a second try, and record
 * every attempt before and after the call — one statement each; the one after the call also
 * carries what follows (`step.retrying`, `step.reconciling`, or the step's end). A
 * `reconciler` step is done only when inventory shows its generation reconciled with every
 * item ok.
 */
import type { RequestStep } from "~/lib/plan/types.ts";
import type { ExecutionState } from "~/lib/execution/state-machine.ts";
import {
  finishAttempt,
  LeaseLostError,
  startAttempt,
  type AfterAttempt,
} from "../repo/attempts.ts";
import { appendEvent, type Json } from "../repo/executions.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import type { CallResult } from "../sled-agent/http-call.ts";
import { awaitReconciliation } from "../sled-agent/reconciliation.ts";
import { sleep } from "../util/sleep.ts";
import { classifyAttempt, type AttemptVerdict, type StepOutcome } from "./classify-attempt.ts";
import { backoffMs, type ExecutorConfig } from "./config.ts";

export type { StepOutcome };

/**
 * The outcome, and whether its step's final state and `step.<state>` event are already written
 * (with the last attempt, in one statement); then `executionState` is the execution's state as
 * that statement saw it. Otherwise the caller records the end (reconciliation, cancellation).
 */
export type StepRun = StepOutcome & {
  recorded: boolean;
  executionState: ExecutionState | null;
  /**
   * Another runner drives the execution now (this one's lease lapsed): its attempt could not be
   * started, or had been closed by the successor. Nothing more is written for the step.
   */
  superseded?: true;
};

export interface StepContext {
  executionId: string;
  runner: string;
  client: SledAgentClient;
  cfg: ExecutorConfig;
  /** Aborted when the execution is cancelled or the lease is lost. */
  signal: AbortSignal;
  /** Aborted when the lease is lost: the step's end is then the next runner's to record. */
  stop?: AbortSignal;
  /** A runner that died had started the step: its `step.started` is already in the feed. */
  resumed?: boolean;
}

export async function runStep(step: RequestStep, ctx: StepContext): Promise<StepRun> {
  const url = `${ctx.client.baseUrl}${step.path}`;
  for (let n = 1; ; n++) {
    const first = n === 1 && !ctx.resumed; // `step.started` once per step, whoever runs it
    if (ctx.signal.aborted) {
      if (first) await appendEvent(ctx.executionId, "step.started", step.id, {});
      const error =
        n === 1
          ? "stopped before the request was sent"
          : `stopped after attempt ${n - 1}: not retried`;
      return unrecorded({ ok: false, error, cancelled: true });
    }
    // One statement: the step counts the attempt, the attempt row, `step.started` (first attempt) and `attempt.started`.
    let attempt: { id: bigint; attempt: number };
    try {
      attempt = await startAttempt({
        executionId: ctx.executionId,
        stepId: step.id,
        runner: ctx.runner,
        method: step.method,
        url,
        requestBody: step.body as Json,
        stepStarted: first,
      });
    } catch (e) {
      if (e instanceof LeaseLostError) return superseded(e.message);
      throw e;
    }
    const r = await ctx.client.send(step.endpoint, step.body, { timeoutMs: ctx.cfg.callTimeoutMs });
    const verdict = classifyAttempt(r, n, ctx.cfg, step);
    const delay = !verdict.sent && !verdict.outcome ? backoffMs(n, ctx.cfg) : 0;
    const end = verdict.outcome !== null && !ctx.stop?.aborted; // a lost lease leaves the step to the next runner
    // What follows is known before recording, so the attempt's end and the step's next event are one statement.
    const finished = await finishAttempt(
      attempt.id,
      {
        status: r.status,
        responseBody: responseBody(r),
        error: verdict.error,
        errorKind: verdict.errorKind,
        durationMs: r.timings.durationMs,
      },
      { executionId: ctx.executionId, stepId: step.id, attempt: attempt.attempt },
      afterAttempt(verdict, end, step.generation, delay),
    );
    if (finished.superseded)
      return superseded("the attempt was closed by the execution's next runner");
    if (verdict.outcome)
      return { ...verdict.outcome, recorded: end, executionState: finished.executionState };
    if (verdict.sent) return unrecorded(await awaitReconciled(step, ctx));
    await sleep(delay, ctx.signal);
  }
}

const unrecorded = (o: StepOutcome): StepRun => ({ ...o, recorded: false, executionState: null });

const superseded = (error: string): StepRun => ({
  ok: false,
  error,
  cancelled: true,
  recorded: true,
  executionState: null,
  superseded: true,
});

/** What an attempt's record keeps of the answer: the body, or an HTTP error's body. */
function responseBody(r: CallResult<unknown>): Json | null {
  if (r.ok) return r.body ?? null;
  return r.failure.kind === "http" ? (r.failure.body ?? null) : null;
}

/** The event written in the same statement as the attempt's end. */
function afterAttempt(
  verdict: AttemptVerdict,
  end: boolean,
  generation: number,
  delayMs: number,
): AfterAttempt {
  const { outcome } = verdict;
  if (outcome) {
    if (!end) return { kind: "none" };
    return outcome.ok
      ? { kind: "end", state: "succeeded", error: null }
      : { kind: "end", state: "failed", error: outcome.error };
  }
  return verdict.sent ? { kind: "reconciling", generation } : { kind: "retrying", delayMs };
}

/** After the PUT (whose statement appended `step.reconciling`): wait for inventory. */
async function awaitReconciled(step: RequestStep, ctx: StepContext): Promise<StepOutcome> {
  const out = await awaitReconciliation(ctx.client, step.generation, {
    timeoutMs: ctx.cfg.reconcileTimeoutMs,
    pollMs: ctx.cfg.reconcilePollMs,
    per: { timeoutMs: ctx.cfg.callTimeoutMs, signal: ctx.signal },
  });
  // Cancelled (or the lease lost) mid-wait: the aborted inventory read is no failure of the sled.
  if (ctx.signal.aborted && (out.kind === "timed-out" || out.kind === "unreachable")) {
    return {
      ok: false,
      error: `stopped while waiting for generation ${step.generation} to be reconciled`,
      cancelled: true,
    };
  }
  switch (out.kind) {
    case "succeeded":
      return { ok: true };
    case "failed":
      return {
        ok: false,
        error: `generation ${out.reconciled} reconciled with errors: ${out.errors.join("; ")}`,
      };
    case "timed-out":
      return {
        ok: false,
        error: `generation ${step.generation} was not reconciled within ${ctx.cfg.reconcileTimeoutMs} ms`,
      };
    case "unreachable":
      return {
        ok: false,
        error: `inventory unavailable while waiting for reconciliation: ${out.failure.message}`,
      };
    default:
      return out satisfies never;
  }
}
