/**
 * When is a `PUT /omicron-config` done? When inventory's
 * `last_reconciliation.last_reconciled_config.generation` is at least the sent generation and
 * every per-item result is `ok` (BRIEF §4.4; the Nexus planner uses the same signal for
 * `ready_for_cleanup`, nexus/reconfigurator/planning/src/planner.rs).
 */
import { sleep } from "../util/sleep.ts";
import type { SledAgentClient, PerCall } from "./client";
import type { CallFailure } from "./http-call";
import type { ReconcilerInventory } from "~/lib/wire/agent-responses";
import { failedItems } from "~/lib/sled/reconciler-view";

export type ReconciliationOutcome =
  | { kind: "pending"; ledgered: number | null; reconciled: number | null; status: string }
  | { kind: "succeeded"; reconciled: number }
  | { kind: "failed"; reconciled: number; errors: string[] };

export function reconciliationOutcome(
  inv: ReconcilerInventory,
  generation: number,
): ReconciliationOutcome {
  const last = inv.last_reconciliation;
  const reconciled = last?.last_reconciled_config.generation ?? null;
  if (!last || reconciled === null || reconciled < generation) {
    return {
      kind: "pending",
      ledgered: inv.ledgered_sled_config?.generation ?? null,
      reconciled,
      status: inv.reconciler_status.status,
    };
  }
  const errors = failedItems(last);
  return errors.length ? { kind: "failed", reconciled, errors } : { kind: "succeeded", reconciled };
}

export type AwaitOutcome =
  | Exclude<ReconciliationOutcome, { kind: "pending" }>
  | { kind: "timed-out"; last: ReconciliationOutcome | null }
  | { kind: "unreachable"; failure: CallFailure };

/**
 * Polls inventory until the generation is reconciled or `timeoutMs` passes. Transient inventory
 * failures are tolerated until the deadline; a non-retryable one ends the wait.
 */
export async function awaitReconciliation(
  client: SledAgentClient,
  generation: number,
  opts: { timeoutMs: number; pollMs?: number; per?: PerCall },
): Promise<AwaitOutcome> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: ReconciliationOutcome | null = null;
  for (;;) {
    const inv = await client.getReconcilerInventory(opts.per);
    if (inv.ok) {
      last = reconciliationOutcome(inv.body, generation);
      if (last.kind !== "pending") return last;
    } else if (!inv.failure.retryable) {
      return { kind: "unreachable", failure: inv.failure };
    }
    if (Date.now() >= deadline || opts.per?.signal?.aborted) return { kind: "timed-out", last };
    // a cancelled execution stops waiting at once (the signal is checked above)
    await sleep(Math.min(opts.pollMs ?? 100, Math.max(0, deadline - Date.now())), opts.per?.signal);
  }
}
