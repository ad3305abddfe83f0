import { describe, expect, it } from "vitest";
import { canRequest } from "./request-eligibility";

const ok = {
  roles: ["operator"],
  rackLoaded: true,
  targetParentId: "p",
  rackCurrentId: "p",
  steps: 2,
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
    expect(canRequest({ ...ok, steps: 0 })).toMatchObject({
      reason: expect.stringContaining("nothing to execute"),
    });
    expect(canRequest({ ...ok, hazards: 2 })).toMatchObject({
      reason: "the plan has 2 hazards; the console refuses to run it",
    });
    expect(canRequest({ ...ok, confirmed: false })).toMatchObject({
      reason: "type the confirmation above first",
    });
  });
});
