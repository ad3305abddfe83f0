import type { ExecutionState } from "~/lib/execution/state-machine";
import { shortId } from "./format";
import { readOutcome } from "./outcome";
import type { Plan } from "~/lib/plan/types";
import { stepLabel, stepShortName, stepTitle, stepsById } from "./read-plan";
import type { RootFailure } from "./root-failure";

interface Props {
  state: ExecutionState;
  outcome: unknown;
  root: RootFailure | null;
  onSelect: (stepId: string) => void;
  plan: Plan | null;
}

/** How it ended, in words: why a plan was stale, which failure to look at first. */
export function OutcomePanel({ state, outcome, root, onSelect, plan }: Props) {
  const o = readOutcome(outcome);
  if ((o.kind === "stale" || o.kind === "failed") && o.kind === state && o.reason !== null)
    return <RackMoved state={o.kind} reason={o.reason} />;
  if (state === "stale" && o.kind === "stale") {
    return (
      <section className="outcome outcome-bad" role="status" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">Stale plan: nothing was sent</h2>
        <p>
          Before the first request the executor found sleds that no longer hold what the plan
          assumed:
        </p>
        <ul>
          {o.sleds.map((s) => (
            <li key={s.sledId}>
              sled <span className="mono">{shortId(s.sledId)}</span>: {s.differences.join("; ")}
            </li>
          ))}
        </ul>
        <p className="muted">
          Plan the change again from the rack as it is now and request a new execution.
        </p>
      </section>
    );
  }
  if (root) {
    const rootStep = stepsById(plan).get(root.stepId);
    return (
      <section className="outcome outcome-bad" role="status" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">Likely root failure</h2>
        <p>
          <button type="button" className="link-button mono" onClick={() => onSelect(root.stepId)}>
            {stepShortName(root.stepId)}
          </button>{" "}
          {rootStep ? (
            `(${stepTitle(rootStep)})`
          ) : (
            <>
              on sled <span className="mono">{shortId(root.sledId)}</span>
            </>
          )}{" "}
          failed: {root.error ?? "no error recorded"}
        </p>
        {root.blocked.length > 0 && (
          <p>Skipped because of it: {root.blocked.map((id) => stepLabel(id, plan)).join(", ")}.</p>
        )}
        {root.others.length > 0 && (
          <p>Other failures: {root.others.map((id) => stepLabel(id, plan)).join(", ")}.</p>
        )}
      </section>
    );
  }
  if (state === "succeeded") {
    return (
      <section className="outcome outcome-ok" role="status" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">Succeeded</h2>
        <p>Every step succeeded; the target blueprint is now the rack&apos;s current blueprint.</p>
      </section>
    );
  }
  return null;
}

/** The rack's current blueprint moved before this started (stale) or while it ran (failed). */
function RackMoved({ state, reason }: { state: "stale" | "failed"; reason: string }) {
  return (
    <section className="outcome outcome-bad" role="status" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">
        {state === "stale" ? "Stale: nothing was sent" : "Failed: the rack moved on"}
      </h2>
      <p>{reason}.</p>
      <p className="muted">
        {state === "stale"
          ? "Another execution changed the rack since this one was requested."
          : "Every request was sent, but another execution moved the rack's current blueprint first: check the rack's inventory before planning again."}
      </p>
    </section>
  );
}
