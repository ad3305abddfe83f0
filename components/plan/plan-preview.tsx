"use client";

import { useMemo } from "react";
import { shortId } from "~/lib/blueprint/zones";
import type { PlanPreview as PlanPreviewData } from "../api-types";
import { formatDuration, plural } from "../ui/format";
import { hazardsByStep } from "./failing-items";
import { noRequestNote, planGrid, stepsPhrase } from "./plan-grid";
import { PlanStepCard } from "./plan-step";

/** The plan as waves (rows) × sleds (columns), its critical path, ETA and hazards. */
export function PlanPreview({ preview }: { preview: PlanPreviewData }) {
  const { plan, estimate, hazards, planHash } = preview;
  const grid = useMemo(() => planGrid(plan, estimate), [plan, estimate]);
  const byStep = useMemo(() => hazardsByStep(hazards), [hazards]);
  const labels = useMemo(
    () => new Map(preview.graph.nodes.map((n) => [n.key, n.label])),
    [preview.graph],
  );
  const failingSteps = byStep.size;
  const note = noRequestNote(plan);
  return (
    <section aria-label="Plan preview">
      <dl className="plan-facts">
        <dt>Steps</dt>
        <dd>
          {stepsPhrase(plan)} in {plural(estimate.waves.length, "wave")}
        </dd>
        <dt>Critical path</dt>
        <dd>{plural(estimate.criticalPathSteps, "step")} (marked ◆)</dd>
        <dt>ETA</dt>
        <dd>
          {formatDuration(estimate.etaMs)}{" "}
          <span className="muted">(at best {formatDuration(estimate.lowerBoundMs)})</span>
        </dd>
        <dt>Plan hash</dt>
        <dd className="mono" title={planHash}>
          {planHash.slice(0, 16)}…
        </dd>
      </dl>
      {failingSteps === 0 ? (
        <p role="status" className="status status-ok">
          No step would fail: every intermediate state satisfies the sled agents&apos; rules.
        </p>
      ) : (
        <p role="alert" className="status status-error">
          ! {plural(failingSteps, "step")} would fail in the {plan.order} order (
          {plural(hazards.length, "hazard")}). Each is marked below and on the graph.
        </p>
      )}
      {grid.idle.length > 0 && (
        <p className="muted">
          No requests for {plural(grid.idle.length, "sled")} (no change
          {grid.idle.some((s) => s.decommissioned) ? ", or already decommissioned" : ""}).
        </p>
      )}
      {note && (
        <p className={plan.steps.length === 0 ? "empty" : "status"} data-testid="no-request-note">
          {note}
        </p>
      )}
      {plan.steps.length > 0 && (
        <div
          className="plan-grid-scroll"
          tabIndex={0}
          role="region"
          aria-label="Steps by wave and sled"
        >
          <table className="plan-grid">
            <thead>
              <tr>
                <th scope="col">Wave</th>
                {grid.sleds.map((s) => (
                  <th scope="col" key={s.sledId} title={s.sledId}>
                    sled {shortId(s.sledId)}
                    <div className="muted">
                      {s.decommissioned ? "leaves the rack" : `profile ${s.profile}`}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.waves.map((row, w) => (
                <tr key={w}>
                  <th scope="row">{w + 1}</th>
                  {grid.sleds.map((s) => (
                    <td key={s.sledId}>
                      {(row.get(s.sledId) ?? []).map((step) => (
                        <PlanStepCard
                          key={step.id}
                          step={step}
                          onCriticalPath={grid.critical.has(step.id)}
                          hazards={byStep.get(step.id) ?? []}
                          labels={labels}
                        />
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
