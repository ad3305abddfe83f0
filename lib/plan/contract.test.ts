/**
 * Every request body a plan sends must be what omicron's sled agent accepts: validated against
 * the OpenAPI documents in ../shared/omicron (split endpoints of January 2025, v48 config).
 */
import { describe, expect, it } from "vitest";
import { RECONCILER_SPEC, SPLIT_SPEC, schemaErrors } from "~/test/support/openapi";
import { blueprint, crucibleSled } from "~/test/support/tiny-rack";
import type { Blueprint } from "../blueprint/model";
import { makePlan } from "./make-plan";
import { requestSteps, type Plan } from "./types";

const SCHEMA_BY_ENDPOINT = {
  disks: [SPLIT_SPEC, "OmicronPhysicalDisksConfig"],
  datasets: [SPLIT_SPEC, "DatasetsConfig"],
  zones: [SPLIT_SPEC, "OmicronZonesConfig"],
  config: [RECONCILER_SPEC, "OmicronSledConfig"],
} as const;

export function bodyErrors(plan: Plan): string[] {
  return requestSteps(plan).flatMap((s) => {
    const [spec, schema] = SCHEMA_BY_ENDPOINT[s.endpoint];
    return schemaErrors(spec, schema, s.body).map((e) => `${s.id} ${schema}: ${e}`);
  });
}

export function allPlans(parent: Blueprint, target: Blueprint): Plan[] {
  return (["split", "reconciler"] as const).flatMap((profile) =>
    (["safe", "phased"] as const).map((order) => makePlan(parent, target, { profile, order })),
  );
}

describe("plan request bodies match omicron's sled-agent API", () => {
  it("for a crucible zone expunge, in every profile and order", () => {
    const parent = blueprint("p", null, [crucibleSled(2)]);
    const target = blueprint("t", "p", [crucibleSled(3, "expunged")]);
    const plans = allPlans(parent, target);
    expect(plans.every((p) => p.steps.length > 0)).toBe(true);
    expect(plans.flatMap(bodyErrors)).toEqual([]);
  });

  it("a broken body is caught (the check can fail)", () => {
    const parent = blueprint("p", null, []);
    const target = blueprint("t", "p", [crucibleSled(2)]);
    const plan = makePlan(parent, target, { profile: "split" });
    const broken = {
      ...plan,
      steps: requestSteps(plan).map((s) => ({
        ...s,
        body: { ...(s.body as object), generation: "two" },
      })),
    };
    expect(bodyErrors(broken).length).toBe(plan.steps.length);
  });
});

describe("plan request bodies for realistic racks", () => {
  it("validate for a whole rack added and a mixed change (every zone type with NICs and external IPs)", async () => {
    const { makeWholeRackAdded, makeExampleRack } = await import("../examples/rack");
    const { makeMixedChange } = await import("../examples/mixed-change");
    const { parent, target } = makeWholeRackAdded({ sleds: 3, seed: "contract" });
    expect(allPlans(parent, target).flatMap(bodyErrors).slice(0, 5)).toEqual([]);
    const rack = makeExampleRack({ sleds: 3, seed: "contract" });
    const mixed = makeMixedChange(rack, "contract");
    if (!mixed.ok) throw new Error(mixed.error);
    expect(allPlans(rack, mixed.blueprint).flatMap(bodyErrors).slice(0, 5)).toEqual([]);
  });

  it("validate for the real sled configs (dogfood, real system v4 and v14) brought up from empty", async () => {
    const { omicronJson } = await import("~/test/omicron-fixtures");
    const { parseBlueprint } = await import("../blueprint/import");
    for (const file of [
      "dogfood-2025-05-01-merged-sled-config.json",
      "real-system-sled-config-v4.json",
      "real-system-sled-config-v14-converted.json",
    ]) {
      const parsed = parseBlueprint(omicronJson(file));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.errors[0]?.message}`);
      const target = parsed.blueprint;
      const empty = {
        ...target,
        id: "empty",
        sleds: target.sleds.map((s) => ({
          ...s,
          generation: 1,
          disks: [],
          datasets: [],
          zones: [],
        })),
      };
      expect(allPlans(empty, target).flatMap(bodyErrors).slice(0, 5)).toEqual([]);
    }
  });
});
