/**
 * Which decision controls a user sees on an execution. The server says what the user may do
 * (execution.byId `can`, from lib/execution/state-machine canApprove) and enforces it again
 * on the call; this only decides how to show it: viewers and operators who are not the
 * requester see no decision controls; the requester sees them disabled with the reason,
 * whatever their roles; approvers see the server's answer, which also says when the rack moved
 * on since the request ("the rack moved to X since this was requested: re-request from X") or
 * another execution of the rack is approved or running (lib/execution rackAllows).
 */
import type { ExecutionState } from "../../lib/execution/state-machine";

export type Permission = { ok: true } | { ok: false; reason: string };

export const REQUESTER_REASON = "you requested this execution; a second person must approve it";

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
    const no = { ok: false as const, reason: REQUESTER_REASON };
    return { approve: no, reject: no };
  }
  if (!me.roles.includes("approver")) return null;
  return { approve: e.can.approve, reject: e.can.reject };
}
