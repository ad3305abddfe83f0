"use client";

import { plural } from "../ui/format";
import { OVERVIEW_THRESHOLD } from "./overview";
import type { SledExpansion } from "./use-sled-expansion";

interface Props {
  expansion: SledExpansion;
  /** Runs expandAll or collapseAll (the caller then fits the whole graph again). */
  onAll: (action: () => void) => void;
  /** Sleds with items passing the filters, and those items. */
  sleds: number;
  items: number;
}

/** The overview of a large graph: how many sleds are summaries, and expanding or collapsing them all. */
export function OverviewBar({ expansion, onAll, sleds, items }: Props) {
  if (!expansion.overview) return null;
  const collapsed = expansion.collapsed.size;
  const { expanding } = expansion;
  const few = items <= OVERVIEW_THRESHOLD;
  return (
    <div className="overview-bar" role="group" aria-label="Sled summaries">
      <p className="muted" role="status">
        {expanding ? (
          <label>
            Drawing items sled by sled: {expanding.done} of {expanding.total} sleds…{" "}
            <progress max={expanding.total} value={expanding.done} aria-label="Drawing progress" />
          </label>
        ) : few ? (
          `The filters leave ${plural(items, "item")}: all drawn.`
        ) : collapsed > 0 ? (
          `${collapsed} of ${plural(sleds, "sled")} shown as a summary: select a sled to draw its items, or focus on it.`
        ) : (
          `Every sled's items are drawn (${plural(items, "item")}).`
        )}
      </p>
      <button
        type="button"
        disabled={collapsed === 0 || expanding !== null}
        title={collapsed === 0 ? "Every sled is expanded" : undefined}
        onClick={() => onAll(expansion.expandAll)}
      >
        Expand all sleds
      </button>
      <button
        type="button"
        disabled={few || (collapsed === sleds && expanding === null)}
        title={
          few
            ? "Few enough items to draw them all"
            : collapsed === sleds
              ? "Every sled is collapsed"
              : undefined
        }
        onClick={() => onAll(expansion.collapseAll)}
      >
        Collapse all sleds
      </button>
    </div>
  );
}
