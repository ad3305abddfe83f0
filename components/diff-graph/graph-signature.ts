import type { DependencyGraph } from "~/lib/graph/types";

/** Two graphs with the same signature have the same nodes and edges, so the same layout. */
export function graphSignature(graph: DependencyGraph): string {
  return `${graph.nodes.map((n) => n.key).join(",")}|${graph.edges.map((e) => e.id).join(",")}`;
}
