import { describe, expect, it } from "vitest";
import { unstorableTextPath } from "./storable-text";

describe("unstorableTextPath", () => {
  it("finds NUL and unpaired surrogates in values and keys, and passes paired ones", () => {
    expect(unstorableTextPath({ a: ["ok", "x\u0000"] })).toBe("a[1]");
    expect(unstorableTextPath({ a: { "\ud800": 1 } })).toBe("a.\ud800");
    expect(unstorableTextPath("\udc00")).toBe("(input)");
    expect(unstorableTextPath({ emoji: "🙂 𝔘", plain: "ok", n: 1, none: null })).toBeNull();
  });

  it("walks input nested 100,000 levels deep without overflowing the stack", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}"\\u0000"${"}".repeat(100_000)}`) as unknown;
    expect(unstorableTextPath(deep)?.startsWith("a.a.a")).toBe(true);
  });
});
