/**
 * How the scheduler notices that its execution was cancelled (docs/ARCHITECTURE.md,
 * Cancellation): in the execution state that every step's last statement returns (so no step
 * starts after a step ended in a cancelled execution, at no extra query), and by a timer while
 * no step ends (a long backoff or reconciliation wait is cut short).
 */
import type { ExecutionState } from "~/lib/execution/state-machine.ts";
import { getExecutionState } from "../repo/executions.ts";

export interface CancelWatch {
  /** The execution was seen `cancelled`. */
  readonly cancelled: boolean;
  /** Aborted once cancelled, or when the runner stops (lease lost): steps cut their waits. */
  readonly signal: AbortSignal;
  /** Resolves once cancelled, to wake a scheduler waiting for a step to end. */
  readonly woken: Promise<void>;
  /** Feed it every execution state a statement returned. */
  readonly observe: (state: ExecutionState | null) => void;
  /** Stops the timer and lets go of `stop`. */
  readonly close: () => void;
}

export async function watchCancellation(
  run: { id: string; stop: AbortSignal },
  pollMs: number,
): Promise<CancelWatch> {
  const cancel = new AbortController();
  const onStop = () => cancel.abort();
  run.stop.addEventListener("abort", onStop, { once: true });
  let cancelled = false;
  let wake: () => void = () => undefined;
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const observe = (state: ExecutionState | null) => {
    if (state !== "cancelled" || cancelled) return;
    cancelled = true;
    cancel.abort();
    wake();
  };
  observe(await getExecutionState(run.id));
  const poll = setInterval(() => {
    if (!cancelled) void getExecutionState(run.id).then(observe, () => undefined); // a database hiccup: the next tick asks again
  }, pollMs);
  return {
    get cancelled() {
      return cancelled;
    },
    signal: cancel.signal,
    woken,
    observe,
    close: () => {
      clearInterval(poll);
      run.stop.removeEventListener("abort", onStop);
    },
  };
}
