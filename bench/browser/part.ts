/**
 * Part 4, the browser: navigation → a rendered, interactive diff graph in headless Chromium
 * for a ~60-node diff and a full rack added (~2,000 nodes), the longest main-thread task
 * meanwhile, and the diff page's first-load JavaScript, against a production build of the
 * console (its own copy, its own database).
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumVersion } from "../lib/machine.ts";
import { fmtMs } from "../lib/markdown.ts";
import { progress } from "../lib/log.ts";
import { median } from "../lib/stats.ts";
import type { TargetResult } from "../lib/target.ts";
import { setupBenchDatabase } from "../execution/database.ts";
import { buildConsole, startConsole } from "./console-build.ts";
import { loadGraph, type GraphLoad } from "./measure.ts";
import { profileLoad, type MainThreadProfile } from "./profile.ts";
import { seedBrowserCases, type DiffCase } from "./seed.ts";

export interface BrowserCase {
  name: string;
  items: number;
  runs: GraphLoad[];
  median: {
    renderedMs: number;
    interactiveMs: number;
    searchAnswerMs: number;
    laidOutMs: number | null;
    longestTaskMs: number;
  };
  /** The worst run's longest task. */
  worstTaskMs: number;
  /** Opened as the overview of collapsed sleds; then "expand all": medians, and the worst task. */
  overview: boolean;
  expandAll: { ms: number; longestTaskMs: number; worstTaskMs: number } | null;
}

export interface BrowserResult {
  chromium: string;
  buildMs: number;
  /** The /diff line of `next build`'s route table, when it prints one. */
  buildRouteLine: string | null;
  cases: BrowserCase[];
  /** A profiled load of the largest diff: where the main thread's time went. */
  profile: MainThreadProfile | null;
}

const SEARCH = "crucible";
const LIMITS = [
  { maxItems: 100, interactiveMs: 1_000, taskMs: null },
  { maxItems: Infinity, interactiveMs: 5_000, taskMs: 200 },
] as const;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

function summarise(c: DiffCase, runs: GraphLoad[]): BrowserCase {
  const med = (f: (r: GraphLoad) => number) => median(runs.map(f));
  const laid = runs.map((r) => r.laidOutMs).filter((x): x is number => x !== null);
  return {
    name: c.name,
    items: c.items,
    runs,
    median: {
      renderedMs: med((r) => r.renderedMs),
      interactiveMs: med((r) => r.interactiveMs),
      searchAnswerMs: med((r) => r.searchAnswerMs),
      laidOutMs: laid.length ? median(laid) : null,
      longestTaskMs: med((r) => r.longestTaskMs),
    },
    worstTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
    overview: runs.some((r) => r.overview),
    expandAll: expandAllOf(runs),
  };
}

function expandAllOf(runs: GraphLoad[]): BrowserCase["expandAll"] {
  const all = runs.map((r) => r.expandAll).filter((x) => x !== null);
  if (all.length === 0) return null;
  return {
    ms: median(all.map((x) => x.ms)),
    longestTaskMs: median(all.map((x) => x.longestTaskMs)),
    worstTaskMs: Math.max(...all.map((x) => x.longestTaskMs)),
  };
}

export async function runBrowserPart(opts: { runs: number }): Promise<BrowserResult> {
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new Error(`no Chromium at ${exe} (set CHROMIUM_PATH)`);
  progress("browser: building the console in a private copy (next build, a minute or two)");
  const built = buildConsole();
  const db = await setupBenchDatabase();
  try {
    const seed = await seedBrowserCases();
    const server = await startConsole(built.dir, db.url);
    const browser = await chromium.launch({
      executablePath: exe,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    const cases: BrowserCase[] = [];
    let profile: MainThreadProfile | null = null;
    try {
      for (const c of seed.cases) {
        await loadGraph(browser, server.url, seed, c, SEARCH); // warms the server (compiles nothing: a production build), not the browser
        const runs: GraphLoad[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const r = await loadGraph(browser, server.url, seed, c, SEARCH);
          runs.push(r);
          const expanded = r.expandAll
            ? `; expand all ${r.expandAll.ms.toFixed(0)} ms, longest task ${r.expandAll.longestTaskMs.toFixed(0)} ms`
            : "";
          progress(
            `browser: ${c.name} [${i + 1}/${opts.runs}]: rendered ${r.renderedMs.toFixed(0)} ms${r.overview ? " (overview)" : ""}, interactive ${r.interactiveMs.toFixed(0)} ms, laid out ${r.laidOutMs?.toFixed(0) ?? "–"} ms, longest task ${r.longestTaskMs.toFixed(0)} ms${expanded}`,
          );
        }
        cases.push(summarise(c, runs));
      }
      const largest = [...seed.cases].sort((a, b) => b.items - a.items)[0];
      if (largest) {
        progress(`browser: profiling a load of the ${largest.name}`);
        profile = await profileLoad(browser, server.url, seed, largest);
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    const line = built.buildOutput.split("\n").find((l) => /[\s─├└┌]\/diff\b/.test(l)) ?? null;
    return {
      chromium: chromiumVersion(exe) ?? exe,
      buildMs: built.buildMs,
      buildRouteLine: line?.trim() ?? null,
      cases,
      profile,
    };
  } finally {
    await db.drop();
    built.remove();
  }
}

export function browserTargets(r: BrowserResult): TargetResult[] {
  return r.cases.map((c) => {
    const limit = LIMITS.find((l) => c.items <= l.maxItems) ?? LIMITS[1];
    const fast = c.median.interactiveMs < limit.interactiveMs;
    const smooth = limit.taskMs === null || c.worstTaskMs <= limit.taskMs;
    const js = c.runs[0]?.firstLoadJs;
    return {
      target: `${c.items} nodes: interactive graph under ${limit.interactiveMs / 1000} s${limit.taskMs ? `, no main-thread task over ${limit.taskMs} ms` : ""}`,
      met: fast && smooth,
      detail: `${c.overview ? "opens as the overview of collapsed sleds; " : ""}rendered ${fmtMs(c.median.renderedMs)}, interactive (a search answered) ${fmtMs(c.median.interactiveMs)}, laid out by elk ${fmtMs(c.median.laidOutMs)}; longest main-thread task ${fmtMs(c.median.longestTaskMs)} (worst run ${fmtMs(c.worstTaskMs)})${c.expandAll ? `; then “expand all sleds” draws every item in ${fmtMs(c.expandAll.ms)}, longest task ${fmtMs(c.expandAll.longestTaskMs)} (worst ${fmtMs(c.expandAll.worstTaskMs)})` : ""}${js ? `; first-load JS ${(js.gzipBytes / 1024).toFixed(0)} KiB gzip` : ""}`,
    };
  });
}
