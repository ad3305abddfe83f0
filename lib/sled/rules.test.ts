import { describe, expect, it } from "vitest";
import type { WireDataset } from "../wire/types";
import { applyDatasets } from "./rules";
import { emptySledState } from "./state";
import { STRICT } from "./violations";

const ds = (id: string, pool: string, kind: string): WireDataset => ({
  id,
  name: { pool_name: pool, kind },
  compression: { type: "off" },
  quota: null,
  reservation: null,
});

function duplicateMessages(datasets: WireDataset[]): string[] {
  const r = applyDatasets(
    emptySledState(),
    { generation: 2, datasets: Object.fromEntries(datasets.map((d) => [d.id, d])) },
    STRICT,
  );
  if (r.ok) throw new Error("expected violations");
  return r.violations.filter((v) => v.message.startsWith("duplicate")).map((v) => v.message);
}

describe("applyDatasets: duplicate dataset names", () => {
  it("reports each repeat of a name, by its name", () => {
    expect(
      duplicateMessages([
        ds("1", "oxp_a", "crucible"),
        ds("2", "oxp_a", "crucible"),
        ds("3", "oxp_b", "crucible"),
        ds("4", "oxp_a", "crucible"),
      ]),
    ).toEqual([
      "duplicate dataset name oxp_a/crucible in the request",
      "duplicate dataset name oxp_a/crucible in the request",
    ]);
  });

  it("compares names as the agent spells them, <pool>/<kind>, even when a pool name has a slash", () => {
    expect(duplicateMessages([ds("1", "oxp_a/zone", "x"), ds("2", "oxp_a", "zone/x")])).toEqual([
      "duplicate dataset name oxp_a/zone/x in the request",
    ]);
  });
});
