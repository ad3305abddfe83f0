import { describe, expect, it } from "vitest";
import { filtersToSearch, parseFilters, toListInput } from "./history-filters";

const RACK = "7227015f-dc48-4161-8102-ddf868da7f51";

describe("history filters in the URL", () => {
  it("round-trips through the query string", () => {
    const f = { state: "failed" as const, rackId: RACK, from: "2026-11-01", to: "2026-11-25" };
    const search = filtersToSearch(f);
    expect(search).toBe(`?state=failed&rackId=${RACK}&from=2026-11-01&to=2026-11-25`);
    expect(parseFilters(new URLSearchParams(search))).toEqual(f);
  });

  it("drops values a hand-edited URL got wrong", () => {
    expect(
      parseFilters(new URLSearchParams("state=exploded&rackId=abc&from=2026-13-45&to=yesterday")),
    ).toEqual({});
    expect(filtersToSearch({})).toBe("");
  });

  it("maps days to the list's inclusive time range", () => {
    expect(toListInput({ from: "2026-11-01", to: "2026-11-02", state: "stale" })).toEqual({
      state: "stale",
      since: "2026-11-01T00:00:00.000Z",
      until: "2026-11-02T23:59:59.999Z",
    });
  });
});
