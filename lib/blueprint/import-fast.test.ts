/**
 * The HEAD fast path (import-current-fast.ts) against the zod schema alone: on every document
 * the result must be the same — the same model, members in the same order, and the same
 * errors (which the fast path leaves to the schema).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeMixedChange } from "../examples/mixed-change";
import { makeExampleRack, makeWholeRackAdded } from "../examples/rack";
import { toOmicronJson } from "./export";
import { importCurrent, importCurrentViaSchema } from "./import-current";
import { importCurrentFast } from "./import-current-fast";
import { rackJson, SIMPLE_ZONE_TYPES } from "./testing/racks";
import { blueprintJson } from "./testing/builders";
import {
  adversarialDocumentArb,
  mutate,
  mutationArb,
  wellFormedDocuments,
} from "./testing/adversarial";

type Json = Record<string, unknown>;

/** Both paths agree, down to key order (JSON text) and `undefined` members (toStrictEqual). */
function agree(doc: unknown): boolean {
  const fast = importCurrent(doc);
  const slow = importCurrentViaSchema(doc);
  expect(fast).toStrictEqual(slow);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  return importCurrentFast(doc, []) !== null;
}

const headDoc = (): Json => {
  const doc = wellFormedDocuments().find((d) => d.name === "current")?.doc;
  if (!doc) throw new Error("no HEAD example"); // a bug in the fixture
  return doc as Json;
};

describe("HEAD import fast path", () => {
  it("takes the fast path for well-formed HEAD documents and builds the same model", () => {
    const parent = makeExampleRack({ sleds: 3, seed: "fast" });
    const child = makeMixedChange(parent, "fast");
    if (!child.ok) throw new Error(child.error);
    const whole = makeWholeRackAdded({ sleds: 2, seed: "fast" });
    const docs = [parent, child.blueprint, whole.parent, whole.target].map(
      (b) => JSON.parse(JSON.stringify(toOmicronJson(b))) as unknown,
    );
    docs.push(
      blueprintJson(3),
      rackJson([{ disks: 2, extraZones: SIMPLE_ZONE_TYPES, expunge: [1, 3] }]),
    );
    for (const doc of docs) expect(agree(doc)).toBe(true);
  });

  it("keeps zod's member order for zone types and their datasets, and unknown members everywhere", () => {
    const doc = structuredClone(headDoc()) as { sleds: Record<string, Json>; [k: string]: unknown };
    doc.zzz = { a: 1 };
    doc["1"] = "numeric key";
    for (const sled of Object.values(doc.sleds)) {
      sled.extra_field = [1, 2];
      for (const z of sled.zones as Json[]) {
        const zt = z.zone_type as Json;
        const reordered: Json = {
          extra: true,
          ...Object.fromEntries(Object.entries(zt).reverse()),
        };
        if (reordered.dataset) reordered.dataset = { other: 1, ...(reordered.dataset as Json) };
        z.zone_type = reordered;
        z.unknown = null;
      }
      for (const d of sled.datasets as Json[]) d.new_field = { x: 1 };
      for (const d of sled.disks as Json[]) d.new_field = "y";
    }
    expect(agree(doc)).toBe(true);
  });

  it("falls back to the schema, with the same result, on mutated documents (1,500)", () => {
    const head = headDoc();
    let fastTaken = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (ms) => {
        if (agree(mutate(head, ms))) fastTaken++;
      }),
      { numRuns: 1_000 },
    );
    fc.assert(
      fc.property(adversarialDocumentArb(), (doc) => void agree(doc)),
      { numRuns: 500 },
    );
    expect(fastTaken).toBeGreaterThan(0); // some mutations leave a well-formed document
  }, 120_000);

  it("leaves odd values to the schema", () => {
    const cases: ((doc: { sleds: Record<string, Json> }) => void)[] = [
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s) s.zones = Object.fromEntries((s.zones as Json[]).map((z) => [z.id, z]));
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s) (s.datasets as Json[])[0] = { ...(s.datasets as Json[])[0], pool: "oxp_nope" };
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s) s.sled_agent_generation = 2 ** 53;
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s) Object.defineProperty(s, "__proto__", { value: 1, enumerable: true });
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s)
          (s.zones as Json[])[0] = Object.assign(
            Object.create({ polluted: true }) as Json,
            (s.zones as Json[])[0],
          );
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        if (s) ((s.datasets as Json[])[0] as Json).compression = { type: "gzip_n" };
      },
      (d) => {
        const s = Object.values(d.sleds)[0];
        const z = s && (s.zones as Json[]).find((x) => (x.zone_type as Json).dataset);
        if (z) delete (z.zone_type as Json).dataset;
      },
    ];
    for (const change of cases) {
      const doc = structuredClone(headDoc()) as { sleds: Record<string, Json> };
      change(doc);
      expect(agree(doc)).toBe(false);
    }
  });
});
