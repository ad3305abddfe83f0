/**
 * Properties over generated racks (testing/racks.ts): import is deterministic and order- and
 * layout-independent, planner-shaped racks validate clean, export inverts import, and taking
 * away any dataset an in-service zone uses is always reported against that zone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOmicronJson } from "./export";
import { parseBlueprint } from "./import";
import type { Blueprint } from "./model";
import { SIMPLE_ZONE_TYPES, rackJson, type SledShape } from "./testing/racks";
import { validateBlueprint } from "./validate";
import { zoneDatasetRefs } from "./zones";

type Json = Record<string, unknown>;

const sledShapeArb: fc.Arbitrary<SledShape> = fc.record({
  disks: fc.integer({ min: 1, max: 4 }),
  extraZones: fc.array(fc.constantFrom(...SIMPLE_ZONE_TYPES), { maxLength: 5 }),
  expunge: fc.array(fc.nat(9), { maxLength: 3 }),
});
const rackArb = fc.array(sledShapeArb, { maxLength: 5 }).map(rackJson);

function parseOk(input: unknown): Blueprint {
  const result = parseBlueprint(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.blueprint;
}

/** The same document with each sled's collections reordered and, optionally, id-keyed. */
function relayout(doc: Json, keyed: boolean, rotate: number): Json {
  const sleds: Json = {};
  for (const [id, sled] of Object.entries(doc.sleds as Record<string, Json>).reverse()) {
    const shuffle = (items: unknown): unknown => {
      const list = items as { id: string }[];
      const turned = [
        ...list.slice(rotate % (list.length || 1)),
        ...list.slice(0, rotate % (list.length || 1)),
      ];
      return keyed ? Object.fromEntries(turned.map((i) => [i.id, i])) : turned;
    };
    sleds[id] = {
      ...sled,
      disks: shuffle(sled.disks),
      datasets: shuffle(sled.datasets),
      zones: shuffle(sled.zones),
    };
  }
  return { ...doc, sleds };
}

describe("generated racks", () => {
  it("import deterministically, validate clean and export back exactly", () => {
    fc.assert(
      fc.property(rackArb, (doc) => {
        const bp = parseOk(doc);
        expect(parseOk(structuredClone(doc))).toEqual(bp);
        expect(validateBlueprint(bp)).toEqual([]);
        expect(toOmicronJson(bp)).toEqual(doc);
      }),
      { numRuns: 60 },
    );
  });

  it("give the same model whatever the item order and collection layout", () => {
    fc.assert(
      fc.property(rackArb, fc.boolean(), fc.nat(20), (doc, keyed, rotate) => {
        const bp = parseOk(doc);
        expect({ ...parseOk(relayout(doc, keyed, rotate)), format: bp.format }).toEqual(bp);
      }),
      { numRuns: 60 },
    );
  });

  it("report any dataset taken from an in-service zone against that zone", () => {
    const caseArb = rackArb
      .map(parseOk)
      .chain((bp) => {
        const uses = bp.sleds.flatMap((sled) =>
          sled.zones
            .filter((z) => z.disposition === "in_service")
            .flatMap((zone) =>
              zoneDatasetRefs(zone).map((ref) => ({ sledId: sled.id, zoneId: zone.id, ref })),
            ),
        );
        return uses.length === 0
          ? fc.constant(null)
          : fc.tuple(fc.constant(bp), fc.constantFrom(...uses), fc.boolean());
      })
      .filter((c) => c !== null);
    fc.assert(
      fc.property(caseArb, ([bp, use, remove]) => {
        const broken = structuredClone(bp);
        const sled = broken.sleds.find((s) => s.id === use.sledId);
        const hit = (d: { pool: string; kind: string }) =>
          d.pool === use.ref.pool && d.kind === use.ref.kind;
        if (!sled) throw new Error("unreachable: the sled was picked from this blueprint");
        if (remove) sled.datasets = sled.datasets.filter((d) => !hit(d));
        else for (const d of sled.datasets) if (hit(d)) d.disposition = "expunged";
        const findings = validateBlueprint(broken).filter((f) =>
          f.items.some((i) => i.id === use.zoneId),
        );
        expect(findings.map((f) => f.code)).toContain(
          remove ? "zone-dataset-missing" : "zone-dataset-expunged",
        );
      }),
      { numRuns: 80 },
    );
  });
});
