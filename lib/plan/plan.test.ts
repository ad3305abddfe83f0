import { describe, expect, it } from "vitest";
import {
  blueprint,
  crucibleSled,
  dataset,
  disk,
  POOL,
  sled,
  SLED,
  zoneWithDatasets,
} from "~/test/support/tiny-rack";
import { makePlan } from "./make-plan";
import { findHazards, replayPlan } from "./replay";
import { requestSteps, type Plan } from "./types";

const order = (plan: Plan) =>
  requestSteps(plan).map(
    (s) =>
      `${s.path} gen ${s.generation}${s.dependsOn.length ? ` after ${s.dependsOn.map((d) => d.split("/")[1]).join(",")}` : ""}`,
  );

describe("expunging a crucible zone (omicron #7309)", () => {
  const parent = blueprint("p", null, [crucibleSled(2)]);
  const target = blueprint("t", "p", [crucibleSled(3, "expunged")]);
  // the disk and the pool's zone dataset stay in service
  target.sleds[0]!.disks = parent.sleds[0]!.disks;
  target.sleds[0]!.datasets = target.sleds[0]!.datasets.map((d) =>
    d.kind === "zone" ? { ...d, disposition: "in_service" } : d,
  );

  it("split/safe stops the zone before destroying its datasets", () => {
    const plan = makePlan(parent, target, { profile: "split" });
    expect(order(plan)).toMatchInlineSnapshot(`
      [
        "/omicron-zones gen 3",
        "/datasets gen 3 after 1-zones",
      ]
    `);
    expect(findHazards(plan, parent, target)).toEqual([]);
  });

  it("split/phased destroys the datasets while the zone runs", () => {
    const plan = makePlan(parent, target, { profile: "split", order: "phased" });
    expect(order(plan)).toMatchInlineSnapshot(`
      [
        "/datasets gen 3",
        "/omicron-zones gen 3 after 1-datasets",
      ]
    `);
    const hazards = findHazards(plan, parent, target);
    expect(hazards.map((h) => `${h.stepId.split("/")[1]}: ${h.message}`)).toMatchInlineSnapshot(`
      [
        "1-datasets: dataset crucible on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2 destroyed while zone crucible 694bd14f… uses it",
        "1-datasets: dataset zone/oxz_crucible_694bd14f-cb24-4be4-bb19-876e79cda2c8 on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2 destroyed while zone crucible 694bd14f… uses it",
      ]
    `);
  });

  it("phased 'succeeds' when the agent ignores dataset deletion, leaving orphans", () => {
    const plan = makePlan(parent, target, { profile: "split", order: "phased" });
    const { hazards, states } = replayPlan(plan, parent, target, { datasetDeletion: "ignore" });
    expect(hazards).toEqual([]);
    expect(
      states
        .get(SLED)
        ?.orphanedDatasets.map((o) => o.dataset.name.kind)
        .sort(),
    ).toMatchInlineSnapshot(`
      [
        "crucible",
        "zone/oxz_crucible_694bd14f-cb24-4be4-bb19-876e79cda2c8",
      ]
    `);
  });

  it("reconciler/safe sends one config at the target generation", () => {
    const plan = makePlan(parent, target, { profile: "reconciler" });
    expect(order(plan)).toMatchInlineSnapshot(`
      [
        "/omicron-config gen 3",
      ]
    `);
    expect(findHazards(plan, parent, target)).toEqual([]);
  });
});

describe("replacing a cockroach zone on the same pool", () => {
  const old = zoneWithDatasets("aaaaaaaa-0000-4000-8000-000000000001", "cockroach_db", POOL);
  const fresh = zoneWithDatasets("bbbbbbbb-0000-4000-8000-000000000002", "cockroach_db", POOL);
  const base = { disks: [disk("d1", POOL)], datasets: [dataset("z1", POOL, "zone")] };
  const parent = blueprint("p", null, [
    sled(SLED, 5, { ...base, datasets: [...base.datasets, ...old.datasets], zones: [old.zone] }),
  ]);
  const expunged = zoneWithDatasets(old.zone.id, "cockroach_db", POOL, "expunged");
  const target = blueprint("t", "p", [
    sled(SLED, 6, {
      ...base,
      datasets: [...base.datasets, ...expunged.datasets, ...fresh.datasets],
      zones: [expunged.zone, fresh.zone],
    }),
  ]);

  it("split/safe removes before it adds, and the reconciler stages the configs", () => {
    const split = makePlan(parent, target, { profile: "split" });
    expect(order(split)).toMatchInlineSnapshot(`
      [
        "/omicron-zones gen 6",
        "/datasets gen 6 after 1-zones",
        "/datasets gen 7 after 2-datasets",
        "/omicron-zones gen 7 after 3-datasets",
      ]
    `);
    expect(findHazards(split, parent, target)).toEqual([]);
    const rec = makePlan(parent, target, { profile: "reconciler" });
    expect(order(rec)).toMatchInlineSnapshot(`
      [
        "/omicron-config gen 6",
        "/omicron-config gen 7 after 1-config",
      ]
    `);
    expect(findHazards(rec, parent, target)).toEqual([]);
  });

  it("one reconciler config would collide on the dataset name", () => {
    const rec = makePlan(parent, target, { profile: "reconciler", order: "phased" });
    expect(findHazards(rec, parent, target).map((h) => h.rule)).toContain("reconciliation-error");
  });
});
