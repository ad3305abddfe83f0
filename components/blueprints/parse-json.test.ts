import { describe, expect, it } from "vitest";
import { lineAndColumn, parseJsonInput } from "./parse-json";

describe("parseJsonInput", () => {
  it("parses JSON", () => {
    expect(parseJsonInput('{"id": 1}')).toEqual({ ok: true, value: { id: 1 } });
  });

  it("asks for input when there is none", () => {
    expect(parseJsonInput("  \n")).toEqual({
      ok: false,
      error: { path: "(root)", message: "Paste a blueprint's JSON or choose a file first." },
    });
  });

  it("says where the JSON breaks", () => {
    const result = parseJsonInput('{\n  "id": 1,\n  oops\n}');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/^This is not valid JSON \(line 3, column 3\): /);
  });
});

describe("lineAndColumn", () => {
  it("counts from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toBe("line 1, column 1");
    expect(lineAndColumn("ab\ncd", 4)).toBe("line 2, column 2");
  });
});
