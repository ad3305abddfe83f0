import { describe, expect, it } from "vitest";
import type { SledConfig } from "../blueprint/model";
import { datasetFullName } from "../blueprint/zones";
import { makeExampleRack } from "../examples/rack";
import { inServiceWireItems } from "../wire/bodies";
import type { WireItems } from "../wire/types";
import { sledDrift, type ObservedAgent } from "./drift";

const rack = makeExampleRack({ sleds: 1, seed: "drift" });
const sled = rack.sleds[0];
if (!sled) throw new Error("example rack has no sled");
const items = (): WireItems => structuredClone(inServiceWireItems(sled, "reconciler"));
const generations = { config: sled.generation };

function drift(observed: Partial<ObservedAgent>, expected: SledConfig | undefined = sled) {
  return sledDrift({
    expected,
    profile: "reconciler",
    expectedGenerations: generations,
    observed: { generations, ledgered: items(), ...observed },
  });
}

describe("sledDrift", () => {
  it("finds nothing when the agent holds exactly the blueprint's in-service items", () => {
    expect(drift({})).toEqual({
      missing: [],
      extra: [],
      differing: [],
      orphaned: [],
      generations: [],
      inSync: true,
    });
  });

  it("names missing, extra and differing items", () => {
    const ledgered = items();
    const [gone, ...zones] = ledgered.zones;
    const extraZone = { ...structuredClone(zones[0]!), id: "99999999-0000-4000-8000-000000000000" };
    const changed = ledgered.datasets[0]!;
    changed.quota = 12345;
    const d = drift({ ledgered: { ...ledgered, zones: [...zones, extraZone] } });
    expect(d.missing).toEqual([
      { kind: "zone", id: gone!.id, label: expect.stringMatching(/^zone \w+ [0-9a-f]{8}…$/) },
    ]);
    expect(d.extra).toEqual([
      { kind: "zone", id: extraZone.id, label: expect.stringContaining("99999999") },
    ]);
    expect(d.differing).toEqual([
      {
        kind: "dataset",
        id: changed.id,
        label: expect.stringMatching(/^dataset oxp_/),
        detail: "quota",
      },
    ]);
    expect(d.inSync).toBe(false);
  });

  it("reports orphans the agent names itself, and datasets on disk that no ledgered config names", () => {
    const onDisk = items().datasets.map((ds) => ({
      name: datasetFullName({ pool: ds.name.pool_name, kind: ds.name.kind }),
      id: ds.id,
    }));
    const stray = {
      name: "oxp_11111111-2222-4333-8444-555555555555/crypt/zone/oxz_crucible_x",
      id: "aaaaaaaa-0000-4000-8000-000000000000",
    };
    const reported = {
      name: "oxp_11111111-2222-4333-8444-555555555555/crucible",
      id: null,
      reason: "not in config",
    };
    const d = drift({ datasetsOnDisk: [...onDisk, stray], orphaned: [reported] });
    expect(d.orphaned).toEqual([
      { kind: "dataset", id: null, label: `dataset ${reported.name}`, detail: "not in config" },
      { kind: "dataset", id: stray.id, label: `dataset ${stray.name}` },
    ]);
    expect(d.missing).toEqual([]);
  });

  it("reports generations other than the expected ones", () => {
    const d = drift({ generations: { config: sled.generation + 1 } });
    expect(d.generations).toEqual([
      { ledger: "config", expected: sled.generation, observed: sled.generation + 1 },
    ]);
    expect(d.inSync).toBe(false);
  });

  it("treats everything on an agent whose sled is not in the blueprint as extra", () => {
    const d = sledDrift({
      expected: undefined,
      profile: "reconciler",
      expectedGenerations: generations,
      observed: { generations, ledgered: items() },
    });
    expect(d.extra).toHaveLength(
      items().disks.length + items().datasets.length + items().zones.length,
    );
  });

  it("ignores a decommissioned sled's items: the agent should hold nothing", () => {
    const d = drift(
      { ledgered: { disks: [], datasets: [], zones: [] } },
      { ...sled, state: "decommissioned" },
    );
    expect(d.missing).toEqual([]);
  });
});
