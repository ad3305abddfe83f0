/**
 * Part 1, planning: example racks of 1, 32, 320 and 1,000 sleds, for a mixed change on every
 * sled and a whole rack added from empty. Each (scenario, size) is measured in its own process
 * (measure.ts) from omicron JSON text written here.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { makeMixedChange } from "~/lib/examples/mixed-change.ts";
import { makeExampleRack, makeWholeRackAdded } from "~/lib/examples/rack.ts";
import { runTsChild } from "../lib/child.ts";
import { fmtMs } from "../lib/markdown.ts";
import { progress } from "../lib/log.ts";
import { growthExponent, linearFit, median, type LinearFit } from "../lib/stats.ts";
import type { TargetResult } from "../lib/target.ts";
import {
  RECONCILER_TOTAL,
  SPLIT_TOTAL,
  STAGES,
  sumOf,
  type PlannerSample,
  type StageTimes,
} from "./stages.ts";

export type Scenario = "mixed-change" | "whole-rack-added";
export const SCENARIOS: readonly Scenario[] = ["mixed-change", "whole-rack-added"];
export const SIZES = [1, 32, 320, 1000] as const;
const SEED = "bench";

export interface PlannerCase {
  scenario: Scenario;
  sleds: number;
  runs: number;
  sample: PlannerSample;
  /** Medians over the warm runs, ms. */
  median: StageTimes & { totalReconciler: number; totalSplit: number; parseAndValidate: number };
  /** Medians of CPU time over the same runs, ms. */
  medianCpu: { totalReconciler: number; totalSplit: number; jsonParse: number };
  /** Median over the warm runs of total ÷ JSON.parse (same run). */
  ratioToJsonParse: { reconciler: number; split: number };
  coldTotalReconcilerMs: number;
  perSledMs: { reconciler: number; split: number };
}

export interface PlannerResult {
  cases: PlannerCase[];
  growth: Record<Scenario, { fit: LinearFit; exponent32to1000: number | null }>;
  targets: TargetResult[];
}

function pairFor(scenario: Scenario, sleds: number): { parent: Blueprint; target: Blueprint } {
  if (scenario === "whole-rack-added") return makeWholeRackAdded({ sleds, seed: SEED });
  const parent = makeExampleRack({ sleds, seed: SEED });
  const child = makeMixedChange(parent, SEED);
  if (!child.ok) throw new Error(`mixed change failed: ${child.error}`);
  return { parent, target: child.blueprint };
}

function summarise(
  scenario: Scenario,
  sleds: number,
  runs: number,
  sample: PlannerSample,
): PlannerCase {
  const med = (f: (t: StageTimes) => number) => median(sample.warm.map(f));
  const stages = Object.fromEntries(STAGES.map((s) => [s, med((t) => t[s])])) as StageTimes; // all stages
  const totalReconciler = med((t) => sumOf(t, RECONCILER_TOTAL));
  const totalSplit = med((t) => sumOf(t, SPLIT_TOTAL));
  return {
    scenario,
    sleds,
    runs,
    sample,
    median: {
      ...stages,
      totalReconciler,
      totalSplit,
      parseAndValidate: med((t) => t.jsonParse + t.import + t.validate),
    },
    medianCpu: {
      totalReconciler: median(sample.warmCpu.map((t) => sumOf(t, RECONCILER_TOTAL))),
      totalSplit: median(sample.warmCpu.map((t) => sumOf(t, SPLIT_TOTAL))),
      jsonParse: median(sample.warmCpu.map((t) => t.jsonParse)),
    },
    ratioToJsonParse: {
      reconciler: med((t) => sumOf(t, RECONCILER_TOTAL) / t.jsonParse),
      split: med((t) => sumOf(t, SPLIT_TOTAL) / t.jsonParse),
    },
    coldTotalReconcilerMs: sumOf(sample.cold, RECONCILER_TOTAL),
    perSledMs: { reconciler: totalReconciler / sleds, split: totalSplit / sleds },
  };
}

export async function runPlannerPart(opts: {
  runs: number;
  sizes?: readonly number[];
}): Promise<PlannerResult> {
  const dir = mkdtempSync(join(tmpdir(), "bpc-bench-"));
  const cases: PlannerCase[] = [];
  try {
    for (const scenario of SCENARIOS) {
      for (const sleds of opts.sizes ?? SIZES) {
        progress(`planner: ${scenario}, ${sleds} sleds: generating`);
        const pair = pairFor(scenario, sleds);
        const files = (["parent", "target"] as const).map((k) => {
          const file = join(dir, `${scenario}-${sleds}-${k}.json`);
          writeFileSync(file, JSON.stringify(toOmicronJson(pair[k])));
          return file;
        });
        const out = await runTsChild(
          "bench/planner/measure.ts",
          [...files, String(opts.runs)],
          ["--expose-gc"],
        );
        const c = summarise(scenario, sleds, opts.runs, JSON.parse(out) as PlannerSample);
        cases.push(c);
        progress(
          `planner: ${scenario}, ${sleds} sleds: total ${c.median.totalReconciler.toFixed(1)} ms (reconciler), ${c.median.totalSplit.toFixed(1)} ms (split), ${c.ratioToJsonParse.reconciler.toFixed(1)}× JSON.parse`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const growth = Object.fromEntries(
    SCENARIOS.map((s) => [s, growthOf(cases.filter((c) => c.scenario === s))]),
  ) as PlannerResult["growth"];
  return { cases, growth, targets: plannerTargets(cases, growth) };
}

function growthOf(cases: PlannerCase[]): { fit: LinearFit; exponent32to1000: number | null } {
  const at = (n: number) => cases.find((c) => c.sleds === n);
  const a = at(32);
  const b = at(1000);
  return {
    fit: linearFit(cases.map((c) => ({ x: c.sleds, y: c.median.totalReconciler }))),
    exponent32to1000:
      a && b
        ? growthExponent(
            { x: 32, y: a.median.totalReconciler },
            { x: 1000, y: b.median.totalReconciler },
          )
        : null,
  };
}

const ms = fmtMs;

export function plannerTargets(
  cases: PlannerCase[],
  growth: PlannerResult["growth"],
): TargetResult[] {
  const of = (n: number) => cases.filter((c) => c.sleds === n);
  const out: TargetResult[] = [];
  const small = of(32);
  if (small.length) {
    const worst = Math.max(
      ...small.map((c) => Math.max(c.median.totalReconciler, c.median.totalSplit)),
    );
    out.push({
      target: "32 sleds: total under 50 ms",
      met: worst < 50,
      detail: small
        .map(
          (c) =>
            `${c.scenario}: ${ms(c.median.totalReconciler)} reconciler, ${ms(c.median.totalSplit)} split (first run in a fresh process: ${ms(c.coldTotalReconcilerMs)})`,
        )
        .join("; "),
    });
  }
  const big = of(1000);
  if (big.length) {
    const worst = Math.max(
      ...big.map((c) => Math.max(c.ratioToJsonParse.reconciler, c.ratioToJsonParse.split)),
    );
    out.push({
      target: "1,000 sleds: total under 3× JSON.parse",
      met: worst < 3,
      detail: big
        .map(
          (c) =>
            `${c.scenario}: ${c.ratioToJsonParse.reconciler.toFixed(1)}× reconciler, ${c.ratioToJsonParse.split.toFixed(1)}× split (JSON.parse ${ms(c.median.jsonParse)}, import alone ${(c.median.import / c.median.jsonParse).toFixed(1)}×)`,
        )
        .join("; "),
    });
  }
  const exps = Object.entries(growth).filter(([, g]) => g.exponent32to1000 !== null);
  if (exps.length) {
    const worst = Math.max(...exps.map(([, g]) => g.exponent32to1000 ?? 0));
    out.push({
      target: "cost grows linearly with the sled count",
      met: worst <= 1.15,
      detail: exps
        .map(
          ([s, g]) =>
            `${s}: time ∝ sleds^${(g.exponent32to1000 ?? 0).toFixed(2)} from 32 to 1,000 sleds; linear fit ${g.fit.slopeMs.toFixed(2)} ms/sled ${g.fit.interceptMs < 0 ? "−" : "+"} ${Math.abs(g.fit.interceptMs).toFixed(1)} ms, R² ${g.fit.r2.toFixed(4)}`,
        )
        .join("; "),
    });
  }
  return out;
}
