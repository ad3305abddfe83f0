import { describe, expect, it } from "vitest";
import { decisionControls, REQUESTER_REASON } from "./permissions";

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
  },
});

describe("decisionControls", () => {
  it("shows the requester disabled controls with the reason, whatever their roles", () => {
    expect(
      decisionControls(e("olivia", "awaiting_approval", false), {
        id: "olivia",
        roles: ["operator"],
      }),
    ).toEqual({ ok: false, reason: REQUESTER_REASON });
    expect(decisionControls(e("oscar"), { id: "oscar", roles: ["operator", "approver"] })).toEqual({
      ok: false,
      reason: REQUESTER_REASON,
    });
  });

  it("shows viewers and other operators nothing, approvers the server's answer", () => {
    expect(
      decisionControls(e("olivia", "awaiting_approval", false), { id: "vic", roles: ["viewer"] }),
    ).toBeNull();
    expect(decisionControls(e("olivia"), { id: "avery", roles: ["approver"] })).toEqual({
      ok: true,
    });
  });

  it("shows nothing once the execution is decided", () => {
    expect(
      decisionControls(e("olivia", "running"), { id: "avery", roles: ["approver"] }),
    ).toBeNull();
  });
});
