import { describe, expect, it } from "vitest";
import { can, needsRole } from "./can";

const olivia = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "olivia",
  roles: ["viewer", "operator"] as const,
};
const vic = { id: "00000000-0000-4000-8000-000000000002", name: "vic", roles: ["viewer"] as const };

describe("can", () => {
  it("lets an operator import and edit", () => {
    expect(can.importBlueprint({ ...olivia, roles: [...olivia.roles] })).toEqual({ ok: true });
    expect(can.createChild({ ...olivia, roles: [...olivia.roles] })).toEqual({ ok: true });
    expect(can.setNexus({ ...olivia, roles: [...olivia.roles] })).toEqual({ ok: true });
    expect(can.setNexus({ ...vic, roles: [...vic.roles] })).toEqual({
      ok: false,
      reason: "To link the rack to its Nexus you need the operator role; vic has viewer.",
    });
  });

  it("says which role is missing and which ones the user has", () => {
    expect(can.importBlueprint({ ...vic, roles: [...vic.roles] })).toEqual({
      ok: false,
      reason: "To import blueprints you need the operator role; vic has viewer.",
    });
    expect(needsRole({ ...vic, roles: [] }, "approver", "approve")).toEqual({
      ok: false,
      reason: "To approve you need the approver role; vic has no roles.",
    });
  });

  it("asks anonymous users to log in", () => {
    expect(can.createChild(null)).toEqual({
      ok: false,
      reason: "Log in to create child blueprints.",
    });
  });
});
