"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState } from "react";
import "./diff-graph.css";
import type { DependencyGraph } from "../../lib/graph/types";
import { GraphCanvas, type Selection } from "./graph-canvas";
import type { GraphFilters } from "./graph-filters";
import { GraphLegend } from "./graph-legend";
import { GraphToolbar } from "./graph-toolbar";
import { LayoutProgress } from "./layout-progress";
import { NodeDetails } from "./node-details";
import { toFlow } from "./to-flow";
import { useGraphLayout, useStableGraph } from "./use-graph-layout";

interface Props {
  graph: DependencyGraph;
  /** Item key → why its step would fail (empty or absent: nothing fails). */
  failing?: ReadonlyMap<string, readonly string[]>;
  filters: GraphFilters;
  onFiltersChange: (filters: GraphFilters) => void;
}

/** The dependency graph of a diff: toolbar, legend, layout progress, canvas and details. */
export function DiffGraph({ graph: incoming, failing, filters, onFiltersChange }: Props) {
  const graph = useStableGraph(incoming);
  const { layout, status } = useGraphLayout(graph);
  const [selection, setSelection] = useState<Selection>({ node: null, edge: null });
  const elements = useMemo(
    () => toFlow({ graph, layout, filters, failing }),
    [graph, layout, filters, failing],
  );
  const sledIds = useMemo(() => [...new Set(graph.nodes.map((n) => n.sledId))].sort(), [graph]);
  const fitKey = `${status.phase}|${filters.sleds.join(",")}`;

  if (graph.nodes.length === 0) {
    return <p className="empty">Nothing changes between these blueprints: the graph is empty.</p>;
  }
  return (
    <ReactFlowProvider>
      <div className="diff-graph">
        <GraphToolbar
          sledIds={sledIds}
          filters={filters}
          onChange={onFiltersChange}
          shown={elements.shown}
          total={graph.nodes.length}
          matches={elements.matches}
        />
        <LayoutProgress status={status} items={graph.nodes.length} />
        <div className="graph-body">
          <div className="graph-canvas">
            <GraphCanvas
              elements={elements}
              selection={selection}
              onSelect={setSelection}
              fitKey={fitKey}
            />
          </div>
          <aside className="graph-side">
            <NodeDetails graph={graph} selection={selection} failing={failing} />
            <GraphLegend showFailing={(failing?.size ?? 0) > 0} />
          </aside>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
