import { describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { expungeZone } from "~/lib/edits/apply";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph";
import { itemChanges } from "~/lib/graph/item-changes";
import { expungeAndAddGraph, SLED_A, SLED_B } from "./fixtures";
import { NO_FILTERS } from "./graph-filters";
import { layoutInputs } from "./layout";
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH } from "./overview";
import { packSleds } from "./pack";
import { rankLayout } from "./rank-layout";
import {
  firstItemOf,
  itemAriaLabel,
  keepUnchanged,
  labelEdges,
  sledNodeId,
  toFlow,
  type ItemFlowNode,
  type SledFlowNode,
} from "./to-flow";

const graph = expungeAndAddGraph();
const layout = packSleds(layoutInputs(graph).map((i) => [i.sledId, rankLayout(i)] as const));
const ZONE = "zone:74412086-73a9-469b-91ca-82206ab7044d";
const isItem = (n: { type?: string }): n is ItemFlowNode => n.type === "item";
const isSled = (n: { type?: string }): n is SledFlowNode => n.type === "sled";

describe("toFlow", () => {
  it("puts every item inside its sled's group node, parents first", () => {
    const { nodes } = toFlow({ graph, layout, filters: NO_FILTERS });
    expect(nodes.map((n) => n.id).slice(0, 2)).toEqual([sledNodeId(SLED_A), sledNodeId(SLED_B)]);
    const items = nodes.filter(isItem);
    expect(items).toHaveLength(5);
    for (const item of items) expect(item.parentId).toBe(sledNodeId(item.data.item.sledId));
    const zone = items.find((n) => n.id === ZONE);
    expect(zone?.position).toEqual(layout.items[ZONE]);
    expect(nodes.find((n) => n.id === sledNodeId(SLED_B))?.position).toEqual({
      x: layout.sleds[SLED_B]?.x,
      y: layout.sleds[SLED_B]?.y,
    });
  });

  it("gives every item an accessible name and a class per change and kind", () => {
    const { nodes } = toFlow({ graph, layout, filters: NO_FILTERS });
    const zone = nodes.find((n) => n.id === ZONE);
    expect(zone?.ariaLabel).toBe("zone crucible 74412086… expunged");
    expect(zone?.className).toBe("change-removed kind-zone");
    expect(nodes.filter(isItem).every((n) => (n.ariaLabel ?? "").length > 0)).toBe(true);
  });

  it("names the items of each edge in its accessible name and labels it with its rule on demand", () => {
    const { edges } = toFlow({ graph, layout, filters: NO_FILTERS });
    expect(edges[0]?.ariaLabel).toBe(
      "zone crucible 74412086… uses durable dataset crucible on oxp_x",
    );
    expect(edges.map((e) => e.data?.rule)).toEqual([
      "zone-uses-dataset",
      "zone-uses-dataset",
      "dataset-on-disk",
    ]);
    expect(edges.some((e) => e.label !== undefined)).toBe(false);
    const third = edges[2]?.id ?? "";
    const labelled = labelEdges(edges, new Set([third]));
    expect(labelled.map((e) => e.label)).toEqual([undefined, undefined, "dataset on disk"]);
    expect(labelled[0]).toBe(edges[0]);
    expect(labelEdges(edges, new Set())).toBe(edges);
  });

  it("marks the items of failing steps, with the reasons, on the node and its sled", () => {
    const failing = new Map([
      [ZONE, ["dataset crucible destroyed while zone crucible 74412086… uses it"]],
    ]);
    const { nodes } = toFlow({ graph, layout, filters: NO_FILTERS, failing });
    const zone = nodes.find((n) => n.id === ZONE);
    expect(zone?.ariaLabel).toBe("zone crucible 74412086… expunged, would fail");
    expect(zone?.className).toContain("failing");
    expect(zone && isItem(zone) && zone.data.failing).toEqual(failing.get(ZONE));
    const sled = nodes.filter(isSled).find((n) => n.data.sledId === SLED_A);
    expect(sled?.data).toMatchObject({ failing: 1, counts: { added: 0, removed: 3, modified: 0 } });
  });

  it("hides what the filters leave out, with their edges and empty sleds", () => {
    const { nodes, edges, shown } = toFlow({
      graph,
      layout,
      filters: { ...NO_FILTERS, kinds: ["dataset"] },
    });
    expect(shown).toBe(3);
    expect(nodes.filter((n) => !n.hidden && isItem(n)).map((n) => n.id)).toEqual([
      "dataset:1a2b0000-0000-4000-8000-00000000000a",
      "dataset:1a2b0000-0000-4000-8000-00000000000b",
      "dataset:da7a0000-0000-4000-8000-00000000000d",
    ]);
    expect(edges.every((e) => e.hidden)).toBe(true);
    const focused = toFlow({ graph, layout, filters: { ...NO_FILTERS, sleds: [SLED_B] } });
    expect(focused.nodes.filter((n) => !n.hidden).map((n) => n.id)).toEqual([
      sledNodeId(SLED_B),
      "disk:d15c0000-0000-4000-8000-00000000000c",
      "dataset:da7a0000-0000-4000-8000-00000000000d",
    ]);
    const byChange = toFlow({ graph, layout, filters: { ...NO_FILTERS, changes: ["added"] } });
    expect(byChange.nodes.find((n) => n.id === sledNodeId(SLED_A))?.hidden).toBe(true);
  });

  it("rings what the search matches, fades the rest and lists the matches", () => {
    const byType = toFlow({ graph, layout, filters: { ...NO_FILTERS, search: "Crucible" } });
    expect(byType.matches).toEqual([
      "dataset:1a2b0000-0000-4000-8000-00000000000a",
      "dataset:1a2b0000-0000-4000-8000-00000000000b",
      ZONE,
    ]);
    expect(
      byType.nodes.find((n) => n.id === "disk:d15c0000-0000-4000-8000-00000000000c")?.className,
    ).toContain("dimmed");
    expect(byType.nodes.find((n) => n.id === ZONE)?.className).toContain("matched");
    const byId = toFlow({ graph, layout, filters: { ...NO_FILTERS, search: "d15c" } });
    expect(byId.matches).toEqual(["disk:d15c0000-0000-4000-8000-00000000000c"]);
    expect(
      toFlow({ graph, layout, filters: NO_FILTERS }).nodes.some((n) =>
        /dimmed|matched/.test(n.className ?? ""),
      ),
    ).toBe(false);
  });

  it("maps a real expunge from the planner's graph", () => {
    const rack = makeExampleRack({ sleds: 2 });
    const zone = rack.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
    if (!zone) throw new Error("the example rack has a crucible zone on every sled");
    const child = expungeZone(rack, zone.id);
    if (!child.ok) throw new Error(child.error);
    const real = buildDependencyGraph(itemChanges(rack, child.blueprint));
    const inputs = layoutInputs(real);
    const flow = toFlow({
      graph: real,
      layout: packSleds(inputs.map((i) => [i.sledId, rankLayout(i)] as const)),
      filters: NO_FILTERS,
    });
    expect(flow.nodes.filter(isItem).map((n) => n.ariaLabel)).toContain(
      `zone crucible ${zone.id.slice(0, 8)}… expunged`,
    );
    expect(flow.nodes.filter(isSled)).toHaveLength(1);
    expect(flow.edges).toHaveLength(2);
  });
});

describe("toFlow with collapsed sleds", () => {
  it("draws a collapsed sled as one summary node, without its items or their edges", () => {
    const flow = toFlow({ graph, layout, filters: NO_FILTERS, collapsed: new Set([SLED_A]) });
    expect(flow.nodes.map((n) => n.id)).toEqual([
      sledNodeId(SLED_A),
      sledNodeId(SLED_B),
      "disk:d15c0000-0000-4000-8000-00000000000c",
      "dataset:da7a0000-0000-4000-8000-00000000000d",
    ]);
    expect(flow.edges.map((e) => e.data?.rule)).toEqual(["dataset-on-disk"]);
    expect(flow.shown).toBe(5);
    const sled = flow.nodes.find((n) => n.id === sledNodeId(SLED_A));
    expect(sled && isSled(sled) && sled.data).toMatchObject({
      collapsed: true,
      counts: { added: 0, removed: 3, modified: 0 },
      kinds: { disk: 0, dataset: 2, zone: 1 },
    });
    // Drawn at summary size and at its place in the layout, whatever size that place has.
    expect([sled?.width, sled?.height]).toEqual([COLLAPSED_WIDTH, COLLAPSED_HEIGHT]);
    expect(sled?.position).toEqual({ x: layout.sleds[SLED_A]?.x, y: layout.sleds[SLED_A]?.y });
    expect(sled?.selectable).toBe(true);
    expect(sled?.focusable).toBe(true);
    expect(sled?.ariaLabel).toBe(
      "sled aaaaaaaa…: 3 items (−3 expunged), collapsed; select to expand",
    );
    const open = flow.nodes.find((n) => n.id === sledNodeId(SLED_B));
    expect(open?.selectable).toBe(false);
    expect(open?.ariaLabel).toBe(`sled ${SLED_B}`);
  });

  it("still finds the search in collapsed sleds, counts it on the sled and rings the sled", () => {
    const failing = new Map([[ZONE, ["a reason"]]]);
    const flow = toFlow({
      graph,
      layout,
      filters: { ...NO_FILTERS, search: "crucible" },
      failing,
      collapsed: new Set([SLED_A, SLED_B]),
    });
    expect(flow.matches).toHaveLength(3);
    expect(flow.nodes.filter(isItem)).toHaveLength(0);
    const a = flow.nodes.find((n) => n.id === sledNodeId(SLED_A));
    expect(a && isSled(a) && a.data).toMatchObject({ matches: 3, failing: 1 });
    expect(a?.className).toBe("collapsed failing matched");
    expect(a?.ariaLabel).toContain("1 would fail, 3 matching the search");
    expect(flow.nodes.find((n) => n.id === sledNodeId(SLED_B))?.className).toBe("collapsed dimmed");
  });
});

describe("keepUnchanged", () => {
  it("keeps the objects of elements that did not change, and only those", () => {
    const before = toFlow({ graph, layout, filters: NO_FILTERS });
    const after = toFlow({ graph, layout, filters: { ...NO_FILTERS, kinds: ["disk", "zone"] } });
    const nodes = keepUnchanged(before.nodes, after.nodes);
    const same = nodes.filter((n, i) => n === before.nodes[i]).map((n) => n.id);
    // The datasets were hidden and both sleds' counts changed; the disk and the zone stay.
    expect(same).toEqual([ZONE, "disk:d15c0000-0000-4000-8000-00000000000c"]);
    expect(nodes.map((n) => n.hidden)).toEqual(after.nodes.map((n) => n.hidden));
    const edges = keepUnchanged(before.edges, after.edges);
    expect(edges.every((e, i) => e !== before.edges[i])).toBe(true);
    const again = toFlow({ graph, layout, filters: NO_FILTERS });
    expect(keepUnchanged(before.nodes, again.nodes)).toEqual(before.nodes);
    expect(keepUnchanged(before.nodes, again.nodes).every((n, i) => n === before.nodes[i])).toBe(
      true,
    );
    expect(keepUnchanged([], again.nodes)).toBe(again.nodes);
  });
});

describe("itemAriaLabel", () => {
  it("adds the failure only when there is one", () => {
    const item = graph.nodes[3];
    if (!item) throw new Error("fixture has five nodes");
    expect(itemAriaLabel(item, [])).toBe(item.label);
    expect(itemAriaLabel(item, ["x"])).toBe(`${item.label}, would fail`);
  });
});

describe("firstItemOf", () => {
  it("is the sled's shown item nearest the top left, never another sled's or a hidden one", () => {
    const { nodes } = toFlow({ graph, layout, filters: NO_FILTERS });
    const mine = nodes.filter(isItem).filter((n) => n.parentId === sledNodeId(SLED_A));
    const top = [...mine].sort(
      (a, b) => a.position.y - b.position.y || a.position.x - b.position.x,
    )[0];
    expect(firstItemOf(nodes, SLED_A)).toBe(top?.id);
    const hiddenTop = nodes.map((n) => (n.id === top?.id ? { ...n, hidden: true } : n));
    const next = firstItemOf(hiddenTop, SLED_A);
    expect(next).not.toBe(top?.id);
    expect(mine.some((n) => n.id === next) || mine.length === 1).toBe(true);
    expect(firstItemOf(nodes, "no-such-sled")).toBeNull();
  });
});
