import type { Dataset, ItemKind, PhysicalDisk, Zone } from "../blueprint/model";

export type ItemChangeKind = "added" | "removed" | "modified";

/** One item that changes between parent and target. */
export interface ItemChange {
  sledId: string;
  kind: ItemKind;
  id: string;
  change: ItemChangeKind;
  /** The parent's version (absent for additions). */
  before?: PhysicalDisk | Dataset | Zone;
  /** The target's version (absent when the item left the blueprint). */
  after?: PhysicalDisk | Dataset | Zone;
}

export type EdgeRule =
  "dataset-on-disk" | "zone-root-under-pool-root" | "zone-uses-dataset" | "removal-before-reuse";

export interface GraphNode {
  /** `disk:<id>`, `dataset:<id>`, `zone:<id>`: the same keys a plan step's `realises` uses. */
  key: string;
  sledId: string;
  kind: ItemKind;
  itemId: string;
  change: ItemChangeKind;
  /** e.g. `crucible` for a zone, `zone/oxz_crucible_…` for a dataset, the serial for a disk. */
  type: string;
  /** Accessible name: `zone crucible 694bd14f… expunged`. */
  label: string;
}

export interface GraphEdge {
  id: string;
  /** Must happen first. */
  source: string;
  /** Must happen after. */
  target: string;
  rule: EdgeRule;
  /** The rule in words, naming the items: `zone 694bd14f… uses durable dataset crucible on oxp_…`. */
  text: string;
}

export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
