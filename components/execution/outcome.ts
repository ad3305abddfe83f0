/**
 * execution.byId `outcome` is JSON written by the executor (server/executor/drive.ts and
 * scheduler.ts, server/repo/executions.ts finishSucceeded): `{ stale: SledDrift[] }` when the
 * plan was stale, `{ failedSteps, rootFailure }` when steps failed, `{ succeeded: n }`
 * otherwise. Either of the first two may carry a `reason` in words instead of sleds or steps:
 * the rack's current blueprint moved before the execution started (stale, nothing sent) or
 * while it ran (failed, though every step succeeded). Read defensively: an unknown shape shows
 * as nothing rather than breaking the page.
 */
export type Outcome =
  | { kind: "stale"; sleds: { sledId: string; differences: string[] }[]; reason: string | null }
  | { kind: "failed"; failedSteps: string[]; reason: string | null }
  | { kind: "succeeded"; steps: number }
  | { kind: "none" };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

const reasonOf = (v: Record<string, unknown>): string | null =>
  typeof v.reason === "string" && v.reason ? v.reason : null;

export function readOutcome(value: unknown): Outcome {
  if (!isObject(value)) return { kind: "none" };
  if (Array.isArray(value.stale)) {
    const sleds = value.stale.filter(isObject).map((s) => ({
      sledId: typeof s.sledId === "string" ? s.sledId : "?",
      differences: strings(s.differences),
    }));
    return { kind: "stale", sleds, reason: reasonOf(value) };
  }
  if (Array.isArray(value.failedSteps))
    return { kind: "failed", failedSteps: strings(value.failedSteps), reason: reasonOf(value) };
  if (typeof value.succeeded === "number") return { kind: "succeeded", steps: value.succeeded };
  return { kind: "none" };
}
