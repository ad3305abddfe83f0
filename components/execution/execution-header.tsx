"use client";

import Link from "next/link";
import { ModeLine } from "./execution-mode";
import { formatTime } from "../ui/format";
import { diffHref } from "../url-state/diff-url";
import { shortId } from "./format";
import { ExecutionStateBadge } from "./state-badge";
import type { ExecutionDetail } from "./types";
import { useRackNames } from "./use-rack-names";

/** Who asked for what, who decided, and the plan hash the approval binds to. */
export function ExecutionHeader({ e }: { e: ExecutionDetail }) {
  const { names } = useRackNames();
  return (
    <header className="execution-header">
      <h1>
        Execution <span className="mono">{shortId(e.id)}</span>{" "}
        <ExecutionStateBadge state={e.state} />
      </h1>
      <dl className="facts">
        <dt>Rack</dt>
        <dd>
          <Link href={`/racks/${e.rackId}`}>{names.get(e.rackId) ?? shortId(e.rackId)}</Link>
        </dd>
        <dt>Audit</dt>
        <dd>
          <Link href={`/executions/audit?executionId=${e.id}`}>Audit log of this execution</Link>
        </dd>
        <dt>Change</dt>
        <dd>
          <Link
            href={diffHref({
              parentId: e.parentBlueprintId,
              targetId: e.targetBlueprintId,
              view: "plan",
            })}
          >
            blueprint <span className="mono">{shortId(e.parentBlueprintId)}</span> →{" "}
            <span className="mono">{shortId(e.targetBlueprintId)}</span>
          </Link>
        </dd>
        <dt>Requested by</dt>
        <dd>
          <strong>{e.requestedBy.name}</strong> at {formatTime(e.createdAt)}
          {e.comment ? (
            <q className="comment">{e.comment}</q>
          ) : (
            <span className="muted"> (no comment)</span>
          )}
        </dd>
        {e.decidedBy && (
          <>
            <dt>{e.state === "rejected" ? "Rejected by" : "Approved by"}</dt>
            <dd>
              <strong>{e.decidedBy.name}</strong>
              {e.decisionComment ? <q className="comment">{e.decisionComment}</q> : null}
            </dd>
          </>
        )}
        <dt>Mode</dt>
        <dd>
          <ModeLine mode={e.mode} />
        </dd>
        <dt>Plan hash</dt>
        <dd className="mono hash" data-testid="plan-hash">
          {e.planHash}
        </dd>
        {e.startedAt && (
          <>
            <dt>Started</dt>
            <dd>{formatTime(e.startedAt)}</dd>
          </>
        )}
        {e.finishedAt && (
          <>
            <dt>Finished</dt>
            <dd>{formatTime(e.finishedAt)}</dd>
          </>
        )}
      </dl>
    </header>
  );
}
