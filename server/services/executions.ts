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
  createExecution,
  getExecution,
} from "../repo/executions.ts";
import { getRackCurrent, listSledAgents } from "../repo/sled-agents.ts";
import { planForRack } from "./plan-for-rack.ts";
import { fail, notFound, ok, type Result } from "./result.ts";
import { missingAgentMessage, sledsNeedingAgent } from "~/lib/plan/agents.ts";

/** Called after approvals so this process's executor starts at once instead of at its next poll. */
let kickExecutor: () => void = () => undefined;
export function onExecutionApproved(kick: () => void): void {
  kickExecutor = kick;
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
  const { id } = await createExecution({
    rackId: input.rackId,
    parentBlueprintId: current.currentBlueprintId,
    targetBlueprintId: input.targetBlueprintId,
    plan: planned.plan,
    planHash: planned.planHash,
    requestedById: user.id,
    comment: input.comment,
    mode: planned.plan.mode ?? null,
  });
  await recordAudit(
    user,
    "execution.request",
    {
      targetBlueprintId: input.targetBlueprintId,
      planHash: planned.planHash,
      steps: planned.plan.steps.length,
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

export async function decideExecution(
  user: SessionUser,
  input: {
    executionId: string;
    decision: "approve" | "reject";
    planHash?: string;
    comment: string;
  },
): Promise<Result<{ state: string }>> {
  const exec = await getExecution(input.executionId);
  if (!exec) return notFound(`execution ${input.executionId}`);
  // The rack is checked below, under its lock, by changeStateOnRack (the same rackAllows rule).
  const may =
    input.decision === "approve"
      ? executionCan.approve(exec, user, { nexusUrls: await linkedNexusUrls(exec.rackId) })
      : executionCan.reject(exec, user);
  if (!may.ok) return fail(may.code, may.reason);
  if (input.decision === "approve" && input.planHash !== exec.planHash) {
    return fail(
      "CONFLICT",
      "the plan you reviewed is not the plan of this execution (plan hash mismatch); reload and review it again",
    );
  }
  const decided = { decidedById: user.id, decidedAt: new Date(), decisionComment: input.comment };
  // An approval commits the rack to this execution: only from its current blueprint, and only
  // while no other execution of it is approved or running (decided under the rack's lock).
  const res =
    input.decision === "approve"
      ? await changeStateOnRack(
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
        )
      : await changeState(exec.id, "awaiting_approval", { type: "reject" }, decided);
  if (!res.ok) return fail("CONFLICT", res.reason);
  if (input.decision === "reject")
    await closePendingSteps(exec.id, "cancelled", "not sent: the execution was rejected");
  await recordAudit(
    user,
    `execution.${input.decision}`,
    { planHash: exec.planHash, comment: input.comment },
    exec.id,
  );
  if (input.decision === "approve") kickExecutor();
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
