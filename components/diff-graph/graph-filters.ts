/**
 * What the operator narrows the dependency graph to: pure predicates shared by the canvas,
 * the toolbar and the URL state. An empty list means "no filter" (everything shown).
 */
import type { ItemKind } from "~/lib/blueprint/model";
import type { GraphNode, ItemChangeKind } from "~/lib/graph/types";

export const ITEM_KINDS: readonly ItemKind[] = ["disk", "dataset", "zone"];
export const CHANGE_KINDS: readonly ItemChangeKind[] = ["added", "removed", "modified"];

export interface GraphFilters {
  sleds: readonly string[];
  kinds: readonly ItemKind[];
  changes: readonly ItemChangeKind[];
  /** Matched case-insensitively against the item id, its type and its accessible name. */
  search: string;
}

export const NO_FILTERS: GraphFilters = { sleds: [], kinds: [], changes: [], search: "" };

/** Whether the sled/kind/change filters let `node` through (search only highlights). */
export function passesFilters(node: GraphNode, filters: GraphFilters): boolean {
  if (filters.sleds.length > 0 && !filters.sleds.includes(node.sledId)) return false;
  if (filters.kinds.length > 0 && !filters.kinds.includes(node.kind)) return false;
  if (filters.changes.length > 0 && !filters.changes.includes(node.change)) return false;
  return true;
}

/** Whether `node` matches the search text; an empty search matches nothing. */
export function matchesSearch(node: GraphNode, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === "") return false;
  return (
    node.itemId.toLowerCase().includes(needle) ||
    node.type.toLowerCase().includes(needle) ||
    node.label.toLowerCase().includes(needle)
  );
}

export function hasActiveFilters(filters: GraphFilters): boolean {
  return filters.sleds.length + filters.kinds.length + filters.changes.length > 0;
}
