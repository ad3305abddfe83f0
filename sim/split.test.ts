/**
 * The `split` profile over real HTTP: per-endpoint generation rules (older rejected, same
 * generation with other content rejected, identical accepted without change), and bodies
 * that do not parse.
 */
import { describe, expect, it } from "vitest";
import type { Endpoint, ZonesConfigBody } from "../lib/wire/types";
import { okBody } from "./test-support/rack";
import { errorCode, snapshot, splitRack, useSplitRack } from "./test-support/split";

useSplitRack();

describe("split generation rules", () => {
  it("rejects older and changed-at-same-generation requests, accepts identical ones without change", async () => {
    const { c } = await splitRack();
    const before = await snapshot(c);
    const zones: ZonesConfigBody = before.inventory.omicron_zones;
    const cases: [Endpoint, { generation: number }, unknown][] = [
      ["disks", before.disks, { ...before.disks, disks: [] }],
      ["datasets", before.datasets, { ...before.datasets, datasets: {} }],
      ["zones", zones, { ...zones, zones: [] }],
    ];
    for (const [endpoint, current, changed] of cases) {
      const older = await c.send(endpoint, { ...current, generation: current.generation - 1 });
      expect([older.status, errorCode(older)], `${endpoint} older`).toEqual([
        400,
        "GenerationOutdated",
      ]);
      const conflict = await c.send(endpoint, changed);
      expect(
        [conflict.status, errorCode(conflict)],
        `${endpoint} same generation, other content`,
      ).toEqual([400, "ConfigurationChanged"]);
      const same = await c.send(endpoint, current);
      expect(same.ok, `${endpoint} identical`).toBe(true);
    }
    expect(await snapshot(c)).toEqual(before);
  });

  it("applies a newer generation and ledgers it", async () => {
    const { c } = await splitRack();
    const before = await snapshot(c);
    const r = await c.putDisks({ ...before.disks, generation: before.disks.generation + 1 });
    expect(r.status).toBe(200);
    expect(okBody(r).status.every((s) => s.err === null)).toBe(true);
    expect(okBody(await c.getDisks()).generation).toBe(before.disks.generation + 1);
    expect(okBody(await c.getSplitInventory()).omicron_physical_disks_generation).toBe(
      before.disks.generation + 1,
    );
  });

  it("answers 400 with an omicron error body for a body that does not parse", async () => {
    const { c } = await splitRack();
    const r = await c.send("datasets", { generation: "three", datasets: [] });
    expect(r.ok).toBe(false);
    if (r.ok || r.failure.kind !== "http") throw new Error("expected an HTTP failure");
    expect(r.status).toBe(400);
    expect(r.failure.retryable).toBe(false);
    expect(r.failure.error?.message).toMatch(/^unable to parse JSON body: generation/);
    expect(r.failure.error?.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
