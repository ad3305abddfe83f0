import { describe, expect, it } from "vitest";
import { shortDbVersion } from "./format-db-version.ts";

describe("shortDbVersion", () => {
  it("keeps the product and version of a PostgreSQL version string", () => {
    expect(
      shortDbVersion(
        "PostgreSQL 18.1 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 12.2.0, 64-bit",
      ),
    ).toBe("PostgreSQL 18.1");
    expect(shortDbVersion("PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64")).toBe(
      "PostgreSQL 15.19",
    );
  });

  it("returns other strings unchanged", () => {
    expect(shortDbVersion("  CockroachDB CCL v23.1  ")).toBe("CockroachDB CCL v23.1");
  });
});
