import { describe, expect, it } from "vitest";
import {
  clientKey,
  DEFAULT_MAX_BODY_BYTES,
  requestLimitsFromEnv,
  TokenBuckets,
} from "./request-limits";

describe("TokenBuckets", () => {
  it("allows a burst, then one request per refilled token, and says when the next one comes", () => {
    const b = new TokenBuckets({ perSecond: 10, burst: 3 });
    expect([0, 0, 0].map((t) => b.take("a", t).ok)).toEqual([true, true, true]);
    expect(b.take("a", 0)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(b.take("a", 100).ok).toBe(true);
    expect(b.take("b", 100).ok).toBe(true); // another client has its own bucket
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

describe("clientKey", () => {
  it("uses the last X-Forwarded-For hop, else X-Real-IP", () => {
    const req = (h: Record<string, string>) => new Request("http://x/", { headers: h });
    expect(clientKey(req({ "x-forwarded-for": "1.1.1.1, 10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientKey(req({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientKey(req({}))).toBe("unknown");
  });
});
