/**
 * What a `reconciler` sled agent's inventory says of its config reconciler, for people: is the
 * sled reconciling, behind (it holds a config newer than the last one it reconciled), failing
 * some items (the last pass ended with errors), or done, and since when. Item failures are read
 * one way for everything (the executor's done-check included).
 */
import type { ItemResult } from "./reconcile";
import type { ReconcilerStatus } from "../wire/agent-responses";

export type ReconcilerState = "not-yet-run" | "reconciling" | "behind" | "failing" | "reconciled";

/** The item maps are read defensively: `Record<id, ItemResult>` from every agent seen so far. */
interface LastPass {
  last_reconciled_config: { generation: number };
  external_disks: unknown;
  datasets: unknown;
  zones: unknown;
}

/** `disk <id>: <message>` for each item the pass could not put into effect, disks first. */
export function failedItems(last: LastPass | null): string[] {
  if (!last) return [];
  const out: string[] = [];
  const maps = [
    ["disk", last.external_disks],
    ["dataset", last.datasets],
    ["zone", last.zones],
  ] as const;
  for (const [kind, results] of maps) {
    if (results === null || typeof results !== "object") continue;
    for (const [id, r] of Object.entries(results as Record<string, ItemResult>))
      if (r?.result === "err") out.push(`${kind} ${id}: ${r.message}`);
  }
  return out;
}

export interface ReconcilerView {
  state: ReconcilerState;
  /** When the state began, as far as the inventory tells (a pass's start or end). */
  since: string | null;
  ledgeredGeneration: number | null;
  reconciledGeneration: number | null;
  failing: string[];
}

export function reconcilerView(inv: {
  reconciler_status: ReconcilerStatus;
  ledgered_sled_config: { generation: number } | null;
  last_reconciliation: LastPass | null;
}): ReconcilerView {
  const status = inv.reconciler_status;
  const last = inv.last_reconciliation;
  const ledgeredGeneration = inv.ledgered_sled_config?.generation ?? null;
  const reconciledGeneration = last?.last_reconciled_config.generation ?? null;
  const failing = failedItems(last);
  const base = { ledgeredGeneration, reconciledGeneration, failing };
  const ended = status.status === "idle" ? status.completed_at : null;
  if (status.status === "running")
    return { ...base, state: "reconciling", since: status.started_at };
  if (status.status === "not_yet_run" || !last)
    return { ...base, state: "not-yet-run", since: null };
  if (ledgeredGeneration !== null && ledgeredGeneration > (reconciledGeneration ?? 0))
    return { ...base, state: "behind", since: ended };
  if (failing.length) return { ...base, state: "failing", since: ended };
  return { ...base, state: "reconciled", since: ended };
}
