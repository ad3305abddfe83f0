/**
 * What a user may do with an execution, and why not: the one place these rules live (after
 * Oxide console's `instanceCan` in app/api/util.ts, which names the states that allow each
 * instance action). The server decides with it (server/services/executions.ts) and reports
 * it as execution.byId's `can`; the UI only decides how to show its answer (a button disabled
 * with the reason, never hidden). Each refusal carries the tRPC code the server answers with,
 * so nothing derives a code from the reason's text. docs/ARCHITECTURE.md "Who may approve".
 */
import type { ExecutionMode } from "../plan/types.ts";
import {
  isTerminal,
  rackAllows,
  rackBusyForRequest,
  type ExecutionState,
  type RackNow,
} from "./state-machine.ts";

export type CanCode = "FORBIDDEN" | "CONFLICT";
export type Can = { ok: true } | { ok: false; code: CanCode; reason: string };

export interface Actor {
  id: string;
  roles: readonly string[];
}
type Roles = Pick<Actor, "roles">;

/** The execution as the rules need it: a DB row fits as is; the UI passes its DTO's requester id. */
export interface ExecutionLike {
  state: ExecutionState;
  requestedById: string;
  parentBlueprintId: string;
  /** Null (or absent): planned for an unlinked rack. */
  mode?: ExecutionMode | null;
}

const APPROVER_ROLE_REASON = "approving needs the approver role";
export const REQUESTER_REASON = "you requested this execution; a second person must approve it";

/**
 * A rack linked to its Nexus is Nexus's to change: Nexus's executor re-sends its target to
 * every sled about once a minute, so a plan of the console's own, run without Nexus knowing,
 * would race it. An execution planned before the rack was linked (no mode) is not approved.
 */
export function nexusLinkedReason(urls: readonly string[]): string {
  return `the rack is linked to Nexus (${urls.join(", ")}) and this execution was planned without it: Nexus's executor would race it. Request the change again, in mode nexus (through Nexus) or direct (with Nexus's execution disabled)`;
}

export const UNLINKED_MODE_REASON =
  "the rack is not linked to Nexus: an execution mode (nexus, direct) is only for linked racks";

/**
 * The mode of a new execution: `nexus` by default on a linked rack; none on an unlinked rack,
 * which refuses one. The one place this rule lives (server/services/executions.ts asks it).
 */
export function executionModeFor(
  linked: boolean,
  requested: ExecutionMode | undefined,
): { ok: true; mode: ExecutionMode | null } | { ok: false; reason: string } {
  if (!linked)
    return requested ? { ok: false, reason: UNLINKED_MODE_REASON } : { ok: true, mode: null };
  return { ok: true, mode: requested ?? "nexus" };
}

/** Approving: the execution's mode must still fit the rack's link. */
function modeFits(e: ExecutionLike, nexusUrls: readonly string[]): Can {
  if (nexusUrls.length && !e.mode) return conflict(nexusLinkedReason(nexusUrls));
  if (!nexusUrls.length && e.mode)
    return conflict(
      `this execution runs in mode ${e.mode}, but the rack is no longer linked to Nexus: request it again`,
    );
  return OK;
}

const OK: Can = { ok: true };
const forbidden = (reason: string): Can => ({ ok: false, code: "FORBIDDEN", reason });
const conflict = (reason: string): Can => ({ ok: false, code: "CONFLICT", reason });

/** Approve and reject alike: a second person, an approver, while it awaits approval. */
function decide(e: Pick<ExecutionLike, "state" | "requestedById">, user: Actor): Can {
  if (e.requestedById === user.id) return forbidden(REQUESTER_REASON);
  if (!executionCan.reviewApprovals(user).ok) return forbidden(APPROVER_ROLE_REASON);
  if (e.state !== "awaiting_approval")
    return conflict(`the execution is ${e.state.replace("_", " ")}`);
  return OK;
}

export const executionCan = {
  /**
   * `active`: another execution of the rack that is approved or running (it is about to
   * replace the parent a new request would plan from). Omitted: not checked (the UI's role
   * check before it knows the rack).
   */
  request(
    user: Roles,
    ctx: {
      active?: { id: string; state: ExecutionState } | null;
    } = {},
  ): Can {
    if (!user.roles.includes("operator"))
      return forbidden("requesting an execution needs the operator role");
    if (ctx.active) return conflict(rackBusyForRequest(ctx.active));
    return OK;
  },

  /**
   * `rack`: the rack as it is now. Approving commits the rack to this execution, so it must
   * still be at the execution's parent with no other execution approved or running
   * (`rackAllows`). Omitted: not checked here; the server then checks it under the rack's
   * lock (server/repo/executions.ts `changeStateOnRack`), with the same `rackAllows`.
   */
  approve(
    e: ExecutionLike,
    user: Actor,
    ctx: { rack?: RackNow; nexusUrls?: readonly string[]; approvedBy?: readonly string[] } = {},
  ): Can {
    const decided = decide(e, user);
    if (!decided.ok) return decided;
    // Approvals count distinct people: a second one from the same approver adds nothing.
    if (ctx.approvedBy?.includes(user.id))
      return conflict("you have already approved this execution; it waits for another approver");
    if (ctx.nexusUrls) {
      const fits = modeFits(e, ctx.nexusUrls);
      if (!fits.ok) return fits;
    }
    if (!ctx.rack) return decided;
    const verdict = rackAllows(e.parentBlueprintId, ctx.rack);
    return verdict.ok ? OK : conflict(verdict.reason);
  },

  /** A proposal the rack moved past can still be rejected: no rack check. */
  reject(e: Pick<ExecutionLike, "state" | "requestedById">, user: Actor): Can {
    return decide(e, user);
  },

  cancel(e: Pick<ExecutionLike, "state">, user: Roles): Can {
    if (!user.roles.includes("operator") && !user.roles.includes("approver"))
      return forbidden("cancelling needs the operator or approver role");
    if (isTerminal(e.state)) return conflict(`the execution already ended (${e.state})`);
    return OK;
  },

  /**
   * Starting an approved execution now, outside its rack's maintenance windows (issue 16): an
   * approver (any, the requester included if an approver: the change itself was approved by
   * others), while the execution waits for its window. `waiting`: whether it does (the server
   * reads the rack's windows; the UI passes execution.byId's answer).
   */
  startNow(e: Pick<ExecutionLike, "state">, user: Roles, ctx: { waiting: boolean }): Can {
    if (!user.roles.includes("approver"))
      return forbidden(
        "starting an execution outside its maintenance window needs the approver role",
      );
    if (e.state !== "approved") return conflict(`the execution is ${e.state.replace("_", " ")}`);
    if (!ctx.waiting) return conflict("the execution is not waiting for a maintenance window");
    return OK;
  },

  /**
   * Whether the user is one of the people who decide requests: told when one newly awaits
   * approval (for someone else's request: see `reject`), invited to decide in the inbox.
   */
  reviewApprovals(user: Roles): Can {
    return user.roles.includes("approver") ? OK : forbidden(APPROVER_ROLE_REASON);
  },
};

/**
 * Re-enabling Nexus's execution after a `direct` execution left it disabled (issue 15): an
 * operator asks, a second person with the approver role approves, as for an execution; never
 * while an execution of the rack is approved or running (a `direct` one may be the reason).
 */
export const nexusReenableCan = {
  request(
    user: Roles,
    ctx: {
      disabled: boolean;
      pending: boolean;
      active: { id: string; state: ExecutionState } | null;
    },
  ): Can {
    if (!user.roles.includes("operator"))
      return forbidden("asking to re-enable Nexus's execution needs the operator role");
    if (!ctx.disabled) return conflict("the console has not disabled Nexus's execution");
    if (ctx.pending)
      return conflict("a request to re-enable Nexus's execution already awaits approval");
    if (ctx.active) return conflict(rackBusyForRequest(ctx.active));
    return OK;
  },

  decide(
    user: Actor,
    ctx: {
      requestedById: string | null;
      active: { id: string; state: ExecutionState } | null;
    },
    decision: "approve" | "reject",
  ): Can {
    if (ctx.requestedById === null)
      return conflict("no request to re-enable Nexus's execution awaits approval");
    if (ctx.requestedById === user.id)
      return forbidden("you asked to re-enable Nexus's execution; a second person must approve it");
    if (!executionCan.reviewApprovals(user).ok) return forbidden(APPROVER_ROLE_REASON);
    if (decision === "approve" && ctx.active) return conflict(rackBusyForRequest(ctx.active));
    return OK;
  },
};
