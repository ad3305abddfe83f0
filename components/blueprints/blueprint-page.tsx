"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import type { BlueprintSummary } from "../api-types";
import { PlanningReportView } from "../activity/planning-report";
import { can, type SessionUser } from "../auth/can";
import { useTRPC } from "../trpc-provider";
import { DisabledAction } from "../ui/disabled-action";
import { formatTime } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { diffHref } from "../url-state/diff-url";
import { RawBlueprintView } from "./raw-blueprint";

/**
 * One blueprint: what the rack page's target and timeline link to. A blueprint the console
 * could not read has no summary (NOT_FOUND); it is then looked up among the raw ones.
 */
export function BlueprintPage({ id, user }: { id: string; user: SessionUser }) {
  const trpc = useTRPC();
  const read = useQuery(trpc.blueprint.byId.queryOptions({ id }, { retry: false }));
  const notRead = read.error?.data?.code === "NOT_FOUND";
  const raw = useQuery(trpc.blueprint.raw.queryOptions({ id }, { enabled: notRead, retry: false }));
  if (notRead) {
    return (
      <QueryView query={raw} loading="Looking among the blueprints the console could not read…">
        {(data) => <RawBlueprintView data={data} />}
      </QueryView>
    );
  }
  return (
    <QueryView query={read} loading="Loading the blueprint…">
      {({ blueprint }) => <BlueprintFacts bp={blueprint} user={user} />}
    </QueryView>
  );
}

function BlueprintFacts({ bp, user }: { bp: BlueprintSummary; user: SessionUser }) {
  const mayEdit = can.createChild(user);
  const { sleds, disks, datasets, zones } = bp.counts;
  return (
    <>
      <h1>
        Blueprint <span className="mono">{shortId(bp.id)}</span>
        {bp.isCurrent && <span className="current-mark"> ● current</span>}
        {bp.pruned && (
          <>
            {" "}
            <span className="badge">pruned by Nexus</span>
          </>
        )}
      </h1>
      <dl className="plan-facts">
        <dt>Id</dt>
        <dd className="mono">{bp.id}</dd>
        <dt>Source</dt>
        <dd>{bp.source}</dd>
        <dt>Parent</dt>
        <dd>
          {bp.parentId ? (
            <Link href={`/blueprints/${bp.parentId}`} className="mono">
              {bp.parentId}
            </Link>
          ) : (
            "none"
          )}
        </dd>
        <dt>Comment</dt>
        <dd>{bp.comment || <span className="muted">no comment</span>}</dd>
        <dt>Creator</dt>
        <dd>{bp.creator}</dd>
        <dt>Created</dt>
        <dd>{formatTime(bp.timeCreated)}</dd>
        <dt>Sleds / disks / datasets / zones</dt>
        <dd>
          {sleds} / {disks} / {datasets} / {zones}
        </dd>
      </dl>
      <div className="page-actions">
        {bp.parentId && (
          <Link href={diffHref({ parentId: bp.parentId, targetId: bp.id, view: "graph" })}>
            Diff graph from its parent
          </Link>
        )}
        {bp.parentId && (
          <Link href={diffHref({ parentId: bp.parentId, targetId: bp.id, view: "plan" })}>
            Plan from its parent
          </Link>
        )}
        {mayEdit.ok ? (
          <Link href={`/blueprints/${bp.id}/child`}>Create a child</Link>
        ) : (
          <DisabledAction label="Create a child" reason={mayEdit.reason} />
        )}
        <Link href={`/racks/${bp.rackId}/blueprints`}>The rack&apos;s blueprints</Link>
        <Link href={`/racks/${bp.rackId}`}>The rack</Link>
      </div>
      <BlueprintReport rackId={bp.rackId} blueprintId={bp.id} />
    </>
  );
}

/**
 * The planning report that produced this blueprint, when the console stored one (blueprints
 * Nexus's planner made on a linked rack); nothing otherwise.
 */
function BlueprintReport({ rackId, blueprintId }: { rackId: string; blueprintId: string }) {
  const trpc = useTRPC();
  const reports = useQuery(
    trpc.rack.plannerReports.queryOptions({ rackId, blueprintId, limit: 1 }),
  );
  const stored = reports.data?.[0];
  if (reports.isError)
    return (
      <p className="error-text">The planning report could not be loaded: {reports.error.message}</p>
    );
  if (!stored) return null;
  return (
    <section aria-labelledby="planning-report-heading">
      <h2 id="planning-report-heading">The planning report that produced it</h2>
      <p>
        Outcome <span className="badge">{stored.outcome}</span>, reported by{" "}
        <span className="mono">{stored.reportedBy}</span>
        {stored.plannedAt && `, planned ${formatTime(stored.plannedAt)}`}
        {stored.plannerError && <span className="error-text"> — {stored.plannerError}</span>}
      </p>
      <PlanningReportView report={stored.report} />
    </section>
  );
}
