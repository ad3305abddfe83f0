import { describe, expect, it } from "vitest";
import { countsText, updateProgress, versionLabel } from "./activity-format";

describe("versionLabel", () => {
  it("reads omicron's TufRepoVersion shapes", () => {
    expect(versionLabel({ zone_status_version: "version", details: "17.0.0" })).toBe("17.0.0");
    expect(versionLabel({ zone_status_version: "install_dataset" })).toBe("install dataset");
    expect(versionLabel("install_dataset")).toBe("install dataset");
    expect(versionLabel({ zone_status_version: "error", details: "no such artifact" })).toBe(
      "error: no such artifact",
    );
    expect(versionLabel({ version: "16.1.0" })).toBe("16.1.0");
  });

  it("says unknown for what it cannot read", () => {
    expect(versionLabel(null)).toBe("unknown");
    expect(versionLabel(42)).toBe("unknown");
    expect(versionLabel({ a: 1, b: 2 })).toBe("unknown");
  });
});

describe("updateProgress", () => {
  const v = (details: string) => ({ zone_status_version: "version", details });

  it("is null without an update-status", () => {
    expect(updateProgress(null)).toBeNull();
    expect(updateProgress(undefined)).toBeNull();
    expect(updateProgress({ other: 1 })).toBeNull();
  });

  it("counts zones and booted host OS per version, and MGS-driven updates", () => {
    const p = updateProgress({
      mgs_driven: [{ baseboard_description: "BRM1" }],
      sleds: [
        {
          sled_id: "s1",
          zones: [
            { zone_id: "z1", zone_type: "crucible", version: v("17.0.0") },
            { zone_id: "z2", zone_type: "ntp", version: v("16.0.0") },
          ],
          host_phase_2: {
            boot_disk: { ok: "B" },
            slot_a_version: v("16.0.0"),
            slot_b_version: v("17.0.0"),
          },
        },
        {
          sled_id: "s2",
          zones: [{ zone_id: "z3", zone_type: "crucible", version: v("17.0.0") }],
          host_phase_2: {
            boot_disk: { err: "?" },
            slot_a_version: { zone_status_version: "install_dataset" },
            slot_b_version: v("17.0.0"),
          },
        },
      ],
    });
    expect(p).toEqual({
      sleds: 2,
      zones: [
        { version: "17.0.0", count: 2 },
        { version: "16.0.0", count: 1 },
      ],
      hostOs: [
        { version: "17.0.0", count: 1 },
        { version: "install dataset", count: 1 },
      ],
      mgsDriven: 1,
    });
  });

  it("the simulator's empty status: no sleds, nothing under way", () => {
    expect(updateProgress({ mgs_driven: [], sleds: [] })).toEqual({
      sleds: 0,
      zones: [],
      hostOs: [],
      mgsDriven: 0,
    });
  });
});

describe("countsText", () => {
  it("joins the counts, or says none", () => {
    expect(countsText([])).toBe("none");
    expect(
      countsText([
        { version: "17.0.0", count: 12 },
        { version: "install dataset", count: 3 },
      ]),
    ).toBe("12 on 17.0.0, 3 on install dataset");
  });
});
