/**
 * The dependency graph of a blueprint diff: one node per item change, one edge per ordering
 * rule, each edge naming its rule in words (docs/ARCHITECTURE.md, "Dependency graph").
 *   additions: disk → dataset on its pool → `zone` dataset → zone root dataset → zone
 *   removals run the other way: zone → its datasets → the pool's `zone` dataset → the disk
 *   a removed dataset whose (pool, kind) an added one reuses → that added dataset
 */
import type { Dataset, PhysicalDisk, Zone } from "../blueprint/model";
import { datasetNameKey, shortId, zoneDatasetRefs, zpoolName } from "../blueprint/zones";
import type { DependencyGraph, EdgeRule, GraphEdge, GraphNode, ItemChange } from "./types";

const nodeKey = (c: Pick<ItemChange, "kind" | "id">) => `${c.kind}:${c.id}`;

export function buildDependencyGraph(changes: readonly ItemChange[]): DependencyGraph {
  // Each change's node key is built once, for its node and every edge that names it.
  const keyOf = new Map<ItemChange, string>();
  const nodes = changes.map((c) => {
    const node = toNode(c);
    keyOf.set(c, node.key);
    return node;
  });
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: ItemChange, target: ItemChange, rule: EdgeRule, text: string) => {
    const from = keyOf.get(source) ?? nodeKey(source);
    const to = keyOf.get(target) ?? nodeKey(target);
    const id = `${from}->${to}`;
    if (seen.has(id)) return;
    seen.add(id);
    edges.push({ id, source: from, target: to, rule, text });
  };
  const bySled = new Map<string, ItemChange[]>();
  for (const c of changes) {
    // Appended in place: copying the sled's list for every change was quadratic per sled.
    const group = bySled.get(c.sledId);
    if (group) group.push(c);
    else bySled.set(c.sledId, [c]);
  }
  for (const sledChanges of bySled.values()) sledEdges(sledChanges, add);
  return { nodes, edges };
}

type AddEdge = (source: ItemChange, target: ItemChange, rule: EdgeRule, text: string) => void;

function sledEdges(changes: ItemChange[], add: AddEdge): void {
  for (const direction of ["added", "removed"] as const) {
    // Modified zones restart on their datasets like additions do.
    const group = changes.filter(
      (c) =>
        c.change === direction ||
        (direction === "added" && c.change === "modified" && c.kind === "zone"),
    );
    const disks = new Map<string, ItemChange>();
    const datasets = new Map<string, ItemChange>();
    for (const c of group) {
      const item = version(c);
      if (c.kind === "disk") disks.set(zpoolName((item as PhysicalDisk).poolId), c);
      if (c.kind === "dataset")
        datasets.set(datasetNameKey((item as Dataset).pool, (item as Dataset).kind), c);
    }
    const ordered = (first: ItemChange, then: ItemChange, rule: EdgeRule, text: string) =>
      direction === "added" ? add(first, then, rule, text) : add(then, first, rule, text);
    for (const c of group) {
      if (c.kind === "dataset") datasetEdges(c, disks, datasets, ordered);
      if (c.kind === "zone") zoneEdges(c, datasets, ordered);
    }
  }
  reuseEdges(changes, add);
}

type Ordered = (first: ItemChange, then: ItemChange, rule: EdgeRule, text: string) => void;

function datasetEdges(
  c: ItemChange,
  disks: Map<string, ItemChange>,
  datasets: Map<string, ItemChange>,
  ordered: Ordered,
): void {
  const ds = version(c) as Dataset;
  const disk = disks.get(ds.pool);
  if (disk)
    ordered(
      disk,
      c,
      "dataset-on-disk",
      `dataset ${ds.kind} lives on ${ds.pool}, the pool of disk ${(version(disk) as PhysicalDisk).identity.serial}`,
    );
  if (ds.kind.startsWith("zone/")) {
    const root = datasets.get(datasetNameKey(ds.pool, "zone"));
    if (root)
      ordered(
        root,
        c,
        "zone-root-under-pool-root",
        `zone root dataset ${ds.kind} sits under the zone dataset of ${ds.pool}`,
      );
  }
}

function zoneEdges(c: ItemChange, datasets: Map<string, ItemChange>, ordered: Ordered): void {
  const zone = version(c) as Zone;
  for (const ref of zoneDatasetRefs(zone)) {
    const ds = datasets.get(datasetNameKey(ref.pool, ref.kind));
    if (ds)
      ordered(
        ds,
        c,
        "zone-uses-dataset",
        `zone ${zone.zoneType.type} ${shortId(zone.id)} uses ${ref.role} dataset ${ref.role === "root" ? "zone/…" : ref.kind} on ${ref.pool}`,
      );
  }
}

function reuseEdges(changes: ItemChange[], add: AddEdge): void {
  const removed = new Map<string, ItemChange>();
  for (const c of changes) {
    if (c.kind === "dataset" && c.change === "removed") {
      const ds = version(c) as Dataset;
      removed.set(datasetNameKey(ds.pool, ds.kind), c);
    }
  }
  for (const c of changes) {
    if (c.kind !== "dataset" || c.change !== "added") continue;
    const ds = version(c) as Dataset;
    const old = removed.get(datasetNameKey(ds.pool, ds.kind));
    if (old)
      add(
        old,
        c,
        "removal-before-reuse",
        `dataset ${ds.kind} on ${ds.pool} reuses the name of removed dataset ${shortId(old.id)}: remove it first`,
      );
  }
}

/** The version that describes the change: the target's, or the parent's for removals. */
function version(c: ItemChange): PhysicalDisk | Dataset | Zone {
  const v = c.change === "removed" ? (c.before ?? c.after) : (c.after ?? c.before);
  if (!v) throw new Error(`bug: change ${c.kind}:${c.id} has no item`);
  return v;
}

const CHANGE_WORD = { added: "added", modified: "modified", removed: "removed" } as const;

function toNode(c: ItemChange): GraphNode {
  const item = version(c);
  const expunged = c.change === "removed" && c.after?.disposition === "expunged";
  const word = expunged ? "expunged" : CHANGE_WORD[c.change];
  const type =
    c.kind === "zone"
      ? (item as Zone).zoneType.type
      : c.kind === "dataset"
        ? (item as Dataset).kind
        : (item as PhysicalDisk).identity.serial;
  const where =
    c.kind === "dataset" ? ` on ${shortId((item as Dataset).pool.replace(/^oxp_/, ""))}` : "";
  const typeLabel = c.kind === "dataset" && type.startsWith("zone/") ? "zone root" : type;
  return {
    key: nodeKey(c),
    sledId: c.sledId,
    kind: c.kind,
    itemId: c.id,
    change: c.change,
    type,
    label: `${c.kind} ${typeLabel} ${shortId(c.id)}${where} ${word}`,
  };
}

/** Kahn's algorithm; expected failure (a cycle) comes back as a value. */
export function topologicalOrder(
  graph: DependencyGraph,
): { ok: true; order: string[] } | { ok: false; kind: "cycle"; nodes: string[] } {
  const indegree = new Map(graph.nodes.map((n) => [n.key, 0]));
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  }
  const queue = [...indegree].filter(([, d]) => d === 0).map(([k]) => k);
  const order: string[] = [];
  while (queue.length) {
    const k = queue.shift() as string; // non-empty: checked by the loop condition
    order.push(k);
    for (const t of next.get(k) ?? []) {
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  if (order.length === graph.nodes.length) return { ok: true, order };
  return {
    ok: false,
    kind: "cycle",
    nodes: [...indegree].filter(([, d]) => d > 0).map(([k]) => k),
  };
}
