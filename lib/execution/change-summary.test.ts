import { describe, expect, it } from "vitest";
import { changeSummary, expungedBySled, readChangeSummary, summaryText } from "./change-summary";

const S1 = "93c2a1b0-0000-4000-8000-000000000001";
const S2 = "11ab0000-0000-4000-8000-000000000002";
const S3 = "22cd0000-0000-4000-8000-000000000003";
const node = (
  kind: "zone" | "dataset" | "disk",
  itemId: string,
  change: "added" | "removed" | "modified",
  type: string,
  sledId = S1,
) => ({ kind, itemId, change, type, sledId });

describe("change summary", () => {
  it("says what one sled loses, zones by type, and that nothing is added", () => {
    const s = changeSummary(
      [
        node("zone", "z1", "removed", "crucible"),
        node("dataset", "d1", "removed", "crucible"),
        node("dataset", "d2", "removed", "zone/oxz_crucible_z1"),
      ],
      [{ id: S1, status: "modified" }],
    );
    expect(summaryText(s)).toBe(
      "expunges 1 crucible zone and 2 datasets on sled 93c2a1b0…; adds 0",
    );
    expect(s.expunged.map((r) => r.id)).toEqual(["z1", "d1", "d2"]);
  });

  it("names two sleds, counts more, and lists additions and modifications", () => {
    const two = changeSummary(
      [
        node("zone", "z1", "removed", "nexus"),
        node("disk", "k1", "removed", "serial-1", S2),
        node("zone", "z2", "added", "crucible", S2),
        node("dataset", "d3", "added", "crucible", S2),
        node("dataset", "d4", "modified", "debug", S2),
      ],
      [],
    );
    expect(summaryText(two)).toBe(
      "expunges 1 disk on sled 11ab0000… and 1 nexus zone on sled 93c2a1b0…; adds 1 zone and 1 dataset; modifies 1 item",
    );
    const three = changeSummary(
      [
        node("zone", "z1", "removed", "crucible"),
        node("zone", "z2", "removed", "crucible", S2),
        node("zone", "z3", "removed", "oximeter", S3),
      ],
      [],
    );
    expect(summaryText(three)).toBe(
      "expunges 2 crucible zones and 1 oximeter zone on 3 sleds; adds 0",
    );
  });

  it("puts a leaving sled first and says what goes with it", () => {
    const s = changeSummary(
      [node("zone", "z1", "removed", "crucible", S2), node("disk", "k1", "removed", "ser", S2)],
      [
        { id: S2, status: "decommissioned" },
        { id: S3, status: "added" },
      ],
    );
    expect(s.expunged[0]).toMatchObject({ kind: "sled", id: S2 });
    expect(summaryText(s)).toBe(
      "expunges sled 11ab0000… with 1 disk and 1 crucible zone; adds 1 sled",
    );
    expect(expungedBySled(s)).toHaveLength(1);
  });

  it("says when nothing is expunged", () => {
    expect(summaryText(changeSummary([node("zone", "z", "added", "crucible")], []))).toBe(
      "expunges nothing; adds 1 zone",
    );
  });

  it("reads back only a summary of its own shape", () => {
    const s = changeSummary([node("zone", "z1", "removed", "crucible")], []);
    expect(readChangeSummary(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(readChangeSummary(null)).toBeNull();
    expect(
      readChangeSummary({ expunged: [{ kind: "planet" }], added: {}, modified: 0 }),
    ).toBeNull();
  });
});
