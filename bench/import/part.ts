/**
 * Part 5, big imports: a 1,000-sled blueprint sent gzipped to the real tRPC route handler,
 * against JSON.parse of the same (decompressed) body, in its own process (measure.ts).
 */
import { runTsChild } from "../lib/child.ts";
import { progress } from "../lib/log.ts";
import { fmtInt, fmtMs, fmtX, table } from "../lib/markdown.ts";
import { median } from "../lib/stats.ts";
import type { TargetResult } from "../lib/target.ts";
import type { ImportRun, ImportSample } from "./measure.ts";

export const IMPORT_SLEDS = 1000;

export interface ImportResult {
  sample: ImportSample;
  /** Medians over the warm runs, ms. */
  median: ImportRun & { nodeSide: number };
  /** Medians of the per-run ratios. */
  ratio: { route: number; nodeSide: number };
}

const nodeSide = (r: ImportRun) => r.route - r.database;

export function summariseImport(sample: ImportSample): ImportResult {
  const med = (f: (r: ImportRun) => number) => median(sample.warm.map(f));
  return {
    sample,
    median: {
      route: med((r) => r.route),
      jsonParse: med((r) => r.jsonParse),
      gunzip: med((r) => r.gunzip),
      import: med((r) => r.import),
      validate: med((r) => r.validate),
      database: med((r) => r.database),
      queries: med((r) => r.queries),
      nodeSide: med(nodeSide),
    },
    ratio: {
      route: med((r) => r.route / r.jsonParse),
      nodeSide: med((r) => nodeSide(r) / r.jsonParse),
    },
  };
}

export async function runImportPart(opts: { runs: number }): Promise<ImportResult> {
  progress(`import: ${IMPORT_SLEDS} sleds, ${opts.runs} runs`);
  const out = await runTsChild(
    "bench/import/measure.ts",
    [String(IMPORT_SLEDS), String(opts.runs)],
    // The route loads the API, which refuses to load outside a server build unless asked as
    // a React server would (the `server-only` package).
    ["--conditions=react-server", "--expose-gc"],
  );
  return summariseImport(JSON.parse(out) as ImportSample);
}

const MiB = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

export function importTargets(r: ImportResult): TargetResult[] {
  const s = r.sample;
  return [
    {
      target: `${fmtInt(s.sleds)}-sled blueprint imports through the API (gzip)`,
      met: s.warm.length > 0,
      detail: `${MiB(s.jsonBytes)} of JSON sent as ${MiB(s.gzipBytes)} gzip; stored in ${fmtMs(r.median.route)}`,
    },
    {
      target: "server-side import under 3× JSON.parse of it",
      met: r.ratio.route < 3,
      detail: `${fmtX(r.ratio.route)}, the median of the per-run ratios (route ${fmtMs(r.median.route)}, JSON.parse ${fmtMs(r.median.jsonParse)}); without the database's ${fmtMs(r.median.database)}: ${fmtX(r.ratio.nodeSide)}`,
    },
  ];
}

export function importSection(r: ImportResult): string {
  const s = r.sample;
  const m = r.median;
  const row = (name: string, ms: number) => [name, fmtMs(ms), fmtX(ms / m.jsonParse)];
  return [
    `A ${fmtInt(s.sleds)}-sled example rack (lib/examples/rack.ts) as omicron JSON, pretty-printed: ${MiB(s.jsonBytes)} with the request around it, ${MiB(s.gzipBytes)} gzipped. Each run sends it (a new blueprint id each time) with \`Content-Encoding: gzip\` to the route handler (app/api/trpc/[trpc]/route.ts) in the measuring process, logged in as an operator, against a fresh database; ${s.warm.length} measured runs after 2 warm-up runs, medians. _route_: from the request to the parsed answer (decompression, tRPC's JSON.parse, the storable-text check, parseBlueprint, validation, the row's insert, the audit record). _database_: the route's ${m.queries} queries as Prisma reports them (call to answer; PostgreSQL parses and stores the model as jsonb). Beside each request, the same run times JSON.parse of the decompressed body, gunzip of it, and parseBlueprint and validateBlueprint alone. ${s.postgres.split(",")[0] ?? ""}.`,
    "",
    table(
      ["stage", "median", "÷ median JSON.parse"],
      [
        row("JSON.parse (the reference)", m.jsonParse),
        row("gunzip", m.gunzip),
        row("parseBlueprint", m.import),
        row("validateBlueprint", m.validate),
        row("database (the route's queries)", m.database),
        row("route without the database", m.nodeSide),
        row("**route (server-side import)**", m.route),
      ],
      ["l", "r", "r"],
    ),
    "",
    `First run in a fresh process: ${fmtMs(s.cold.route)} (JSON.parse ${fmtMs(s.cold.jsonParse)}).`,
  ].join("\n");
}
