import { describe, expect, it } from "vitest";
import {
  instanceState,
  isPollOverdue,
  lastPoll,
  parseNexusUrls,
  stateLabel,
  type NexusInstance,
  type NexusTarget,
} from "./nexus-status";

const newest: NexusTarget = {
  blueprintId: "11111111-1111-4111-8111-111111111111",
  enabled: true,
  timeMadeTarget: "2026-01-01T00:01:00.000Z",
};
const older: NexusTarget = {
  blueprintId: "22222222-2222-4222-8222-222222222222",
  enabled: true,
  timeMadeTarget: "2026-01-01T00:00:00.000Z",
};
const polled = (over: Partial<NexusInstance>): NexusInstance => ({
  url: "http://nexus:12232",
  reachable: true,
  lastPolledAt: "2026-01-01T00:02:00.000Z",
  era: "lockstep",
  target: newest,
  ...over,
});
const label = (over: Partial<NexusInstance>) => stateLabel(instanceState(polled(over), newest));

describe("instanceState", () => {
  it("names each fault of issue 14 in words", () => {
    expect(label({})).toBe("✓ ok");
    expect(label({ lastPolledAt: null, reachable: false, era: null, target: null })).toBe(
      "… not polled yet",
    );
    expect(label({ target: older })).toBe("⚠ stale: reports an older target");
    expect(label({ target: { ...newest, enabled: false } })).toBe(
      "⚠ stale: reports an older target",
    );
    expect(label({ era: "unknown", error: "answers in an unknown era: …" })).toBe("? unknown era");
    expect(
      label({
        reachable: false,
        error: "GET /deployment/blueprints/target: no answer within 700 ms",
      }),
    ).toBe("◷ slow: timed out");
    expect(label({ reachable: false, error: "GET /x: ECONNREFUSED: connect ECONNREFUSED" })).toBe(
      "✗ down",
    );
    expect(label({ error: "GET /deployment/blueprints/all: HTTP 500: injected" })).toBe(
      "✗ answers HTTP 500",
    );
    expect(label({ error: "blueprint list: more than 1000 pages" })).toBe("✗ failing");
  });

  it("keeps the message for the operator", () => {
    expect(instanceState(polled({ reachable: false, error: "boom" }), newest)).toEqual({
      kind: "down",
      detail: "boom",
    });
  });

  it("one instance alone is never stale", () => {
    expect(instanceState(polled({ target: older }), older).kind).toBe("ok");
  });
});

describe("polls", () => {
  it("says when the newest poll is overdue", () => {
    const at = Date.parse("2026-01-01T00:02:00.000Z");
    expect(isPollOverdue(null, at)).toBe(false);
    expect(isPollOverdue("2026-01-01T00:01:30.000Z", at)).toBe(false);
    expect(isPollOverdue("2026-01-01T00:00:30.000Z", at)).toBe(true);
  });

  it("finds the most recent poll", () => {
    expect(lastPoll([])).toBeNull();
    expect(
      lastPoll([
        polled({ lastPolledAt: "2026-01-01T00:00:00.000Z" }),
        polled({ lastPolledAt: null }),
        polled({ lastPolledAt: "2026-01-01T00:03:00.000Z" }),
      ]),
    ).toBe("2026-01-01T00:03:00.000Z");
  });
});

describe("parseNexusUrls", () => {
  it("takes one URL per line, or separated by commas or spaces", () => {
    expect(parseNexusUrls(" http://a:1\n\nhttp://b:2, http://c:3 ")).toEqual([
      "http://a:1",
      "http://b:2",
      "http://c:3",
    ]);
    expect(parseNexusUrls("  \n")).toEqual([]);
  });
});
