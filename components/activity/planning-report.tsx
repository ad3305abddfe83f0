"use client";

import type { RouterOutputs } from "../api-types";
import { badgeClass, MARKER_TONE } from "../ui/tones";

/** lib/nexus/planner-report.ts's `PlanningReportRead`, as it arrives over tRPC. */
export type ReportRead = RouterOutputs["rack"]["plannerReports"][number]["report"];
type Blocker = Extract<ReportRead, { ok: true }>["summary"]["blockers"][number];

/**
 * A planning report in words (lib/nexus/planner-report.ts): what the planner changed, what
 * holds it back — each blocker with what it means, what to check and the ops guide's section —
 * other notes, and fields this console does not know, raw. One view for the activity page and
 * the blueprint page.
 */
export function PlanningReportView({
  report,
  headingLevel = 3,
}: {
  report: ReportRead;
  headingLevel?: 3 | 4;
}) {
  const H = headingLevel === 3 ? "h3" : "h4";
  if (!report.ok) {
    return (
      <div className="error-box">
        <p>The console could not read this report: {report.message}</p>
        {report.issues.length > 0 && (
          <ul className="findings">
            {report.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path || "(root)"}</code>: {i.message}
              </li>
            ))}
          </ul>
        )}
        <RawJson label="The report as Nexus sent it" value={report.raw} />
      </div>
    );
  }
  const { summary } = report;
  return (
    <div className="planning-report">
      {summary.empty && (
        <p>The report is empty: it lists no change, no blocker and no pending work.</p>
      )}
      <H>What the planner is waiting on</H>
      {summary.blockers.length === 0 ? (
        <p className="muted">Nothing: the planner is not blocked.</p>
      ) : (
        <ul className="report-blockers">
          {summary.blockers.map((b, i) => (
            <BlockerItem key={`${b.reason}-${i}`} blocker={b} />
          ))}
        </ul>
      )}
      <H>Changes</H>
      {summary.changes.length === 0 ? (
        <p className="muted">None in this run.</p>
      ) : (
        <ul className="findings">
          {summary.changes.map((c, i) => (
            <li key={`${c.step}-${i}`}>
              <span className="badge">{c.kind}</span> {c.text}
            </li>
          ))}
        </ul>
      )}
      {summary.notes.length > 0 && (
        <>
          <H>Notes</H>
          <ul className="findings">
            {summary.notes.map((n, i) => (
              <li key={`${n.step}-${i}`}>{n.text}</li>
            ))}
          </ul>
        </>
      )}
      {summary.unknown.length > 0 && (
        <>
          <H>Fields this console does not know</H>
          <ul className="findings">
            {summary.unknown.map((u) => (
              <li key={u.path}>
                <code>{u.path}</code>: <code>{JSON.stringify(u.value)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function BlockerItem({ blocker }: { blocker: Blocker }) {
  return (
    <li className="report-blocker">
      <p>
        <span className={badgeClass(MARKER_TONE["would-fail"])}>blocked</span>{" "}
        <strong>{blocker.text}</strong>
      </p>
      <dl className="plan-facts">
        <dt>What it means</dt>
        <dd>{blocker.meaning}</dd>
        <dt>What to check</dt>
        <dd>{blocker.check}</dd>
        <dt>Ops guide</dt>
        <dd>
          <code>{blocker.guide}</code>
        </dd>
      </dl>
    </li>
  );
}

function RawJson({ label, value }: { label: string; value: unknown }) {
  return (
    <details>
      <summary>{label}</summary>
      <pre className="mono">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
