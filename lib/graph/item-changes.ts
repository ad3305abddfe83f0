/**
 * The item changes of a blueprint pair, for the dependency graph. Expunged counts as removed
 * (omicron's diff shows it as a modified disposition; for ordering it is a removal). A sled
 * that leaves the rack contributes no changes: it gets no requests.
 */
import type { Blueprint, Dataset, ItemKind, PhysicalDisk, SledConfig, Zone } from "../blueprint/model";
import { sameJson } from "../util/canonical-json";
import type { ItemChange } from "./types";

type Item = PhysicalDisk | Dataset | Zone;

const SECTIONS: readonly [ItemKind, "disks" | "datasets" | "zones"][] = [
  ["disk", "disks"],
  ["dataset", "datasets"],
  ["zone", "zones"],
];

/** Content that matters for a change, without bookkeeping such as expunge generations. */
function content(item: Item): unknown {
  const { disposition: _d, extra: _e, ...rest } = item as Item & { expungedAsOf?: unknown; readyForCleanup?: unknown };
  delete (rest as { expungedAsOf?: unknown }).expungedAsOf;
  delete (rest as { readyForCleanup?: unknown }).readyForCleanup;
  return rest;
}

export function itemChanges(parent: Blueprint, target: Blueprint): ItemChange[] {
  const parents = new Map(parent.sleds.map((s) => [s.id, s]));
  const out: ItemChange[] = [];
  const sledIds = [...new Set([...parent.sleds.map((s) => s.id), ...target.sleds.map((s) => s.id)])].sort();
  for (const sledId of sledIds) {
    const t = target.sleds.find((s) => s.id === sledId);
    if (t?.state === "decommissioned" || !t) continue;
    out.push(...sledChanges(sledId, parents.get(sledId), t));
  }
  return out;
}

function sledChanges(sledId: string, p: SledConfig | undefined, t: SledConfig): ItemChange[] {
  const out: ItemChange[] = [];
  const live = (i: Item | undefined) => i !== undefined && i.disposition === "in_service";
  for (const [kind, section] of SECTIONS) {
    const before = new Map<string, Item>((p && p.state === "active" ? p[section] : []).map((i: Item) => [i.id, i]));
    const after = new Map<string, Item>(t[section].map((i: Item) => [i.id, i]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const b = before.get(id);
      const a = after.get(id);
      if (live(b) && !live(a)) out.push({ sledId, kind, id, change: "removed", before: b, after: a });
      else if (!live(b) && live(a)) out.push({ sledId, kind, id, change: "added", before: b, after: a });
      else if (live(b) && live(a) && b && a && !sameJson(content(b), content(a))) out.push({ sledId, kind, id, change: "modified", before: b, after: a });
    }
  }
  return out;
}
