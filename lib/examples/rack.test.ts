import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemaErrors } from "~/test/support/openapi";
import { toOmicronJson } from "../blueprint/export";
import type { Blueprint } from "../blueprint/model";
import { validateBlueprint } from "../blueprint/validate";
import { diffBlueprints } from "../diff/diff-blueprints";
import { makeEmptyRack, makeExampleRack, makeWholeRackAdded } from "./rack";

const LOCKSTEP = "nexus-lockstep-openapi-latest-blueprint-schema.json";

const countItems = (bp: Blueprint) =>
  bp.sleds.reduce((n, s) => n + s.disks.length + s.datasets.length + s.zones.length, 0);

function zoneTypes(bp: Blueprint): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const zone of bp.sleds.flatMap((s) => s.zones))
    counts[zone.zoneType.type] = (counts[zone.zoneType.type] ?? 0) + 1;
  return counts;
}

describe("makeExampleRack", () => {
  const rack = makeExampleRack({ sleds: 32, seed: "bench" });

  it("lays every sled out like the dogfood sled, with the rack's control plane spread over it", () => {
    expect(rack.sleds).toHaveLength(32);
    for (const sled of rack.sleds) {
      expect(sled.disks).toHaveLength(10);
      expect(
        sled.disks.every(
          (d) => d.identity.vendor === "1b96" && d.identity.model === "WUS4C6432DSP3X3",
        ),
      ).toBe(true);
      expect(sled.zones.filter((z) => z.zoneType.type === "crucible")).toHaveLength(10);
      expect(sled.zones.filter((z) => z.zoneType.type.endsWith("_ntp"))).toHaveLength(1);
      expect(sled.generation).toBe(2);
    }
    expect(zoneTypes(rack)).toEqual({
      boundary_ntp: 2,
      clickhouse: 1,
      cockroach_db: 5,
      crucible: 320,
      crucible_pantry: 3,
      external_dns: 2,
      internal_dns: 3,
      internal_ntp: 30,
      nexus: 3,
      oximeter: 1,
    });
  });

  it("keeps the dogfood dataset properties: debug 100 GiB gzip-9, everything else off and unlimited", () => {
    const datasets = rack.sleds.flatMap((s) => s.datasets);
    const debug = datasets.filter((d) => d.kind === "debug");
    expect(debug).toHaveLength(320);
    expect(
      debug.every(
        (d) =>
          d.quota === 107374182400 && d.compression.type === "gzip_n" && d.compression.level === 9,
      ),
    ).toBe(true);
    const rest = datasets.filter((d) => d.kind !== "debug");
    expect(
      rest.every((d) => d.quota === null && d.reservation === null && d.compression.type === "off"),
    ).toBe(true);
  });

  it("is a valid blueprint, also by omicron's own HEAD Blueprint schema", () => {
    expect(validateBlueprint(rack)).toEqual([]);
    expect(
      schemaErrors(LOCKSTEP, "Blueprint", toOmicronJson(makeExampleRack({ sleds: 3, seed: 1 }))),
    ).toEqual([]);
  });

  // The generator writes `extra.subnet` as omicron does: `{ net: "<prefix>::/64" }`.
  it("puts zones on their sled's underlay /64 and internal DNS in the DNS subnets", () => {
    const sled = rack.sleds[0];
    const subnet = (sled?.extra.subnet as { net: string }).net.replace("::/64", "::");
    for (const zone of sled?.zones ?? []) {
      const address = String(
        zone.zoneType.address ?? zone.zoneType.internal_address ?? zone.zoneType.http_address,
      );
      expect(address).toContain(
        zone.zoneType.type === "internal_dns" ? "[fd00:1122:3344:" : `[${subnet}`,
      );
    }
    expect(rack.sleds.map((s) => (s.extra.subnet as { net: string }).net)).toContain(
      "fd00:1122:3344:101::/64",
    );
  });

  it("is deterministic per seed and differs across seeds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.string(), fc.string(), (sleds, a, b) => {
        const first = makeExampleRack({ sleds, seed: a });
        expect(makeExampleRack({ sleds, seed: a })).toEqual(first);
        if (a !== b)
          expect(makeExampleRack({ sleds, seed: b }).sleds[0]?.id).not.toBe(first.sleds[0]?.id);
      }),
      { numRuns: 25 },
    );
  });

  it("scales to 1,000 sleds and refuses sizes outside 1..1000", () => {
    expect(makeExampleRack({ sleds: 1000, seed: 1 }).sleds).toHaveLength(1000);
    expect(() => makeExampleRack({ sleds: 0, seed: 1 })).toThrow(RangeError);
    expect(() => makeEmptyRack({ sleds: 1001 })).toThrow(RangeError);
    expect(() => makeEmptyRack({ sleds: 2.5 })).toThrow(RangeError);
  });
});

describe("makeWholeRackAdded", () => {
  it("adds a whole rack from empty: ~2,000 graph nodes for 32 sleds, all of them added", () => {
    const { parent, target } = makeWholeRackAdded({ sleds: 32 });
    expect(target.parentId).toBe(parent.id);
    expect(parent.sleds.map((s) => s.id)).toEqual(target.sleds.map((s) => s.id));
    expect(countItems(parent)).toBe(0);
    expect(parent.sleds.every((s) => s.generation === 1)).toBe(true);
    const nodes = countItems(target);
    expect(nodes).toBeGreaterThan(1900);
    expect(nodes).toBeLessThan(2200);
    const { summary } = diffBlueprints(parent, target);
    expect(summary.sleds.modified).toBe(32);
    expect(summary.disks.added + summary.datasets.added + summary.zones.added).toBe(nodes);
  });

  it("shares sled ids and subnets with the empty rack of the same seed", () => {
    const empty = makeEmptyRack({ sleds: 4, seed: 9 });
    const { parent } = makeWholeRackAdded({ sleds: 4, seed: 9 });
    expect(parent).toEqual(empty);
    expect(validateBlueprint(empty)).toEqual([]);
  });
});
