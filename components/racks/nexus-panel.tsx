"use client";

import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import { useNow } from "../execution/use-now";
import { formatDuration, formatTime } from "../ui/format";
import { NexusLinkForm } from "./nexus-link-form";
import {
  instanceState,
  isPollOverdue,
  lastPoll,
  stateLabel,
  type NexusInstance,
  type NexusTarget,
  type RackNexus,
} from "./nexus-status";
import { TargetTimeline } from "./target-timeline";

/** How often a linked rack's page asks again (the poller itself reads Nexus every 5 s). */
export const NEXUS_REFRESH_MS = 3_000;

/** The rack's link to Nexus: each instance, the target, the planner, the target timeline. */
export function NexusPanel({ rackId, nexus }: { rackId: string; nexus: RackNexus }) {
  const linked = nexus.instances.length > 0;
  return (
    <section aria-labelledby="nexus-heading">
      <h2 id="nexus-heading">Nexus</h2>
      {linked ? (
        <NexusFacts nexus={nexus} />
      ) : (
        <p className="muted">
          Not linked to Nexus: the console knows only the blueprints imported or edited here.
        </p>
      )}
      <NexusLinkForm rackId={rackId} urls={nexus.instances.map((i) => i.url)} />
      <TargetTimeline rackId={rackId} live={linked} />
    </section>
  );
}

function NexusFacts({ nexus }: { nexus: RackNexus }) {
  const now = useNow(true, 5_000);
  const polled = lastPoll(nexus.instances);
  return (
    <>
      <dl className="plan-facts">
        <dt>Target</dt>
        <dd>{nexus.target ? <TargetText target={nexus.target} /> : "none reported yet"}</dd>
        <dt>Planner</dt>
        <dd>
          {nexus.plannerEnabled === null
            ? "unknown (not reported: a January-2025 Nexus does not say)"
            : nexus.plannerEnabled
              ? "enabled: Nexus makes new blueprints"
              : "disabled"}
        </dd>
        <dt>Last poll</dt>
        <dd>
          {polled ? `${formatTime(polled)} (${ago(now - Date.parse(polled))})` : "not yet"}
          {isPollOverdue(polled, now) && (
            <span className="error-text"> ⚠ overdue: is a console poller running?</span>
          )}
        </dd>
      </dl>
      {nexus.disagreement && (
        <p className="error-text">
          ⚠ The instances disagree about the target (usual during an update): each one&apos;s is in
          the table below; the newest is shown above.
        </p>
      )}
      <InstanceTable instances={nexus.instances} newest={nexus.target} />
    </>
  );
}

/** The clock of the page and of the poller differ a little: under a second is "just now". */
const ago = (ms: number) => (ms < 1_000 ? "just now" : `${formatDuration(ms)} ago`);

function TargetText({ target }: { target: NexusTarget }) {
  return (
    <>
      <Link href={`/blueprints/${target.blueprintId}`} className="mono" title={target.blueprintId}>
        {shortId(target.blueprintId)}
      </Link>{" "}
      {target.enabled ? "enabled (Nexus applies it)" : "disabled (Nexus does not apply it)"}, made
      target {formatTime(target.timeMadeTarget)}
    </>
  );
}

function InstanceTable(props: { instances: NexusInstance[]; newest: NexusTarget | null }) {
  return (
    <table className="data">
      <caption className="muted">Nexus instances, as the console last polled them</caption>
      <thead>
        <tr>
          <th scope="col">Instance</th>
          <th scope="col">State</th>
          <th scope="col">Its target</th>
          <th scope="col">Last poll</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {props.instances.map((i) => (
          <tr key={i.url}>
            <th scope="row" className="mono">
              {i.url}
            </th>
            <td>
              {stateLabel(instanceState(i, props.newest))}
              {i.era && i.era !== "unknown" && <div className="muted">{i.era} API</div>}
            </td>
            <td>{i.target ? <TargetText target={i.target} /> : "—"}</td>
            <td>{i.lastPolledAt ? formatTime(i.lastPolledAt) : "not yet"}</td>
            <td className="error-text">{i.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
