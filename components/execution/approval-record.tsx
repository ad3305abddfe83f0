import { formatTime } from "../ui/format";
import { ExpungedBySled } from "./expunged-list";
import { PolicyResults } from "./policy-results";
import type { ExecutionDetail } from "./types";

/**
 * After the decision: what was approved, by whom and when, over which policy results and
 * overrides (each with its written reason). The approval panel's record, kept on the page.
 */
export function ApprovalRecord({ e }: { e: ExecutionDetail }) {
  return (
    <section className="approval-record" aria-labelledby="approval-record-h">
      <h2 id="approval-record-h">Change, approvals and policy</h2>
      {e.changeText && <p data-testid="change-text">This change {e.changeText}.</p>}
      {e.changes && e.changes.expunged.length > 0 && (
        <details>
          <summary>Everything it expunges</summary>
          <ExpungedBySled changes={e.changes} />
        </details>
      )}
      <p data-testid="approval-record">
        {e.approvals.length === 0
          ? "No approval."
          : `Approved by ${e.approvals.map((a) => `${a.name} at ${formatTime(a.at)}`).join(", ")}.`}
      </p>
      <PolicyResults results={e.policy} overrides={e.policyOverrides} />
    </section>
  );
}
