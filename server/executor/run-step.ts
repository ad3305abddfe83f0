/**
 * One plan step: send its request, retrying what may succeed on a second try, and record
 * every attempt before and after the call. A `reconciler` step is done only when inventory
 * shows its generation reconciled with every item ok.
 */
import type { PlanStep } from "../../lib/plan/types.ts";
import { finishAttempt, startAttempt } from "../repo/attempts.ts";
import { appendEvent, type Json } from "../repo/executions.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import type { CallResult } from "../sled-agent/http-call.ts";
import { awaitReconciliation } from "../sled-agent/reconciliation.ts";
import { backoffMs, type ExecutorConfig } from "./config.ts";

export type StepOutcome = { ok: true } | { ok: false; error: string; cancelled?: boolean };

export interface StepContext {
  executionId: string;
  runner: string;
  client: SledAgentClient;
  cfg: ExecutorConfig;
  /** Aborted when the execution is cancelled or the lease is lost. */
  signal: AbortSignal;
}

/** Per-item errors the split endpoints report inside a 200 (omicron counted them as failures). */
function itemErrors(body: unknown): string[] {
  const status = (body as { status?: { err?: unknown; dataset_name?: { kind?: string }; identity?: { serial?: string } }[] } | undefined)?.status;
  if (!Array.isArray(status)) return [];
  return status
    .filter((s) => s.err)
    .map((s) => `${s.dataset_name ? `dataset ${s.dataset_name.kind}` : `disk ${s.identity?.serial ?? "?"}`}: ${JSON.stringify(s.err)}`);
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

export async function runStep(step: PlanStep, ctx: StepContext): Promise<StepOutcome> {
  const url = `${ctx.client.baseUrl}${step.path}`;
  for (let n = 1; ; n++) {
    if (ctx.signal.aborted) return { ok: false, error: "stopped before the request was sent", cancelled: true };
    const attempt = await startAttempt({ executionId: ctx.executionId, stepId: step.id, runner: ctx.runner, method: step.method, url, requestBody: step.body as Json });
    const r = await ctx.client.send(step.endpoint, step.body, { timeoutMs: ctx.cfg.callTimeoutMs });
    const errs = r.ok ? itemErrors(r.body) : [];
    const error = !r.ok ? failureText(r) : errs.length ? `the agent reported item errors: ${errs.join("; ")}` : null;
    const errorKind = !r.ok ? (r.failure.retryable ? "retryable" : "fatal") : errs.length ? "fatal" : null;
    await finishAttempt(
      attempt.id,
      { status: r.status, responseBody: (r.ok ? (r.body ?? null) : r.failure.kind === "http" ? (r.failure.body ?? null) : null), error, errorKind, durationMs: r.timings.durationMs },
      { executionId: ctx.executionId, stepId: step.id, attempt: attempt.attempt },
    );
    if (r.ok && !errs.length) return step.awaitReconciliation ? awaitReconciled(step, ctx) : { ok: true };
    if (errorKind === "fatal" || n >= ctx.cfg.maxAttempts) return { ok: false, error: n >= ctx.cfg.maxAttempts && errorKind === "retryable" ? `gave up after ${n} attempts; last: ${error}` : (error ?? "failed") };
    const delay = backoffMs(n, ctx.cfg);
    await appendEvent(ctx.executionId, "step.retrying", step.id, { attempt: attempt.attempt, delayMs: delay, error });
    await sleep(delay, ctx.signal);
  }
}

async function awaitReconciled(step: PlanStep, ctx: StepContext): Promise<StepOutcome> {
  await appendEvent(ctx.executionId, "step.reconciling", step.id, { generation: step.generation });
  const out = await awaitReconciliation(ctx.client, step.generation, {
    timeoutMs: ctx.cfg.reconcileTimeoutMs,
    pollMs: ctx.cfg.reconcilePollMs,
    per: { timeoutMs: ctx.cfg.callTimeoutMs, signal: ctx.signal },
  });
  switch (out.kind) {
    case "succeeded":
      return { ok: true };
    case "failed":
      return { ok: false, error: `generation ${out.reconciled} reconciled with errors: ${out.errors.join("; ")}` };
    case "timed-out":
      return { ok: false, error: `generation ${step.generation} was not reconciled within ${ctx.cfg.reconcileTimeoutMs} ms`, cancelled: ctx.signal.aborted };
    case "unreachable":
      return { ok: false, error: `inventory unavailable while waiting for reconciliation: ${out.failure.message}` };
    default:
      return out satisfies never;
  }
}
