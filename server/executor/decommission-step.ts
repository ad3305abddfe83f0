/**
 * A decommission step: the sled left the rack, so nothing is sent to its agent. The console
 * marks the agent record decommissioned (it stops reading the agent; later plans never need
 * it), recorded like an attempt (what was done, when) so the execution page shows it. Omicron's
 * executor does the same for its own database (nexus/reconfigurator/execution/src/sled_state.rs
 * `decommission_sleds`, idempotent when repeated).
 */
import type { DecommissionStep } from "~/lib/plan/types.ts";
import { finishAttempt, startAttempt } from "../repo/attempts.ts";
import { markSledAgentDecommissioned } from "../repo/sled-agents.ts";
import type { StepRun } from "./run-step.ts";

/** What the attempt row says was done: no HTTP, a change to the console's own records. */
export const DECOMMISSION_METHOD = "DECOMMISSION";
export const decommissionTarget = (sledId: string) => `console:sled-agent/${sledId}`;

export async function runDecommission(
  step: DecommissionStep,
  ctx: { executionId: string; rackId: string; runner: string; stop?: AbortSignal },
): Promise<StepRun> {
  const started = performance.now();
  const attempt = await startAttempt({
    executionId: ctx.executionId,
    stepId: step.id,
    runner: ctx.runner,
    method: DECOMMISSION_METHOD,
    url: decommissionTarget(step.sledId),
    requestBody: { sledId: step.sledId, mark: "decommissioned", request: "none" },
    stepStarted: true,
  });
  const marked = await markSledAgentDecommissioned(ctx.rackId, step.sledId, ctx.executionId);
  const responseBody = marked
    ? {
        decommissioned: true,
        decommissionedAt: marked.decommissionedAt.toISOString(),
        agentAddress: marked.address,
        note: "the console no longer reads this agent",
      }
    : { decommissioned: true, note: "no agent was registered for this sled: nothing to stop" };
  const end = !ctx.stop?.aborted; // a lost lease leaves the step to the next runner
  const finished = await finishAttempt(
    attempt.id,
    {
      status: null,
      responseBody,
      error: null,
      errorKind: null,
      durationMs: performance.now() - started,
    },
    { executionId: ctx.executionId, stepId: step.id, attempt: attempt.attempt },
    end ? { kind: "end", state: "succeeded", error: null } : { kind: "none" },
  );
  return { ok: true, recorded: end, executionState: finished.executionState };
}
