"use client";

import Link from "next/link";
import { useSession } from "../auth/use-session";
import { ReasonedButton } from "./reasoned-button";

interface Props {
  targetId: string;
  /** Hazards of the safe-order plan on screen: the console never requests a plan with any. */
  hazardCount: number;
}

/**
 * The way from a plan to an execution request, for the diff/plan page: a link for operators,
 * otherwise a disabled button saying why (never hidden).
 */
export function RequestExecutionLink({ targetId, hazardCount }: Props) {
  const session = useSession();
  const roles = session.data?.roles ?? [];
  const reason = !roles.includes("operator")
    ? "requesting an execution needs the operator role"
    : hazardCount > 0
      ? `the safe plan has ${hazardCount} hazard${hazardCount === 1 ? "" : "s"}; the console refuses to run it`
      : null;
  if (reason) {
    return (
      <ReasonedButton permission={{ ok: false, reason }}>
        Request execution…
      </ReasonedButton>
    );
  }
  return (
    <Link className="button-link" href={`/executions/new?targetId=${targetId}`}>
      Request execution…
    </Link>
  );
}
