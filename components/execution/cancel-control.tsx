"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isTerminal, type ExecutionState } from "~/lib/execution/state-machine";
import { useTRPC } from "../trpc-provider";
import { ConfirmDialog } from "./confirm-dialog";
import type { Permission } from "./permissions";
import { ReasonedButton } from "./reasoned-button";

interface Props {
  executionId: string;
  state: ExecutionState;
  permission: Permission;
}

/** Cancel, behind the confirm modal. Running steps finish; nothing new starts. */
export function CancelControl({ executionId, state, permission }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const cancel = useMutation(
    trpc.execution.cancel.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.execution.pathKey() });
      },
    }),
  );
  if (isTerminal(state)) return null;
  return (
    <>
      <ReasonedButton permission={permission} className="danger" onClick={() => setOpen(true)}>
        Cancel execution
      </ReasonedButton>
      <ConfirmDialog
        open={open}
        title="Cancel this execution?"
        confirmLabel="Cancel execution"
        commentLabel="Why (recorded in the audit log)"
        busy={cancel.isPending}
        error={cancel.error?.message ?? null}
        onConfirm={(comment) => cancel.mutate({ executionId, comment })}
        onClose={() => setOpen(false)}
      >
        <p>
          {state === "running"
            ? "Requests already sent finish; no further step starts, and pending steps are marked cancelled. Sleds keep what they already applied."
            : "The execution will never run."}
        </p>
      </ConfirmDialog>
    </>
  );
}
