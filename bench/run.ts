/**
 * npm run bench [-- --only planner,execution,recording,browser,import,fleet] [--runs N] [--quick]
 * npm run bench -- --report      (only re-render docs/BENCHMARKS.md from docs/benchmarks.json)
 *
 * Runs the benchmark parts in order, printing progress on stderr, and writes
 * docs/benchmarks.json (raw numbers; parts not run this time keep their last numbers) and
 * docs/BENCHMARKS.md (rendered from the JSON). Not part of `npm test`: timings are reported,
 * never asserted.
 */
import { mkdirSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { progress } from "./lib/log.ts";
import { machineInfo } from "./lib/machine.ts";
import {
  loadResults,
  PART_NAMES,
  saveResults,
  type PartName,
  type PartRecord,
} from "./lib/results.ts";
import { writeReport } from "./report.ts";
import { runExecutionPart, type ExecutionResult } from "./execution/part.ts";
import { executionTargets, recordingTargets } from "./execution/report.ts";
import { browserTargets, runBrowserPart } from "./browser/part.ts";
import { runPlannerPart } from "./planner/part.ts";
import { importTargets, runImportPart } from "./import/part.ts";
import { runFleetPart } from "./fleet/part.ts";
import { fleetTargets } from "./fleet/report.ts";

const JSON_FILE = "docs/benchmarks.json";
const REPORT_FILE = "docs/BENCHMARKS.md";

interface Options {
  parts: PartName[];
  runs: number;
  quick: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      runs: { type: "string" },
      quick: { type: "boolean" },
      report: { type: "boolean" },
    },
    strict: true,
  });
  const parts = values.only ? values.only.split(",").map((s) => s.trim()) : [...PART_NAMES];
  for (const p of parts)
    if (!(PART_NAMES as readonly string[]).includes(p))
      throw new Error(`unknown part ${p}; parts: ${PART_NAMES.join(", ")}`);
  const runs = values.runs ? Number(values.runs) : values.quick ? 3 : 7;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1`);
  return { parts: values.report ? [] : (parts as PartName[]), runs, quick: values.quick ?? false };
}

let executionRun: Promise<ExecutionResult> | undefined;

async function runPart(name: PartName, opts: Options): Promise<Omit<PartRecord, "at" | "machine">> {
  switch (name) {
    case "planner": {
      const result = await runPlannerPart({
        runs: opts.runs,
        sizes: opts.quick ? [1, 32, 320] : undefined,
      });
      return { targets: result.targets, result };
    }
    case "execution":
    case "recording": {
      // One set of executions serves both parts; the second part reuses the first's.
      executionRun ??= runExecutionPart({ runs: opts.runs, quick: opts.quick });
      const result = await executionRun;
      return {
        targets: name === "execution" ? executionTargets(result) : recordingTargets(result),
        result,
      };
    }
    case "browser": {
      const result = await runBrowserPart({ runs: Math.min(opts.runs, 5) });
      return { targets: browserTargets(result), result };
    }
    case "import": {
      const result = await runImportPart({ runs: opts.quick ? 3 : Math.min(opts.runs, 5) });
      return { targets: importTargets(result), result };
    }
    case "fleet": {
      const result = await runFleetPart({ quick: opts.quick });
      return { targets: fleetTargets(result), result };
    }
    default:
      return name satisfies never;
  }
}

async function main(): Promise<void> {
  const opts = options();
  mkdirSync("docs", { recursive: true });
  const results = loadResults(JSON_FILE);
  if (opts.parts.length)
    progress(
      `parts: ${opts.parts.join(", ")}; ${opts.runs} measured runs each; ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`,
    );
  for (const name of opts.parts) {
    const machine = machineInfo();
    const at = new Date().toISOString();
    progress(`${name}: start`);
    const part = await runPart(name, opts);
    machine.loadAverage.end = os.loadavg()[0] ?? null;
    results.parts[name] = { at, machine, ...part };
    saveResults(JSON_FILE, results);
    writeReport(REPORT_FILE, results);
    for (const t of part.targets)
      progress(
        `${name}: ${t.info ? "REPORTED" : t.met === null ? "NOT MEASURED" : t.met ? "MET" : "NOT MET"}  ${t.target}: ${t.detail}`,
      );
  }
  writeReport(REPORT_FILE, results);
  progress(opts.parts.length ? `wrote ${JSON_FILE} and ${REPORT_FILE}` : `wrote ${REPORT_FILE}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
