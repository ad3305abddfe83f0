import Link from "next/link";
import { STEP_STATES } from "~/lib/execution/state-machine";
import { formatTime } from "../ui/format";
import { shortId } from "./format";
import { ExecutionStateBadge } from "./state-badge";
import type { ExecutionSummary } from "./types";

interface Props {
  executions: readonly ExecutionSummary[];
  rackNames: ReadonlyMap<string, string>;
  caption: string;
}

function stepCounts(steps: ExecutionSummary["steps"]): string {
  const total = STEP_STATES.reduce((n, s) => n + steps[s], 0);
  const parts = STEP_STATES.filter((s) => steps[s] > 0 && s !== "pending").map(
    (s) => `${steps[s]} ${s}`,
  );
  return `${total} ${total === 1 ? "step" : "steps"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** Executions, newest first, each linking to its record. */
export function ExecutionsTable({ executions, rackNames, caption }: Props) {
  return (
    <table className="data executions">
      <caption className="muted">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Execution</th>
          <th scope="col">State</th>
          <th scope="col">Rack</th>
          <th scope="col">Change</th>
          <th scope="col">Requested by</th>
          <th scope="col">Requested</th>
          <th scope="col">Steps</th>
          <th scope="col">Decided by</th>
          <th scope="col">Comment</th>
        </tr>
      </thead>
      <tbody>
        {executions.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              <Link
                href={`/executions/${e.id}`}
                className="mono"
                aria-label={`execution ${shortId(e.id)} (${e.state.replaceAll("_", " ")})`}
              >
                {shortId(e.id)}
              </Link>
            </th>
            <td>
              <ExecutionStateBadge state={e.state} />
            </td>
            <td>{rackNames.get(e.rackId) ?? shortId(e.rackId)}</td>
            <td className="change-text">{e.changeText ?? "–"}</td>
            <td>{e.requestedBy.name}</td>
            <td>{formatTime(e.createdAt)}</td>
            <td>{stepCounts(e.steps)}</td>
            <td>{e.decidedBy?.name ?? "–"}</td>
            <td>{e.comment}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
