/**
 * A first layout that costs nothing: each item in the column of its longest chain of
 * dependencies, in graph order within a column. It is shown at once (a 60-node diff needs no
 * more), and replaced by elk's layout, which also minimises crossings, when the worker is done.
 */
import {
  LAYER_GAP,
  NODE_GAP,
  NODE_HEIGHT,
  NODE_WIDTH,
  SLED_HEADER,
  SLED_PADDING,
  type SledBox,
  type SledLayoutInput,
} from "./layout";

/** Longest-path layer of every node (Kahn's order); nodes on a cycle stay in layer 0. */
export function longestPathLayers(input: SledLayoutInput): Map<string, number> {
  const layer = new Map(input.nodes.map((n) => [n, 0]));
  const indegree = new Map(input.nodes.map((n) => [n, 0]));
  const out = new Map<string, string[]>();
  for (const e of input.edges) {
    if (!layer.has(e.source) || !layer.has(e.target)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  }
  const ready = input.nodes.filter((n) => indegree.get(n) === 0);
  for (let i = 0; i < ready.length; i++) {
    const n = ready[i] ?? "";
    for (const t of out.get(n) ?? []) {
      layer.set(t, Math.max(layer.get(t) ?? 0, (layer.get(n) ?? 0) + 1));
      const left = (indegree.get(t) ?? 1) - 1;
      indegree.set(t, left);
      if (left === 0) ready.push(t);
    }
  }
  return layer;
}

export function rankLayout(input: SledLayoutInput): SledBox {
  const layers = longestPathLayers(input);
  const rows: number[] = [];
  const items: SledBox["items"] = {};
  for (const node of input.nodes) {
    const col = layers.get(node) ?? 0;
    const row = rows[col] ?? 0;
    rows[col] = row + 1;
    items[node] = {
      x: SLED_PADDING + col * (NODE_WIDTH + LAYER_GAP),
      y: SLED_HEADER + row * (NODE_HEIGHT + NODE_GAP),
    };
  }
  const cols = Math.max(1, rows.length);
  const tallest = Math.max(1, ...rows.map((r) => r ?? 0));
  return {
    width: 2 * SLED_PADDING + cols * NODE_WIDTH + (cols - 1) * LAYER_GAP,
    height: SLED_HEADER + SLED_PADDING + tallest * NODE_HEIGHT + (tallest - 1) * NODE_GAP,
    items,
  };
}
