import { describe, expect, it } from "vitest";
import {
  DEFAULT_DIFF_STATE,
  diffHref,
  parseDiffUrl,
  serializeDiffUrl,
  type DiffUrlState,
} from "./diff-url";

const P = "0e1e4927-da61-4b27-b8df-ebe2d82e8905";
const T = "74412086-73a9-469b-91ca-82206ab7044d";
const S = "aaaaaaaa-0000-4000-8000-000000000001";
const parse = (query: string) => parseDiffUrl(new URLSearchParams(query));

describe("parseDiffUrl", () => {
  it("reads every field", () => {
    expect(
      parse(
        `parent=${P}&target=${T}&view=graph&sled=${S}&kind=zone,dataset&change=removed&q=crucible&profile=split&order=phased`,
      ),
    ).toEqual({
      parentId: P,
      targetId: T,
      view: "graph",
      filters: { sleds: [S], kinds: ["zone", "dataset"], changes: ["removed"], search: "crucible" },
      profile: "split",
      order: "phased",
    } satisfies DiffUrlState);
  });

  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_DIFF_STATE);
  });

  it("falls back to defaults for unknown or malformed values instead of failing", () => {
    const state = parse(
      "parent=nope&target=1234&view=bogus&profile=cloud&order=yolo&kind=rack&change=gone&sled=x,,y",
    );
    expect(state).toEqual(DEFAULT_DIFF_STATE);
    expect(parse("kind=zone,rack,zone").filters.kinds).toEqual(["zone"]);
  });

  it("normalises ids to lower case and caps the search length", () => {
    expect(parse(`parent=${P.toUpperCase()}`).parentId).toBe(P);
    expect(parse(`sled=${S.toUpperCase()}`).filters.sleds).toEqual([S]);
    expect(parse(`q=${"x".repeat(500)}`).filters.search).toHaveLength(100);
  });
});

describe("serializeDiffUrl", () => {
  it("omits defaults", () => {
    expect(serializeDiffUrl(DEFAULT_DIFF_STATE)).toBe("");
    expect(serializeDiffUrl({ ...DEFAULT_DIFF_STATE, parentId: P, targetId: T })).toBe(
      `parent=${P}&target=${T}`,
    );
  });

  it("round-trips any state through the query string", () => {
    const state: DiffUrlState = {
      parentId: P,
      targetId: T,
      view: "plan",
      filters: {
        sleds: [S],
        kinds: ["disk"],
        changes: ["added", "modified"],
        search: "oxp_ & friends",
      },
      profile: "reconciler",
      order: "phased",
    };
    expect(parse(serializeDiffUrl(state))).toEqual(state);
  });

  it("writes keys in a fixed order so equal states give equal links", () => {
    const a = serializeDiffUrl({
      ...DEFAULT_DIFF_STATE,
      order: "phased",
      view: "graph",
      parentId: P,
    });
    expect(a).toBe(`parent=${P}&view=graph&order=phased`);
  });
});

describe("diffHref", () => {
  it("links to the diff page with only what differs from the defaults", () => {
    expect(diffHref({})).toBe("/diff");
    expect(diffHref({ parentId: P, targetId: T, view: "graph" })).toBe(
      `/diff?parent=${P}&target=${T}&view=graph`,
    );
  });
});
