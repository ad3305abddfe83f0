import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome";

describe("readOutcome", () => {
  it("reads the executor's three shapes", () => {
    expect(
      readOutcome({
        stale: [{ sledId: "s1", differences: ["config generation is 4, the plan assumed 2"] }],
      }),
    ).toEqual({
      kind: "stale",
      sleds: [{ sledId: "s1", differences: ["config generation is 4, the plan assumed 2"] }],
      reason: null,
    });
    expect(readOutcome({ failedSteps: ["a/1-zones"], rootFailure: "a/1-zones" })).toEqual({
      kind: "failed",
      failedSteps: ["a/1-zones"],
      reason: null,
    });
    expect(readOutcome({ succeeded: 4 })).toEqual({ kind: "succeeded", steps: 4 });
  });

  it("reads why the rack's move ended it (issue 12)", () => {
    const before = "the rack moved to b2 since this was requested: re-request from b2";
    expect(readOutcome({ stale: [], reason: before, currentBlueprintId: "b2" })).toEqual({
      kind: "stale",
      sleds: [],
      reason: before,
    });
    const during =
      "the rack's current blueprint moved to b2 while this ran; the sleds hold this target";
    expect(
      readOutcome({ failedSteps: [], rootFailure: null, reason: during, currentBlueprintId: "b2" }),
    ).toEqual({ kind: "failed", failedSteps: [], reason: during });
    expect(readOutcome({ stale: [], reason: 7 })).toMatchObject({ kind: "stale", reason: null });
  });

  it("shows nothing for anything else", () => {
    expect(readOutcome(null)).toEqual({ kind: "none" });
    expect(readOutcome({ stale: "yes" })).toEqual({ kind: "none" });
  });
});
