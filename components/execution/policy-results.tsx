import type { PolicyResult } from "~/lib/policy/policies";
import { formatTime } from "../ui/format";
import { badgeClass, POLICY_TONE } from "../ui/tones";

const LEVEL_WORDS: Record<PolicyResult["level"], string> = {
  "hard-mandatory": "blocks",
  "soft-mandatory": "needs an override",
  advisory: "advisory",
};

/**
 * Every policy check of a change (lib/policy), failures first, each with its level and its
 * message in words; passed checks listed below them. Overrides, if any, with who and why.
 */
export function PolicyResults({
  results,
  overrides = [],
}: {
  results: readonly PolicyResult[];
  overrides?: readonly { id: string; reason: string; name: string; at: string }[];
}) {
  if (results.length === 0)
    return <p className="muted">No policy results were recorded for this execution.</p>;
  const failed = results.filter((r) => !r.passed);
  const passed = results.filter((r) => r.passed);
  return (
    <div className="policy-results">
      {failed.length === 0 ? (
        <p>All {results.length} policy checks pass.</p>
      ) : (
        <ul aria-label="Failed policy checks">
          {failed.map((r) => (
            <li key={r.id} className={`policy-${r.level}`}>
              <span className={badgeClass(POLICY_TONE[r.level])}>
                {r.level}: {LEVEL_WORDS[r.level]}
              </span>{" "}
              <span className="mono">{r.id}</span>: {r.message}
              {overrides
                .filter((o) => o.id === r.id)
                .map((o) => (
                  <p key={`${o.name}-${o.at}`} className="muted">
                    Overridden by {o.name} at {formatTime(o.at)}: “{o.reason}”
                  </p>
                ))}
            </li>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <details>
          <summary>
            {passed.length} {passed.length === 1 ? "check passes" : "checks pass"}
          </summary>
          <ul>
            {passed.map((r) => (
              <li key={r.id}>
                <span className="mono">{r.id}</span> ({r.level}): {r.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
