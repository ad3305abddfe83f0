import { stepsPhrase } from "../plan/plan-grid";
import { plural } from "../ui/format";
import type { PlanPreview } from "./types";
import { formatDuration, shortId } from "./format";
import { describeStep, stepShortName } from "./read-plan";
import { ModeLine } from "./execution-mode";
import { badgeClass, MARKER_TONE } from "../ui/tones";

/** What will run: requests per sled, waves, ETA, hash and hazards. */
export function RequestSummary({ preview }: { preview: PlanPreview }) {
  const { plan, estimate, hazards, planHash } = preview;
  const sleds = plan.sleds.filter((s) => s.stepIds.length);
  return (
    <section aria-labelledby="what-runs">
      <h2 id="what-runs">What will run</h2>
      <p>
        {stepsPhrase(plan, "sled agent")} in {plural(estimate.waves.length, "wave")} (sleds in
        parallel); about {formatDuration(estimate.etaMs)}. Plan hash{" "}
        <span className="mono hash">{planHash}</span>.
      </p>
      <p>
        Mode: <ModeLine mode={plan.mode} />
      </p>
      <ul>
        {sleds.map((s) => (
          <li key={s.sledId}>
            sled <span className="mono">{shortId(s.sledId)}</span> ({s.profile}):{" "}
            {s.stepIds
              .map((id) => {
                const step = plan.steps.find((x) => x.id === id);
                return step ? `${stepShortName(id)} ${describeStep(step)}` : id;
              })
              .join(" → ")}
          </li>
        ))}
      </ul>
      {hazards.length > 0 && (
        <ul className="hazards" aria-label="Hazards">
          {hazards.map((h) => (
            <li key={`${h.stepId}:${h.message}`}>
              <span className={badgeClass(MARKER_TONE["would-fail"])}>! would fail</span>{" "}
              {stepShortName(h.stepId)}: {h.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
