/** The planner stages the benchmark times, and what one measurement process reports. */
export const STAGES = [
  "jsonParse",
  "import",
  "validate",
  "diff",
  "graph",
  "planReconciler",
  "hazardsReconciler",
  "estimate",
  "planSplit",
  "hazardsSplit",
] as const;

export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

export interface PlannerSample {
  /** Size of the two omicron JSON texts, bytes. */
  bytes: number;
  counts: {
    /** Disks + datasets + zones of both blueprints. */
    items: number;
    graphNodes: number;
    graphEdges: number;
    stepsReconciler: number;
    stepsSplit: number;
    criticalPathSteps: number;
  };
  /** The first pass in a fresh process (JIT cold). */
  cold: StageTimes;
  /** Unmeasured passes after the cold one, so the JIT has optimised the code. */
  warmupPasses: number;
  /** The measured passes, wall-clock ms. */
  warm: StageTimes[];
  /** The same passes, CPU ms of this process (user + system, V8's GC threads included). */
  warmCpu: StageTimes[];
  memory: {
    baselineRssMiB: number;
    baselineHeapMiB: number;
    /** The process's peak RSS (maxRSS) after the first pass: inputs + everything a pass holds. */
    peakRssMiB: number;
    rssAddedMiB: number;
    /** Peak heap used during the first pass above the heap with just the two texts loaded. */
    heapPeakAddedMiB: number;
  };
}

/** The stages of the default (reconciler) pipeline: what `total` adds up. */
export const RECONCILER_TOTAL: readonly Stage[] = [
  "jsonParse",
  "import",
  "validate",
  "diff",
  "graph",
  "planReconciler",
  "hazardsReconciler",
];
export const SPLIT_TOTAL: readonly Stage[] = [
  "jsonParse",
  "import",
  "validate",
  "diff",
  "graph",
  "planSplit",
  "hazardsSplit",
];

export function sumOf(times: StageTimes, stages: readonly Stage[]): number {
  return stages.reduce((s, k) => s + times[k], 0);
}
