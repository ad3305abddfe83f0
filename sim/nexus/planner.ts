/**
 * The simulated Nexus's scripted planner: on each step it makes a child of the current target
 * with one small change, cycling through what omicron's planner does to a rack — add a disk to
 * a sled, expunge a crucible zone, add a crucible zone on a pool that has none — one sled
 * after another. The child is stored as Nexus's planner stores it (source `planner`, a
 * comment saying what changed, `creator` the Nexus id) and, when `makeTarget`, made the
 * target (its parent is the target, so Nexus accepts it).
 */
import type { Blueprint, SledConfig } from "~/lib/blueprint/model";
import { applyEdits } from "~/lib/edits/apply";
import type { Edit } from "~/lib/edits/types";
import { zpoolName } from "~/lib/blueprint/zones";
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

  /** One planning pass; the new blueprint, or null when there was nothing to plan from. */
  plan(): Blueprint | null {
    const parent = this.state.targetBlueprint();
    if (!parent) return null;
    const edit = plannedEdit(parent, this.step++);
    if (!edit) return null;
    const now = this.opts.now();
    // The same parent and edit would give the same ids; the step keeps children distinct.
    const r = applyEdits(parent, [edit], { creator: this.opts.creator });
    if (!r.ok || this.state.blueprints.has(r.blueprint.id)) return null;
    const child: Blueprint = { ...r.blueprint, timeCreated: now.toISOString() };
    this.state.add(child, "planner");
    if (this.opts.makeTarget) {
      const enabled = this.state.target?.enabled ?? false;
      this.state.setTarget(child.id, enabled, now);
    }
    return child;
  }
}
