/**
 * Drives one execution to its end: takes the lease, checks the plan is not stale, runs the
 * step DAG with bounded concurrency (sleds in parallel), skips the dependents of failed steps,
 * honours cancellation, and records the outcome. Safe to call again after a crash: steps that
 * were in flight are re-sent (their generation makes that idempotent at the sled agent).
 */
import {
  rackAllows,
  rackMovedReason,
  type ExecutionState,
  type RackNow,
} from "~/lib/execution/state-machine.ts";
import { CHECK_TARGET_STEP } from "~/lib/plan/mode-plan.ts";
import { isNexusStep, type Plan } from "~/lib/plan/types.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { recordAudit, systemActor } from "../repo/audit.ts";
import {
  appendEvent,
  changeState,
  changeStateOnRack,
  closePendingSteps,
  endStep,
  getExecution,
  rackNow,
} from "../repo/executions.ts";
import { linkedNexusUrls } from "../repo/nexus.ts";
import { abandonOpenAttempts } from "../repo/attempts.ts";
import { NexusClient } from "../nexus/client.ts";
import { runNexusStep, type NexusContext } from "./nexus-steps.ts";
import { toJson } from "../repo/json.ts";
import { claimLease, releaseLease, renewLease } from "../repo/leases.ts";
import { getBlueprintModel, listSledAgents } from "../repo/sled-agents.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";
import { agentAddressRefusal } from "../http/agent-hosts.ts";
import { ClientPool } from "./client-pool.ts";
import { executorConfig, type ExecutorConfig } from "./config.ts";
import { runSteps } from "./scheduler.ts";
import { windowHold } from "../services/maintenance.ts";
import { affectedSleds, checkSledDrift, type SledDrift } from "./stale-check.ts";

export interface DriveOptions {
  runner: string;
  cfg?: Partial<ExecutorConfig>;
  clients?: ClientPool;
}

export type DriveResult =
  | { kind: "not-claimed" }
  | { kind: "lost-lease" }
  /** Approved, but another execution of its rack is running: the supervisor tries again later. */
  | { kind: "waiting" }
  | { kind: "ended"; state: ExecutionState };

export async function driveExecution(
  executionId: string,
  opts: DriveOptions,
): Promise<DriveResult> {
  const cfg = executorConfig(opts.cfg);
  if (!(await claimLease(executionId, opts.runner, cfg.leaseTtlMs))) return { kind: "not-claimed" };
  const stop = new AbortController();
  let lost = false;
  const timer = setInterval(
    () => {
      void renewLease(executionId, opts.runner, cfg.leaseTtlMs).then(
        (ok) => {
          if (!ok) {
            lost = true;
            stop.abort();
          }
        },
        () => undefined, // a database hiccup: the next tick tries again before the lease lapses
      );
    },
    Math.max(50, Math.floor(cfg.leaseTtlMs / 3)),
  );
  const clients = opts.clients ?? new ClientPool(cfg.callTimeoutMs);
  try {
    const state = await drive(executionId, opts.runner, cfg, clients, stop.signal);
    return lost
      ? { kind: "lost-lease" }
      : state === "approved"
        ? { kind: "waiting" }
        : { kind: "ended", state };
  } finally {
    clearInterval(timer);
    if (!opts.clients) clients.close();
    if (!lost) await releaseLease(executionId, opts.runner);
  }
}

async function drive(
  id: string,
  runner: string,
  cfg: ExecutorConfig,
  clients: ClientPool,
  stop: AbortSignal,
): Promise<ExecutionState> {
  const exec = await getExecution(id);
  if (!exec) throw new Error(`execution ${id} vanished`);
  const { plan } = exec;
  const agents = new Map((await listSledAgents(exec.rackId)).map((a) => [a.sledId, a]));
  // The allow-list is checked where addresses are stored (rack.setSledAgent) and again here,
  // where the console calls them: a row written any other way (seeding, SQL) or a list
  // narrowed since is never called.
  const refused = new Map(
    [...agents.values()].map((a) => [a.sledId, agentAddressRefusal(a.address)]),
  );
  const noClient = (sledId: string): string | null => {
    if (!agents.has(sledId)) return "no sled agent address is known for this sled";
    const refusal = refused.get(sledId);
    return refusal ? `its agent address is not called: ${refusal}` : null;
  };
  const clientFor = (sledId: string): SledAgentClient | null => {
    const a = agents.get(sledId);
    return a && !refused.get(a.sledId) ? clients.get(a.address) : null;
  };
  if (exec.state !== "approved" && exec.state !== "running") return exec.state;
  const nexus = plan.mode ? await nexusOf(exec.rackId, cfg.callTimeoutMs) : null;
  try {
    const target = plan.mode ? await getBlueprintModel(exec.targetBlueprintId) : null;
    const nexusCtx =
      nexus && target
        ? { rackId: exec.rackId, nexus, parentId: exec.parentBlueprintId, target }
        : undefined;
    if (exec.state === "approved") {
      // Outside the rack's maintenance windows it waits (the supervisor asks again each poll).
      if (await windowHold(exec, cfg.now())) return "approved";
      if (plan.mode) {
        const checked = await checkNexus(id, exec.rackId, exec.parentBlueprintId, runner, cfg, {
          nexusCtx,
          target,
          stop,
        });
        if (checked !== "running") return checked;
      }
      const started = await checkAndStart(
        id,
        exec.rackId,
        exec.parentBlueprintId,
        plan,
        { clientFor, noClient },
        runner,
      );
      if (started !== "running") return started;
    }
    return await runSteps({ id, plan, runner, cfg, clientFor, stop, nexus: nexusCtx }, exec);
  } finally {
    for (const c of nexus ?? []) c.close();
  }
}

/** Clients of the rack's Nexus instances, in the rack's order (none: no longer linked). */
async function nexusOf(rackId: string, timeoutMs: number): Promise<NexusClient[]> {
  return (await linkedNexusUrls(rackId)).map((url) => new NexusClient({ baseUrl: url, timeoutMs }));
}

/**
 * A mode plan's first step, before the execution starts: Nexus's target must be the plan's
 * parent. Moved: the execution ends `stale`, saying what the target is now. Nexus unreachable
 * (every retry) or the rack no longer linked: it ends `failed` with nothing changed.
 * "running" when it may start. A step whose check already passed (a crash before the start) is
 * not checked again: nothing has changed since but the time.
 */
async function checkNexus(
  id: string,
  rackId: string,
  parentId: string,
  runner: string,
  cfg: ExecutorConfig,
  o: {
    nexusCtx: Omit<NexusContext, "signal" | "cfg" | "runner" | "executionId"> | undefined;
    target: Blueprint | null;
    stop: AbortSignal;
  },
): Promise<ExecutionState> {
  const held = await rackHolds(id, rackId, parentId, runner);
  if (held !== "running") return held;
  const exec = await getExecution(id);
  const step = exec?.plan.steps.find((s) => s.id === CHECK_TARGET_STEP);
  if (!exec || !step || !isNexusStep(step))
    return notStarted(id, runner, "the plan has no Nexus check");
  if (!o.nexusCtx)
    return notStarted(
      id,
      runner,
      o.target
        ? "the rack is no longer linked to Nexus: nothing was changed; request it again"
        : "the target blueprint is not stored",
    );
  // A runner that died mid-check left its attempt open: closed as abandoned, the check redone.
  const abandoned = await abandonOpenAttempts(id, runner);
  const out = await runNexusStep(step, {
    ...o.nexusCtx,
    executionId: id,
    runner,
    cfg,
    signal: o.stop,
    resumed: abandoned > 0,
  });
  if (o.stop.aborted) return "approved"; // lease lost: the next runner checks again
  await endStep(id, step.id, out.ok ? "succeeded" : "failed", out.ok ? null : out.error, {
    type: out.ok ? "step.succeeded" : "step.failed",
    data: out.ok ? {} : { error: out.error },
  });
  if (out.ok) return "running";
  if (out.stale === undefined) return notStarted(id, runner, out.error);
  const reason = out.stale;
  const res = await changeState(
    id,
    "approved",
    { type: "found_stale" },
    { outcome: { stale: [], reason }, finishedAt: new Date() },
  );
  if (!res.ok) return (await getExecution(id))?.state ?? "stale";
  await closePendingSteps(id, "skipped", `not sent: ${reason}`);
  await recordAudit(systemActor(runner), "execution.stale", { reason }, id);
  return "stale";
}

/** The execution could not start and nothing was changed (Nexus unreachable, no longer linked). */
async function notStarted(id: string, runner: string, reason: string): Promise<ExecutionState> {
  const res = await changeState(
    id,
    "approved",
    { type: "not_started" },
    { outcome: { failedSteps: [], rootFailure: null, reason }, finishedAt: new Date() },
  );
  if (!res.ok) return (await getExecution(id))?.state ?? "failed";
  await closePendingSteps(id, "skipped", `not sent: ${reason}`);
  await recordAudit(
    systemActor(runner),
    "execution.finish",
    { outcome: "failed", reason, changed: false },
    id,
  );
  return "failed";
}

interface Agents {
  clientFor: (s: string) => SledAgentClient | null;
  /** Why a sled has no client: no agent known, or its address is not called. */
  noClient: (s: string) => string | null;
}

/** What each sled the plan sends requests to holds now, against the plan's parent. */
async function readDrifts(plan: Plan, parentId: string, agents: Agents): Promise<SledDrift[]> {
  const parent = await getBlueprintModel(parentId);
  return Promise.all(
    affectedSleds(plan).map(async (sled) => {
      const client = agents.clientFor(sled.sledId);
      if (!client || !parent)
        return {
          sledId: sled.sledId,
          differences: [
            client
              ? "the parent blueprint is not stored"
              : (agents.noClient(sled.sledId) ?? "no sled agent client"),
          ],
        };
      return checkSledDrift(client, sled, parent);
    }),
  );
}

async function checkAndStart(
  id: string,
  rackId: string,
  parentId: string,
  plan: Plan,
  agents: Agents,
  runner: string,
): Promise<ExecutionState> {
  const held = await rackHolds(id, rackId, parentId, runner);
  if (held !== "running") return held;
  const drifts = await readDrifts(plan, parentId, agents);
  for (const d of drifts.filter((x) => x.unverified))
    await appendEvent(id, "sled.unverified", null, {
      sledId: d.sledId,
      reason: d.unverified ?? "",
    });
  const stale = drifts.filter((d) => d.differences.length);
  if (stale.length) {
    const res = await changeState(
      id,
      "approved",
      { type: "found_stale" },
      {
        outcome: toJson({ stale }),
        finishedAt: new Date(),
      },
    );
    if (res.ok) {
      await closePendingSteps(id, "skipped", "not sent: the plan is stale");
      await recordAudit(systemActor(runner), "execution.stale", { sleds: stale.length }, id);
    }
    return res.ok ? "stale" : ((await getExecution(id))?.state ?? "stale");
  }
  const res = await changeStateOnRack(
    id,
    { rackId, parentBlueprintId: parentId, blockedBy: ["running"] },
    "approved",
    { type: "start" },
    { startedAt: new Date() },
  );
  if (!res.ok && res.why !== "changed") return rackRefused(id, res.why, res.rack, runner);
  if (!res.ok) return (await getExecution(id))?.state ?? "cancelled";
  await recordAudit(systemActor(runner), "execution.start", {}, id);
  return "running";
}

/**
 * Before anything is read from or sent to a sled: is the rack still at this execution's
 * parent, with no other execution of it running? (Read without a lock to spare the sled
 * reads when not; the start itself decides under the rack's lock.) "running" when it is.
 */
async function rackHolds(
  id: string,
  rackId: string,
  parentId: string,
  runner: string,
): Promise<ExecutionState> {
  const rack = await rackNow(rackId, id, ["running"]);
  const verdict = rackAllows(parentId, rack);
  return verdict.ok ? "running" : rackRefused(id, verdict.why, rack, runner);
}

/**
 * The rack moved on since this execution was requested (another one, e.g. a sibling approved
 * before approvals checked the rack, succeeded first): it ends stale, nothing sent. While
 * another execution of the rack runs it stays approved; the supervisor tries again later.
 */
async function rackRefused(
  id: string,
  why: "moved" | "busy",
  rack: RackNow | undefined,
  runner: string,
): Promise<ExecutionState> {
  if (why === "busy" || !rack) return "approved";
  const reason = rackMovedReason(rack.currentBlueprintId);
  const res = await changeState(
    id,
    "approved",
    { type: "found_stale" },
    {
      outcome: { stale: [], reason, currentBlueprintId: rack.currentBlueprintId },
      finishedAt: new Date(),
    },
  );
  if (!res.ok) return (await getExecution(id))?.state ?? "stale";
  await closePendingSteps(id, "skipped", `not sent: ${reason}`);
  await recordAudit(
    systemActor(runner),
    "execution.stale",
    { reason, currentBlueprintId: rack.currentBlueprintId },
    id,
  );
  return "stale";
}
