import { describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { addableZoneTypes, editChoices } from "./edit-choices";
import { buildEdit, EMPTY_DRAFT, previewEdits } from "./edit-draft";

const rack = makeExampleRack({ sleds: 2 });
const sled = rack.sleds[0];
if (!sled) throw new Error("two sleds");
const crucible = sled.zones.find((z) => z.zoneType.type === "crucible");
if (!crucible) throw new Error("the example sled has crucible zones");

describe("editChoices", () => {
  it("offers active sleds with their in-service items and the pools of their disks", () => {
    const [first] = editChoices(rack);
    expect(first?.sledId).toBe(sled.id);
    expect(first?.zones.map((z) => z.id)).toContain(crucible.id);
    expect(first?.pools).toHaveLength(sled.disks.length);
    expect(first?.datasets[0]?.label).toMatch(/ on oxp_/);
  });

  it("leaves out expunged items and decommissioned sleds", () => {
    const child = previewEdits(rack, [{ kind: "expunge-zone", zoneId: crucible.id }]);
    if (!child.ok) throw new Error(child.error);
    expect(editChoices(child.blueprint)[0]?.zones.map((z) => z.id)).not.toContain(crucible.id);
    const gone = previewEdits(rack, [{ kind: "expunge-sled", sledId: sled.id }]);
    if (!gone.ok) throw new Error(gone.error);
    expect(editChoices(gone.blueprint).map((s) => s.sledId)).toEqual([rack.sleds[1]?.id]);
  });

  it("offers no zone type whose durable dataset the pool already has", () => {
    const pool = crucible.zoneType.dataset?.pool_name ?? "";
    const types = addableZoneTypes(rack, sled.id, pool);
    expect(types).not.toContain("crucible");
    expect(types).toContain("nexus");
    expect(addableZoneTypes(rack, "no-such-sled", pool)).toEqual([]);
  });
});

describe("buildEdit", () => {
  it("says what is missing", () => {
    expect(buildEdit(EMPTY_DRAFT)).toEqual({ ok: false, missing: "Choose a sled" });
    expect(buildEdit({ ...EMPTY_DRAFT, sledId: sled.id })).toEqual({
      ok: false,
      missing: "Choose a zone",
    });
    expect(buildEdit({ ...EMPTY_DRAFT, kind: "add-zone", sledId: sled.id, pool: "oxp_x" })).toEqual(
      { ok: false, missing: "Choose a zone type" },
    );
    expect(
      buildEdit({
        ...EMPTY_DRAFT,
        kind: "set-dataset-quota",
        sledId: sled.id,
        itemId: "d",
        quotaGiB: "lots",
      }).ok,
    ).toBe(false);
  });

  it("builds each kind of edit", () => {
    expect(buildEdit({ ...EMPTY_DRAFT, sledId: sled.id, itemId: crucible.id })).toEqual({
      ok: true,
      edit: { kind: "expunge-zone", zoneId: crucible.id },
    });
    expect(buildEdit({ ...EMPTY_DRAFT, kind: "expunge-sled", sledId: "s" })).toEqual({
      ok: true,
      edit: { kind: "expunge-sled", sledId: "s" },
    });
    expect(
      buildEdit({
        ...EMPTY_DRAFT,
        kind: "set-dataset-quota",
        sledId: "s",
        itemId: "d",
        quotaGiB: "1.5",
      }),
    ).toEqual({
      ok: true,
      edit: { kind: "set-dataset-quota", datasetId: "d", quota: 1610612736 },
    });
    expect(
      buildEdit({ ...EMPTY_DRAFT, kind: "set-dataset-quota", sledId: "s", itemId: "d" }),
    ).toEqual({
      ok: true,
      edit: { kind: "set-dataset-quota", datasetId: "d", quota: null },
    });
  });
});

describe("previewEdits", () => {
  it("applies the edits with lib's planner edits, or says why not", () => {
    expect(previewEdits(rack, [])).toEqual({ ok: false, error: "Add at least one edit" });
    const twice = previewEdits(rack, [
      { kind: "expunge-zone", zoneId: crucible.id },
      { kind: "expunge-zone", zoneId: crucible.id },
    ]);
    expect(twice).toEqual({ ok: false, error: `zone ${crucible.id} is already expunged` });
    const ok = previewEdits(rack, [{ kind: "expunge-zone", zoneId: crucible.id }]);
    expect(ok.ok && ok.blueprint.parentId).toBe(rack.id);
  });
});
