/**
 * Text PostgreSQL cannot store: a NUL character (U+0000) is refused by `text` and by `jsonb`,
 * and an unpaired UTF-16 surrogate by `jsonb` (and silently replaced in `text`). Input holding
 * either would otherwise reach a query and come back as a 500, so every procedure refuses it
 * up front with a 400 naming where it was (server/trpc.ts).
 */

// NUL, a lone high surrogate, or a lone low surrogate. Matching NUL is the point here.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// A cheap first look: text without NUL or any surrogate (nearly all of it) needs no more.
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\ud800-\udfff]/;
const unstorable = (s: string) => SUSPECT.test(s) && UNSTORABLE.test(s);

/** The path to the first string (value or key) PostgreSQL cannot store, or null. */
export function unstorableTextPath(input: unknown): string | null {
  // Iterative: input may be nested deeper than the call stack allows (JSON.parse has no limit).
  // Each entry keeps its parent's index and its own key; a path is built only for a hit (a
  // 1,000-sled blueprint has a million values: building every path cost more than the check).
  const values: unknown[] = [input];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [""];
  const stack: number[] = [0];
  const pathOf = (at: number, key?: string): string => {
    const parts: (string | number)[] = key === undefined ? [] : [key];
    for (let i = at; i > 0; i = parents[i] ?? 0) parts.push(keys[i] ?? "");
    let path = "";
    for (let j = parts.length - 1; j >= 0; j--) {
      const k = parts[j] ?? "";
      path = typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    }
    return path;
  };
  const push = (value: unknown, parent: number, key: string | number) => {
    stack.push(values.length);
    values.push(value);
    parents.push(parent);
    keys.push(key);
  };
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    const value = values[at];
    if (typeof value === "string") {
      if (unstorable(value)) return pathOf(at) || "(input)";
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) push(value[i], at, i);
    } else if (typeof value === "object" && value !== null) {
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        if (unstorable(k)) return pathOf(at, k);
        push((value as Record<string, unknown>)[k], at, k);
      }
    }
  }
  return null;
}
