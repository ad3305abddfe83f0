/**
 * Malformed and adversarial blueprint documents for fuzzing the import (and the API that
 * carries it): well-formed documents in every accepted layout, then mutations that break them
 * the ways real input breaks: wrong types, missing fields, huge strings and arrays, deep
 * nesting, duplicate ids, dangling references, odd keys and unicode. Pure and deterministic
 * given fast-check's choices; shared by lib and server tests.
 */
import fc from "fast-check";
import { toOmicronJson } from "../export";
import { makeExampleRack } from "~/lib/examples/rack";
import { inServiceWireItems, sledConfigBody, sledConfigExtras } from "~/lib/wire/bodies";
import { jan2025DocFromSledConfig } from "./builders-jan2025";

type Json = unknown;
type Path = (string | number)[];

/** Big values are built once and shared: fuzzing should stress the importer, not the generator. */
const HUGE_STRING = "x".repeat(1_000_000);
const HUGE_ARRAY = Array.from({ length: 100_000 }, (_, i) => i);
const WIDE_OBJECT = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));

function deeplyNested(depth: number): Json {
  let v: Json = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { nested: v };
  return v;
}
/** As deep as structuredClone and JSON.stringify go here; deeper input is built as text (deepJsonText). */
const DEEP = deeplyNested(2_000);

/** JSON text nested `depth` levels deep around `inner` (JSON.parse has no depth limit). */
export function deepJsonText(depth: number, inner = "0"): string {
  return `${'{"nested":'.repeat(depth)}${inner}${"}".repeat(depth)}`;
}

/** Values that are wrong almost anywhere in a blueprint. */
export const ODD_VALUES: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  " ",
  "null",
  "in_service",
  "00000000-0000-0000-0000-000000000000",
  "oxp_00000000-0000-0000-0000-000000000000",
  "\u0000",
  "\ud800",
  "zone/\u202e\u0000",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 🙂",
  "' OR 1=1 --",
  "__proto__",
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as Json,
  HUGE_STRING,
  HUGE_ARRAY,
  WIDE_OBJECT,
  DEEP,
];

const ODD_KEYS = [
  "",
  "__proto__",
  "constructor",
  "toString",
  "\u0000",
  "\ud800",
  "🙂",
  "a".repeat(10_000),
];

/** Paths to values in a JSON document (objects and arrays), the root first; not below `maxDepth`. */
export function pathsOf(doc: Json, limit = 5_000, maxDepth = 32): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path) => {
    if (out.length >= limit || path.length > maxDepth) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  return out;
}

/**
 * A deep copy without recursion. DEEP is 2,000 levels: structuredClone (recursive) overflowed
 * the stack when a property ran it from deep inside fast-check's shrinking, which made a
 * property fail on one seed and pass when replayed. Own members only (an own "__proto__" stays
 * a member); every copy is a plain object or array.
 */
function clone(v: Json): Json {
  if (typeof v !== "object" || v === null) return v;
  const copyOf = (x: object): Container => (Array.isArray(x) ? ([] as unknown as Container) : {});
  const root = copyOf(v);
  const todo: [Container, Container][] = [[v as Container, root]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [from, to] = next;
    for (const key of Object.keys(from)) {
      let value = from[key];
      if (typeof value === "object" && value !== null) {
        const copy = copyOf(value);
        todo.push([value as Container, copy]);
        value = copy;
      }
      Object.defineProperty(to, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

/**
 * An odd value of its own: later mutations of the document (a duplicate pushed into an array,
 * a member set) must not change the shared ODD_VALUES, or runs stop being independent (a
 * property test then fails on one seed and passes when replayed). An odd prototype is kept.
 */
function fresh(v: Json): Json {
  if (typeof v !== "object" || v === null) return v;
  const copy = clone(v);
  const proto: unknown = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype) Object.setPrototypeOf(copy, proto as object);
  return copy;
}

type Container = Record<string | number, Json>;

function parentOf(doc: Json, path: Path): { parent: Container; key: string | number } | null {
  if (path.length === 0) return null;
  let at: Json = doc;
  for (const k of path.slice(0, -1)) {
    if (typeof at !== "object" || at === null) return null;
    at = (at as Container)[k];
  }
  const key = path[path.length - 1];
  return typeof at === "object" && at !== null && key !== undefined
    ? { parent: at as Container, key }
    : null;
}

export type Mutation =
  | { op: "set"; at: number; value: number }
  | { op: "delete"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "rename-key"; at: number; key: number }
  | { op: "dangle"; at: number; seed: number }
  | { op: "wrap"; at: number; value: number };

/** Applies mutations in order; each picks its target by index into the current document's paths. */
export function mutate(doc: Json, mutations: readonly Mutation[]): Json {
  let out = clone(doc);
  for (const m of mutations) {
    const paths = pathsOf(out);
    const path = paths[m.at % paths.length] ?? [];
    const place = parentOf(out, path);
    switch (m.op) {
      case "set":
        if (place) place.parent[place.key] = fresh(ODD_VALUES[m.value % ODD_VALUES.length]);
        else out = fresh(ODD_VALUES[m.value % ODD_VALUES.length]);
        break;
      case "delete":
        if (place && Array.isArray(place.parent)) place.parent.splice(Number(place.key), 1);
        else if (place) delete place.parent[place.key];
        break;
      case "duplicate":
        // An array item twice, or an id-keyed member under a second key: duplicate ids.
        if (place && Array.isArray(place.parent))
          place.parent.push(clone(place.parent[Number(place.key)]));
        else if (place) place.parent[`${String(place.key)}-copy`] = clone(place.parent[place.key]);
        break;
      case "rename-key":
        if (place && !Array.isArray(place.parent)) {
          const value = place.parent[place.key];
          delete place.parent[place.key];
          Object.defineProperty(place.parent, ODD_KEYS[m.key % ODD_KEYS.length] ?? "", {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        break;
      case "dangle":
        // A reference to something that is not there: a pool no disk has, an id nothing uses.
        if (place && typeof place.parent[place.key] === "string") {
          const hex = (m.seed >>> 0).toString(16).padStart(8, "0");
          const s = String(place.parent[place.key]);
          place.parent[place.key] = s.startsWith("oxp_")
            ? `oxp_${hex}-dead-4bad-8bad-${hex}0000`
            : `${hex}-dead-4bad-8bad-${hex}0000`;
        }
        break;
      case "wrap":
        if (place)
          place.parent[place.key] = {
            [String(ODD_KEYS[m.value % ODD_KEYS.length])]: place.parent[place.key],
          };
        break;
      default:
        return m satisfies never;
    }
  }
  return out;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("rename-key" as const), at: fc.nat(), key: fc.nat() }),
  fc.record({ op: fc.constant("dangle" as const), at: fc.nat(), seed: fc.nat() }),
  fc.record({ op: fc.constant("wrap" as const), at: fc.nat(), value: fc.nat() }),
);

/** A one-sled example rack in each layout the importer accepts. */
export function wellFormedDocuments(): { name: string; doc: Json }[] {
  const rack = makeExampleRack({ sleds: 1, seed: "adversarial" });
  const current = toOmicronJson(rack) as Record<string, unknown>;
  const keyed = clone(current) as { sleds: Record<string, Record<string, unknown>> };
  for (const sled of Object.values(keyed.sleds)) {
    for (const k of ["disks", "datasets", "zones"]) {
      sled[k] = Object.fromEntries((sled[k] as { id: string }[]).map((item) => [item.id, item]));
    }
  }
  const sled = rack.sleds[0];
  if (!sled) throw new Error("example rack without sleds"); // a bug in the example generator
  const sledConfig = sledConfigBody(
    sled.generation,
    inServiceWireItems(sled, "reconciler"),
    sledConfigExtras(sled),
  ) as unknown as Record<string, unknown>;
  return [
    { name: "current", doc: current },
    { name: "keyed-2025", doc: keyed },
    { name: "jan-2025", doc: jan2025DocFromSledConfig(sledConfig).doc },
    { name: "sled-config", doc: sledConfig },
  ];
}

/** A well-formed document broken by one to four mutations. */
export function adversarialDocumentArb(): fc.Arbitrary<Json> {
  const docs = wellFormedDocuments().map((d) => d.doc);
  return fc
    .tuple(fc.constantFrom(...docs), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([doc, ms]) => mutate(doc, ms));
}

/** Anything at all at the root, unicode strings included. */
export const arbitraryJsonArb: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string({ unit: "binary" }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constantFrom(...ODD_VALUES),
  fc.record({ sleds: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ generation: fc.jsonValue({ maxDepth: 1 }), zones: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    sled_state: fc.jsonValue({ maxDepth: 2 }),
    blueprint_zones: fc.jsonValue({ maxDepth: 2 }),
  }),
);
