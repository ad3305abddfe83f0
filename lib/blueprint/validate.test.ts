/**
 * Rack-level checks (validate.ts): healthy blueprints, duplicate ids, decommissioned sleds,
 * and the order of findings. Each finding comes from a minimal broken blueprint and goes
 * away in the fixed one.
 */
import { describe, expect, it } from "vitest";
import type { Blueprint } from "./model";
import { editedBlueprint, healthyBlueprint, sled1, zoneOf } from "./testing/edits";
import { at, healthySledIds } from "./testing/builders";
import { validateBlueprint, type FindingCode } from "./validate";

const codes = (bp: Blueprint): FindingCode[] => validateBlueprint(bp).map((f) => f.code);

describe("validateBlueprint: the rack", () => {
  it("finds nothing in healthy blueprints of one and several sleds", () => {
    expect(validateBlueprint(healthyBlueprint(1))).toEqual([]);
    expect(validateBlueprint(healthyBlueprint(4))).toEqual([]);
  });

  it("duplicate ids within a sled and across sleds", () => {
    const within = editedBlueprint((s) => void s.zones.push({ ...zoneOf(s, sled1.ntpZone) }));
    expect(codes(within)).toEqual(["duplicate-id"]);
    const across = editedBlueprint((s) => void (at(s.disks, 0).id = healthySledIds(2).disk), 2);
    expect(validateBlueprint(across)).toMatchObject([
      {
        code: "duplicate-id-across-sleds",
        sledId: healthySledIds(2).sled,
        items: [{ kind: "disk", id: healthySledIds(2).disk }],
      },
    ]);
    expect(codes(healthyBlueprint(2))).toEqual([]);
  });

  it("in-service items on a decommissioned sled", () => {
    const broken = editedBlueprint((s) => void (s.state = "decommissioned"));
    const [finding] = validateBlueprint(broken);
    expect(finding).toMatchObject({ code: "decommissioned-sled-in-service", severity: "error" });
    expect(finding?.items).toHaveLength(8);
    const fixed = editedBlueprint((s) => {
      s.state = "decommissioned";
      for (const item of [...s.disks, ...s.datasets, ...s.zones]) item.disposition = "expunged";
    });
    expect(codes(fixed)).toEqual([]);
  });

  it("sorts findings by sled, then code, then item", () => {
    const bp = editedBlueprint((s) => {
      s.datasets = s.datasets.filter((d) => d.id !== sled1.ntpRoot && d.id !== sled1.crucibleRoot);
      s.zones.push({ ...zoneOf(s, sled1.ntpZone) });
    }, 2);
    const findings = validateBlueprint(bp).map((f) => [f.sledId, f.code, f.items[0]?.id]);
    expect(findings).toEqual([...findings].sort());
  });
});
