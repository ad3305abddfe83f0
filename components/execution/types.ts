/**
 * What the execution pages receive, inferred from the tRPC router (type-only import: the UI
 * never runs server code). Pure helpers take the narrow structural types below instead, so
 * their tests need no router.
 */
import type { inferRouterOutputs } from "@trpc/server";
import type { ExecutionState, StepState } from "~/lib/execution/state-machine";
import type { AppRouter } from "~/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type ExecutionDetail = Outputs["execution"]["byId"];
export type ExecutionSummary = Outputs["execution"]["list"][number];
export type AuditEntry = Outputs["execution"]["audit"][number];
export type PlanPreview = Outputs["blueprint"]["plan"];
export type Me = Outputs["auth"]["me"];

/** One row of the step list (execution.byId `stepList`). */
export interface StepRow {
  stepId: string;
  sledId: string;
  state: StepState;
  attemptCount: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One recorded HTTP attempt (execution.byId `attempts`). */
export interface AttemptRow {
  id: string;
  stepId: string;
  attempt: number;
  runner: string;
  method: string;
  url: string;
  requestBody?: unknown;
  status: number | null;
  responseBody?: unknown;
  error: string | null;
  errorKind: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

/** One event of the live feed (execution.events). */
export interface FeedEvent {
  id: string;
  at: string;
  type: string;
  stepId: string | null;
  data?: unknown;
}

export type { ExecutionState, StepState };
