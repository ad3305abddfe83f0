/**
 * What a change destroys and adds, in the words an operator and an approver read (issue 16):
 * the requester confirms the expunged items by typing, the approver sees the same list, and
 * the approvals queue and executions list show one line ("expunges 1 crucible zone and 2
 * datasets on sled 93c2…; adds 0"). Computed once at request time and stored with the
 * execution, so the approver sees what the requester saw.
 *
 * Expunged means "in service in the parent, not in the target" (lib/diff/types.ts `removed`),
 * plus sleds that leave the rack (removed or decommissioned).
 */
import { shortId } from "../blueprint/zones";
import type { GraphNode } from "../graph/types";
import { joinAnd, plural } from "../util/words";

export type ChangeKind = "sled" | "disk" | "dataset" | "zone";

export interface Removal {
  kind: ChangeKind;
  id: string;
  /** Zone type, dataset kind or disk serial; `sled` for sleds. */
  type: string;
  sledId: string;
}

export interface ChangeSummary {
  /** Sleds first, then disks, zones, datasets; by sled and id within each kind. */
  expunged: Removal[];
  added: Record<Exclude<ChangeKind, "sled">, number> & { sled: number };
  modified: number;
}

type NodeLike = Pick<GraphNode, "kind" | "itemId" | "change" | "type" | "sledId">;
type SledLike = { id: string; status: string };

const KIND_ORDER = { sled: 0, disk: 1, zone: 2, dataset: 3 } as const;

/** Items of the graph that are removed, and the sleds that leave the rack. */
export function removalsOf(
  nodes: readonly NodeLike[],
  removedSledIds: readonly string[],
): Removal[] {
  const items: Removal[] = nodes
    .filter((n) => n.change === "removed")
    .map((n) => ({ kind: n.kind, id: n.itemId, type: n.type, sledId: n.sledId }));
  const sleds: Removal[] = removedSledIds.map((id) => ({
    kind: "sled",
    id,
    type: "sled",
    sledId: id,
  }));
  return [...sleds, ...items].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.sledId.localeCompare(b.sledId) ||
      a.id.localeCompare(b.id),
  );
}

/** Sleds of a diff that leave the rack. */
export function leavingSleds(sleds: readonly SledLike[]): string[] {
  return sleds
    .filter((s) => s.status === "removed" || s.status === "decommissioned")
    .map((s) => s.id);
}

export function changeSummary(
  nodes: readonly NodeLike[],
  sleds: readonly SledLike[],
): ChangeSummary {
  const added = { sled: 0, disk: 0, dataset: 0, zone: 0 };
  let modified = 0;
  for (const n of nodes) {
    if (n.change === "added") added[n.kind] += 1;
    if (n.change === "modified") modified += 1;
  }
  added.sled = sleds.filter((s) => s.status === "added").length;
  return { expunged: removalsOf(nodes, leavingSleds(sleds)), added, modified };
}

const noun = (kind: ChangeKind, n: number) => plural(n, kind);

/** "1 crucible zone", "2 datasets", "1 disk", in kind order; zones by type. */
function counted(items: readonly Removal[]): string[] {
  const out: string[] = [];
  for (const kind of ["sled", "disk", "zone", "dataset"] as const) {
    const of = items.filter((r) => r.kind === kind);
    if (!of.length) continue;
    if (kind !== "zone") {
      out.push(noun(kind, of.length));
      continue;
    }
    const byType = new Map<string, number>();
    for (const z of of) byType.set(z.type, (byType.get(z.type) ?? 0) + 1);
    for (const [type, n] of [...byType].sort((a, b) => a[0].localeCompare(b[0])))
      out.push(plural(n, `${type} zone`));
  }
  return out;
}

/** The sleds the expunged items are on, in order of first appearance. */
export function expungedBySled(s: ChangeSummary): { sledId: string; items: Removal[] }[] {
  const groups = new Map<string, Removal[]>();
  for (const r of s.expunged) groups.set(r.sledId, [...(groups.get(r.sledId) ?? []), r]);
  return [...groups].map(([sledId, items]) => ({ sledId, items }));
}

/**
 * One line: "expunges 1 crucible zone and 2 datasets on sled 93c2…; adds 0". Up to two sleds
 * are named; more are counted ("on 3 sleds").
 */
export function summaryText(s: ChangeSummary): string {
  const bySled = expungedBySled(s);
  let expunges: string;
  if (bySled.length === 0) expunges = "expunges nothing";
  else if (bySled.length <= 2)
    expunges = `expunges ${joinAnd(
      bySled.map(({ sledId, items }) => {
        const leaves = items.some((r) => r.kind === "sled");
        const rest = counted(items.filter((r) => r.kind !== "sled"));
        return leaves
          ? `sled ${shortId(sledId)}${rest.length ? ` with ${joinAnd(rest)}` : ""}`
          : `${joinAnd(rest)} on sled ${shortId(sledId)}`;
      }),
    )}`;
  else expunges = `expunges ${joinAnd(counted(s.expunged))} on ${bySled.length} sleds`;
  const addedKinds = (["sled", "disk", "zone", "dataset"] as const).filter((k) => s.added[k] > 0);
  const addedTotal = addedKinds.reduce((n, k) => n + s.added[k], 0);
  const adds =
    addedKinds.length === 0
      ? "adds 0"
      : `adds ${joinAnd(addedKinds.map((k) => noun(k, s.added[k])))}`;
  const modifies = s.modified ? `; modifies ${plural(s.modified, "item")}` : "";
  return `${expunges}; ${addedTotal ? adds : "adds 0"}${modifies}`;
}

/** A stored summary read back (a JSON column): null when absent or not this shape. */
export function readChangeSummary(json: unknown): ChangeSummary | null {
  if (json === null || typeof json !== "object") return null;
  const s = json as Partial<ChangeSummary>;
  if (!Array.isArray(s.expunged) || typeof s.added !== "object" || s.added === null) return null;
  if (typeof s.modified !== "number") return null;
  const ok = s.expunged.every(
    (r: Partial<Removal>) =>
      typeof r.id === "string" &&
      typeof r.type === "string" &&
      typeof r.sledId === "string" &&
      typeof r.kind === "string" &&
      r.kind in KIND_ORDER,
  );
  return ok ? (s as ChangeSummary) : null;
}
