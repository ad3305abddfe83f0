/**
 * The simulated Nexus's scripted planner: on each step it makes a child of the current target
 * with one small change, cycling through what omicron's planner does to a rack — add a disk to
 * a sled, expunge a crucible zone, add a crucible zone on a pool that has none — one sled
 * after another. The child is stored as Nexus's planner stores it (source `planner`, a
 * comment saying what changed, `creator` the Nexus id) and, when `makeTarget`, made the
 * target (its parent is the target, so Nexus accepts it).
 *
 * Each pass also records the `blueprint_planner` task's status as omicron's planner does
 * (`BlueprintPlannerStatus`): `Targeted` with the report of the edit, `Unchanged` when nothing
 * applies or when the state's `block` holds it back (with a report saying on what), `Error`,
 * `Planned` (made but the target was refused, so deleted), `LimitReached`, and `Disabled`.
 */
import type { Blueprint, SledConfig } from "~/lib/blueprint/model";
import { applyEdits } from "~/lib/edits/apply";
import type { Edit } from "~/lib/edits/types";
import { zpoolName } from "~/lib/blueprint/zones";
import { emptyReport } from "~/lib/nexus/testing/empty-report";
import { blockedReport, reportOfEdit } from "./reports";
import type { NexusState } from "./state";

export interface PlannerOptions {
  /** The Nexus instance id written as `creator`. */
  creator: string;
  makeTarget: boolean;
  now: () => Date;
}

const inService = <T extends { disposition: string }>(items: readonly T[]) =>
  items.filter((i) => i.disposition === "in_service");

function addCrucible(sled: SledConfig): Edit | null {
  const withCrucible = new Set(
    inService(sled.datasets)
      .filter((d) => d.kind === "crucible")
      .map((d) => d.pool),
  );
  const disk = inService(sled.disks).find((d) => !withCrucible.has(zpoolName(d.poolId)));
  return disk
    ? { kind: "add-zone", sledId: sled.id, zoneType: "crucible", pool: zpoolName(disk.poolId) }
    : null;
}

function expungeCrucible(sled: SledConfig): Edit | null {
  const zone = inService(sled.zones).find((z) => z.zoneType.type === "crucible");
  return zone ? { kind: "expunge-zone", zoneId: zone.id } : null;
}

/** The edit of planning step `step`, or the next kind that applies to that sled. */
export function plannedEdit(parent: Blueprint, step: number): Edit | null {
  const sleds = parent.sleds.filter((s) => s.state === "active");
  const sled = sleds[Math.floor(step / 3) % Math.max(1, sleds.length)];
  if (!sled) return null;
  const kinds: Array<() => Edit | null> = [
    () => ({ kind: "add-disk", sledId: sled.id }),
    () => expungeCrucible(sled),
    () => addCrucible(sled),
  ];
  for (let i = 0; i < kinds.length; i++) {
    const edit = kinds[(step + i) % kinds.length]?.();
    if (edit) return edit;
  }
  return null;
}

export class SimPlanner {
  private step = 0;

  constructor(
    private readonly state: NexusState,
    private readonly opts: PlannerOptions,
  ) {}

  /** The task's activation: `Disabled` when the reconfigurator config says so, else a pass. */
  activate(): Blueprint | null {
    if (this.state.plannerEnabled) return this.plan();
    const now = this.opts.now();
    this.state.recordTask("blueprint_planner", "Disabled", now, now);
    return null;
  }

  /** One planning pass; the new blueprint, or null when none was made (the status says why). */
  plan(): Blueprint | null {
    const start = this.opts.now();
    const record = (details: unknown) =>
      this.state.recordTask("blueprint_planner", details, start, this.opts.now());
    const parent = this.state.targetBlueprint();
    if (!parent) return (void record({ Error: "no target blueprint" }), null);
    const count = this.state.blueprints.size;
    const limit = this.state.blueprintLimit;
    const counts = { blueprint_count: count, limit };
    const block = this.state.block;
    if (block?.kind === "error")
      return (
        void record({ Error: block.message ?? "failed to plan: simulated planner error" }),
        null
      );
    if (block && block.kind !== "target-refused") {
      const report = blockedReport(parent, block);
      record({ Unchanged: { parent_blueprint_id: parent.id, report, ...counts } });
      return null;
    }
    const edit = plannedEdit(parent, this.step++);
    if (!edit) {
      record({ Unchanged: { parent_blueprint_id: parent.id, report: emptyReport(), ...counts } });
      return null;
    }
    const report = reportOfEdit(parent, edit);
    if (count >= limit) return (void record({ LimitReached: { limit, report } }), null);
    // The same parent and edit would give the same ids; the step keeps children distinct.
    const r = applyEdits(parent, [edit], { creator: this.opts.creator });
    if (!r.ok || this.state.blueprints.has(r.blueprint.id)) {
      record({ Error: `failed to plan: ${r.ok ? "blueprint already exists" : r.error}` });
      return null;
    }
    const child: Blueprint = { ...r.blueprint, timeCreated: start.toISOString() };
    this.state.add(child, "planner", report);
    if (block?.kind === "target-refused") {
      this.state.delete(child.id);
      const error = block.message ?? "the target changed while planning (simulated)";
      record({ Planned: { parent_blueprint_id: parent.id, error, report, ...counts } });
      return null;
    }
    if (this.opts.makeTarget) {
      const enabled = this.state.target?.enabled ?? false;
      this.state.setTarget(child.id, enabled, start);
    }
    record({
      Targeted: {
        parent_blueprint_id: parent.id,
        blueprint_id: child.id,
        report,
        blueprint_count: count + 1,
        limit,
      },
    });
    return child;
  }
}
