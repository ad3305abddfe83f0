import { formatDuration, laneName } from "./format";
import { stepShortName } from "./read-plan";
import type { Timeline } from "./timeline";

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * Per-sled swimlanes: a step's bar spans its whole life (backoff and reconciliation included);
 * the darker segments inside are its HTTP attempts. Every bar also says what it is in text.
 */
export function TimelineView({ timeline, ended }: { timeline: Timeline | null; ended: boolean }) {
  if (!timeline)
    return (
      <p className="muted">
        {ended ? "No request was sent." : "The timeline starts with the first request."}
      </p>
    );
  return (
    <figure className="timeline">
      <figcaption>
        Timeline per sled: steps and their attempts ({formatDuration(timeline.windowMs)} in all)
      </figcaption>
      <div className="timeline-axis" aria-hidden="true">
        {timeline.ticks.map((t) => (
          <span key={t} style={{ left: pct(t / timeline.windowMs) }}>
            {formatDuration(t)}
          </span>
        ))}
      </div>
      {timeline.lanes.map((lane) => (
        <div key={lane.sledId} className="timeline-lane">
          <span className="lane-label mono" title={lane.sledId}>
            {laneName(lane.sledId)}
          </span>
          <ol className="lane-track" aria-label={laneName(lane.sledId)}>
            {lane.steps.map((s) => {
              const text = `${stepShortName(s.stepId)} ${s.state}, ${formatDuration(s.durationMs)}, ${s.attempts.length} attempt${s.attempts.length === 1 ? "" : "s"}`;
              return (
                <li
                  key={s.stepId}
                  className={`timeline-step state-${s.state}`}
                  style={{ left: pct(s.left), width: pct(s.width) }}
                  title={text}
                >
                  <span className="visually-hidden">{text}</span>
                  {s.attempts.map((a) => (
                    <span
                      key={a.attempt}
                      className={`timeline-attempt outcome-${a.outcome}`}
                      style={{
                        left: pct(s.width > 0 ? (a.left - s.left) / s.width : 0),
                        width: pct(s.width > 0 ? a.width / s.width : 1),
                      }}
                      title={`attempt ${a.attempt}: ${a.status ?? "no status"}, ${a.outcome}, ${formatDuration(a.durationMs)}`}
                    />
                  ))}
                  <span className="bar-label" aria-hidden="true">
                    {stepShortName(s.stepId)} · {formatDuration(s.durationMs)}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </figure>
  );
}
