import { describe, expect, it } from "vitest";
import { makeWholeRackAdded } from "~/lib/examples/rack";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph";
import { itemChanges } from "~/lib/graph/item-changes";
import { expungeAndAddGraph, SLED_A, SLED_B } from "./fixtures";
import { NO_FILTERS } from "./graph-filters";
import {
  collapsedSleds,
  expansionChunks,
  ITEMS_PER_CHUNK,
  OVERVIEW_THRESHOLD,
  shownPerSled,
} from "./overview";

const small = expungeAndAddGraph();
const { parent, target } = makeWholeRackAdded({ sleds: 32 });
const wholeRack = buildDependencyGraph(itemChanges(parent, target));

describe("shownPerSled", () => {
  it("counts the items passing the filters per sled, in sled order, leaving out empty sleds", () => {
    expect(shownPerSled(small, NO_FILTERS)).toEqual([
      { sledId: SLED_A, shown: 3 },
      { sledId: SLED_B, shown: 2 },
    ]);
    expect(shownPerSled(small, { ...NO_FILTERS, kinds: ["disk"] })).toEqual([
      { sledId: SLED_B, shown: 1 },
    ]);
    // The search only highlights: it does not change what is shown.
    expect(shownPerSled(small, { ...NO_FILTERS, search: "debug" })).toHaveLength(2);
  });
});

describe("collapsedSleds", () => {
  const rack = shownPerSled(wholeRack, NO_FILTERS);

  it("opens a whole rack added as the overview: every sled a summary", () => {
    expect(wholeRack.nodes.length).toBeGreaterThan(OVERVIEW_THRESHOLD);
    expect(rack).toHaveLength(32);
    const collapsed = collapsedSleds(rack, new Set());
    expect(collapsed.size).toBe(32);
  });

  it("draws the sleds asked for and keeps the others collapsed", () => {
    const first = rack[0]?.sledId ?? "";
    const collapsed = collapsedSleds(rack, new Set([first]));
    expect(collapsed.size).toBe(31);
    expect(collapsed.has(first)).toBe(false);
  });

  it("draws everything when few items are shown: a small graph or one focused sled", () => {
    expect(collapsedSleds(shownPerSled(small, NO_FILTERS), new Set()).size).toBe(0);
    const one = rack[3]?.sledId ?? "";
    const focused = shownPerSled(wholeRack, { ...NO_FILTERS, sleds: [one] });
    expect(collapsedSleds(focused, new Set()).size).toBe(0);
    // The limit itself: at the threshold drawn, one item more collapsed.
    expect(collapsedSleds([{ sledId: "a", shown: 10 }], new Set(), 10).size).toBe(0);
    expect(collapsedSleds([{ sledId: "a", shown: 11 }], new Set(), 10).size).toBe(1);
  });
});

describe("expansionChunks", () => {
  it("groups sleds up to the item budget, in order, never splitting a sled", () => {
    const sleds = [
      { sledId: "a", shown: 30 },
      { sledId: "b", shown: 40 },
      { sledId: "c", shown: 20 },
      { sledId: "d", shown: 200 },
      { sledId: "e", shown: 5 },
    ];
    expect(expansionChunks(sleds, 80)).toEqual([["a", "b"], ["c"], ["d"], ["e"]]);
    expect(expansionChunks([], 80)).toEqual([]);
  });

  it("keeps each chunk of a whole rack within the budget when a sled fits in it", () => {
    const rack = shownPerSled(wholeRack, NO_FILTERS);
    const size = new Map(rack.map((s) => [s.sledId, s.shown]));
    const chunks = expansionChunks(rack);
    expect(chunks.flat()).toEqual(rack.map((s) => s.sledId));
    for (const chunk of chunks) {
      const items = chunk.reduce((sum, id) => sum + (size.get(id) ?? 0), 0);
      expect(chunk.length === 1 || items <= ITEMS_PER_CHUNK).toBe(true);
    }
  });
});
