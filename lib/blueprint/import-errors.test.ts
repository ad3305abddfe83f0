import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBlueprint, parseSledConfig, type ImportError } from "./import";
import { MAX_IMPORT_ERRORS } from "./issues";
import { at, blueprintJson, healthySledIds, member } from "./testing/builders";

type Json = Record<string, unknown>;

function errorsOf(input: unknown): ImportError[] {
  const result = parseBlueprint(input);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

/** A deep copy of the one-sled test blueprint with `edit` applied to its sled. */
function withSled(edit: (sled: Json) => void): Json {
  const doc = structuredClone(blueprintJson(1));
  edit(member(doc.sleds, healthySledIds(1).sled));
  return doc;
}

const sledPath = `sleds.${healthySledIds(1).sled}`;

describe("malformed input gives path + sentence errors", () => {
  it.each([
    [null, "found null"],
    [42, "found the number 42"],
    ["{}", 'found the string "{}"'],
    [[], "found an array"],
    [undefined, "found nothing"],
  ])("rejects the non-object %j at the root", (input, found) => {
    expect(errorsOf(input)).toEqual([
      {
        path: "(root)",
        message: `Expected a JSON object (an omicron Blueprint or a sled-agent OmicronSledConfig), ${found}.`,
      },
    ]);
  });

  it("names unrecognised objects and known unsupported shapes", () => {
    expect(errorsOf({ hello: 1 })[0]?.message).toMatch(
      /^Expected an omicron Blueprint .* none of these fields\.$/,
    );
    expect(errorsOf({ blueprints: [] })[0]?.path).toBe("blueprints");
    expect(errorsOf({ omicron_zones: {} })[0]?.message).toMatch(/2024 blueprint/);
    expect(errorsOf({ zones_config: {} })[0]?.message).toMatch(/March-2025/);
  });

  it("reports wrong types and missing fields at their JSON paths", () => {
    const doc = withSled((sled) => {
      sled.state = "gone";
      sled.sled_agent_generation = -1;
      const zones = sled.zones as Json[];
      member(at(zones, 1), "zone_type").type = 7;
      delete at(sled.datasets as Json[], 2).pool;
    });
    expect(errorsOf({ ...doc, id: 5 })).toEqual([
      { path: "id", message: "Expected a string, found the number 5." },
      {
        path: `${sledPath}.state`,
        message: 'Expected "active" or "decommissioned", found the string "gone".',
      },
      {
        path: `${sledPath}.sled_agent_generation`,
        message: "Expected a value of at least 0, found the number -1.",
      },
      {
        path: `${sledPath}.datasets[2].pool`,
        message: "Expected a string, but the field is missing.",
      },
      {
        path: `${sledPath}.zones[1].zone_type.type`,
        message: "Expected a string, found the number 7.",
      },
    ]);
  });

  it("explains dispositions, pools, collections and durable datasets", () => {
    const doc = withSled((sled) => {
      const zones = sled.zones as Json[];
      at(zones, 0).disposition = { kind: "retired" };
      at(zones, 1).filesystem_pool = "pool-1";
      delete member(at(zones, 0), "zone_type").dataset;
      sled.disks = "none";
    });
    const errors = errorsOf(doc);
    expect(errors).toEqual([
      {
        path: `${sledPath}.disks`,
        message:
          'Expected the disks as an array or as an object keyed by disk id, found the string "none".',
      },
      {
        path: `${sledPath}.zones[0].disposition.kind`,
        message: 'Expected "kind" to be "in_service" or "expunged", found the string "retired".',
      },
      {
        path: `${sledPath}.zones[0].zone_type.dataset`,
        message: 'Expected {"pool_name": "oxp_<uuid>"}: a crucible zone has a durable dataset.',
      },
      {
        path: `${sledPath}.zones[1].filesystem_pool`,
        message: 'Expected a zpool name of the form oxp_<uuid>, found the string "pool-1".',
      },
    ]);
  });

  it("checks that an id-keyed item sits under its own id", () => {
    const result = parseSledConfig({
      generation: 1,
      disks: {},
      datasets: {},
      zones: { a: { id: "b", zone_type: { type: "oximeter" } } },
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: "zones.a.id", message: 'Expected the zone id to equal its key "a", found "b".' },
    ]);
  });

  it("reports expunged details missing from a tagged disposition", () => {
    const doc = withSled((sled) => {
      at(sled.disks as Json[], 0).disposition = { kind: "expunged", as_of_generation: 2 };
    });
    expect(errorsOf(doc)).toEqual([
      {
        path: `${sledPath}.disks[0].disposition.ready_for_cleanup`,
        message: "Expected true or false, but the field is missing.",
      },
    ]);
  });

  it("caps the number of errors", () => {
    const zones = Array.from({ length: 200 }, () => ({ id: 1 }));
    const errors = errorsOf(withSled((sled) => void (sled.zones = zones)));
    expect(errors).toHaveLength(MAX_IMPORT_ERRORS + 1);
    expect(errors.at(-1)?.message).toMatch(/^…and \d+ more errors\.$/);
  });
});

describe("never throws", () => {
  const wellFormed = (errors: ImportError[]) =>
    errors.length > 0 && errors.every((e) => e.path.length > 0 && /^[A-Z…].*\.$/s.test(e.message));

  it("on arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }),
        (input) => {
          const result = parseBlueprint(input);
          return result.ok || wellFormed(result.errors);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("on blueprints with one field anywhere replaced by garbage", () => {
    const doc = blueprintJson(2);
    const paths = leafPaths(doc);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, garbage) => {
        const broken = structuredClone(doc);
        setAt(broken, path, garbage);
        const result = parseBlueprint(broken);
        return result.ok || wellFormed(result.errors);
      }),
      { numRuns: 500 },
    );
  });
});

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))].filter(
    (p) => p.length > 0,
  );
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

describe('a "__proto__" key (zod would drop it silently)', () => {
  it("is refused as a sled id, with its path, instead of losing the sled", () => {
    const doc = structuredClone(blueprintJson(1));
    const sleds = doc.sleds as Record<string, unknown>;
    const sled = member(sleds, healthySledIds(1).sled);
    const json = JSON.stringify({ ...doc, sleds: {} }).replace(
      '"sleds":{}',
      `"sleds":{"__proto__":${JSON.stringify(sled)}}`,
    );
    const errors = errorsOf(JSON.parse(json));
    expect(errors).toContainEqual(
      expect.objectContaining({ path: "sleds", message: expect.stringContaining('"__proto__"') }),
    );
  });

  it("is refused as a disk id in an id-keyed collection (the collection's path)", () => {
    const doc = withSled((sled) => {
      const disks = sled.disks as Json[];
      sled.disks = JSON.parse(`{"__proto__":${JSON.stringify(disks[0])}}`) as Json;
    });
    expect(errorsOf(doc)).toContainEqual(expect.objectContaining({ path: `${sledPath}.disks` }));
  });
});
