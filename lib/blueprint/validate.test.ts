/**
 * Each finding is produced by a minimal broken blueprint and not by the fixed one. Every
 * case starts from the healthy test blueprint (test-builders.ts), breaks one thing, and
 * fixes it again the way an operator (or omicron's planner) would.
 */
import { describe, expect, it } from "vitest";
import { parseBlueprint } from "./import";
import type { Blueprint, Dataset, SledConfig, Zone } from "./model";
import { blueprintJson, healthySledIds, testUuid } from "./test-builders";
import { validateBlueprint, type FindingCode } from "./validate";
import { rootDatasetKind, zpoolName } from "./zones";

const ids = healthySledIds(1);

function healthy(sleds = 1): Blueprint {
  const result = parseBlueprint(blueprintJson(sleds));
  if (!result.ok) throw new Error(JSON.stringify(result.errors)); // the builder is broken
  return result.blueprint;
}

/** The healthy one-sled blueprint with `edit` applied to a copy of its sled. */
function edited(edit: (sled: SledConfig) => void, sleds = 1): Blueprint {
  const bp = structuredClone(healthy(sleds));
  const sled = bp.sleds.find((s) => s.id === ids.sled);
  if (!sled) throw new Error("no sled 1"); // the builder is broken
  edit(sled);
  return bp;
}

const codes = (bp: Blueprint): FindingCode[] => validateBlueprint(bp).map((f) => f.code);
const zone = (sled: SledConfig, id: string): Zone => sled.zones.find((z) => z.id === id)!; // ids from the builder
const dataset = (sled: SledConfig, id: string): Dataset => sled.datasets.find((d) => d.id === id)!; // ditto

/** A second disk with its `zone` dataset, so things can move to another pool. */
function addSecondPool(sled: SledConfig): string {
  const poolId = testUuid("p", 77);
  sled.disks.push({
    id: testUuid("d", 77),
    poolId,
    identity: { vendor: "v", model: "m", serial: "s" },
    disposition: "in_service",
    extra: {},
  });
  sled.datasets.push({
    ...dataset(sled, ids.zoneDataset),
    id: testUuid("a", 770),
    pool: zpoolName(poolId),
  });
  return zpoolName(poolId);
}

describe("validateBlueprint", () => {
  it("finds nothing in healthy blueprints of one and several sleds", () => {
    expect(validateBlueprint(healthy(1))).toEqual([]);
    expect(validateBlueprint(healthy(4))).toEqual([]);
  });

  it("zone without its root dataset", () => {
    const broken = edited(
      (s) => void (s.datasets = s.datasets.filter((d) => d.id !== ids.ntpRoot)),
    );
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "zone-dataset-missing",
        severity: "error",
        sledId: ids.sled,
        items: [{ kind: "zone", id: ids.ntpZone }],
        message: `The in-service internal_ntp zone ${ids.ntpZone.slice(0, 8)}… has no root dataset ${rootDatasetKind({ id: ids.ntpZone, zoneType: { type: "internal_ntp" } })} on ${ids.pool}.`,
      },
    ]);
    const fixed = edited((s) => void (zone(s, ids.ntpZone).disposition = "expunged"));
    expect(codes(fixed)).toEqual([]);
  });

  it("zone without its durable dataset, or with it on another pool", () => {
    const missing = edited(
      (s) => void (s.datasets = s.datasets.filter((d) => d.id !== ids.crucibleDataset)),
    );
    expect(codes(missing)).toEqual(["zone-dataset-missing"]);
    const elsewhere = edited((s) => {
      dataset(s, ids.crucibleDataset).pool = addSecondPool(s);
    });
    expect(validateBlueprint(elsewhere)[0]?.message).toMatch(
      /no durable dataset crucible on .* \(there is one on oxp_/,
    );
    const fixed = edited((s) => void addSecondPool(s));
    expect(codes(fixed)).toEqual([]);
  });

  it("zone whose dataset is expunged; an in-service twin of the same name wins", () => {
    const broken = edited((s) => void (dataset(s, ids.crucibleDataset).disposition = "expunged"));
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "zone-dataset-expunged",
        items: [
          { kind: "zone", id: ids.crucibleZone },
          { kind: "dataset", id: ids.crucibleDataset },
        ],
      },
    ]);
    const fixed = edited((s) => {
      dataset(s, ids.crucibleDataset).disposition = "expunged";
      s.datasets.push({
        ...dataset(s, ids.crucibleDataset),
        id: testUuid("a", 999),
        disposition: "in_service",
      });
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("dataset on a pool with no in-service disk", () => {
    const expungedDisk = edited((s) => void (s.disks[0]!.disposition = "expunged")); // one disk
    expect(new Set(codes(expungedDisk))).toEqual(new Set(["dataset-pool-without-disk"]));
    expect(validateBlueprint(expungedDisk)).toHaveLength(5);
    const noDisk = edited((s) => void (s.disks = []));
    expect(validateBlueprint(noDisk)[0]?.message).toMatch(
      /no physical disk of this sled has that zpool/,
    );
    const fixed = edited((s) => {
      s.disks[0]!.disposition = "expunged";
      for (const d of s.datasets) d.disposition = "expunged";
      for (const z of s.zones) z.disposition = "expunged";
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("two in-service datasets with the same (pool, kind)", () => {
    const broken = edited(
      (s) => void s.datasets.push({ ...dataset(s, ids.debugDataset), id: testUuid("a", 555) }),
    );
    expect(validateBlueprint(broken)).toMatchObject([
      {
        code: "duplicate-dataset-name",
        items: [{ id: ids.debugDataset }, { id: testUuid("a", 555) }],
      },
    ]);
    const fixed = edited(
      (s) =>
        void s.datasets.push({
          ...dataset(s, ids.debugDataset),
          id: testUuid("a", 555),
          disposition: "expunged",
        }),
    );
    expect(codes(fixed)).toEqual([]);
  });

  it("duplicate ids within a sled and across sleds", () => {
    const within = edited((s) => void s.zones.push({ ...zone(s, ids.ntpZone) }));
    expect(codes(within)).toEqual(["duplicate-id"]);
    const across = edited((s) => void (s.disks[0]!.id = healthySledIds(2).disk), 2);
    expect(validateBlueprint(across)).toMatchObject([
      {
        code: "duplicate-id-across-sleds",
        sledId: healthySledIds(2).sled,
        items: [{ kind: "disk", id: healthySledIds(2).disk }],
      },
    ]);
    expect(codes(healthy(2))).toEqual([]);
  });

  it("zone/… dataset without its pool's in-service zone dataset", () => {
    const broken = edited((s) => void (dataset(s, ids.zoneDataset).disposition = "expunged"));
    expect(codes(broken)).toEqual(["zone-root-parent-missing", "zone-root-parent-missing"]);
    const fixed = edited((s) => {
      dataset(s, ids.zoneDataset).disposition = "expunged";
      s.datasets.push({
        ...dataset(s, ids.zoneDataset),
        id: testUuid("a", 556),
        disposition: "in_service",
      });
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("zone whose durable and root datasets are on different pools", () => {
    const broken = edited((s) => {
      const other = addSecondPool(s);
      zone(s, ids.crucibleZone).filesystemPool = other;
      dataset(s, ids.crucibleRoot).pool = other;
    });
    expect(validateBlueprint(broken)).toMatchObject([
      { code: "zone-pools-differ", items: [{ kind: "zone", id: ids.crucibleZone }] },
    ]);
    const fixed = edited((s) => void addSecondPool(s));
    expect(codes(fixed)).toEqual([]);
  });

  it("in-service items on a decommissioned sled", () => {
    const broken = edited((s) => void (s.state = "decommissioned"));
    const [finding] = validateBlueprint(broken);
    expect(finding).toMatchObject({ code: "decommissioned-sled-in-service", severity: "error" });
    expect(finding?.items).toHaveLength(8);
    const fixed = edited((s) => {
      s.state = "decommissioned";
      for (const item of [...s.disks, ...s.datasets, ...s.zones]) item.disposition = "expunged";
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("unknown zone type is a warning; only its root dataset is checked", () => {
    const broken = edited((s) => void (zone(s, ids.ntpZone).zoneType.type = "future_zone"));
    // The root dataset name depends on the type, so the renamed zone also lacks its root.
    expect(validateBlueprint(broken).map((f) => [f.code, f.severity])).toEqual([
      ["unknown-zone-type", "warning"],
      ["zone-dataset-missing", "error"],
    ]);
    const fixed = edited((s) => {
      zone(s, ids.ntpZone).zoneType.type = "future_zone";
      dataset(s, ids.ntpRoot).kind = rootDatasetKind(zone(s, ids.ntpZone));
    });
    expect(validateBlueprint(fixed).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("zone without a filesystem pool is a warning", () => {
    const broken = edited((s) => {
      zone(s, ids.ntpZone).filesystemPool = null;
      s.datasets = s.datasets.filter((d) => d.id !== ids.ntpRoot);
    });
    expect(validateBlueprint(broken).map((f) => [f.code, f.severity])).toEqual([
      ["zone-without-filesystem-pool", "warning"],
    ]);
    expect(codes(edited(() => undefined))).toEqual([]);
  });

  it("sorts findings by sled, then code, then item", () => {
    const bp = edited((s) => {
      s.datasets = s.datasets.filter((d) => d.id !== ids.ntpRoot && d.id !== ids.crucibleRoot);
      s.zones.push({ ...zone(s, ids.ntpZone) });
    }, 2);
    const findings = validateBlueprint(bp).map((f) => [f.sledId, f.code, f.items[0]?.id]);
    expect(findings).toEqual([...findings].sort());
  });
});
