/** docs/BENCHMARKS.md, rendered from docs/benchmarks.json plus the notes in bench/notes/. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { table } from "./lib/markdown.ts";
import type { Machine } from "./lib/machine.ts";
import type { BenchResults, PartName, PartRecord } from "./lib/results.ts";
import type { TargetResult } from "./lib/target.ts";
import type { BrowserResult } from "./browser/part.ts";
import { browserSection } from "./browser/report.ts";
import type { ExecutionResult } from "./execution/part.ts";
import { executionSection, recordingSection } from "./execution/report.ts";
import type { PlannerResult } from "./planner/part.ts";
import { plannerTargets } from "./planner/part.ts";
import { plannerSection } from "./planner/report.ts";
import { browserTargets } from "./browser/part.ts";
import { importSection, importTargets, type ImportResult } from "./import/part.ts";
import { executionTargets, recordingTargets } from "./execution/report.ts";
import type { FleetResult } from "./fleet/part.ts";
import { fleetSection, fleetTargets } from "./fleet/report.ts";

const TITLES: Record<PartName, string> = {
  planner: "1. Planning",
  execution: "2. Execution against the simulated rack",
  recording: "3. Recording cost",
  browser: "4. Browser: the diff graph",
  import: "5. Big imports",
  fleet: "6. A fleet: several console processes, one database",
};

function machineLine(m: Machine): string {
  const load = `load average ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end?.toFixed(1) ?? "?"}`;
  const extra = [m.postgres, m.chromium].filter(Boolean).join("; ");
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ${load}${extra ? `; ${extra}` : ""}`;
}

function note(name: PartName): string {
  const file = `bench/notes/${name}.md`;
  return existsSync(file) ? `\n${readFileSync(file, "utf8").trim()}\n` : "";
}

function sectionBody(name: PartName, part: PartRecord): string {
  const r = part.result as Record<string, unknown>;
  if (typeof r.notMeasured === "string") return `Not measured: ${r.notMeasured}`;
  switch (name) {
    case "planner":
      return plannerSection(part.result as PlannerResult);
    case "execution":
      return executionSection(part.result as ExecutionResult);
    case "recording":
      return recordingSection(part.result as ExecutionResult);
    case "browser":
      return browserSection(part.result as BrowserResult);
    case "import":
      return importSection(part.result as ImportResult);
    case "fleet":
      return fleetSection(part.result as FleetResult);
    default:
      return name satisfies never;
  }
}

/** A part's targets, judged again from its raw numbers (so the report follows the code). */
export function targetsOf(name: PartName, part: PartRecord): TargetResult[] {
  const r = part.result as Record<string, unknown>;
  if (typeof r.notMeasured === "string") return part.targets;
  switch (name) {
    case "planner": {
      const p = part.result as PlannerResult;
      return plannerTargets(p.cases, p.growth);
    }
    case "execution":
      return executionTargets(part.result as ExecutionResult);
    case "recording":
      return recordingTargets(part.result as ExecutionResult);
    case "browser":
      return browserTargets(part.result as BrowserResult);
    case "import":
      return importTargets(part.result as ImportResult);
    case "fleet":
      return fleetTargets(part.result as FleetResult);
    default:
      return name satisfies never;
  }
}

const verdict = (t: TargetResult) =>
  t.info ? "reported" : t.met === null ? "not measured" : t.met ? "**met**" : "**not met**";

export function writeReport(file: string, results: BenchResults): void {
  const parts = (Object.keys(TITLES) as PartName[]).filter((n) => results.parts[n]);
  const summary = parts.flatMap((n) => {
    const part = results.parts[n];
    return part ? targetsOf(n, part).map((t) => [TITLES[n], t.target, verdict(t), t.detail]) : [];
  });
  const out: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts) from the raw numbers in [benchmarks.json](benchmarks.json); the prose under each table comes from bench/notes/. Re-run one part with `npm run bench -- --only planner` (parts: planner, execution, recording, browser, import, fleet).",
    "",
    "## Targets",
    "",
    table(["part", "target", "verdict", "measured"], summary, ["l", "l", "l", "l"]),
  ];
  for (const name of parts) {
    const part = results.parts[name];
    if (!part) continue;
    out.push(
      "",
      `## ${TITLES[name]}`,
      "",
      `Measured ${part.at.slice(0, 16).replace("T", " ")} UTC on ${machineLine(part.machine)}.`,
      "",
      sectionBody(name, part),
      note(name),
    );
  }
  writeFileSync(file, `${out.join("\n").trimEnd()}\n`);
}
