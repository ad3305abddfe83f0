import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, requestLimitsFromEnv, TokenBuckets } from "./request-limits";

describe("TokenBuckets", () => {
  it("allows a burst, then one request per refilled token, and says when the next one comes", () => {
    const b = new TokenBuckets({ perSecond: 10, burst: 3 });
    expect([0, 0, 0].map((t) => b.take("a", t).ok)).toEqual([true, true, true]);
    expect(b.take("a", 0)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(b.take("a", 100).ok).toBe(true);
    expect(b.take("b", 100).ok).toBe(true); // another client has its own bucket
  });

  it("charges a batch one token per procedure, and lets a batch larger than the burst through once full", () => {
    const b = new TokenBuckets({ perSecond: 10, burst: 5 });
    expect(b.take("a", 0, 4).ok).toBe(true);
    expect(b.take("a", 0, 2)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(b.take("c", 0, 50).ok).toBe(true); // capped at the burst: a full bucket pays it
    expect(b.take("c", 0, 1).ok).toBe(false);
  });
});

describe("requestLimitsFromEnv", () => {
  it("defaults to an 8 MiB body and 50 requests a second with bursts of 200", () => {
    expect(requestLimitsFromEnv({})).toEqual({
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      rate: { perSecond: 50, burst: 200 },
    });
  });
  it("turns the rate limit off with API_RATE_PER_SECOND=0 and refuses nonsense with the variable's name", () => {
    expect(requestLimitsFromEnv({ API_RATE_PER_SECOND: "0" }).rate).toBeNull();
    expect(() => requestLimitsFromEnv({ API_MAX_BODY_BYTES: "lots" })).toThrow(
      /API_MAX_BODY_BYTES must be a number/,
    );
  });
});
