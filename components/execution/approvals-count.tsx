"use client";

import { useSession } from "../auth/use-session";
import { useAwaitingApproval } from "./use-awaiting-approval";
import "./execution.css";

/** The number of executions awaiting approval, for the main navigation (nothing when none). */
export function ApprovalsCount() {
  const session = useSession();
  const awaiting = useAwaitingApproval(Boolean(session.data));
  const n = awaiting.data?.length ?? 0;
  if (n === 0) return null;
  return (
    <span className="count-badge" data-testid="approvals-count">
      {n}
      <span className="visually-hidden"> awaiting approval</span>
    </span>
  );
}
