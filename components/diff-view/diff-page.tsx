"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { shortId } from "~/lib/blueprint/zones";
import { RequestExecutionLink } from "../execution/request-link";
import { PlanControls } from "../plan/plan-controls";
import { PlanPreview } from "../plan/plan-preview";
import { useTRPC } from "../trpc-provider";
type Trpc = ReturnType<typeof useTRPC>;
import { QueryView } from "../ui/query-view";
import type { DiffUrlState } from "../url-state/diff-url";
import { DiffPicker } from "./diff-picker";
import { DiffSummary } from "./diff-summary";
import { DiffTabs } from "./diff-tabs";
import { DiffText } from "./diff-text";
import { GraphView } from "./graph-view";
import { SledTablesView } from "./sled-tables-view";
import { useDiffUrlState } from "./use-diff-url";

/** Any parent → target diff: summary, tables, text, dependency graph and plan, state in the URL. */
export function DiffPage() {
  const [state, setState] = useDiffUrlState();
  if (!state.parentId || !state.targetId) {
    return (
      <>
        <h1>Diff &amp; plan</h1>
        <div className="empty">
          <p>
            No diff chosen. Choose any two blueprints of a rack below, or open a rack&apos;s{" "}
            <Link href="/racks">blueprint history</Link> and pick “Diff from parent”.
          </p>
        </div>
        <DiffPicker />
      </>
    );
  }
  return (
    <DiffOf state={state} parentId={state.parentId} targetId={state.targetId} setState={setState} />
  );
}

/** The picker for another pair, asked for (its queries run) only once opened. */
function OtherDiff({ rackId }: { rackId: string | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="diff-other" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Compare two other blueprints…</summary>
      {open && <DiffPicker rackId={rackId} />}
    </details>
  );
}

interface Props {
  state: DiffUrlState;
  parentId: string;
  targetId: string;
  setState: (next: DiffUrlState, mode?: "push" | "replace") => void;
}

/** The diff and the plan the page shows for `state`: one place, so a prefetch hits the same cache. */
function diffQueries(trpc: Trpc, state: DiffUrlState, parentId: string, targetId: string) {
  const profileOverride = state.profile === "rack" ? undefined : state.profile;
  return {
    diff: trpc.blueprint.diff.queryOptions({ parentId, targetId }),
    plan: trpc.blueprint.plan.queryOptions({
      parentId,
      targetId,
      order: state.order,
      profileOverride,
    }),
    wantsPlan: state.view === "graph" || state.view === "plan",
  };
}

/**
 * Asks for the diff (and the plan, when the view needs it) as the page loads, in the same
 * batch as the session check, instead of after it answers. Without a session the answers are
 * errors nobody shows; the page then asks again once signed in.
 */
export function PrefetchDiff() {
  const [state] = useDiffUrlState();
  const trpc = useTRPC();
  const client = useQueryClient();
  const { parentId, targetId } = state;
  useEffect(() => {
    if (!parentId || !targetId) return;
    const queries = diffQueries(trpc, state, parentId, targetId);
    void client.prefetchQuery(queries.diff);
    if (queries.wantsPlan) void client.prefetchQuery(queries.plan);
    // Only what the first load shows: later changes are fetched by the page itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

function DiffOf({ state, parentId, targetId, setState }: Props) {
  const trpc = useTRPC();
  const queries = diffQueries(trpc, state, parentId, targetId);
  const diff = useQuery(queries.diff);
  const { wantsPlan } = queries;
  const plan = useQuery({
    ...queries.plan,
    enabled: wantsPlan,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <h1>
        Diff{" "}
        <span className="mono" title={parentId}>
          {shortId(parentId)}
        </span>{" "}
        →{" "}
        <span className="mono" title={targetId}>
          {shortId(targetId)}
        </span>
      </h1>
      <RequestExecutionLink targetId={targetId} />
      <OtherDiff rackId={diff.data?.rackId} />
      <DiffTabs state={state} onSelect={(view) => setState({ ...state, view })} />
      {wantsPlan && (
        <PlanControls
          order={state.order}
          profile={state.profile}
          onChange={({ order, profile }) => setState({ ...state, order, profile })}
        />
      )}
      {wantsPlan ? (
        <QueryView
          query={plan}
          loading="Planning: ordering the sled-agent requests and checking each one…"
        >
          {(preview) => (
            <div aria-busy={plan.isPlaceholderData}>
              {plan.isPlaceholderData && (
                <p role="status" className="muted">
                  Updating for the new order or profile…
                </p>
              )}
              {state.view === "graph" ? (
                <GraphView
                  preview={preview}
                  filters={state.filters}
                  onFiltersChange={(filters) => setState({ ...state, filters }, "replace")}
                />
              ) : (
                <PlanPreview preview={preview} />
              )}
            </div>
          )}
        </QueryView>
      ) : (
        <QueryView query={diff} loading="Comparing the blueprints…">
          {(d) =>
            state.view === "summary" ? (
              <DiffSummary diff={d} />
            ) : state.view === "tables" ? (
              <SledTablesView diff={d} />
            ) : (
              <DiffText text={d.text} />
            )
          }
        </QueryView>
      )}
    </>
  );
}
