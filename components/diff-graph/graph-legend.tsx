import { CHANGE_BADGE, FAIL_BADGE, RULE_NAME } from "./to-flow";
import { badgeClass, CHANGE_TONE, MARKER_TONE } from "../ui/tones";

/** What shapes, borders and badges mean; each entry shows the same badge the nodes carry. */
export function GraphLegend({ showFailing }: { showFailing: boolean }) {
  return (
    <details className="graph-legend" open>
      <summary>Legend</summary>
      <ul aria-label="Changes">
        <li>
          <span className={badgeClass(CHANGE_TONE.added)}>{CHANGE_BADGE.added}</span> in service in
          the target only (solid border)
        </li>
        <li>
          <span className={badgeClass(CHANGE_TONE.removed)}>{CHANGE_BADGE.removed}</span> in service
          in the parent only (dashed border)
        </li>
        <li>
          <span className={badgeClass(CHANGE_TONE.modified)}>{CHANGE_BADGE.modified}</span> changed
          in place (dotted border)
        </li>
        {showFailing && (
          <li>
            <span className={badgeClass(MARKER_TONE["would-fail"])}>{FAIL_BADGE}</span> the step
            that applies it would fail in this order (double border)
          </li>
        )}
      </ul>
      <ul aria-label="Shapes">
        <li>
          <span className="legend-shape kind-disk" aria-hidden="true" /> physical disk (square
          corners)
        </li>
        <li>
          <span className="legend-shape kind-dataset" aria-hidden="true" /> dataset (rounded
          corners)
        </li>
        <li>
          <span className="legend-shape kind-zone" aria-hidden="true" /> zone (pill)
        </li>
      </ul>
      <p className="muted">
        An arrow means “must happen first”. Hover or select an edge to see its rule (
        {Object.values(RULE_NAME).join("; ")}).
      </p>
    </details>
  );
}
