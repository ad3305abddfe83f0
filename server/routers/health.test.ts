import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCaller } from "./_app.ts";

describe("health.check", () => {
  it("reports the database as connected, with its PostgreSQL version to a signed-in user", async () => {
    const caller = createCaller({ user: { id: randomUUID(), name: "someone", roles: ["viewer"] } });
    const before = Date.now();
    const health = await caller.health.check();
    expect(health.ok).toBe(true);
    expect(health.database).toEqual({
      connected: true,
      version: expect.stringMatching(/^PostgreSQL \d+(\.\d+)?/),
    });
    expect(Date.parse(health.time)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("tells an anonymous caller only up/connected: no version", async () => {
    const health = await createCaller({}).health.check();
    expect(health.database).toEqual({ connected: true });
  });
});
