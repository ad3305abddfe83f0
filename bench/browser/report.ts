/** The browser section of docs/BENCHMARKS.md. */
import { fmtMs, table } from "../lib/markdown.ts";
import { median } from "../lib/stats.ts";
import type { BrowserResult } from "./part.ts";

const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

export function browserSection(r: BrowserResult): string {
  const rows = r.cases.map((c) => {
    const js = c.runs[0]?.firstLoadJs;
    const med = (f: (x: (typeof c.runs)[number]) => number | null) =>
      median(c.runs.map(f).filter((x): x is number => x !== null));
    return [
      c.name,
      String(c.items),
      c.overview ? "overview of sleds" : "every item",
      String(c.runs.length),
      fmtMs(c.median.renderedMs),
      `**${fmtMs(c.median.interactiveMs)}**`,
      fmtMs(c.median.searchAnswerMs),
      fmtMs(c.median.laidOutMs),
      `**${fmtMs(c.median.longestTaskMs)}** (worst ${fmtMs(c.worstTaskMs)})`,
      c.expandAll
        ? `${fmtMs(c.expandAll.ms)}, longest task ${fmtMs(c.expandAll.longestTaskMs)} (worst ${fmtMs(c.expandAll.worstTaskMs)})`
        : "–",
      js ? `${kib(js.gzipBytes)} gzip (${kib(js.bytes)}), ${js.files} files` : "–",
      `${fmtMs(med((x) => x.timeline?.htmlMs ?? null))} / ${fmtMs(med((x) => x.timeline?.fcpMs ?? null))} / ${fmtMs(med((x) => x.timeline?.dataMs ?? null))}`,
    ];
  });
  return [
    `${r.chromium}, headless, 1440×900, a fresh browser context per run (nothing cached), against \`next start\` of a production build made from the working tree in a private copy (${(r.buildMs / 1000).toFixed(0)} s to build) on a fresh database; the page is \`/diff?parent=…&target=…&view=graph\` as a signed-in viewer. One unmeasured load per case first.`,
    "",
    "*opens as*: a graph of more than 300 items opens as an overview, one summary node per sled, each expanded on demand (components/diff-graph/overview.ts); *rendered*: navigation start → the first graph node painted, an item or a sled summary (a MutationObserver in the page looks once per frame); *interactive*: navigation start → a search typed as soon as the graph showed (“crucible”) is answered in the toolbar's status (*search answer* is that last part; it includes Playwright's round trips); *laid out*: → elk's layout finished in its Web Worker (“Laid out N items”; the graph is usable before, with the quick layout); *longest task*: the longest main-thread task (PerformanceObserver `longtask`, ≥ 50 ms) from navigation until laid out, median over runs; *expand all*: once laid out, “Expand all sleds” clicked → every sled's items drawn (one chunk of sleds per frame), and the longest main-thread task meanwhile; *first-load JS*: script bytes the page fetched before the first node was painted, as transferred (`next start` gzips) and decoded (the layout worker's own script is not visible to the page's resource timing); *HTML / first paint / graph data*: navigation start → the HTML received, the first contentful paint, the last tRPC answer the graph needed (diff and plan).",
    "",
    table(
      [
        "diff",
        "nodes",
        "opens as",
        "runs",
        "rendered",
        "interactive",
        "search answer",
        "laid out",
        "longest task",
        "expand all",
        "first-load JS",
        "HTML / first paint / graph data",
      ],
      rows,
      ["l"],
    ),
    profileTable(r),
    r.buildRouteLine && /\d/.test(r.buildRouteLine)
      ? `\n\`next build\` route line for /diff: \`${r.buildRouteLine}\``
      : "\n`next build` (Turbopack) prints no per-route sizes, so first-load JS is what the browser fetched.",
  ].join("\n");
}

function profileTable(r: BrowserResult): string {
  const p = r.profile;
  if (!p) return "";
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return [
    "",
    `Main-thread CPU profile of one load of the largest diff (CDP sampling every 0.5 ms; busy ${fmtMs(p.totalMs)} from navigation to laid out), self time by library and the top functions (minified names):`,
    "",
    table(
      ["library", "self time", "share"],
      p.byLibrary.map((h) => [h.name, fmtMs(h.selfMs), pct(h.share)]),
      ["l"],
    ),
    "",
    table(
      ["function", "library", "self time", "share"],
      p.byFunction.map((h) => [`\`${h.name}\``, h.library, fmtMs(h.selfMs), pct(h.share)]),
      ["l", "l"],
    ),
  ].join("\n");
}
