import { describe, expect, it } from "vitest";
import { row, twoSledPlan } from "./fixtures";
import { dependentsOf, findRootFailure } from "./root-failure";

const plan = twoSledPlan();
const [a1, a2, b1, b2] = plan.steps.map((s) => s.id) as [string, string, string, string];

describe("findRootFailure", () => {
  it("picks the failed step whose dependencies succeeded, with what it blocked", () => {
    const steps = [
      row(a1, "failed", { start: 0, end: 100, error: "HTTP 400: refused" }),
      row(a2, "skipped"),
      row(b1, "succeeded", { start: 0, end: 50 }),
      row(b2, "succeeded", { start: 50, end: 90 }),
    ];
    expect(findRootFailure(plan, steps)).toEqual({
      stepId: a1,
      sledId: a1.split("/")[0],
      error: "HTTP 400: refused",
      blocked: [a2],
      others: [],
    });
  });

  it("prefers the earliest of several independent failures and lists the others", () => {
    const steps = [
      row(a1, "failed", { start: 0, end: 300 }),
      row(a2, "skipped"),
      row(b1, "succeeded", { start: 0, end: 50 }),
      row(b2, "failed", { start: 60, end: 120 }),
    ];
    const root = findRootFailure(plan, steps);
    expect(root?.stepId).toBe(b2);
    expect(root?.others).toEqual([a1]);
  });

  it("is null without failures", () => {
    expect(
      findRootFailure(
        plan,
        plan.steps.map((s) => row(s.id, "succeeded", { start: 0, end: 1 })),
      ),
    ).toBeNull();
  });

  it("dependentsOf follows chains", () => {
    expect(dependentsOf(plan, a1)).toEqual([a2]);
    expect(dependentsOf(plan, b2)).toEqual([]);
  });
});
