"use client";

import Link from "next/link";
import { useMemo } from "react";
import { SignedIn } from "../auth/signed-in";
import { ActivityLog, ConnectionStatus } from "./activity-log";
import { ApprovalPanel } from "./approval-panel";
import { ApprovalRecord } from "./approval-record";
import { CancelControl } from "./cancel-control";
import { ExecutionHeader } from "./execution-header";
import { LiveView } from "./live-view";
import { readPlan } from "./read-plan";
import { useLiveExecution } from "./use-live-execution";
import { WindowNotice } from "./window-notice";
import "./execution.css";

function ExecutionRecord({
  executionId,
  me,
}: {
  executionId: string;
  me: { id: string; roles: readonly string[] };
}) {
  const { detail, feed, connection } = useLiveExecution(executionId);
  const plan = useMemo(() => readPlan(detail.data?.plan), [detail.data?.plan]);
  if (detail.isPending) return <p role="status">Loading the execution…</p>;
  if (detail.isError && !detail.data) {
    return (
      <div role="alert" className="error-box">
        <p>
          Cannot load execution {executionId}: {detail.error.message}
        </p>
        <Link href="/executions">All executions</Link>
      </div>
    );
  }
  const e = detail.data;
  const deciding = e.state === "awaiting_approval" || e.state === "rejected";
  return (
    <article className="execution-record">
      <ExecutionHeader e={e} />
      <div className="page-actions">
        <ConnectionStatus connection={detail.isError ? "reconnecting" : connection} />
        <CancelControl executionId={e.id} state={e.state} permission={e.can.cancel} />
      </div>
      {!deciding && <WindowNotice e={e} />}
      {deciding && plan ? (
        <ApprovalPanel e={e} plan={plan} me={me} />
      ) : (
        <LiveView e={e} plan={plan} feed={feed} />
      )}
      {deciding ? <ActivityLog feed={feed} /> : <ApprovalRecord e={e} />}
    </article>
  );
}

/** An execution's record: approval while it awaits one, then the live view, then the history. */
export function ExecutionPage({ executionId }: { executionId: string }) {
  return (
    <SignedIn purpose="see this execution">
      {(me) => <ExecutionRecord executionId={executionId} me={me} />}
    </SignedIn>
  );
}
