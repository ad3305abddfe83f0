import { memo } from "react";
import type { PlanPreview } from "../api-types";
import { plural } from "../ui/format";
import type { HazardLike } from "./failing-items";
import { badgeClass, MARKER_TONE } from "../ui/tones";

export type StepData = PlanPreview["plan"]["steps"][number];

interface Props {
  step: StepData;
  onCriticalPath: boolean;
  hazards: readonly HazardLike[];
  /** Accessible names of the item changes the step realises, by item key. */
  labels: ReadonlyMap<string, string>;
}

/** One sled-agent request: what, where, which generation, why, after what, and whether it fails. */
function PlanStepCardView({ step, onCriticalPath, hazards, labels }: Props) {
  const failing = hazards.length > 0;
  const classes = ["step-card", failing ? "failing" : "", onCriticalPath ? "critical" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <article className={classes} aria-label={`Step ${step.id}${failing ? ", would fail" : ""}`}>
      <header>
        {step.kind === "decommission" ? (
          <>
            <code>decommission</code> <span className="badge">no request</span>
          </>
        ) : step.kind === "nexus" ? (
          <>
            <code>nexus {step.action}</code>{" "}
            <span className="badge">
              {step.action === "watch-sled"
                ? `watch generation ${step.generation ?? "?"}`
                : "no sled-agent request"}
            </span>
          </>
        ) : (
          <>
            <code>
              {step.method} {step.path}
            </code>{" "}
            <span className="badge">generation {step.generation}</span>
          </>
        )}
        {onCriticalPath && (
          <span className={badgeClass(MARKER_TONE["critical-path"])}>◆ critical path</span>
        )}
        {failing && <span className={badgeClass(MARKER_TONE["would-fail"])}>! would fail</span>}
      </header>
      <p>{step.purpose}</p>
      <details>
        <summary>
          {plural(step.realises.length, "item change")}
          {step.kind === "request" && step.awaitReconciliation
            ? "; done when inventory shows this generation reconciled"
            : ""}
        </summary>
        <ul>
          {step.realises.map((key) => (
            <li key={key}>{labels.get(key) ?? key}</li>
          ))}
        </ul>
      </details>
      <p className="muted">
        {step.dependsOn.length === 0
          ? "Starts at once."
          : step.kind === "decommission"
            ? `After every request of the plan (${plural(step.dependsOn.length, "step")}).`
            : `After ${step.dependsOn.map((d) => d.split("/")[1] ?? d).join(", ")}.`}
      </p>
      {failing && (
        <ul className="hazards" aria-label="Why it would fail">
          {hazards.map((h, i) => (
            <li key={`${h.rule}-${i}`}>
              <strong>{h.rule}</strong>: {h.message}
            </li>
          ))}
        </ul>
      )}
      {step.kind === "request" && (
        <details>
          <summary>Request body (JSON)</summary>
          <pre tabIndex={0}>{JSON.stringify(step.body, null, 2)}</pre>
        </details>
      )}
    </article>
  );
}

export const PlanStepCard = memo(PlanStepCardView);
