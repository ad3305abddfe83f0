/**
 * Layout of the dependency graph, kept apart from rendering (React Flow's elkjs example):
 * every edge of the graph joins two items of the same sled, so each sled is laid out on its
 * own (elk layered, left to right) and the sled boxes are then packed into rows (pack.ts).
 * Laying out per sled keeps elk's work small and lets the worker report progress per sled.
 * STACK.md §5: elk layered with thoroughness 1 lays out 2,000 nodes in ~1.2 s; the defaults
 * take ~3 s and NETWORK_SIMPLEX node placement 47 s. SIMPLE node placement halves elk's time
 * again on a whole rack (32 sleds, ~2,000 items: 1.5 s instead of 2.9 s in Node, warm).
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
import type { DependencyGraph } from "~/lib/graph/types";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 60;
/** Room at the top of a sled box for its title. */
export const SLED_HEADER = 44;
export const SLED_PADDING = 16;
export const NODE_GAP = 16;
export const LAYER_GAP = 56;

export interface Point {
  x: number;
  y: number;
}

/** One sled's part of the graph: what a layout engine needs, nothing more. */
export interface SledLayoutInput {
  sledId: string;
  nodes: string[];
  edges: { id: string; source: string; target: string }[];
}

/** A sled laid out: its size and each item's position relative to the sled's corner. */
export interface SledBox {
  width: number;
  height: number;
  items: Record<string, Point>;
}

export interface ElkOptionsInput {
  direction?: "RIGHT" | "DOWN";
}

/** elk's options for one sled: layered, cheap crossing minimisation, room for the title. */
export function elkLayoutOptions({ direction = "RIGHT" }: ElkOptionsInput = {}): LayoutOptions {
  return {
    "elk.algorithm": "layered",
    "elk.direction": direction,
    "elk.layered.thoroughness": "1",
    "elk.layered.nodePlacement.strategy": "SIMPLE",
    "elk.spacing.nodeNode": String(NODE_GAP),
    "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
    "elk.layered.spacing.edgeNodeBetweenLayers": String(NODE_GAP),
    "elk.padding": `[top=${SLED_HEADER},left=${SLED_PADDING},bottom=${SLED_PADDING},right=${SLED_PADDING}]`,
  };
}

/** The graph split per sled, sleds by id, nodes and edges in the graph's order. */
export function layoutInputs(graph: DependencyGraph): SledLayoutInput[] {
  const bySled = new Map<string, SledLayoutInput>();
  const sledOf = new Map<string, string>();
  for (const node of graph.nodes) {
    let input = bySled.get(node.sledId);
    if (!input) bySled.set(node.sledId, (input = { sledId: node.sledId, nodes: [], edges: [] }));
    input.nodes.push(node.key);
    sledOf.set(node.key, node.sledId);
  }
  for (const edge of graph.edges) {
    const sledId = sledOf.get(edge.source);
    // An edge across sleds would break per-sled layout; lib/graph never makes one.
    if (sledId === undefined || sledOf.get(edge.target) !== sledId) continue;
    bySled.get(sledId)?.edges.push({ id: edge.id, source: edge.source, target: edge.target });
  }
  return [...bySled.values()].sort((a, b) =>
    a.sledId < b.sledId ? -1 : a.sledId > b.sledId ? 1 : 0,
  );
}

export function toElkGraph(
  input: SledLayoutInput,
  options: LayoutOptions = elkLayoutOptions(),
): ElkNode {
  const edges: ElkExtendedEdge[] = input.edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
  }));
  return {
    id: input.sledId,
    layoutOptions: options,
    children: input.nodes.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges,
  };
}

export function fromElkGraph(laidOut: ElkNode): SledBox {
  const items: Record<string, Point> = {};
  for (const child of laidOut.children ?? [])
    items[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { width: laidOut.width ?? NODE_WIDTH, height: laidOut.height ?? NODE_HEIGHT, items };
}

/** The part of elkjs's API used here, so tests and the worker can pass any instance. */
export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function layoutSled(
  elk: ElkLayouter,
  input: SledLayoutInput,
  options?: ElkOptionsInput,
): Promise<SledBox> {
  return fromElkGraph(await elk.layout(toElkGraph(input, elkLayoutOptions(options))));
}
