/**
 * A large graph opens as an overview: one summary node per sled, expanded on demand. React
 * Flow renders and measures every node it is given as a React component; a whole rack added
 * (~2,000 items) blocked the main thread for seconds when drawn at once. Pure: which sleds are
 * drawn item by item, and in which chunks "expand all" draws them.
 */
import type { DependencyGraph } from "~/lib/graph/types";
import { passesFilters, type GraphFilters } from "./graph-filters";

/** More items than this open as the overview; fewer are drawn at once. */
export const OVERVIEW_THRESHOLD = 300;
/** Items drawn per frame when many sleds expand at once (one frame stays well under 200 ms). */
export const ITEMS_PER_CHUNK = 80;

export const COLLAPSED_WIDTH = 300;
export const COLLAPSED_HEIGHT = 120;

export interface SledCount {
  sledId: string;
  /** Items of this sled passing the filters. */
  shown: number;
}

/** Items per sled that pass the filters, sleds in id order; sleds with none are left out. */
export function shownPerSled(graph: DependencyGraph, filters: GraphFilters): SledCount[] {
  const counts = new Map<string, number>();
  for (const node of graph.nodes)
    if (passesFilters(node, filters)) counts.set(node.sledId, (counts.get(node.sledId) ?? 0) + 1);
  return [...counts]
    .map(([sledId, shown]) => ({ sledId, shown }))
    .sort((a, b) => (a.sledId < b.sledId ? -1 : a.sledId > b.sledId ? 1 : 0));
}

/**
 * The sleds drawn as one summary node each. None when the graph is small, or when the
 * filters leave few enough items (focusing on one sled draws its items at once).
 */
export function collapsedSleds(
  sleds: readonly SledCount[],
  expanded: ReadonlySet<string>,
  threshold = OVERVIEW_THRESHOLD,
): ReadonlySet<string> {
  const shown = sleds.reduce((sum, s) => sum + s.shown, 0);
  if (shown <= threshold) return new Set();
  return new Set(sleds.filter((s) => !expanded.has(s.sledId)).map((s) => s.sledId));
}

/**
 * `wanted` split into chunks of at most `budget` items (a sled is never split; a sled larger
 * than the budget is a chunk of its own), in the order given.
 */
export function expansionChunks(
  wanted: readonly SledCount[],
  budget = ITEMS_PER_CHUNK,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let items = 0;
  for (const { sledId, shown } of wanted) {
    if (current.length > 0 && items + shown > budget) {
      chunks.push(current);
      current = [];
      items = 0;
    }
    current.push(sledId);
    items += shown;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
