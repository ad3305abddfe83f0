"use client";

import { useMemo } from "react";
import type { PlanPreview } from "../api-types";
import { DiffGraph } from "../diff-graph/diff-graph";
import type { GraphFilters } from "../diff-graph/graph-filters";
import { failingItems } from "../plan/failing-items";
import { plural } from "../ui/format";

interface Props {
  preview: PlanPreview;
  filters: GraphFilters;
  onFiltersChange: (filters: GraphFilters) => void;
}

/** The dependency graph with the items of failing steps marked (the phased order's hazards). */
export function GraphView({ preview, filters, onFiltersChange }: Props) {
  const failing = useMemo(() => failingItems(preview.plan.steps, preview.hazards), [preview]);
  return (
    <section aria-label="Dependency graph" className="wide">
      {failing.size > 0 ? (
        <p role="alert" className="status status-error">
          ! In the {preview.plan.order} order, {plural(failing.size, "item change")} would fail:
          marked “! would fail” below. Select one to read why.
        </p>
      ) : (
        <p className="muted">
          No item change would fail in the {preview.plan.order} order. Switch the order to “phased”
          to see what the January 2025 executor would have broken.
        </p>
      )}
      <DiffGraph
        graph={preview.graph}
        failing={failing}
        filters={filters}
        onFiltersChange={onFiltersChange}
      />
    </section>
  );
}
