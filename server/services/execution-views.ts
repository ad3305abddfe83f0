/** Read models of executions for the API: rows → DTOs, plus what the asking user may do. */
import { executionCan } from "~/lib/execution/can.ts";
import { STEP_STATES, type StepState } from "~/lib/execution/state-machine.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { ExecutionEventDto, ExecutionSummaryDto } from "../dto/execution.ts";
import { listAudit } from "../repo/audit.ts";
import {
  eventsSince,
  getExecution,
  listApprovals,
  listAttempts,
  listExecutions,
  listSteps,
  rackNow,
  stepCounts,
  type ExecutionSummaryRow,
} from "../repo/executions.ts";
import { linkedNexusUrls } from "../repo/nexus.ts";
import { getExecutionPolicy } from "../repo/policy.ts";
import { readChangeSummary, summaryText } from "~/lib/execution/change-summary.ts";
import { executionWindow } from "./maintenance.ts";
import { notFound, ok } from "./result.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(
  e: ExecutionSummaryRow,
  counts: Partial<Record<StepState, number>>,
): ExecutionSummaryDto {
  const changes = readChangeSummary(e.changes);
  return {
    id: e.id,
    rackId: e.rackId,
    state: e.state,
    parentBlueprintId: e.parentBlueprintId,
    targetBlueprintId: e.targetBlueprintId,
    planHash: e.planHash,
    mode: e.mode,
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
    changes,
    changeText: changes ? summaryText(changes) : null,
  };
}

export async function executionSummaries(filter: Parameters<typeof listExecutions>[0]) {
  const rows = await listExecutions(filter);
  const counts = await stepCounts(rows.map((r) => r.id));
  return rows.map((r) => summary(r, counts.get(r.id) ?? {}));
}

export async function executionDetail(id: string, user: SessionUser) {
  const e = await getExecution(id);
  if (!e) return notFound(`execution ${id}`);
  const [steps, attempts, policy, approvals, window] = await Promise.all([
    listSteps(id),
    listAttempts(id),
    getExecutionPolicy(id),
    listApprovals(id),
    executionWindow(e),
  ]);
  const counts: Partial<Record<StepState, number>> = {};
  for (const s of steps) counts[s.state] = (counts[s.state] ?? 0) + 1;
  // The rack is read only when it can matter: for a decision the user may otherwise make. This
  // read is unlocked, a hint for the button; execution.approve checks it again under the lock.
  const reject = executionCan.reject(e, user);
  const rack = reject.ok ? await rackNow(e.rackId, e.id, ["approved", "running"]) : undefined;
  const nexusUrls = reject.ok ? await linkedNexusUrls(e.rackId) : [];
  return ok({
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
    can: {
      approve: executionCan.approve(e, user, {
        rack,
        nexusUrls,
        approvedBy: approvals.map((a) => a.userId),
      }),
      reject,
      cancel: executionCan.cancel(e, user),
    },
    policy: policy?.results ?? [],
    policyOverrides: (policy?.overrides ?? []).map(({ id, reason, name, at }) => ({
      id,
      reason,
      name,
      at,
    })),
    window,
    canStartNow: executionCan.startNow(e, user, { waiting: window.waiting }),
    requiredApprovals: e.requiredApprovals,
    approvals: approvals.map((a) => ({
      name: a.userName,
      at: a.at.toISOString(),
      comment: a.comment,
    })),
  });
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
