"use client";

import Link from "next/link";
import { executionCan } from "~/lib/execution/can";
import { useSession } from "../auth/use-session";
import { ReasonedButton } from "./reasoned-button";
import "./execution.css";

/**
 * The way from a diff/plan to an execution request: a link for operators, otherwise a
 * disabled button saying why (never hidden). The request page plans again in the safe order
 * with the rack's own profiles, and says why when the target cannot be requested.
 */
export function RequestExecutionLink({ targetId }: { targetId: string }) {
  const session = useSession();
  const may = executionCan.request(session.data ?? { roles: [] });
  return (
    <p className="request-link">
      {may.ok ? (
        <Link className="button-link" href={`/executions/new?targetId=${targetId}`}>
          Request execution…
        </Link>
      ) : (
        <ReasonedButton permission={may}>Request execution…</ReasonedButton>
      )}
    </p>
  );
}
