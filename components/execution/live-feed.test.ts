import { describe, expect, it } from "vitest";
import { EMPTY_FEED, isNewer, LOG_LIMIT, reduceFeed, type LiveFeed } from "./live-feed";
import type { FeedEvent } from "./types";

const ev = (
  id: number,
  type: string,
  stepId: string | null = null,
  data: unknown = {},
): FeedEvent => ({ id: String(id), at: "2026-11-25T10:00:00.000Z", type, stepId, data });
const fold = (events: FeedEvent[], from: LiveFeed = EMPTY_FEED) => events.reduce(reduceFeed, from);

describe("reduceFeed", () => {
  it("tracks the execution state and the last event id", () => {
    const f = fold([
      ev(1, "execution.requested"),
      ev(2, "execution.approved"),
      ev(3, "execution.running"),
    ]);
    expect(f.executionState).toBe("running");
    expect(f.lastEventId).toBe("3");
  });

  it("drops events it has already seen (a replay after reconnecting)", () => {
    const once = fold([
      ev(9, "step.started", "s"),
      ev(10, "step.failed", "s", { error: "HTTP 400: no" }),
    ]);
    const again = fold(
      [ev(9, "step.started", "s"), ev(10, "step.failed", "s", { error: "HTTP 400: no" })],
      once,
    );
    expect(again).toBe(once);
    expect(again.log).toHaveLength(2);
  });

  it("takes an event that committed late (a lower id after a higher one) once, keeping the highest id", () => {
    const f = fold([
      ev(12, "step.started", "b"),
      ev(11, "step.retrying", "a", { attempt: 1, delayMs: 200, error: "HTTP 503" }),
    ]);
    expect(f.lastEventId).toBe("12");
    expect(f.retrying.a).toMatchObject({ attempt: 1 });
    expect(
      fold([ev(11, "step.retrying", "a", { attempt: 1, delayMs: 200, error: "HTTP 503" })], f),
    ).toBe(f);
  });

  it("compares ids as integers, not as text", () => {
    expect(isNewer("10", "9")).toBe(true);
    expect(isNewer("9", "10")).toBe(false);
    expect(isNewer("1", null)).toBe(true);
  });

  it("shows a retry until the step ends, and reconciliation until it ends", () => {
    const retrying = fold([
      ev(1, "step.started", "s"),
      ev(2, "attempt.finished", "s"),
      ev(3, "step.retrying", "s", { attempt: 1, delayMs: 180, error: "HTTP 503: busy" }),
    ]);
    expect(retrying.retrying.s).toMatchObject({
      attempt: 1,
      delayMs: 180,
      error: "HTTP 503: busy",
    });
    const reconciling = fold([ev(4, "step.reconciling", "s", { generation: 3 })], retrying);
    expect(reconciling.reconciling.has("s")).toBe(true);
    const done = fold([ev(5, "step.succeeded", "s")], reconciling);
    expect(done.retrying).toEqual({});
    expect(done.reconciling.has("s")).toBe(false);
  });

  it("writes the log newest first, in words, bounded", () => {
    const f = fold([
      ev(1, "step.skipped", "b", { because: "a" }),
      ev(2, "sled.unverified", null, { sledId: "x", reason: "inventory unavailable" }),
    ]);
    expect(f.log.map((l) => l.text)).toEqual([
      "sled x could not be verified: inventory unavailable",
      "b skipped: a did not succeed",
    ]);
    expect(f.unverified).toEqual([{ sledId: "x", reason: "inventory unavailable" }]);
    const many = fold(
      Array.from({ length: LOG_LIMIT + 5 }, (_, i) => ev(i + 1, "step.started", `s${i}`)),
    );
    expect(many.log).toHaveLength(LOG_LIMIT);
    expect(many.log[0]?.text).toBe(`s${LOG_LIMIT + 4} started`);
  });

  it("keeps attempt events out of the log", () => {
    expect(fold([ev(1, "attempt.started", "s", { attempt: 1 })]).log).toEqual([]);
  });
});
