/**
 * Deterministic placeholder uuids for things a source format does not carry: the sled and
 * blueprint ids of a bare sled config, and the external-IP ids the sled agent's zone types
 * strip. lib/ must be deterministic, so these come from content, never from randomness.
 *
 * The result is shaped like a version-4 uuid (version nibble 4, variant 8–b) so that it
 * passes omicron's uuid patterns (e.g. `ZpoolName` in openapi/nexus-lockstep.json). It is not
 * cryptographic; it only has to be stable and spread out.
 */

/** A stable text form of any value: keys sorted, cycles and non-JSON values named. */
export function stableText(value: unknown, seen: Set<object> = new Set()): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value}:${String(value)}`;
    case "undefined":
      return "undefined";
    case "object":
      break;
    default:
      return typeof value;
  }
  if (seen.has(value)) return "cycle";
  seen.add(value);
  // `value` is a non-null object here (checked above), so it can be read by key.
  const text = Array.isArray(value)
    ? `[${value.map((v) => stableText(v, seen)).join(",")}]`
    : `{${Object.keys(value)
        .sort()
        .map(
          (k) => `${JSON.stringify(k)}:${stableText((value as Record<string, unknown>)[k], seen)}`,
        )
        .join(",")}}`;
  seen.delete(value);
  return text;
}

/** Four independently seeded 32-bit FNV-1a passes (cyrb128-style mixing) → 128 bits. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  let h3 = 0x9e3779b9;
  let h4 = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x27d4eb2d);
    h4 = Math.imul(h4 ^ c, 0x165667b1);
  }
  h1 = Math.imul(h1 ^ (h2 >>> 15), 0x85ebca6b) ^ h4;
  h2 = Math.imul(h2 ^ (h3 >>> 13), 0xc2b2ae35) ^ h1;
  h3 = Math.imul(h3 ^ (h4 >>> 16), 0x27d4eb2d) ^ h2;
  h4 = Math.imul(h4 ^ (h1 >>> 11), 0x165667b1) ^ h3;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

/** A uuid derived from `purpose` and `content`; equal inputs give equal ids. */
export function placeholderUuid(purpose: string, content: unknown): string {
  const [a, b, c, d] = hash128(`${purpose}\u0000${stableText(content)}`);
  const hex = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
