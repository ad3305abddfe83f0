/**
 * Properties of plans over generated racks and random planner edits (fast-check):
 * a `safe` plan replays without hazard in its listed order and in random orders allowed by
 * `dependsOn`, ends exactly at the target, never sends a body that leaves out an item in
 * service in both blueprints, and sends increasing generations per sled and endpoint.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { applyEdits } from "../edits/apply";
import { candidateEdits } from "../edits/testing/oracle";
import { makeExampleRack } from "../examples/rack";
import { sameJson } from "../util/canonical-json";
import { inServiceWireItems, sledConfigItems } from "../wire/bodies";
import type { SledAgentProfile, SledConfigBody, WireItems } from "../wire/types";
import { makePlan } from "./make-plan";
import { replayPlan } from "./replay";
import { requestSteps, type Plan, type PlanStep, type RequestStep } from "./types";

const racks = new Map<number, Blueprint>();
const rackOf = (sleds: number) =>
  racks.get(sleds) ??
  racks.set(sleds, makeExampleRack({ sleds, seed: `prop-${sleds}` })).get(sleds)!;

/** A rack and a child blueprint made of 1–6 random planner edits (refused edit sets are skipped). */
const change = fc
  .record({
    sleds: fc.integer({ min: 1, max: 3 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  })
  .map(({ sleds, picks }) => {
    const parent = rackOf(sleds);
    const candidates = candidateEdits(parent);
    const edits = picks.map((p) => candidates[p % candidates.length]!);
    const result = applyEdits(parent, edits);
    return result.ok ? { parent, target: result.blueprint, edits } : null;
  })
  .filter((x): x is NonNullable<typeof x> => x !== null);

const profile = fc.constantFrom<SledAgentProfile>("split", "reconciler");

/** A random topological order of the plan's steps. */
function randomOrder(plan: Plan, rand: () => number): string[] {
  const done = new Set<string>();
  const left = [...plan.steps];
  const order: string[] = [];
  while (left.length) {
    const ready = left.filter((s) => s.dependsOn.every((d) => done.has(d)));
    const pick = ready[Math.floor(rand() * ready.length)] as PlanStep;
    order.push(pick.id);
    done.add(pick.id);
    left.splice(left.indexOf(pick), 1);
  }
  return order;
}

function itemsSentBy(step: RequestStep): Partial<WireItems> {
  const body = step.body as Record<string, unknown>;
  switch (step.endpoint) {
    case "disks":
      return { disks: body.disks as WireItems["disks"] };
    case "datasets":
      return { datasets: Object.values(body.datasets as object) as WireItems["datasets"] };
    case "zones":
      return { zones: body.zones as WireItems["zones"] };
    case "config":
      return sledConfigItems(step.body as SledConfigBody);
  }
}

describe("safe plans (property)", () => {
  it("replay without hazard in any allowed order and end exactly at the target", () => {
    fc.assert(
      fc.property(change, profile, fc.integer(), ({ parent, target }, prof, seed) => {
        const plan = makePlan(parent, target, { profile: prof });
        expect(replayPlan(plan, parent, target).hazards).toEqual([]);
        let x = seed;
        const rand = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
        const { hazards, states } = replayPlan(plan, parent, target, {
          order: randomOrder(plan, rand),
        });
        expect(hazards).toEqual([]);
        for (const sled of target.sleds.filter((s) => s.state === "active")) {
          const want = inServiceWireItems(sled, prof);
          const got = states.get(sled.id);
          expect(
            sameJson({ disks: got?.disks, datasets: got?.datasets, zones: got?.zones }, want),
          ).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  }, 120_000);

  it("never send a body without an item in service in both blueprints, and raise generations", () => {
    fc.assert(
      fc.property(change, profile, ({ parent, target }, prof) => {
        const plan = makePlan(parent, target, { profile: prof });
        for (const step of requestSteps(plan)) {
          const p = parent.sleds.find((s) => s.id === step.sledId);
          const t = target.sleds.find((s) => s.id === step.sledId);
          if (!p || !t) continue;
          const before = inServiceWireItems(p, prof);
          const after = inServiceWireItems(t, prof);
          const sent = itemsSentBy(step);
          for (const kind of ["disks", "datasets", "zones"] as const) {
            const list = sent[kind];
            if (!list) continue;
            const ids = new Set(list.map((i) => i.id));
            const both = before[kind].filter((i) => after[kind].some((j) => j.id === i.id));
            expect(
              both.filter((i) => !ids.has(i.id)).map((i) => `${step.id} drops ${kind} ${i.id}`),
            ).toEqual([]);
          }
        }
        const last = new Map<string, number>();
        for (const step of requestSteps(plan)) {
          const key = `${step.sledId}/${step.endpoint}`;
          const assumed =
            plan.sleds.find((s) => s.sledId === step.sledId)?.assumed[step.endpoint] ?? 0;
          expect(step.generation).toBeGreaterThan(last.get(key) ?? assumed);
          last.set(key, step.generation);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  }, 120_000);
});

describe("phased plans (property)", () => {
  it("fail for every zone expunge whose durable dataset the split agent must destroy", () => {
    const parent = rackOf(2);
    const zones = parent.sleds.flatMap((s) => s.zones.filter((z) => z.zoneType.dataset));
    fc.assert(
      fc.property(fc.constantFrom(...zones), (zone) => {
        const result = applyEdits(parent, [{ kind: "expunge-zone", zoneId: zone.id }]);
        if (!result.ok) throw new Error(result.error);
        const plan = makePlan(parent, result.blueprint, { profile: "split", order: "phased" });
        const hazards = replayPlan(plan, parent, result.blueprint).hazards;
        expect(hazards.map((h) => h.rule)).toContain("dataset-in-use");
        expect(
          hazards.every(
            (h) => requestSteps(plan).find((s) => s.id === h.stepId)?.endpoint === "datasets",
          ),
        ).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
