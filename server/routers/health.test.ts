import { describe, expect, it } from "vitest";
import { createCaller } from "./_app.ts";

describe("health.check", () => {
  it("reports the database as connected, with its PostgreSQL version", async () => {
    const caller = createCaller({});
    const before = Date.now();
    const health = await caller.health.check();
    expect(health.ok).toBe(true);
    expect(health.database).toEqual({
      connected: true,
      version: expect.stringMatching(/^PostgreSQL \d+(\.\d+)?/),
    });
    expect(Date.parse(health.time)).toBeGreaterThanOrEqual(before - 1000);
  });
});
