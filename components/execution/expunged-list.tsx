import type { ChangeSummary, Removal } from "~/lib/execution/change-summary";
import { expungedBySled } from "~/lib/execution/change-summary";
import { badgeClass, CHANGE_TONE } from "../ui/tones";
import { shortId } from "./format";

/** One expunged item: the red "− expunged" badge, its kind and type, and its full id. */
export function ExpungedItem({ r, sled = true }: { r: Removal; sled?: boolean }) {
  return (
    <>
      <span className={badgeClass(CHANGE_TONE.expunged)}>− expunged</span> {r.kind}{" "}
      {r.kind === "sled" ? "" : r.type} <span className="mono">{r.id}</span>
      {sled && r.kind !== "sled" && <span className="muted"> on sled {shortId(r.sledId)}</span>}
    </>
  );
}

/**
 * What a change destroys, per sled, as the requester confirmed it (stored with the execution):
 * the approver sees at least what the requester saw.
 */
export function ExpungedBySled({ changes }: { changes: ChangeSummary }) {
  const groups = expungedBySled(changes);
  if (groups.length === 0) return <p>Nothing is expunged by this change.</p>;
  return (
    <ul className="expunged-by-sled" aria-label="Expunged, by sled">
      {groups.map((g) => (
        <li key={g.sledId}>
          Sled <span className="mono">{g.sledId}</span>
          <ul className="removals" aria-label={`Expunged on sled ${shortId(g.sledId)}`}>
            {g.items.map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                <ExpungedItem r={r} sled={false} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
