/**
 * The step orders of the named cases, on a realistic (dogfood-shaped) example rack.
 * Ids are shortened to keep the snapshots readable.
 */
import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { applyEdits } from "../edits/apply";
import type { Edit } from "../edits/types";
import { makeExampleRack } from "../examples/rack";
import { makeMixedChange } from "../examples/mixed-change";
import { estimatePlan } from "./estimate";
import { makePlan } from "./make-plan";
import { findHazards } from "./replay";
import { isRequestStep, requestSteps, type Plan } from "./types";
import type { SledAgentProfile } from "../wire/types";

const rack = makeExampleRack({ sleds: 2, seed: "named" });
const sled0 = rack.sleds[0]!;
const crucibleZone = sled0.zones.find((z) => z.zoneType.type === "crucible")!;
const cockroach = rack.sleds
  .flatMap((s) => s.zones)
  .find((z) => z.zoneType.type === "cockroach_db")!;

function child(edits: Edit[]): Blueprint {
  const r = applyEdits(rack, edits, { blueprintId: "00000000-0000-4000-8000-00000000c0de" });
  if (!r.ok) throw new Error(r.error);
  return r.blueprint;
}

/** `<sled#>/<n>-<endpoint> gen G: purpose [realises: 2 zone, 3 dataset]` */
function steps(plan: Plan): string[] {
  const sledNo = new Map(rack.sleds.map((s, i) => [s.id, `sled${i}`]));
  return plan.steps.map((s) => {
    const counts: Record<string, number> = {};
    for (const k of s.realises)
      counts[k.split(":")[0] ?? ""] = (counts[k.split(":")[0] ?? ""] ?? 0) + 1;
    const what = Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ");
    const gen = isRequestStep(s) ? `gen ${s.generation}` : "no request";
    return `${sledNo.get(s.sledId)}/${s.id.split("/")[1]} ${gen}: ${s.purpose} [${what}]`;
  });
}

function both(target: Blueprint) {
  const out: Record<string, string[]> = {};
  for (const profile of ["split", "reconciler"] as SledAgentProfile[]) {
    const plan = makePlan(rack, target, { profile });
    expect(findHazards(plan, rack, target)).toEqual([]);
    out[profile] = steps(plan);
  }
  return out;
}

describe("named cases", () => {
  it("expunge a crucible zone (#7309)", () => {
    expect(both(child([{ kind: "expunge-zone", zoneId: crucibleZone.id }]))).toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/1-config gen 3: send the target config; the agent's reconciler orders the changes [1 zone, 2 dataset]",
        ],
        "split": [
          "sled0/1-zones gen 3: stop the zones being removed [1 zone]",
          "sled0/2-datasets gen 3: destroy the removed datasets, now unused [2 dataset]",
        ],
      }
    `);
  });

  it("expunge a disk", () => {
    const disk = sled0.disks.find((d) =>
      sled0.zones.some(
        (z) => z.filesystemPool === `oxp_${d.poolId}` && z.zoneType.type === "crucible",
      ),
    )!;
    expect(both(child([{ kind: "expunge-disk", diskId: disk.id }]))).toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/1-config gen 3: send the target config; the agent's reconciler orders the changes [2 zone, 6 dataset, 1 disk]",
        ],
        "split": [
          "sled0/1-zones gen 3: stop the zones being removed [2 zone]",
          "sled0/2-datasets gen 3: destroy the removed datasets, now unused [6 dataset]",
          "sled0/3-disks gen 3: manage exactly the target disks [1 disk]",
        ],
      }
    `);
  });

  it("add a disk and a zone on it", () => {
    const disk = {
      id: "00000000-0000-4000-8000-0000000d15c0",
      poolId: "00000000-0000-4000-8000-00000000f001",
    };
    expect(
      both(
        child([
          { kind: "add-disk", sledId: sled0.id, disk },
          { kind: "add-zone", sledId: sled0.id, zoneType: "crucible", pool: `oxp_${disk.poolId}` },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/1-config gen 3: send the target config; the agent's reconciler orders the changes [1 disk, 4 dataset, 1 zone]",
        ],
        "split": [
          "sled0/1-disks gen 3: manage exactly the target disks [1 disk]",
          "sled0/2-datasets gen 3: create and update datasets on managed pools [4 dataset]",
          "sled0/3-zones gen 3: start the new and changed zones on their datasets [1 zone]",
        ],
      }
    `);
  });

  it("replace a cockroach zone on the same pool", () => {
    const sledId = rack.sleds.find((s) => s.zones.includes(cockroach))!.id;
    const pool = cockroach.zoneType.dataset!.pool_name;
    expect(
      both(
        child([
          { kind: "expunge-zone", zoneId: cockroach.id },
          { kind: "add-zone", sledId, zoneType: "cockroach_db", pool },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/1-config gen 3: removals first: a new dataset reuses the name of a removed one [1 zone, 2 dataset]",
          "sled0/2-config gen 4: then the target config [2 dataset, 1 zone]",
        ],
        "split": [
          "sled0/1-zones gen 3: stop the zones being removed [1 zone]",
          "sled0/2-datasets gen 3: destroy the removed datasets, now unused [2 dataset]",
          "sled0/3-datasets gen 4: create and update datasets on managed pools [2 dataset]",
          "sled0/4-zones gen 4: start the new and changed zones on their datasets [1 zone]",
        ],
      }
    `);
  });

  it("change a dataset's quota (in place, never remove + add)", () => {
    const debug = sled0.datasets.find((d) => d.kind === "debug")!;
    expect(both(child([{ kind: "set-dataset-quota", datasetId: debug.id, quota: 50 * 1024 ** 3 }])))
      .toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/1-config gen 3: send the target config; the agent's reconciler orders the changes [1 dataset]",
        ],
        "split": [
          "sled0/1-datasets gen 3: create and update datasets on managed pools [1 dataset]",
        ],
      }
    `);
  });

  it("expunge a sled: no request to any sled agent, one decommission step", () => {
    const target = child([{ kind: "expunge-sled", sledId: sled0.id }]);
    expect(both(target)).toMatchInlineSnapshot(`
      {
        "reconciler": [
          "sled0/decommission no request: no request to any sled agent (the sled is gone): mark it decommissioned and stop polling its agent [16 zone, 49 dataset, 10 disk]",
        ],
        "split": [
          "sled0/decommission no request: no request to any sled agent (the sled is gone): mark it decommissioned and stop polling its agent [16 zone, 49 dataset, 10 disk]",
        ],
      }
    `);
    const plan = makePlan(rack, target, { profile: "split" });
    expect(requestSteps(plan)).toEqual([]);
    expect(plan.steps.map((s) => [s.kind, s.id, s.dependsOn])).toEqual([
      ["decommission", `${sled0.id}/decommission`, []],
    ]);
    expect(plan.sleds.find((s) => s.sledId === sled0.id)).toMatchObject({
      decommissioned: true,
      stepIds: [`${sled0.id}/decommission`],
    });
  });

  it("expunge a sled and change another: the decommission step waits for every request", () => {
    const sled1 = rack.sleds[1]!;
    const debug = sled1.datasets.find((d) => d.kind === "debug")!;
    const target = child([
      { kind: "expunge-sled", sledId: sled0.id },
      { kind: "set-dataset-quota", datasetId: debug.id, quota: 50 * 1024 ** 3 },
    ]);
    const plan = makePlan(rack, target, { profile: "split" });
    const requests = requestSteps(plan).map((s) => s.id);
    expect(requests).toEqual([`${sled1.id}/1-datasets`]);
    expect(plan.steps.at(-1)).toMatchObject({ kind: "decommission", dependsOn: requests });
  });

  it("a child of the expunged sled's blueprint: the decommissioned sled gets no step", () => {
    const expunged = child([{ kind: "expunge-sled", sledId: sled0.id }]);
    const sled1 = rack.sleds[1]!;
    const debug = sled1.datasets.find((d) => d.kind === "debug")!;
    const r = applyEdits(expunged, [
      { kind: "set-dataset-quota", datasetId: debug.id, quota: 50 * 1024 ** 3 },
    ]);
    if (!r.ok) throw new Error(r.error);
    const plan = makePlan(expunged, r.blueprint, { profile: "split" });
    expect(plan.steps.map((s) => s.sledId)).toEqual([sled1.id]);
    expect(plan.sleds.find((s) => s.sledId === sled0.id)?.stepIds).toEqual([]);
  });

  it("a target that changes nothing (an imported copy): an empty plan", () => {
    const copy: Blueprint = {
      ...rack,
      id: "00000000-0000-4000-8000-0000000c0c0a",
      parentId: rack.id,
    };
    expect(makePlan(rack, copy).steps).toEqual([]);
  });

  it("a mixed change on every sled of a 32-sled rack", () => {
    const parent = makeExampleRack({ sleds: 32, seed: "named-32" });
    const r = makeMixedChange(parent, "named-32");
    if (!r.ok) throw new Error(r.error);
    const summary: Record<string, unknown> = {};
    for (const profile of ["split", "reconciler"] as SledAgentProfile[]) {
      const plan = makePlan(parent, r.blueprint, { profile });
      expect(findHazards(plan, parent, r.blueprint)).toEqual([]);
      const phased = makePlan(parent, r.blueprint, { profile, order: "phased" });
      const byPath: Record<string, number> = {};
      for (const s of requestSteps(plan)) byPath[s.path] = (byPath[s.path] ?? 0) + 1;
      const est = estimatePlan(plan, { requestLatencyMs: 20, reconcileMs: 0, concurrency: 32 });
      summary[profile] = {
        sledsWithSteps: plan.sleds.filter((s) => s.stepIds.length).length,
        byPath,
        waves: est.waves.length,
        criticalPathSteps: est.criticalPathSteps,
        phasedStepsThatFail: new Set(findHazards(phased, parent, r.blueprint).map((h) => h.stepId))
          .size,
      };
    }
    expect(summary).toMatchInlineSnapshot(`
      {
        "reconciler": {
          "byPath": {
            "/omicron-config": 49,
          },
          "criticalPathSteps": 2,
          "phasedStepsThatFail": 53,
          "sledsWithSteps": 32,
          "waves": 2,
        },
        "split": {
          "byPath": {
            "/datasets": 60,
            "/omicron-physical-disks": 19,
            "/omicron-zones": 60,
          },
          "criticalPathSteps": 5,
          "phasedStepsThatFail": 75,
          "sledsWithSteps": 32,
          "waves": 5,
        },
      }
    `);
  });
});
