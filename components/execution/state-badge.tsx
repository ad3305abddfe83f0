import type { ExecutionState, StepState } from "~/lib/execution/state-machine";
import { stateWords } from "./format";
import { STATE_BADGE } from "./step-flow";
import { EXECUTION_TONE, STEP_TONE, badgeClass } from "../ui/tones";

const EXECUTION_MARK: Readonly<Record<ExecutionState, string>> = {
  awaiting_approval: "…",
  approved: "✓",
  running: "▶",
  succeeded: "✓",
  failed: "✕",
  cancelled: "■",
  rejected: "✕",
  stale: "⚠",
};

/** The execution's state in words with a mark; colour is never the only signal. */
export function ExecutionStateBadge({ state }: { state: ExecutionState }) {
  return (
    <span className={badgeClass(EXECUTION_TONE[state])} data-state={state}>
      <span aria-hidden="true">{EXECUTION_MARK[state]} </span>
      {stateWords(state)}
    </span>
  );
}

export function StepStateBadge({ state }: { state: StepState }) {
  return (
    <span className={badgeClass(STEP_TONE[state])} data-state={state}>
      {STATE_BADGE[state]}
    </span>
  );
}
