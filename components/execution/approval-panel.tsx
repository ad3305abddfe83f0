"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { diffHref } from "../url-state/diff-url";
import { ExpungedBySled } from "./expunged-list";
import { estimatePlan } from "~/lib/plan/estimate";
import type { Plan } from "~/lib/plan/types";
import { useTRPC } from "../trpc-provider";
import { stepsPhrase } from "../plan/plan-grid";
import { plural } from "../ui/format";
import { formatTime } from "../ui/format";
import { DecisionForm } from "./decision-form";
import { PolicyResults } from "./policy-results";
import { ModeLine } from "./execution-mode";
import { formatDuration } from "./format";
import { decisionControls } from "./permissions";
import { PlanStepsTable } from "./plan-steps-table";
import { stepLabel } from "./read-plan";
import type { ExecutionDetail } from "./types";
import { badgeClass, MARKER_TONE } from "../ui/tones";

interface Props {
  e: ExecutionDetail;
  plan: Plan;
  me: { id: string; roles: readonly string[] };
}

/**
 * What an approver approves: the stored plan (exactly what will be sent), its hash, and a
 * fresh replay of the same change against the rack as the console knows it now, so a plan
 * that no longer matches is visible before anyone approves it.
 */
export function ApprovalPanel({ e, plan, me }: Props) {
  const trpc = useTRPC();
  const recheck = useQuery(
    trpc.blueprint.plan.queryOptions({
      parentId: e.parentBlueprintId,
      targetId: e.targetBlueprintId,
      ...(e.mode ? { mode: e.mode } : {}),
    }),
  );
  const permission = decisionControls(e, me);
  const estimate = estimatePlan(plan);
  return (
    <section className="approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">Approval</h2>
      <p>
        Mode: <ModeLine mode={e.mode} />
      </p>
      <p>
        {stepsPhrase(plan)}, in {plural(estimate.waves.length, "wave")}; about{" "}
        {formatDuration(estimate.etaMs)}.
      </p>
      <h3>What this change destroys</h3>
      {e.changes ? (
        <>
          <p data-testid="change-text">This change {e.changeText}.</p>
          <ExpungedBySled changes={e.changes} />
        </>
      ) : (
        <p className="muted">Requested before the console stored change summaries: see the diff.</p>
      )}
      <p>
        <Link href={diffHref({ parentId: e.parentBlueprintId, targetId: e.targetBlueprintId })}>
          Diff summary
        </Link>
        {" · "}
        <Link
          href={diffHref({
            parentId: e.parentBlueprintId,
            targetId: e.targetBlueprintId,
            view: "graph",
          })}
        >
          Dependency graph
        </Link>
        {" · "}
        <a href="#exact-plan">The exact plan</a>
      </p>
      <h3>Hazards</h3>
      {recheck.isPending && (
        <p role="status" className="muted">
          Replaying the plan against the strict sled model…
        </p>
      )}
      {recheck.isError && (
        <p role="alert" className="error-box">
          Could not replay the plan: {recheck.error.message}
        </p>
      )}
      {recheck.data && (
        <>
          {recheck.data.hazards.length === 0 ? (
            <p>None: every step of the safe order keeps each sled valid (checked again now).</p>
          ) : (
            <ul className="hazards">
              {recheck.data.hazards.map((h) => (
                <li key={`${h.stepId}:${h.message}`}>
                  <span className={badgeClass(MARKER_TONE["would-fail"])}>! would fail</span>{" "}
                  {stepLabel(h.stepId, plan)}: {h.message}
                </li>
              ))}
            </ul>
          )}
          {recheck.data.planHash !== e.planHash && (
            <p role="alert" className="error-box">
              Planning this change again now gives a different plan (hash{" "}
              <span className="mono">{recheck.data.planHash.slice(0, 12)}…</span>): the rack changed
              since the request. Approving binds to the stored plan below; the executor refuses it
              as stale if the sleds no longer match.
            </p>
          )}
        </>
      )}
      <h3>Policy checks</h3>
      <PolicyResults results={recheck.data?.policy ?? e.policy} overrides={e.policyOverrides} />
      <h3>Approvals</h3>
      <p data-testid="approval-tally">
        {e.approvals.length} of {e.requiredApprovals}{" "}
        {e.requiredApprovals === 1 ? "approval" : "approvals"}
        {e.approvals.length > 0 &&
          `: ${e.approvals.map((a) => `${a.name} at ${formatTime(a.at)}`).join(", ")}`}
      </p>
      {e.requiredApprovals > 1 && (
        <p className="muted">
          This change takes a sled out of the rack or expunges a CockroachDB zone: it needs{" "}
          {e.requiredApprovals} different approvers, never the requester.
        </p>
      )}
      {permission ? (
        <DecisionForm
          executionId={e.id}
          planHash={e.planHash}
          permission={permission}
          needsOverride={(recheck.data?.policy ?? e.policy).filter(
            (r) => !r.passed && r.level === "soft-mandatory",
          )}
        />
      ) : (
        e.state === "awaiting_approval" && (
          <p className="muted">
            An approver other than the requester approves or rejects this execution.
          </p>
        )
      )}
      <h3 id="exact-plan">The exact plan</h3>
      <PlanStepsTable plan={plan} />
    </section>
  );
}
