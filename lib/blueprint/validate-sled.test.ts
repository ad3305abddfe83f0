/**
 * Checks inside one sled (validate-sled.ts): each finding is produced by a minimal broken
 * blueprint and not by the fixed one. Every case starts from the healthy test blueprint,
 * breaks one thing, and fixes it the way an operator (or omicron's planner) would.
 */
import { describe, expect, it } from "vitest";
import type { Blueprint } from "./model";
import { addSecondPool, datasetOf, editedBlueprint, sled1, zoneOf } from "./testing/edits";
import { at, testUuid } from "./testing/builders";
import { validateBlueprint, type FindingCode } from "./validate";
import { rootDatasetKind } from "./zones";

const codes = (bp: Blueprint): FindingCode[] => validateBlueprint(bp).map((f) => f.code);

describe("validateBlueprint: zones and datasets of a sled", () => {
  it("zone without its root dataset", () => {
    const broken = editedBlueprint(
      (s) => void (s.datasets = s.datasets.filter((d) => d.id !== sled1.ntpRoot)),
    );
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "zone-dataset-missing",
        severity: "error",
        sledId: sled1.sled,
        items: [{ kind: "zone", id: sled1.ntpZone }],
        message: `The in-service internal_ntp zone ${sled1.ntpZone.slice(0, 8)}… has no root dataset ${rootDatasetKind({ id: sled1.ntpZone, zoneType: { type: "internal_ntp" } })} on ${sled1.pool}.`,
      },
    ]);
    const fixed = editedBlueprint((s) => void (zoneOf(s, sled1.ntpZone).disposition = "expunged"));
    expect(codes(fixed)).toEqual([]);
  });

  it("zone without its durable dataset, or with it on another pool", () => {
    const missing = editedBlueprint(
      (s) => void (s.datasets = s.datasets.filter((d) => d.id !== sled1.crucibleDataset)),
    );
    expect(codes(missing)).toEqual(["zone-dataset-missing"]);
    const elsewhere = editedBlueprint((s) => {
      datasetOf(s, sled1.crucibleDataset).pool = addSecondPool(s);
    });
    expect(validateBlueprint(elsewhere)[0]?.message).toMatch(
      /no durable dataset crucible on .* \(there is one on oxp_/,
    );
    const fixed = editedBlueprint((s) => void addSecondPool(s));
    expect(codes(fixed)).toEqual([]);
  });

  it("zone whose dataset is expunged; an in-service twin of the same name wins", () => {
    const broken = editedBlueprint(
      (s) => void (datasetOf(s, sled1.crucibleDataset).disposition = "expunged"),
    );
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "zone-dataset-expunged",
        items: [
          { kind: "zone", id: sled1.crucibleZone },
          { kind: "dataset", id: sled1.crucibleDataset },
        ],
      },
    ]);
    const fixed = editedBlueprint((s) => {
      datasetOf(s, sled1.crucibleDataset).disposition = "expunged";
      s.datasets.push({
        ...datasetOf(s, sled1.crucibleDataset),
        id: testUuid("a", 999),
        disposition: "in_service",
      });
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("dataset on a pool with no in-service disk", () => {
    const expungedDisk = editedBlueprint((s) => void (at(s.disks, 0).disposition = "expunged"));
    expect(new Set(codes(expungedDisk))).toEqual(new Set(["dataset-pool-without-disk"]));
    expect(validateBlueprint(expungedDisk)).toHaveLength(5);
    const noDisk = editedBlueprint((s) => void (s.disks = []));
    expect(validateBlueprint(noDisk)[0]?.message).toMatch(
      /no physical disk of this sled has that zpool/,
    );
    const fixed = editedBlueprint((s) => {
      at(s.disks, 0).disposition = "expunged";
      for (const d of s.datasets) d.disposition = "expunged";
      for (const z of s.zones) z.disposition = "expunged";
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("two in-service datasets with the same (pool, kind)", () => {
    const broken = editedBlueprint(
      (s) => void s.datasets.push({ ...datasetOf(s, sled1.debugDataset), id: testUuid("a", 555) }),
    );
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "duplicate-dataset-name",
        items: [{ id: sled1.debugDataset }, { id: testUuid("a", 555) }],
      },
    ]);
    const fixed = editedBlueprint(
      (s) =>
        void s.datasets.push({
          ...datasetOf(s, sled1.debugDataset),
          id: testUuid("a", 555),
          disposition: "expunged",
        }),
    );
    expect(codes(fixed)).toEqual([]);
  });

  it("zone/… dataset without its pool's in-service zone dataset", () => {
    const broken = editedBlueprint(
      (s) => void (datasetOf(s, sled1.zoneDataset).disposition = "expunged"),
    );
    expect(codes(broken)).toEqual(["zone-root-parent-missing", "zone-root-parent-missing"]);
    const fixed = editedBlueprint((s) => {
      datasetOf(s, sled1.zoneDataset).disposition = "expunged";
      s.datasets.push({
        ...datasetOf(s, sled1.zoneDataset),
        id: testUuid("a", 556),
        disposition: "in_service",
      });
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("zone whose durable and root datasets are on different pools", () => {
    const broken = editedBlueprint((s) => {
      const other = addSecondPool(s);
      zoneOf(s, sled1.crucibleZone).filesystemPool = other;
      datasetOf(s, sled1.crucibleRoot).pool = other;
    });
    expect(validateBlueprint(broken)).toMatchObject([
      { code: "zone-pools-differ", items: [{ kind: "zone", id: sled1.crucibleZone }] },
    ]);
    const fixed = editedBlueprint((s) => void addSecondPool(s));
    expect(codes(fixed)).toEqual([]);
  });

  it("unknown zone type is a warning; only its root dataset is checked", () => {
    const broken = editedBlueprint(
      (s) => void (zoneOf(s, sled1.ntpZone).zoneType.type = "future_zone"),
    );
    // The root dataset name depends on the type, so the renamed zone also lacks its root.
    expect(validateBlueprint(broken).map((f) => [f.code, f.severity])).toEqual([
      ["unknown-zone-type", "warning"],
      ["zone-dataset-missing", "error"],
    ]);
    const fixed = editedBlueprint((s) => {
      zoneOf(s, sled1.ntpZone).zoneType.type = "future_zone";
      datasetOf(s, sled1.ntpRoot).kind = rootDatasetKind(zoneOf(s, sled1.ntpZone));
    });
    expect(validateBlueprint(fixed).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("zone without a filesystem pool is a warning", () => {
    const broken = editedBlueprint((s) => {
      zoneOf(s, sled1.ntpZone).filesystemPool = null;
      s.datasets = s.datasets.filter((d) => d.id !== sled1.ntpRoot);
    });
    expect(validateBlueprint(broken).map((f) => [f.code, f.severity])).toEqual([
      ["zone-without-filesystem-pool", "warning"],
    ]);
    expect(codes(editedBlueprint(() => undefined))).toEqual([]);
  });
});
