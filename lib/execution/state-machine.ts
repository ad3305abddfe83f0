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
    case "finish":
      return state === "running"
        ? { ok: true, state: event.outcome }
        : refuse("only running executions finish");
    default:
      return event satisfies never;
  }
}

/** Why an operator can or cannot act, for buttons disabled with a reason (UI) and the server. */
export function canApprove(
  e: { state: ExecutionState; requestedById: string },
  user: { id: string; roles: readonly string[] },
): { ok: true } | { ok: false; reason: string } {
  if (e.requestedById === user.id)
    return { ok: false, reason: "you requested this execution; a second person must approve it" };
  if (!user.roles.includes("approver"))
    return { ok: false, reason: "approving needs the approver role" };
  if (e.state !== "awaiting_approval")
    return { ok: false, reason: `the execution is ${e.state.replace("_", " ")}` };
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
