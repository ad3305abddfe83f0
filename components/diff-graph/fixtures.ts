/** Small graphs for the unit tests of the graph mapping and layout. */
import type { DependencyGraph, GraphNode } from "~/lib/graph/types";

const node = (
  sledId: string,
  kind: GraphNode["kind"],
  itemId: string,
  change: GraphNode["change"],
  type: string,
): GraphNode => ({
  key: `${kind}:${itemId}`,
  sledId,
  kind,
  itemId,
  change,
  type,
  label: `${kind} ${type} ${itemId.slice(0, 8)}… ${change === "removed" ? "expunged" : change}`,
});

export const SLED_A = "aaaaaaaa-0000-4000-8000-000000000001";
export const SLED_B = "bbbbbbbb-0000-4000-8000-000000000002";

/** Sled A expunges a crucible zone and its two datasets; sled B adds a disk and a dataset on it. */
export function expungeAndAddGraph(): DependencyGraph {
  return {
    nodes: [
      node(SLED_A, "dataset", "1a2b0000-0000-4000-8000-00000000000a", "removed", "crucible"),
      node(
        SLED_A,
        "dataset",
        "1a2b0000-0000-4000-8000-00000000000b",
        "removed",
        "zone/oxz_crucible_74412086-73a9-469b-91ca-82206ab7044d",
      ),
      node(SLED_A, "zone", "74412086-73a9-469b-91ca-82206ab7044d", "removed", "crucible"),
      node(SLED_B, "disk", "d15c0000-0000-4000-8000-00000000000c", "added", "A0-SERIAL"),
      node(SLED_B, "dataset", "da7a0000-0000-4000-8000-00000000000d", "added", "debug"),
    ],
    edges: [
      {
        id: "zone:74412086-73a9-469b-91ca-82206ab7044d->dataset:1a2b0000-0000-4000-8000-00000000000a",
        source: "zone:74412086-73a9-469b-91ca-82206ab7044d",
        target: "dataset:1a2b0000-0000-4000-8000-00000000000a",
        rule: "zone-uses-dataset",
        text: "zone crucible 74412086… uses durable dataset crucible on oxp_x",
      },
      {
        id: "zone:74412086-73a9-469b-91ca-82206ab7044d->dataset:1a2b0000-0000-4000-8000-00000000000b",
        source: "zone:74412086-73a9-469b-91ca-82206ab7044d",
        target: "dataset:1a2b0000-0000-4000-8000-00000000000b",
        rule: "zone-uses-dataset",
        text: "zone crucible 74412086… uses root dataset zone/… on oxp_x",
      },
      {
        id: "disk:d15c0000-0000-4000-8000-00000000000c->dataset:da7a0000-0000-4000-8000-00000000000d",
        source: "disk:d15c0000-0000-4000-8000-00000000000c",
        target: "dataset:da7a0000-0000-4000-8000-00000000000d",
        rule: "dataset-on-disk",
        text: "dataset debug lives on oxp_y, the pool of disk A0-SERIAL",
      },
    ],
  };
}
