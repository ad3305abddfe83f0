/**
 * Why a pending step has not started, in the executor's terms (server/executor/scheduler.ts):
 * the execution is not running yet; a dependency has not succeeded; its sled already has a
 * request in flight (one per sled); or every executor slot is busy.
 */
import type { ExecutionState, StepState } from "~/lib/execution/state-machine";
import type { Plan } from "~/lib/plan/types";
import { stepShortName } from "./read-plan";

interface StepLike {
  stepId: string;
  sledId: string;
  state: StepState;
}

export function waitingOn(
  plan: Plan | null,
  steps: readonly StepLike[],
  execState: ExecutionState,
  concurrency: number,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const state = new Map(steps.map((s) => [s.stepId, s.state]));
  const runningOnSled = new Map<string, string>();
  for (const s of steps) if (s.state === "running") runningOnSled.set(s.sledId, s.stepId);
  const running = steps.filter((s) => s.state === "running").length;
  const deps = new Map((plan?.steps ?? []).map((s) => [s.id, s.dependsOn]));
  for (const s of steps) {
    if (s.state !== "pending") continue;
    out.set(
      s.stepId,
      reasonFor(s, execState, deps.get(s.stepId) ?? [], state, runningOnSled, running, concurrency),
    );
  }
  return out;
}

function reasonFor(
  s: StepLike,
  execState: ExecutionState,
  deps: readonly string[],
  state: ReadonlyMap<string, StepState>,
  runningOnSled: ReadonlyMap<string, string>,
  running: number,
  concurrency: number,
): string {
  switch (execState) {
    case "awaiting_approval":
      return "waiting for approval";
    case "approved":
      return "waiting for the executor to check the sleds still match the plan";
    case "rejected":
      return "not run: the execution was rejected";
    case "stale":
      return "not run: the plan was stale";
    case "cancelled":
      return "not run: the execution was cancelled";
    case "succeeded":
    case "failed":
      return "not run";
    case "running":
      break;
    default:
      return execState satisfies never;
  }
  const failedDep = deps.find((d) =>
    ["failed", "skipped", "cancelled"].includes(state.get(d) ?? ""),
  );
  if (failedDep)
    return `blocked: ${stepShortName(failedDep)} ${state.get(failedDep) ?? ""}; this step will be skipped`;
  const openDeps = deps.filter((d) => state.get(d) !== "succeeded");
  if (openDeps.length)
    return `waiting on ${openDeps.map((d) => `${stepShortName(d)} (${state.get(d) ?? "pending"})`).join(", ")}`;
  const busy = runningOnSled.get(s.sledId);
  if (busy)
    return `waiting for ${stepShortName(busy)} on the same sled (one request per sled at a time)`;
  if (running >= concurrency)
    return `waiting for a free executor slot (${running} of ${concurrency} in flight)`;
  return "ready: starts at the executor's next pass";
}
