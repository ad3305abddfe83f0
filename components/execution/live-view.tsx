"use client";

import { useMemo, useState } from "react";
import { isTerminal } from "~/lib/execution/state-machine";
import type { Plan } from "~/lib/plan/types";
import { ActivityLog } from "./activity-log";
import { ItemsGraph } from "./items-graph";
import { shortId } from "./format";
import type { LiveFeed } from "./live-feed";
import { OutcomePanel } from "./outcome-panel";
import { EXECUTOR_CONCURRENCY, progressOf } from "./progress";
import { ProgressSummary } from "./progress-summary";
import { stepsById } from "./read-plan";
import { findRootFailure } from "./root-failure";
import { StepDetail } from "./step-detail";
import { StepGraph } from "./step-graph";
import { StepList } from "./step-list";
import { firstAttemptStarts, layoutTimeline } from "./timeline";
import { TimelineView } from "./timeline-view";
import type { ExecutionDetail } from "./types";
import { useNow } from "./use-now";
import { waitingOn } from "./waiting-on";

/** Progress, outcome, the plan graph, steps, the per-sled timeline and one step's attempts. */
export function LiveView({
  e,
  plan,
  feed,
}: {
  e: ExecutionDetail;
  plan: Plan | null;
  feed: LiveFeed;
}) {
  const live = !isTerminal(e.state);
  const now = useNow(live);
  const [selected, setSelected] = useState<string | null>(null);
  const [showItems, setShowItems] = useState(false);
  const progress = progressOf(plan, e.stepList, e, now);
  const root = useMemo(() => findRootFailure(plan, e.stepList), [plan, e.stepList]);
  const waiting = useMemo(
    () => waitingOn(plan, e.stepList, e.state, EXECUTOR_CONCURRENCY),
    [plan, e.stepList, e.state],
  );
  const states = useMemo(() => new Map(e.stepList.map((s) => [s.stepId, s])), [e.stepList]);
  const sledOrder = useMemo(() => plan?.sleds.map((s) => s.sledId) ?? [], [plan]);
  const timeline = layoutTimeline(e.stepList, e.attempts, sledOrder, now);
  const selectedRow = selected ? states.get(selected) : undefined;
  const firstStart = useMemo(() => firstAttemptStarts(e.attempts), [e.attempts]);
  return (
    <div className="live-view">
      <ProgressSummary p={progress} live={live} />
      <OutcomePanel
        state={e.state}
        outcome={e.outcome}
        root={root}
        onSelect={setSelected}
        plan={plan}
      />
      {feed.unverified.map((u) => (
        <p key={u.sledId} className="muted">
          Sled <span className="mono">{shortId(u.sledId)}</span> could not be verified before
          starting ({u.reason}); the generations in each request still protect it.
        </p>
      ))}
      {plan && (
        <section aria-labelledby="graph-heading">
          <h2 id="graph-heading">Plan graph</h2>
          <StepGraph
            plan={plan}
            states={states}
            rootFailure={root?.stepId ?? null}
            onSelect={setSelected}
          />
        </section>
      )}
      {plan && (
        <details className="items-graph" onToggle={(ev) => setShowItems(ev.currentTarget.open)}>
          <summary>Items this execution changes (dependency graph)</summary>
          {showItems && (
            <ItemsGraph
              parentId={e.parentBlueprintId}
              targetId={e.targetBlueprintId}
              plan={plan}
              steps={e.stepList}
            />
          )}
        </details>
      )}
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps</h2>
        <StepList
          plan={plan}
          steps={e.stepList}
          feed={feed}
          waiting={waiting}
          rootFailure={root?.stepId ?? null}
          selected={selected}
          onSelect={setSelected}
          now={now}
          firstStart={firstStart}
        />
        {selectedRow && (
          <StepDetail
            row={selectedRow}
            step={stepsById(plan).get(selectedRow.stepId)}
            attempts={e.attempts.filter((a) => a.stepId === selectedRow.stepId)}
          />
        )}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <TimelineView timeline={timeline} ended={!live} />
      </section>
      <ActivityLog feed={feed} />
    </div>
  );
}
