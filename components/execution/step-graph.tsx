"use client";

import {
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type NodeProps,
  type NodeTypes,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { memo, useMemo } from "react";
import type { StepState } from "~/lib/execution/state-machine";
import type { Plan } from "~/lib/plan/types";
import { STATE_BADGE, toStepFlow, type StepFlowNode } from "./step-flow";
import { badgeClass, MARKER_TONE, STEP_TONE } from "../ui/tones";

const StepNode = memo(function StepNode({ data }: NodeProps<StepFlowNode>) {
  return (
    <div className="step-node-body">
      <Handle type="target" position={Position.Top} />
      <div className="step-node-top">
        <span className="mono">{data.title}</span>{" "}
        <span className={badgeClass(STEP_TONE[data.state])}>{STATE_BADGE[data.state]}</span>
      </div>
      <div className="step-node-path mono">{data.path}</div>
      <div className="step-node-path mono" data-testid="step-node-sled">
        {data.sledLabel}
      </div>
      {data.isRoot && (
        <div className={badgeClass(MARKER_TONE["would-fail"])}>likely root failure</div>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
});

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { step: StepNode };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed } };
/** The box is sized to the nodes (toStepFlow's height): fit them at 1:1 with a small margin. */
const FIT = { padding: 0.05, maxZoom: 1 };

interface Props {
  plan: Plan;
  states: ReadonlyMap<string, { state: StepState; attemptCount: number }>;
  rootFailure: string | null;
  onSelect: (stepId: string) => void;
}

/** The plan's steps as a graph (sleds as columns), each node saying its live state. */
export function StepGraph({ plan, states, rootFailure, onSelect }: Props) {
  const { nodes, edges, height } = useMemo(
    () => toStepFlow(plan, states, rootFailure),
    [plan, states, rootFailure],
  );
  return (
    <ReactFlowProvider>
      <div className="step-graph" style={{ height }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          nodesDraggable={false}
          nodesConnectable={false}
          fitView
          fitViewOptions={FIT}
          minZoom={0.2}
          maxZoom={1}
          onNodeClick={(_, n) => onSelect(n.id)}
          proOptions={{ hideAttribution: true }}
        />
      </div>
    </ReactFlowProvider>
  );
}
