/** Small plans and step rows for the unit tests of the execution helpers. */
import type { StepState } from "~/lib/execution/state-machine";
import type { DecommissionStep, Plan, RequestStep } from "~/lib/plan/types";
import type { AttemptRow, StepRow } from "./types";

export const SLED_A = "aaaaaaaa-0000-4000-8000-000000000001";
export const SLED_B = "bbbbbbbb-0000-4000-8000-000000000002";

const ledgers = { disks: 2, datasets: 2, zones: 2, config: 1 };

function step(
  sledId: string,
  n: number,
  endpoint: RequestStep["endpoint"],
  dependsOn: string[] = [],
): RequestStep {
  const path = {
    disks: "/omicron-physical-disks",
    datasets: "/datasets",
    zones: "/omicron-zones",
    config: "/omicron-config",
  }[endpoint];
  return {
    kind: "request",
    id: `${sledId}/${n}-${endpoint}`,
    sledId,
    profile: "split",
    method: "PUT",
    path,
    endpoint,
    generation: 3,
    body: {},
    dependsOn,
    purpose: `step ${n}`,
    realises: [],
    awaitReconciliation: false,
  };
}

/** Two split sleds, each: 1-zones → 2-datasets. */
export function twoSledPlan(): Plan {
  const a1 = step(SLED_A, 1, "zones");
  const a2 = step(SLED_A, 2, "datasets", [a1.id]);
  const b1 = step(SLED_B, 1, "zones");
  const b2 = step(SLED_B, 2, "datasets", [b1.id]);
  const sled = (sledId: string, stepIds: string[]) => ({
    sledId,
    profile: "split" as const,
    assumed: ledgers,
    final: ledgers,
    stepIds,
    decommissioned: false,
  });
  return {
    version: 1,
    parentBlueprintId: "p",
    targetBlueprintId: "t",
    order: "safe",
    sleds: [sled(SLED_A, [a1.id, a2.id]), sled(SLED_B, [b1.id, b2.id])],
    steps: [a1, a2, b1, b2],
  };
}

export const SLED_C = "cccccccc-0000-4000-8000-000000000003";

/** twoSledPlan, and sled C leaving the rack: its decommission step runs after every request. */
export function decommissionPlan(): Plan {
  const plan = twoSledPlan();
  const gone: DecommissionStep = {
    kind: "decommission",
    id: `${SLED_C}/decommission`,
    sledId: SLED_C,
    dependsOn: plan.steps.map((s) => s.id),
    purpose: "mark it decommissioned",
    realises: [],
  };
  return {
    ...plan,
    sleds: [
      ...plan.sleds,
      {
        sledId: SLED_C,
        profile: "split",
        assumed: ledgers,
        final: ledgers,
        stepIds: [gone.id],
        decommissioned: true,
      },
    ],
    steps: [...plan.steps, gone],
  };
}

export const T0 = Date.parse("2026-11-25T10:00:00.000Z");
export const at = (ms: number) => new Date(T0 + ms).toISOString();

export function row(
  stepId: string,
  state: StepState,
  times: { start?: number; end?: number; attempts?: number; error?: string } = {},
): StepRow {
  const sledId = stepId.split("/")[0] ?? "";
  return {
    stepId,
    sledId,
    state,
    attemptCount: times.attempts ?? (times.start === undefined ? 0 : 1),
    error: times.error ?? null,
    startedAt: times.start === undefined ? null : at(times.start),
    finishedAt: times.end === undefined ? null : at(times.end),
  };
}

export function attempt(
  stepId: string,
  n: number,
  start: number,
  end: number | null,
  extra: Partial<AttemptRow> = {},
): AttemptRow {
  return {
    id: `${stepId}#${n}`,
    stepId,
    attempt: n,
    runner: "test",
    method: "PUT",
    url: "http://sled/x",
    requestBody: {},
    status: 204,
    responseBody: null,
    error: null,
    errorKind: null,
    startedAt: at(start),
    finishedAt: end === null ? null : at(end),
    durationMs: end === null ? null : end - start,
    ...extra,
  };
}
