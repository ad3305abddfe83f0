import { isRequestStep, requestSteps, type Plan } from "~/lib/plan/types";
import { plural } from "../ui/format";
import { shortId } from "./format";
import { stepShortName } from "./read-plan";

/** The exact plan an approver approves: every request, its generation, order and body. */
export function PlanStepsTable({ plan }: { plan: Plan }) {
  const requests = requestSteps(plan);
  const decommissions = plan.steps.length - requests.length;
  return (
    <table className="data plan-steps">
      <caption>
        {plural(requests.length, "request")} to{" "}
        {plural(new Set(requests.map((s) => s.sledId)).size, "sled agent")}
        {decommissions > 0 && <>, {plural(decommissions, "sled")} marked decommissioned</>}, in the{" "}
        <strong>{plan.order}</strong> order
      </caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Sled</th>
          <th scope="col">Request</th>
          <th scope="col">Generation</th>
          <th scope="col">After</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {plan.steps.map((s) => (
          <tr key={s.id}>
            <th scope="row" className="mono">
              {stepShortName(s.id)}
            </th>
            <td className="mono" title={s.sledId}>
              {shortId(s.sledId)} {isRequestStep(s) && <span className="muted">({s.profile})</span>}
            </td>
            <td>
              {isRequestStep(s) ? (
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
              )}
            </td>
            <td>{isRequestStep(s) ? s.generation : "—"}</td>
            <td className="mono">
              {s.dependsOn.length ? s.dependsOn.map(stepShortName).join(", ") : "—"}
            </td>
            <td>
              {s.purpose}
              {isRequestStep(s) && s.awaitReconciliation && (
                <span className="muted"> (done when inventory shows it reconciled)</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
