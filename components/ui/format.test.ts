import { describe, expect, it } from "vitest";
import { formatDuration, formatTime, plural } from "./format";

describe("format", () => {
  it("formats durations at the scale that matters", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(2250)).toBe("2.3 s");
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });

  it("formats times in UTC and leaves garbage alone", () => {
    expect(formatTime("2025-05-01T00:00:00Z")).toBe("2025-05-01 00:00 UTC");
    expect(formatTime("not a time")).toBe("not a time");
  });

  it("pluralises", () => {
    expect(plural(1, "sled")).toBe("1 sled");
    expect(plural(3, "step")).toBe("3 steps");
  });
});
