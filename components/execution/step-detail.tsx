import { formatTime } from "../ui/format";
import { formatDuration } from "./format";
import { describeStep, stepShortName } from "./read-plan";
import { attemptOutcome } from "./timeline";
import type { AttemptRow, StepRow } from "./types";
import type { PlanStep } from "~/lib/plan/types";

const OUTCOME_WORDS = {
  ok: "ok",
  retryable: "retryable error",
  fatal: "fatal error",
  abandoned: "abandoned (its runner stopped)",
  "in-flight": "in flight",
} as const;

const Json = ({ value }: { value: unknown }) => (
  <pre className="json" tabIndex={0}>
    {value === null || value === undefined ? "(none)" : JSON.stringify(value, null, 2)}
  </pre>
);

/** One step: what it is for, and every attempt's request, response, status, error and timings. */
export function StepDetail({
  row,
  step,
  attempts,
}: {
  row: StepRow;
  step: PlanStep | undefined;
  attempts: readonly AttemptRow[];
}) {
  // A decommission step's "attempt" records a change to the console's own records, not HTTP.
  const local = step?.kind === "decommission";
  return (
    <section className="step-detail" aria-labelledby="step-detail-heading">
      <h3 id="step-detail-heading">
        Step <span className="mono">{stepShortName(row.stepId)}</span>: {row.state}
      </h3>
      {step && (
        <p>
          <span className="mono">{describeStep(step)}</span> — {step.purpose}
        </p>
      )}
      {row.error && <p className={row.state === "failed" ? "error-box" : "muted"}>{row.error}</p>}
      {attempts.length === 0 ? (
        <p className="muted">No attempts yet.</p>
      ) : (
        <ol className="attempts">
          {attempts.map((a) => (
            <li key={a.id} className={`attempt outcome-${attemptOutcome(a)}`}>
              <h4>
                Attempt {a.attempt}:{" "}
                {local
                  ? "no request to any sled agent"
                  : a.status === null
                    ? "no HTTP status"
                    : `HTTP ${a.status}`}{" "}
                · {OUTCOME_WORDS[attemptOutcome(a)]}
              </h4>
              <dl className="facts">
                <dt>{local ? "Action" : "Request"}</dt>
                <dd className="mono">
                  {local ? `marked decommissioned: ${a.url}` : `${a.method} ${a.url}`}
                </dd>
                <dt>Started</dt>
                <dd>{formatTime(a.startedAt)}</dd>
                <dt>Duration</dt>
                <dd>
                  {a.durationMs === null
                    ? a.finishedAt
                      ? "–"
                      : "in flight"
                    : formatDuration(a.durationMs)}
                </dd>
                <dt>Runner</dt>
                <dd className="mono">{a.runner}</dd>
                {a.error && (
                  <>
                    <dt>Error</dt>
                    <dd>{a.error}</dd>
                  </>
                )}
              </dl>
              <details>
                <summary>{local ? "What was marked" : "Request body"}</summary>
                <Json value={a.requestBody} />
              </details>
              <details open={a.status !== null && a.status >= 400}>
                <summary>{local ? "Result" : "Response body"}</summary>
                <Json value={a.responseBody} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
