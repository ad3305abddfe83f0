"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { SignedIn } from "../auth/signed-in";
import { useTRPC } from "../trpc-provider";
import { QueryView } from "../ui/query-view";
import { shortId } from "./format";
import { confirmationFor, isConfirmed, removalsOf } from "./removals";
import { leavingSleds } from "~/lib/execution/change-summary";
import { policyVerdict } from "~/lib/policy/policies";
import { PolicyResults } from "./policy-results";
import { ReasonedButton } from "./reasoned-button";
import { sledsNeedingAgent } from "~/lib/plan/agents";
import { canRequest } from "./request-eligibility";
import { RequestSummary } from "./request-summary";
import { TypedConfirmation } from "./typed-confirmation";
import { ModeChooser } from "./execution-mode";
import type { ExecutionMode } from "~/lib/plan/types";
import "./execution.css";

function RequestForm({ targetId, roles }: { targetId: string; roles: readonly string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const [comment, setComment] = useState("");
  const [chosenMode, setMode] = useState<ExecutionMode>("nexus");
  const commentId = useId();
  const target = useQuery(trpc.blueprint.byId.queryOptions({ id: targetId }));
  const rackId = target.data?.blueprint.rackId;
  const rack = useQuery(
    trpc.rack.byId.queryOptions({ rackId: rackId ?? "" }, { enabled: rackId !== undefined }),
  );
  const currentId = rack.data?.currentBlueprintId ?? null;
  const isChild = currentId !== null && target.data?.blueprint.parentId === currentId;
  const pair = { parentId: currentId ?? "", targetId };
  // A linked rack's execution has a mode (nexus by default); an unlinked rack's has none.
  const linked = (rack.data?.nexus?.instances.length ?? 0) > 0;
  const mode = linked ? chosenMode : undefined;
  const preview = useQuery(
    trpc.blueprint.plan.queryOptions(
      { ...pair, ...(mode ? { mode } : {}) },
      { enabled: isChild && rack.data !== undefined },
    ),
  );
  const diff = useQuery(trpc.blueprint.diff.queryOptions(pair, { enabled: isChild }));
  const confirmation = useMemo(() => {
    const leaving = leavingSleds(diff.data?.sleds ?? []);
    return confirmationFor(removalsOf(preview.data?.graph.nodes ?? [], leaving));
  }, [preview.data, diff.data]);
  const request = useMutation(
    trpc.execution.request.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.execution.pathKey() });
        router.push(`/executions/${r.executionId}`);
      },
    }),
  );
  const permission = canRequest({
    roles,
    targetParentId: target.data?.blueprint.parentId ?? null,
    rackLoaded: rack.data !== undefined,
    rackCurrentId: currentId,
    withoutAgent:
      preview.data && diff.data && rack.data
        ? sledsNeedingAgent(preview.data.plan, rack.data.sledAgents)
        : null,
    hazards: preview.data?.hazards.length ?? null,
    blocking: preview.data ? policyVerdict(preview.data.policy).blocking : null,
    confirmed: isConfirmed(confirmation, typed),
  });
  return (
    <QueryView query={target} loading="Loading the target blueprint…">
      {({ blueprint }) => (
        <form
          className="request-form"
          aria-label="Request an execution"
          onSubmit={(e) => {
            e.preventDefault();
            if (rackId)
              request.mutate({
                rackId,
                targetBlueprintId: targetId,
                comment,
                ...(mode ? { mode } : {}),
              });
          }}
        >
          <p>
            Rack <strong>{rack.data?.name ?? shortId(blueprint.rackId)}</strong>: from its current
            blueprint <span className="mono">{currentId ? shortId(currentId) : "–"}</span> to{" "}
            <span className="mono">{shortId(targetId)}</span> ({blueprint.comment || "no comment"}).
          </p>
          {linked && <ModeChooser value={chosenMode} onChange={setMode} />}
          {preview.isPending && isChild && <p role="status">Planning…</p>}
          {preview.isError && (
            <p role="alert" className="error-box">
              {preview.error.message}
            </p>
          )}
          {preview.data && <RequestSummary preview={preview.data} />}
          {preview.data && (
            <section aria-labelledby={`${commentId}-policy`}>
              <h2 id={`${commentId}-policy`}>Policy checks</h2>
              <PolicyResults results={preview.data.policy} />
            </section>
          )}
          {preview.data && diff.data && (
            <TypedConfirmation confirmation={confirmation} value={typed} onChange={setTyped} />
          )}
          <p className="field">
            <label htmlFor={commentId}>Comment for the approver</label>
            <textarea
              id={commentId}
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </p>
          <div className="form-actions">
            <ReasonedButton
              type="submit"
              className="primary"
              permission={permission}
              busy={request.isPending}
            >
              Request execution
            </ReasonedButton>
          </div>
          {request.isError && (
            <p role="alert" className="error-box">
              {request.error.message}
            </p>
          )}
        </form>
      )}
    </QueryView>
  );
}

/** Ask for a second person's approval to execute a target blueprint. */
export function RequestPage({ targetId }: { targetId: string | null }) {
  return (
    <>
      <h1>Request an execution</h1>
      <SignedIn purpose="request an execution">
        {(me) =>
          targetId ? (
            <RequestForm targetId={targetId} roles={me.roles} />
          ) : (
            <p className="empty">
              Open this page from a blueprint&apos;s plan: no target blueprint was given.
            </p>
          )
        }
      </SignedIn>
    </>
  );
}
