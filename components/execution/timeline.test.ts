import { describe, expect, it } from "vitest";
import { attempt, row, SLED_A, SLED_B, twoSledPlan } from "./fixtures";
import { attemptOutcome, firstAttemptStarts, layoutTimeline, ticksFor } from "./timeline";
import { T0 } from "./fixtures";

const plan = twoSledPlan();
const [a1, , b1] = plan.steps.map((s) => s.id) as [string, string, string, string];

describe("layoutTimeline", () => {
  it("puts each started step in its sled's lane with its attempts, as fractions of the window", () => {
    const steps = [
      row(a1, "succeeded", { start: 600, end: 1_000, attempts: 2 }),
      row(b1, "succeeded", { start: 0, end: 500 }),
    ];
    const attempts = [
      attempt(a1, 1, 0, 100, { status: 503, error: "HTTP 503", errorKind: "retryable" }),
      attempt(a1, 2, 600, 900),
      attempt(b1, 1, 0, 400),
    ];
    const t = layoutTimeline(steps, attempts, [SLED_A, SLED_B], T0 + 5_000);
    expect(t?.windowMs).toBe(1_000);
    expect(t?.lanes.map((l) => l.sledId)).toEqual([SLED_A, SLED_B]);
    const a = t?.lanes[0]?.steps[0];
    // A retried step spans from its first attempt.
    expect(a).toMatchObject({ stepId: a1, left: 0, width: 1, durationMs: 1_000 });
    expect(a?.attempts.map((x) => [x.attempt, x.outcome, x.left, x.width])).toEqual([
      [1, "retryable", 0, 0.1],
      [2, "ok", 0.6, 0.3],
    ]);
  });

  it("extends running steps to now and is null before anything started", () => {
    expect(layoutTimeline([row(a1, "pending")], [], [SLED_A], T0)).toBeNull();
    const t = layoutTimeline(
      [row(a1, "running", { start: 0 })],
      [attempt(a1, 1, 0, null)],
      [SLED_A, SLED_B],
      T0 + 2_000,
    );
    expect(t?.windowMs).toBe(2_000);
    expect(t?.lanes).toHaveLength(1);
    expect(t?.lanes[0]?.steps[0]?.attempts[0]?.outcome).toBe("in-flight");
  });

  it("classifies attempts and picks round ticks", () => {
    expect(attemptOutcome({ finishedAt: "x", errorKind: null, error: null })).toBe("ok");
    expect(
      attemptOutcome({ finishedAt: "x", errorKind: "abandoned", error: "runner stopped" }),
    ).toBe("abandoned");
    expect(ticksFor(4_300)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it("firstAttemptStarts keeps each step's earliest attempt", () => {
    const starts = firstAttemptStarts([
      attempt(a1, 2, 600, 900),
      attempt(a1, 1, 0, 100),
      attempt(b1, 1, 50, 60),
    ]);
    expect([...starts]).toEqual([
      [a1, new Date(T0).toISOString()],
      [b1, new Date(T0 + 50).toISOString()],
    ]);
  });
});
