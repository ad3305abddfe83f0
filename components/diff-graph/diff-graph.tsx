"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import "./diff-graph.css";
import type { DependencyGraph } from "~/lib/graph/types";
import { GraphCanvas, type FitRequest, type Selection } from "./graph-canvas";
import type { GraphFilters } from "./graph-filters";
import { GraphLegend } from "./graph-legend";
import { GraphToolbar } from "./graph-toolbar";
import { LayoutProgress } from "./layout-progress";
import { NodeDetails } from "./node-details";
import { COLLAPSED_HEIGHT, COLLAPSED_WIDTH, shownPerSled } from "./overview";
import { OverviewBar } from "./overview-bar";
import { packSleds } from "./pack";
import { SledActionsContext, type SledActions } from "./sled-node";
import { GraphMinimap } from "./graph-canvas";
import { firstItemOf, keepUnchanged, sledNodeId, toFlow, type FlowElements } from "./to-flow";
import { useGraphLayout, useStableGraph } from "./use-graph-layout";
import { useSledExpansion } from "./use-sled-expansion";

interface Props {
  graph: DependencyGraph;
  /** Item key → why its step would fail (empty or absent: nothing fails). */
  failing?: ReadonlyMap<string, readonly string[]>;
  filters: GraphFilters;
  onFiltersChange: (filters: GraphFilters) => void;
}

const COLLAPSED_BOX = { width: COLLAPSED_WIDTH, height: COLLAPSED_HEIGHT, items: {} };

/** The dependency graph of a diff: toolbar, legend, layout progress, canvas and details. */
export function DiffGraph({ graph: incoming, failing, filters, onFiltersChange }: Props) {
  const graph = useStableGraph(incoming);
  const { boxes, status } = useGraphLayout(graph);
  const expansion = useSledExpansion(graph, filters);
  const { collapsed, pending, expand, collapse } = expansion;
  const [selection, setSelection] = useState<Selection>({ node: null, edge: null });
  // A sled queued for drawing already keeps its full place: nothing moves while the chunks
  // arrive (moving a sled re-renders every item in it, which made each chunk cost the whole).
  const layout = useMemo(
    () =>
      packSleds(
        boxes.map(([id, box]) => [id, collapsed.has(id) && !pending.has(id) ? COLLAPSED_BOX : box]),
      ),
    [boxes, collapsed, pending],
  );
  const elements = useKeptElements(
    useMemo(
      () => toFlow({ graph, layout, filters, failing, collapsed }),
      [graph, layout, filters, failing, collapsed],
    ),
  );
  const sledIds = useMemo(() => [...new Set(graph.nodes.map((n) => n.sledId))].sort(), [graph]);
  const sledOf = useMemo(() => new Map(graph.nodes.map((n) => [n.key, n.sledId])), [graph]);
  const shownSleds = useMemo(() => shownPerSled(graph, filters).length, [graph, filters]);

  // Fit all again on a new layout or sled filter; fit what an action asked for otherwise.
  const base = `${status.phase}|${filters.sleds.join(",")}`;
  const [asked, setAsked] = useState<{ seq: number; base: string; nodes: string[] | null }>({
    seq: 0,
    base,
    nodes: null,
  });
  if (asked.base !== base) setAsked({ seq: asked.seq + 1, base, nodes: null });
  const fitOn = useCallback(
    (nodes: string[] | null) => setAsked((a) => ({ ...a, seq: a.seq + 1, nodes })),
    [],
  );
  const fit: FitRequest = {
    // While sleds are drawn chunk by chunk, fit after each chunk: only what is in view is
    // rendered, so one fit at the end would render every item at once.
    key: `${asked.seq}|${expansion.expanding?.done ?? ""}`,
    nodes: asked.base === base ? asked.nodes : null,
  };

  const onSelect = useCallback(
    (next: Selection) => {
      const sledId = next.node?.startsWith("sled:") ? next.node.slice("sled:".length) : null;
      if (sledId === null) return setSelection(next);
      // A collapsed sled is selected to be expanded; keyboard focus then goes to its first item.
      expand([sledId]);
      fitOn([sledNodeId(sledId)]);
      setFocusSled(sledId);
    },
    [expand, fitOn],
  );
  const [focusSled, setFocusSled] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const firstItem = focusSled === null ? null : firstItemOf(elements.nodes, focusSled);
  const drawn = focusSled !== null && !collapsed.has(focusSled) && !pending.has(focusSled);
  useEffect(() => {
    if (!drawn) return;
    // The item's node exists once React Flow has rendered it in view (after the fit).
    let frame = 0;
    let tries = 0;
    const focusFirst = () => {
      const el =
        firstItem === null
          ? null
          : root.current?.querySelector<HTMLElement>(
              `.react-flow__node[data-id="${CSS.escape(firstItem)}"]`,
            );
      if (el) el.focus({ preventScroll: true });
      if (el || firstItem === null || ++tries > 120) setFocusSled(null);
      else frame = requestAnimationFrame(focusFirst);
    };
    frame = requestAnimationFrame(focusFirst);
    return () => cancelAnimationFrame(frame);
  }, [drawn, firstItem]);
  const onShowMatches = useCallback(() => {
    const holding = new Set(elements.matches.map((key) => sledOf.get(key) ?? ""));
    expand([...holding].filter((id) => collapsed.has(id)));
    fitOn(elements.matches);
  }, [elements.matches, sledOf, collapsed, expand, fitOn]);
  const actions = useMemo<SledActions>(
    () => ({
      overview: expansion.overview,
      collapse: (sledId) => {
        collapse(sledId);
        fitOn([sledNodeId(sledId)]);
      },
    }),
    [expansion.overview, collapse, fitOn],
  );

  if (graph.nodes.length === 0) {
    return <p className="empty">Nothing changes between these blueprints: the graph is empty.</p>;
  }
  return (
    <ReactFlowProvider>
      <SledActionsContext.Provider value={actions}>
        <div className="diff-graph" ref={root}>
          <GraphToolbar
            sledIds={sledIds}
            filters={filters}
            onChange={onFiltersChange}
            shown={elements.shown}
            total={graph.nodes.length}
            matches={elements.matches}
            onShowMatches={onShowMatches}
          />
          <OverviewBar
            expansion={expansion}
            onAll={(action) => {
              action();
              fitOn(null);
            }}
            sleds={shownSleds}
            items={elements.shown}
          />
          <LayoutProgress status={status} items={graph.nodes.length} />
          <div className="graph-body">
            <div className="graph-canvas">
              <GraphCanvas
                elements={elements}
                selection={selection}
                onSelect={onSelect}
                fit={fit}
              />
            </div>
            <aside className="graph-side">
              <GraphMinimap />
              <NodeDetails graph={graph} selection={selection} failing={failing} />
              <GraphLegend showFailing={(failing?.size ?? 0) > 0} />
            </aside>
          </div>
        </div>
      </SledActionsContext.Provider>
    </ReactFlowProvider>
  );
}

/** The new elements with every unchanged node and edge kept as the object React Flow has seen. */
function useKeptElements(fresh: FlowElements): FlowElements {
  const previous = useRef<FlowElements | null>(null);
  return useMemo(() => {
    const last = previous.current;
    const kept = last
      ? {
          ...fresh,
          nodes: keepUnchanged(last.nodes, fresh.nodes),
          edges: keepUnchanged(last.edges, fresh.edges),
        }
      : fresh;
    previous.current = kept;
    return kept;
  }, [fresh]);
}
