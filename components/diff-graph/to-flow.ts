/**
 * Dependency graph + layout + hazards + filters → React Flow nodes and edges. Pure, so the
 * mapping is unit-tested without a browser. Sleds are parent (group) nodes; items are their
 * children, positioned relative to the sled. Filtered-out elements are `hidden` rather than
 * dropped, so positions stay put and React Flow need not re-measure.
 */
import type { Edge, Node } from "@xyflow/react";
import type { DependencyGraph, EdgeRule, GraphNode, ItemChangeKind } from "../../lib/graph/types";
import { matchesSearch, passesFilters, type GraphFilters } from "./graph-filters";
import { NODE_HEIGHT, NODE_WIDTH } from "./layout";
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
  counts: Readonly<Record<ItemChangeKind, number>>;
  failing: number;
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
}

export interface FlowElements {
  nodes: DiffFlowNode[];
  edges: RuleFlowEdge[];
  /** Items passing the filters. */
  shown: number;
  /** Keys of shown items matching the search, in graph order. */
  matches: string[];
}

export const sledNodeId = (sledId: string) => `sled:${sledId}`;

/** `zone crucible 1a2b… expunged`, plus `, would fail` when its step would. */
export function itemAriaLabel(item: GraphNode, failing: readonly string[]): string {
  return failing.length > 0 ? `${item.label}, would fail` : item.label;
}

export function toFlow({ graph, layout, filters, failing }: ToFlowInput): FlowElements {
  const sleds = new Map<string, SledFlowNode>();
  const items: ItemFlowNode[] = [];
  const hidden = new Set<string>();
  const matches: string[] = [];
  for (const item of graph.nodes) {
    const sled = sleds.get(item.sledId) ?? addSled(sleds, item.sledId, layout);
    const reasons = failing?.get(item.key) ?? [];
    const shown = passesFilters(item, filters);
    const matched = shown && matchesSearch(item, filters.search);
    if (!shown) hidden.add(item.key);
    else {
      sled.hidden = false;
      sled.data.counts = { ...sled.data.counts, [item.change]: sled.data.counts[item.change] + 1 };
      if (reasons.length > 0) sled.data.failing += 1;
    }
    if (matched) matches.push(item.key);
    const classes = [`change-${item.change}`, `kind-${item.kind}`];
    if (reasons.length > 0) classes.push("failing");
    if (filters.search.trim() !== "") classes.push(matched ? "matched" : "dimmed");
    items.push({
      id: item.key,
      type: "item",
      parentId: sledNodeId(item.sledId),
      position: layout.items[item.key] ?? { x: 0, y: 0 },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      hidden: !shown,
      className: classes.join(" "),
      ariaLabel: itemAriaLabel(item, reasons),
      data: { item, failing: reasons, matched },
    });
  }
  const edges = graph.edges.map((e): RuleFlowEdge => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ariaLabel: e.text,
    hidden: hidden.has(e.source) || hidden.has(e.target),
    className: `rule-${e.rule}`,
    data: { rule: e.rule, text: e.text },
  }));
  // Parents must precede their children in React Flow's node array.
  return {
    nodes: [...sleds.values(), ...items],
    edges,
    shown: graph.nodes.length - hidden.size,
    matches,
  };
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
): SledFlowNode {
  const box = layout.sleds[sledId];
  const node: SledFlowNode = {
    id: sledNodeId(sledId),
    type: "sled",
    position: box ? { x: box.x, y: box.y } : { x: 0, y: 0 },
    width: box?.width ?? NODE_WIDTH,
    height: box?.height ?? NODE_HEIGHT,
    hidden: true,
    selectable: false,
    focusable: false,
    ariaLabel: `sled ${sledId}`,
    data: { sledId, counts: { added: 0, removed: 0, modified: 0 }, failing: 0 },
  };
  sleds.set(sledId, node);
  return node;
}
