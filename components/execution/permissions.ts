/**
 * Which decision controls a user sees on an execution. The server says what the user may do
 * (execution.byId `can`, from lib/execution/can.ts `executionCan`) and enforces it again on the
 * call, including whether the rack moved on or another execution of it is approved or running;
 * this only decides how to show it: viewers and operators who are not the requester see no
 * decision controls; the requester sees them disabled with the reason, whatever their roles;
 * approvers see the server's answer.
 */
import { executionCan } from "~/lib/execution/can";
import type { ExecutionState } from "~/lib/execution/state-machine";

export type Permission = { ok: true } | { ok: false; reason: string };

interface ExecutionLike {
  state: ExecutionState;
  requestedBy: { id: string };
  can: { approve: Permission; reject: Permission };
}

/** Each decision button's permission: a proposal the rack moved past can still be rejected. */
export interface Decisions {
  approve: Permission;
  reject: Permission;
}

/** null: show no decision controls. */
export function decisionControls(
  e: ExecutionLike,
  me: { id: string; roles: readonly string[] },
): Decisions | null {
  if (e.state !== "awaiting_approval") return null;
  if (e.requestedBy.id === me.id) {
    const no = executionCan.reject({ state: e.state, requestedById: e.requestedBy.id }, me);
    return { approve: no, reject: no };
  }
  if (!executionCan.reviewApprovals(me).ok) return null;
  return { approve: e.can.approve, reject: e.can.reject };
}
