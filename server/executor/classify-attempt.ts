/**
 * What one attempt's answer means for its step, decided without I/O: the error to record and
 * its kind, and what follows — the step ends (succeeded or failed), waits for reconciliation,
 * or is retried. docs/ARCHITECTURE.md, "Retries and backoff".
 */
import type { CallResult } from "../sled-agent/http-call.ts";

export type StepOutcome = { ok: true } | { ok: false; error: string; cancelled?: boolean };

export interface AttemptVerdict {
  /** The text recorded with the attempt (null when it succeeded). */
  error: string | null;
  errorKind: "retryable" | "fatal" | null;
  /** The agent accepted the request (2xx without item errors). */
  sent: boolean;
  /** Set when the step ends with this attempt; null: reconcile next (sent) or retry. */
  outcome: StepOutcome | null;
}

/** Per-item errors the split endpoints report inside a 200 (omicron counted them as failures). */
export function itemErrors(body: unknown): string[] {
  type ItemStatus = {
    err?: unknown;
    dataset_name?: { kind?: string };
    identity?: { serial?: string };
  };
  const status = (body as { status?: ItemStatus[] } | undefined)?.status;
  if (!Array.isArray(status)) return [];
  return status
    .filter((s) => s.err)
    .map((s) => {
      const item = s.dataset_name
        ? `dataset ${s.dataset_name.kind}`
        : `disk ${s.identity?.serial ?? "?"}`;
      return `${item}: ${JSON.stringify(s.err)}`;
    });
}

function failureText(r: Extract<CallResult<unknown>, { ok: false }>): string {
  const m = r.failure.message;
  return r.status && !m.startsWith(`HTTP ${r.status}`) ? `HTTP ${r.status}: ${m}` : m;
}

/**
 * `attempt` counts from 1. A fatal answer (4xx, item errors) ends the step at once; a
 * retryable one ends it only at `maxAttempts`; an accepted request ends it unless the step
 * waits for reconciliation.
 */
export function classifyAttempt(
  r: CallResult<unknown>,
  attempt: number,
  cfg: { maxAttempts: number },
  step: { awaitReconciliation: boolean },
): AttemptVerdict {
  if (r.ok) {
    const errs = itemErrors(r.body);
    if (!errs.length)
      return {
        error: null,
        errorKind: null,
        sent: true,
        outcome: step.awaitReconciliation ? null : { ok: true },
      };
    const error = `the agent reported item errors: ${errs.join("; ")}`;
    return { error, errorKind: "fatal", sent: false, outcome: { ok: false, error } };
  }
  const error = failureText(r);
  if (!r.failure.retryable)
    return { error, errorKind: "fatal", sent: false, outcome: { ok: false, error } };
  const outcome: StepOutcome | null =
    attempt >= cfg.maxAttempts
      ? { ok: false, error: `gave up after ${attempt} attempts; last: ${error}` }
      : null;
  return { error, errorKind: "retryable", sent: false, outcome };
}
