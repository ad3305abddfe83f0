/** docs/benchmarks.json: every part's raw numbers, kept across partial runs (`--only`). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Machine } from "./machine.ts";
import type { TargetResult } from "./target.ts";

export const PART_NAMES = [
  "planner",
  "execution",
  "recording",
  "browser",
  "import",
  "fleet",
] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface PartRecord<T = unknown> {
  /** When this part was measured (ISO), and on what. */
  at: string;
  machine: Machine;
  targets: TargetResult[];
  result: T;
}

export interface BenchResults {
  version: 1;
  parts: Partial<Record<PartName, PartRecord>>;
}

export function loadResults(file: string): BenchResults {
  if (!existsSync(file)) return { version: 1, parts: {} };
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
    return data.version === 1 ? data : { version: 1, parts: {} };
  } catch {
    return { version: 1, parts: {} };
  }
}

/** bigint-free JSON with numbers rounded to 0.001: raw enough, and diffable. */
export function saveResults(file: string, results: BenchResults): void {
  const round = (_: string, v: unknown) =>
    typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v;
  writeFileSync(file, `${JSON.stringify(results, round, 1)}\n`);
}
