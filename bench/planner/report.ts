/** The planning section of docs/BENCHMARKS.md. */
import { fmtInt, fmtMs, fmtX, table } from "../lib/markdown.ts";
import type { PlannerResult } from "./part.ts";

const CASE_HEADER = [
  "scenario",
  "sleds",
  "items",
  "graph nodes",
  "JSON MiB",
  "JSON.parse",
  "parse + validate",
  "diff",
  "graph",
  "plan r / s",
  "hazards r / s",
  "total r / s",
  "process CPU r / s",
  "total ÷ JSON.parse r / s",
  "per sled r / s",
  "first run (r)",
  "peak RSS MiB (+heap)",
];

export function plannerSection(r: PlannerResult): string {
  const first = r.cases[0];
  const runs = first
    ? `${first.runs} measured runs (after ${first.sample.warmupPasses}+ warm-up passes in the same process)`
    : "";
  return [
    `Medians of ${runs}, wall-clock time. **r** = the default \`reconciler\` profile, **s** = \`split\` (both are planned and replayed for every case; "total r" is what \`blueprint.plan\` does for a reconciler rack).`,
    "",
    "Stages: *JSON.parse* of both blueprints' omicron JSON (HEAD form, from `toOmicronJson`); *parse + validate* = JSON.parse + `parseBlueprint` + `validateBlueprint` of both; *diff* = `diffBlueprints`; *graph* = `itemChangesOfDiff` + `buildDependencyGraph`; *plan* = `makePlan`; *hazards* = `findHazards` (replay against the strict sled model). *total* = parse + validate + diff + graph + plan + hazards. *total ÷ JSON.parse* is the median of that ratio per run. *first run* is the first pass in a fresh process (JIT cold). *process CPU* is the process's user + system time over the same passes; it includes V8's parallel garbage-collection threads, so it can exceed the wall-clock time. *peak RSS* is the measuring process's maxRSS after its first pass (inputs loaded + everything one pass holds); *+heap* is the heap high-water mark of that pass above the heap holding just the two JSON texts. Each (scenario, size) runs in its own process.",
    "",
    table(CASE_HEADER, r.cases.map(caseRow), ["l"]),
    "",
    "Growth of the reconciler total with the sled count (the exponent k of time ∝ sleds^k between 32 and 1,000 sleds: 1 is linear; and a least-squares line over all sizes):",
    "",
    table(["scenario", "32 → 1,000 sleds", "linear fit", "R²"], growthRows(r), ["l"]),
  ].join("\n");
}

/** One (scenario, size): medians per stage, reconciler / split. */
function caseRow(c: PlannerResult["cases"][number]): string[] {
  return [
    c.scenario,
    fmtInt(c.sleds),
    fmtInt(c.sample.counts.items),
    fmtInt(c.sample.counts.graphNodes),
    (c.sample.bytes / 2 ** 20).toFixed(1),
    fmtMs(c.median.jsonParse),
    fmtMs(c.median.parseAndValidate),
    fmtMs(c.median.diff),
    fmtMs(c.median.graph),
    `${fmtMs(c.median.planReconciler)} / ${fmtMs(c.median.planSplit)}`,
    `${fmtMs(c.median.hazardsReconciler)} / ${fmtMs(c.median.hazardsSplit)}`,
    `**${fmtMs(c.median.totalReconciler)}** / ${fmtMs(c.median.totalSplit)}`,
    `${fmtMs(c.medianCpu.totalReconciler)} / ${fmtMs(c.medianCpu.totalSplit)}`,
    `${fmtX(c.ratioToJsonParse.reconciler)} / ${fmtX(c.ratioToJsonParse.split)}`,
    `${fmtMs(c.perSledMs.reconciler)} / ${fmtMs(c.perSledMs.split)}`,
    fmtMs(c.coldTotalReconcilerMs),
    `${c.sample.memory.peakRssMiB.toFixed(0)} (+${c.sample.memory.heapPeakAddedMiB.toFixed(0)})`,
  ];
}

/** Per scenario: the growth exponent from 32 to 1,000 sleds and a linear fit over all sizes. */
function growthRows(r: PlannerResult): string[][] {
  return Object.entries(r.growth).map(([s, g]) => [
    s,
    g.exponent32to1000 === null ? "–" : `sleds^${g.exponent32to1000.toFixed(2)}`,
    `${g.fit.slopeMs.toFixed(2)} ms/sled ${g.fit.interceptMs < 0 ? "−" : "+"} ${Math.abs(g.fit.interceptMs).toFixed(1)} ms`,
    g.fit.r2.toFixed(4),
  ]);
}
