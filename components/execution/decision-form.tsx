"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc-provider";
import type { Permission } from "./permissions";

interface Props {
  executionId: string;
  /** The hash of the plan shown on this page: approving binds to it. */
  planHash: string;
  permission: Permission;
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
  const describedBy = permission.ok ? undefined : reasonId;
  return (
    <form className="decision-form" aria-label="Decision" onSubmit={(e) => e.preventDefault()}>
      <p className="field">
        <label htmlFor={commentId}>Decision comment</label>
        <textarea
          id={commentId}
          rows={2}
          value={comment}
          disabled={!permission.ok}
          onChange={(e) => setComment(e.target.value)}
        />
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="primary"
          disabled={!permission.ok || busy}
          aria-describedby={describedBy}
          onClick={() => approve.mutate({ executionId, planHash, comment })}
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          disabled={!permission.ok || busy}
          aria-describedby={describedBy}
          onClick={() => reject.mutate({ executionId, comment })}
        >
          Reject
        </button>
        {!permission.ok && (
          <span id={reasonId} className="disabled-reason">
            {permission.reason}
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
