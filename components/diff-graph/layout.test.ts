import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { makeWholeRackAdded } from "~/lib/examples/rack";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph";
import { itemChanges } from "~/lib/graph/item-changes";
import { expungeAndAddGraph, SLED_A, SLED_B } from "./fixtures";
import { graphSignature } from "./graph-signature";
import {
  elkLayoutOptions,
  fromElkGraph,
  layoutInputs,
  layoutSled,
  NODE_HEIGHT,
  NODE_WIDTH,
  SLED_HEADER,
  toElkGraph,
  type SledBox,
} from "./layout";
import { packSleds, SLED_GAP } from "./pack";
import { longestPathLayers, rankLayout } from "./rank-layout";

const graph = expungeAndAddGraph();
const ZONE = "zone:74412086-73a9-469b-91ca-82206ab7044d";

describe("elkLayoutOptions", () => {
  it("asks for elk layered with thoroughness 1 (STACK.md §5) and room for the sled title", () => {
    expect(elkLayoutOptions()).toEqual({
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.thoroughness": "1",
      "elk.layered.nodePlacement.strategy": "SIMPLE",
      "elk.spacing.nodeNode": "16",
      "elk.layered.spacing.nodeNodeBetweenLayers": "56",
      "elk.layered.spacing.edgeNodeBetweenLayers": "16",
      "elk.padding": `[top=${SLED_HEADER},left=16,bottom=16,right=16]`,
    });
    expect(elkLayoutOptions({ direction: "DOWN" })["elk.direction"]).toBe("DOWN");
    expect(elkLayoutOptions()["elk.layered.nodePlacement.strategy"]).not.toBe("NETWORK_SIMPLEX");
  });
});

describe("layoutInputs", () => {
  it("splits the graph per sled, sleds by id, keeping each sled's edges", () => {
    const inputs = layoutInputs(graph);
    expect(inputs.map((i) => i.sledId)).toEqual([SLED_A, SLED_B]);
    expect(inputs[0]?.nodes).toHaveLength(3);
    expect(inputs[0]?.edges).toHaveLength(2);
    expect(inputs[1]?.edges.map((e) => e.source)).toEqual([
      "disk:d15c0000-0000-4000-8000-00000000000c",
    ]);
  });

  it("drops an edge across sleds instead of breaking the per-sled layout", () => {
    const bad = {
      ...graph,
      edges: [
        ...graph.edges,
        {
          id: "x",
          source: ZONE,
          target: "disk:d15c0000-0000-4000-8000-00000000000c",
          rule: "dataset-on-disk" as const,
          text: "",
        },
      ],
    };
    expect(layoutInputs(bad).flatMap((i) => i.edges.map((e) => e.id))).not.toContain("x");
  });
});

describe("elk conversion", () => {
  it("sizes every node and reads positions back", () => {
    const [sled] = layoutInputs(graph);
    if (!sled) throw new Error("two sleds");
    const elkGraph = toElkGraph(sled);
    expect(
      elkGraph.children?.every((c) => c.width === NODE_WIDTH && c.height === NODE_HEIGHT),
    ).toBe(true);
    expect(elkGraph.edges?.[0]).toEqual({
      id: sled.edges[0]?.id,
      sources: [ZONE],
      targets: [sled.edges[0]?.target],
    });
    const box = fromElkGraph({
      id: "s",
      width: 500,
      height: 300,
      children: [{ id: "a", x: 10, y: 20 }, { id: "b" }],
    });
    expect(box).toEqual({
      width: 500,
      height: 300,
      items: { a: { x: 10, y: 20 }, b: { x: 0, y: 0 } },
    });
  });

  it("lays a sled out with elk: dependencies left to right, below the title", async () => {
    const [sled] = layoutInputs(graph);
    if (!sled) throw new Error("two sleds");
    const box = await layoutSled(new ELK(), sled);
    expect(Object.keys(box.items).sort()).toEqual([...sled.nodes].sort());
    for (const e of sled.edges)
      expect(box.items[e.source]?.x ?? 0).toBeLessThan(box.items[e.target]?.x ?? 0);
    for (const p of Object.values(box.items)) expect(p.y).toBeGreaterThanOrEqual(SLED_HEADER);
    expect(box.width).toBeGreaterThanOrEqual(2 * NODE_WIDTH);
  });
});

describe("rankLayout", () => {
  it("puts each item in the column of its longest dependency chain", () => {
    const [sled] = layoutInputs(graph);
    if (!sled) throw new Error("two sleds");
    const layers = longestPathLayers(sled);
    expect(layers.get(ZONE)).toBe(0);
    expect(layers.get("dataset:1a2b0000-0000-4000-8000-00000000000a")).toBe(1);
    const box = rankLayout(sled);
    expect(box.items["dataset:1a2b0000-0000-4000-8000-00000000000a"]?.y).toBe(SLED_HEADER);
    expect(box.items["dataset:1a2b0000-0000-4000-8000-00000000000b"]?.y).toBeGreaterThan(
      SLED_HEADER,
    );
    expect(box.width).toBe(2 * 16 + 2 * NODE_WIDTH + 56);
  });

  it("survives a cycle (nodes on it stay in the first column)", () => {
    const layers = longestPathLayers({
      sledId: "s",
      nodes: ["a", "b"],
      edges: [
        { id: "1", source: "a", target: "b" },
        { id: "2", source: "b", target: "a" },
      ],
    });
    expect([...layers.values()]).toEqual([0, 0]);
  });

  it("lays out a whole rack added (~2,000 items) in well under a frame budget per sled", () => {
    const { parent, target } = makeWholeRackAdded({ sleds: 32 });
    const big = buildDependencyGraph(itemChanges(parent, target));
    expect(big.nodes.length).toBeGreaterThan(1500);
    const t0 = performance.now();
    const layout = packSleds(layoutInputs(big).map((i) => [i.sledId, rankLayout(i)] as const));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(Object.keys(layout.items)).toHaveLength(big.nodes.length);
  });
});

describe("packSleds", () => {
  const box = (width: number, height: number): SledBox => ({
    width,
    height,
    items: { [`i${width}`]: { x: 1, y: 2 } },
  });

  it("fills rows left to right and wraps at the row width without overlap", () => {
    const layout = packSleds(
      [
        ["a", box(300, 100)],
        ["b", box(300, 200)],
        ["c", box(300, 50)],
      ],
      700,
    );
    expect(layout.sleds.a).toEqual({ x: 0, y: 0, width: 300, height: 100 });
    expect(layout.sleds.b).toEqual({ x: 300 + SLED_GAP, y: 0, width: 300, height: 200 });
    expect(layout.sleds.c).toEqual({ x: 0, y: 200 + SLED_GAP, width: 300, height: 50 });
    expect(layout.items).toEqual({ i300: { x: 1, y: 2 } });
  });

  it("aims at a landscape picture for many equal sleds", () => {
    const boxes = Array.from({ length: 32 }, (_, i) => [`s${i}`, box(600, 400)] as const);
    const layout = packSleds(boxes);
    const right = Math.max(...Object.values(layout.sleds).map((s) => s.x + s.width));
    const bottom = Math.max(...Object.values(layout.sleds).map((s) => s.y + s.height));
    expect(right / bottom).toBeGreaterThan(1);
    expect(right / bottom).toBeLessThan(3);
  });
});

describe("graphSignature", () => {
  it("is equal for equal graphs from different objects and differs otherwise", () => {
    expect(graphSignature(expungeAndAddGraph())).toBe(graphSignature(expungeAndAddGraph()));
    expect(graphSignature({ ...graph, edges: graph.edges.slice(1) })).not.toBe(
      graphSignature(graph),
    );
  });
});
