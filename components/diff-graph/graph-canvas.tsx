"use client";

import {
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ItemNode } from "./item-node";
import { SledNode } from "./sled-node";
import { labelEdges, type DiffFlowNode, type FlowElements, type RuleFlowEdge } from "./to-flow";

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { item: ItemNode, sled: SledNode };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, interactionWidth: 16 };
const FIT_PADDING = 0.08;
/** Fit view never zooms in past 1: a three-item graph should not fill the screen with one node. */
const FIT_MAX_ZOOM = 1;

export interface Selection {
  node: string | null;
  edge: string | null;
}

/** Where the view should fit: again whenever `key` changes; never while `key` is null. */
export interface FitRequest {
  key: string | null;
  /** Node ids to fit; null: every shown sled. */
  nodes: readonly string[] | null;
}

interface Props {
  elements: FlowElements;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  fit: FitRequest;
}

function minimapColor(node: DiffFlowNode): string {
  if (node.type === "sled") {
    if (!node.data.collapsed) return "transparent";
    if (node.data.failing > 0) return "var(--fail)";
    const { counts } = node.data;
    const most = (["added", "removed", "modified"] as const).reduce((a, b) =>
      counts[b] > counts[a] ? b : a,
    );
    return `var(--change-${most})`;
  }
  if (node.data.failing.length > 0) return "var(--fail)";
  return `var(--change-${node.data.item.change})`;
}

export function GraphCanvas({ elements, selection, onSelect, fit }: Props) {
  const { fitView } = useReactFlow();
  const nodes = useMemo(
    () => markSelected(elements.nodes, selection.node),
    [elements.nodes, selection.node],
  );
  const [hovered, setHovered] = useState<string | null>(null);
  const edges = useMemo(() => {
    const shown = new Set([selection.edge, hovered].filter((id) => id !== null));
    return markSelected(labelEdges(elements.edges, shown), selection.edge);
  }, [elements.edges, selection.edge, hovered]);
  const shownSleds = useMemo(
    () => elements.nodes.filter((n) => n.type === "sled" && !n.hidden).map((n) => ({ id: n.id })),
    [elements.nodes],
  );

  useEffect(() => {
    if (fit.key === null) return;
    // After React Flow has the new positions: fit what is asked for, or all that is shown.
    const nodes = fit.nodes ? fit.nodes.map((id) => ({ id })) : shownSleds;
    const frame = requestAnimationFrame(
      () => void fitView({ nodes, padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM }),
    );
    return () => cancelAnimationFrame(frame);
    // shownSleds changes with every filter; fit only when the key says the picture moved.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit.key, fitView]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DiffFlowNode>[]) => {
      const picked = changes.find((c) => c.type === "select" && c.selected);
      if (picked && picked.type === "select") onSelect({ node: picked.id, edge: null });
    },
    [onSelect],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<RuleFlowEdge>[]) => {
      const picked = changes.find((c) => c.type === "select" && c.selected);
      if (picked && picked.type === "select") onSelect({ node: null, edge: picked.id });
    },
    [onSelect],
  );

  return (
    <ReactFlow<DiffFlowNode, RuleFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onPaneClick={() => onSelect({ node: null, edge: null })}
      onEdgeMouseEnter={(_, edge) => setHovered(edge.id)}
      onEdgeMouseLeave={() => setHovered(null)}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable
      onlyRenderVisibleElements
      minZoom={0.02}
      maxZoom={2}
      fitView
      fitViewOptions={{ padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM }}
      colorMode="system"
      aria-label="Dependency graph of the item changes"
    >
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/**
 * The minimap, outside the canvas (in the graph's side column) so it never covers a node
 * however the view is panned. It reads the same React Flow store (ReactFlowProvider).
 */
export function GraphMinimap() {
  return (
    <div className="graph-minimap">
      <MiniMap<DiffFlowNode>
        nodeColor={minimapColor}
        pannable
        zoomable
        position="top-left"
        bgColor="var(--bg)"
        maskColor="rgb(127 127 127 / 0.3)"
        ariaLabel="Minimap of the dependency graph"
      />
    </div>
  );
}

/** Marks one element selected, keeping every other object as it was (React Flow skips them). */
function markSelected<T extends { id: string; selected?: boolean }>(
  items: T[],
  id: string | null,
): T[] {
  if (id === null) return items;
  return items.map((item) => (item.id === id ? { ...item, selected: true } : item));
}
