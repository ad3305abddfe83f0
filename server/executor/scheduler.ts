/**
 * Runs the plan's step DAG: ready steps start while fewer than `concurrency` run (at most
 * `perSledConcurrency` per sled), a failed step's dependents are skipped, independent
 * branches finish, and a cancelled execution starts nothing new.
 */
import type { ExecutionState, StepState } from "~/lib/execution/state-machine.ts";
import { isNexusStep, isRequestStep, type Plan, type PlanStep } from "~/lib/plan/types.ts";
import { abandonOpenAttempts } from "../repo/attempts.ts";
import { recordAudit, systemActor } from "../repo/audit.ts";
import {
  appendEvent,
  changeState,
  closePendingSteps,
  endStep,
  finishSucceeded as recordSucceeded,
  getExecutionState,
  listSteps,
  markFinished,
  setStepState,
} from "../repo/executions.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import { watchCancellation, type CancelWatch } from "./cancel-watch.ts";
import type { ExecutorConfig } from "./config.ts";
import { runDecommission } from "./decommission-step.ts";
import { runNexusStep, watchSled, type NexusContext, type NexusStepRun } from "./nexus-steps.ts";
import { runStep, type StepRun } from "./run-step.ts";

interface Run {
  id: string;
  plan: Plan;
  runner: string;
  cfg: ExecutorConfig;
  clientFor: (sledId: string) => SledAgentClient | null;
  stop: AbortSignal;
  /** A mode plan's Nexus (lib/plan/mode-plan.ts); absent for an unlinked rack. */
  nexus?: Omit<NexusContext, "signal" | "resumed" | "cfg" | "runner" | "executionId"> | undefined;
}

/** What the execution changes: the rack, from which current blueprint, to which target. */
interface Change {
  rackId: string;
  parentBlueprintId: string;
  targetBlueprintId: string;
}

export async function runSteps(run: Run, change: Change): Promise<ExecutionState> {
  const { states, resumed } = await resume(run);
  const watch = await watchCancellation(run, run.cfg.cancelPollMs);
  const dag: Dag = {
    states,
    resumed,
    inflight: new Map(),
    perSled: new Map(),
    stale: null,
    superseded: false,
  };
  const byId = new Map(run.plan.steps.map((s) => [s.id, s]));
  try {
    for (;;) {
      if (run.stop.aborted || dag.superseded) break;
      if (!watch.cancelled) {
        await skipBlocked(run, states, byId, watch.observe);
        startReadySteps(run, dag, watch, change.rackId);
      }
      if (dag.inflight.size === 0) break;
      const running = dag.inflight.values();
      await Promise.race(watch.cancelled ? running : [...running, watch.woken]);
    }
    await Promise.allSettled(dag.inflight.values());
  } finally {
    watch.close();
  }
  // lease lost (seen by the renewal, or by a write fenced off): another runner carries on
  if (run.stop.aborted || dag.superseded) return "running";
  if (dag.stale !== null && !watch.cancelled) return refusedByNexus(run, dag.stale);
  return finish(run, states, watch.cancelled, change);
}

/** The scheduler's view of the DAG while it runs. */
interface Dag {
  states: Map<string, StepState>;
  /** Steps a dead runner had started (`resume`). */
  resumed: Set<string>;
  inflight: Map<string, Promise<void>>;
  /** Running steps per sled. */
  perSled: Map<string, number>;
  /** A Nexus step found Nexus's target moved, or Nexus refused ours, before any change: why. */
  stale: string | null;
  /** A step's write found another runner holding the execution: start nothing, write nothing more. */
  superseded: boolean;
}

/**
 * Starts, in plan order, each pending step whose dependencies all succeeded, while fewer than
 * `concurrency` run and fewer than `perSledConcurrency` on its sled; none once cancelled.
 */
function startReadySteps(run: Run, dag: Dag, watch: CancelWatch, rackId: string): void {
  const { states, inflight, perSled } = dag;
  for (const step of run.plan.steps) {
    if (watch.cancelled || inflight.size >= run.cfg.concurrency) break;
    if (
      states.get(step.id) !== "pending" ||
      !step.dependsOn.every((d) => states.get(d) === "succeeded")
    )
      continue;
    if ((perSled.get(step.sledId) ?? 0) >= run.cfg.perSledConcurrency) continue;
    states.set(step.id, "running");
    perSled.set(step.sledId, (perSled.get(step.sledId) ?? 0) + 1);
    const again = dag.resumed.has(step.id);
    const p = execute(run, step, dag, watch.signal, watch.observe, again, rackId).finally(() => {
      inflight.delete(step.id);
      perSled.set(step.sledId, (perSled.get(step.sledId) ?? 1) - 1);
    });
    inflight.set(step.id, p);
  }
}

/**
 * Steps a dead runner left `running` go back to `pending` (returned in `resumed`: their
 * `step.started` is already in the feed); its open attempts are closed.
 */
async function resume(run: Run): Promise<{ states: Map<string, StepState>; resumed: Set<string> }> {
  const rows = await listSteps(run.id);
  const abandoned = await abandonOpenAttempts(run.id, run.runner);
  const states = new Map<string, StepState>();
  const resumed = new Set<string>();
  for (const r of rows) {
    if (r.state === "running") {
      await setStepState(run.id, r.stepId, "pending");
      await appendEvent(run.id, "step.resumed", r.stepId, {
        runner: run.runner,
        abandonedAttempts: abandoned,
      });
      states.set(r.stepId, "pending");
      resumed.add(r.stepId);
    } else states.set(r.stepId, r.state);
  }
  return { states, resumed };
}

async function skipBlocked(
  run: Run,
  states: Map<string, StepState>,
  byId: Map<string, PlanStep>,
  observe: (s: ExecutionState | null) => void,
): Promise<void> {
  for (let changed = true; changed;) {
    changed = false;
    for (const step of run.plan.steps) {
      if (states.get(step.id) !== "pending") continue;
      const blocker = step.dependsOn.find((d) =>
        ["failed", "skipped", "cancelled"].includes(states.get(d) ?? ""),
      );
      if (!blocker) continue;
      const error = `skipped: ${byId.get(blocker)?.id ?? blocker} did not succeed`;
      states.set(step.id, "skipped");
      observe(
        (
          await endStep(run.id, step.id, "skipped", error, {
            type: "step.skipped",
            data: { because: blocker },
          })
        ).executionState,
      );
      changed = true;
    }
  }
}

async function execute(
  run: Run,
  step: PlanStep,
  dag: Dag,
  signal: AbortSignal,
  observe: (s: ExecutionState | null) => void,
  resumed: boolean,
  rackId: string,
): Promise<void> {
  const { states } = dag;
  const client = run.clientFor(step.sledId);
  let out: StepRun;
  if (isNexusStep(step)) {
    const ran = await runNexus(run, step, client, signal, resumed);
    if (ran.stale !== undefined) dag.stale = ran.stale;
    out = ran;
  } else if (!isRequestStep(step)) {
    out = await runDecommission(step, {
      executionId: run.id,
      rackId,
      runner: run.runner,
      stop: run.stop,
    });
  } else if (client) {
    out = await runStep(step, {
      executionId: run.id,
      runner: run.runner,
      client,
      cfg: run.cfg,
      signal,
      stop: run.stop,
      resumed,
    });
  } else {
    await appendEvent(run.id, "step.started", step.id, {});
    out = {
      ok: false,
      error: "no sled agent address is known for this sled",
      recorded: false,
      executionState: null,
    };
  }
  // lease lost mid-step (or found lost by the attempt's own write): the next runner re-sends it
  if (out.superseded) dag.superseded = true;
  if (run.stop.aborted || dag.superseded) return;
  const state: StepState = out.ok ? "succeeded" : out.cancelled ? "cancelled" : "failed";
  states.set(step.id, state);
  if (out.recorded)
    observe(out.executionState); // ended with its last attempt, in the same statement
  else
    observe(
      (
        await endStep(run.id, step.id, state, out.ok ? null : out.error, {
          type: `step.${state}`,
          data: out.ok ? {} : { error: out.error },
        })
      ).executionState,
    );
}

async function runNexus(
  run: Run,
  step: Extract<PlanStep, { kind: "nexus" }>,
  client: SledAgentClient | null,
  signal: AbortSignal,
  resumed: boolean,
): Promise<NexusStepRun> {
  if (!run.nexus) {
    await appendEvent(run.id, "step.started", step.id, {});
    return {
      ok: false,
      error: "the rack is no longer linked to Nexus",
      recorded: false,
      executionState: null,
    };
  }
  const ctx: NexusContext = {
    ...run.nexus,
    executionId: run.id,
    runner: run.runner,
    cfg: run.cfg,
    signal,
    resumed,
  };
  if (step.action !== "watch-sled") return runNexusStep(step, ctx);
  if (client) return watchSled(step, client, ctx);
  await appendEvent(run.id, "step.started", step.id, {});
  return {
    ok: false,
    error: "no sled agent address is known for this sled: its inventory cannot be watched",
    recorded: false,
    executionState: null,
  };
}

/**
 * Nexus's target moved, or Nexus refused ours, before the execution changed anything: it ends
 * `stale`, its other steps skipped (docs/ARCHITECTURE.md, "Executing on a Nexus-linked rack").
 */
async function refusedByNexus(run: Run, reason: string): Promise<ExecutionState> {
  const res = await changeState(
    run.id,
    "running",
    { type: "refused_by_nexus" },
    { finishedAt: new Date(), outcome: { stale: [], reason } },
  );
  if (!res.ok) return (await getExecutionState(run.id)) ?? "stale";
  await closePendingSteps(run.id, "skipped", `not sent: ${reason}`);
  await recordAudit(systemActor(run.runner), "execution.stale", { reason }, run.id);
  return "stale";
}

async function finish(
  run: Run,
  states: Map<string, StepState>,
  cancelled: boolean,
  change: Change,
): Promise<ExecutionState> {
  if (cancelled) {
    for (const [stepId, s] of states) {
      if (s === "pending")
        await endStep(run.id, stepId, "cancelled", "the execution was cancelled", {
          type: "step.cancelled",
          data: {},
        });
    }
    await markFinished(run.id);
    await recordAudit(
      systemActor(run.runner),
      "execution.finish",
      { outcome: "cancelled" },
      run.id,
    );
    return "cancelled";
  }
  const failed = [...states].filter(([, s]) => s === "failed").map(([id]) => id);
  if (!failed.length) return finishSucceeded(run, states.size, change);
  const res = await changeState(
    run.id,
    "running",
    { type: "finish", outcome: "failed" },
    { finishedAt: new Date(), outcome: { failedSteps: failed, rootFailure: failed[0] ?? null } },
  );
  if (!res.ok) return (await getExecutionState(run.id)) ?? "failed";
  await recordAudit(
    systemActor(run.runner),
    "execution.finish",
    { outcome: "failed", failedSteps: failed },
    run.id,
  );
  return "failed";
}

/**
 * Every step succeeded: the target becomes the rack's current blueprint, unless another
 * execution moved it meanwhile (then this one ends failed, saying so: repo finishSucceeded).
 */
async function finishSucceeded(run: Run, steps: number, change: Change): Promise<ExecutionState> {
  const res = await recordSucceeded({
    executionId: run.id,
    ...change,
    steps,
    targetFollowed: run.plan.mode !== undefined,
    ledgers: run.plan.sleds
      .filter((s) => s.stepIds.length)
      .map((s) => ({ sledId: s.sledId, final: s.final })),
  });
  if (!res.ok) return (await getExecutionState(run.id)) ?? "succeeded";
  await recordAudit(
    systemActor(run.runner),
    "execution.finish",
    res.state === "succeeded"
      ? { outcome: "succeeded", failedSteps: [] }
      : { outcome: "failed", reason: res.reason, currentBlueprintId: res.currentBlueprintId },
    run.id,
  );
  return res.state;
}
