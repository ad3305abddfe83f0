/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two values
 * that mean the same thing serialise to the same string, so it serves for content
 * comparison (sled-agent generation rules) and for the plan hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new Error(`canonicalJson: non-finite number ${value}`); // a bug, never user input
    }
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const rec = value as Record<string, unknown>;
  const keys = Object.keys(rec)
    .filter((k) => rec[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(",")}}`;
}

/**
 * `canonicalJson(a) === canonicalJson(b)`, without building the strings: the planner and the
 * sled model compare whole configs many times per sled, and serialising them was a third of
 * the planning time for a 1,000-sled rack (docs/BENCHMARKS.md). Values shared by reference
 * are equal without being walked.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aIsObject = typeof a === "object" && a !== null;
  const bIsObject = typeof b === "object" && b !== null;
  if (!aIsObject || !bIsObject) {
    if (aIsObject || bIsObject) return false;
    if (typeof a === "string" && typeof b === "string") return false; // a !== b above
    return canonicalJson(a) === canonicalJson(b); // other primitives: null/undefined, -0, …
  }
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bs[i])) return false;
    return true;
  }
  return sameMembers(a as Record<string, unknown>, b as Record<string, unknown>);
}

/**
 * Same own members, `undefined` ones ignored (canonicalJson drops them). `for…in` with an own
 * check visits exactly `Object.keys` without allocating the key arrays.
 */
function sameMembers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let defined = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    const value = a[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.hasOwn(b, key) || b[key] === undefined) return false;
    if (!sameJson(value, b[key])) return false;
  }
  for (const key in b) if (Object.hasOwn(b, key) && b[key] !== undefined) defined--;
  return defined === 0;
}
