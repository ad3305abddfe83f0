"use client";

import { executionCan } from "~/lib/execution/can";
import { SignedIn } from "../auth/signed-in";
import { QueryView } from "../ui/query-view";
import { ExecutionsNav } from "./executions-nav";
import { ExecutionsTable } from "./executions-table";
import { useAwaitingApproval } from "./use-awaiting-approval";
import { useRackNames } from "./use-rack-names";
import "./execution.css";

function Inbox({ me }: { me: { id: string; roles: readonly string[] } }) {
  const awaiting = useAwaitingApproval();
  const { names } = useRackNames();
  const isApprover = executionCan.reviewApprovals(me).ok;
  return (
    <>
      <p className="muted">
        {isApprover
          ? "Open one to review its exact plan and approve or reject it. You cannot approve your own requests."
          : "Approvers review these; you can follow them here."}
      </p>
      <QueryView
        query={awaiting}
        loading="Loading the executions awaiting approval…"
        isEmpty={(l) => l.length === 0}
        empty="Nothing awaits approval."
      >
        {(l) => (
          <ExecutionsTable
            executions={l}
            rackNames={names}
            caption={`${l.length} awaiting approval, newest first`}
          />
        )}
      </QueryView>
    </>
  );
}

/** The approval inbox. */
export function InboxPage() {
  return (
    <>
      <h1>Awaiting approval</h1>
      <ExecutionsNav />
      <SignedIn purpose="see executions awaiting approval">{(me) => <Inbox me={me} />}</SignedIn>
    </>
  );
}
