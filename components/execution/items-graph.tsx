"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { Plan } from "~/lib/plan/types";
import { DiffGraph } from "../diff-graph/diff-graph";
import type { GraphFilters } from "../diff-graph/graph-filters";
import { useTRPC } from "../trpc-provider";
import { failedItems } from "./failed-items";
import type { StepRow } from "./types";

const NO_FILTERS: GraphFilters = { sleds: [], kinds: [], changes: [], search: "" };

/** The item dependency graph of this change (part 1's DiffGraph), items of failed steps marked. */
export function ItemsGraph({
  parentId,
  targetId,
  plan,
  steps,
}: {
  parentId: string;
  targetId: string;
  plan: Plan;
  steps: readonly StepRow[];
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<GraphFilters>(NO_FILTERS);
  const preview = useQuery(
    trpc.blueprint.plan.queryOptions({ parentId, targetId }, { staleTime: Infinity }),
  );
  const failing = useMemo(() => failedItems(plan, steps), [plan, steps]);
  if (preview.isPending)
    return (
      <p role="status" className="muted">
        Loading the dependency graph…
      </p>
    );
  if (preview.isError)
    return (
      <p role="alert" className="error-box">
        Cannot load the dependency graph: {preview.error.message}
      </p>
    );
  return (
    <>
      {failing.size > 0 && (
        <p className="muted">
          Items whose step failed are marked as failing, with the step&apos;s error.
        </p>
      )}
      <DiffGraph
        graph={preview.data.graph}
        failing={failing}
        filters={filters}
        onFiltersChange={setFilters}
      />
    </>
  );
}
