import { describe, expect, it } from "vitest";
import type { Blueprint, SledConfig } from "../blueprint/model";
import { changedItems, diffBlueprints } from "./diff-blueprints";
import {
  CRUCIBLE_DATASET_ID,
  SLED_ID,
  ZONE_DATASET_ID,
  ZONE_ID,
  briefParent,
  briefSled,
  deepFreeze,
  withSled,
} from "./testing/brief-example";

/** The §1.8 target: the crucible zone and both of its datasets expunged at generation 3. */
const expungedSled: SledConfig = {
  ...briefSled,
  generation: 3,
  datasets: briefSled.datasets.map((d) =>
    d.id === ZONE_DATASET_ID || d.id === CRUCIBLE_DATASET_ID
      ? { ...d, disposition: "expunged" }
      : d,
  ),
  zones: briefSled.zones.map((z) => ({
    ...z,
    disposition: "expunged",
    expungedAsOf: 3,
    readyForCleanup: false,
  })),
};
const target = withSled(briefParent, expungedSled, "8da82a8e-bf97-4fbd-8ddd-9f6462732cf1");

describe("diffBlueprints", () => {
  it("reports no change for a blueprint against itself", () => {
    const diff = diffBlueprints(briefParent, briefParent);
    expect(diff.summary.hasChanges).toBe(false);
    expect(diff.sleds.map((s) => s.status)).toEqual(["unchanged"]);
    expect(changedItems(diff)).toEqual([]);
  });

  it("counts an expunged zone and its datasets as removed, with the changed fields", () => {
    const diff = diffBlueprints(deepFreeze(structuredClone(briefParent)), target);
    const sled = diff.sleds[0];
    expect(sled?.status).toBe("modified");
    expect(sled?.generation).toEqual({ before: 2, after: 3 });
    expect(changedItems(diff).map((c) => `${c.kind} ${c.id} ${c.status}`)).toEqual([
      `dataset ${CRUCIBLE_DATASET_ID} removed`,
      `dataset ${ZONE_DATASET_ID} removed`,
      `zone ${ZONE_ID} removed`,
    ]);
    expect(sled?.zones[0]?.changes).toMatchInlineSnapshot(`
      [
        {
          "after": "expunged",
          "before": "in_service",
          "field": "disposition",
        },
        {
          "after": 3,
          "before": null,
          "field": "expungedAsOf",
        },
        {
          "after": false,
          "before": null,
          "field": "readyForCleanup",
        },
      ]
    `);
    expect(diff.summary).toMatchObject({
      sleds: { modified: 1 },
      datasets: { removed: 2, unchanged: 1 },
      zones: { removed: 1 },
      disks: { unchanged: 1 },
    });
  });

  it("lists a dataset property change as modified with old and new values", () => {
    const changed = {
      ...briefSled,
      generation: 3,
      datasets: briefSled.datasets.map((d) =>
        d.kind === "zone" ? { ...d, quota: 1024, compression: { type: "gzip_n", level: 9 } } : d,
      ),
    };
    const sled = diffBlueprints(briefParent, withSled(briefParent, changed, "child")).sleds[0];
    const modified = sled?.datasets.filter((d) => d.status === "modified");
    expect(modified?.map((d) => d.changes)).toEqual([
      [
        { field: "quota", before: null, after: 1024 },
        { field: "compression", before: { type: "off" }, after: { type: "gzip_n", level: 9 } },
      ],
    ]);
  });

  it("treats an item already expunged, or pruned after expungement, as unchanged", () => {
    const pruned: SledConfig = { ...expungedSled, generation: 4, zones: [] };
    const diff = diffBlueprints(target, withSled(target, pruned, "pruned"));
    expect(changedItems(diff)).toEqual([]);
    expect(diff.sleds[0]?.zones[0]).toMatchObject({ status: "unchanged", after: null });
    // Still a modified sled: the generation moved and a row disappears from omicron's table.
    expect(diff.sleds[0]?.status).toBe("modified");
  });

  it("counts an expunged item brought back into service as added", () => {
    const diff = diffBlueprints(
      target,
      withSled(target, { ...briefSled, generation: 4 }, "revived"),
    );
    expect(changedItems(diff).map((c) => c.status)).toEqual(["added", "added", "added"]);
  });

  it("classifies added, removed and decommissioned sleds", () => {
    const other: SledConfig = { ...briefSled, id: "aaaaaaaa-0000-4000-8000-000000000000" };
    const parent: Blueprint = { ...briefParent, sleds: [other, briefSled] };
    const newcomer: SledConfig = {
      ...briefSled,
      id: "ffffffff-0000-4000-8000-000000000000",
      generation: 2,
    };
    const decommissioned: SledConfig = {
      ...expungedSled,
      state: "decommissioned",
      disks: briefSled.disks.map((d) => ({ ...d, disposition: "expunged" })),
      datasets: briefSled.datasets.map((d) => ({ ...d, disposition: "expunged" })),
    };
    const child: Blueprint = { ...briefParent, id: "child", sleds: [decommissioned, newcomer] };
    const diff = diffBlueprints(parent, child);
    expect(diff.sleds.map((s) => [s.id.slice(0, 8), s.status])).toEqual([
      ["aaaaaaaa", "removed"],
      [SLED_ID.slice(0, 8), "decommissioned"],
      ["ffffffff", "added"],
    ]);
    expect(diff.summary.zones).toEqual({ added: 1, removed: 2, modified: 0, unchanged: 0 });
    expect(diff.sleds[1]?.changes.map((c) => c.field)).toEqual(["state", "generation"]);
  });

  it("sees sled-level changes that the sled agent receives", () => {
    const bumped = { ...briefSled, extra: { ...briefSled.extra, remove_mupdate_override: "x" } };
    const diff = diffBlueprints(briefParent, withSled(briefParent, bumped, "child"));
    expect(diff.sleds[0]?.status).toBe("modified");
    expect(diff.sleds[0]?.changes).toEqual([
      { field: "extra.remove_mupdate_override", before: null, after: "x" },
    ]);
  });

  it("records per-endpoint generations of the January-2025 form", () => {
    const split = { ...briefSled, splitGenerations: { disks: 2, datasets: 4, zones: 5 } };
    const next = { ...split, splitGenerations: { disks: 2, datasets: 5, zones: 6 } };
    const parent = withSled(briefParent, split);
    const diff = diffBlueprints(parent, withSled(parent, next, "child"));
    expect(diff.sleds[0]?.changes).toEqual([
      { field: "splitGenerations", before: split.splitGenerations, after: next.splitGenerations },
    ]);
  });
});
