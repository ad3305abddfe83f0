"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "../../lib/blueprint/zones";
import { RequestExecutionLink } from "../execution/request-link";
import { PlanControls } from "../plan/plan-controls";
import { PlanPreview } from "../plan/plan-preview";
import { useTRPC } from "../trpc-provider";
import { QueryView } from "../ui/query-view";
import type { DiffUrlState } from "../url-state/diff-url";
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
      <div className="empty">
        <p>
          No diff chosen. Open a rack&apos;s blueprint history and pick “Diff from parent”, or
          compare any two blueprints.
        </p>
        <Link href="/racks">Go to the racks</Link>
      </div>
    );
  }
  return (
    <DiffOf state={state} parentId={state.parentId} targetId={state.targetId} setState={setState} />
  );
}

interface Props {
  state: DiffUrlState;
  parentId: string;
  targetId: string;
  setState: (next: DiffUrlState, mode?: "push" | "replace") => void;
}

function DiffOf({ state, parentId, targetId, setState }: Props) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.blueprint.diff.queryOptions({ parentId, targetId }));
  const wantsPlan = state.view === "graph" || state.view === "plan";
  const profileOverride = state.profile === "rack" ? undefined : state.profile;
  const plan = useQuery(
    trpc.blueprint.plan.queryOptions(
      { parentId, targetId, order: state.order, profileOverride },
      { enabled: wantsPlan, placeholderData: keepPreviousData },
    ),
  );
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
