"use client";

import type { Plan } from "~/lib/plan/types";
import { formatDuration, shortSledId, spanMs } from "./format";
import type { LiveFeed } from "./live-feed";
import { describeStep, stepShortName, stepTitle, stepsById } from "./read-plan";
import { StepStateBadge } from "./state-badge";
import type { StepRow } from "./types";
import { badgeClass, MARKER_TONE } from "../ui/tones";

interface Props {
  plan: Plan | null;
  steps: readonly StepRow[];
  feed: LiveFeed;
  waiting: ReadonlyMap<string, string>;
  rootFailure: string | null;
  selected: string | null;
  onSelect: (stepId: string) => void;
  now: number;
  /** Step id → its first attempt's start (durations include retries). */
  firstStart: ReadonlyMap<string, string>;
}

function note(s: StepRow, feed: LiveFeed, waiting: ReadonlyMap<string, string>): string {
  const retry = feed.retrying[s.stepId];
  if (s.state === "running" && retry)
    return `attempt ${retry.attempt} failed (${retry.error ?? "error"}); retrying after ${formatDuration(retry.delayMs)}`;
  if (s.state === "running" && feed.reconciling.has(s.stepId))
    return "sent; waiting for the agent to reconcile";
  if (s.state === "pending") return waiting.get(s.stepId) ?? "";
  return s.error ?? "";
}

/** Every step with its state, attempts, duration and what it waits on or why it failed. */
export function StepList({
  plan,
  steps,
  feed,
  waiting,
  rootFailure,
  selected,
  onSelect,
  now,
  firstStart,
}: Props) {
  const byId = stepsById(plan);
  return (
    <table className="data step-list">
      <caption>Steps (select one for its attempts)</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Sled</th>
          <th scope="col">Request</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
          <th scope="col">Duration</th>
          <th scope="col">Waiting on / error</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => {
          const step = byId.get(s.stepId);
          const isRoot = s.stepId === rootFailure;
          const first = firstStart.get(s.stepId);
          // The same span as the timeline: from the earlier of the step's start and its first attempt.
          const start = first && (!s.startedAt || first < s.startedAt) ? first : s.startedAt;
          const ms = spanMs(start, s.finishedAt, now);
          return (
            <tr
              key={s.stepId}
              className={`state-${s.state}${isRoot ? " root-failure" : ""}${selected === s.stepId ? " selected" : ""}`}
              data-step={s.stepId}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button mono"
                  aria-pressed={selected === s.stepId}
                  onClick={() => onSelect(s.stepId)}
                >
                  {stepShortName(s.stepId)}
                </button>
                {step && <span className="step-words"> {stepTitle(step)}</span>}
                {isRoot && (
                  <span className={badgeClass(MARKER_TONE["would-fail"])}>likely root failure</span>
                )}
              </th>
              <td className="mono" title={s.sledId}>
                {shortSledId(s.sledId)}
              </td>
              <td className="mono">{step ? describeStep(step) : "?"}</td>
              <td>
                <StepStateBadge state={s.state} />
              </td>
              <td>{s.attemptCount}</td>
              <td>{ms === null ? "–" : formatDuration(ms)}</td>
              <td className="step-note">{note(s, feed, waiting)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
