import { formatDuration } from "./format";
import type { Progress } from "./progress";

/** Done / total, elapsed and ETA, with the step counts in words. */
export function ProgressSummary({ p, live }: { p: Progress; live: boolean }) {
  const parts = (["running", "succeeded", "failed", "skipped", "cancelled", "pending"] as const)
    .filter((s) => p.counts[s] > 0)
    .map((s) => `${p.counts[s]} ${s}`);
  return (
    <section className="progress-summary" aria-label="Progress">
      <p className="progress-line">
        <label>
          <strong data-testid="progress-count">
            {p.done} / {p.total} steps done
          </strong>{" "}
          <progress max={p.total || 1} value={p.done}>
            {p.percent}%
          </progress>
        </label>{" "}
        <span className="muted">({parts.join(", ") || "no steps"})</span>
      </p>
      <p className="muted">
        Elapsed: {p.elapsedMs === null ? "not started" : formatDuration(p.elapsedMs)}
        {live && (
          <>
            {" · "}ETA: {p.etaMs === null ? "–" : `about ${formatDuration(p.etaMs)} more`}
            {p.meanStepMs !== null && <> (measured {formatDuration(p.meanStepMs)} per step)</>}
          </>
        )}
      </p>
    </section>
  );
}
