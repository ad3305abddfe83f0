import { describe, expect, it } from "vitest";
import { LoginThrottle, loginThrottleFromEnv } from "./login-throttle";

/** One failed attempt at `now`, or the refusal's wait. */
function fail(t: LoginThrottle, account: string, client: string, now: number): number | "checked" {
  const a = t.admit(account, client, now);
  if (!a.ok) return a.retryAfterMs;
  t.failed(a.ticket, now);
  return "checked";
}

describe("LoginThrottle", () => {
  it("locks an account for 1 s, 2 s, 4 s … up to the maximum after the free failures, and forgets after 15 min", () => {
    const t = new LoginThrottle({ freeFailures: 2, maxLockMs: 4_000 });
    expect(fail(t, "a", "c1", 0)).toBe("checked");
    expect(fail(t, "a", "c2", 0)).toBe("checked"); // another client: same account count
    expect(fail(t, "a", "c3", 0)).toBe("checked"); // the third is checked, then locks 1 s
    expect(fail(t, "a", "c4", 500)).toBe(500);
    expect(fail(t, "a", "c4", 1_000)).toBe("checked"); // locks 2 s
    expect(fail(t, "a", "c4", 2_999)).toBe(1);
    expect(fail(t, "a", "c4", 3_000)).toBe("checked"); // 4 s
    expect(fail(t, "a", "c4", 7_000)).toBe("checked"); // 8 s, capped at 4 s
    expect(fail(t, "a", "c4", 10_999)).toBe(1);
    expect(fail(t, "B", "c5", 11_000)).toBe("checked"); // names are case-insensitive: "b" is fresh
    const later = 11_000 + 15 * 60_000 + 1;
    expect(fail(t, "a", "c6", later)).toBe("checked");
    expect(fail(t, "a", "c6", later)).toBe("checked"); // counting from zero again
  });

  it("clears an account's count on success, but not its client's", () => {
    const t = new LoginThrottle({ freeFailures: 1, maxLockMs: 60_000 });
    expect(fail(t, "a", "c", 0)).toBe("checked");
    const ok = t.admit("a", "c", 0);
    expect(ok.ok).toBe(true);
    if (ok.ok) t.succeeded(ok.ticket, 0);
    expect(fail(t, "a", "other", 0)).toBe("checked"); // account count was cleared
    for (let i = 0; i < 3; i++) expect(fail(t, `x${i}`, "c", 0)).toBe("checked");
    expect(fail(t, "y", "c", 0)).toBe("checked"); // the client's 4 free failures are used up…
    expect(fail(t, "z", "c", 0)).toBe(1_000); // …so the next failure locked it
  });

  it("reads LOGIN_FREE_FAILURES and LOGIN_MAX_LOCK_SECONDS and names a bad one", () => {
    expect(loginThrottleFromEnv({})).toEqual({ freeFailures: 5, maxLockMs: 60_000 });
    expect(loginThrottleFromEnv({ LOGIN_MAX_LOCK_SECONDS: "10" }).maxLockMs).toBe(10_000);
    expect(() => loginThrottleFromEnv({ LOGIN_FREE_FAILURES: "x" })).toThrow(
      /^invalid LOGIN_FREE_FAILURES: LOGIN_FREE_FAILURES must be a number/,
    );
  });
});
