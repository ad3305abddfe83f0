import { describe, expect, it } from "vitest";
import { toOmicronJson } from "../blueprint/export";
import { toJan2025Json } from "../blueprint/export-jan2025";
import { makeExampleRack } from "../examples/rack";
import {
  eraOfBlueprint,
  eraOfMetadata,
  rawBlueprintFacts,
  readBlueprintPage,
  readNexusBlueprint,
  readTarget,
} from "./read";

const bp = makeExampleRack({ sleds: 2, seed: "nexus-read" });

describe("readNexusBlueprint", () => {
  it("reads both eras through the importer", () => {
    const today = readNexusBlueprint(toOmicronJson(bp), bp.id);
    const jan = readNexusBlueprint(toJan2025Json(bp), bp.id);
    expect(today).toMatchObject({ ok: true, era: "lockstep" });
    expect(jan).toMatchObject({ ok: true, era: "jan-2025" });
    if (!today.ok || !jan.ok) throw new Error("unreadable");
    const items = (b: typeof bp) =>
      b.sleds.map((s) => [
        s.id,
        s.disks.length,
        s.datasets.length,
        s.zones.map((z) => [z.id, z.disposition]),
      ]);
    expect(items(jan.blueprint)).toEqual(items(today.blueprint));
    expect(jan.blueprint.format).toBe("jan-2025");
  });

  it("fails closed: an unknown era, a broken body, a body under another id", () => {
    const { sleds, ...rest } = toOmicronJson(bp);
    const future = readNexusBlueprint({ ...rest, sled_configs: sleds }, bp.id);
    expect(future).toMatchObject({ ok: false, era: "unknown" });
    expect(readNexusBlueprint({ ...rest, sleds: 7 }, bp.id)).toMatchObject({
      ok: false,
      era: "lockstep",
    });
    const other = readNexusBlueprint(toOmicronJson(bp), "00000000-0000-0000-0000-000000000001");
    expect(other.ok ? null : other.issues[0]?.path).toBe("id");
    expect(readNexusBlueprint(null, bp.id)).toMatchObject({ ok: false, era: "unknown" });
    expect(rawBlueprintFacts({ ...rest, sled_configs: sleds })).toEqual({
      parentId: null,
      comment: bp.comment ?? "",
      timeCreated: bp.timeCreated ?? "1970-01-01T00:00:00Z",
    });
  });
});

describe("metadata and target", () => {
  const meta = {
    id: bp.id,
    parent_blueprint_id: null,
    time_created: "2026-01-01T00:00:00Z",
    creator: "n",
    comment: "",
  };
  it("tells the era by the fields lockstep added", () => {
    expect(eraOfMetadata([{ ...meta, nexus_generation: 1, source: { source: "rss" } }])).toBe(
      "lockstep",
    );
    expect(eraOfMetadata([meta])).toBe("jan-2025");
    expect(eraOfMetadata([])).toBe("unknown");
    expect(eraOfBlueprint({ blueprint_zones: {} })).toBe("jan-2025");
  });

  it("reads pages and targets, with issues for what does not parse", () => {
    expect(readBlueprintPage({ items: [meta], next_page: "x" })).toMatchObject({ ok: true });
    const bad = readBlueprintPage({ items: [{ ...meta, id: "nope" }] });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(["items[0].id"]);
    expect(
      readTarget({ target_id: bp.id, enabled: true, time_made_target: "2026-01-01T00:00:00Z" }).ok,
    ).toBe(true);
    expect(readTarget({ target_id: bp.id }).ok).toBe(false);
  });
});
