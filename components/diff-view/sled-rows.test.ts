import { describe, expect, it } from "vitest";
import { diffBlueprints } from "~/lib/diff/diff-blueprints";
import { applyEdits } from "~/lib/edits/apply";
import { makeExampleRack } from "~/lib/examples/rack";
import { sledTables } from "./sled-rows";

const rack = makeExampleRack({ sleds: 1 });
const sled = rack.sleds[0];
const crucible = sled?.zones.find((z) => z.zoneType.type === "crucible");
const debug = sled?.datasets.find((d) => d.kind === "debug");
if (!sled || !crucible || !debug)
  throw new Error("the example sled has a crucible zone and a debug dataset");
const child = applyEdits(rack, [
  { kind: "expunge-zone", zoneId: crucible.id },
  { kind: "set-dataset-quota", datasetId: debug.id, quota: 1024 ** 3 },
]);
if (!child.ok) throw new Error(child.error);
const [diff] = diffBlueprints(rack, child.blueprint).sleds;
if (!diff) throw new Error("one sled");

describe("sledTables", () => {
  it("shows only what changed by default, in omicron's tables and columns", () => {
    const tables = sledTables(diff, false);
    expect(tables.map((t) => t.title)).toEqual(["datasets", "omicron zones"]);
    expect(tables[1]?.columns).toEqual([
      "zone type",
      "zone id",
      "image source",
      "disposition",
      "underlay IP",
    ]);
    const zoneRow = tables[1]?.rows[0];
    expect(zoneRow?.key).toBe(crucible.id);
    // Expunged: destructive and counted as the summary counts it (removed), in its own word.
    expect(zoneRow?.state).toBe("removed");
    expect(zoneRow?.word).toBe("− expunged");
    expect(diff.zones.find((z) => z.id === crucible.id)?.status).toBe("removed");
    expect(zoneRow?.cells[3]).toEqual({ before: "in service", after: "expunged ⏳" });
  });

  it("shows the quota change as before and after", () => {
    const datasets = sledTables(diff, false)[0];
    const quota = datasets?.rows.find((r) => r.key === debug.id)?.cells[3];
    expect(quota).toEqual({ before: "100 GiB", after: "1 GiB" });
  });

  it("lists unchanged rows first when asked, as omicron does", () => {
    const tables = sledTables(diff, true);
    expect(tables.map((t) => t.title)).toEqual(["physical disks", "datasets", "omicron zones"]);
    const states = tables[2]?.rows.map((r) => r.state) ?? [];
    expect(states.indexOf("removed")).toBeGreaterThan(states.lastIndexOf("unchanged"));
    // The quota change stays a modification.
    expect(tables[1]?.rows.find((r) => r.key === debug.id)?.word).toBe("* modified");
  });
});
