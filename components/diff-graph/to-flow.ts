/**
 * Dependency graph + layout + hazards + filters → React Flow nodes and edges. Pure, so the
 * mapping is unit-tested without a browser. Sleds are parent (group) nodes; items are their
 * children, positioned relative to the sled. Filtered-out elements are `hidden` rather than
 * dropped, so positions stay put and React Flow need not re-measure. A collapsed sled
 * (overview.ts) is one summary node: its items and their edges are left out altogether.
 */
import type { Edge, Node } from "@xyflow/react";
import type { ItemKind } from "~/lib/blueprint/model";
import type { DependencyGraph, EdgeRule, GraphNode, ItemChangeKind } from "~/lib/graph/types";
import { shortId } from "~/lib/blueprint/zones";
import { sameJson } from "~/lib/util/canonical-json";
import { matchesSearch, passesFilters, type GraphFilters } from "./graph-filters";
import { NODE_HEIGHT, NODE_WIDTH } from "./layout";
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH } from "./overview";
import type { GraphLayout } from "./pack";

/** Words on every badge: colour is never the only signal (STYLE.md habit 7). */
export const CHANGE_BADGE: Readonly<Record<ItemChangeKind, string>> = {
  added: "+ added",
  removed: "− expunged",
  modified: "~ modified",
};
export const FAIL_BADGE = "! would fail";

export const RULE_NAME: Readonly<Record<EdgeRule, string>> = {
  "dataset-on-disk": "dataset on disk",
  "zone-root-under-pool-root": "zone root under pool's zone dataset",
  "zone-uses-dataset": "zone uses dataset",
  "removal-before-reuse": "removal before reuse",
};

export interface ItemNodeData extends Record<string, unknown> {
  item: GraphNode;
  /** Why the step realising this item would fail; empty when it would not. */
  failing: readonly string[];
  /** Matches the search text. */
  matched: boolean;
}
export interface SledNodeData extends Record<string, unknown> {
  sledId: string;
  /** Shown items per change and per kind. */
  counts: Readonly<Record<ItemChangeKind, number>>;
  kinds: Readonly<Record<ItemKind, number>>;
  failing: number;
  /** Shown items matching the search. */
  matches: number;
  /** Drawn as one summary node; its items are not in the graph. */
  collapsed: boolean;
}
export type ItemFlowNode = Node<ItemNodeData, "item">;
export type SledFlowNode = Node<SledNodeData, "sled">;
export type DiffFlowNode = ItemFlowNode | SledFlowNode;
export interface RuleEdgeData extends Record<string, unknown> {
  rule: EdgeRule;
  text: string;
}
export type RuleFlowEdge = Edge<RuleEdgeData>;

export interface ToFlowInput {
  graph: DependencyGraph;
  layout: GraphLayout;
  filters: GraphFilters;
  /** Item key → reasons its step would fail (components/plan/failing-items.ts). */
  failing?: ReadonlyMap<string, readonly string[]>;
  /** Sleds drawn as one summary node each (overview.ts); none when absent. */
  collapsed?: ReadonlySet<string>;
}

export interface FlowElements {
  nodes: DiffFlowNode[];
  edges: RuleFlowEdge[];
  /** Items passing the filters. */
  shown: number;
  /** Keys of shown items matching the search, in graph order (collapsed sleds' too). */
  matches: string[];
}

const NO_REASONS: readonly string[] = [];
/**
 * Sizes are known, so nodes say so: React Flow fits the view only to nodes it has measured, and
 * with `onlyRenderVisibleElements` a node out of view is never rendered, so never measured.
 */
const ITEM_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

export const sledNodeId = (sledId: string) => `sled:${sledId}`;

/** `zone crucible 1a2b… expunged`, plus `, would fail` when its step would. */
export function itemAriaLabel(item: GraphNode, failing: readonly string[]): string {
  return failing.length > 0 ? `${item.label}, would fail` : item.label;
}

/** `sled 1a2b…: 63 items (+63 added), collapsed; select to expand` and the like. */
export function sledAriaLabel(data: SledNodeData): string {
  const name = `sled ${shortId(data.sledId)}`;
  if (!data.collapsed) return name;
  const { counts } = data;
  const parts = [
    counts.added > 0 && `+${counts.added} added`,
    counts.removed > 0 && `−${counts.removed} expunged`,
    counts.modified > 0 && `~${counts.modified} modified`,
    data.failing > 0 && `${data.failing} would fail`,
    data.matches > 0 && `${data.matches} matching the search`,
  ].filter(Boolean);
  const total = counts.added + counts.removed + counts.modified;
  return `${name}: ${total} ${total === 1 ? "item" : "items"} (${parts.join(", ")}), collapsed; select to expand`;
}

export function toFlow({ graph, layout, filters, failing, collapsed }: ToFlowInput): FlowElements {
  const sleds = new Map<string, SledFlowNode>();
  const items: ItemFlowNode[] = [];
  const hidden = new Set<string>();
  const left = new Set<string>();
  const matches: string[] = [];
  const searching = filters.search.trim() !== "";
  for (const item of graph.nodes) {
    const folded = collapsed?.has(item.sledId) ?? false;
    const sled = sleds.get(item.sledId) ?? addSled(sleds, item.sledId, layout, folded);
    const reasons = failing?.get(item.key) ?? NO_REASONS;
    const shown = passesFilters(item, filters);
    const matched = shown && matchesSearch(item, filters.search);
    if (!shown) hidden.add(item.key);
    else countShownItem(sled, item, reasons, matched);
    if (matched) matches.push(item.key);
    if (folded) {
      left.add(item.key);
      continue;
    }
    items.push(itemNode(item, layout, reasons, shown, matched, searching));
  }
  for (const sled of sleds.values()) if (sled.data.collapsed) labelCollapsedSled(sled, searching);
  // Parents must precede their children in React Flow's node array.
  return {
    nodes: [...sleds.values(), ...items],
    edges: ruleEdges(graph, hidden, left),
    shown: graph.nodes.length - hidden.size,
    matches,
  };
}

/** Adds a shown item to its sled's summary (what a collapsed sled displays). */
function countShownItem(
  sled: SledFlowNode,
  item: GraphNode,
  reasons: readonly string[],
  matched: boolean,
): void {
  const data = sled.data;
  sled.hidden = false;
  data.counts = { ...data.counts, [item.change]: data.counts[item.change] + 1 };
  data.kinds = { ...data.kinds, [item.kind]: data.kinds[item.kind] + 1 };
  if (reasons.length > 0) data.failing += 1;
  if (matched) data.matches += 1;
}

function itemNode(
  item: GraphNode,
  layout: GraphLayout,
  reasons: readonly string[],
  shown: boolean,
  matched: boolean,
  searching: boolean,
): ItemFlowNode {
  const classes = [`change-${item.change}`, `kind-${item.kind}`];
  if (reasons.length > 0) classes.push("failing");
  if (searching) classes.push(matched ? "matched" : "dimmed");
  return {
    id: item.key,
    type: "item",
    parentId: sledNodeId(item.sledId),
    position: layout.items[item.key] ?? { x: 0, y: 0 },
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    measured: ITEM_SIZE,
    hidden: !shown,
    className: classes.join(" "),
    ariaLabel: itemAriaLabel(item, reasons),
    data: { item, failing: reasons, matched },
  };
}

/** Its label and rings once all its items are counted. */
function labelCollapsedSled(sled: SledFlowNode, searching: boolean): void {
  sled.ariaLabel = sledAriaLabel(sled.data);
  const classes = ["collapsed"];
  if (sled.data.failing > 0) classes.push("failing");
  if (searching) classes.push(sled.data.matches > 0 ? "matched" : "dimmed");
  sled.className = classes.join(" ");
}

/** Edges touching a collapsed sled's items (`left`) are left out; those touching hidden ones hide. */
function ruleEdges(
  graph: DependencyGraph,
  hidden: ReadonlySet<string>,
  left: ReadonlySet<string>,
): RuleFlowEdge[] {
  const edges: RuleFlowEdge[] = [];
  for (const e of graph.edges) {
    if (left.has(e.source) || left.has(e.target)) continue;
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      ariaLabel: e.text,
      hidden: hidden.has(e.source) || hidden.has(e.target),
      className: `rule-${e.rule}`,
      data: { rule: e.rule, text: e.text },
    });
  }
  return edges;
}

/**
 * Labels the given edges with their rule (hover and selection). Only those: 2,400 SVG labels,
 * each measured by React Flow, cost seconds on a whole-rack graph. Other edges keep identity.
 */
export function labelEdges(edges: RuleFlowEdge[], ids: ReadonlySet<string>): RuleFlowEdge[] {
  if (ids.size === 0) return edges;
  return edges.map((e) => (ids.has(e.id) && e.data ? { ...e, label: RULE_NAME[e.data.rule] } : e));
}

function addSled(
  sleds: Map<string, SledFlowNode>,
  sledId: string,
  layout: GraphLayout,
  collapsed: boolean,
): SledFlowNode {
  const placed = layout.sleds[sledId];
  // A collapsed sled is drawn at summary size, whatever place the layout keeps for it.
  const box =
    placed && collapsed ? { ...placed, width: COLLAPSED_WIDTH, height: COLLAPSED_HEIGHT } : placed;
  const node: SledFlowNode = {
    id: sledNodeId(sledId),
    type: "sled",
    position: box ? { x: box.x, y: box.y } : { x: 0, y: 0 },
    width: box?.width ?? NODE_WIDTH,
    height: box?.height ?? NODE_HEIGHT,
    measured: { width: box?.width ?? NODE_WIDTH, height: box?.height ?? NODE_HEIGHT },
    hidden: true,
    // A collapsed sled is what one selects (click, or Tab and Enter) to expand it.
    selectable: collapsed,
    focusable: collapsed,
    ariaLabel: `sled ${sledId}`,
    data: {
      sledId,
      counts: { added: 0, removed: 0, modified: 0 },
      kinds: { disk: 0, dataset: 0, zone: 0 },
      failing: 0,
      matches: 0,
      collapsed,
    },
  };
  sleds.set(sledId, node);
  return node;
}

/**
 * `next` with every element that equals its predecessor in `previous` replaced by that
 * predecessor. React Flow skips elements whose object it has seen: a search keystroke on a
 * 2,000-item graph then re-renders the items whose ring changed, not all of them.
 */
export function keepUnchanged<T extends { id: string }>(previous: readonly T[], next: T[]): T[] {
  if (previous.length === 0) return next;
  const byId = new Map(previous.map((e) => [e.id, e]));
  let reused = 0;
  const out = next.map((e) => {
    const old = byId.get(e.id);
    // Elements are plain data (toFlow builds them): equal JSON is an equal element.
    if (old && sameJson(old, e)) {
      reused += 1;
      return old;
    }
    return e;
  });
  return reused === 0 ? next : out;
}

/**
 * The item keyboard focus moves to when a sled is expanded: its first shown item in reading
 * order (top to bottom, then left to right); null when it shows none.
 */
export function firstItemOf(nodes: readonly DiffFlowNode[], sledId: string): string | null {
  const parent = sledNodeId(sledId);
  let first: DiffFlowNode | null = null;
  for (const n of nodes) {
    if (n.type !== "item" || n.parentId !== parent || n.hidden) continue;
    if (
      !first ||
      n.position.y < first.position.y ||
      (n.position.y === first.position.y && n.position.x < first.position.x)
    )
      first = n;
  }
  return first?.id ?? null;
}
