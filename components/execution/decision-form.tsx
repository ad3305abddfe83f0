"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc-provider";
import type { Decisions } from "./permissions";

interface Props {
  executionId: string;
  /** The hash of the plan shown on this page: approving binds to it. */
  planHash: string;
  permission: Decisions;
}

/** Approve or reject, with a comment. The server re-checks who may decide. */
export function DecisionForm({ executionId, planHash, permission }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const commentId = useId();
  const reasonId = useId();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.execution.pathKey() });
  const approve = useMutation(trpc.execution.approve.mutationOptions({ onSuccess }));
  const reject = useMutation(trpc.execution.reject.mutationOptions({ onSuccess }));
  const busy = approve.isPending || reject.isPending;
  const error = approve.error ?? reject.error;
  const { approve: mayApprove, reject: mayReject } = permission;
  // Why Approve (and maybe Reject) is disabled: the approve reason covers both when both are.
  const reason = !mayApprove.ok ? mayApprove.reason : !mayReject.ok ? mayReject.reason : null;
  return (
    <form className="decision-form" aria-label="Decision" onSubmit={(e) => e.preventDefault()}>
      <p className="field">
        <label htmlFor={commentId}>Decision comment</label>
        <textarea
          id={commentId}
          rows={2}
          value={comment}
          disabled={!mayApprove.ok && !mayReject.ok}
          onChange={(e) => setComment(e.target.value)}
        />
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="primary"
          disabled={!mayApprove.ok || busy}
          aria-describedby={mayApprove.ok ? undefined : reasonId}
          onClick={() => approve.mutate({ executionId, planHash, comment })}
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          disabled={!mayReject.ok || busy}
          aria-describedby={mayReject.ok ? undefined : reasonId}
          onClick={() => reject.mutate({ executionId, comment })}
        >
          Reject
        </button>
        {reason !== null && (
          <span id={reasonId} className="disabled-reason">
            {reason}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="error-box">
          {error.message}
        </p>
      )}
    </form>
  );
}
