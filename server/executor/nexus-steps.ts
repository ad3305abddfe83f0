/**
 * The Nexus steps of a mode plan (lib/plan/mode-plan.ts; docs/ARCHITECTURE.md "Executing on a
 * Nexus-linked rack"). Every Nexus call is an attempt of its step, recorded before and after
 * like a sled-agent request (server/repo/attempts.ts), and retried with the same policy
 * (retryable failures, capped exponential backoff, `maxAttempts`), each retry going to the next
 * instance of the rack. Every effect is checked first, so a step re-run after a crash does
 * nothing twice: the target is read before disabling, importing or setting it.
 */
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { readTarget } from "~/lib/nexus/read.ts";
import type { NexusStep } from "~/lib/plan/types.ts";
import { finishAttempt, startAttempt } from "../repo/attempts.ts";
import type { Json } from "../repo/executions.ts";
import { clearNexusExecutorDisabled, markNexusExecutorDisabled } from "../repo/nexus.ts";
import type { NexusClient } from "../nexus/client.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import type { CallResult } from "../sled-agent/http-call.ts";
import { reconciliationOutcome } from "../sled-agent/reconciliation.ts";
import { sleep } from "../util/sleep.ts";
import { backoffMs, type ExecutorConfig } from "./config.ts";
import type { StepRun } from "./run-step.ts";

export interface NexusContext {
  executionId: string;
  rackId: string;
  runner: string;
  cfg: ExecutorConfig;
  /** One client per linked instance, in the rack's order. */
  nexus: readonly NexusClient[];
  parentId: string;
  target: Blueprint;
  /** Aborted when the execution is cancelled or the lease is lost. */
  signal: AbortSignal;
  /** A runner that died had started the step: its `step.started` is already in the feed. */
  resumed?: boolean;
}

/** How a Nexus step ended: `stale` when Nexus's target is not (or no longer) the parent. */
export type NexusStepRun = StepRun & { stale?: string; unreachable?: boolean };

type Method = "GET" | "PUT" | "POST";

/** One step's calls: `step.started` goes with its first attempt in this run. */
class Recorder {
  private first: boolean;
  constructor(
    private readonly ctx: NexusContext,
    private readonly stepId: string,
  ) {
    this.first = !ctx.resumed;
  }

  /** A Nexus call, recorded and retried; the answer of its last attempt. */
  async call(
    method: Method,
    path: string,
    body?: unknown,
    /** A status that is an answer, not a failure (404 to "do you have it?"). */
    answers?: number,
  ): Promise<CallResult<unknown>> {
    const { ctx } = this;
    for (let n = 1; ; n++) {
      const client = ctx.nexus[(n - 1) % ctx.nexus.length];
      if (!client) throw new Error("a Nexus step needs at least one Nexus instance");
      const attempt = await this.start(method, `${client.baseUrl}${path}`, body ?? null);
      const r = await client.call(method, path, body, {
        timeoutMs: ctx.cfg.callTimeoutMs,
        signal: ctx.signal,
      });
      const retry = !r.ok && r.failure.retryable && n < ctx.cfg.maxAttempts && !ctx.signal.aborted;
      const delayMs = retry ? backoffMs(n, ctx.cfg) : 0;
      const failure = r.ok || (answers !== undefined && r.status === answers) ? null : r.failure;
      await finishAttempt(
        attempt.id,
        {
          status: r.status,
          responseBody: answer(r),
          error: failure?.message ?? null,
          errorKind: failure ? (failure.retryable ? "retryable" : "fatal") : null,
          durationMs: r.timings.durationMs,
        },
        { executionId: ctx.executionId, stepId: this.stepId, attempt: attempt.attempt },
        retry ? { kind: "retrying", delayMs } : { kind: "none" },
      );
      if (!retry) return r;
      await sleep(delayMs, ctx.signal);
    }
  }

  /** An observation (a sled's inventory), recorded as an attempt with what was seen. */
  async observe(
    url: string,
    read: () => Promise<{ status: number | null; seen: Json; error: string | null; ms: number }>,
  ): Promise<void> {
    const attempt = await this.start("GET", url, null);
    const o = await read();
    await finishAttempt(
      attempt.id,
      {
        status: o.status,
        responseBody: o.seen,
        error: o.error,
        errorKind: o.error ? "observation" : null,
        durationMs: o.ms,
      },
      { executionId: this.ctx.executionId, stepId: this.stepId, attempt: attempt.attempt },
    );
  }

  private async start(method: string, url: string, body: unknown) {
    const started = this.first;
    this.first = false;
    return startAttempt({
      executionId: this.ctx.executionId,
      stepId: this.stepId,
      runner: this.ctx.runner,
      method,
      url,
      requestBody: (body ?? null) as Json,
      stepStarted: started,
    });
  }
}

function answer(r: CallResult<unknown>): Json | null {
  if (r.ok) return r.body ?? null;
  return r.failure.kind === "http" ? (r.failure.body ?? null) : null;
}

const done = (): NexusStepRun => ({ ok: true, recorded: false, executionState: null });
const failed = (error: string, extra: Partial<NexusStepRun> = {}): NexusStepRun => ({
  ok: false,
  error,
  recorded: false,
  executionState: null,
  ...extra,
});
const cancelledRun = (): NexusStepRun =>
  failed("stopped before Nexus was asked anything more", { cancelled: true });

/** Nexus's target as read now, or why it could not be read. */
async function readNexusTarget(
  rec: Recorder,
): Promise<{ ok: true; id: string; enabled: boolean } | { ok: false; error: string }> {
  const r = await rec.call("GET", "/deployment/blueprints/target");
  if (!r.ok) return { ok: false, error: `Nexus's target could not be read: ${r.failure.message}` };
  const t = readTarget(r.body);
  if (!t.ok)
    return {
      ok: false,
      error: `Nexus's target was not understood: ${t.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    };
  return { ok: true, id: t.value.target_id, enabled: t.value.enabled };
}

export const targetMovedReason = (now: string, enabled: boolean, parentId: string) =>
  `Nexus's target is now ${now} (${enabled ? "enabled" : "disabled"}), not the plan's parent ${parentId}: nothing was sent; plan again from Nexus's target`;

export async function runNexusStep(step: NexusStep, ctx: NexusContext): Promise<NexusStepRun> {
  const rec = new Recorder(ctx, step.id);
  if (ctx.signal.aborted) return cancelledRun();
  switch (step.action) {
    case "check-target":
      return checkTarget(rec, ctx);
    case "disable-execution":
      return disableExecution(rec, ctx);
    case "set-target":
    case "hand-back":
      return setTarget(rec, ctx, step.action);
    case "watch-sled":
      throw new Error("watch-sled steps run with their sled's agent (watchSled)");
    default:
      return step.action satisfies never;
  }
}

/**
 * Before anything changes (the execution is still `approved`, so nothing of it has been done):
 * Nexus's target must be the plan's parent; anything else, even this plan's own target set by
 * someone else, ends it `stale`. Unreachable after every retry: it ends with nothing changed.
 */
async function checkTarget(rec: Recorder, ctx: NexusContext): Promise<NexusStepRun> {
  const t = await readNexusTarget(rec);
  if (!t.ok) return failed(t.error, { unreachable: true });
  if (t.id === ctx.parentId) return done();
  return failed(targetMovedReason(t.id, t.enabled, ctx.parentId), {
    stale: targetMovedReason(t.id, t.enabled, ctx.parentId),
  });
}

/**
 * `direct`: Nexus stops executing the parent. Marked in the console first (the rack page says
 * so from then on), then `PUT /deployment/blueprints/target/enabled` false, which is
 * idempotent; the target is read first, so a target moved meanwhile is not touched.
 */
async function disableExecution(rec: Recorder, ctx: NexusContext): Promise<NexusStepRun> {
  const t = await readNexusTarget(rec);
  if (!t.ok) return failed(t.error);
  if (t.id !== ctx.parentId)
    return failed(targetMovedReason(t.id, t.enabled, ctx.parentId), {
      stale: targetMovedReason(t.id, t.enabled, ctx.parentId),
    });
  await markNexusExecutorDisabled(ctx.rackId, ctx.executionId, ctx.parentId);
  if (!t.enabled) return done(); // already disabled (by this execution before a crash, or by hand)
  const r = await rec.call("PUT", "/deployment/blueprints/target/enabled", {
    target_id: ctx.parentId,
    enabled: false,
  });
  if (r.ok) return done();
  return failed(`Nexus refused to disable its execution: ${r.failure.message}`);
}

/**
 * Import the target unless Nexus has it, then make it the target, enabled. Read first: the
 * target already Nexus's (a re-run after a crash) only needs enabling; a target that is neither
 * the parent nor ours means someone else moved Nexus on, and Nexus refusing the new target
 * (its parent is not the current target) is the same news: `stale`.
 */
async function setTarget(
  rec: Recorder,
  ctx: NexusContext,
  action: "set-target" | "hand-back",
): Promise<NexusStepRun> {
  const targetId = ctx.target.id;
  const t = await readNexusTarget(rec);
  if (!t.ok) return failed(t.error);
  const handedBack = async (): Promise<NexusStepRun> => {
    await clearNexusExecutorDisabled(ctx.rackId);
    return done();
  };
  if (t.id === targetId) {
    if (t.enabled) return handedBack();
    const r = await rec.call("PUT", "/deployment/blueprints/target/enabled", {
      target_id: targetId,
      enabled: true,
    });
    return r.ok ? handedBack() : failed(`Nexus refused to enable its target: ${r.failure.message}`);
  }
  if (t.id !== ctx.parentId) {
    const reason = targetMovedReason(t.id, t.enabled, ctx.parentId);
    return failed(reason, action === "set-target" ? { stale: reason } : {});
  }
  const has = await rec.call(
    "GET",
    `/deployment/blueprints/all/${encodeURIComponent(targetId)}`,
    undefined,
    404,
  );
  if (!has.ok && !(has.failure.kind === "http" && has.failure.status === 404))
    return failed(`Nexus could not say whether it has the target: ${has.failure.message}`);
  if (!has.ok) {
    const imported = await rec.call(
      "POST",
      "/deployment/blueprints/import",
      toOmicronJson(ctx.target),
    );
    if (!imported.ok) return failed(`Nexus refused the import: ${imported.failure.message}`);
  }
  const set = await rec.call("POST", "/deployment/blueprints/target", {
    target_id: targetId,
    enabled: true,
  });
  if (set.ok) return handedBack();
  const refused = set.failure.kind === "http" && !set.failure.retryable;
  const reason = `Nexus refused to make ${targetId} its target: ${set.failure.message}`;
  return failed(reason, refused && action === "set-target" ? { stale: reason } : {});
}

/**
 * `nexus`: the sled's agent inventory, observed every `nexusWatchPollMs` until the target's
 * generation is reconciled with every item ok, each observation an attempt (what was seen,
 * when). Item errors are awaited too (Nexus re-sends and the reconciler retries) until
 * `nexusWatchTimeoutMs`; then the step fails with the last errors seen.
 */
export async function watchSled(
  step: NexusStep,
  client: SledAgentClient,
  ctx: NexusContext,
): Promise<NexusStepRun> {
  const rec = new Recorder(ctx, step.id);
  const generation = step.generation;
  if (generation === null) return failed("the target has no generation for this sled");
  const deadline = Date.now() + ctx.cfg.nexusWatchTimeoutMs;
  let lastErrors: string[] = [];
  let lastSeen = "nothing was read";
  for (;;) {
    if (ctx.signal.aborted)
      return failed(`stopped while watching for generation ${generation}`, { cancelled: true });
    let outcome: ReturnType<typeof reconciliationOutcome> | null = null;
    await rec.observe(`${client.baseUrl}/inventory`, async () => {
      const inv = await client.getReconcilerInventory({
        timeoutMs: ctx.cfg.callTimeoutMs,
        signal: ctx.signal,
      });
      if (!inv.ok) {
        lastSeen = `inventory unavailable: ${inv.failure.message}`;
        return {
          status: inv.status,
          seen: { reachable: false },
          error: lastSeen,
          ms: inv.timings.durationMs,
        };
      }
      outcome = reconciliationOutcome(inv.body, generation);
      const seen = {
        ledgeredGeneration: inv.body.ledgered_sled_config?.generation ?? null,
        reconciledGeneration:
          inv.body.last_reconciliation?.last_reconciled_config.generation ?? null,
        reconcilerStatus: inv.body.reconciler_status.status,
        want: generation,
        verdict: outcome.kind,
        errors: outcome.kind === "failed" ? outcome.errors : [],
      };
      lastSeen = `ledgered generation ${seen.ledgeredGeneration ?? "none"}, reconciled ${seen.reconciledGeneration ?? "none"}`;
      return { status: inv.status, seen, error: null, ms: inv.timings.durationMs };
    });
    const o = outcome as ReturnType<typeof reconciliationOutcome> | null;
    if (o?.kind === "succeeded") return done();
    if (o?.kind === "failed") lastErrors = o.errors;
    if (Date.now() >= deadline)
      return failed(
        lastErrors.length
          ? `generation ${generation} reconciled with errors: ${lastErrors.join("; ")}`
          : `generation ${generation} was not reconciled within ${ctx.cfg.nexusWatchTimeoutMs} ms (${lastSeen})`,
      );
    await sleep(Math.min(ctx.cfg.nexusWatchPollMs, Math.max(0, deadline - Date.now())), ctx.signal);
  }
}
