"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { isRequestStep, requestSteps, type Plan, type PlanStep } from "~/lib/plan/types";
import { DataTable } from "../ui/data-table";
import { Uuid } from "../ui/uuid";
import { plural } from "../ui/format";
import { stepShortName } from "./read-plan";

const column = createColumnHelper<PlanStep>();

const COLUMNS = [
  column.accessor((s) => stepShortName(s.id), {
    id: "step",
    header: "Step",
    meta: { rowHeader: true, className: "mono whitespace-nowrap" },
  }),
  column.accessor("sledId", {
    header: "Sled",
    meta: { width: "13rem" },
    cell: ({ row: { original: s } }) => (
      <span className="whitespace-nowrap">
        <Uuid id={s.sledId} short />{" "}
        {isRequestStep(s) && <span className="muted">({s.profile})</span>}
      </span>
    ),
  }),
  column.display({
    id: "request",
    header: "Request",
    cell: ({ row: { original: s } }) =>
      isRequestStep(s) ? (
        <details>
          <summary className="mono">
            {s.method} {s.path}
          </summary>
          <pre className="json" tabIndex={0}>
            {JSON.stringify(s.body, null, 2)}
          </pre>
        </details>
      ) : (
        <span>none: the sled is marked decommissioned</span>
      ),
  }),
  column.accessor((s) => (isRequestStep(s) ? s.generation : -1), {
    id: "generation",
    header: "Generation",
    cell: ({ row: { original: s } }) => (isRequestStep(s) ? s.generation : "—"),
  }),
  column.accessor((s) => s.dependsOn.map(stepShortName).join(", "), {
    id: "after",
    header: "After",
    meta: { className: "mono" },
    cell: ({ getValue }) => getValue() || "—",
  }),
  column.accessor("purpose", {
    header: "Why",
    cell: ({ row: { original: s } }) => (
      <>
        {s.purpose}
        {isRequestStep(s) && s.awaitReconciliation && (
          <span className="muted"> (done when inventory shows it reconciled)</span>
        )}
      </>
    ),
  }),
];

/** The exact plan an approver approves: every request, its generation, order and body. */
export function PlanStepsTable({ plan }: { plan: Plan }) {
  const requests = requestSteps(plan);
  const decommissions = plan.steps.length - requests.length;
  return (
    <DataTable
      className="plan-steps"
      data={plan.steps}
      columns={COLUMNS}
      getRowId={(s) => s.id}
      caption={
        <>
          {plural(requests.length, "request")} to{" "}
          {plural(new Set(requests.map((s) => s.sledId)).size, "sled agent")}
          {decommissions > 0 && <>, {plural(decommissions, "sled")} marked decommissioned</>}, in
          the <strong>{plan.order}</strong> order
        </>
      }
    />
  );
}
