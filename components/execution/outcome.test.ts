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
    });
    expect(readOutcome({ failedSteps: ["a/1-zones"], rootFailure: "a/1-zones" })).toEqual({
      kind: "failed",
      failedSteps: ["a/1-zones"],
    });
    expect(readOutcome({ succeeded: 4 })).toEqual({ kind: "succeeded", steps: 4 });
  });

  it("shows nothing for anything else", () => {
    expect(readOutcome(null)).toEqual({ kind: "none" });
    expect(readOutcome({ stale: "yes" })).toEqual({ kind: "none" });
  });
});
