import { describe, expect, it } from "vitest";
import { confirmationFor, isConfirmed, removalsOf } from "./removals";

const zone = (id: string, sledId = "s1") => ({
  kind: "zone" as const,
  itemId: id,
  change: "removed" as const,
  type: "crucible",
  sledId,
});
const dataset = (id: string) => ({
  kind: "dataset" as const,
  itemId: id,
  change: "removed" as const,
  type: "crucible",
  sledId: "s1",
});

describe("typed confirmation of removals", () => {
  it("asks for the id when one zone is expunged (its datasets go with it)", () => {
    const c = confirmationFor(
      removalsOf([dataset("d1"), zone("Z-1"), { ...zone("z2"), change: "added" as const }], []),
    );
    expect(c.removals.map((r) => r.id)).toEqual(["Z-1", "d1"]);
    expect(c.phrase).toBe("Z-1");
    expect(c.prompt).toContain("crucible zone");
    expect(isConfirmed(c, " z-1 ")).toBe(true);
    expect(isConfirmed(c, "Z-2")).toBe(false);
  });

  it("asks for the count when several items are expunged, sleds first", () => {
    const c = confirmationFor(removalsOf([zone("z1", "s1"), zone("z2", "s2")], ["s9"]));
    expect(c.removals[0]).toMatchObject({ kind: "sled", id: "s9" });
    expect(c.phrase).toBe("3");
    expect(c.prompt).toBe(
      "Type 3, the number of items being expunged (1 sled, 2 zones), to confirm.",
    );
  });

  it("needs nothing typed when nothing is removed", () => {
    const c = confirmationFor(removalsOf([], []));
    expect(c.phrase).toBeNull();
    expect(isConfirmed(c, "")).toBe(true);
  });
});
