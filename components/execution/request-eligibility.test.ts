import { describe, expect, it } from "vitest";
import { canRequest } from "./request-eligibility";

const ok = {
  roles: ["operator"],
  rackLoaded: true,
  targetParentId: "p",
  rackCurrentId: "p",
  withoutAgent: [],
  hazards: 0,
  confirmed: true,
};

describe("canRequest", () => {
  it("allows an operator to request a hazard-free child of the current blueprint once confirmed", () => {
    expect(canRequest(ok)).toEqual({ ok: true });
  });

  it("says why not, in the server's order", () => {
    expect(canRequest({ ...ok, roles: ["viewer", "approver"] })).toMatchObject({
      reason: "requesting an execution needs the operator role",
    });
    expect(canRequest({ ...ok, targetParentId: "older" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not a child"),
    });
    const sled = "5a1ed000-0000-4000-8000-000000000001";
    const missing = canRequest({ ...ok, withoutAgent: [{ sledId: sled, reason: "none" }] });
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining(sled) });
    expect(missing).toMatchObject({
      reason: expect.stringContaining(
        "register its agent on the rack page or with rack.setSledAgent({rackId, sledId, address, profile})",
      ),
    });
    expect(canRequest({ ...ok, hazards: 2 })).toMatchObject({
      reason: "the plan has 2 hazards; the console refuses to run it",
    });
    const quorum = {
      id: "cockroachdb-quorum" as const,
      level: "hard-mandatory" as const,
      passed: false,
      message: "expunges 3 CockroachDB zones",
    };
    expect(canRequest({ ...ok, blocking: [quorum], confirmed: false })).toMatchObject({
      reason:
        "1 hard-mandatory policy blocks this change: cockroachdb-quorum (expunges 3 CockroachDB zones)",
    });
    expect(canRequest({ ...ok, blocking: [] })).toEqual({ ok: true });
    expect(canRequest({ ...ok, confirmed: false })).toMatchObject({
      reason: "type the confirmation above first",
    });
  });

  it("allows a plan that sends no request (a sled leaving the rack, or no change at all)", () => {
    expect(canRequest({ ...ok, withoutAgent: [] })).toEqual({ ok: true });
    expect(canRequest({ ...ok, withoutAgent: null })).toMatchObject({
      reason: "the plan is still being computed",
    });
  });
});
