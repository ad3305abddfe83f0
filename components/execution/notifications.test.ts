import { describe, expect, it } from "vitest";
import type { ExecutionState } from "~/lib/execution/state-machine";
import { baseline, newToasts } from "./notifications";

const olivia = { id: "u-olivia", name: "olivia" };
const e = (id: string, state: ExecutionState, requestedBy = olivia) => ({
  id,
  state,
  requestedBy,
  comment: "expunge crucible",
});
const approver = { id: "u-avery", roles: ["approver"] };

describe("newToasts", () => {
  it("tells approvers about new requests, not about the ones already there", () => {
    const seen = baseline([e("old", "awaiting_approval")]);
    const { toasts } = newToasts(
      seen,
      [e("new", "awaiting_approval"), e("old", "awaiting_approval")],
      approver,
    );
    expect(toasts).toEqual([
      {
        id: "new:requested",
        executionId: "new",
        kind: "approval-requested",
        tone: "info",
        text: "Approval requested by olivia: “expunge crucible”",
      },
    ]);
  });

  it("does not tell the requester or a non-approver about a request", () => {
    const seen = baseline([]);
    expect(
      newToasts(seen, [e("x", "awaiting_approval")], {
        id: olivia.id,
        roles: ["operator", "approver"],
      }).toasts,
    ).toEqual([]);
    expect(
      newToasts(seen, [e("x", "awaiting_approval")], { id: "v", roles: ["viewer"] }).toasts,
    ).toEqual([]);
  });

  it("announces executions that ended since the last poll, once", () => {
    const first = newToasts(baseline([e("x", "running")]), [e("x", "failed")], approver);
    expect(first.toasts).toMatchObject([
      { kind: "finished", tone: "bad", text: "Execution requested by olivia ended: failed" },
    ]);
    expect(newToasts(first.seen, [e("x", "failed")], approver).toasts).toEqual([]);
  });
});
