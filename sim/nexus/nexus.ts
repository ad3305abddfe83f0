/**
 * A simulated Nexus: N instances (each its own lockstep endpoint) sharing one state, a
 * scripted planner and an executor that pushes the enabled target to the simulated sled
 * agents. `startSimulatedNexus` is the programmatic API; the simulated rack starts one with
 * its `nexus` option, and the admin API controls it under `/__sim/nexus`.
 */
import type { Blueprint } from "~/lib/blueprint/model";
import { ALL, type FaultInjector, type FaultSpec } from "../fault-injector";
import type { Targeted } from "../control";
import type { NexusEra } from "./api";
import { SimNexusExecutor, type ExecutorSled } from "./executor";
import { NexusInstance, nexusFaultTarget } from "./instance";
import { SimPlanner } from "./planner";
import type { PlannerBlock } from "./reports";
import { NexusState } from "./state";

export type { NexusEra } from "./api";

export interface SimNexusOptions {
  /** The rack's starting blueprint: Nexus's first blueprint and its target. */
  blueprint: Blueprint;
  /** Number of instances (default 1). */
  instances?: number;
  /** One era for all, or one per instance (default `lockstep`). */
  era?: NexusEra | NexusEra[];
  hostname?: string;
  /** Instance i listens on basePort + i; 0 (default) picks free ports. */
  basePort?: number;
  /** A planning step every N ms; 0 or absent: only on demand (`control.plan()`). */
  plannerMs?: number;
  /** Whether a planned blueprint becomes the target (default true). */
  plannerMakesTarget?: boolean;
  /** Push the enabled target to the sled agents every N ms; 0 or absent: never. */
  executorMs?: number;
  /** Whether the initial target is enabled (default true). */
  targetEnabled?: boolean;
  /** The sled agents the executor pushes to. */
  sleds?: ExecutorSled[];
  faults: FaultInjector;
  now?: () => Date;
}

export interface NexusInstanceSummary {
  index: number;
  url: string;
  era: NexusEra;
  listening: boolean;
  stale: boolean;
}

export class NexusControl {
  constructor(
    readonly state: NexusState,
    readonly instances: readonly NexusInstance[],
    readonly planner: SimPlanner,
    readonly executor: SimNexusExecutor,
    private readonly faults: FaultInjector,
    private readonly now: () => Date,
  ) {}

  private targets(target: string): Targeted<NexusInstance[]> {
    if (target === ALL) return { ok: true, value: [...this.instances] };
    const i = this.instances.find((n) => String(n.index) === target);
    return i
      ? { ok: true, value: [i] }
      : { ok: false, message: `no simulated Nexus instance ${target}` };
  }

  private async each(
    target: string,
    fn: (i: NexusInstance) => Promise<void> | void,
  ): Promise<Targeted> {
    const t = this.targets(target);
    if (!t.ok) return t;
    for (const i of t.value) await fn(i);
    return { ok: true, value: undefined };
  }

  summary() {
    return {
      instances: this.instances.map((i): NexusInstanceSummary => ({
        index: i.index,
        url: i.url,
        era: i.era,
        listening: i.listening,
        stale: i.stale,
      })),
      target: this.state.target,
      plannerEnabled: this.state.plannerEnabled,
      blueprints: [...this.state.blueprints.values()].map((s) => ({
        id: s.blueprint.id,
        parentId: s.blueprint.parentId,
        source: s.source,
        comment: s.blueprint.comment ?? "",
      })),
      lastPush: [...this.executor.lastPush.values()],
      block: this.state.block,
      blueprintLimit: this.state.blueprintLimit,
      tasks: Object.fromEntries(this.state.tasks),
      faults: Object.fromEntries(
        Object.entries(this.faults.snapshot()).filter(([k]) => k.startsWith("nexus-")),
      ),
    };
  }

  refuse = (target: string, forMs?: number) => this.each(target, (i) => i.refuse(forMs));
  accept = (target: string) => this.each(target, (i) => i.accept());
  setStale = (target: string, stale: boolean) => this.each(target, (i) => i.setStale(stale));
  setEra = (target: string, era: NexusEra) => this.each(target, (i) => void (i.era = era));

  /** Faults of one instance (`0`, `1`, …) or `all` instances (not the sleds). */
  setFaults(target: string, spec: FaultSpec, mode: "merge" | "replace" = "merge"): Targeted {
    const t = this.targets(target);
    if (!t.ok) return t;
    for (const i of t.value) {
      const key = nexusFaultTarget(i.index);
      if (mode === "merge") this.faults.update(key, spec);
      else this.faults.replace(key, spec);
    }
    return { ok: true, value: undefined };
  }

  clearFaults(target: string = ALL): Targeted {
    const t = this.targets(target);
    if (!t.ok) return t;
    for (const i of t.value) {
      this.faults.clear(nexusFaultTarget(i.index));
      i.releaseHung();
    }
    return { ok: true, value: undefined };
  }

  /** One planning step now; the new blueprint's id, or null. */
  plan(): string | null {
    const bp = this.planner.plan();
    if (bp) void this.activateExecutor();
    return bp?.id ?? null;
  }

  /** The planner task's activation: like `plan`, but `Disabled` when planning is off. */
  activatePlanner(): string | null {
    const bp = this.planner.activate();
    if (bp) void this.activateExecutor();
    return bp?.id ?? null;
  }

  /** Like Nexus, a change of the reconfigurator config activates the planner task. */
  setPlannerEnabled(enabled: boolean): void {
    this.state.setPlannerEnabled(enabled, this.now());
    if (!enabled) this.planner.activate();
  }

  /** Hold the planner back on `block` (null: plan again); the next pass reports it. */
  setBlock(block: PlannerBlock | null): void {
    this.state.block = block;
  }

  setBlueprintLimit(limit: number): void {
    this.state.blueprintLimit = limit;
  }

  /** One executor activation, then its task status (blueprint_execution.rs's shapes). */
  async activateExecutor(): Promise<void> {
    const start = this.now();
    await this.executor.activate();
    this.state.recordTask(
      "blueprint_executor",
      executorDetails(this.state, this.executor),
      start,
      this.now(),
    );
  }
}

/**
 * The executor task's `details` as blueprint_execution.rs builds them: no target, disabled, or
 * a run with an update-engine event report whose "Deploy sled configs" step warns about the
 * sleds whose last push failed; every push failing is an execution error.
 */
export function executorDetails(state: NexusState, executor: SimNexusExecutor): unknown {
  const target = state.target;
  if (!target) return { error: "no blueprint" };
  if (!target.enabled) return { target_id: target.targetId, enabled: false };
  const pushes = [...executor.lastPush.values()].filter((p) => p.blueprintId === target.targetId);
  const failed = pushes.filter((p) => p.statuses.some((s) => s === null || s >= 300));
  const info = (id: string, description: string, index: number) => ({
    info: {
      id,
      component: "Sled",
      description,
      index,
      component_index: index,
      total_component_steps: 1,
    },
    metadata: null,
  });
  const message = failed.length
    ? `failed to deploy sled configs to ${failed.length} sled(s): ${failed
        .map(
          (p) =>
            `${p.sledId}: ${p.statuses.map((s) => (s === null ? "no answer" : `HTTP ${s}`)).join(", ")}`,
        )
        .join("; ")}`
    : null;
  const stepEvent = {
    spec: "ReconfiguratorExecutionSpec",
    execution_id: "00000000-0000-0000-0000-000000000000",
    event_index: 0,
    total_elapsed: { secs: 0, nanos: 0 },
    kind: {
      kind: "step_completed",
      step: info("Ensure", "Deploy sled configs", 0),
      attempt: 1,
      outcome: message
        ? { kind: "warning", message, metadata: null }
        : { kind: "success", message: null, metadata: null },
      next_step: info("Ensure", "Finalize and check for errors", 1),
      step_elapsed: { secs: 0, nanos: 0 },
      attempt_elapsed: { secs: 0, nanos: 0 },
    },
  };
  const allFailed = pushes.length > 0 && failed.length === pushes.length;
  return {
    target_id: target.targetId,
    enabled: true,
    execution_error: allFailed
      ? { message: "failed to realize blueprint", cause: { message } }
      : null,
    ...(allFailed ? {} : { needs_saga_recovery: false }),
    event_report: {
      Ok: {
        step_events: [stepEvent],
        progress_events: [],
        root_execution_id: "00000000-0000-0000-0000-000000000000",
        last_seen: 0,
      },
    },
  };
}

export interface SimulatedNexus {
  urls: string[];
  control: NexusControl;
  stop(): Promise<void>;
}

export async function startSimulatedNexus(opts: SimNexusOptions): Promise<SimulatedNexus> {
  const now = opts.now ?? (() => new Date());
  const plannerMs = opts.plannerMs ?? 0;
  const state = new NexusState(opts.blueprint, {
    plannerEnabled: plannerMs > 0,
    targetEnabled: opts.targetEnabled ?? true,
    now,
  });
  const executor = new SimNexusExecutor(state, opts.sleds ?? []);
  let activateExecutor = (): Promise<void> => Promise.resolve();
  const count = opts.instances ?? 1;
  const eraOf = (i: number): NexusEra =>
    Array.isArray(opts.era) ? (opts.era[i] ?? "lockstep") : (opts.era ?? "lockstep");
  const instances = Array.from(
    { length: count },
    (_, i) =>
      new NexusInstance(
        i,
        eraOf(i),
        state,
        opts.faults,
        opts.hostname ?? "127.0.0.1",
        opts.basePort ? opts.basePort + i : 0,
        now,
        () => void activateExecutor(),
      ),
  );
  const planner = new SimPlanner(state, {
    creator: "nexus-sim-0",
    makeTarget: opts.plannerMakesTarget ?? true,
    now,
  });
  const control = new NexusControl(state, instances, planner, executor, opts.faults, now);
  activateExecutor = () => control.activateExecutor();
  try {
    for (const i of instances) await i.listen();
  } catch (e) {
    await Promise.all(instances.map((i) => i.stop()));
    throw e;
  }
  const timers: NodeJS.Timeout[] = [];
  if (plannerMs > 0) timers.push(setInterval(() => void control.activatePlanner(), plannerMs));
  if ((opts.executorMs ?? 0) > 0)
    timers.push(setInterval(() => void control.activateExecutor(), opts.executorMs));
  return {
    urls: instances.map((i) => i.url),
    control,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
