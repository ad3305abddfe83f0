/**
 * The executor's schedule without its database: ready steps start in plan order while fewer
 * than `concurrency` run (one per sled), each step is sent through the same client with the
 * same retry rule and backoff (server/executor/config.ts), and a `reconciler` step waits for
 * inventory the same way (server/sled-agent/reconciliation.ts). What the console's executor
 * adds on top of this is recording (and its stale check and lease). Benchmark use only.
 */
import { requestSteps, type Plan, type RequestStep } from "~/lib/plan/types.ts";
import { ClientPool } from "~/server/executor/client-pool.ts";
import { backoffMs, type ExecutorConfig } from "~/server/executor/config.ts";
import { awaitReconciliation } from "~/server/sled-agent/reconciliation.ts";

export interface BareRun {
  makespanMs: number;
  attempts: number;
  failedSteps: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runStep(
  step: RequestStep,
  pool: ClientPool,
  url: string,
  cfg: ExecutorConfig,
): Promise<{ ok: boolean; attempts: number }> {
  const client = pool.get(url);
  for (let n = 1; ; n++) {
    const r = await client.send(step.endpoint, step.body, { timeoutMs: cfg.callTimeoutMs });
    if (r.ok) {
      if (!step.awaitReconciliation) return { ok: true, attempts: n };
      const out = await awaitReconciliation(client, step.generation, {
        timeoutMs: cfg.reconcileTimeoutMs,
        pollMs: cfg.reconcilePollMs,
        per: { timeoutMs: cfg.callTimeoutMs },
      });
      return { ok: out.kind === "succeeded", attempts: n };
    }
    if (!r.failure.retryable || n >= cfg.maxAttempts) return { ok: false, attempts: n };
    await sleep(backoffMs(n, cfg));
  }
}

export async function runBare(
  plan: Plan,
  urls: ReadonlyMap<string, string>,
  cfg: ExecutorConfig,
): Promise<BareRun> {
  const pool = new ClientPool(cfg.callTimeoutMs);
  const state = new Map<string, "pending" | "running" | "succeeded" | "failed">(
    plan.steps.map((s) => [s.id, "pending"]),
  );
  const busySleds = new Set<string>();
  const inflight = new Map<string, Promise<void>>();
  let attempts = 0;
  const started = performance.now();
  try {
    for (;;) {
      // The bench plans change sleds, never decommission one: requests are every step.
      for (const step of requestSteps(plan)) {
        if (inflight.size >= cfg.concurrency) break;
        if (state.get(step.id) !== "pending" || busySleds.has(step.sledId)) continue;
        if (step.dependsOn.some((d) => state.get(d) === "failed")) state.set(step.id, "failed");
        if (!step.dependsOn.every((d) => state.get(d) === "succeeded")) continue;
        const url = urls.get(step.sledId);
        if (!url) throw new Error(`no simulated sled ${step.sledId}`);
        state.set(step.id, "running");
        busySleds.add(step.sledId);
        const p = runStep(step, pool, url, cfg).then((r) => {
          attempts += r.attempts;
          state.set(step.id, r.ok ? "succeeded" : "failed");
          busySleds.delete(step.sledId);
          inflight.delete(step.id);
        });
        inflight.set(step.id, p);
      }
      if (inflight.size === 0) break;
      await Promise.race(inflight.values());
    }
  } finally {
    pool.close();
  }
  return {
    makespanMs: performance.now() - started,
    attempts,
    failedSteps: [...state.values()].filter((s) => s === "failed").length,
  };
}
