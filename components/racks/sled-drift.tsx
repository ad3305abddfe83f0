import type { SledInventory } from "../api-types";

type Drift = NonNullable<SledInventory["drift"]>;

const GROUPS = [
  ["missing", "missing from the agent's ledger"],
  ["extra", "ledgered but not in service in the blueprint"],
  ["differing", "ledgered with other contents"],
  ["orphaned", "orphaned datasets on the sled's pools"],
] as const;

/** Drift against the current blueprint: a one-line verdict, the items on demand. */
export function SledDrift({ drift }: { drift: Drift | null }) {
  if (!drift) return <span className="muted">unknown (no inventory)</span>;
  if (drift.inSync) return <span>✓ in sync</span>;
  const counts = GROUPS.filter(([k]) => drift[k].length > 0).map(
    ([k]) => `${drift[k].length} ${k}`,
  );
  if (drift.generations.length > 0) counts.push(`${drift.generations.length} generation mismatch`);
  return (
    <details>
      <summary>⚠ drift: {counts.join(", ")}</summary>
      {GROUPS.map(([key, title]) =>
        drift[key].length === 0 ? null : (
          <div key={key}>
            <strong>
              {drift[key].length} {title}
            </strong>
            <ul>
              {drift[key].map((item) => (
                <li key={`${item.kind}:${item.id ?? item.label}`}>
                  {item.label}
                  {item.detail ? ` (${item.detail})` : ""}
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      {drift.generations.length > 0 && (
        <ul aria-label="Generation mismatches">
          {drift.generations.map((g) => (
            <li key={g.ledger}>
              {g.ledger} ledger at generation {g.observed}, the console expects {g.expected}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
