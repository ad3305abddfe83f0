/**
 * In-page notifications from two polls of execution.list: executions that newly await
 * approval (for approvers, except their own requests) and executions that newly ended. The
 * first poll only sets the baseline: a page load never replays old news.
 */
import { executionCan } from "~/lib/execution/can";
import { isTerminal, type ExecutionState } from "~/lib/execution/state-machine";

interface SummaryLike {
  id: string;
  state: ExecutionState;
  requestedBy: { id: string; name: string };
  comment: string;
}

export interface Toast {
  id: string;
  executionId: string;
  kind: "approval-requested" | "finished";
  text: string;
  /** For `finished`: whether it ended well (words say it too, colour is not the only signal). */
  tone: "info" | "ok" | "bad";
}

export interface Seen {
  states: ReadonlyMap<string, ExecutionState>;
}

export function baseline(list: readonly SummaryLike[]): Seen {
  return { states: new Map(list.map((e) => [e.id, e.state])) };
}

const TONE: Partial<Record<ExecutionState, Toast["tone"]>> = {
  succeeded: "ok",
  failed: "bad",
  stale: "bad",
  cancelled: "bad",
  rejected: "bad",
};

/**
 * New toasts between the last poll and this one. `list` is the latest executions (any state);
 * `me` decides who is told about approvals (approvers other than the requester).
 */
export function newToasts(
  seen: Seen,
  list: readonly SummaryLike[],
  me: { id: string; roles: readonly string[] },
): { seen: Seen; toasts: Toast[] } {
  const toasts: Toast[] = [];
  for (const e of list) {
    const before = seen.states.get(e.id);
    if (before === e.state) continue;
    const who = e.requestedBy.name;
    if (
      e.state === "awaiting_approval" &&
      before === undefined &&
      executionCan.reject({ state: e.state, requestedById: e.requestedBy.id }, me).ok
    ) {
      toasts.push({
        id: `${e.id}:requested`,
        executionId: e.id,
        kind: "approval-requested",
        tone: "info",
        text: `Approval requested by ${who}${e.comment ? `: “${e.comment}”` : ""}`,
      });
    }
    if (isTerminal(e.state) && before !== undefined && !isTerminal(before)) {
      toasts.push({
        id: `${e.id}:${e.state}`,
        executionId: e.id,
        kind: "finished",
        tone: TONE[e.state] ?? "info",
        text: `Execution requested by ${who} ended: ${e.state.replaceAll("_", " ")}`,
      });
    }
  }
  return {
    seen: { states: new Map([...seen.states, ...list.map((e) => [e.id, e.state] as const)]) },
    toasts,
  };
}
