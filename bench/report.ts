/** docs/BENCHMARKS.md, rendered from docs/benchmarks.json plus the notes in bench/notes/. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { table } from "./lib/markdown.ts";
import type { Machine } from "./lib/machine.ts";
import type { BenchResults, PartName, PartRecord } from "./lib/results.ts";
import type { PlannerResult } from "./planner/part.ts";
import { plannerSection } from "./planner/report.ts";

const TITLES: Record<PartName, string> = {
  planner: "1. Planning",
  execution: "2. Execution against the simulated rack",
  recording: "3. Recording cost",
  browser: "4. Browser: the diff graph",
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
    case "recording":
    case "browser":
      return "```json\n" + JSON.stringify(part.result, null, 1) + "\n```";
    default:
      return name satisfies never;
  }
}

const verdict = (met: boolean | null) => (met === null ? "not measured" : met ? "**met**" : "**not met**");

export function writeReport(file: string, results: BenchResults): void {
  const parts = (Object.keys(TITLES) as PartName[]).filter((n) => results.parts[n]);
  const summary = parts.flatMap((n) => (results.parts[n]?.targets ?? []).map((t) => [TITLES[n], t.target, verdict(t.met), t.detail]));
  const out: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts) from the raw numbers in [benchmarks.json](benchmarks.json); the prose under each table comes from bench/notes/. Re-run one part with `npm run bench -- --only planner` (parts: planner, execution, recording, browser).",
    "",
    "## Targets",
    "",
    table(["part", "target", "verdict", "measured"], summary, ["l", "l", "l", "l"]),
  ];
  for (const name of parts) {
    const part = results.parts[name];
    if (!part) continue;
    out.push("", `## ${TITLES[name]}`, "", `Measured ${part.at.slice(0, 16).replace("T", " ")} UTC on ${machineLine(part.machine)}.`, "", sectionBody(name, part), note(name));
  }
  writeFileSync(file, `${out.join("\n").trimEnd()}\n`);
}
