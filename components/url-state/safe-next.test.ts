import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps paths on this site, query included", () => {
    expect(safeNext("/diff?parent=x&view=graph")).toBe("/diff?parent=x&view=graph");
  });

  it("refuses anything that leaves the site", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
    ]) {
      expect(safeNext(bad)).toBe("/racks");
    }
  });
});
