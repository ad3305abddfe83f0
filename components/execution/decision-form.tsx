"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc-provider";
import type { PolicyResult } from "~/lib/policy/policies";
import type { Decisions } from "./permissions";

interface Props {
  executionId: string;
  /** The hash of the plan shown on this page: approving binds to it. */
  planHash: string;
  permission: Decisions;
  /** Soft-mandatory policy failures: approving needs a written reason for each. */
  needsOverride?: readonly PolicyResult[];
}

/** Approve or reject, with a comment. The server re-checks who may decide. */
export function DecisionForm({ executionId, planHash, permission, needsOverride = [] }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const missingReason = needsOverride.some((r) => !reasons[r.id]?.trim());
  const overrides = needsOverride.map((r) => ({ id: r.id, reason: reasons[r.id]?.trim() ?? "" }));
  const commentId = useId();
  const reasonId = useId();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.execution.pathKey() });
  const approve = useMutation(trpc.execution.approve.mutationOptions({ onSuccess }));
  const reject = useMutation(trpc.execution.reject.mutationOptions({ onSuccess }));
  const busy = approve.isPending || reject.isPending;
  const error = approve.error ?? reject.error;
  const { approve: mayApprove, reject: mayReject } = permission;
  // Why Approve (and maybe Reject) is disabled: the approve reason covers both when both are.
  const reason = !mayApprove.ok
    ? mayApprove.reason
    : !mayReject.ok
      ? mayReject.reason
      : missingReason
        ? "write a reason for each policy you override first"
        : null;
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
      {mayApprove.ok &&
        needsOverride.map((r) => (
          <p className="field" key={r.id}>
            <label htmlFor={`${commentId}-${r.id}`}>Override {r.id}: why is this safe?</label>
            <textarea
              id={`${commentId}-${r.id}`}
              rows={2}
              maxLength={2000}
              value={reasons[r.id] ?? ""}
              onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })}
            />
          </p>
        ))}
      <div className="row-actions">
        <button
          type="button"
          className="primary"
          disabled={!mayApprove.ok || busy || missingReason}
          aria-describedby={mayApprove.ok && !missingReason ? undefined : reasonId}
          onClick={() => approve.mutate({ executionId, planHash, comment, overrides })}
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
