import { describe, expect, it } from "vitest";
import { REQUESTER_REASON } from "~/lib/execution/can";
import { decisionControls, type Permission } from "./permissions";

const e = (
  requester: string,
  state: "awaiting_approval" | "running" = "awaiting_approval",
  ok = true,
) => ({
  state,
  requestedBy: { id: requester },
  can: {
    approve: ok
      ? ({ ok: true } as const)
      : ({ ok: false, reason: "approving needs the approver role" } as const),
    reject: ok
      ? ({ ok: true } as const)
      : ({ ok: false, reason: "approving needs the approver role" } as const),
  },
});
const both = (p: Permission) => ({ approve: p, reject: p });

describe("decisionControls", () => {
  it("shows the requester disabled controls with the reason, whatever their roles", () => {
    expect(
      decisionControls(e("olivia", "awaiting_approval", false), {
        id: "olivia",
        roles: ["operator"],
      }),
    ).toEqual(both({ ok: false, code: "FORBIDDEN", reason: REQUESTER_REASON } as Permission));
    expect(decisionControls(e("oscar"), { id: "oscar", roles: ["operator", "approver"] })).toEqual(
      both({ ok: false, code: "FORBIDDEN", reason: REQUESTER_REASON } as Permission),
    );
  });

  it("shows viewers and other operators nothing, approvers the server's answer", () => {
    expect(
      decisionControls(e("olivia", "awaiting_approval", false), { id: "vic", roles: ["viewer"] }),
    ).toBeNull();
    expect(decisionControls(e("olivia"), { id: "avery", roles: ["approver"] })).toEqual(
      both({ ok: true }),
    );
  });

  it("disables only Approve, with the server's reason, once the rack moved past the request", () => {
    const moved = "the rack moved to b2 since this was requested: re-request from b2";
    const superseded = {
      ...e("olivia"),
      can: { approve: { ok: false, reason: moved } as const, reject: { ok: true } as const },
    };
    expect(decisionControls(superseded, { id: "avery", roles: ["approver"] })).toEqual({
      approve: { ok: false, reason: moved },
      reject: { ok: true },
    });
  });

  it("shows nothing once the execution is decided", () => {
    expect(
      decisionControls(e("olivia", "running"), { id: "avery", roles: ["approver"] }),
    ).toBeNull();
  });
});
