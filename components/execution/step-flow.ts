/**
 * The plan's step DAG as React Flow nodes and edges: one column per sled (plan order), a
 * step's row is its depth in the DAG, and every node carries its state in words (badge and
 * accessible name), so the graph reads without colour. Pure, for unit tests.
 */
import type { Edge, Node } from "@xyflow/react";
import type { StepState } from "~/lib/execution/state-machine";
import { NEXUS_STEP_SLED, type Plan } from "~/lib/plan/types";
import { shortId } from "./format";
import { stepRequestLabel, stepShortName } from "./read-plan";

/** The narrowest node; wider when its text needs it (no label is cut short). */
export const STEP_NODE_WIDTH = 220;
const STEP_NODE_MAX_WIDTH = 520;
export const STEP_NODE_HEIGHT = 96;
const COLUMN_GAP = 40;
const ROW_GAP = 36;
/**
 * Width of one character of the node's monospace lines (`.mono`: 0.85rem, ~0.6em a character,
 * rounded up), and the node's padding and border.
 */
const CHAR_PX = 8.5;
const NODE_CHROME_PX = 28;
/** Space around the nodes inside the graph's box, and the tallest box (then it scrolls/zooms). */
const GRAPH_PADDING_PX = 24;
export const STEP_GRAPH_MAX_HEIGHT = 352;

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
  /** Which sled it is about, in words ("sled aaaaaaaa…", or "Nexus"). */
  sledLabel: string;
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

export const sledLabel = (sledId: string) =>
  sledId === NEXUS_STEP_SLED ? "Nexus" : `sled ${shortId(sledId)}`;

/** A node wide enough for its longest line (the title with its state badge, the request, the sled). */
export function stepNodeWidth(lines: readonly string[]): number {
  const chars = Math.max(0, ...lines.map((l) => l.length));
  return Math.min(
    STEP_NODE_MAX_WIDTH,
    Math.max(STEP_NODE_WIDTH, Math.ceil(chars * CHAR_PX + NODE_CHROME_PX)),
  );
}

export function toStepFlow(
  plan: Plan,
  live: ReadonlyMap<string, { state: StepState; attemptCount: number }>,
  rootFailure: string | null,
): { nodes: StepFlowNode[]; edges: Edge[]; height: number } {
  const depth = stepDepths(plan);
  // One width for every node (columns line up): the widest text of any step.
  const width = stepNodeWidth(
    plan.steps.flatMap((s) => [
      `${stepShortName(s.id)} ${STATE_BADGE.cancelled}`,
      stepRequestLabel(s),
      sledLabel(s.sledId),
    ]),
  );
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
        x: col * (width + COLUMN_GAP),
        y: (depth.get(s.id) ?? 0) * (STEP_NODE_HEIGHT + ROW_GAP),
      },
      width,
      height: STEP_NODE_HEIGHT,
      draggable: false,
      className: `step-node state-${state}${isRoot ? " root-failure" : ""}`,
      ariaLabel: `step ${stepShortName(s.id)} on ${sledLabel(s.sledId)}: ${state}${isRoot ? ", likely root failure" : ""}`,
      data: {
        stepId: s.id,
        sledId: s.sledId,
        sledLabel: sledLabel(s.sledId),
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
  const rows = Math.max(0, ...depth.values()) + 1;
  // The box fits its content: the rows of nodes and a margin, up to a cap.
  const height = Math.min(
    STEP_GRAPH_MAX_HEIGHT,
    rows * STEP_NODE_HEIGHT + (rows - 1) * ROW_GAP + 2 * GRAPH_PADDING_PX,
  );
  return { nodes, edges, height };
}
