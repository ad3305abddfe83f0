import { describe, expect, it } from "vitest";
import { row, twoSledPlan } from "./fixtures";
import { waitingOn } from "./waiting-on";

const plan = twoSledPlan();
const [a1, a2, b1, b2] = plan.steps.map((s) => s.id) as [string, string, string, string];

describe("waitingOn", () => {
  it("names the dependency a step waits on, or the step blocking it", () => {
    const steps = [
      row(a1, "running", { start: 0 }),
      row(a2, "pending"),
      row(b1, "failed", { start: 0, end: 5 }),
      row(b2, "pending"),
    ];
    const why = waitingOn(plan, steps, "running", 16);
    expect(why.get(a2)).toBe("waiting on 1-zones (running)");
    expect(why.get(b2)).toBe("blocked: 1-zones failed; this step will be skipped");
    expect(why.has(a1)).toBe(false);
  });

  it("says a ready step waits for its sled or a free slot", () => {
    const ready = [
      row(a1, "pending"),
      row(a2, "pending"),
      row(b1, "running", { start: 0 }),
      row(b2, "pending"),
    ];
    expect(waitingOn(plan, ready, "running", 16).get(a1)).toBe(
      "ready: starts at the executor's next pass",
    );
    expect(waitingOn(plan, ready, "running", 1).get(a1)).toBe(
      "waiting for a free executor slot (1 of 1 in flight)",
    );
  });

  it("explains steps before the run and after it ended", () => {
    const pending = plan.steps.map((s) => row(s.id, "pending"));
    expect(waitingOn(plan, pending, "awaiting_approval", 16).get(a1)).toBe("waiting for approval");
    expect(waitingOn(plan, pending, "stale", 16).get(b2)).toBe("not run: the plan was stale");
  });
});
