"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { nexusReenableCan } from "~/lib/execution/can";
import { useSession } from "../auth/use-session";
import { shortId } from "../execution/format";
import { ReasonedButton } from "../execution/reasoned-button";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";

/**
 * "Nexus's executor has been disabled since … by execution …" (issue 15): shown on a linked
 * rack's page while a `direct` execution has left Nexus's execution disabled (it failed, was
 * cancelled, or is still running), with the approval-gated re-enable: an operator asks, a
 * second person with the approver role approves (lib/execution/can.ts `nexusReenableCan`; the
 * server decides again). Renders nothing when the console has not disabled it.
 */
export function ExecutorDisabledBanner({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().data ?? null;
  const [comment, setComment] = useState("");
  const status = useQuery(
    trpc.nexusExecutor.status.queryOptions({ rackId }, { refetchInterval: 5_000 }),
  );
  const done = {
    onSuccess: () => {
      setComment("");
      void queryClient.invalidateQueries({ queryKey: trpc.nexusExecutor.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.rack.pathKey() });
    },
  };
  const ask = useMutation(trpc.nexusExecutor.requestReenable.mutationOptions(done));
  const approve = useMutation(trpc.nexusExecutor.approveReenable.mutationOptions(done));
  const reject = useMutation(trpc.nexusExecutor.rejectReenable.mutationOptions(done));
  const disabled = status.data?.disabled;
  if (!disabled) return null;
  const pending = disabled.reenable;
  const user = me ?? { id: "", roles: [] };
  // The server also refuses while an execution of the rack is approved or running.
  const canAsk = nexusReenableCan.request(user, { disabled: true, pending: false, active: null });
  const decide = (d: "approve" | "reject") =>
    nexusReenableCan.decide(
      user,
      { requestedById: pending?.requestedBy.id ?? null, active: null },
      d,
    );
  const error = ask.error ?? approve.error ?? reject.error;
  return (
    <section
      role="alert"
      className="error-box nexus-executor-disabled"
      aria-label="Nexus's executor"
    >
      <p>
        <strong>Nexus&apos;s executor has been disabled</strong> since {formatTime(disabled.since)}
        {disabled.byExecutionId && (
          <>
            {" "}
            by execution{" "}
            <Link href={`/executions/${disabled.byExecutionId}`} className="mono">
              {shortId(disabled.byExecutionId)}
            </Link>
          </>
        )}
        {disabled.blueprintId && (
          <>
            {" "}
            (its target <span className="mono">{shortId(disabled.blueprintId)}</span>)
          </>
        )}
        . Nexus does not apply its target to the sleds until its execution is re-enabled.
      </p>
      {pending ? (
        <>
          <p>
            Re-enabling was asked by <strong>{pending.requestedBy.name}</strong> at{" "}
            {formatTime(pending.requestedAt)}
            {pending.comment ? <q className="comment">{pending.comment}</q> : null}; a second person
            with the approver role approves it.
          </p>
          <div className="form-actions">
            <ReasonedButton
              permission={decide("approve")}
              busy={approve.isPending}
              onClick={() => approve.mutate({ rackId, comment })}
            >
              Approve re-enabling
            </ReasonedButton>
            <ReasonedButton
              permission={decide("reject")}
              busy={reject.isPending}
              onClick={() => reject.mutate({ rackId, comment })}
            >
              Reject
            </ReasonedButton>
          </div>
        </>
      ) : (
        <div className="form-actions">
          <label>
            Why it is safe now{" "}
            <input value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
          </label>
          <ReasonedButton
            permission={canAsk}
            busy={ask.isPending}
            onClick={() => ask.mutate({ rackId, comment })}
          >
            Ask to re-enable Nexus&apos;s executor
          </ReasonedButton>
        </div>
      )}
      {error && <p className="error-box">{error.message}</p>}
    </section>
  );
}
