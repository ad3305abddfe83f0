import { describe, expect, it } from "vitest";
import { omicronText } from "~/test/omicron-fixtures";
import type { Blueprint } from "../blueprint/model";
import { changedItems, diffBlueprints } from "../diff/diff-blueprints";
import {
  briefParent,
  deepFreeze,
  DISK_ID,
  SLED_ID,
  withSled,
  ZONE_ID,
  briefSled,
} from "../diff/testing/brief-example";
import { parseBlueprintShow } from "../diff/testing/omicron-text";
import { applyEdits, expungeDisk, expungeSled, expungeZone } from "./apply";
import type { EditResult } from "./types";

function ok(result: EditResult): Blueprint {
  if (!result.ok) throw new Error(result.error);
  return result.blueprint;
}

const summary = (parent: Blueprint, child: Blueprint) =>
  changedItems(diffBlueprints(parent, child)).map(
    (c) => `${c.status} ${c.kind} ${c.id.slice(0, 8)}`,
  );

/** The 3-sled example system of reconfigurator-cli (`load-example --nsleds 3 --ndisks-per-sled 3`). */
const example = deepFreeze(
  parseBlueprintShow(
    omicronText("diff-2026-08-expunge-crucible-zones.txt"),
    "dbcbd3d6-41ff-48ae-ac0b-1becc9b2fd21",
  ),
);
const D81C = "d81c6a84-79b8-4958-ae41-ea46c9b19763";

describe("expungeZone", () => {
  it("expunges the zone and both of its datasets, as of the new generation", () => {
    const parent = deepFreeze(structuredClone(briefParent));
    const child = ok(expungeZone(parent, ZONE_ID, { blueprintId: "child" }));
    expect(child).toMatchObject({ id: "child", parentId: briefParent.id });
    const sled = child.sleds[0];
    expect(sled?.generation).toBe(3);
    expect(sled?.zones[0]).toMatchObject({
      disposition: "expunged",
      expungedAsOf: 3,
      readyForCleanup: false,
    });
    expect(summary(parent, child)).toEqual([
      "removed dataset 3c2cb304",
      "removed dataset 543fc3b8",
      "removed zone 694bd14f",
    ]);
    expect(parent).toEqual(briefParent);
  });

  it("refuses unknown and already expunged zones, and decommissioned sleds", () => {
    expect(expungeZone(briefParent, "nope")).toEqual({ ok: false, error: "zone nope not found" });
    const child = ok(expungeZone(briefParent, ZONE_ID));
    expect(expungeZone(child, ZONE_ID)).toEqual({
      ok: false,
      error: `zone ${ZONE_ID} is already expunged`,
    });
    const gone = withSled(briefParent, { ...briefSled, state: "decommissioned" });
    expect(expungeZone(gone, ZONE_ID)).toMatchObject({
      ok: false,
      error: expect.stringContaining("decommissioned"),
    });
  });

  it("is deterministic: same parent and edit, same child", () => {
    expect(expungeZone(briefParent, ZONE_ID)).toEqual(expungeZone(briefParent, ZONE_ID));
    const a = ok(expungeZone(briefParent, ZONE_ID));
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.comment).toBe(`expunged zone ${ZONE_ID}`);
  });
});

describe("expungeDisk", () => {
  it("takes every dataset on the pool and every zone using it, with their datasets", () => {
    const disk = example.sleds
      .find((s) => s.id === D81C)
      ?.disks.find((d) => d.poolId.startsWith("18b20749"));
    const child = ok(expungeDisk(example, disk?.id ?? ""));
    const changes = diffBlueprints(example, child).sleds.find((s) => s.id === D81C);
    const removedOf = (items: ReadonlyArray<{ status: string }>) =>
      items.filter((i) => i.status === "removed");
    expect(removedOf(changes?.disks ?? [])).toHaveLength(1);
    // Every dataset of pool 18b20749 in omicron's example system, per-disk ones included.
    expect(removedOf(changes?.datasets ?? [])).toHaveLength(13);
    const zoneTypes = changes?.zones
      .filter((z) => z.status === "removed")
      .map((z) => z.after?.zoneType.type);
    expect(zoneTypes?.sort()).toEqual([
      "crucible",
      "crucible_pantry",
      "external_dns",
      "internal_dns",
      "internal_ntp",
      "nexus",
    ]);
    const expungedDisk = child.sleds
      .find((s) => s.id === D81C)
      ?.disks.find((d) => d.id === disk?.id);
    expect(expungedDisk).toMatchObject({
      disposition: "expunged",
      expungedAsOf: 3,
      readyForCleanup: false,
    });
  });

  it("refuses an unknown or already expunged disk", () => {
    expect(expungeDisk(briefParent, "nope")).toEqual({ ok: false, error: "disk nope not found" });
    const child = ok(expungeDisk(briefParent, DISK_ID));
    expect(expungeDisk(child, DISK_ID)).toEqual({
      ok: false,
      error: `disk ${DISK_ID} is already expunged`,
    });
  });
});

describe("expungeSled", () => {
  it("expunges everything, marks it ready for cleanup and decommissions the sled in one step", () => {
    const child = ok(expungeSled(example, D81C, { blueprintId: "child" }));
    const sled = child.sleds.find((s) => s.id === D81C);
    expect(sled?.state).toBe("decommissioned");
    expect(sled?.generation).toBe(3);
    const items = [...(sled?.disks ?? []), ...(sled?.datasets ?? []), ...(sled?.zones ?? [])];
    expect(items.every((i) => i.disposition === "expunged")).toBe(true);
    expect(
      [...(sled?.zones ?? []), ...(sled?.disks ?? [])].every((i) => i.readyForCleanup === true),
    ).toBe(true);
    const diff = diffBlueprints(example, child);
    expect(diff.sleds.map((s) => s.status)).toEqual(["unchanged", "unchanged", "decommissioned"]);
    expect(diff.summary.zones.removed).toBe(8);
  });

  it("can stop short of decommissioning, and refuses a decommissioned sled", () => {
    const child = ok(expungeSled(example, D81C, { decommission: false }));
    expect(child.sleds.find((s) => s.id === D81C)?.state).toBe("active");
    const gone = ok(expungeSled(example, D81C));
    expect(expungeSled(gone, D81C)).toMatchObject({
      ok: false,
      error: expect.stringContaining("decommissioned"),
    });
    expect(expungeSled(example, "nope")).toEqual({ ok: false, error: "sled nope not found" });
  });
});

describe("applyEdits", () => {
  it("bumps each touched sled's generation once, however many edits touched it", () => {
    const sled = example.sleds.find((s) => s.id === D81C);
    const crucibles =
      sled?.zones.filter((z) => z.zoneType.type === "crucible").map((z) => z.id) ?? [];
    const child = ok(
      applyEdits(
        example,
        crucibles.map((zoneId) => ({ kind: "expunge-zone" as const, zoneId })),
      ),
    );
    expect(child.sleds.map((s) => s.generation)).toEqual([2, 2, 3]);
    expect(summary(example, child).filter((line) => line.includes("zone "))).toHaveLength(3);
  });

  it("moves only the January-2025 ledgers whose content changed", () => {
    const split = withSled(briefParent, {
      ...briefSled,
      generation: 5,
      splitGenerations: { disks: 2, datasets: 4, zones: 5 },
    });
    const child = ok(expungeZone(split, ZONE_ID));
    expect(child.sleds[0]).toMatchObject({
      generation: 6,
      splitGenerations: { disks: 2, datasets: 5, zones: 6 },
    });
  });

  it("fails as a whole when one edit fails, naming the problem", () => {
    const result = applyEdits(briefParent, [
      { kind: "expunge-zone", zoneId: ZONE_ID },
      { kind: "expunge-zone", zoneId: ZONE_ID },
    ]);
    expect(result).toEqual({ ok: false, error: `zone ${ZONE_ID} is already expunged` });
    expect(applyEdits(briefParent, [])).toEqual({ ok: false, error: "no edits given" });
    expect(
      applyEdits(briefParent, [{ kind: "expunge-sled", sledId: SLED_ID }], {
        blueprintId: briefParent.id,
      }),
    ).toMatchObject({
      ok: false,
    });
  });
});
