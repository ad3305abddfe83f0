/**
 * One planner measurement, run as its own process so its memory peak is its own:
 *   node --import tsx --expose-gc bench/planner/measure.ts <parent.json> <target.json> <runs>
 * Reads the two blueprints as omicron JSON text, then times each stage of what the console
 * does with a pair (import, validate, diff, graph, plan, hazards, estimate) `runs` times after
 * one cold run and a warm-up, and prints one JSON object (PlannerSample) on stdout.
 */
import { readFileSync } from "node:fs";
import { parseBlueprint } from "~/lib/blueprint/import.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { validateBlueprint } from "~/lib/blueprint/validate.ts";
import { diffBlueprints } from "~/lib/diff/diff-blueprints.ts";
import { buildDependencyGraph } from "~/lib/graph/dependency-graph.ts";
import { itemChangesOfDiff } from "~/lib/graph/item-changes.ts";
import { DEFAULT_ESTIMATE, estimatePlan } from "~/lib/plan/estimate.ts";
import { makePlan } from "~/lib/plan/make-plan.ts";
import { findHazards } from "~/lib/plan/replay.ts";
import { STAGES, type PlannerSample, type Stage, type StageTimes } from "./stages.ts";

const MiB = 2 ** 20;
/** Passes before the measured ones, until the JIT has seen the code this often or this long. */
const WARMUP_MIN_PASSES = 5;
const WARMUP_MAX_PASSES = 30;
const WARMUP_MS = 3000;

interface Pass {
  times: StageTimes;
  cpu: StageTimes;
  counts: PlannerSample["counts"];
}

function imported(raw: unknown): Blueprint {
  const r = parseBlueprint(raw);
  if (!r.ok)
    throw new Error(`benchmark input does not import: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.blueprint;
}

/** One pass over the pipeline; everything it produces stays reachable until it returns. */
function pipeline(texts: [string, string], onStage: () => void): Pass {
  const zero = () => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes; // every stage set below
  const times = zero();
  const cpu = zero();
  let t = performance.now();
  let c = process.cpuUsage();
  const lap = (stage: Stage) => {
    const now = performance.now();
    const used = process.cpuUsage(c);
    times[stage] = now - t;
    cpu[stage] = (used.user + used.system) / 1000;
    onStage();
    c = process.cpuUsage();
    t = performance.now();
  };
  const raw = texts.map((s) => JSON.parse(s) as unknown);
  lap("jsonParse");
  const [parent, target] = raw.map(imported) as [Blueprint, Blueprint];
  lap("import");
  const findings = [validateBlueprint(parent), validateBlueprint(target)];
  lap("validate");
  const diff = diffBlueprints(parent, target);
  lap("diff");
  const graph = buildDependencyGraph(itemChangesOfDiff(diff));
  lap("graph");
  const plan = makePlan(parent, target);
  lap("planReconciler");
  const hazards = findHazards(plan, parent, target);
  lap("hazardsReconciler");
  const estimate = estimatePlan(plan, DEFAULT_ESTIMATE);
  lap("estimate");
  const splitPlan = makePlan(parent, target, { profile: "split" });
  lap("planSplit");
  const splitHazards = findHazards(splitPlan, parent, target);
  lap("hazardsSplit");
  const errors = findings.flat().filter((f) => f.severity === "error").length;
  if (errors || hazards.length || splitHazards.length)
    throw new Error(`unexpected findings/hazards in benchmark input`);
  return {
    times,
    cpu,
    counts: {
      items: parent.sleds
        .concat(target.sleds)
        .reduce((n, s) => n + s.disks.length + s.datasets.length + s.zones.length, 0),
      graphNodes: graph.nodes.length,
      graphEdges: graph.edges.length,
      stepsReconciler: plan.steps.length,
      stepsSplit: splitPlan.steps.length,
      criticalPathSteps: estimate.criticalPathSteps,
    },
  };
}

function main(): void {
  const [parentFile, targetFile, runsArg] = process.argv.slice(2);
  if (!parentFile || !targetFile)
    throw new Error("usage: measure.ts <parent.json> <target.json> <runs>");
  const runs = Number(runsArg ?? 5);
  const texts: [string, string] = [
    readFileSync(parentFile, "utf8"),
    readFileSync(targetFile, "utf8"),
  ];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  const maxRssBeforeKiB = process.resourceUsage().maxRSS;
  let heapPeak = baseline.heapUsed;
  const sampleHeap = () => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  const cold = pipeline(texts, sampleHeap);
  const peakRssKiB = process.resourceUsage().maxRSS;
  const warmupStart = performance.now();
  let warmup = 0;
  while (
    warmup < WARMUP_MIN_PASSES ||
    (warmup < WARMUP_MAX_PASSES && performance.now() - warmupStart < WARMUP_MS)
  ) {
    pipeline(texts, () => undefined);
    warmup++;
  }
  const warm: StageTimes[] = [];
  const warmCpu: StageTimes[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.(); // each run starts from the same heap, so a collection left over is not billed to it
    const pass = pipeline(texts, () => undefined);
    warm.push(pass.times);
    warmCpu.push(pass.cpu);
  }
  const sample: PlannerSample = {
    bytes: texts[0].length + texts[1].length,
    counts: cold.counts,
    cold: cold.times,
    warmupPasses: warmup,
    warm,
    warmCpu,
    memory: {
      baselineRssMiB: baseline.rss / MiB,
      baselineHeapMiB: baseline.heapUsed / MiB,
      peakRssMiB: peakRssKiB / 1024,
      rssAddedMiB: (peakRssKiB - Math.max(maxRssBeforeKiB, 0)) / 1024,
      heapPeakAddedMiB: (heapPeak - baseline.heapUsed) / MiB,
    },
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main();
