/**
 * Every request body a plan sends must be what omicron's sled agent accepts: validated against
 * the OpenAPI documents in ../shared/omicron (split endpoints of January 2025, v48 config).
 */
import { describe, expect, it } from "vitest";
import { RECONCILER_SPEC, SPLIT_SPEC, schemaErrors } from "../../test/support/openapi";
import { blueprint, crucibleSled } from "../../test/support/tiny-rack";
import type { Blueprint } from "../blueprint/model";
import { makePlan } from "./make-plan";
import type { Plan } from "./types";

const SCHEMA_BY_ENDPOINT = {
  disks: [SPLIT_SPEC, "OmicronPhysicalDisksConfig"],
  datasets: [SPLIT_SPEC, "DatasetsConfig"],
  zones: [SPLIT_SPEC, "OmicronZonesConfig"],
  config: [RECONCILER_SPEC, "OmicronSledConfig"],
} as const;

export function bodyErrors(plan: Plan): string[] {
  return plan.steps.flatMap((s) => {
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
    const broken = { ...plan, steps: plan.steps.map((s) => ({ ...s, body: { ...(s.body as object), generation: "two" } })) };
    expect(bodyErrors(broken).length).toBe(plan.steps.length);
  });
});
