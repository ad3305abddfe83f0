import type { DiffView } from "../api-types";

const ROWS = ["sleds", "disks", "datasets", "zones"] as const;
const COLUMNS = ["added", "removed", "modified", "unchanged"] as const;
/** "removed" counts what the target expunges and what it drops: the tables say which. */
const COLUMN_WORDS: Record<(typeof COLUMNS)[number], string> = {
  added: "added",
  removed: "expunged or removed",
  modified: "modified",
  unchanged: "unchanged",
};

/** Counts per kind and status, like omicron's diff summary line, as a table. */
export function DiffSummary({ diff }: { diff: DiffView }) {
  const { summary } = diff;
  if (!summary.hasChanges) {
    return <p className="empty">The two blueprints describe the same sleds: nothing to do.</p>;
  }
  return (
    <table className="data summary-table">
      <caption className="muted">What changes from the parent to the target</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          {COLUMNS.map((c) => (
            <th scope="col" key={c}>
              {COLUMN_WORDS[c]}
            </th>
          ))}
          <th scope="col">decommissioned</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((kind) => (
          <tr key={kind}>
            <th scope="row">{kind}</th>
            {COLUMNS.map((c) => (
              <td key={c}>{summary[kind][c] ?? 0}</td>
            ))}
            <td>{kind === "sleds" ? (summary.sleds.decommissioned ?? 0) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
