/**
 * Execution lifecycle for people: request (operator), approve / reject (a different user with
 * the approver role, bound to the plan hash they saw), cancel. The server re-checks every rule
 * the UI shows (STYLE.md habit 5). Expected refusals come back as results (./result.ts).
 */
import { linkedNexusUrls } from "../repo/nexus.ts";
import { executionCan } from "~/lib/execution/can.ts";
import type { ExecutionMode, Plan } from "~/lib/plan/types.ts";
import type { SessionUser } from "../auth/roles.ts";
import { recordAudit } from "../repo/audit.ts";
import {
  activeExecution,
  changeState,
  changeStateOnRack,
  closePendingSteps,
  approvalGate,
  createExecution,
  getExecution,
  listApprovals,
} from "../repo/executions.ts";
import { getRackCurrent, listSledAgents } from "../repo/sled-agents.ts";
import { planForRack } from "./plan-for-rack.ts";
import { policyForPlan } from "./policy.ts";
import {
  approvalRule,
  blockingMessage,
  policyVerdict,
  type PolicyId,
  type PolicyResult,
} from "~/lib/policy/policies.ts";
import { getBlueprintWithModel } from "../repo/blueprints.ts";
import { recordPolicyOverrides, type PolicyOverrideInput } from "../repo/policy.ts";
import { fail, notFound, ok, type Result } from "./result.ts";
import { missingAgentMessage, sledsNeedingAgent } from "~/lib/plan/agents.ts";
import { changeSummary } from "~/lib/execution/change-summary.ts";

/** Called after approvals so this process's executor starts at once instead of at its next poll. */
let kickExecutor: () => void = () => undefined;
export function onExecutionApproved(kick: () => void): void {
  kickExecutor = kick;
}
/** After a start-now: this process's executor looks for work at once. */
export function kickExecutorNow(): void {
  kickExecutor();
}

export async function requestExecution(
  user: SessionUser,
  input: { rackId: string; targetBlueprintId: string; comment: string; mode?: ExecutionMode },
): Promise<Result<{ executionId: string; planHash: string; mode: ExecutionMode | null }>> {
  const current = await getRackCurrent(input.rackId);
  if (!current) return notFound(`rack ${input.rackId}`);
  if (!current.currentBlueprintId)
    return fail("BAD_REQUEST", "the rack has no current blueprint to execute from");
  // Not while one is approved or running (it is about to replace the parent). Unlocked: a request
  // racing an approval only adds a proposal; its own approval is checked under the rack's lock.
  const may = executionCan.request(user, { active: await activeExecution(input.rackId) });
  if (!may.ok) return fail(may.code, may.reason);
  const result = await planForRack(
    input.rackId,
    current.currentBlueprintId,
    input.targetBlueprintId,
    "safe",
    undefined,
    input.mode,
  );
  if (!result.ok) return result;
  const planned = result.value;
  if (planned.target.parentId !== current.currentBlueprintId) {
    return fail(
      "BAD_REQUEST",
      `blueprint ${input.targetBlueprintId} is not a child of the rack's current blueprint ${current.currentBlueprintId}`,
    );
  }
  // A plan with no step at all is requestable: approving and running it only moves the
  // rack's current blueprint (a child must have a current parent, so this is how one moves on).
  const unreachable = await sledsWithoutAgent(input.rackId, planned.plan);
  if (unreachable) return fail("BAD_REQUEST", unreachable);
  if (planned.hazards.length)
    return fail(
      "BAD_REQUEST",
      `the plan has ${planned.hazards.length} hazard(s); refusing to request it`,
    );
  // Policy checks (lib/policy): a hard-mandatory failure refuses the request outright.
  const policy = await policyForPlan(input.rackId, planned, current.currentBlueprintId);
  const { blocking } = policyVerdict(policy);
  if (blocking.length) return fail("BAD_REQUEST", blockingMessage(blocking));
  const rule = approvalRule(planned.parent, planned.target);
  // What it expunges and adds, as the requester confirmed it: stored for the approver.
  const changes = changeSummary(planned.graph.nodes, planned.diff.sleds);
  const { id } = await createExecution({
    changes,
    rackId: input.rackId,
    parentBlueprintId: current.currentBlueprintId,
    targetBlueprintId: input.targetBlueprintId,
    plan: planned.plan,
    planHash: planned.planHash,
    requestedById: user.id,
    comment: input.comment,
    policy,
    requiredApprovals: rule.required,
    mode: planned.plan.mode ?? null,
  });
  await recordAudit(
    user,
    "execution.request",
    {
      targetBlueprintId: input.targetBlueprintId,
      planHash: planned.planHash,
      steps: planned.plan.steps.length,
      requiredApprovals: rule.required,
      policyFailures: policy.filter((r) => !r.passed).map((r) => r.id),
      mode: planned.plan.mode ?? null,
    },
    id,
  );
  return ok({ executionId: id, planHash: planned.planHash, mode: planned.plan.mode ?? null });
}

/**
 * Refused at request time rather than ending `stale` after approval: every sled the plan sends
 * a request to needs a registered agent that was not decommissioned. Sleds that only leave the
 * rack (a decommission step) need none.
 */
async function sledsWithoutAgent(rackId: string, plan: Plan): Promise<string | null> {
  const agents = await listSledAgents(rackId);
  const missing = sledsNeedingAgent(plan, agents);
  return missing.length ? missingAgentMessage(missing) : null;
}

/**
 * The policy checks again at approval (inventory and the rack's levels may have changed since
 * the request): hard-mandatory failures refuse; each soft-mandatory failure needs one of
 * `overrides` with a written reason. Returns the overrides to record.
 */
async function approvalPolicy(
  exec: { rackId: string; parentBlueprintId: string; targetBlueprintId: string; plan: Plan },
  overrides: readonly { id: PolicyId; reason: string }[],
): Promise<Result<{ results: PolicyResult[]; overrides: { id: PolicyId; reason: string }[] }>> {
  const [parent, target] = await Promise.all([
    getBlueprintWithModel(exec.parentBlueprintId),
    getBlueprintWithModel(exec.targetBlueprintId),
  ]);
  if (!parent || !target) return fail("CONFLICT", "a blueprint of this execution is gone");
  const results = await policyForPlan(
    exec.rackId,
    // The stored plan had no hazard when requested (a request with one is refused) and neither
    // it nor its blueprints can change since: no replay needed.
    { parent: parent.model, target: target.model, hazards: [] },
    // Whether the rack is still at the parent is decided under the rack's lock below
    // (changeStateOnRack), with its own words ("the rack moved to …").
    exec.parentBlueprintId,
  );
  const verdict = policyVerdict(results);
  if (verdict.blocking.length) return fail("BAD_REQUEST", blockingMessage(verdict.blocking));
  const given = new Map(overrides.map((o) => [o.id, o.reason.trim()]));
  const missing = verdict.needsOverride.filter((r) => !given.get(r.id));
  if (missing.length)
    return fail(
      "BAD_REQUEST",
      `soft-mandatory ${missing.length === 1 ? "policy needs" : "policies need"} your override with a written reason: ${missing
        .map((r) => `${r.id} (${r.message})`)
        .join("; ")}`,
    );
  return ok({
    results,
    overrides: verdict.needsOverride.map((r) => ({ id: r.id, reason: given.get(r.id) ?? "" })),
  });
}

export async function decideExecution(
  user: SessionUser,
  input: {
    executionId: string;
    decision: "approve" | "reject";
    planHash?: string;
    comment: string;
    overrides?: readonly { id: PolicyId; reason: string }[];
  },
): Promise<Result<{ state: string; approvals?: number; requiredApprovals?: number }>> {
  const exec = await getExecution(input.executionId);
  if (!exec) return notFound(`execution ${input.executionId}`);
  // The rack is checked below, under its lock, by changeStateOnRack (the same rackAllows rule).
  const may =
    input.decision === "approve"
      ? executionCan.approve(exec, user, { nexusUrls: await linkedNexusUrls(exec.rackId) })
      : executionCan.reject(exec, user);
  if (!may.ok) return fail(may.code, may.reason);
  if (input.decision === "reject") return rejectExecution(user, exec, input.comment);
  if (input.planHash !== exec.planHash) {
    return fail(
      "CONFLICT",
      "the plan you reviewed is not the plan of this execution (plan hash mismatch); reload and review it again",
    );
  }
  const policy = await approvalPolicy(exec, input.overrides ?? []);
  if (!policy.ok) return policy;
  const overrides: PolicyOverrideInput[] = policy.value.overrides;
  const decided = { decidedById: user.id, decidedAt: new Date(), decisionComment: input.comment };
  // An approval commits the rack to this execution: only from its current blueprint, and only
  // while no other execution of it is approved or running (decided under the rack's lock). A
  // change needing several approvers stays awaiting approval until the last one (the gate).
  const gate = approvalGate({
    executionId: exec.id,
    planHash: exec.planHash,
    user,
    comment: input.comment,
    required: exec.requiredApprovals,
  });
  const res = await changeStateOnRack(
    exec.id,
    {
      rackId: exec.rackId,
      parentBlueprintId: exec.parentBlueprintId,
      blockedBy: ["approved", "running"],
    },
    "awaiting_approval",
    { type: "approve" },
    decided,
    { planHash: input.planHash },
    async (tx) => {
      const held = await gate(tx);
      // This approver's overrides count whether or not the approval is the last one needed.
      if (!held || held.hold.ok) await recordPolicyOverrides(tx, exec.id, user, overrides);
      return held;
    },
  );
  if (!res.ok) return fail("CONFLICT", res.reason);
  const approvals = (await listApprovals(exec.id)).length;
  await recordAudit(
    user,
    "execution.approve",
    {
      planHash: exec.planHash,
      comment: input.comment,
      approvals,
      requiredApprovals: exec.requiredApprovals,
      ...(overrides.length ? { overrides: overrides.map((o) => ({ ...o })) } : {}),
    },
    exec.id,
  );
  if (res.state === "approved") kickExecutor();
  return ok({ state: res.state, approvals, requiredApprovals: exec.requiredApprovals });
}

async function rejectExecution(
  user: SessionUser,
  exec: { id: string; planHash: string },
  comment: string,
): Promise<Result<{ state: string }>> {
  const decided = { decidedById: user.id, decidedAt: new Date(), decisionComment: comment };
  const res = await changeState(exec.id, "awaiting_approval", { type: "reject" }, decided);
  if (!res.ok) return fail("CONFLICT", res.reason);
  await closePendingSteps(exec.id, "cancelled", "not sent: the execution was rejected");
  await recordAudit(user, "execution.reject", { planHash: exec.planHash, comment }, exec.id);
  return ok({ state: res.state });
}

export async function cancelExecution(
  user: SessionUser,
  input: { executionId: string; comment: string },
): Promise<Result<{ state: string }>> {
  const exec = await getExecution(input.executionId);
  if (!exec) return notFound(`execution ${input.executionId}`);
  const may = executionCan.cancel(exec, user);
  if (!may.ok) return fail(may.code, may.reason);
  const res = await changeState(
    exec.id,
    exec.state,
    { type: "cancel" },
    { cancelledById: user.id, finishedAt: exec.state === "running" ? undefined : new Date() },
  );
  if (!res.ok) return fail("CONFLICT", res.reason);
  // A running execution's runner closes its own steps once in-flight requests finish.
  if (exec.state !== "running")
    await closePendingSteps(exec.id, "cancelled", "not sent: the execution was cancelled");
  await recordAudit(
    user,
    "execution.cancel",
    { comment: input.comment, wasState: exec.state },
    exec.id,
  );
  return ok({ state: res.state });
}
