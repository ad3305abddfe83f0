/**
 * One plan step: send its request, retrying what may succeed on a second try, and record
 * every attempt before and after the call — one statement each; the one after the call also
 * carries what follows (`step.retrying`, `step.reconciling`, or the step's end). A
 * `reconciler` step is done only when inventory shows its generation reconciled with every
 * item ok.
 */
import type { RequestStep } from "../../lib/plan/types.ts";
import type { ExecutionState } from "../../lib/execution/state-machine.ts";
import { finishAttempt, startAttempt, type AfterAttempt } from "../repo/attempts.ts";
import { appendEvent, type Json } from "../repo/executions.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import type { CallResult } from "../sled-agent/http-call.ts";
import { awaitReconciliation } from "../sled-agent/reconciliation.ts";
import { backoffMs, type ExecutorConfig } from "./config.ts";

export type StepOutcome = { ok: true } | { ok: false; error: string; cancelled?: boolean };

/**
 * The outcome, and whether its step's final state and `step.<state>` event are already written
 * (with the last attempt, in one statement); then `executionState` is the execution's state as
 * that statement saw it. Otherwise the caller records the end (reconciliation, cancellation).
 */
export type StepRun = StepOutcome & { recorded: boolean; executionState: ExecutionState | null };

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

/** Per-item errors the split endpoints report inside a 200 (omicron counted them as failures). */
function itemErrors(body: unknown): string[] {
  const status = (
    body as
      | {
          status?: {
            err?: unknown;
            dataset_name?: { kind?: string };
            identity?: { serial?: string };
          }[];
        }
      | undefined
  )?.status;
  if (!Array.isArray(status)) return [];
  return status
    .filter((s) => s.err)
    .map(
      (s) =>
        `${s.dataset_name ? `dataset ${s.dataset_name.kind}` : `disk ${s.identity?.serial ?? "?"}`}: ${JSON.stringify(s.err)}`,
    );
}

function failureText(r: Extract<CallResult<unknown>, { ok: false }>): string {
  const m = r.failure.message;
  return r.status && !m.startsWith(`HTTP ${r.status}`) ? `HTTP ${r.status}: ${m}` : m;
}

/** Waits `ms`, or less if the execution is cancelled; leaves no listener behind. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

export async function runStep(step: RequestStep, ctx: StepContext): Promise<StepRun> {
  const url = `${ctx.client.baseUrl}${step.path}`;
  const unrecorded = (o: StepOutcome): StepRun => ({ ...o, recorded: false, executionState: null });
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
    const attempt = await startAttempt({
      executionId: ctx.executionId,
      stepId: step.id,
      runner: ctx.runner,
      method: step.method,
      url,
      requestBody: step.body as Json,
      stepStarted: first,
    });
    const r = await ctx.client.send(step.endpoint, step.body, { timeoutMs: ctx.cfg.callTimeoutMs });
    const errs = r.ok ? itemErrors(r.body) : [];
    const error = !r.ok
      ? failureText(r)
      : errs.length
        ? `the agent reported item errors: ${errs.join("; ")}`
        : null;
    const errorKind = !r.ok
      ? r.failure.retryable
        ? "retryable"
        : "fatal"
      : errs.length
        ? "fatal"
        : null;
    const sent = r.ok && !errs.length;
    // What follows is known before recording, so the attempt's end and the step's next event are one statement.
    const outcome: StepOutcome | null = sent
      ? step.awaitReconciliation
        ? null
        : { ok: true }
      : errorKind === "fatal" || n >= ctx.cfg.maxAttempts
        ? {
            ok: false,
            error:
              n >= ctx.cfg.maxAttempts && errorKind === "retryable"
                ? `gave up after ${n} attempts; last: ${error}`
                : (error ?? "failed"),
          }
        : null;
    const delay = !sent && !outcome ? backoffMs(n, ctx.cfg) : 0;
    const end = outcome !== null && !ctx.stop?.aborted; // a lost lease leaves the step to the next runner
    const after: AfterAttempt = outcome
      ? end
        ? {
            kind: "end",
            state: outcome.ok ? "succeeded" : "failed",
            error: outcome.ok ? null : outcome.error,
          }
        : { kind: "none" }
      : sent
        ? { kind: "reconciling", generation: step.generation }
        : { kind: "retrying", delayMs: delay };
    const finished = await finishAttempt(
      attempt.id,
      {
        status: r.status,
        responseBody: r.ok
          ? (r.body ?? null)
          : r.failure.kind === "http"
            ? (r.failure.body ?? null)
            : null,
        error,
        errorKind,
        durationMs: r.timings.durationMs,
      },
      { executionId: ctx.executionId, stepId: step.id, attempt: attempt.attempt },
      after,
    );
    if (outcome) return { ...outcome, recorded: end, executionState: finished.executionState };
    if (sent) return unrecorded(await awaitReconciled(step, ctx));
    await sleep(delay, ctx.signal);
  }
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
