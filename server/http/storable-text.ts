/**
 * Text PostgreSQL cannot store: a NUL character (U+0000) is refused by `text` and by `jsonb`,
 * and an unpaired UTF-16 surrogate by `jsonb` (and silently replaced in `text`). Input holding
 * either would otherwise reach a query and come back as a 500, so every procedure refuses it
 * up front with a 400 naming where it was (server/trpc.ts).
 */

// NUL, a lone high surrogate, or a lone low surrogate. Matching NUL is the point here.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path to the first string (value or key) PostgreSQL cannot store, or null. */
export function unstorableTextPath(input: unknown): string | null {
  // Iterative: input may be nested deeper than the call stack allows (JSON.parse has no limit).
  const stack: { value: unknown; path: string }[] = [{ value: input, path: "" }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) return path || "(input)";
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]` }));
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        if (UNSTORABLE.test(k)) return at;
        stack.push({ value: v, path: at });
      }
    }
  }
  return null;
}
