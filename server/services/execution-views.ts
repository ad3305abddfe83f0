/** Read models of executions for the API: rows → DTOs, plus what the asking user may do. */
import {
  canApprove,
  isTerminal,
  rackAllows,
  STEP_STATES,
  type StepState,
} from "../../lib/execution/state-machine.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { ExecutionEventDto, ExecutionSummaryDto } from "../dto/execution.ts";
import { listAudit } from "../repo/audit.ts";
import {
  eventsSince,
  getExecution,
  listAttempts,
  listExecutions,
  listSteps,
  rackNow,
  stepCounts,
  type ExecutionRow,
} from "../repo/executions.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(e: ExecutionRow, counts: Partial<Record<StepState, number>>): ExecutionSummaryDto {
  return {
    id: e.id,
    rackId: e.rackId,
    state: e.state,
    parentBlueprintId: e.parentBlueprintId,
    targetBlueprintId: e.targetBlueprintId,
    planHash: e.planHash,
    requestedBy: e.requestedBy,
    decidedBy: e.decidedBy,
    comment: e.comment,
    decisionComment: e.decisionComment,
    createdAt: e.createdAt.toISOString(),
    startedAt: iso(e.startedAt),
    finishedAt: iso(e.finishedAt),
    outcome: e.outcome ?? null,
    steps: Object.fromEntries(STEP_STATES.map((s) => [s, counts[s] ?? 0])) as Record<
      StepState,
      number
    >,
  };
}

export async function executionSummaries(filter: Parameters<typeof listExecutions>[0]) {
  const rows = await listExecutions(filter);
  const counts = await stepCounts(rows.map((r) => r.id));
  return rows.map((r) => summary(r, counts.get(r.id) ?? {}));
}

export async function executionDetail(id: string, user: SessionUser) {
  const e = await getExecution(id);
  if (!e) return null;
  const [steps, attempts] = await Promise.all([listSteps(id), listAttempts(id)]);
  const counts: Partial<Record<StepState, number>> = {};
  for (const s of steps) counts[s.state] = (counts[s.state] ?? 0) + 1;
  const cancel = isTerminal(e.state)
    ? { ok: false as const, reason: `the execution already ended (${e.state})` }
    : user.roles.includes("operator") || user.roles.includes("approver")
      ? { ok: true as const }
      : { ok: false as const, reason: "cancelling needs the operator or approver role" };
  return {
    ...summary(e, counts),
    plan: e.plan,
    stepList: steps.map((s) => ({
      stepId: s.stepId,
      seq: s.seq,
      sledId: s.sledId,
      state: s.state,
      attemptCount: s.attemptCount,
      error: s.error,
      startedAt: iso(s.startedAt),
      finishedAt: iso(s.finishedAt),
    })),
    attempts: attempts.map((a) => ({
      id: a.id.toString(),
      stepId: a.stepId,
      attempt: a.attempt,
      runner: a.runner,
      method: a.method,
      url: a.url,
      requestBody: a.requestBody,
      status: a.status,
      responseBody: a.responseBody ?? null,
      error: a.error,
      errorKind: a.errorKind,
      startedAt: a.startedAt.toISOString(),
      finishedAt: iso(a.finishedAt),
      durationMs: a.durationMs,
    })),
    can: { ...(await decisions(e, user)), cancel },
  };
}

/**
 * Rejecting needs what canApprove says; approving also needs the rack to be at the execution's
 * parent with no other execution of it approved or running (decideExecution checks both again,
 * the rack under a lock). A proposal the rack moved past can still be rejected.
 */
async function decisions(e: ExecutionRow, user: SessionUser) {
  const reject = canApprove({ state: e.state, requestedById: e.requestedById }, user);
  return { reject, approve: reject.ok ? await rackApproval(e) : reject };
}

async function rackApproval(e: ExecutionRow) {
  const verdict = rackAllows(
    e.parentBlueprintId,
    await rackNow(e.rackId, e.id, ["approved", "running"]),
  );
  return verdict.ok ? verdict : { ok: false as const, reason: verdict.reason };
}

export async function executionEvents(
  id: string,
  afterId: bigint,
  except: readonly bigint[] = [],
): Promise<ExecutionEventDto[]> {
  const rows = await eventsSince(id, afterId, except);
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    type: r.type,
    stepId: r.stepId,
    data: r.data,
  }));
}

export async function auditLog(filter: Parameters<typeof listAudit>[0]) {
  const rows = await listAudit(filter);
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: r.action,
    executionId: r.executionId,
    details: r.details,
  }));
}
