/**
 * What every simulated Nexus instance reads and writes: the rack's blueprints, the target and
 * the reconfigurator config. Real Nexus instances share this through CockroachDB, so one
 * object serves them all; a *stale* instance serves a frozen copy (`snapshot`). The rules are
 * Nexus's: a blueprint id is stored once, a new target's parent must be the current target
 * (nexus/db-queries `blueprint_target_set_current`), and the target cannot be deleted.
 */
import type { Blueprint } from "~/lib/blueprint/model";
import type { BgTaskName, PlannerBlock, TaskRun } from "./reports";

export interface SimTarget {
  targetId: string;
  enabled: boolean;
  timeMadeTarget: string;
}

export interface StoredBlueprint {
  blueprint: Blueprint;
  /** omicron's `BlueprintSource` tag: `rss`, `planner`, `reconfigurator_cli_edit`, `test`. */
  source: string;
  /** The planning report of a `planner` blueprint (served inlined in its lockstep `source`). */
  report?: Record<string, unknown>;
}

export type Refusal = { ok: false; status: 400 | 404 | 409; code: string; message: string };
export type Outcome<T> = { ok: true; value: T } | Refusal;

const refuse = (status: Refusal["status"], code: string, message: string): Refusal => ({
  ok: false,
  status,
  code,
  message,
});

export class NexusState {
  /** Insertion order = creation order. */
  readonly blueprints = new Map<string, StoredBlueprint>();
  target: SimTarget | null = null;
  plannerEnabled: boolean;
  configVersion = 1;
  configModified: string;
  /** What the scripted planner is told to be blocked on (admin API); null: it plans. */
  block: PlannerBlock | null = null;
  /** Nexus's blueprint limit (omicron: 5000); at it, planning stops with `LimitReached`. */
  blueprintLimit = 5000;
  /** The last completed activation of each background task. */
  tasks = new Map<BgTaskName, TaskRun>();

  constructor(
    initial: Blueprint,
    opts: { plannerEnabled: boolean; now: () => Date; targetEnabled: boolean },
  ) {
    this.blueprints.set(initial.id, { blueprint: initial, source: "rss" });
    this.plannerEnabled = opts.plannerEnabled;
    this.configModified = opts.now().toISOString();
    this.target = {
      targetId: initial.id,
      enabled: opts.targetEnabled,
      timeMadeTarget: opts.now().toISOString(),
    };
  }

  /** A frozen copy: what a stale instance keeps serving. */
  snapshot(): NexusState {
    const copy = Object.create(NexusState.prototype) as NexusState;
    Object.assign(copy, {
      blueprints: new Map(this.blueprints),
      target: this.target ? { ...this.target } : null,
      plannerEnabled: this.plannerEnabled,
      configVersion: this.configVersion,
      configModified: this.configModified,
      block: this.block,
      blueprintLimit: this.blueprintLimit,
      tasks: new Map(this.tasks),
    });
    return copy;
  }

  add(blueprint: Blueprint, source: string, report?: Record<string, unknown>): Outcome<void> {
    if (this.blueprints.has(blueprint.id))
      return refuse(400, "ObjectAlreadyExists", `blueprint ${blueprint.id} already exists`);
    this.blueprints.set(blueprint.id, { blueprint, source, ...(report && { report }) });
    return { ok: true, value: undefined };
  }

  delete(id: string): Outcome<void> {
    if (!this.blueprints.has(id))
      return refuse(404, "ObjectNotFound", `not found: blueprint with id "${id}"`);
    if (this.target?.targetId === id)
      return refuse(
        400,
        "InvalidRequest",
        `blueprint ${id} is the current target and cannot be deleted`,
      );
    this.blueprints.delete(id);
    return { ok: true, value: undefined };
  }

  setTarget(targetId: string, enabled: boolean, now: Date): Outcome<SimTarget> {
    const bp = this.blueprints.get(targetId)?.blueprint;
    if (!bp) return refuse(404, "ObjectNotFound", `not found: blueprint with id "${targetId}"`);
    if (this.target && this.target.targetId !== targetId && bp.parentId !== this.target.targetId)
      return refuse(
        409,
        "InvalidRequest",
        `blueprint ${targetId}'s parent blueprint is ${bp.parentId ?? "(none)"}, which is not the current target ${this.target.targetId}`,
      );
    if (this.target?.targetId === targetId) return this.setEnabled(targetId, enabled, now);
    this.target = { targetId, enabled, timeMadeTarget: now.toISOString() };
    return { ok: true, value: { ...this.target } };
  }

  /** Only the current target's `enabled` can change; like Nexus, this writes a new target row. */
  setEnabled(targetId: string, enabled: boolean, now: Date): Outcome<SimTarget> {
    if (!this.target || this.target.targetId !== targetId)
      return refuse(409, "InvalidRequest", `blueprint ${targetId} is not the current target`);
    if (this.target.enabled !== enabled)
      this.target = { targetId, enabled, timeMadeTarget: now.toISOString() };
    return { ok: true, value: { ...this.target } };
  }

  setPlannerEnabled(enabled: boolean, now: Date): void {
    if (this.plannerEnabled === enabled) return;
    this.plannerEnabled = enabled;
    this.configVersion += 1;
    this.configModified = now.toISOString();
  }

  /** Records a background task's activation (its iteration counts up). */
  recordTask(name: BgTaskName, details: unknown, start: Date, end: Date): void {
    this.tasks.set(name, {
      iteration: (this.tasks.get(name)?.iteration ?? 0) + 1,
      startTime: start.toISOString(),
      elapsedMs: Math.max(0, end.getTime() - start.getTime()),
      reason: "timeout",
      details,
    });
  }

  targetBlueprint(): Blueprint | null {
    return this.target ? (this.blueprints.get(this.target.targetId)?.blueprint ?? null) : null;
  }
}
