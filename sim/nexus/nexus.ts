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
    if (bp) void this.executor.activate();
    return bp?.id ?? null;
  }

  setPlannerEnabled(enabled: boolean): void {
    this.state.setPlannerEnabled(enabled, this.now());
  }
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
        () => void executor.activate(),
      ),
  );
  const planner = new SimPlanner(state, {
    creator: "nexus-sim-0",
    makeTarget: opts.plannerMakesTarget ?? true,
    now,
  });
  const control = new NexusControl(state, instances, planner, executor, opts.faults, now);
  try {
    for (const i of instances) await i.listen();
  } catch (e) {
    await Promise.all(instances.map((i) => i.stop()));
    throw e;
  }
  const timers: NodeJS.Timeout[] = [];
  if (plannerMs > 0)
    timers.push(setInterval(() => void (state.plannerEnabled && control.plan()), plannerMs));
  if ((opts.executorMs ?? 0) > 0)
    timers.push(setInterval(() => void executor.activate(), opts.executorMs));
  return {
    urls: instances.map((i) => i.url),
    control,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
