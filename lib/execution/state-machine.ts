/**
 * Execution and step lifecycles as state machines. The server applies every change through
 * these functions, so an illegal transition (approving a running execution, finishing a
 * cancelled one) is refused in one place. Refusals are values, not throws.
 */

export const EXECUTION_STATES = [
  "awaiting_approval",
  "approved",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "rejected",
  "stale",
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

export type ExecutionEvent =
  | { type: "approve" }
  | { type: "reject" }
  | { type: "cancel" }
  | { type: "start" }
  | { type: "found_stale" }
  /** Nexus refused the target (its parent is no longer Nexus's target): nothing changed (issue 15). */
  | { type: "refused_by_nexus" }
  /** The start could not be made (Nexus unreachable before its first call): nothing changed. */
  | { type: "not_started" }
  | { type: "finish"; outcome: "succeeded" | "failed" | "cancelled" };

export type Transition = { ok: true; state: ExecutionState } | { ok: false; reason: string };

export function isTerminal(state: ExecutionState): boolean {
  switch (state) {
    case "succeeded":
    case "failed":
    case "cancelled":
    case "rejected":
    case "stale":
      return true;
    case "awaiting_approval":
    case "approved":
    case "running":
      return false;
    default:
      return state satisfies never;
  }
}

export function transition(state: ExecutionState, event: ExecutionEvent): Transition {
  const refuse = (why: string): Transition => ({
    ok: false,
    reason: `cannot ${event.type.replace("_", " ")} an execution that is ${state.replace("_", " ")}: ${why}`,
  });
  switch (event.type) {
    case "approve":
    case "reject":
      return state === "awaiting_approval"
        ? { ok: true, state: event.type === "approve" ? "approved" : "rejected" }
        : refuse("only executions awaiting approval can be decided");
    case "cancel":
      return isTerminal(state) ? refuse("it has already ended") : { ok: true, state: "cancelled" };
    case "start":
      return state === "approved"
        ? { ok: true, state: "running" }
        : refuse("only approved executions start");
    case "found_stale":
      return state === "approved"
        ? { ok: true, state: "stale" }
        : refuse("plans are checked for staleness before the first request");
    case "refused_by_nexus":
      return state === "running"
        ? { ok: true, state: "stale" }
        : refuse("only a running execution asks Nexus to take its target");
    case "not_started":
      return state === "approved"
        ? { ok: true, state: "failed" }
        : refuse("only an approved execution can fail to start");
    case "finish":
      return state === "running"
        ? { ok: true, state: event.outcome }
        : refuse("only running executions finish");
    default:
      return event satisfies never;
  }
}

/**
 * The rack as an approval or a start sees it (issue 12): its current blueprint, and another
 * of its executions that holds it (approved or running), if any. At most one execution per
 * rack may be approved or running, and only from the rack's current blueprint: a sibling
 * executed from the same parent would otherwise leave a current blueprint no sled holds.
 */
export interface RackNow {
  currentBlueprintId: string | null;
  active: { id: string; state: ExecutionState } | null;
}

/** Why an execution planned from an older current blueprint cannot be approved or run. */
export function rackMovedReason(currentBlueprintId: string | null): string {
  return currentBlueprintId
    ? `the rack moved to ${currentBlueprintId} since this was requested: re-request from ${currentBlueprintId}`
    : "the rack has no current blueprint any more: re-import one and request again";
}

/** Why no new execution of a rack may be requested while `active` is approved or running. */
export function rackBusyForRequest(active: { id: string; state: ExecutionState }): string {
  return `execution ${active.id} of this rack is ${active.state}: wait for it to end, then request again from the blueprint it leaves current`;
}

/** Whether an execution from `parentBlueprintId` may be approved (or start) on the rack as it is now. */
export function rackAllows(
  parentBlueprintId: string,
  rack: RackNow,
): { ok: true } | { ok: false; why: "moved" | "busy"; reason: string } {
  if (rack.currentBlueprintId !== parentBlueprintId)
    return { ok: false, why: "moved", reason: rackMovedReason(rack.currentBlueprintId) };
  if (rack.active)
    return {
      ok: false,
      why: "busy",
      reason: `execution ${rack.active.id} of this rack is ${rack.active.state}: one execution per rack may be approved or running at a time; wait for it to end`,
    };
  return { ok: true };
}

export const STEP_STATES = [
  "pending",
  "running",
  "succeeded",
  "failed",
  "skipped",
  "cancelled",
] as const;
export type StepState = (typeof STEP_STATES)[number];

export function isStepDone(state: StepState): boolean {
  return state !== "pending" && state !== "running";
}
