import { describe, expect, it } from "vitest";
import { row, SLED_A, SLED_B, T0, twoSledPlan } from "./fixtures";
import { isSettled, meanFinishedStepMs, progressOf, remainingPlan } from "./progress";

const plan = twoSledPlan();
const [a1, a2, b1, b2] = plan.steps.map((s) => s.id) as [string, string, string, string];

describe("progressOf", () => {
  it("counts done steps and estimates the rest from the measured step time", () => {
    const steps = [
      row(a1, "succeeded", { start: 0, end: 1_000 }),
      row(a2, "running", { start: 1_000 }),
      row(b1, "succeeded", { start: 0, end: 3_000 }),
      row(b2, "pending"),
    ];
    const p = progressOf(
      plan,
      steps,
      { state: "running", startedAt: new Date(T0).toISOString(), finishedAt: null },
      T0 + 4_000,
    );
    expect(p).toMatchObject({
      total: 4,
      done: 2,
      percent: 50,
      elapsedMs: 4_000,
      meanStepMs: 2_000,
    });
    // a2 and b2 are independent and both left: one wave of the mean step time.
    expect(p.etaMs).toBe(2_000);
  });

  it("has no ETA once the execution ended, and elapsed stops at the finish", () => {
    const steps = [
      row(a1, "failed", { start: 0, end: 500 }),
      row(a2, "skipped"),
      row(b1, "succeeded", { start: 0, end: 500 }),
      row(b2, "succeeded", { start: 500, end: 900 }),
    ];
    const p = progressOf(
      plan,
      steps,
      {
        state: "failed",
        startedAt: new Date(T0).toISOString(),
        finishedAt: new Date(T0 + 1_000).toISOString(),
      },
      T0 + 60_000,
    );
    expect(p).toMatchObject({ done: 3, etaMs: null, elapsedMs: 1_000 }); // the skipped step never ran
    expect(p.counts).toMatchObject({ failed: 1, skipped: 1, succeeded: 2 });
  });

  it("counts no step as done when none was sent (a stale plan)", () => {
    const steps = plan.steps.map((s) => row(s.id, "skipped"));
    const p = progressOf(
      plan,
      steps,
      { state: "stale", startedAt: null, finishedAt: new Date(T0).toISOString() },
      T0,
    );
    expect(p).toMatchObject({ done: 0, total: 4, etaMs: null });
  });

  it("uses the plan preview's default latency before any step finished", () => {
    const steps = plan.steps.map((s) => row(s.id, "pending"));
    const p = progressOf(plan, steps, { state: "approved", startedAt: null, finishedAt: null }, T0);
    expect(p.elapsedMs).toBeNull();
    expect(p.etaMs).toBeGreaterThan(0);
  });

  it("remainingPlan drops done steps and dependencies on them", () => {
    const left = remainingPlan(
      plan,
      new Map([
        [a1, "succeeded"],
        [b1, "succeeded"],
      ]),
    );
    expect(left.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      [a2, []],
      [b2, []],
    ]);
  });

  it("meanFinishedStepMs ignores unfinished and failed steps", () => {
    expect(
      meanFinishedStepMs([
        row(`${SLED_A}/1`, "failed", { start: 0, end: 10 }),
        row(`${SLED_B}/1`, "running", { start: 0 }),
      ]),
    ).toBeNull();
  });
});

describe("isSettled", () => {
  it("is true once the execution is terminal and no step is still running", () => {
    expect(isSettled({ state: "running", stepList: [{ state: "succeeded" }] })).toBe(false);
    expect(
      isSettled({ state: "cancelled", stepList: [{ state: "running" }, { state: "cancelled" }] }),
    ).toBe(false);
    expect(
      isSettled({ state: "cancelled", stepList: [{ state: "cancelled" }, { state: "succeeded" }] }),
    ).toBe(true);
    expect(isSettled({ state: "succeeded", stepList: [] })).toBe(true);
  });
});
