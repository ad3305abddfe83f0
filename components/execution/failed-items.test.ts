import { describe, expect, it } from "vitest";
import { failedItems } from "./failed-items";
import { row, twoSledPlan } from "./fixtures";

describe("failedItems", () => {
  it("marks the items a failed step realises with its error", () => {
    const plan = twoSledPlan();
    const [a1, , b1] = plan.steps;
    if (!a1 || !b1) throw new Error("fixture");
    a1.realises = ["zone:z1"];
    b1.realises = ["zone:z2"];
    const marks = failedItems(plan, [
      row(a1.id, "failed", { error: "HTTP 400: no" }),
      row(b1.id, "succeeded"),
    ]);
    expect([...marks]).toEqual([["zone:z1", ["failed: HTTP 400: no"]]]);
  });
});
