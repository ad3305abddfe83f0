"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";
import { ReasonedButton } from "./reasoned-button";
import type { ExecutionDetail } from "./types";

/**
 * An approved execution waiting for its rack's maintenance window (issue 16): when it starts,
 * and, for an approver, "Start now" with a written reason. Once someone started it outside
 * the window, who, when and why.
 */
export function WindowNotice({ e }: { e: ExecutionDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const start = useMutation(
    trpc.execution.startNow.mutationOptions({
      onSuccess: () => {
        setReason("");
        void queryClient.invalidateQueries({ queryKey: trpc.execution.pathKey() });
      },
    }),
  );
  const { window: w } = e;
  if (w.override)
    return (
      <p className="window-notice" data-testid="window-override">
        Started outside the maintenance window ({w.schedule}) by {w.override.name} at{" "}
        {formatTime(w.override.at)}: “{w.override.reason}”
      </p>
    );
  if (!w.waiting) return null;
  const permission =
    e.canStartNow.ok && !reason.trim()
      ? { ok: false as const, reason: "write why it cannot wait for the window" }
      : e.canStartNow;
  return (
    <section className="window-notice" aria-labelledby={`${reasonId}-h`}>
      <h2 id={`${reasonId}-h`}>Waiting for the maintenance window</h2>
      <p role="status" data-testid="window-wait">
        {w.opensAt
          ? `Approved; it starts at ${formatTime(w.opensAt)}, when the rack's maintenance window opens (${w.schedule}).`
          : w.message}
      </p>
      {e.canStartNow.ok && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (permission.ok) start.mutate({ executionId: e.id, reason: reason.trim() });
          }}
        >
          <p className="field">
            <label htmlFor={reasonId}>Why it cannot wait (recorded in the audit log)</label>
            <textarea
              id={reasonId}
              value={reason}
              maxLength={2000}
              rows={2}
              onChange={(ev) => setReason(ev.target.value)}
            />
          </p>
          <ReasonedButton type="submit" permission={permission} busy={start.isPending}>
            Start now
          </ReasonedButton>
        </form>
      )}
      {start.isError && (
        <p role="alert" className="error-box">
          {start.error.message}
        </p>
      )}
    </section>
  );
}
