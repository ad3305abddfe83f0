/**
 * The plan's step DAG as React Flow nodes and edges: one column per sled (plan order), a
 * step's row is its depth in the DAG, and every node carries its state in words (badge and
 * accessible name), so the graph reads without colour. Pure, for unit tests.
 */
import type { Edge, Node } from "@xyflow/react";
import type { StepState } from "~/lib/execution/state-machine";
import type { Plan } from "~/lib/plan/types";
import { shortId } from "./format";
import { stepRequestLabel, stepShortName } from "./read-plan";

export const STEP_NODE_WIDTH = 220;
export const STEP_NODE_HEIGHT = 80;
const COLUMN_GAP = 40;
const ROW_GAP = 36;

export const STATE_BADGE: Readonly<Record<StepState, string>> = {
  pending: "○ pending",
  running: "▶ running",
  succeeded: "✓ succeeded",
  failed: "✕ failed",
  skipped: "⤼ skipped",
  cancelled: "■ cancelled",
};

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  sledId: string;
  title: string;
  path: string;
  state: StepState;
  attempts: number;
  isRoot: boolean;
}
export type StepFlowNode = Node<StepNodeData, "step">;

export function stepDepths(plan: Plan): Map<string, number> {
  const depth = new Map<string, number>();
  // Plan steps are in a topological order (dependencies first), as the planner emits them.
  for (const s of plan.steps)
    depth.set(s.id, Math.max(0, ...s.dependsOn.map((d) => (depth.get(d) ?? 0) + 1)));
  return depth;
}

export function toStepFlow(
  plan: Plan,
  live: ReadonlyMap<string, { state: StepState; attemptCount: number }>,
  rootFailure: string | null,
): { nodes: StepFlowNode[]; edges: Edge[] } {
  const depth = stepDepths(plan);
  const columns = new Map(plan.sleds.filter((s) => s.stepIds.length).map((s, i) => [s.sledId, i]));
  const nodes = plan.steps.map((s): StepFlowNode => {
    const row = live.get(s.id);
    const state = row?.state ?? "pending";
    const isRoot = s.id === rootFailure;
    const col = columns.get(s.sledId) ?? columns.size;
    return {
      id: s.id,
      type: "step",
      position: {
        x: col * (STEP_NODE_WIDTH + COLUMN_GAP),
        y: (depth.get(s.id) ?? 0) * (STEP_NODE_HEIGHT + ROW_GAP),
      },
      width: STEP_NODE_WIDTH,
      height: STEP_NODE_HEIGHT,
      draggable: false,
      className: `step-node state-${state}${isRoot ? " root-failure" : ""}`,
      ariaLabel: `step ${stepShortName(s.id)} on sled ${shortId(s.sledId)}: ${state}${isRoot ? ", likely root failure" : ""}`,
      data: {
        stepId: s.id,
        sledId: s.sledId,
        title: stepShortName(s.id),
        path: stepRequestLabel(s),
        state,
        attempts: row?.attemptCount ?? 0,
        isRoot,
      },
    };
  });
  const edges = plan.steps.flatMap((s) =>
    s.dependsOn.map((d): Edge => ({
      id: `${d}->${s.id}`,
      source: d,
      target: s.id,
      ariaLabel: `${stepShortName(s.id)} waits for ${stepShortName(d)}`,
      animated: live.get(d)?.state === "running",
    })),
  );
  return { nodes, edges };
}
