/**
 * The item changes of a blueprint pair, for the dependency graph: every item of the diff that
 * is not unchanged (expunged counts as removed; see lib/diff/types.ts for the statuses).
 */
import type { Blueprint } from "../blueprint/model";
import { diffBlueprints } from "../diff/diff-blueprints";
import type { BlueprintDiff } from "../diff/types";
import type { ItemChange } from "./types";

export function itemChangesOfDiff(diff: BlueprintDiff): ItemChange[] {
  const out: ItemChange[] = [];
  for (const sled of diff.sleds) {
    for (const item of [...sled.disks, ...sled.datasets, ...sled.zones]) {
      if (item.status === "unchanged") continue;
      out.push({
        sledId: sled.id,
        kind: item.kind,
        id: item.id,
        change: item.status,
        before: item.before ?? undefined,
        after: item.after ?? undefined,
      });
    }
  }
  return out;
}

export function itemChanges(parent: Blueprint, target: Blueprint): ItemChange[] {
  return itemChangesOfDiff(diffBlueprints(parent, target));
}
