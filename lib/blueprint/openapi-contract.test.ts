/**
 * Contract tests against omicron's own OpenAPI documents: what we export must be a valid
 * HEAD `Blueprint` (openapi/nexus-lockstep.json), and the January-2025 documents we import in
 * tests must be valid `Blueprint`s of that era (openapi/nexus-internal.json @ 94d76b894f).
 */
import { Ajv, type ValidateFunction } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { omicronJson } from "~/test/omicron-fixtures";
import { toOmicronJson } from "./export";
import { parseBlueprint } from "./import";
import type { Blueprint } from "./model";
import { blueprintJson } from "./testing/builders";
import { SIMPLE_ZONE_TYPES, rackJson } from "./testing/racks";
import { jan2025DocFromSledConfig } from "./testing/builders-jan2025";

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema; ajv only honours it next to `type`, and
 * omicron writes it next to `allOf: [{$ref}]`. Rewrite it as `anyOf: [null, schema]`.
 */
function denullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(denullable);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== "nullable") out[k] = denullable(v);
  return (node as { nullable?: unknown }).nullable === true
    ? { anyOf: [{ type: "null" }, out] }
    : out;
}

/** The `Blueprint` schema of an OpenAPI file, `$ref`s resolved from its components/schemas. */
function blueprintValidator(file: string): ValidateFunction {
  // OpenAPI formats (uint64, ip, "hex string (32 bytes)") are not JSON Schema formats; the
  // patterns and types still apply.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(denullable(omicronJson(file)) as object, file);
  const validate = ajv.getSchema(`${file}#/components/schemas/Blueprint`);
  if (!validate) throw new Error(`no Blueprint schema in ${file}`); // a test bug
  return validate;
}

const headBlueprint = blueprintValidator("nexus-lockstep-openapi-latest-blueprint-schema.json");
const jan2025Blueprint = blueprintValidator(
  "nexus-internal-openapi-2025-01-06-blueprint-schema.json",
);

function expectValid(validate: ValidateFunction, doc: unknown): void {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
}

function parseOk(input: unknown): Blueprint {
  const result = parseBlueprint(input);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.blueprint;
}

/** What every input form carries: ids, states, generation and the items' own fields. */
function formatIndependent(bp: Blueprint) {
  return {
    id: bp.id,
    parentId: bp.parentId,
    sleds: bp.sleds.map((s) => ({
      id: s.id,
      state: s.state,
      generation: s.generation,
      disks: s.disks,
      datasets: s.datasets,
      zones: s.zones,
    })),
  };
}

const SLED_CONFIGS = [
  "dogfood-2025-05-01-merged-sled-config.json",
  "real-system-sled-config-v4.json",
  "real-system-sled-config-v14-converted.json",
];

describe("export validates against omicron HEAD's Blueprint schema", () => {
  it("for the test builders' blueprint (sanity check of the validator)", () => {
    expectValid(headBlueprint, blueprintJson(2));
    expect(headBlueprint({ ...blueprintJson(1), sleds: { x: { state: "active" } } })).toBe(false);
  });

  for (const file of SLED_CONFIGS) {
    it(`for ${file} imported as a blueprint, and round-trips`, () => {
      const bp = parseOk(omicronJson(file));
      const head = toOmicronJson(bp);
      expectValid(headBlueprint, head);
      expect(formatIndependent(parseOk(head))).toEqual(formatIndependent(bp));
      // Once in HEAD form, export and import are exact inverses.
      expect(toOmicronJson(parseOk(head))).toEqual(head);
    });
  }

  it("for a HEAD blueprint, exactly as it came", () => {
    const doc = blueprintJson(3);
    expect(toOmicronJson(parseOk(doc))).toEqual(doc);
  });
});

describe("January-2025 documents", () => {
  const jan = jan2025DocFromSledConfig(omicronJson("real-system-sled-config-v4.json"));

  it("built for the tests are valid against the 2025-01-06 Blueprint schema", () => {
    expectValid(jan2025Blueprint, jan.doc);
    expect(jan2025Blueprint({ ...jan.doc, sled_state: { x: "gone" } })).toBe(false);
  });

  it("export as valid HEAD blueprints that keep their items", () => {
    const bp = parseOk(jan.doc);
    const head = toOmicronJson(bp);
    expectValid(headBlueprint, head);
    const again = parseOk(head);
    // HEAD requires a filesystem_pool; a zone that had none and no root dataset gets a
    // placeholder pool (export.ts `fallbackFilesystemPool`).
    const poolless = new Set(
      bp.sleds.flatMap((s) => s.zones.filter((z) => z.filesystemPool === null).map((z) => z.id)),
    );
    expect(poolless).toEqual(new Set([jan.goneZoneId]));
    const items = (b: Blueprint) =>
      b.sleds.map((s) => ({
        id: s.id,
        state: s.state,
        generation: s.generation,
        disks: s.disks,
        datasets: s.datasets,
        zones: s.zones.map((z) => ({
          id: z.id,
          disposition: z.disposition,
          pool: poolless.has(z.id) ? "placeholder" : z.filesystemPool,
          type: z.zoneType,
          extra: z.extra,
        })),
      }));
    expect(items(again)).toEqual(items(bp));
  });
});

describe("export of generated racks", () => {
  const shapeArb = fc.record({
    disks: fc.integer({ min: 1, max: 3 }),
    extraZones: fc.array(fc.constantFrom(...SIMPLE_ZONE_TYPES), { maxLength: 4 }),
    expunge: fc.array(fc.nat(6), { maxLength: 3 }),
  });

  it("is always a valid HEAD Blueprint", () => {
    fc.assert(
      fc.property(fc.array(shapeArb, { maxLength: 4 }), (shapes) => {
        expectValid(headBlueprint, toOmicronJson(parseOk(rackJson(shapes))));
      }),
      { numRuns: 40 },
    );
  });
});
