"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import type { RouterOutputs } from "../api-types";
import { useNow } from "../execution/use-now";
import { NEXUS_REFRESH_MS } from "../racks/nexus-panel";
import { useTRPC } from "../trpc-provider";
import { formatDuration, formatTime, plural } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { diffHref } from "../url-state/diff-url";
import { countsText, updateProgress } from "./activity-format";
import { PlanningReportView } from "./planning-report";
import { badgeClass, MARKER_TONE, HEALTH_TONE } from "../ui/tones";

type Activity = RouterOutputs["rack"]["activity"];
type Instance = Activity["instances"][number];

/** How many of the last targets the page shows. */
export const ACTIVITY_TARGETS = 10;

/**
 * "Why is it waiting?" (issue 19): one page for a linked rack's update — target and planner at
 * a glance, progress, the stall warning, the planner's current report in words, each
 * instance's planner and executor, where they disagree, and the last targets with their diffs.
 * Asks again every few seconds while the rack is linked.
 */
export function ActivityView({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const rack = useQuery(trpc.rack.byId.queryOptions({ rackId }));
  const activity = useQuery(
    trpc.rack.activity.queryOptions(
      { rackId, targets: ACTIVITY_TARGETS },
      { refetchInterval: (q) => (q.state.data?.linked ? NEXUS_REFRESH_MS : false) },
    ),
  );
  const name = rack.data?.name;
  return (
    <>
      <h1>Update activity{name ? ` of rack ${name}` : ""}</h1>
      <div className="page-actions">
        <Link href={`/racks/${rackId}`}>The rack</Link>
        <Link href={`/racks/${rackId}/blueprints`}>The rack&apos;s blueprints</Link>
      </div>
      <QueryView query={activity} loading="Loading what Nexus is doing…">
        {(a) =>
          a.linked ? (
            <ActivityFacts a={a} />
          ) : (
            <div className="empty">
              This rack is not linked to Nexus, so there is no update activity to show.{" "}
              <Link href={`/racks/${rackId}`}>Link it from the rack page</Link>.
            </div>
          )
        }
      </QueryView>
    </>
  );
}

function ActivityFacts({ a }: { a: Activity }) {
  const now = useNow(true, 5_000);
  const progress = a.instances.map((i) => updateProgress(i.updateStatus)).find((p) => p !== null);
  const { stall } = a;
  return (
    <>
      {stall.stalled && (
        <div role="alert" className="error-box stall-warning">
          {/* Said with durations (stall.message counts whole minutes: "0 min" under STALL_AFTER_MS of seconds). */}
          <p>
            <strong>Stalled.</strong> No target change for{" "}
            {formatDuration(stall.sinceTargetChangeMs ?? 0)} (the warning comes after{" "}
            {formatDuration(stall.stallAfterMs)})
            {stall.waitingOn.length > 0
              ? ", and the planner is waiting on:"
              : `: ${stall.plannerProblem ?? ""}`}
          </p>
          {stall.waitingOn.length > 0 && (
            <>
              <ul className="findings">
                {[...new Set(stall.waitingOn.map((b) => b.text))].map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
              <p>
                What each means and what to check are under &ldquo;The planner&apos;s report&rdquo;
                below.
              </p>
            </>
          )}
        </div>
      )}
      <section aria-labelledby="glance-heading">
        <h2 id="glance-heading">At a glance</h2>
        <dl className="plan-facts">
          <dt>Target</dt>
          <dd>
            {a.target ? (
              <>
                <BlueprintLink id={a.target.blueprintId} />{" "}
                {a.target.enabled
                  ? "enabled (Nexus applies it)"
                  : "disabled (Nexus does not apply it)"}
                , made target {formatTime(a.target.timeMadeTarget)}
                {a.target.comment && <div className="muted">{a.target.comment}</div>}
              </>
            ) : (
              "none reported yet"
            )}
          </dd>
          <dt>Planner</dt>
          <dd>
            {a.plannerEnabled === null
              ? "unknown (this Nexus does not say)"
              : a.plannerEnabled
                ? "enabled: Nexus makes new blueprints"
                : "disabled: Nexus makes no new blueprints"}
          </dd>
          <dt>Last target change</dt>
          <dd>
            {stall.lastTargetChangeAt
              ? `${formatTime(stall.lastTargetChangeAt)} (${formatDuration(
                  Math.max(0, now - Date.parse(stall.lastTargetChangeAt)),
                )} ago)`
              : "none observed"}
          </dd>
          <dt>Stall warning</dt>
          <dd>
            {stall.stalled ? (
              <span className={badgeClass(MARKER_TONE.stalled)}>stalled</span>
            ) : (
              <span className="badge">not stalled</span>
            )}{" "}
            after {formatDuration(stall.stallAfterMs)} without a target change while the planner
            waits (<code>STALL_AFTER_MS</code>)
          </dd>
          <dt>Progress</dt>
          <dd>
            {progress ? (
              <>
                {plural(progress.sleds, "sled")}; zones: {countsText(progress.zones)}; host OS:{" "}
                {countsText(progress.hostOs)}; MGS-driven updates under way: {progress.mgsDriven}
              </>
            ) : (
              <span className="muted">not reported (no update status from Nexus)</span>
            )}
          </dd>
        </dl>
      </section>
      <CurrentReport a={a} />
      <InstancesSection a={a} />
      <RecentTargets a={a} />
    </>
  );
}

function BlueprintLink({ id }: { id: string }) {
  return (
    <Link href={`/blueprints/${id}`} className="mono" title={id}>
      {shortId(id)}
    </Link>
  );
}

function CurrentReport({ a }: { a: Activity }) {
  const r = a.currentReport;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">The planner&apos;s report</h2>
      {r ? (
        <>
          <p>
            Outcome <span className="badge">{r.outcome}</span>{" "}
            {r.from === "planner-task"
              ? `from the latest planner run${r.instance ? ` of ${r.instance}` : ""}`
              : "from the newest report the console stored"}
            {r.at && `, ${formatTime(r.at)}`}
            {r.parentBlueprintId && (
              <>
                ; parent <BlueprintLink id={r.parentBlueprintId} />
              </>
            )}
            {r.blueprintId && (
              <>
                ; made <BlueprintLink id={r.blueprintId} />
              </>
            )}
          </p>
          <PlanningReportView report={r.report} />
        </>
      ) : (
        <p className="empty">No planning report yet: no instance has reported a planner run.</p>
      )}
    </section>
  );
}

function plannerText(i: Instance): string {
  if (!i.planner) return "not read";
  if (!i.planner.run) return "has not completed a run";
  return i.planner.status?.text ?? "run, status not reported";
}

function ExecutorCell({ i }: { i: Instance }) {
  const e = i.executor;
  if (!e) return <>not read</>;
  if (!e.run || !e.status)
    return <>{e.run ? "run, status not reported" : "has not completed a run"}</>;
  const s = e.status;
  const notable = s.kind === "ran" ? s.steps.filter((st) => st.outcome !== "success") : [];
  return (
    <>
      {s.kind === "ran" && !s.ok && (
        <span className={badgeClass(MARKER_TONE["would-fail"])}>failing</span>
      )}{" "}
      {s.text}
      {s.kind === "ran" && s.error && <div className="error-text">{s.error}</div>}
      {notable.length > 0 && (
        <ul className="findings">
          {notable.map((st, n) => (
            <li key={`${st.step}-${n}`}>
              {st.step}
              {st.component && ` (${st.component})`}: {st.outcome}
              {st.message && ` — ${st.message}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function InstancesSection({ a }: { a: Activity }) {
  return (
    <section aria-labelledby="instances-heading">
      <h2 id="instances-heading">Planner and executor per instance</h2>
      <table className="data">
        <caption className="muted">
          Each Nexus instance&apos;s background tasks, as last polled
        </caption>
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Its target</th>
            <th scope="col">Planner</th>
            <th scope="col">Executor</th>
            <th scope="col">Last poll</th>
          </tr>
        </thead>
        <tbody>
          {a.instances.map((i) => (
            <tr key={i.url}>
              <th scope="row" className="mono">
                {i.url}
                {!i.reachable && (
                  <div>
                    <span className={badgeClass(HEALTH_TONE.unreachable)}>unreachable</span>
                  </div>
                )}
                {i.error && <div className="error-text">{i.error}</div>}
              </th>
              <td>
                {i.target ? (
                  <>
                    <BlueprintLink id={i.target.blueprintId} />
                    {i.target.enabled ? " enabled" : " disabled"}
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {plannerText(i)}
                {i.planner?.run && (
                  <div className="muted">ran {formatTime(i.planner.run.startTime)}</div>
                )}
              </td>
              <td>
                <ExecutorCell i={i} />
                {i.executor?.run && (
                  <div className="muted">ran {formatTime(i.executor.run.startTime)}</div>
                )}
              </td>
              <td>{i.lastPolledAt ? formatTime(i.lastPolledAt) : "not yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Disagreements</h3>
      {a.disagreements.length === 0 ? (
        <p className="muted">None: the instances that answered agree.</p>
      ) : (
        <ul className="findings">
          {a.disagreements.map((d) => (
            <li key={d} className="error-text">
              ⚠ {d}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentTargets({ a }: { a: Activity }) {
  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">The last targets</h2>
      {a.recentTargets.length === 0 ? (
        <p className="empty">No target change observed yet.</p>
      ) : (
        <table className="data">
          <caption className="muted">
            The last {plural(a.recentTargets.length, "target")}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Target blueprint</th>
              <th scope="col">Made target</th>
              <th scope="col">Comment</th>
              <th scope="col">Diff against its parent</th>
            </tr>
          </thead>
          <tbody>
            {a.recentTargets.map((t) => (
              <tr key={`${t.blueprintId}-${t.timeMadeTarget}`}>
                <th scope="row">
                  <BlueprintLink id={t.blueprintId} />
                  {!t.enabled && <span className="muted"> (disabled)</span>}
                </th>
                <td>{formatTime(t.timeMadeTarget)}</td>
                <td>{t.comment || <span className="muted">no comment</span>}</td>
                <td>
                  {t.parentId ? (
                    <Link
                      href={diffHref({
                        parentId: t.parentId,
                        targetId: t.blueprintId,
                        view: "graph",
                      })}
                      aria-label={`Diff of target ${shortId(t.blueprintId)} against its parent`}
                    >
                      Diff
                    </Link>
                  ) : (
                    <span className="muted">no parent known</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
